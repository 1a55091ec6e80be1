"""A site in both languages (org.yaml `site.languages`): the default language at the root,
the other under zh/ (or en/), every page linking to itself in the other, every link of each
tree staying in its language, and search in each."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import serve_folder
from playwright.sync_api import expect
from test_mkdocs_settings import broken_links

TEAM = "periods/2026-Q4/teams/platform.html"


@pytest.fixture
def bilingual(company, tmp_path) -> Path:
    org = (company.root / "okrs/org.yaml").read_text() + "site:\n  languages: [en, zh]\n"
    company.write("okrs/org.yaml", org)
    out = tmp_path / "site"
    result = company.build("--out", str(out))
    assert result.code == 0, result.err
    return out


def test_each_language_has_its_pages_and_every_page_links_to_its_twin(bilingual):
    english, chinese = (bilingual / TEAM).read_text(), (bilingual / "zh" / TEAM).read_text()
    assert english.startswith('<!doctype html>\n<html lang="en">')
    assert chinese.startswith('<!doctype html>\n<html lang="zh-Hans">')
    assert "负责人" in chinese and "Owner" in english and "负责人" not in english
    switch = re.search(r'<nav class="languages"[^>]*>(.*?)</nav>', english).group(1)
    assert 'href="../../../zh/periods/2026-Q4/teams/platform.html" hreflang="zh"' in switch
    switch = re.search(r'<nav class="languages"[^>]*>(.*?)</nav>', chinese).group(1)
    assert 'href="../../../../periods/2026-Q4/teams/platform.html" hreflang="en"' in switch
    # the Chinese tree links within itself: its header's Teams is zh/teams.html
    header = chinese[chinese.index('<nav class="sections wide"') :]
    header = header[: header.index("</nav>")]
    assert 'href="../../../teams.html"' in header  # zh/periods/2026-Q4/teams/ -> zh/teams.html
    assert (bilingual / "zh/teams.html").is_file() and (bilingual / "zh/people.html").is_file()
    # the charts and exports are shared, not made twice
    assert not (bilingual / "zh/okrs.json").exists() and not (bilingual / "zh/charts").exists()
    assert broken_links(bilingual) == []


def test_a_single_language_site_has_no_switch(company, tmp_path):
    out = tmp_path / "site"
    assert company.build("--out", str(out)).code == 0
    assert '<nav class="languages"' not in (out / TEAM).read_text()
    assert not (out / "zh").exists()


def test_a_reader_switches_language_and_searches_in_it(browser, bilingual):
    with serve_folder(bilingual) as base:
        page = browser.new_page()
        page.goto(base + TEAM)
        page.locator("div.wide nav.languages a", has_text="中文").click()
        expect(page).to_have_url(re.compile(r"/zh/periods/2026-Q4/teams/platform\.html$"))
        expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
        box = page.locator("div.wide form.search input[name=q]")
        box.fill("latency")
        box.press("Enter")
        expect(page).to_have_url(re.compile(r"/zh/search\.html\?q=latency$"))
        result = page.locator(".pagefind-ui__result-link").first
        result.wait_for(timeout=15000)
        assert (result.get_attribute("href") or "").startswith("/zh/")
        page.locator("div.wide nav.languages a", has_text="English").click()
        expect(page).to_have_url(re.compile(r"/search\.html$"))
        expect(page.locator("html")).to_have_attribute("lang", "en")
        page.close()
