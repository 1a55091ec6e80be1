"""The example site in a real headless browser: Debian's chromium driven by Playwright.

No browser is downloaded: Playwright launches /usr/bin/chromium (`make test` installs it)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from conftest import serve_folder
from playwright.sync_api import Page, expect

PAGES = {
    "home": "index.html",
    "period dashboard": "periods/2026-Q3/index.html",
    "team": "periods/2026-Q4/teams/platform.html",
    "chinese team": "periods/2026-Q4/teams/data.html",
    "finished team": "periods/2026-Q3/teams/platform.html",
    "alignment": "alignment.html",
    "teams": "teams.html",
    "people": "people.html",
    "person": "people/alice.html",
    "archive": "archive.html",
    "health": "health.html",
    "exports": "exports.html",
    "help": "rules.html",
    "not found": "404.html",
}


@pytest.fixture(scope="session")
def base_url(example_site) -> Iterator[str]:
    with serve_folder(example_site) as url:
        yield url


@pytest.fixture
def page(browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.errors = []  # type: ignore[attr-defined]
    tab.on("console", lambda m: m.type == "error" and tab.errors.append(m.text))  # type: ignore[attr-defined]
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))  # type: ignore[attr-defined]
    tab.on("requestfailed", lambda r: tab.errors.append(f"failed: {r.url}"))  # type: ignore[attr-defined]
    tab.on("response", lambda r: r.status >= 400 and tab.errors.append(f"{r.status}: {r.url}"))  # type: ignore[attr-defined]
    yield tab
    context.close()


def _charts_visible(page: Page) -> int:
    images = page.locator("figure.chart img")
    for i in range(images.count()):
        image = images.nth(i)
        image.scroll_into_view_if_needed()
        image.wait_for(state="visible")
        assert image.evaluate("img => img.complete && img.naturalWidth > 0"), image.get_attribute(
            "src"
        )
        assert image.bounding_box()["width"] > 100
    drawn = page.locator("figure.chart svg.kr-chart")  # key results' charts, in the page
    for i in range(drawn.count()):
        chart = drawn.nth(i)
        chart.scroll_into_view_if_needed()
        chart.wait_for(state="visible")
        assert chart.bounding_box()["width"] > 100 and chart.locator("text").count() > 2
    return images.count() + drawn.count()


@pytest.mark.parametrize("name", list(PAGES))
def test_page_loads_without_console_errors(page, base_url, name):
    response = page.goto(base_url + PAGES[name])
    assert response is not None and response.ok
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.inner_text().strip()
    _charts_visible(page)
    assert page.errors == []  # type: ignore[attr-defined]


def test_charts_and_diagram_are_visible(page, base_url):
    page.goto(base_url + "index.html")
    assert _charts_visible(page) == 1
    page.goto(base_url + "periods/2026-Q4/teams/platform.html")
    assert _charts_visible(page) == 3
    page.goto(base_url + "archive.html")
    assert _charts_visible(page) >= 1
    page.goto(base_url + "alignment.html")
    diagram = page.locator("svg.diagram")
    assert diagram.is_visible() and diagram.locator("rect").count() > 10


def test_navigation_home_team_alignment_owner_archive(page, base_url):
    # expect() waits for each navigation to finish; reading page.url right after a click races it
    page.goto(base_url + "index.html")
    page.get_by_role("link", name="Platform Engineering", exact=True).first.click()
    expect(page.locator("h1")).to_have_text(re.compile(r"^Platform Engineering"))
    # the objective's alignment: follow what it supports
    page.locator("#o-O1 dl.alignment dd a").first.click()
    expect(page).to_have_url(re.compile(r"periods/2026-Q4/teams/engineering\.html#o-O1$"))
    expect(page.locator("h1")).to_have_text(re.compile(r"^Engineering"))
    # ...and the alignment page, from the header
    page.get_by_role("link", name="Alignment", exact=True).click()
    expect(page.locator("h1")).to_have_text(re.compile(r"^Alignment"))
    # the tree folds below its first level: open what supports Engineering's objective, then
    # follow Platform's objective there
    engineering = page.locator(".tree li").filter(
        has=page.locator(":scope > .node", has_text="Engineering · O1: Make our platform")
    )
    engineering.first.locator(":scope > details > summary").click()
    page.locator(".tree a:visible", has_text="Make the API fast enough").first.click()
    expect(page).to_have_url(re.compile(r"platform\.html#o-O1$"))
    # the objective's owner
    page.locator("#o-O1 .meta a.person").first.click()
    expect(page.locator("h1")).to_have_text("Alice Zhang")
    assert page.get_by_text("Make the API fast enough that nobody thinks about it").count() >= 1
    page.get_by_role("link", name="Archive", exact=True).click()
    expect(page.locator("h1")).to_have_text("Archive")
    expect(page.get_by_text("Committed key results are expected to reach 1.0")).to_be_visible()
    assert page.errors == []  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "path", ["index.html", "periods/2026-Q4/teams/platform.html", "alignment.html"]
)
def test_readable_on_a_phone(browser, base_url, path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    tab = context.new_page()
    tab.goto(base_url + path)
    overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{path} scrolls sideways by {overflow}px on a phone"
    size = tab.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert size >= 14
    context.close()


def test_chinese_renders_in_a_cjk_font(page, base_url):
    page.goto(base_url + "periods/2026-Q4/teams/data.html")
    heading = page.locator("h2").first
    assert "让每个团队都能信赖同一套核心指标" in heading.inner_text()
    # a CJK font is installed and used: the glyphs have real width (no tofu boxes)
    width = heading.evaluate(
        "h => { const r = document.createRange(); r.selectNodeContents(h); return r.getBoundingClientRect().width; }"
    )
    assert width > 200
