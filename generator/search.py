"""The site's search index, made at build time by Pagefind (the `pagefind[extended]` package
ships its binary; the extended build segments Chinese into words).

Each language of the site gets its own index (by the page's `lang`); a reader downloads only
the index chunks a query needs. Pagefind indexes the copies of the searched pages
(searchcopy.py), kept with the index between builds (searchcache.py). Pagefind's Python API
(records sent to its service) measured 20 times slower than its command line, which is used.
The search page's own script (assets/search.js) explains that search needs the site served
over HTTP when it is opened from a folder.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import IO

from .errors import OkrError
from .searchcache import FLAGS, Copies

_log = logging.getLogger("mkdocs.plugins.okr")  # okr serve shows MkDocs' warnings

BUNDLE = "pagefind"  # the folder of the index and its scripts, inside the site
ENTRY = "pagefind-entry.json"  # what the search page reads first: the index of each language
TIMEOUT = 900  # seconds: generous for 10,000 teams on a slow runner


class SearchError(OkrError):
    """Pagefind could not index the site (the message says why)."""


class Indexing:
    """Pagefind at work on the pages under `pages` (the site's layout: their paths are their
    URLs), writing the index into `output` (the site's `pagefind/`), while the caller goes
    on; `wait` finishes it."""

    def __init__(self, pages: Path, output: Path) -> None:
        self.output = output
        command = [
            sys.executable, "-m", "pagefind", "--site", str(pages), "--output-path", str(output),
            *FLAGS,
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
            self.copies.keep(self.output)
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
        rewritten = entry.with_name(f".{ENTRY}.new")
        rewritten.write_bytes(in_order(entry.read_bytes()))
        os.replace(rewritten, entry)  # a new file: never written through a link
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
