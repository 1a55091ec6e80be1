"""An incremental `okr build` (pages taken from the last build when nothing they show changed)
makes the same site, byte for byte, as a build from nothing: each kind of change to one file,
on a copy of the example company, through the real command."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, mkdocs_config, run_okr, site_files
from helpers import assert_index_is_pagefinds

TODAY = "2026-11-22"


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# each kind of change to one file, applied one after another to the same company (a change
# to org.yaml, or a team's period file added or removed, changes what every page may show:
# nothing is taken from the last build)
WHOLE = ("a person's name in org.yaml", "a team file removed", "a second language")
CHANGES: list[tuple[str, Callable[[Path], None]]] = [
    # a sub-team's progress is shown on its parent's page (engineering)
    ("a check-in on a sub-team's key result", lambda okrs: _replace(
        okrs / "2026-Q4/platform.yaml",
        "          - {date: 2026-11-09, value: 560, by: bob}\n",
        "          - {date: 2026-11-09, value: 400, by: bob}\n")),
    # platform, data and mobile show the title of the objective they support
    ("the title of an objective others support", lambda okrs: _replace(
        okrs / "2026-Q4/engineering.yaml", "Make our platform boringly reliable",
        "Make our platform reliable enough to forget")),
    # bob's and carol's pages both change
    ("a key result's owner", lambda okrs: _replace(
        okrs / "2026-Q4/platform.yaml", "        owner: bob\n", "        owner: carol\n")),
    ("an alignment", lambda okrs: _replace(
        okrs / "2026-Q4/mobile.yaml", "aligns_with: [engineering/O1]", "aligns_with: [acme/O1]")),
    # the team page lists its own findings (key-result-not-activity here)
    ("a finding in one file", lambda okrs: _replace(
        okrs / "2026-Q4/support.yaml",
        "title: Cut median time to first scheduled job from 6 days to 2 days",
        "title: Write 3 onboarding guides")),
    ("a person's name in org.yaml", lambda okrs: _replace(
        okrs / "org.yaml", "name: Bob Mensah", "name: Bob Mensah-Owusu")),
    ("a team file removed", lambda okrs: (okrs / "2026-Q4/sales-apac.yaml").unlink()),
    ("a second language", lambda okrs: _replace(
        okrs / "org.yaml", "\nteams:\n", "\nsite:\n  languages: [en, zh]\n\nteams:\n")),
    ("a check-in in the second language's build", lambda okrs: _replace(
        okrs / "2026-Q4/data.yaml", "value: ", "value: 1", )),
]  # fmt: skip


def _build(project: Path, okrs: Path, out: Path) -> str:
    config = project / "mkdocs.yml"
    result = run_okr("build", "--config", str(config), "--okrs", str(okrs), "--out", str(out),
                     "--today", TODAY, cwd=project)  # fmt: skip
    assert result.code == 0, result.err
    return result.err


def _wrapped(said: str) -> int:
    """How many pages the build wrapped in the theme (the others were the last build's)."""
    found = re.search(r"\((\d+) wrapped in the theme[,)]", said)
    assert found, said
    return int(found[1])


@pytest.fixture
def projects(tmp_path: Path) -> tuple[Path, Path, Path]:
    """The OKR folder, a project that keeps its cache between builds and one that never has
    one (the same mkdocs.yml, each with its own cache folder)."""
    okrs = tmp_path / "okrs"
    shutil.copytree(ROOT / "okrs", okrs)
    kept, fresh = tmp_path / "kept", tmp_path / "fresh"
    for folder in (kept, fresh):
        folder.mkdir()
        mkdocs_config(folder)
    return okrs, kept, fresh


def test_each_kind_of_change_builds_the_same_site_as_a_build_from_nothing(projects, tmp_path):
    okrs, kept, fresh = projects
    said = _build(kept, okrs, tmp_path / "site")
    assert "as the last build made them" not in said  # nothing kept yet: every page made
    for what, change in CHANGES:
        change(okrs)
        said = _build(kept, okrs, tmp_path / "site")
        shutil.rmtree(fresh / ".cache", ignore_errors=True)
        _build(fresh, okrs, tmp_path / "full")
        found = re.search(r"(\d+) pages made in [\d.]+ s( \((\d+) as the last)?", said)
        assert found, said
        made, reused = int(found[1]), int(found[3] or 0)
        wrapped = _wrapped(said)
        if what in WHOLE:
            assert reused == 0, (what, said)
        else:  # pages were really taken from the last build, and not all of them
            assert 0 < reused < made, (what, said)
            assert 0 < wrapped < made - reused, (what, said)  # nor wrapped in the theme
        incremental, full = site_files(tmp_path / "site"), site_files(tmp_path / "full")
        assert incremental.keys() == full.keys(), what
        differ = [name for name in full if incremental[name] != full[name]]
        assert not differ, (what, differ)


def test_a_changed_file_remakes_its_page_and_a_stale_entry_is_not_used(projects, tmp_path):
    okrs, kept, _ = projects
    _build(kept, okrs, tmp_path / "site")
    folder = kept / ".cache/okr/pages"
    entries = sorted(folder.glob("*.kept"))
    assert len(entries) > 20  # team and person pages are kept
    _replace(okrs / "2026-Q4/platform.yaml", "Cut p99 API latency", "Cut p95 API latency")
    # an entry that holds no header, was made for other inputs, holds fewer or more bytes than
    # its header says, or a part whose bytes changed (the pages' bodies are unpacked only
    # when read, long after the entry was taken), is no entry: the job is made
    whole = entries[2].read_bytes()
    entries[0].write_text("{not json")
    entries[1].write_bytes(b"\x00\x00\x00\x20" + b'{"key": "another", "pages": 7}')
    entries[2].write_bytes(whole[:-10])
    entries[3].write_bytes(whole + b"more")
    entries[4].write_bytes(b"\xff\xff\xff\xff{}")
    for entry in entries[5:9]:  # a byte of the bodies (the last part) changed
        data = bytearray(entry.read_bytes())
        data[-20] ^= 0xFF
        entry.write_bytes(bytes(data))
    damaged = {entry: entry.read_bytes() for entry in entries[:9]}
    (folder / "0123456789abcdef.json.z").write_bytes(b"an entry of a format before")
    (folder / "0123456789abcdef.job.z").write_bytes(b"an entry of a format before")
    _build(kept, okrs, tmp_path / "site")
    page = (tmp_path / "site/periods/2026-Q4/teams/platform.html").read_text()
    assert "Cut p95 API latency" in page and "Cut p99 API latency" not in page
    assert not list(folder.glob("*.json.z")) and not list(folder.glob("*.job.z"))
    assert all(entry.read_bytes() != data for entry, data in damaged.items())  # made again
    shutil.rmtree(kept / ".cache")
    _build(kept, okrs, tmp_path / "full")
    assert site_files(tmp_path / "site") == site_files(tmp_path / "full")


def test_unchanged_pages_are_linked_from_the_last_site_and_changed_ones_written(projects, tmp_path):
    """A rebuild links a page whose bytes the published site already holds (the same
    file, not a copy) and writes the others; the site equals one built from nothing."""
    okrs, kept, fresh = projects
    site = tmp_path / "site"
    _build(kept, okrs, site)
    unchanged, changed = (site / "periods/2026-Q4/teams/marketing.html",
                          site / "periods/2026-Q4/teams/platform.html")  # fmt: skip
    before = {path: path.stat().st_ino for path in (unchanged, changed)}
    _replace(okrs / "2026-Q4/platform.yaml", "Cut p99 API latency", "Cut p95 API latency")
    _build(kept, okrs, site)
    assert unchanged.stat().st_ino == before[unchanged]  # linked: the same file
    assert changed.stat().st_ino != before[changed]  # written anew
    assert "Cut p95 API latency" in changed.read_text()
    _build(fresh, okrs, tmp_path / "full")
    assert site_files(site) == site_files(tmp_path / "full")
    # a page edited in the published site is not linked: its bytes are not the build's
    unchanged.write_text("edited by hand")
    _build(kept, okrs, site)
    expected = (tmp_path / "full/periods/2026-Q4/teams/marketing.html").read_bytes()
    assert unchanged.read_bytes() == expected
    # nor is a symbolic link put in its place, even to a file holding the very same bytes
    outside = tmp_path / "outside.html"
    outside.write_bytes(expected)
    unchanged.unlink()
    unchanged.symlink_to(outside)
    _build(kept, okrs, site)
    assert not unchanged.is_symlink() and unchanged.read_bytes() == expected
    assert unchanged.stat().st_ino != outside.stat().st_ino


def test_search_copies_of_unchanged_pages_are_linked_and_a_tampered_one_is_not(projects, tmp_path):
    """The copies Pagefind indexes are kept in the project's cache: a rebuild links the copy
    of an unchanged page and writes the changed ones, and a kept copy whose bytes are not
    the page's (edited in the cache) is written anew; the index equals a build from
    nothing's each time."""
    okrs, kept, fresh = projects
    site = tmp_path / "site"
    _build(kept, okrs, site)
    copies = kept / ".cache/okr/search/kept/pages/periods/2026-Q4/teams"
    unchanged, changed = copies / "marketing.html", copies / "platform.html"
    before = {path: path.stat().st_ino for path in (unchanged, changed)}
    assert "data-pagefind-body" in unchanged.read_text()
    assert "<svg" not in changed.read_text()  # the charts are not read by Pagefind: left out
    _replace(okrs / "2026-Q4/platform.yaml", "Cut p99 API latency", "Cut p95 API latency")
    _build(kept, okrs, site)
    assert unchanged.stat().st_ino == before[unchanged]
    assert changed.stat().st_ino != before[changed]
    assert "Cut p95 API latency" in changed.read_text()
    _build(fresh, okrs, tmp_path / "full")
    assert site_files(site) == site_files(tmp_path / "full")
    unchanged.write_text(unchanged.read_text().replace("Marketing", "Tampered"))
    _replace(okrs / "2026-Q4/platform.yaml", "Cut p95 API latency", "Cut p99 API latency")
    _build(kept, okrs, site)
    assert "Tampered" not in unchanged.read_text()
    shutil.rmtree(tmp_path / "full")
    _build(fresh, okrs, tmp_path / "full")
    assert site_files(site) == site_files(tmp_path / "full")
    assert sorted(p.name for p in (kept / ".cache/okr/search").iterdir()) == ["kept"]


def test_a_check_in_leaves_the_search_index_as_it_was_and_a_new_word_makes_it_again(
    projects, tmp_path
):
    """A check-in moves only figures, which the pages leave out of the search index: the
    kept index is used, Pagefind does not run, and the index is still the one Pagefind makes
    of the whole site. A changed title, a kept index that is not whole, or one another
    Pagefind made, is made again."""
    okrs, kept, fresh = projects
    site = tmp_path / "site"
    _build(kept, okrs, site)
    entry = site / "pagefind/pagefind-entry.json"
    kept_index = kept / ".cache/okr/search/kept/index"
    made = entry.stat().st_ino
    assert (kept_index / "pagefind-entry.json").stat().st_ino == made  # kept as linked

    def rebuilt() -> bool:
        """Build; whether the index is the one kept (Pagefind did not run)."""
        said = _build(kept, okrs, site)
        kept_said = "the search index as it was" in said
        shutil.rmtree(tmp_path / "full", ignore_errors=True)
        shutil.rmtree(fresh / ".cache", ignore_errors=True)
        _build(fresh, okrs, tmp_path / "full")
        assert site_files(site) == site_files(tmp_path / "full")
        shutil.rmtree(tmp_path / "whole", ignore_errors=True)
        assert_index_is_pagefinds(site, tmp_path / "whole")
        same = entry.stat().st_ino == (kept_index / "pagefind-entry.json").stat().st_ino == made
        assert same == kept_said, said  # and the build says which
        return same

    # a check-in: progress, state, figures and chart move on two team pages and a person's
    platform = okrs / "2026-Q4/platform.yaml"
    _replace(platform, "value: 560, by: bob}", "value: 400, by: bob, confidence: 3}")
    page = (site / "periods/2026-Q4/teams/platform.html").read_text()
    assert rebuilt()
    assert (site / "periods/2026-Q4/teams/platform.html").read_text() != page
    # a word people search for: made again, and found
    _replace(platform, "Cut p99 API latency", "Cut p99 API latency below the quokka line")
    assert not rebuilt()
    assert (
        "quokka"
        in (kept / ".cache/okr/search/kept/pages/periods/2026-Q4/teams/platform.html").read_text()
    )
    made = entry.stat().st_ino
    # a kept index missing a file, or holding one changed in place (the site's copy is the
    # same file), or made by another Pagefind, is not used
    _replace(platform, "value: 400, by: bob, confidence: 3}", "value: 410, by: bob}")
    next(kept_index.glob("fragment/*")).unlink()
    assert not rebuilt()
    made = entry.stat().st_ino
    _replace(platform, "value: 410, by: bob}", "value: 415, by: bob}")
    fragment = next(kept_index.glob("fragment/*"))
    data = fragment.read_bytes()
    fragment.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))  # the same size
    assert not rebuilt()
    made = entry.stat().st_ino
    stamp = kept / ".cache/okr/search/kept/index.json"
    stamp.write_text(stamp.read_text().replace("pagefind ", "pagefind 0.", 1))
    _replace(platform, "value: 415, by: bob}", "value: 420, by: bob}")
    assert not rebuilt()
    made = entry.stat().st_ino
    _replace(platform, "value: 420, by: bob}", "value: 430, by: bob}")
    assert rebuilt()  # and the index made last is kept again


def test_a_page_is_wrapped_in_the_theme_again_when_anything_the_theme_shows_changed(
    projects, tmp_path
):
    """A page the last build wrapped is taken again only when nothing the theme reads
    changed: the configuration (a footer, a stylesheet, the site's description), the theme's
    own files (a custom_dir's stylesheet is inlined in the 404 page and its files copied), or
    the day. After each change, the site equals one built from nothing; a record of the
    wrapped pages that is not ours is no record."""
    okrs, kept, fresh = projects
    site, full = tmp_path / "site", tmp_path / "full"
    said = _build(kept, okrs, site)
    pages = _wrapped(said)
    assert pages > 20
    custom = tmp_path / "custom"
    (custom / "assets").mkdir(parents=True)
    (custom / "assets" / "okr.css").write_text("body { color: #111; }\n")
    footer = "copyright: Made by the people of Acme\n"
    changes: list[Callable[[str], str]] = [
        lambda text: text + footer,
        lambda text: text + "extra_css: [extra.css]\n",
        lambda text: text + "site_description: What we aim for\n",
        lambda text: text.replace("  locale: en\n", f"  locale: en\n  custom_dir: {custom}\n"),
    ]
    for number, change in enumerate(changes):
        for folder in (kept, fresh):
            config = folder / "mkdocs.yml"
            config.write_text(change(config.read_text()))
        said = _build(kept, okrs, site)
        shutil.rmtree(full, ignore_errors=True)
        shutil.rmtree(fresh / ".cache", ignore_errors=True)
        _build(fresh, okrs, full)
        assert site_files(site) == site_files(full), number
        assert _wrapped(said) == pages, (number, said)  # every page shows it
    assert "custom_dir" in (kept / "mkdocs.yml").read_text()
    (custom / "assets" / "okr.css").write_text("body { color: #222; }\n")
    said = _build(kept, okrs, site)
    assert _wrapped(said) == pages, said
    another = run_okr("build", "--config", str(kept / "mkdocs.yml"), "--okrs", str(okrs),
                      "--out", str(site), "--today", "2026-11-23", cwd=kept)  # fmt: skip
    assert another.code == 0 and _wrapped(another.err) == pages, another.err
    (kept / ".cache/okr/themed.json.z").write_bytes(b"not ours")
    _replace(okrs / "2026-Q4/platform.yaml", "Cut p99 API latency", "Cut p95 API latency")
    said = _build(kept, okrs, site)
    assert _wrapped(said) == pages, said  # no record: every page wrapped
    _replace(okrs / "2026-Q4/platform.yaml", "Cut p95 API latency", "Cut p99 API latency")
    said = _build(kept, okrs, site)
    assert 0 < _wrapped(said) < pages, said
    shutil.rmtree(full)
    shutil.rmtree(fresh / ".cache", ignore_errors=True)
    _build(fresh, okrs, full)
    assert site_files(site) == site_files(full)


def test_a_build_that_does_not_publish_leaves_the_record_of_wrapped_pages_alone(projects, tmp_path):
    """`okr serve`'s rebuilds (and plain `mkdocs build`) go through the hooks without
    publishing: the pages they wrap must not replace okr build's record, or the next
    `okr build` would wrap every page again."""
    from mkdocs.commands.build import build as mkdocs_build

    from generator import mkdocs_hooks

    okrs, kept, _ = projects
    site = tmp_path / "site"
    said = _build(kept, okrs, site)
    pages = _wrapped(said)
    record = kept / ".cache/okr/themed.json.z"
    before = record.read_bytes()
    project = mkdocs_hooks.load(kept / "mkdocs.yml")
    project.config.site_dir = str(tmp_path / "preview")
    project.config.extra["okrs_dir"] = str(okrs)
    project.config.extra["okr_today"] = "2026-11-23"  # another day: every page differs
    mkdocs_build(project.config)
    assert (tmp_path / "preview/periods/2026-Q4/teams/platform.html").is_file()
    assert record.read_bytes() == before  # the preview's pages were not recorded
    _replace(okrs / "2026-Q4/platform.yaml", "Cut p99 API latency", "Cut p95 API latency")
    assert 0 < _wrapped(_build(kept, okrs, site)) < pages
