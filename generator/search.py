"""The site's search index, made at build time by Pagefind (the `pagefind[extended]` package
ships its binary; the extended build segments Chinese into words).

Pagefind reads HTML: only what a page marks with `data-pagefind-body` (the main content of
every page but the 404 and the search page) is indexed, minus what is marked
`data-pagefind-ignore` (check-in tables, the check-in help). Each language of the site gets
its own index (by the page's `lang`). A reader downloads only the index chunks a query needs.

It is given a copy of each searchable page without the blocks it would ignore (the check-in
tables are half a team page, the charts' axis text a quarter): the index is byte for byte the
one Pagefind makes of the whole site (test_site checks it), in about half the time. A
generated page's copy is made from its body alone, before the theme wraps it, so that Pagefind
(one core) runs while the pages are wrapped and written (two workers). The last build's
copies are kept in the project's cache, and an unchanged copy is linked to its earlier self
instead of written: a one-file rebuild writes a few dozen files, not thousands. Pagefind's
Python API (records sent to its service) measured 20 times slower than its command line,
which is used.
The search page's own script (assets/search.js) explains that search needs the site served
over HTTP when it is opened from a folder.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import IO

from markupsafe import escape

from .errors import OkrError
from .outputs import link_if_same

_log = logging.getLogger("mkdocs.plugins.okr")  # okr serve shows MkDocs' warnings

BUNDLE = "pagefind"  # the folder of the index and its scripts, inside the site
ENTRY = "pagefind-entry.json"  # what the search page reads first: the index of each language
TIMEOUT = 900  # seconds: generous for 10,000 teams on a slow runner


class SearchError(OkrError):
    """Pagefind could not index the site (the message says why)."""


_BODY = re.compile(r"<[a-z]+\b[^>]*\sdata-pagefind-body\b")
# the blocks Pagefind ignores whole: the check-in help and tables (`data-pagefind-ignore`,
# which hold no filter or meta), and the charts (`="all"`, nothing inside is read)
_IGNORED_START = re.compile(
    r"<(details)\b[^>]*\sdata-pagefind-ignore\b[^>]*>"
    r"|<(svg)\b[^>]*\sdata-pagefind-ignore=\"all\"[^>]*>"
)


def searchable(html: str) -> str | None:
    """What Pagefind needs of a written page: None for a page it would skip (no
    `data-pagefind-body`), else the page without the blocks it would ignore (a block
    holding another of its kind is left for Pagefind)."""
    if not _BODY.search(html):
        return None
    kept, at = [], 0
    for start in _IGNORED_START.finditer(html):
        if start.start() < at:
            continue
        tag = start.group(1) or start.group(2)
        end = html.find(f"</{tag}>", start.end())
        if end < 0 or f"<{tag}" in html[start.end() : end]:
            continue
        kept.append(html[at : start.start()])
        at = end + len(tag) + 3
    kept.append(html[at:])
    return "".join(kept)


def body_copy(lang: str, title: str, body: str) -> str | None:
    """What Pagefind needs of a page whose searched part is `body` (the content of its
    `<main data-pagefind-body>`): the same index as the page wrapped in the theme, whose
    header and footer hold nothing Pagefind reads."""
    return searchable(
        f'<!doctype html>\n<html lang="{escape(lang)}">\n<head><meta charset="utf-8">'
        f"<title>{escape(title)}</title></head>\n<body><main data-pagefind-body>{body}</main>"
        "</body>\n</html>\n"
    )


class Copies:
    """A build's copies of its searched pages, in a folder of their own. With a cache folder,
    the copies of the last build that made an index are kept in it (`search/pages/`), and a
    copy with the same bytes is linked to its earlier self instead of written."""

    def __init__(self, cache: Path | None) -> None:
        where = cache / "search" if cache is not None else None
        if where is not None:
            try:
                where.mkdir(parents=True, exist_ok=True)
                _clear_stale(where)
            except OSError:
                where = None  # a cache that cannot be written is only slower
        self.kept = where / "pages" if where is not None else None
        self.folder = Path(tempfile.mkdtemp(prefix="building-", dir=where))

    def put(self, dest: str, text: str) -> None:
        """The copy of the page published at `dest` (a path inside the site)."""
        parts = dest.split("/")
        if ".." in parts:
            return  # MkDocs never writes outside its site; nor does this
        data = text.encode("utf-8", errors="xmlcharrefreplace")
        target = self.folder.joinpath(*parts)
        if self.kept is not None and link_if_same(data, target, self.kept.joinpath(*parts)):
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    def keep(self) -> None:
        """This build's copies become the ones the next build links to."""
        if self.kept is None:
            self.drop()
            return
        old = self.kept.with_name(f"old-{os.getpid()}")
        try:
            if self.kept.exists():
                self.kept.rename(old)
            self.folder.rename(self.kept)
        except OSError:  # another build swapped at the same moment: its copies stay
            self.drop()
        shutil.rmtree(old, ignore_errors=True)

    def drop(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


STALE = 3600  # seconds after which a build's leftover copies (its process was killed) go


def _clear_stale(where: Path) -> None:
    now = time.time()
    for folder in where.iterdir():
        if folder.name != "pages" and folder.is_dir():
            try:
                if now - folder.stat().st_mtime > STALE:
                    shutil.rmtree(folder, ignore_errors=True)
            except OSError:
                continue


class Indexing:
    """Pagefind at work on the pages under `pages` (the site's layout: their paths are their
    URLs), writing the index into `output` (the site's `pagefind/`), while the caller goes
    on; `wait` finishes it."""

    def __init__(self, pages: Path, output: Path) -> None:
        self.output = output
        command = [
            sys.executable, "-m", "pagefind", "--site", str(pages), "--output-path",
            str(output), "--keep-index-url", "--silent",
        ]  # fmt: skip
        # what it says goes to a file: a pipe nobody reads while the build goes on could fill
        self._said: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (closed by wait/stop)
        try:
            self._process: subprocess.Popen[bytes] | None = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=self._said, stderr=self._said
            )
            self._failed = ""
        except OSError as exc:
            self._process, self._failed = None, str(exc)

    def wait(self) -> None:
        try:
            if self._process is None:
                raise SearchError(f"the search index was not made: {self._failed}")
            try:
                code = self._process.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired as exc:
                self._process.kill()
                self._process.wait()
                raise SearchError(f"the search index was not made: {exc}") from None
            self._said.seek(0)
            said = self._said.read().decode("utf-8", errors="replace")
        finally:
            self._said.close()
        if code != 0 or not (self.output / "pagefind.js").is_file():
            lines = said.strip().splitlines()[-5:]
            raise SearchError(
                "the search index was not made: " + " / ".join(lines or ["no output"])
            )
        _entry_in_order(self.output)

    def stop(self) -> None:
        """The build failed: Pagefind stops, and what it wrote goes with the build's folder."""
        self.stop_quietly()
        if self._process is not None:
            self._process.wait()
        self._said.close()

    def stop_quietly(self) -> None:
        """Stop Pagefind while another thread waits for it: its wait then fails."""
        if self._process is not None and self._process.poll() is None:
            self._process.kill()


class LaterIndex:
    """okr serve: Pagefind indexes `pages` beside the site while the rebuilt preview is
    already served with its last index at `output`; the new index replaces it when it is
    made (a reader searches the last save's pages for the two seconds this takes; a search
    begun in those seconds may miss a part of the old index until the page is reloaded). The
    copies are then kept for the next rebuild; a failure is logged and leaves the last
    index. `join` (or `stop`) before anything else touches the site's folder."""

    def __init__(self, pages: Path, output: Path, copies: Copies) -> None:
        self.output, self.copies = output, copies
        self.stopping = False
        self._swap = threading.Lock()  # the index is put in place, or the preview ends: not both
        self.made = Path(tempfile.mkdtemp(prefix=f".{output.parent.name}-search-",
                                          dir=output.parent.parent))  # fmt: skip
        try:
            self.indexing = Indexing(pages, self.made)
            self.thread = threading.Thread(target=self._finish, name="okr-search", daemon=True)
            # listed before it runs: whatever interrupts the caller, stop_all sees it
            _running.append(self)
            self.thread.start()
        except BaseException:
            if self in _running:
                _running.remove(self)
            copies.drop()
            shutil.rmtree(self.made, ignore_errors=True)
            raise

    def _finish(self) -> None:
        old = self.made.with_name(self.made.name + "-old")
        try:
            self.indexing.wait()
            with self._swap:
                if self.stopping:
                    raise SearchError("the preview ended")
                os.rename(self.output, old)
                try:
                    os.rename(self.made, self.output)
                except OSError:
                    os.rename(old, self.output)  # the last index stays
                    raise
            self.copies.keep()
        except (SearchError, OSError) as exc:
            if not self.stopping:
                _log.warning(f"the preview's search index was not updated: {exc}")
            self.copies.drop()
        finally:
            shutil.rmtree(old, ignore_errors=True)
            shutil.rmtree(self.made, ignore_errors=True)

    def join(self) -> None:
        self.thread.join()
        if self in _running:
            _running.remove(self)

    def stop(self) -> None:
        """The preview ends: Pagefind stops, and nothing is put in place."""
        with self._swap:
            self.stopping = True
        self.indexing.stop_quietly()
        self.join()


_running: list[LaterIndex] = []  # indexes being made, in the order they were started


def join_all() -> None:
    """Wait for every index being made (okr serve, before anything moves in the site)."""
    while _running:
        _running[0].join()


def stop_all() -> None:
    """okr serve ends (the preview's folder is removed next): every index being made stops."""
    while _running:
        _running[0].stop()


def _entry_in_order(output: Path) -> None:
    entry = output / ENTRY
    try:
        entry.write_bytes(in_order(entry.read_bytes()))
    except (OSError, ValueError) as exc:
        raise SearchError(f"the search index was not made: {ENTRY}: {exc}") from None


def in_order(entry: bytes) -> bytes:
    """Pagefind's entry file with its languages in a fixed order: Pagefind writes them in
    the order of a hash map, which changes from run to run (a site in two languages would
    differ between two builds of the same files)."""
    data = json.loads(entry)
    if isinstance(data, dict) and isinstance(data.get("languages"), dict):
        data["languages"] = dict(sorted(data["languages"].items()))
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
