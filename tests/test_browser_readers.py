"""The site as its readers use it, in Debian's chromium: what needs attention, the lists
behind every status count, the phone menu, and the 404 page under a sub-path (as GitHub
project pages serve it)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import QuietHandler, serve_folder
from playwright.sync_api import Page, expect


class _Pages(QuietHandler):
    """A static host like GitHub Pages: the site lives under /sub/, and any missing path is
    answered with the site's 404.html and status 404."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            super().send_error(code, message, explain)
            return
        body = (Path(self.directory) / "sub" / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="module")
def site_url(example_site) -> Iterator[str]:
    with serve_folder(example_site) as url:
        yield url


@pytest.fixture
def tab(browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda e: page.errors.append(str(e)))  # type: ignore[attr-defined]
    yield page
    context.close()


def test_home_lists_what_needs_attention_and_links_each_item(tab, site_url):
    tab.goto(site_url + "index.html")
    section = tab.locator("section[aria-labelledby=needs-attention]")
    expect(section.locator("h2")).to_contain_text("Needs attention (4)")
    items = section.locator("ul.attention > li")
    expect(items).to_have_count(4)
    # most urgent first: the committed key result at risk, then stale, low confidence, worse
    expect(items.nth(0)).to_contain_text("Committed, at risk")
    expect(items.nth(0)).to_contain_text("Pass the SOC 2 Type II audit with no exceptions")
    expect(items.nth(0)).to_contain_text("last check-in 6 days ago")
    expect(items.nth(1)).to_contain_text("Stale")
    expect(items.nth(2)).to_contain_text("Low confidence")
    expect(items.nth(3)).to_contain_text("Worse than last week")
    # each item opens its key result's anchor on the team page
    items.nth(0).locator("a").first.click()
    expect(tab).to_have_url(re.compile(r"periods/2026-Q4/teams/operations\.html#o-O1/KR1$"))
    assert tab.evaluate("document.querySelector(':target').id") == "o-O1/KR1"
    # highlighted, with a visible permalink to itself
    target = tab.locator("article.kr:target")
    assert target.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    permalink = target.locator("h3 a.permalink")
    expect(permalink).to_be_visible()
    assert permalink.get_attribute("href") == "#o-O1/KR1"
    assert tab.errors == []  # type: ignore[attr-defined]


def test_every_status_count_links_to_the_list_it_counts(tab, site_url):
    tab.goto(site_url + "index.html")
    legend = tab.locator("section[aria-labelledby=kr-status] ul.legend a")
    expect(legend).to_have_count(3)
    at_risk = legend.filter(has_text="At risk")
    n = int(at_risk.locator("strong").inner_text())
    assert n > 0
    at_risk.click()
    expect(tab).to_have_url(re.compile(r"periods/2026-Q4/states/at_risk\.html$"))
    rows = tab.locator("table tbody tr")
    expect(rows).to_have_count(n)
    expect(tab.locator("h1")).to_contain_text(f"{n} key results")
    # every row is a key result in that state, linked to its anchor
    href = rows.first.locator("td").first.locator("a").get_attribute("href")
    assert re.search(r"teams/[\w-]+\.html#o-[^/]+/[^/]+$", href or "")
    # the switch between states counts the same
    expect(tab.locator("nav.periods a[aria-current=page]")).to_have_text(f"At risk ({n})")


def test_attention_page_leads_to_the_heatmap_with_status_in_words(tab, site_url):
    tab.goto(site_url + "periods/2026-Q4/attention.html")
    tab.get_by_role("link", name="Teams and their objectives", exact=True).click()
    expect(tab).to_have_url(re.compile(r"periods/2026-Q4/heatmap\.html$"))
    rows = tab.locator("table.heatmap tbody tr")
    assert rows.count() == 10
    cells = tab.locator("ul.heat li")
    assert cells.count() >= 10
    for i in range(cells.count()):  # never by colour alone: the status is written in the cell
        assert re.search(r"On track|At risk|Off track", cells.nth(i).inner_text())
    # the trend since a week ago, as an arrow and in points
    expect(rows.first.locator(".trend")).to_have_text(re.compile(r"^[▲▼=] [+-]?\d+ pts$"))


@pytest.mark.parametrize(
    "path",
    [
        "index.html",
        "periods/2026-Q4/attention.html",
        "periods/2026-Q4/states/on_track.html",
        "periods/2026-Q4/heatmap.html",
        "format.html",
        "rules.html",  # wide tables of their own
    ],
)
def test_phone_menu_takes_one_line_and_nothing_scrolls_sideways(browser, site_url, path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = context.new_page()
    page.goto(site_url + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{path} scrolls sideways by {overflow}px on a phone"
    for region in page.locator("main table").all():  # a wide table scrolls in a region
        wrap = region.locator("xpath=..")
        assert wrap.get_attribute("tabindex") == "0" and wrap.get_attribute("role") == "region"
    header = page.locator("header.site")
    assert header.bounding_box()["height"] < 64  # one line: the brand and a menu button
    menu = page.locator("details.menu summary")
    expect(menu).to_be_visible()
    expect(page.locator("nav.sections.wide")).to_be_hidden()
    menu.click()
    link = page.locator("details.menu nav a", has_text="Teams")
    expect(link).to_be_visible()
    link.click()
    expect(page.locator("h1")).to_have_text("Teams")
    context.close()


def test_wide_screen_shows_the_sections_without_a_menu(tab, site_url):
    tab.goto(site_url + "index.html")
    expect(tab.locator("nav.sections.wide a", has_text="Alignment")).to_be_visible()
    expect(tab.locator("details.menu")).to_be_hidden()


def test_404_keeps_its_styles_and_links_under_a_sub_path(browser, example_site, tmp_path):
    shutil.copytree(example_site, tmp_path / "sub")
    with serve_folder(tmp_path, _Pages) as url:
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        page = context.new_page()
        response = page.goto(url + "sub/no/such/deep/page.html")
        assert response is not None and response.status == 404
        expect(page.locator("h1")).to_have_text("This page does not exist (any more).")
        # styled: the header's background and the body font come from the site's stylesheet
        background = page.evaluate(
            "getComputedStyle(document.querySelector('header.site')).backgroundColor"
        )
        assert background == "rgb(245, 246, 248)"
        # the links find the site's root under /sub/ and work from this depth
        home = page.locator("main a", has_text="Home")
        expect(home).to_have_attribute("href", "/sub/index.html")
        expect(page.locator("nav.sections.wide a", has_text="Teams")).to_have_attribute(
            "href", "/sub/teams.html"
        )
        home.click()
        expect(page.locator("h1")).to_contain_text("Acme Corp")
        context.close()


def _results(page: Page) -> list[tuple[str, str]]:
    links = page.locator(".pagefind-ui__result-link")
    links.first.wait_for(timeout=15000)
    return [(links.nth(i).inner_text(), links.nth(i).get_attribute("href") or "")
            for i in range(links.count())]  # fmt: skip


@pytest.mark.parametrize(
    ("query", "title", "page"),
    [
        ("SOC 2 audit", "Earn the trust that enterprise customers need", "teams/operations.html"),
        ("核心指标", "让每个团队都能信赖同一套核心指标", "teams/data.html"),
    ],
)
def test_search_finds_english_and_chinese_key_results_over_http(tab, site_url, query, title, page):
    tab.goto(site_url + "index.html")
    box = tab.locator("div.wide form.search input[name=q]")
    box.fill(query)
    box.press("Enter")
    expect(tab).to_have_url(re.compile(r"/search\.html\?q="))
    found = _results(tab)
    assert any(title in text and page in href for text, href in found), found
    # a key result is found where it lives, once: not again on its owner's person page
    assert not any("people/" in href for _, href in found), found
    # results lead to the objective's heading on its team page
    tab.locator(".pagefind-ui__result-link", has_text=title).first.click()
    expect(tab.locator("h1")).to_be_visible()
    assert page in tab.url and "#h-O" in tab.url
    assert tab.errors == []  # type: ignore[attr-defined]


def test_search_results_link_under_a_sub_path(browser, example_site, tmp_path):
    shutil.copytree(example_site, tmp_path / "sub")
    with serve_folder(tmp_path, _Pages) as url:
        context = browser.new_context()
        page = context.new_page()
        page.goto(url + "sub/search.html?q=Alice")
        found = _results(page)
        assert found and all(href.startswith("/sub/") for _, href in found), found
        assert any(href == "/sub/people/alice.html" for _, href in found), found
        context.close()


def test_search_opened_from_a_folder_says_how_to_get_it(browser, example_site):
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((example_site / "index.html").as_uri())
    page.locator("div.wide form.search input[name=q]").fill("latency")
    page.locator("div.wide form.search button").click()
    note = page.locator("#search-offline")
    expect(note).to_be_visible()
    expect(note).to_contain_text("okr serve")
    assert errors == []
    context.close()


def test_key_result_chart_has_a_legend_today_marker_and_readable_text_on_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_url + "periods/2026-Q4/teams/platform.html")
    figure = page.locator("#o-O1\\/KR1 figure.chart")
    legend = figure.locator("ul.chart-legend li")
    assert legend.all_inner_texts() == [
        "Check-ins",
        "Pace to the target: 850 ms → 300 ms",
        "Today, 22 November",
    ]
    # the caption adds what the chart does not show: the latest figure, pace, confidence
    expect(figure.locator("figcaption")).to_have_text(
        "850 ms → 300 ms · latest 520 ms on 16 November · expected by today: 58 % · confidence 7/10"
    )
    chart = figure.locator("svg.kr-chart")
    # drawn into the page: the page's stylesheet enlarges its text on a phone
    sizes = chart.evaluate(
        """svg => {
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return Array.from(svg.querySelectorAll('text'),
                           t => parseFloat(getComputedStyle(t).fontSize) * scale);
    }"""
    )
    width = chart.bounding_box()["width"]
    assert 300 < width < 390 and sizes and min(sizes) >= 11, (width, sizes)
    assert chart.locator("path.today").count() == 1
    # its title and description name it for a screen reader, with ids unique on the page
    labelled = chart.get_attribute("aria-labelledby").split()
    assert [page.locator(f"[id='{i}']").count() for i in labelled] == [1, 1]
    assert page.locator(f"[id='{labelled[0]}']").text_content().startswith("KR1: ")
    context.close()
    # on a wide screen the same chart keeps its usual 11 units (about 17 px as shown)
    wide = browser.new_context(viewport={"width": 1366, "height": 900})
    page = wide.new_page()
    page.goto(site_url + "periods/2026-Q4/teams/platform.html")
    sizes = page.locator("#o-O1\\/KR1 svg.kr-chart").evaluate(
        "svg => Array.from(svg.querySelectorAll('text'), t => getComputedStyle(t).fontSize)"
    )
    assert set(sizes) == {"11px"}, sizes
    wide.close()


def test_people_and_health_tables_filter_and_sort(tab, site_url):
    tab.goto(site_url + "people.html")
    rows = tab.locator("table[data-enhance] tbody tr")
    total = rows.count()
    assert total > 5
    box = tab.locator(".table-filter input")
    box.fill("platform engineering")  # a team: every word must be in the row
    visible = tab.locator("table[data-enhance] tbody tr:not([hidden])")
    expect(visible).not_to_have_count(total)
    assert visible.count() >= 1
    for text in visible.all_inner_texts():
        assert "Platform Engineering" in text
    expect(tab.locator(".table-filter [aria-live]")).to_have_text(
        f"{visible.count()} of {total} shown"
    )
    box.fill("")
    expect(visible).to_have_count(total)
    # sorting by the number of key results owned: descending on the second click
    header = tab.locator("thead th").nth(3)
    header.locator("button.sort").click()
    header.locator("button.sort").click()
    expect(header).to_have_attribute("aria-sort", "descending")
    counts = [int(t) for t in tab.locator("tbody tr td:nth-child(4)").all_inner_texts()]
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]
    # the health table, on a phone: a row per team as a block, each value named
    context = tab.context.browser.new_context(viewport={"width": 390, "height": 844})
    phone = context.new_page()
    phone.goto(site_url + "health.html")
    assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    cell = phone.locator("table.health tbody tr").first.locator("td").nth(8)
    expect(cell).to_be_visible()  # the checker warnings are no longer cut off
    label = cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"Checker warnings"'
    context.close()


def test_print_shows_content_with_progress_bars_and_statuses(tab, site_url):
    tab.goto(site_url + "periods/2026-Q4/teams/platform.html")
    tab.emulate_media(media="print")
    expect(tab.locator("header.site")).to_be_hidden()
    expect(tab.locator("details.check-in-help").first).to_be_hidden()
    bar = tab.locator(".bar-fill").first
    expect(bar).to_be_visible()
    style = bar.evaluate(
        "e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).printColorAdjust]"
    )
    assert style == ["rgb(46, 125, 50)", "exact"]  # on track, printed in its colour
    badge = tab.locator(".status").first
    expect(badge).to_be_visible()
    assert badge.evaluate("e => getComputedStyle(e).printColorAdjust") == "exact"
    pdf = tab.pdf()
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def test_dark_mode_follows_the_readers_setting(browser, site_url):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(site_url + "index.html")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    text = page.evaluate("getComputedStyle(document.body).color")
    assert background == "rgb(21, 23, 27)" and text == "rgb(230, 232, 235)"
    context.close()


def test_alignment_diagram_nodes_are_links_with_their_full_title(tab, site_url):
    tab.goto(site_url + "alignment.html")
    node = tab.locator("svg.diagram a").filter(has_text="Make reliability our best")
    # the full title is the node's tooltip (its box shows as much as fits)
    assert (
        node.locator("title")
        .text_content()
        .startswith("Make reliability our best sales argument · Acme Corp · O1")
    )
    node.focus()
    tab.keyboard.press("Enter")
    expect(tab).to_have_url(re.compile(r"periods/2026-Q4/teams/acme\.html#o-O1$"))
    # every drawn title fits its box: no text wider than the node it sits in
    tab.goto(site_url + "alignment.html")
    spills = tab.evaluate(
        """() => Array.from(document.querySelectorAll('svg.diagram a')).filter(a => {
            const box = a.querySelector('rect').getBBox();
            return Array.from(a.querySelectorAll('text')).some(t => {
                const b = t.getBBox();
                return b.x + b.width > box.x + box.width - 2;
            });
        }).map(a => a.querySelector('title').textContent)"""
    )
    assert spills == []
    # on a phone the tree above says the same and the diagram gives way
    context = tab.context.browser.new_context(viewport={"width": 390, "height": 844})
    phone = context.new_page()
    phone.goto(site_url + "alignment.html")
    expect(phone.locator("svg.diagram")).to_be_hidden()
    expect(phone.locator(".tree").first).to_be_visible()
    context.close()


def test_team_page_shows_each_objectives_and_key_results_trend(tab, site_url):
    tab.goto(site_url + "periods/2026-Q4/teams/platform.html")
    # 520 ms on 16 November, 560 ms a week before that: (560-520)/(850-300) = 7 points
    kr = tab.locator("#o-O1\\/KR1 .meta .trend")
    expect(kr).to_have_text("▲ +7 pts")
    assert kr.get_attribute("title") == "change since 2026-11-15"
    expect(tab.locator("#o-O1 > .meta .trend")).to_have_text(re.compile(r"^[▲▼=] [+-]?\d+ pts$"))
    expect(tab.locator(".summary .trend")).to_be_visible()


def test_matplotlib_charts_keep_their_text_size_on_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    for path in ("index.html", "archive.html"):
        page.goto(site_url + path)
        region = page.locator("figure.chart .chart-scroll").first
        image = region.locator("img")
        image.scroll_into_view_if_needed()
        natural = image.evaluate("i => i.naturalWidth")
        shown = image.bounding_box()["width"]
        # shown at its own size: 9-unit text in a 460.8-unit wide chart drawn 614 px wide
        # is 12 px (shrunk to the phone's width it was under 7 px)
        assert natural > 500 and abs(shown - natural) < 2, (path, natural, shown)
        assert region.evaluate("r => r.scrollWidth > r.clientWidth")  # it scrolls sideways...
        assert region.get_attribute("tabindex") == "0"  # ...and a keyboard can scroll it
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, (path, overflow)  # the page itself does not
    context.close()
