"""Writing outputs safely: a site folder is replaced whole or not at all, and only if an
earlier build made it; a file is written whole or not at all; nothing is written through a
symbolic link.

`okr build --out okrs` once emptied the OKR folder. A build may now replace only a folder
that holds its marker file (or an empty or missing one), never the OKR folder, the project,
`.git`, or a parent of any of them. The new site is built beside the target and swapped in
when it is complete (an atomic exchange where the system has one), so a failed or killed
build leaves the previous site as it was.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import os
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from .cache import private_temp
from .errors import UsageError

MARKER = ".okr-site"
MARKER_TEXT = b"Built by okr build. okr build may replace this folder; keep nothing else here.\n"
_BUILDING = ".building-"


class OutputError(UsageError):
    """The output cannot be written there; the message says why and leaves it untouched."""


def _problem(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied"
    return exc.strerror or str(exc)


def _no_links(path: Path, what: str) -> None:
    """Refuse a path that is a symbolic link itself (its parents may be what they are)."""
    if path.is_symlink():
        raise OutputError(f"{what} {path} is a symbolic link; refusing to write through it")


def _same_or_parent(a: Path, b: Path) -> bool:
    return a == b or a in b.parents


def _absolute(path: Path) -> list[Path]:
    """A path as given and as resolved: a link to it must not be a way around."""
    plain = Path(os.path.abspath(path))
    return [plain, plain.resolve()]


def check_site_folder(
    out: Path, apart_from: Iterable[Path] = (), not_over: Iterable[Path] = ()
) -> None:
    """Refuse an output folder that okr build did not make, before anything is built.

    `apart_from`: folders the output may not be, hold or lie in (the OKR folder, `.git`,
    the docs). `not_over`: paths the output may not be or hold (the project, its config)."""
    _no_links(out, "the output folder")
    targets = _absolute(out)
    for kept, inside_too in [*((p, True) for p in apart_from), *((p, False) for p in not_over)]:
        for target in targets:
            for place in _absolute(kept):
                if _same_or_parent(target, place) or (inside_too and place in target.parents):
                    raise OutputError(
                        f"the output folder {out} would replace or hold {kept}; "
                        "choose a folder of its own, such as site/"
                    )
    if not os.path.lexists(out):
        return
    if not out.is_dir():
        raise OutputError(f"the output folder {out} is a file; choose a folder")
    try:
        entries = os.listdir(out)
    except OSError as exc:
        raise OutputError(f"cannot read the output folder {out}: {_problem(exc)}") from None
    if entries and MARKER not in entries and not _older_build(out):
        raise OutputError(
            f"{out} holds files that okr build did not make (no {MARKER} marker); "
            "refusing to replace it: choose an empty or new folder"
        )


def _older_build(out: Path) -> bool:
    """A site built before the marker existed: its home page names this generator."""
    try:
        head = (out / "index.html").read_bytes()[:2048]
    except OSError:
        return False
    return b'<meta name="generator" content="okr-pipeline">' in head


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0


LOCK_WAIT = 600.0  # seconds a build waits for another one into the same folder


def lock_file(out: Path) -> Path:
    """The lock of an output folder: in this user's private temporary folder, named after the
    folder, so nothing is left beside the site (beside it only when there is no such folder)."""
    temp = private_temp()
    if temp is None:
        return Path(os.path.abspath(out)).parent / f".{out.name}.okr-lock"
    return temp / f"{hashlib.sha256(os.fsencode(os.path.abspath(out))).hexdigest()[:24]}.lock"


@contextlib.contextmanager
def site_lock(out: Path, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold the output folder for one build at a time: a second `okr build` into the same
    folder waits for the first (saying so), or gives up after `wait` seconds with a clear
    message; neither can delete the other's work in progress or swap in half a site. The
    lock is an advisory lock on a file beside the folder, released by the system if the
    build dies."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: builds are not serialised
        yield
        return
    parent = Path(os.path.abspath(out)).parent
    lock_path = lock_file(out)
    try:
        parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except OSError as exc:
        raise OutputError(
            f"cannot build into {parent}: {_problem(exc)}; choose a folder you can write with --out"
        ) from None
    try:
        deadline = time.monotonic() + wait
        said = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                written = os.pread(fd, 32, 0).decode("ascii", "replace").split()
                holder = written[0] if written and written[0].isdigit() else ""
                if time.monotonic() >= deadline:
                    raise OutputError(
                        f"another okr build (process {holder or '?'}) is still writing {out}; "
                        "try again when it has finished"
                    ) from None
                if not said:
                    print(f"okr: waiting for another okr build (process {holder or '?'}) "
                          f"into {out} to finish", file=sys.stderr)  # fmt: skip
                    said = True
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock


def new_site_folder(out: Path) -> Path:
    """A fresh folder beside `out` to build into. Left-overs of killed builds are removed;
    call it only while holding `site_lock(out)`, so that no running build's folder is one."""
    parent = Path(os.path.abspath(out)).parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        for stale in parent.glob(f".{out.name}{_BUILDING}*"):
            if stale.is_dir() and not stale.is_symlink() and (stale / MARKER).is_file():
                shutil.rmtree(stale, ignore_errors=True)
        building = Path(tempfile.mkdtemp(prefix=f".{out.name}{_BUILDING}", dir=parent))
        (building / MARKER).write_bytes(MARKER_TEXT)
    except OSError as exc:
        raise OutputError(
            f"cannot build into {parent}: {_problem(exc)}; choose a folder you can write with --out"
        ) from None
    return building


def discard(building: Path) -> None:
    shutil.rmtree(building, ignore_errors=True)


def swap_in(building: Path, out: Path) -> None:
    """Put the finished site at `out`; the old one (if any) is removed afterwards."""
    check_site_folder(out)  # nothing replaced it with something else while we built
    os.chmod(building, 0o755)  # mkdtemp makes it private; a site is for reading
    try:
        if not os.path.lexists(out):
            os.rename(building, out)
            return
        if _exchange(building, out):
            shutil.rmtree(building, ignore_errors=True)  # now holds the old site
            return
        old = building.with_name(building.name + "-old")
        os.rename(out, old)
        os.rename(building, out)
        shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        raise OutputError(f"cannot replace {out}: {_problem(exc)}") from None


def earlier_site(out: Path) -> Path | None:
    """The site an earlier build published at `out` (a real folder with the marker), whose
    unchanged files a new build may link instead of writing them again."""
    try:
        if stat.S_ISDIR(os.lstat(out).st_mode) and (out / MARKER).is_file():
            return out
    except OSError:
        pass
    return None


def set_aside(folder: Path) -> Path | None:
    """Move what `folder` holds into a new folder beside it (the same file system: each
    entry is renamed, not copied), leaving it empty; the new folder (None: it could not be
    made, and nothing was moved)."""
    try:
        aside = Path(tempfile.mkdtemp(prefix=f".{folder.name}-earlier-", dir=folder.parent))
    except OSError:
        return None
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            with contextlib.suppress(OSError):
                os.rename(entry.path, aside / entry.name)
    return aside


def link_if_same(data: bytes, dest: Path, earlier: Path) -> bool:
    """Put `data` at `dest` as a hard link to `earlier` when that is a regular file holding
    exactly these bytes; False when it is not (or cannot be linked: then write it). Writing
    a small file costs a disk about ten times what linking one does, and most of a rebuilt
    site's pages are the bytes the last build wrote."""
    return link_if(earlier, dest, lambda size, handle: size == len(data) and handle.read() == data)


def file_stamp(path: Path) -> str:
    """What says a regular file is the one a build wrote, without reading it: its device,
    inode, size and modification time ("" for anything else). A file edited or replaced in
    place has another; a hard link to it has the same."""
    try:
        info = os.lstat(path)
    except OSError:
        return ""
    if not stat.S_ISREG(info.st_mode) or info.st_ino == 0:
        return ""  # a file system without inode numbers: nothing is known the same
    return f"{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}"


def link_if_stamp(recorded: str, dest: Path, earlier: Path) -> bool:
    """Link `earlier` to `dest` when it is still the file a build recorded (file_stamp):
    trusted as make and rsync trust a file's size and time, where reading and hashing the
    3,000 kept pages of a 1,000-team site took a second of a one-file build."""
    if not recorded or file_stamp(earlier) != recorded:
        return False
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.link(earlier, dest, follow_symlinks=False)
    except OSError:
        return False
    # another build may have put another file at `earlier` since (two builds sharing a
    # cache): the link must be to the file recorded
    if file_stamp(dest) != recorded:
        with contextlib.suppress(OSError):
            dest.unlink()
        return False
    return True


def link_if(earlier: Path, dest: Path, same: Callable[[int, BinaryIO], bool]) -> bool:
    """Hard-link `earlier` to `dest` when it is a regular file (never a link) that `same`
    accepts, given its size and the open file; False when it is not, or cannot be linked."""
    try:
        info = os.lstat(earlier)
        if not stat.S_ISREG(info.st_mode):
            return False
        with open(earlier, "rb") as handle:
            if not same(info.st_size, handle):
                return False
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.link(earlier, dest, follow_symlinks=False)
            # another build may have put another file at `earlier` since it was read (two
            # builds sharing a cache): the link must be to the file compared
            read, linked = os.fstat(handle.fileno()), os.lstat(dest)
            if (read.st_dev, read.st_ino) != (linked.st_dev, linked.st_ino):
                dest.unlink()
                return False
    except OSError:
        return False
    return True


def check_output_file(path: Path) -> None:
    """OutputError when `path` cannot be an output file (a link, a folder, below a file):
    what write_file refuses, known before a command changes anything else."""
    _no_links(path, "the output file")
    if path.is_dir():
        raise OutputError(f"{path} is a folder; give a file name")
    parent = Path(os.path.abspath(path)).parent
    if os.path.lexists(parent) and not parent.is_dir():
        raise OutputError(f"{parent} is a file, not a folder")


def write_file(path: Path, data: bytes) -> None:
    """Write a whole file or nothing: to a temporary file beside it, then renamed."""
    check_output_file(path)
    parent = Path(os.path.abspath(path)).parent
    partial = None
    try:
        parent.mkdir(parents=True, exist_ok=True)
        mode = stat.S_IMODE(os.stat(path).st_mode) if path.exists() else 0o644
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=parent)
        partial = Path(name)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())  # on disk before it replaces the file: a crash leaves one
        os.chmod(partial, mode)
        os.replace(partial, path)
        partial = None
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {_problem(exc)}") from None
    finally:
        if partial is not None:
            with contextlib.suppress(OSError):
                partial.unlink()
