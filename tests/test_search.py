"""The search index's inputs and Pagefind's run: what is left out of a page's copy, a
generated page's copy from its body, and a Pagefind that fails or is stopped. (That the index
equals the one Pagefind makes of the whole site is test_site's and test_incremental's.)"""

from __future__ import annotations

import json
import signal
from pathlib import Path

import pytest

from generator.outputs import file_stamp
from generator.search import Indexing, SearchError
from generator.searchcache import Copies, inputs_of
from generator.searchcopy import body_copy, searchable
from generator.site.page import body_digest

PAGE = (
    '<html lang="en"><body><header>Menu</header><main data-pagefind-body><h1>Team</h1>'
    "<details data-pagefind-ignore><summary>Check-ins</summary><table>t</table></details>"
    '<svg data-pagefind-ignore="all" viewBox="0 0 4 4"><title>KR1 chart</title></svg>'
    '<svg class="diagram"><text>kept: not ignored</text></svg>'
    "<details data-pagefind-ignore><details>nested</details><p>outer tail</p></details>"
    '<p class="meta">Owner: Ann · <span data-pagefind-ignore>Progress 72 % '
    '<span class="trend">+3</span></span> · Weight 1</p>'
    '<div class="bar" data-pagefind-ignore="index" role="img"><div>fill</div></div>'
    '<section data-pagefind-ignore><span data-pagefind-filter="team">Blue</span></section>'
    '<span data-pagefind-ignored="no">kept: another attribute</span>'
    "<p>after</p></main></body></html>"
)


def _put(copies: Copies, dest: str, title: str) -> tuple[str, str, str] | None:
    """The copy of PAGE, as okr build puts a generated page's: by its inputs, its body made
    only when the copy is."""
    inputs = inputs_of("en", title, body_digest(PAGE))
    return copies.put_body(dest, "en", title, inputs, lambda: PAGE)


def test_a_copy_leaves_out_the_elements_pagefind_ignores_and_keeps_the_rest():
    copy = searchable(PAGE)
    assert copy is not None
    assert "Check-ins" not in copy and "KR1 chart" not in copy  # both ignored blocks gone
    assert "kept: not ignored" in copy and "<h1>Team</h1>" in copy and "<p>after</p>" in copy
    # an ignored block holding another of its tag goes whole, to its own end tag
    assert "nested" not in copy and "outer tail" not in copy
    # an ignored element inside a line, holding one of its tag: the line's words stay
    assert '<p class="meta">Owner: Ann ·  · Weight 1</p>' in copy
    assert "fill" not in copy  # ="index" is ignored too
    # a block holding what Pagefind reads even when ignored (a filter) is left for it
    assert '<span data-pagefind-filter="team">Blue</span>' in copy
    assert "kept: another attribute" in copy
    assert copy.startswith('<html lang="en"><body><header>Menu</header><main data-pagefind-body>')


def test_an_ignored_element_never_closed_is_left_for_pagefind():
    page = "<main data-pagefind-body><p>a</p><div data-pagefind-ignore><p>open</p></main>"
    assert searchable(page) == page


@pytest.mark.parametrize(
    "kept",
    [
        # what Pagefind reads of an ignored element, on it or inside it
        '<span data-pagefind-ignore data-pagefind-filter="team">Blue</span>',
        '<div data-pagefind-ignore><span data-pagefind-default-meta="x">m</span></div>',
        "<div data-pagefind-ignore><h1>The page title</h1></div>",
        '<div data-pagefind-ignore><img src="a.png" alt="the result image"></div>',
        # not an ignored element at all
        '<a title="use data-pagefind-ignore here">Link</a>',
        "<!-- <div data-pagefind-ignore> --><p>Indexed</p><!-- </div> -->",
        # what this reading does not follow: left to Pagefind
        '<div data-pagefind-ignore><style>p::after { content: "<div>" }</style></div>',
    ],
)
def test_what_is_not_surely_ignored_is_left_for_pagefind(kept):
    page = f"<main data-pagefind-body><p>before</p>{kept}<p>after</p></main>"
    assert searchable(page) == page


def test_a_body_that_is_also_ignored_and_tags_in_capitals():
    page = "<main data-pagefind-body data-pagefind-ignore><p>all</p></main>"
    assert searchable(page) == page
    page = "<main data-pagefind-body><DIV data-pagefind-ignore><p>x</p></DIV><p>after</p></main>"
    assert searchable(page) == "<main data-pagefind-body><p>after</p></main>"


def test_a_copy_leaves_out_the_heads_links_only():
    """The canonical address okr serve adds to each page is in the head's links, which
    Pagefind does not read: a preview's copy equals the build's, and the index is kept."""
    built = (
        '<html lang="en"><head><meta charset="utf-8"><title>Guide</title>'
        '<link rel="stylesheet" href="assets/site.css"></head>'
        '<body><main data-pagefind-body><p><link itemprop="x" href="#">Body</p></main></body></html>'
    )
    served = built.replace(
        "</title>", '</title><link rel="canonical" href="http://127.0.0.1:8000/guide.html">'
    )
    assert searchable(served) == searchable(built)
    copy = searchable(built)
    assert copy is not None and "<title>Guide</title>" in copy
    assert '<link rel="stylesheet" href="assets/site.css">' in copy  # only the address goes
    assert '<link itemprop="x" href="#">' in copy  # a link in the body is Pagefind's to judge
    # in capitals too; and a link Pagefind reads (a filter, metadata) stays
    upper = served.replace("</head>", "</HEAD>").replace(
        '<link rel="canonical"', "<LINK REL=canonical"
    )
    assert searchable(upper) == searchable(built.replace("</head>", "</HEAD>"))
    meta = built.replace(
        "</title>", '</title><link rel="canonical" data-pagefind-meta="url[href]" href="x">'
    )
    assert searchable(meta) == meta
    # a link-like custom element or a quoted ">" is no canonical link
    custom = built.replace("</title>", "</title><link-preview>hi</link-preview>")
    assert searchable(custom) == custom
    # a head with a comment is left whole: a link inside it may be no link at all
    commented = built.replace("<title>", "<!-- <link rel=x> --><title>")
    assert searchable(commented) == commented


def test_a_copy_is_made_in_linear_time_of_tags_never_closed():
    """A documentation page is a company's own HTML: tags never closed, by the thousand, in
    the head or before the body, cost a linear pass (quadratic before: minutes at 200 KB)."""
    import time

    for page in (
        "<html><head>" + "<link " * 40000 + "</head><body><main data-pagefind-body>x</main>",
        "<html><body>" + "<a " * 40000 + "<main data-pagefind-body>x</main></body></html>",
    ):
        started = time.perf_counter()
        assert searchable(page) is not None
        assert time.perf_counter() - started < 1


def test_a_page_pagefind_would_skip_has_no_copy():
    assert searchable("<html><body><main><h1>Search</h1></main></body></html>") is None


def test_a_body_copy_escapes_its_language_and_title_and_strips_the_same_blocks():
    copy = body_copy('en"><script>', "</title><script>alert(1)</script>", PAGE)
    assert copy is not None
    assert "<script>" not in copy
    assert "&lt;/title&gt;&lt;script&gt;" in copy and 'lang="en&#34;&gt;&lt;script&gt;"' in copy
    assert "Check-ins" not in copy and "KR1 chart" not in copy and "<p>after</p>" in copy


def test_pagefind_failing_is_a_search_error_that_says_what_it_said(tmp_path):
    empty = tmp_path / "pages"
    empty.mkdir()
    indexing = Indexing(empty, tmp_path / "out")
    with pytest.raises(SearchError) as caught:
        indexing.wait()
    assert "the search index was not made" in str(caught.value)
    assert "html files" in str(caught.value)  # Pagefind's own words, not a traceback
    assert not (tmp_path / "out/pagefind.js").exists()


def test_pagefind_indexes_the_copies_and_a_stopped_run_ends_its_process(tmp_path):
    copies = Copies(None)
    try:
        copies.put("teams/a.html", searchable(PAGE) or "")
        copies.put("../outside.html", searchable(PAGE) or "")  # never outside the folder
        assert not (copies.folder.parent / "outside.html").exists()
        Indexing(copies.folder, tmp_path / "out").wait()
        assert (tmp_path / "out/pagefind.js").is_file()
        entry = (tmp_path / "out/pagefind-entry.json").read_text()
        assert '"en"' in entry
        for n in range(3000):  # enough pages that Pagefind is still at work when stopped
            copies.put(f"many/{n}.html", (searchable(PAGE) or "").replace("Team", f"Team {n}"))
        running = Indexing(copies.folder, tmp_path / "stopped")
        process = running._process
        assert process is not None and process.poll() is None
        running.stop()
        assert process.returncode == -signal.SIGKILL
    finally:
        copies.drop()
    assert not copies.folder.exists()


def test_copies_without_a_writable_cache_are_written_and_dropped(tmp_path):
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder would be")
    copies = Copies(blocked)
    assert copies.kept is None
    copies.put("a.html", "x")
    assert (copies.folder / "a.html").read_text() == "x"
    copies.keep()  # nothing to keep it in: it goes
    assert not copies.folder.exists() and Path(blocked).is_file()


def test_a_generated_page_copy_made_from_the_same_inputs_is_linked_not_made(tmp_path, monkeypatch):
    """A copy kept with what it was made from is linked when the inputs are the same and its
    file is still the one made (its stamp); made again when the inputs, the file or the tool differ."""
    from generator import searchcache as search

    cache = tmp_path / "cache"
    first = Copies(cache)
    made = _put(first, "teams/a.html", "Team A")
    assert made is not None and made[0] == "teams/a.html"
    first.made[made[0]] = made[1:]
    first.keep()
    kept = cache / "search/kept/pages/teams/a.html"
    assert "Check-ins" not in kept.read_text() and "<p>after</p>" in kept.read_text()

    def never(*_args):
        raise AssertionError("the copy was made again")

    second = Copies(cache)
    monkeypatch.setattr(search, "body_copy", never)
    assert _put(second, "teams/a.html", "Team A") == made
    assert (second.folder / "teams/a.html").stat().st_ino == kept.stat().st_ino
    monkeypatch.undo()
    # another title: made, and not linked
    third = _put(second, "teams/b.html", "Team B")
    assert third is not None and third[1] != made[1]
    second.drop()
    # a kept copy edited in the cache is not linked, even made from the same inputs
    kept.write_text(kept.read_text().replace("after", "tampered"))
    fourth = Copies(cache)
    remade = _put(fourth, "teams/a.html", "Team A")
    copy = fourth.folder / "teams/a.html"
    assert remade == (made[0], made[1], file_stamp(copy)) and remade[2] != made[2]
    assert "tampered" not in copy.read_text() and copy.stat().st_ino != kept.stat().st_ino
    fourth.drop()
    # a record made by another version of the tool is not used
    monkeypatch.setattr(search.buildstamp, "tool", lambda: "another tool")
    assert Copies(cache).earlier == {}
    monkeypatch.undo()
    assert Copies(cache).earlier == {"teams/a.html": made[1:]}
    # a record that is not one (not JSON, another shape) is none: copies are made
    record = cache / "search/kept/copies.json"
    for garbage in ("{not json", "[1, 2]", '{"tool": 3, "pages": []}', "\udcff"):
        record.write_text(garbage, errors="surrogateescape")
        assert Copies(cache).earlier == {}


def test_what_a_rebuild_remembers_links_copies_the_kept_record_does_not_know(tmp_path, monkeypatch):
    """okr serve remembers what its last rebuild made each copy from: a page whose inputs are
    the remembered ones is linked to its kept copy, not made again, even when the kept record
    was made from other inputs (okr build's pages carry another banner); a remembered stamp
    the kept file no longer has is not trusted."""
    from generator import searchcache as search

    cache = tmp_path / "cache"
    first = Copies(cache)
    made = _put(first, "teams/a.html", "Team A")
    assert made is not None
    first.made[made[0]] = ("inputs of another build", made[2])  # the record knows other inputs
    first.keep()
    kept = cache / "search/kept/pages/teams/a.html"

    def never(*_args):
        raise AssertionError("the copy was made again")

    monkeypatch.setattr(search, "body_copy", never)
    with pytest.raises(AssertionError, match="made again"):
        _put(Copies(cache), "teams/a.html", "Team A")  # the record alone: made
    remembered = Copies(cache, {made[0]: (made[1], made[2])})
    assert _put(remembered, "teams/a.html", "Team A") == made
    assert (remembered.folder / "teams/a.html").stat().st_ino == kept.stat().st_ino
    remembered.drop()
    monkeypatch.undo()
    # the kept file changed since: the remembered stamp is not its, so the copy is made
    kept.write_text(kept.read_text().replace("after", "tampered"))
    again = Copies(cache, {made[0]: (made[1], made[2])})
    copy = again.folder / "teams/a.html"
    assert _put(again, "teams/a.html", "Team A") == (made[0], made[1], file_stamp(copy))
    assert "tampered" not in copy.read_text() and copy.stat().st_ino != kept.stat().st_ino
    again.drop()


def test_a_kept_index_is_used_only_with_its_copies_and_a_record_that_is_one(tmp_path):
    cache, made = tmp_path / "cache", tmp_path / "made"
    (made / "fragment").mkdir(parents=True)
    (made / "pagefind-entry.json").write_text('{"languages": {}}')
    (made / "fragment/a.pf_fragment").write_bytes(b"\x00fragment")
    first = Copies(cache)
    first.put("teams/a.html", searchable(PAGE) or "")
    first.keep(made)  # as after Pagefind made `made` of these copies

    def again(output: Path, page: str = PAGE) -> bool:
        copies = Copies(cache)
        copies.put("teams/a.html", searchable(page) or "")
        try:
            return copies.reuse_index(output)
        finally:
            copies.drop()

    site = tmp_path / "site"
    site.mkdir()
    assert again(site / "pagefind")
    assert (site / "pagefind/fragment/a.pf_fragment").read_bytes() == b"\x00fragment"
    assert sorted(p.name for p in site.iterdir()) == ["pagefind"]  # nothing left beside it
    assert not again(tmp_path / "other", PAGE.replace("after", "changed"))
    stamp = cache / "search/kept/index.json"
    real = json.loads(stamp.read_text())
    outside = json.dumps({**real, "files": {"../index.json": "0" * 64, **real["files"]}})
    for garbage in ("{not json", "[]", '{"made_by": 1, "files": {}}', outside):
        stamp.write_text(garbage)
        assert not again(tmp_path / "other")
    assert not (tmp_path / "other").exists()


def test_a_new_tool_that_finds_the_same_copies_makes_them_its_record(tmp_path, monkeypatch):
    """After the tool changed while nothing searched did, the kept index is used, and the
    record of what the copies were made from becomes this tool's: the next build links each
    copy by the record instead of making it again only to find it the same."""
    from generator import searchcache as search

    cache, made = tmp_path / "cache", tmp_path / "made"
    made.mkdir()
    (made / "pagefind-entry.json").write_text('{"languages": {}}')
    first = Copies(cache)
    built = _put(first, "teams/a.html", "Team A")
    assert built is not None
    first.made[built[0]] = built[1:]
    first.keep(made)
    monkeypatch.setattr(search.buildstamp, "tool", lambda: "the next version")
    second = Copies(cache)
    assert second.earlier == {}  # another tool's record: not used
    again = _put(second, "teams/a.html", "Team A")  # made, and found the same: linked
    assert again is not None
    second.made[again[0]] = again[1:]
    (tmp_path / "site").mkdir()
    assert second.reuse_index(tmp_path / "site" / "pagefind")
    second.drop()
    record = json.loads((cache / "search/kept/copies.json").read_text())
    assert record["tool"] == "the next version" and list(record["pages"]) == ["teams/a.html"]

    def never(*_args):
        raise AssertionError("the copy was made again")

    monkeypatch.setattr(search, "body_copy", never)
    third = Copies(cache)
    assert _put(third, "teams/a.html", "Team A") == again
    third.drop()


def _site_with_index(tmp_path: Path) -> tuple[Path, Path]:
    """A preview folder whose pagefind/ holds the last index, and copies to index anew."""
    site = tmp_path / "preview" / "site"
    (site / "pagefind").mkdir(parents=True)
    (site / "pagefind" / "pagefind-entry.json").write_text('{"last": true}')
    return site, site / "pagefind"


def test_an_index_made_later_replaces_the_last_one_and_keeps_the_copies(tmp_path):
    from generator.search import LaterIndex

    site, output = _site_with_index(tmp_path)
    cache = tmp_path / "cache"
    copies = Copies(cache)
    copies.put("teams/a.html", searchable(PAGE) or "")
    later = LaterIndex(copies.folder, output, copies)
    assert (output / "pagefind-entry.json").read_text() == '{"last": true}'  # served meanwhile
    later.join()
    assert (
        '"en"' in (output / "pagefind-entry.json").read_text()
        and (output / "pagefind.js").is_file()
    )
    # kept for the next rebuild, with the index made of them
    assert (cache / "search/kept/pages/teams/a.html").is_file()
    kept = cache / "search/kept/index/pagefind-entry.json"
    assert kept.read_bytes() == (output / "pagefind-entry.json").read_bytes()
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]  # nothing left beside it


def test_an_index_stopped_or_failing_leaves_the_last_one(tmp_path, monkeypatch, caplog):
    import os

    from generator import search
    from generator.search import LaterIndex

    site, output = _site_with_index(tmp_path)
    copies = Copies(None)
    for n in range(3000):  # still at work when stopped
        copies.put(f"many/{n}.html", (searchable(PAGE) or "").replace("Team", f"Team {n}"))
    later = LaterIndex(copies.folder, output, copies)
    later.stop()  # the preview ends
    assert (output / "pagefind-entry.json").read_text() == '{"last": true}'
    assert not copies.folder.exists() and "not updated" not in caplog.text  # quietly
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]

    # the new index made, but not put in place: the last one stays, and it is said
    real = os.rename

    def refuse_the_new(src, dst):
        if Path(dst) == output and not str(src).endswith("-old"):
            raise OSError("refused")
        return real(src, dst)

    copies = Copies(None)
    copies.put("teams/a.html", searchable(PAGE) or "")
    monkeypatch.setattr(search.os, "rename", refuse_the_new)
    LaterIndex(copies.folder, output, copies).join()
    assert (output / "pagefind-entry.json").read_text() == '{"last": true}'
    assert "the preview's search index was not updated" in caplog.text
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]


def test_a_kept_file_is_trusted_only_while_it_is_the_file_recorded(tmp_path):
    """A kept page or copy is linked while it is the file recorded (same inode, size and
    time), never when it was edited in place (even to the same size), replaced by another
    file, or is a link, and a build whose record is empty links nothing."""
    import os

    from generator.outputs import link_if_stamp

    kept = tmp_path / "kept.html"
    kept.write_text("<p>page</p>")
    recorded = file_stamp(kept)
    assert recorded and file_stamp(tmp_path / "missing") == "" and file_stamp(tmp_path) == ""
    assert link_if_stamp(recorded, tmp_path / "a/linked.html", kept)
    assert (tmp_path / "a/linked.html").stat().st_ino == kept.stat().st_ino
    assert file_stamp(tmp_path / "a/linked.html") == recorded  # a link is the same file
    assert not link_if_stamp("", tmp_path / "b.html", kept)
    # edited in place to the same size, a moment later: another time
    info = kept.stat()
    kept.write_text("<p>PAGE</p>")
    os.utime(kept, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000))
    assert kept.stat().st_ino == info.st_ino and kept.stat().st_size == info.st_size
    assert not link_if_stamp(recorded, tmp_path / "c.html", kept)
    # replaced by another file with the same bytes and time: another inode
    again = file_stamp(kept)
    other = tmp_path / "other.html"
    other.write_text("<p>PAGE</p>")
    os.utime(other, ns=(kept.stat().st_atime_ns, kept.stat().st_mtime_ns))
    os.replace(other, kept)
    assert not link_if_stamp(again, tmp_path / "d.html", kept)
    # a link in place of the file is never followed
    target = tmp_path / "target.html"
    os.replace(kept, target)
    kept.symlink_to(target)
    assert file_stamp(kept) == "" and not link_if_stamp(
        file_stamp(target), tmp_path / "e.html", kept
    )
    assert not any((tmp_path / name).exists() for name in ("b.html", "c.html", "d.html", "e.html"))
