"""The built site: every page type, determinism, exports, safety and confidentiality."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

from conftest import ROOT, TODAY, mkdocs_config, run_okr, site_files
from helpers import PLATFORM, assert_index_is_pagefinds

PAGES = [
    "index.html",
    "teams.html",
    "alignment.html",
    "people.html",
    "archive.html",
    "health.html",
    "exports.html",
    "help.html",
    "periods/2026-Q4/index.html",
    "periods/2026-Q4/teams/platform.html",
    "periods/2026-Q4/alignment.html",
    "periods/2026-Q3/teams/platform.html",
    "people/alice.html",
    "people/li-na.html",
]


def test_every_page_type_is_built(example_site):
    for page in PAGES:
        assert (example_site / page).is_file(), page
    for name in (
        "okrs.json",
        "okrs.csv",
        "schema/okr-file.schema.json",
        "schema/org.schema.json",
    ):
        assert (example_site / name).is_file(), name


def test_build_is_deterministic(example_site, tmp_path):
    again = tmp_path / "again"
    assert run_okr("build", "--today", TODAY, "--out", str(again), cwd=ROOT).code == 0
    assert site_files(example_site) == site_files(again)


def test_build_refuses_to_publish_errors(company, tmp_path):
    company.write("okrs/2026-Q4/platform.yaml", PLATFORM.replace("[acme/O1]", "[acme/O9]"))
    out = tmp_path / "out"
    result = company.build("--out", str(out))
    assert result.code == 1
    assert "[reference-resolves]" in result.err and "not publishing" in result.err
    assert not out.exists()


def test_warnings_never_block_and_strict_fails_on_mkdocs_warnings(company, tmp_path):
    company.write(
        "okrs/2026-Q4/platform.yaml", PLATFORM.replace("    aligns_with: [acme/O1]\n", "")
    )
    assert company.build("--out", str(tmp_path / "a"), "--strict").code == 0  # checker warning
    # a help page with a broken link: a MkDocs warning, fatal only under --strict
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    (docs / "help.md").write_text("# Help\n\nSee [the missing page](missing.md).\n")
    config = mkdocs_config(tmp_path, docs=docs)
    okrs = str(company.root / "okrs")
    base = ["build", "--config", str(config), "--okrs", okrs, "--today", TODAY]
    assert run_okr(*base, "--out", str(tmp_path / "b"), cwd=ROOT).code == 0
    strict = run_okr(*base, "--out", str(tmp_path / "c"), "--strict", cwd=ROOT)
    assert strict.code == 1 and "missing.md" in strict.err


def test_plain_mkdocs_build_strict_works(tmp_path):
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795305600"}  # 2026-11-22
    out = tmp_path / "plain"
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "-d", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert (out / "periods/2026-Q4/teams/platform.html").is_file()
    assert not any((ROOT / "docs").glob("periods*")), "nothing may be written into docs/"


CONFIDENTIAL = [
    "acquisition",
    "regional competitor",
    "due diligence",
    "letter of intent",
    "Board approval",
]


def test_people_index_counts_what_each_person_owns_this_period(example_site):
    """Each row counts the objectives and key results its person owns in the current period,
    as the export lists them (check-ins and other periods do not count)."""
    model = json.loads((example_site / "okrs.json").read_text())
    current = next(p for p in model["periods"] if p["id"] == model["current_period"])
    expected: dict[str, list[int]] = {}
    for team in current["teams"]:
        for o in team["objectives"]:
            if o.get("owner"):
                expected.setdefault(o["owner"], [0, 0])[0] += 1
            for kr in o["key_results"]:
                if kr.get("owner"):
                    expected.setdefault(kr["owner"], [0, 0])[1] += 1
    html = (example_site / "people.html").read_text()
    rows = re.findall(
        r'<a href="people/([\w-]+)\.html">.*?</td>\s*<td>.*?</td>\s*<td>(\d+)</td><td>(\d+)</td>',
        html,
        flags=re.S,
    )
    assert len(rows) >= 10 and any(int(o) and int(k) for _, o, k in rows)
    for person, objectives, key_results in rows:
        assert [int(objectives), int(key_results)] == expected.get(person, [0, 0]), person


def test_confidential_objective_leaks_nowhere(example_site):
    for name, data in site_files(example_site).items():
        text = data.decode("utf-8", "replace") if not name.endswith(".gz") else ""
        for secret in CONFIDENTIAL:
            assert secret.lower() not in text.lower(), f"{secret!r} leaked into {name}"
    model = json.loads((example_site / "okrs.json").read_text())
    growth = next(
        t
        for p in model["periods"]
        if p["id"] == "2026-Q4"
        for t in p["teams"]
        if t["team"] == "growth"
    )
    assert growth["hidden_objectives"] == 1 and [o["id"] for o in growth["objectives"]] == [
        "O1",
        "O2",
    ]
    home = (example_site / "index.html").read_text()
    # growth's, not the company's: counted with every team's key results, not under the
    # company's own objectives
    company, _, rest = home.partition('id="kr-status"')
    assert "confidential objective" not in company.partition('id="company-objectives"')[2]
    assert "1 confidential objective not shown" in rest.partition("</section>")[0]


def test_exports(example_site):
    model = json.loads((example_site / "okrs.json").read_text())
    assert model["version"] == 3 and model["current_period"] == "2026-Q4"
    assert [p["id"] for p in model["periods"]] == ["2026-Q4", "2026-Q3", "2026"]
    platform = next(t for t in model["periods"][0]["teams"] if t["team"] == "platform")
    kr1 = platform["objectives"][0]["key_results"][0]
    assert kr1["progress"] == 0.6 and kr1["latest"] == {
        "date": "2026-11-16",
        "value": 520.0,
        "done": None,
    }
    assert platform["objectives"][0]["aligns_with"] == ["2026-Q4:engineering/O1"]
    # a key result's own alignment, and its type, are exported with it
    availability = platform["objectives"][0]["key_results"][1]
    assert availability["aligns_with"] == ["2026-Q4:acme/O1/KR3"]
    assert availability["type"] == "committed"  # its objective's type, inherited
    rows = list(
        csv.DictReader(io.StringIO((example_site / "okrs.csv").read_text(encoding="utf-8-sig")))
    )
    krs = sum(
        len(o["key_results"]) for p in model["periods"] for t in p["teams"] for o in t["objectives"]
    )
    assert len(rows) == krs
    running = [r for r in rows if r["period"] != "2026-Q3"]
    assert {r["status"] for r in running} <= {"on_track", "at_risk", "off_track"}
    finished = [r for r in rows if r["period"] == "2026-Q3"]
    # a finished period has no pace status: its key results are in grade bands
    assert {r["status"] for r in finished} == {""}
    assert {r["band"] for r in finished} <= {"delivered", "partial", "missed"}
    # and okrs.json says the same: in a finished period, bands only, never a pace status
    ended = [p for p in model["periods"] if p["finished"]]
    objectives = [o for p in ended for t in p["teams"] for o in t["objectives"]]
    assert objectives and all(o["status"] is None and o["band"] for o in objectives)
    key_results = [k for o in objectives for k in o["key_results"]]
    assert key_results and all(
        k["status"] is None and not k["status_reported"] and k["state"] == k["band"]
        for k in key_results
    )
    running = [p for p in model["periods"] if not p["finished"]]
    assert all(
        k["status"] in ("on_track", "at_risk", "off_track") and k["band"] is None
        for p in running
        for t in p["teams"]
        for o in t["objectives"]
        for k in o["key_results"]
    )


def test_charts_are_described_and_well_formed(example_site):
    svgs = [path.read_text() for path in sorted((example_site / "charts").glob("*.svg"))]
    assert len(svgs) >= 4  # the company's and teams' charts (matplotlib), as files
    team = (example_site / "periods/2026-Q4/teams/platform.html").read_text()
    drawn = re.findall(r'<svg xmlns="http://www.w3.org/2000/svg".*?</svg>', team, re.S)
    # metric and threshold key results with check-ins have a chart, drawn into the page;
    # milestones do not; each is left out of the search index whole (legend and caption too)
    assert len(drawn) == 3
    assert team.count('<figure class="chart" data-pagefind-ignore><svg xmlns=') == 3
    ns = "{http://www.w3.org/2000/svg}"
    ids = []
    for svg in svgs + drawn:
        root = ET.fromstring(svg)
        assert root.find(f"{ns}title").text and root.find(f"{ns}desc").text is not None
        assert root.get("role") == "img"
        assert "<text" in svg  # text stays text
        ids += [root.find(f"{ns}{tag}").get("id") for tag in ("title", "desc")]
    inline = ids[-6:]
    assert len(set(inline)) == 6 and all(f'id="{i}"' in team for i in inline)  # unique ids


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


HOSTILE = "<script>alert('t')</script><img src=x onerror=alert(1)>{{ 7*7 }}{% raw %}"


def _theme_inline(tag: str, attrs: dict[str, str | None]) -> bool:
    """The 404 page's own stylesheet and root-finding script (a host serves it at any depth,
    so it cannot link them): marked by the theme, which no user string can write."""
    return (tag, set(attrs)) in (("style", {"data-okr-inline"}), ("script", {"data-okr-root"}))


def _search_script(tag: str, attrs: dict[str, str | None]) -> bool:
    """The search page's scripts: Pagefind's interface and ours, by file, never inline."""
    return tag == "script" and set(attrs) == {"src"} and (attrs["src"] or "") in (
        "pagefind/pagefind-ui.js", "assets/search.js"
    )  # fmt: skip


def _tables_script(tag: str, attrs: dict[str, str | None]) -> bool:
    """Every page's table enhancement (filter and sort), by file, never inline."""
    return (
        tag == "script"
        and set(attrs) == {"src", "data-filter", "data-shown", "defer"}
        and (attrs["src"] or "").endswith("assets/tables.js")
    )


def test_hostile_strings_are_shown_as_text(company, tmp_path):
    text = PLATFORM.replace(
        "Make the platform boringly reliable", HOSTILE.replace("'", "''").join(["'", "'"])
    )
    text = text.replace(
        "    aligns_with:",
        '    description: |\n      [click](javascript:alert(1)) <iframe src=https://evil></iframe>\n      <a href="https://ok.example" onclick="alert(1)" style="color:red">ok</a> <script>alert(2)</script>\n    aligns_with:',
    )
    text = text.replace(
        "{date: 2026-11-16, value: 520}",
        '{date: 2026-11-16, value: 520, note: "<b onmouseover=alert(3)>x</b> [m](mailto:a@b.example)"}',
    )
    text += 'recognition:\n  - {date: 2026-11-02, to: bob, message: "<svg onload=alert(4)>"}\nretrospective: "<style>body{display:none}</style>**bold**"\n'
    company.write("okrs/2026-Q4/platform.yaml", text)
    org = (
        (company.root / "okrs/org.yaml")
        .read_text()
        .replace("name: Bob Okafor", 'name: "<img src=x onerror=alert(5)>"')
    )
    company.write("okrs/org.yaml", org)
    out = tmp_path / "out"
    result = company.build("--out", str(out))
    assert result.code == 0, result.err
    for name, data in site_files(out).items():
        if not name.endswith((".html", ".svg")):
            continue
        parser = Tags()
        parser.feed(data.decode("utf-8"))
        svg = name.endswith(".svg")  # matplotlib writes a fixed <style> and style attributes
        for tag, attrs in parser.tags:
            if name == "404.html" and _theme_inline(tag, attrs):
                continue
            if name == "search.html" and _search_script(tag, attrs):
                continue
            if _tables_script(tag, attrs):
                continue
            assert tag not in ("script", "iframe", "object", "embed"), (name, tag)
            assert svg or tag != "style", (name, tag)
            for attr, value in attrs.items():
                assert not attr.startswith("on"), (name, tag, attr)
                if attr in ("href", "src"):
                    assert not (value or "").strip().lower().startswith(("javascript:", "data:")), (
                        name,
                        value,
                    )
                if attr == "style" and not svg and tag != "div":  # our progress bars only
                    raise AssertionError((name, tag, attrs))
    team = (out / "periods/2026-Q4/teams/platform.html").read_text()
    parser = Tags()
    parser.feed(team)
    shown = "".join(parser.text)
    assert HOSTILE in shown  # the title, as text, exactly as written
    # never evaluated as a template (the trend since last week is a number of its own)
    assert "49" not in re.sub(r"[▲▼=] [+-]?\d+ pts", "", shown).replace("2049", "")
    assert '<a href="https://ok.example" rel="noopener noreferrer nofollow">ok</a>' in team
    assert '<a href="mailto:a@b.example" rel="noopener noreferrer nofollow">m</a>' in team
    # CommonMark: a line that opens with <style> is raw HTML to its end, which the cleaning
    # drops with the style; the Markdown after it on that line is kept as text
    assert "display:none" not in team and "**bold**" in team
    person = (out / "people/bob.html").read_text()
    assert "&lt;img src=x onerror=alert(5)&gt;" in person


def test_chinese_interface(company, tmp_path):
    org = (
        (company.root / "okrs/org.yaml")
        .read_text()
        .replace("timezone: UTC", "timezone: Asia/Shanghai\n  language: zh")
    )
    company.write("okrs/org.yaml", org)
    out = tmp_path / "out"
    assert company.build("--out", str(out)).code == 0
    home = (out / "index.html").read_text()
    assert 'lang="zh-Hans"' in home and "首页" in home and "公司目标" in home


def test_pages_the_plugin_writes_are_those_mkdocs_page_pass_writes(monkeypatch, tmp_path):
    """Generated pages outside the nav are wrapped in the theme and written by the plugin, in
    worker processes (mkdocs_hooks._write_generated); a configuration with another plugin
    sends every page through MkDocs' own pass. Both sites are the same, byte for byte, in two
    languages."""
    from generator import forking, mkdocs_hooks
    from generator.check import check_tree
    from generator.site import parallel

    okrs = tmp_path / "okrs"
    shutil.copytree(ROOT / "okrs", okrs)
    org = okrs / "org.yaml"
    org.write_text(
        org.read_text().replace("\nteams:\n", "\nsite:\n  languages: [en, zh]\n\nteams:\n", 1)
    )
    monkeypatch.setattr(forking.threading, "active_count", lambda: 1)
    monkeypatch.setattr(parallel, "PARALLEL_PAGES", 2)
    written: list[str] = []
    real = mkdocs_hooks._write_page
    monkeypatch.setattr(
        mkdocs_hooks, "_write_page", lambda src: (written.append(src), real(src))[1]
    )

    def site(out: Path) -> dict[str, bytes]:
        project = mkdocs_hooks.load(ROOT / "mkdocs.yml")
        mkdocs_hooks.build(project, out, okrs, TODAY, check_tree(okrs, TODAY))
        return site_files(out)

    ours = site(tmp_path / "ours")
    # written in the workers: the spy's list in this process stays empty, yet the pages exist
    assert written == [] and (tmp_path / "ours/zh/periods/2026-Q4/teams/platform.html").is_file()
    monkeypatch.setattr(mkdocs_hooks, "_only_ours", lambda config: False)
    theirs = site(tmp_path / "theirs")
    assert written == []  # MkDocs' pass wrote every page
    assert ours.keys() == theirs.keys() and len(ours) > 200
    assert [name for name in ours if ours[name] != theirs[name]] == []


def test_health_page_reports_the_stale_team(example_site):
    health = (example_site / "health.html").read_text()
    assert "[stale-check-in]" in health and "mobile.yaml" in health
    parser = Tags()
    parser.feed(health)
    assert "".join(parser.text).count("yes") >= 10  # every team submitted OKRs for 2026-Q4
    # Mobile's crash-rate key result was last checked in on 2026-11-02: 20 days, flagged
    assert (
        '<td data-label="Days since the stalest key result&#39;s check-in" class="bad">20</td>'
        in health
    )


def test_pages_rendered_in_worker_processes_are_the_same(monkeypatch, capsys):
    """Pages are rendered by forked workers when there are many: the pages, their chart
    specs, the files (exports) and their order are exactly what one process makes."""
    from generator import charts, forking, progress
    from generator.check import check_tree
    from generator.model_builder import build_model
    from generator.site import pages, parallel

    checked = check_tree(ROOT / "okrs", "2026-11-22")
    ctx = checked.ctx

    def site() -> tuple[list[tuple[str, str]], dict, dict]:
        model = build_model(ctx.org, ctx.workspace.documents, ctx.today, ctx.settings)
        store = charts.ChartStore(None)
        built = pages.build_site(model, checked.report.problems, store, {}, languages=("en", "zh"))
        return (
            [(p.src, p.html) for p in built.pages.values()],
            dict(sorted(store.specs.items())),
            dict(built.files),
        )

    monkeypatch.setattr(parallel, "PARALLEL_PAGES", 10**9)
    alone, alone_specs, alone_files = site()
    monkeypatch.setattr(parallel, "PARALLEL_PAGES", 2)
    contexts: list[str] = []
    real = forking.context

    def spy():
        contexts.append("fork")
        return real()

    monkeypatch.setattr(forking, "context", spy)
    # earlier tests may leave idle server threads in this process; the workers only render
    monkeypatch.setattr(forking.threading, "active_count", lambda: 1)
    monkeypatch.setattr(parallel, "PAGE_CHUNK", 4)  # several chunks per worker, in any order
    monkeypatch.setattr(progress, "SHOWN_FROM", 1)  # progress, as a CI log shows it
    forked, forked_specs, forked_files = site()
    assert contexts == ["fork", "fork"]  # the workers did render them, in each language
    assert forked == alone and forked_specs == alone_specs and forked_files == alone_files
    assert len([src for src, _ in alone if "/teams/" in src]) == 2 * 17  # three periods
    assert len([src for src, _ in alone if "/people/" in src]) > 10  # person pages too
    assert "okrs.json" in forked_files and forked_specs  # exports and charts came back
    logged = capsys.readouterr().err
    totals = {int(m) for m in re.findall(r"Making pages: \d+ of (\d+)", logged)}
    assert len(totals) == 1 and totals.pop() > 17 + 10, logged  # one job per page or list
    assert logged.count("Making pages:") >= 6  # quarters in each language


def test_diagram_titles_are_shortened_by_the_columns_they_take():
    from generator.site.diagram import _short

    assert _short("Make it fast") == "Make it fast"
    latin = _short("Make the API fast enough that nobody thinks about it")
    assert latin.endswith("…") and len(latin) == 27
    chinese = _short("让每个团队都能信赖同一套核心指标并且每周更新")  # two columns each
    assert chinese.endswith("…") and len(chinese) == 14  # 13 characters and the ellipsis


def test_a_custom_periods_name_is_shown_wherever_the_period_appears(company, tmp_path):
    org = (company.root / "okrs/org.yaml").read_text()
    org += (
        "periods:\n  - {id: 2026-T3, name: Autumn trimester, start: 2026-09-01, end: 2026-12-31}\n"
    )
    company.write("okrs/org.yaml", org)
    team = (company.root / "okrs/2026-Q4/platform.yaml").read_text()
    team = team.replace("period: 2026-Q4", "period: 2026-T3").replace("aligns_with: [acme/O1]", "")
    company.write("okrs/2026-T3/platform.yaml", team)
    out = tmp_path / "out"
    result = company.build("--out", str(out))
    assert result.code == 0, result.err
    page = (out / "periods/2026-T3/teams/platform.html").read_text()
    assert '<h1>Platform <span class="muted">· Autumn trimester</span></h1>' in page
    assert "<title>Platform · Autumn trimester · " in page
    teams = (out / "teams.html").read_text()
    assert 'teams/platform.html">Autumn trimester</a>' in teams
    home = (out / "periods/2026-T3/index.html").read_text()
    assert "· Autumn trimester</span></h1>" in home and ">Autumn trimester</a>" in home


def test_long_status_lists_go_on_over_pages(monkeypatch):
    from generator.charts import ChartStore
    from generator.check import check_tree
    from generator.model_builder import build_model
    from generator.site import pages, period_pages

    checked = check_tree(ROOT / "okrs", today="2026-11-22")
    ctx = checked.ctx
    model = build_model(ctx.org, ctx.workspace.documents, ctx.today, ctx.settings)
    monkeypatch.setattr(period_pages, "STATE_ROWS", 5)
    site = pages.build_site(model, checked.report.problems, ChartStore(None), {})
    names = sorted(s for s in site.pages if s.startswith("periods/2026-Q4/states/at_risk"))
    assert names == [
        "periods/2026-Q4/states/at_risk-2.md",
        "periods/2026-Q4/states/at_risk-3.md",
        "periods/2026-Q4/states/at_risk.md",
    ]
    rows = [site.pages[n].html.count("<tr>") - 1 for n in names]  # minus the header row
    assert rows == [5, 2, 5]  # 12 key results at risk, 5 to a page
    first = site.pages["periods/2026-Q4/states/at_risk.md"].html
    assert "12 key results" in first  # the whole list's count, on every page
    assert (
        'href="at_risk-3.html"' in first and '<a href="at_risk.html" aria-current="page">1' in first
    )


def test_the_attention_list_and_the_heatmap_go_on_over_pages(monkeypatch):
    from generator import attention
    from generator.charts import ChartStore
    from generator.check import check_tree
    from generator.model_builder import build_model
    from generator.site import pages, period_pages

    checked = check_tree(ROOT / "okrs", today="2026-11-22")
    ctx = checked.ctx
    model = build_model(ctx.org, ctx.workspace.documents, ctx.today, ctx.settings)
    view = model.period("2026-Q4")
    items = attention.needs_attention(view, model.today)
    assert len(items) > 3 and len(view.teams) == 10
    monkeypatch.setattr(period_pages, "ATTENTION_ROWS", 3)
    monkeypatch.setattr(period_pages, "HEATMAP_ROWS", 4)
    site = pages.build_site(model, checked.report.problems, ChartStore(None), {})
    base = "periods/2026-Q4/"
    lists = sorted((n for n in site.pages if n.startswith(base + "attention")), key=len)
    maps = sorted((n for n in site.pages if n.startswith(base + "heatmap")), key=len)
    assert len(lists) == -(-len(items) // 3) and maps == [
        base + "heatmap.md", base + "heatmap-2.md", base + "heatmap-3.md"]  # fmt: skip
    shown = [
        re.search(r'<ul class="attention">(.*?)</ul>\n', site.pages[n].html, re.S)
        .group(1)
        .count("<li>")
        for n in lists
    ]
    assert sum(shown) == len(items) and shown[0] == 3  # most urgent first, none lost
    rows = [site.pages[n].html.count('<th scope="row">') for n in maps]
    assert rows == [4, 4, 2]  # ten teams, four to a page
    first = site.pages[base + "attention.md"].html
    assert f"{len(items)} " in first and 'href="heatmap.html"' in first  # whole count, link
    assert '<a href="heatmap-3.html">3</a>' in site.pages[base + "heatmap.md"].html


def test_check_in_tables_show_the_columns_their_check_ins_fill(company, tmp_path):
    out = tmp_path / "site"
    assert company.build("--out", str(out)).code == 0
    page = (out / "periods/2026-Q4/teams/platform.html").read_text()
    tables = re.findall(r'<table class="check-ins">(.*?)</table>', page, re.S)
    assert len(tables) == 2  # KR1 (status, note, by) and KR2 (a value only)
    headers = [re.findall(r'<th scope="col">([^<]+)</th>', t) for t in tables]
    assert headers[0] == ["Date", "Value", "Status", "Note", "By"]  # no confidence given
    assert headers[1] == ["Date", "Value"]
    for table, names in zip(tables, headers, strict=True):
        rows = re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1], re.S)
        assert rows and all(row.count("<td") == len(names) for row in rows)
    assert "99.97 %" in tables[1] and "Pooling on 6 of 9 services." in tables[0]


def test_the_search_index_is_the_one_pagefind_makes_of_the_whole_site(example_site, tmp_path):
    """The build gives Pagefind copies of the searched pages' bodies without their ignored
    blocks (generator/searchcopy.py); the index must be exactly what Pagefind makes of the site."""
    team = (example_site / "periods/2026-Q4/teams/platform.html").read_text()
    assert "data-pagefind-body" in team and "<details data-pagefind-ignore" in team
    assert_index_is_pagefinds(example_site, tmp_path / "whole")


def test_the_search_entry_lists_its_languages_in_a_fixed_order():
    """Pagefind writes a bilingual site's languages in hash-map order, which changes from run
    to run; the build puts them in order (found comparing two builds of the same files)."""
    from generator.search import in_order

    written = ('{"version":"1.5.2","languages":{"zh-hans":{"hash":"zh-hans_8","wasm":null,'
               '"page_count":48},"en":{"hash":"en_8a","wasm":"en","page_count":48}},'
               '"include_characters":["_","‿"]}').encode()  # fmt: skip
    ordered = in_order(written)
    assert json.loads(ordered) == json.loads(written)
    assert list(json.loads(ordered)["languages"]) == ["en", "zh-hans"]
    assert ordered == in_order(in_order(written))
    assert "‿".encode() in ordered  # written as Pagefind writes it, not escaped


def test_a_key_result_checked_in_by_one_person_says_so_once(example_site):
    """Most key results are checked in by their owner every week: the name is said once
    above the table instead of on every row (a narrower table on a phone, a lighter page)."""
    page = (example_site / "periods/2026-Q4/teams/platform.html").read_text()
    said = page.split("All check-ins by ")
    assert len(said) == 2, len(said)
    assert said[1].startswith('<a class="person" href="../../../people/bob.html">Bob Mensah</a>')
    table = said[1].split('<table class="check-ins">', 1)[1].split("</table>", 1)[0]
    headers = re.findall(r'<th scope="col">([^<]+)</th>', table)
    assert headers[:2] == ["Date", "Value"] and "By" not in headers
    rows = re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1], re.S)
    assert len(rows) == 7 and all(row.count("<td") == len(headers) for row in rows)
    assert "<td><time>2026-11-16</time></td>" in table
