"""A site in both languages (org.yaml `site.languages`): the default language at the root,
the other under zh/ (or en/), every page linking to itself in the other, every link of each
tree staying in its language, and search in each."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import serve_folder
from helpers import assert_index_is_pagefinds
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


def test_a_bilingual_index_is_the_one_pagefind_makes_of_the_whole_site(bilingual, tmp_path):
    """Each page's copy for Pagefind carries its own language (zh-Hans under zh/): the
    index of both languages is what Pagefind makes of the site as written."""
    entry = (bilingual / "pagefind/pagefind-entry.json").read_text()
    assert '"en"' in entry and '"zh-hans"' in entry
    assert_index_is_pagefinds(bilingual, tmp_path / "whole")


def test_a_single_language_site_has_no_switch(company, tmp_path):
    out = tmp_path / "site"
    assert company.build("--out", str(out)).code == 0
    assert '<nav class="languages"' not in (out / TEAM).read_text()
    # the help pages' translations are not published for a language the site does not speak
    assert (out / "help.html").is_file() and not (out / "zh").exists()


def _help_links(page: str) -> list[str]:
    body = page[page.index('<main id="main"') :]
    return re.findall(r'<a href="([^"#]+)"', body[: body.index("</main>")])


def test_the_help_pages_are_read_in_each_language(bilingual):
    english, chinese = (
        (bilingual / "help.html").read_text(),
        (bilingual / "zh/help.html").read_text(),
    )
    assert "<h1" in chinese and "如何阅读本站" in chinese and "如何阅读本站" not in english
    assert "How to read this site" in english
    # a Chinese page's Help goes to the Chinese help; its switch to the English twin
    header = chinese[chinese.index('<nav class="sections wide"') :]
    assert 'href="help.html" aria-current="page"' in header[: header.index("</nav>")]
    team = (bilingual / "zh" / TEAM).read_text()
    assert 'href="../../../help.html"' in team  # zh/periods/2026-Q4/teams/ -> zh/help.html
    switch = re.search(r'<nav class="languages"[^>]*>(.*?)</nav>', chinese).group(1)
    assert 'href="../help.html" hreflang="en"' in switch
    # every help page has its translation, and the Chinese ones link to each other
    links = _help_links(chinese)
    assert {"reading.html", "guide.html", "format.html", "rules.html"} <= set(links)
    assert not any(link.startswith("../") for link in links)
    assert "质量规则" in (bilingual / "zh/rules.html").read_text()
    assert "首页" in (bilingual / "zh/reading.html").read_text()
    assert broken_links(bilingual) == []


def test_a_chinese_company_reads_its_help_in_chinese_at_the_root(company, tmp_path):
    org = (company.root / "okrs/org.yaml").read_text()
    assert "  timezone: UTC\n" in org
    company.write(
        "okrs/org.yaml", org.replace("  timezone: UTC\n", "  timezone: UTC\n  language: zh\n")
    )
    out = tmp_path / "site"
    result = company.build("--out", str(out), "--strict")  # no MkDocs warning for zh either
    assert result.code == 0, result.err
    page = (out / "help.html").read_text()
    assert page.startswith('<!doctype html>\n<html lang="zh-Hans">') and "如何阅读本站" in page
    links = _help_links(page)
    assert "reading.html" in links and "format.html" in links  # `../format.md` from the root
    assert not (out / "zh").exists() and "首页" in (out / "reading.html").read_text()
    assert "跳到正文" in page and "Skip to content" not in page  # the theme's strings too
    assert broken_links(out) == []
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


def test_what_the_checker_found_is_shown_in_the_pages_language(company, tmp_path):
    team = company.root / "okrs/2026-Q4/platform.yaml"
    text = team.read_text()
    assert "    aligns_with: [acme/O1]\n" in text
    company.write("okrs/2026-Q4/platform.yaml", text.replace("    aligns_with: [acme/O1]\n", "", 1))
    org = (company.root / "okrs/org.yaml").read_text() + "site:\n  languages: [en, zh]\n"
    company.write("okrs/org.yaml", org)
    out = tmp_path / "site"
    result = company.build("--out", str(out))
    assert result.code == 0 and "[unaligned-objective]" in result.err, result.err
    english, chinese = (out / TEAM).read_text(), (out / "zh" / TEAM).read_text()
    assert "objective O1 aligns with nothing; add <code>" not in english  # text, not Markdown
    assert "objective O1 aligns with nothing; add `aligns_with:`" in english
    assert "目标 O1 没有对齐任何目标；请添加 `aligns_with:`" in chinese
    assert "aligns with nothing" not in chinese
    health = (out / "zh/health.html").read_text()
    assert "目标 O1 没有对齐任何目标" in health and "aligns with nothing" not in health


def test_the_not_found_page_speaks_every_language_of_the_site(bilingual):
    page = (bilingual / "404.html").read_text()
    main = page[page.index('<main id="main"') : page.index("</main>")]
    assert "This page does not exist (any more)." in main
    chinese = re.search(r'<p lang="zh-Hans">(.*?)</p>', main, re.S).group(1)
    assert "此页面不存在" in chinese and 'href="/zh/index.html">首页</a>' in chinese
    assert (bilingual / "zh/index.html").is_file()
