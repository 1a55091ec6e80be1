"""The status lists' rows are written in Python (site/state_rows.py) for speed: they must be,
byte for byte, what the template's loop wrote, for owners of every kind (none, a person of
the company, a name nobody declared), both a running and a finished period, and user text
that has to be escaped."""

from __future__ import annotations

import functools
import shutil

from conftest import ROOT

from generator import attention
from generator.check import check_tree
from generator.model_builder import build_model
from generator.site import pages, state_rows, urls

# the loop states.html had before the rows were written in Python
TEMPLATE_ROWS = """{% import "_macros.html" as x with context %}
  {% for tp, o, kr in rows %}
    <tr>
      <td data-label="{{ ui['key_result'] }}"><a href="{{ link(urls.kr_link(view.id, tp.team.id, o.id, kr.id)) }}">{{ o.id }}/{{ kr.id }}: {{ kr.title }}</a>{% if kr.type == 'committed' %} <span class="tag">{{ ui['committed'] }}</span>{% endif %}</td>
      <td data-label="{{ ui['team'] }}"><a href="{{ link(urls.team_page(view.id, tp.team.id)) }}">{{ tp.team.name }}</a></td>
      <td data-label="{{ ui['owner'] }}">{{ x.person(kr.owner) }}</td>
      <td data-label="{{ ui['score'] if view.finished else ui['progress'] }}">{% if view.finished %}{{ score(kr.score) }}{% else %}{{ pct(kr.progress_raw) }}{% endif %}</td>
      <td data-label="{{ ui['latest_check_in'] }}">{% if kr.latest %}<time datetime="{{ kr.latest.day }}">{{ kr.latest.day }}</time>{% else %}<span class="muted">{{ ui['no_check_in'] }}</span>{% endif %}</td>
    </tr>
  {% endfor %}
"""


def test_rows_are_what_the_template_wrote(tmp_path):
    okrs = tmp_path / "okrs"
    shutil.copytree(ROOT / "okrs", okrs)
    platform = okrs / "2026-Q4/platform.yaml"
    text = platform.read_text()
    text = text.replace("Cut p99 API latency", 'Cut <script>alert("p99")</script> & "latency"', 1)
    # a key result's owner nobody declared, and one with no owner at all
    assert text.count("\n        owner: ") >= 2
    text = text.replace("\n        owner: ", "\n        owner: nobody-declared-", 1)
    at = text.rindex("\n        owner: ")
    text = text[:at] + text[text.index("\n", at + 1) :]
    text = "\n".join(line for line in text.split("\n") if not line.startswith("    owner: "))
    org = okrs / "org.yaml"  # and the team no lead whom its objectives would fall to
    before = org.read_text()
    org.write_text(
        before.replace("    parent: engineering\n    lead: alice\n", "    parent: engineering\n", 1)
    )
    assert org.read_text() != before
    platform.write_text(text)
    checked = check_tree(okrs, today="2026-11-22")
    ctx = checked.ctx
    model = build_model(ctx.org, ctx.workspace.documents, ctx.today, ctx.settings)
    for language in ("en", "zh"):
        builder = pages.Builder(model, checked.report.problems, None, {}, language=language)
        template = builder.env.from_string(TEMPLATE_ROWS)
        seen: set[str] = set()
        for view in model.periods:
            for state, rows in attention.by_state(view).items():
                if not rows:
                    continue  # the page says there is none, with no table
                src = urls.state_list(view.id, state)
                link = functools.partial(builder.href, src)
                wrote = template.render(
                    rows=rows, view=view, ui=builder.ui, link=link, urls=urls, m=model,
                    pct=builder.pct, score=builder.score_text,
                )  # fmt: skip
                measure = (
                    (lambda kr, b=builder: b.score_text(kr.score))
                    if view.finished
                    else (lambda kr, b=builder: b.pct(kr.progress_raw))
                )
                made = state_rows.rows(model, view, rows, builder.ui, link, measure)
                assert str(made) + "\n" == wrote, (view.id, state)
                seen.add(made)
        written = "".join(seen)
        # every kind of row was compared: escaped text, each kind of owner, both periods
        assert "&lt;script&gt;" in written and "<script>" not in written
        assert 'class="person"' in written and "nobody-declared-" in written
        assert f'<span class="muted">{builder.ui["no_owner"]}</span>' in written
        assert "<time datetime=" in written
        assert any(v.finished for v in model.periods) and any(not v.finished for v in model.periods)
