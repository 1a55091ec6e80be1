"""The site's search index, made at build time by Pagefind (the `pagefind[extended]` package
ships its binary; the extended build segments Chinese into words).

Pagefind reads HTML: only what a page marks with `data-pagefind-body` (the main content of
every page but the 404 and the search page) is indexed, minus what is marked
`data-pagefind-ignore`: the check-in help and tables, and every figure a check-in moves (a
state, a progress, a trend, a bar, a key result's figures and chart). Search finds words
people wrote (titles, descriptions, names, tags, teams); the figures are read on the page
the result leads to. Each language of the site gets its own index (by the page's `lang`). A
reader downloads only the index chunks a query needs.

It is given a copy of each searchable page without the blocks it would ignore (the check-in
tables are half a team page, the charts' axis text a quarter): the index is byte for byte the
one Pagefind makes of the whole site (test_site checks it), in about half the time. A
generated page's copy is made from its body alone, before the theme wraps it, so that Pagefind
(one core) runs while the pages are wrapped and written (two workers). The last build's
copies are kept in the project's cache, and an unchanged copy is linked to its earlier self
instead of written: a one-file rebuild writes a few dozen files, not thousands. When every
copy is its earlier self (a check-in changes nothing searched), the index kept with them is
used and Pagefind does not run. Pagefind's
Python API (records sent to its service) measured 20 times slower than its command line,
which is used.
The search page's own script (assets/search.js) explains that search needs the site served
over HTTP when it is opened from a folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import time
from importlib import metadata
from pathlib import Path
from typing import IO

from markupsafe import escape

from . import buildstamp
from .errors import OkrError
from .outputs import link_if_digest, link_if_same

_log = logging.getLogger("mkdocs.plugins.okr")  # okr serve shows MkDocs' warnings

BUNDLE = "pagefind"  # the folder of the index and its scripts, inside the site
ENTRY = "pagefind-entry.json"  # what the search page reads first: the index of each language
TIMEOUT = 900  # seconds: generous for 10,000 teams on a slow runner
FLAGS = ("--keep-index-url", "--silent")  # how Pagefind is run, besides where


class SearchError(OkrError):
    """Pagefind could not index the site (the message says why)."""


_BODY = re.compile(r"<[a-z]+\b[^>]*\sdata-pagefind-body\b")
# an element Pagefind leaves out of the index: `data-pagefind-ignore` bare, ="index" or ="all"
# (the check-in help and tables, the charts, the figures a check-in moves); found by the
# attribute, then its tag: a team page has thousands of tags and a hundred of these
_IGNORE = "data-pagefind-ignore"
_IGNORED_VALUE = re.compile(r'(?:="(?:index|all)")?[\s/>]')
_TAG = re.compile(r"<([a-z][a-z0-9]*)\b", re.IGNORECASE)
# what Pagefind still reads of an ignored element, on it or inside it (none of ours holds
# any): filters, metadata, sorting, a body, the page's title (its first <h1>) and image; and
# what this reading of the HTML does not follow (comments, scripts, styles)
_READ_ANYWAY = re.compile(
    r"\sdata-pagefind-(?:filter|meta|default-meta|sort|body|index-attrs)\b"
    r"|<(?:h1|img|script|style)\b|<!--",
    re.IGNORECASE,
)


def searchable(html: str) -> str | None:
    """What Pagefind needs of a written page: None for a page it would skip (no
    `data-pagefind-body`), else the page without the elements it would ignore. Only what is
    surely ignored is left out; anything else (an element whose end cannot be told by
    counting its tag, one holding what Pagefind reads even there, one inside a comment) is
    left for Pagefind to judge, so the index is the one it makes of the whole page."""
    if not _BODY.search(html):
        return None
    kept, at, pos = [], 0, 0
    while (found := html.find(_IGNORE, pos)) >= 0:
        pos = found + len(_IGNORE)
        if not html[found - 1].isspace() or not _IGNORED_VALUE.match(html, pos):
            continue  # another attribute, or text
        opened = html.rfind("<", at, found)
        tag = _TAG.match(html, opened) if opened >= 0 else None
        closed = html.find(">", pos)
        start = html[opened:found]
        if (
            tag is None
            or closed < 0
            or ">" in start
            or start.count('"') % 2
            or start.count("'") % 2  # inside an attribute's value
            or html.rfind("<!--", at, found) > html.rfind("-->", at, found)  # in a comment
        ):
            continue
        end = _end_of(html, tag.group(1), closed + 1)
        if end < 0 or _READ_ANYWAY.search(html, opened, end):
            continue
        kept.append(html[at:opened])
        at = pos = end
    kept.append(html[at:])
    return "".join(kept)


def _end_of(html: str, tag: str, at: int) -> int:
    """Where the element of `tag` opened just before `at` ends (after its end tag), counting
    elements of the same tag inside it; -1 when it is never closed."""
    opening = re.compile(rf"<{tag}[\s>/]|</{tag}\s*>", re.IGNORECASE)
    depth = 1
    for found in opening.finditer(html, at):
        depth += -1 if found.group().startswith("</") else 1
        if depth == 0:
            return found.end()
    return -1


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
    the copies of the last build that made an index are kept in it (`search/kept/pages/`)
    with that index (`search/kept/index/`), and a copy with the same bytes is linked to its
    earlier self instead of written. When every copy is its earlier self, nothing searched
    changed (a check-in moves only what the pages leave out of the index): the kept index is
    the one Pagefind would make, and is used instead of running it (2-3 s at 1,000 teams)."""

    def __init__(self, cache: Path | None) -> None:
        where = cache / "search" if cache is not None else None
        if where is not None:
            try:
                where.mkdir(parents=True, exist_ok=True)
                _clear_stale(where)
            except OSError:
                where = None  # a cache that cannot be written is only slower
        self.kept_root = where / "kept" if where is not None else None
        self.kept = self.kept_root / "pages" if self.kept_root is not None else None
        self.root = Path(tempfile.mkdtemp(prefix="building-", dir=where))
        self.folder = self.root / "pages"
        self.folder.mkdir()
        # what each kept copy of a generated page was made from: (the digest of its inputs,
        # the digest of its bytes); and the same for this build's, as put_body made them
        self.earlier = _made_from(self.kept_root)
        self.made: dict[str, tuple[str, str]] = {}

    def put(self, dest: str, text: str) -> None:
        """The copy of the page published at `dest` (a path inside the site)."""
        parts = dest.split("/")
        if ".." in parts:
            return  # MkDocs never writes outside its site; nor does this
        data = text.encode("utf-8", errors="xmlcharrefreplace")
        target = self.folder.joinpath(*parts)
        with contextlib.suppress(FileNotFoundError):
            target.unlink()  # never written through: it may be a link to a kept copy
        if self.kept is not None and link_if_same(data, target, self.kept.joinpath(*parts)):
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    def put_body(self, dest: str, lang: str, title: str, body: str) -> tuple[str, str, str] | None:
        """The copy of a generated page published at `dest`, from its body (body_copy): the
        kept copy made from the same inputs, linked when its bytes are still the ones made
        (3,000 unchanged pages a one-file build at 1,000 teams), else made. What it was made
        from, for `made` (this may run in a worker process): (dest, the inputs' digest, the
        copy's digest); None for a page with no copy."""
        parts = dest.split("/")
        if ".." in parts:
            return None  # MkDocs never writes outside its site; nor does this
        inputs = hashlib.sha256(
            "\0".join((lang, title, body)).encode("utf-8", "surrogatepass")
        ).hexdigest()
        earlier = self.earlier.get(dest)
        if earlier is not None and earlier[0] == inputs and self.kept is not None:
            target = self.folder.joinpath(*parts)
            if link_if_digest(earlier[1], target, self.kept.joinpath(*parts)):
                return dest, inputs, earlier[1]
        copy = body_copy(lang, title, body)
        if copy is None:
            return None
        self.put(dest, copy)
        data = copy.encode("utf-8", errors="xmlcharrefreplace")
        return dest, inputs, hashlib.sha256(data).hexdigest()

    def reuse_index(self, output: Path) -> bool:
        """Put the kept index at `output` when this build's copies are the kept ones (the
        same files, each linked to its earlier self) and this Pagefind made it; False when
        it must be made anew."""
        if self.kept_root is None or self.kept is None:
            return False
        index = self.kept_root / "index"
        try:
            stamp = json.loads((self.kept_root / STAMP).read_text(encoding="utf-8"))
            files = stamp.get("files")
            if (
                stamp.get("made_by") != _made_by()
                or not isinstance(files, dict)
                or not _same_files(self.folder, self.kept)
                or not _digests_are(index, files)
            ):
                return False
        except (OSError, ValueError, AttributeError):
            return False
        # put together beside `output`, then swapped in: whatever index is there (okr serve's
        # last one) stays until this one is whole, and stays if this one cannot be put there
        made = old = None
        try:
            made = Path(tempfile.mkdtemp(prefix=f".{output.name}-kept-", dir=output.parent))
            old = made.with_name(made.name + "-old")
            for name in sorted(files):
                target = made / name
                target.parent.mkdir(parents=True, exist_ok=True)
                _link_or_copy(index / name, target)
            if output.exists():
                os.rename(output, old)
            try:
                os.rename(made, output)
            except OSError:
                if old.exists():
                    os.rename(old, output)
                raise
        except OSError:
            return False
        finally:
            for folder in (made, old):
                if folder is not None:
                    shutil.rmtree(folder, ignore_errors=True)
        return True

    def keep(self, index: Path | None = None) -> None:
        """This build's copies, with the index Pagefind made of them at `index`, become the
        ones the next build links to (kept without an index, the next build makes one)."""
        if self.kept_root is None:
            self.drop()
            return
        try:
            made = {"tool": buildstamp.tool(), "pages": dict(sorted(self.made.items()))}
            (self.root / MADE_FROM).write_text(json.dumps(made), "utf-8")
            if index is not None:
                files = {}
                for path in sorted(index.rglob("*")):
                    if path.is_file():
                        name = path.relative_to(index).as_posix()
                        target = self.root / "index" / name
                        target.parent.mkdir(parents=True, exist_ok=True)
                        _link_or_copy(path, target)
                        files[name] = _digest(target)
                made = {"made_by": _made_by(), "files": files}
                (self.root / STAMP).write_text(json.dumps(made, sort_keys=True), "utf-8")
        except OSError:
            self.drop()  # the index could not be kept: the next build makes one
            return
        old = self.kept_root.with_name(f"old-{os.getpid()}")
        try:
            if self.kept_root.exists():
                self.kept_root.rename(old)
            self.root.rename(self.kept_root)
        except OSError:  # another build swapped at the same moment: its copies stay
            self.drop()
        shutil.rmtree(old, ignore_errors=True)

    def drop(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


STAMP = "index.json"  # beside the kept index: what made it, and its files' digests
MADE_FROM = "copies.json"  # beside the kept copies: what each generated page's was made from


def _made_from(kept_root: Path | None) -> dict[str, tuple[str, str]]:
    """What the kept copies were made from, when this very tool made them (else nothing: a
    copy is then made, and linked only if its bytes are the kept ones)."""
    if kept_root is None:
        return {}
    try:
        data = json.loads((kept_root / MADE_FROM).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    pages = data.get("pages") if isinstance(data, dict) else None
    if not isinstance(pages, dict) or data.get("tool") != buildstamp.tool():
        return {}
    return {
        dest: (made[0], made[1])
        for dest, made in pages.items()
        if isinstance(made, list) and len(made) == 2 and all(isinstance(m, str) for m in made)
    }


STALE = 3600  # seconds after which a build's leftover copies (its process was killed) go


def _clear_stale(where: Path) -> None:
    now = time.time()
    for folder in where.iterdir():
        if folder.name != "kept" and folder.is_dir():
            try:
                # "pages": where copies were kept before their index was kept with them
                if folder.name == "pages" or now - folder.stat().st_mtime > STALE:
                    shutil.rmtree(folder, ignore_errors=True)
            except OSError:
                continue


def _made_by() -> list[str]:
    """What an index depends on besides the pages: the Pagefind that made it, and how (its
    flags, its settings in the environment, a configuration file where it runs)."""
    found = list(FLAGS)
    found += sorted(f"{k}={v}" for k, v in os.environ.items() if k.upper().startswith("PAGEFIND"))
    for name in ("pagefind.yml", "pagefind.yaml", "pagefind.toml", "pagefind.json"):
        with contextlib.suppress(OSError):
            found.append(f"{name} {hashlib.sha256(Path(name).read_bytes()).hexdigest()}")
    for name in ("pagefind", "pagefind_bin_extended", "pagefind_bin"):
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    return found


def _same_files(folder: Path, kept: Path) -> bool:
    """Whether `folder` holds the files `kept` does, each a link to its kept self."""
    ours = _inodes(folder)
    return bool(ours) and ours == _inodes(kept)


def _inodes(folder: Path) -> dict[str, tuple[int, int]]:
    found: dict[str, tuple[int, int]] = {}
    for top, _dirs, names in os.walk(folder):
        for name in names:
            path = os.path.join(top, name)
            info = os.lstat(path)
            if info.st_ino == 0:  # a file system without inode numbers: nothing is known linked
                return {}
            found[os.path.relpath(path, folder)] = (info.st_dev, info.st_ino)
    return found


def _digests_are(index: Path, files: dict[str, object]) -> bool:
    """Whether the kept index holds these files (regular ones) with these bytes: the site's
    copy of each is the same file, and anything that edits a published index in place would
    edit the kept one too."""
    for name, digest in files.items():
        if not isinstance(name, str) or ".." in name.split("/") or name.startswith("/"):
            return False
        path = index / name
        if not stat.S_ISREG(os.lstat(path).st_mode) or _digest(path) != digest:
            return False
    return True


def _digest(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or no hard links: a copy
        shutil.copyfile(source, target)


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
