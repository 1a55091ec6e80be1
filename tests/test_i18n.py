"""The site's interface from gettext catalogs (generator/locale): every language says every
string, counted strings take the right plural form, dates follow CLDR, a third language is a
translation file, and a Chinese site shows no English interface words."""

from __future__ import annotations

import html
import re
import shutil
from datetime import date

from babel.messages.pofile import read_po
from conftest import ROOT, TODAY, run_okr

from generator.site import i18n


def _catalog(language: str):
    with (i18n.LOCALE_DIR / language / "LC_MESSAGES" / "site.po").open("rb") as handle:
        return read_po(handle, locale=language)


def test_every_language_has_every_string_translated():
    assert set(i18n.languages()) >= {"en", "zh"}
    english = {m.context for m in _catalog("en") if m.context}
    assert len(english) > 150
    for language in i18n.languages():
        catalog = _catalog(language)
        keys = {m.context for m in catalog if m.context}
        assert keys == english, (language, keys ^ english)
        missing = [m.context for m in catalog if m.context and not all(
            m.string if isinstance(m.string, tuple) else [m.string])]  # fmt: skip
        assert missing == [] or language == "en", (language, missing)


def test_counted_strings_take_the_languages_plural_form():
    assert i18n.counted("en", "people_count", 1) == "{n} person"
    assert i18n.counted("en", "people_count", 2) == "{n} people"
    assert i18n.counted("en", "people_count", 0) == "{n} people"
    assert i18n.counted("zh", "people_count", 1) == i18n.counted("zh", "people_count", 5)
    assert i18n.counted("en", "teams", 2) is None  # not a counted string


def test_dates_follow_the_language_whatever_the_machine_locale(monkeypatch):
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")
    assert i18n.day_text(date(2026, 11, 22), "en") == "22 November"
    assert i18n.day_text(date(2026, 11, 22), "zh") == "11月22日"


def test_a_third_language_is_a_translation_file(tmp_path, monkeypatch):
    for language in ("en", "zh"):
        shutil.copytree(i18n.LOCALE_DIR / language, tmp_path / language)
    french = (tmp_path / "en" / "LC_MESSAGES" / "site.po").read_text(encoding="utf-8")
    french = french.replace('"Language: en\\n"', '"Language: fr\\n"')
    french = french.replace('msgctxt "menu"\nmsgid "Menu"\nmsgstr "Menu"',
                            'msgctxt "menu"\nmsgid "Menu"\nmsgstr "Menu principal"')  # fmt: skip
    french = french.replace('msgctxt "teams"\nmsgid "Teams"\nmsgstr "Teams"',
                            'msgctxt "teams"\nmsgid "Teams"\nmsgstr ""')  # fmt: skip
    assert "Menu principal" in french and 'msgid "Teams"\nmsgstr ""' in french
    (tmp_path / "fr" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "fr" / "LC_MESSAGES" / "site.po").write_text(french, encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    for cached in (i18n._catalog, i18n.strings, i18n._plurals):
        cached.cache_clear()
    try:
        assert i18n.languages() == ("en", "fr", "zh")
        assert i18n.strings("fr")["menu"] == "Menu principal"
        assert i18n.strings("fr")["teams"] == "Teams"  # not translated yet: English
        assert i18n.day_text(date(2026, 11, 22), "fr") == "22 novembre"
    finally:
        for cached in (i18n._catalog, i18n.strings, i18n._plurals):
            cached.cache_clear()


ENGLISH = [
    "Needs attention", "Key results by status", "Company objectives", "Progress by team",
    "Latest check-ins", "Recognition", "Owner", "Expected", "Check-ins", "Filter", "Search",
    "Menu", "Program health", "What changed", "Exports", "Teams and their objectives",
    "Today,", "Pace to the target", "confidential objective", "Skip to content",
    "Generated from", "Page not found", "does not exist", "days ago", "On track", "At risk",
]  # fmt: skip
PAGES = [
    "index.html", "periods/2026-Q4/attention.html", "periods/2026-Q4/states/at_risk.html",
    "periods/2026-Q4/teams/platform.html", "periods/2026-Q3/teams/platform.html",
    "people.html", "people/alice.html", "teams.html", "health.html", "alignment.html",
    "archive.html", "changes.html", "exports.html", "search.html", "404.html",
]  # fmt: skip


def _interface_text(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    attributes = " ".join(re.findall(r'(?:aria-label|title|placeholder|alt|data-[a-z-]+)="([^"]*)"',
                                     page))  # fmt: skip
    return html.unescape(re.sub(r"<[^>]+>", " ", page) + " " + attributes)


def test_a_chinese_site_shows_no_english_interface_words(tmp_path):
    okrs = tmp_path / "okrs"
    shutil.copytree(ROOT / "okrs", okrs)
    org = okrs / "org.yaml"
    org.write_text(re.sub(r"(?m)^(\s+language:) en\b", r"\1 zh", org.read_text()))
    out = tmp_path / "site"
    result = run_okr("build", "--okrs", str(okrs), "--out", str(out), "--today", TODAY, cwd=ROOT)
    assert result.code == 0, result.err
    # the example's own objectives are written in English: only the interface is judged, so
    # the words are looked for where the interface puts them, with the OKR text taken out
    titles = set()
    for path in sorted(okrs.rglob("*.yaml")):
        titles.update(re.findall(r"(?m)^\s*(?:-\s*)?(?:title|note|message|description|name):"
                                 r"\s*\"?(.+?)\"?\s*$", path.read_text()))  # fmt: skip
    found = []
    for name in PAGES:
        text = _interface_text((out / name).read_text(encoding="utf-8"))
        for title in sorted(titles, key=len, reverse=True):
            text = text.replace(title, " ")
        found += [f"{name}: {word}" for word in ENGLISH if word in text]
    assert (out / "index.html").read_text().startswith('<!doctype html>\n<html lang="zh-Hans">')
    assert found == [], found
