"""A key result's part of its team page is written in Python (site/kr_article.py) for speed:
it must be, byte for byte, what team.html's loop wrote with `_macros.html`, for every kind
of key result (a metric, with its start or target not set too; a milestone; a threshold and
a band), alignment either way, initiatives, running and finished periods, both languages,
with and without an edit link, and user text that has to be escaped or isolated."""

from __future__ import annotations

import functools
import shutil

from conftest import ROOT

from generator.check import check_tree
from generator.model_builder import build_model
from generator.site import kr_article, pages, urls
from generator.site.html import html_text

# the loop team.html had before its key results were written in Python (with the figures a
# check-in moves since left out of the search index, as the writer leaves them)
TEMPLATE_LOOP = """{% import "_macros.html" as x with context %}
  {% for kr in o.key_results %}
  <article class="kr" id="{{ urls.kr_anchor(o.id, kr.id) }}">
    <h3><span class="oid">{{ kr.id }}</span> {{ kr.title }} <a class="permalink" data-pagefind-ignore href="#{{ urls.kr_anchor(o.id, kr.id) }}" title="{{ ui['permalink'] }}" aria-label="{{ ui['permalink'] }}{{ ui['colon'] }}{{ o.id }}/{{ kr.id }}">#</a></h3>
    <p class="meta">{{ x.status(kr.state, true) }} {{ x.confidence(kr.confidence, true) if not finished else '' }}{% if kr.type != o.type %} <span class="tag">{{ ui[kr.type] }}</span>{% endif %} {{ x.tags(kr.tags) }} · {{ ui['owner'] }}{{ ui['colon'] }}{{ x.person(kr.owner) }} · {{ ui['weight'] }} {{ num(kr.weight) }}<span data-pagefind-ignore> · {{ ui['progress'] }} {{ pct(kr.progress_raw) }} {{ x.trend(kr.progress, kr.week_ago) }}</span>{% if finished or kr.graded %} · {{ x.grade(kr, finished) }}{% endif %}</p>
    {% if kr.description %}<div class="md small">{{ kr.description|md }}</div>{% endif %}
    <p data-pagefind-ignore>{{ x.kr_value(kr) }}{% if not finished %} <span class="muted small">· {% if kr.due %}{{ t('due', date=kr.due) }} · {% endif %}{{ t('expected_pct', pct=pct(kr.expected)) }}</span>{% elif kr.due %} <span class="muted small">· {{ t('due', date=kr.due) }}</span>{% endif %}</p>
    {% if kr.supports or kr.supported_by %}
    <dl class="alignment small">
      {% if kr.supports %}<dt>{{ ui['contributes_to'] }}</dt>{% for l in kr.supports %}<dd>{{ x.end_link(l.target, l.key_result, view.id) }}</dd>{% endfor %}{% endif %}
      {% if kr.supported_by %}<dt>{{ ui['supported_by'] }}</dt>{% for l in kr.supported_by %}<dd>{{ x.end_link(l.source, l.source_key_result, view.id) }}</dd>{% endfor %}{% endif %}
    </dl>
    {% endif %}
    {{ x.bar(kr.progress, kr.expected if kr.kind == 'metric' and not finished else none, kr.state, unsearched=true) }}
    {{ chart(kr_charts[(o.id, kr.id)]) }}
    {% if not finished %}{{ x.check_in_help(tp, o, kr, edit_url) }}{% endif %}
    {% if kr.check_ins %}
    <details data-pagefind-ignore{% if not finished %} open{% endif %}>
      <summary>{{ ui['check_ins'] }} ({{ kr.check_ins|length }})</summary>
      {{ check_in_author(kr) }}
      <div class="table-wrap" tabindex="0" role="region" aria-label="{{ t('scroll_region', what=ui['check_ins'] ~ ' ' ~ o.id ~ '/' ~ kr.id) }}"><table class="check-ins">
        {% set columns = check_in_columns(kr) %}<thead><tr>{% for name in columns %}<th scope="col">{{ ui[name] }}</th>{% endfor %}</tr></thead>
        <tbody>
{{ check_in_rows(kr, columns) }}
        </tbody>
      </table></div>
    </details>
    {% else %}<p class="muted small">{{ ui['no_check_in'] }}</p>{% endif %}
    {% if kr.initiatives %}
    <h4>{{ ui['initiatives'] }}</h4>
    <ul class="initiatives">
      {% for i in kr.initiatives %}
      <li><span class="tag tag-{{ i.status }}">{{ ui[i.status] }}</span> {% if i.url %}<a href="{{ i.url }}" rel="noopener noreferrer nofollow">{{ i.title }}</a>{% else %}{{ i.title }}{% endif %}{% if i.owner %} · {{ x.person(i.owner) }}{% endif %}</li>
      {% endfor %}
    </ul>
    {% endif %}
  </article>
  {% endfor %}
"""

HOSTILE = 'Cut <script>alert("p99")</script> & "latency" \u202eevil'


def _company(tmp_path):
    okrs = tmp_path / "okrs"
    shutil.copytree(ROOT / "okrs", okrs)
    platform = okrs / "2026-Q4/platform.yaml"
    text = platform.read_text()
    edits = [
        ("Cut p99 API latency", HOSTILE),
        ("unit: ms}", 'unit: "<b>ms</b>"}'),  # a unit to escape
        ("tags: [latency]", "tags: [latency, 延迟]"),
        # a band, and a metric whose start and target are not set yet
        ("threshold: {at_least: 99.95,", "threshold: {at_least: 99.95, at_most: 99.999,"),
        ("metric: {start: 95, target: 30, unit: min}", "metric: {unit: min}"),
        # a baseline nobody measured yet, on a key result nobody owns, which contributes to a
        # key result of the year
        (
            "      - id: KR3\n        title: The public status page",
            "      - id: KR9\n        title: Know the on-call load\n        metric: {unit: pages}\n"
            '        aligns_with: ["2026:acme/O1/KR1"]\n'
            "      - id: KR3\n        title: The public status page",
        ),
    ]
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    platform.write_text(text)
    data = okrs / "2026-Q3/data.yaml"  # a key result of a finished period nobody graded
    text = data.read_text()
    assert "        score: 0.9\n" in text
    data.write_text(text.replace("        score: 0.9\n", "", 1))
    return okrs


def _loops(builder, model, edit_base):
    """Every objective's key results, as the old loop and as the Python writer write them."""
    template = builder.env.from_string(TEMPLATE_LOOP)
    for view in model.periods:
        for tp in view.teams.values():
            src = urls.team_page(view.id, tp.team.id)
            kr_charts = {
                (o.id, kr.id): builder.kr_chart(view, kr, urls.chart_ids(o.id, kr.id))
                for o, kr in tp.key_results()
            }
            edit_url = f"{edit_base}/{tp.source}" if edit_base else None
            link = functools.partial(builder.href, src)
            page = kr_article.TeamPage(model, view, tp, link, edit_url, kr_charts)
            writer = kr_article.Writer(builder.labels, page)
            for o in tp.objectives:
                wrote = template.render(
                    **builder.context(src), o=o, tp=tp, view=view, finished=view.finished,
                    edit_url=edit_url, kr_charts=kr_charts,
                )  # fmt: skip
                made = "".join(f"{writer(o, kr)}\n" for kr in o.key_results)
                yield (view.id, tp.team.id, o.id), wrote, made


def test_articles_are_what_the_template_wrote(tmp_path):
    okrs = _company(tmp_path)
    checked = check_tree(okrs, today="2026-11-22")
    ctx = checked.ctx
    model = build_model(ctx.org, ctx.workspace.documents, ctx.today, ctx.settings)
    written = []
    for language in ("en", "zh"):
        builder = pages.Builder(model, checked.report.problems, None, {}, language=language)
        for edit_base in (None, "https://git.example/edit/main/okrs"):
            for where, wrote, made in _loops(builder, model, edit_base):
                assert made == wrote, where
                written.append(made)
    html = "".join(written)
    # every kind of article was compared
    assert "&lt;script&gt;" in html and "<script>" not in html and "\u2068" in html
    assert "&lt;b&gt;ms&lt;/b&gt;" in html and '<span class="chip" dir="auto">延迟</span>' in html
    ui_en, ui_zh = pages.strings("en"), pages.strings("zh")
    for ui in (ui_en, ui_zh):
        for key in ("baseline_pending", "target_not_set", "done", "not_done", "holding",
                    "contributes_to", "supported_by", "initiatives", "check_in_editor",
                    "check_in_now", "no_check_in", "not_graded"):  # fmt: skip
            assert html_text(ui[key]) in html, key
    assert f" {ui_en['and']} " in html  # the band
    assert 'class="trend trend-' in html and 'class="confidence"' in html
    assert 'class="person"' in html and 'rel="noopener noreferrer nofollow"' in html
    assert "<details data-pagefind-ignore>" in html  # a finished period's check-ins
    assert "<details data-pagefind-ignore open>" in html
    assert '<dd><a href="../../2026/teams/acme.html#o-O1/KR1">2026 · ' in html
