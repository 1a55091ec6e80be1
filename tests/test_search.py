"""The search index's inputs and Pagefind's run: what is left out of a page's copy, a
generated page's copy from its body, and a Pagefind that fails or is stopped. (That the index
equals the one Pagefind makes of the whole site is test_site's and test_incremental's.)"""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from generator.search import Copies, Indexing, SearchError, body_copy, searchable

PAGE = (
    '<html lang="en"><body><header>Menu</header><main data-pagefind-body><h1>Team</h1>'
    "<details data-pagefind-ignore><summary>Check-ins</summary><table>t</table></details>"
    '<svg data-pagefind-ignore="all" viewBox="0 0 4 4"><title>KR1 chart</title></svg>'
    '<svg class="diagram"><text>kept: not ignored</text></svg>'
    "<details data-pagefind-ignore><details>nested</details></details>"
    "<p>after</p></main></body></html>"
)


def test_a_copy_leaves_out_the_blocks_pagefind_ignores_and_keeps_the_rest():
    copy = searchable(PAGE)
    assert copy is not None
    assert "Check-ins" not in copy and "KR1 chart" not in copy  # both ignored blocks gone
    assert "kept: not ignored" in copy and "<h1>Team</h1>" in copy and "<p>after</p>" in copy
    # a block holding another of its kind is left for Pagefind to judge
    assert "<details>nested</details>" in copy
    assert copy.startswith('<html lang="en"><body><header>Menu</header><main data-pagefind-body>')


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
