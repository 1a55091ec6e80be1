"""The search copies and the index made of them, kept in the project's cache.

The last build's copies are kept (`search/kept/pages/`), and an unchanged copy is linked to
its earlier self instead of written: a one-file rebuild writes a few dozen files, not
thousands. The index Pagefind made of them is kept beside them (`search/kept/index/`): when
every copy is its earlier self (a check-in changes nothing searched), that index is the one
Pagefind would make, and is used instead of running it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Mapping
from importlib import metadata
from pathlib import Path

from . import buildstamp
from .cache import store
from .outputs import file_stamp, link_if_same, link_if_stamp
from .searchcopy import body_copy

# how Pagefind is run besides where (search.Indexing), and so part of what made an index
FLAGS = ("--keep-index-url", "--silent")


class Copies:
    """A build's copies of its searched pages, in a folder of their own. With a cache folder,
    the copies of the last build that made an index are kept in it (`search/kept/pages/`)
    with that index (`search/kept/index/`), and a copy with the same bytes is linked to its
    earlier self instead of written. When every copy is its earlier self, nothing searched
    changed (a check-in moves only what the pages leave out of the index): the kept index is
    the one Pagefind would make, and is used instead of running it (2-3 s at 1,000 teams)."""

    def __init__(
        self, cache: Path | None, remembered: Mapping[str, tuple[str, str]] | None = None
    ) -> None:
        """`remembered`: what a process that builds again (okr serve) made its last copies
        from, beside what the kept copies were made from (a copy is linked only when the kept
        file still has the recorded bytes)."""
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
        self.earlier = {**_made_from(self.kept_root), **(remembered or {})}
        self.made: dict[str, tuple[str, str]] = {}

    def put(self, dest: str, text: str) -> bytes | None:
        """The copy of the page published at `dest` (a path inside the site): its bytes, as
        written or linked (None: not a path inside the site)."""
        parts = dest.split("/")
        if ".." in parts:
            return None  # MkDocs never writes outside its site; nor does this
        data = text.encode("utf-8", errors="xmlcharrefreplace")
        target = self.folder.joinpath(*parts)
        with contextlib.suppress(FileNotFoundError):
            target.unlink()  # never written through: it may be a link to a kept copy
        if self.kept is not None and link_if_same(data, target, self.kept.joinpath(*parts)):
            return data
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        return data

    def put_body(
        self, dest: str, lang: str, title: str, inputs: str, body: Callable[[], str]
    ) -> tuple[str, str, str] | None:
        """The copy of a generated page published at `dest`, from its body (body_copy): the
        kept copy made from the same `inputs` (inputs_of), linked when it is still the file
        recorded (3,000 unchanged pages a one-file build at 1,000 teams), else made from
        `body()`. What it was made from, for `made` (this may run in a worker process):
        (dest, the inputs' digest, the copy's stamp); None for a page with no copy."""
        parts = dest.split("/")
        if ".." in parts:
            return None  # MkDocs never writes outside its site; nor does this
        earlier = self.earlier.get(dest)
        target = self.folder.joinpath(*parts)
        if (
            earlier is not None
            and earlier[0] == inputs
            and self.kept is not None
            and link_if_stamp(earlier[1], target, self.kept.joinpath(*parts))
        ):
            return dest, inputs, earlier[1]
        copy = body_copy(lang, title, body())
        data = self.put(dest, copy) if copy is not None else None
        return None if data is None else (dest, inputs, file_stamp(target))

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
                or not _stamps_are(index, files)
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
        self._record_made()
        return True

    def _record_made(self) -> None:
        """The kept copies are this build's (each linked to its kept self): what this build
        made them from becomes their record when it is not already. Else, after the tool
        changed while nothing searched did, the record would stay the old tool's, and every
        later build would make each copy again only to find it the same (1.5 s at 1,000
        teams)."""
        assert self.kept_root is not None
        if not self.made or _made_from(self.kept_root) == self.made:
            return
        made = {"tool": buildstamp.tool(), "pages": dict(sorted(self.made.items()))}
        store(self.kept_root / MADE_FROM, json.dumps(made).encode())

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
                        files[name] = file_stamp(target)
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


def inputs_of(lang: str, title: str, *digests: str) -> str:
    """What a generated page's copy is made from, as one digest: its language, its title and
    the digests of what its body is made of (the banner and the page's own)."""
    data = "\0".join((lang, title, *digests)).encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


STAMP = "index.json"  # beside the kept index: what made it, and its files' stamps
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


def index_settings() -> str:
    """What an index is made with besides the pages (_made_by), as one digest."""
    return hashlib.sha256(json.dumps(_made_by()).encode()).hexdigest()


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


def _stamps_are(index: Path, files: dict[str, object]) -> bool:
    """Whether the kept index holds these files, each still the file recorded
    (outputs.file_stamp): the site's copy of each is the same file, and anything that edits
    a published index in place gives it another stamp."""
    for name, recorded in files.items():
        if not isinstance(name, str) or ".." in name.split("/") or name.startswith("/"):
            return False
        if not isinstance(recorded, str) or file_stamp(index / name) != recorded:
            return False
    return True


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or no hard links: a copy
        shutil.copyfile(source, target)
