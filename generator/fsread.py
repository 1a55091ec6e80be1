"""Reading user files safely: only regular files, never through a link that leaves the folder,
never more than the size limit.

A FIFO would block the reader forever, a device (`/dev/zero`) never ends, and a symbolic link
could point anywhere on the machine (`/etc/passwd`, a file outside the repository that would
then be published). The file type is checked before anything is read: the file is opened
without blocking and checked again on the open descriptor, so swapping the file in between
changes nothing, and at most the size limit is read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .said import Message, say


class Refused(Exception):
    """The path is not something we read; the message says why, in words for the author
    (a phrase that follows "the file" or "this path")."""

    def __init__(self, why: Message, too_large: bool = False) -> None:
        super().__init__(why)
        self.why = why
        # a file too large is still a file of the tree (its finding is an error of its own);
        # every other refusal is a path the tree should not hold
        self.too_large = too_large

    def __reduce__(self) -> tuple[type[Refused], tuple[Message, bool]]:
        return (Refused, (self.why, self.too_large))  # whole, across worker processes


_KINDS = (
    (stat.S_ISDIR, say("a folder")),
    (stat.S_ISFIFO, say("a named pipe (FIFO)")),
    (stat.S_ISSOCK, say("a socket")),
    (stat.S_ISCHR, say("a device")),
    (stat.S_ISBLK, say("a device")),
)


_IRREGULAR = say("not a regular file")


def kind_of(mode: int) -> Message:
    return next((name for test, name in _KINDS if test(mode)), _IRREGULAR)


def unreadable(exc: OSError) -> Message:
    """Why the system would not read it (its own words: they name what is wrong)."""
    return say("cannot be read: {reason}", reason=exc.strerror or type(exc).__name__)


def inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def check_link(path: Path, folder: Path | None) -> None:
    """Refuse a symbolic link that loops, dangles or leads out of `folder` (None: any link)."""
    try:
        target = path.resolve(strict=True)
    except RuntimeError:
        raise Refused(
            say("is a symbolic link that loops; replace it with the file itself")
        ) from None
    except OSError:
        raise Refused(
            say("is a symbolic link to nothing; replace it with the file itself")
        ) from None
    if folder is None or not inside(target, folder.resolve()):
        raise Refused(
            say(
                "is a symbolic link that leads out of the OKR folder; it is not read: put "
                "the file itself here"
            )
            if folder is not None
            else say(
                "is a symbolic link that leads elsewhere; it is not read: put the file itself here"
            )
        )


def read_regular(path: Path, max_bytes: int, folder: Path | None = None) -> bytes:
    """The bytes of a regular file, or Refused. Links are followed only inside `folder`."""
    try:
        info = os.lstat(path)
    except OSError as exc:
        raise Refused(unreadable(exc)) from None
    if stat.S_ISLNK(info.st_mode):
        check_link(path, folder)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise Refused(unreadable(exc)) from None
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):
            raise Refused(
                say(
                    "is {kind}, not a regular file; it is not read",
                    kind=kind_of(opened.st_mode),
                )
            )
        if opened.st_size > max_bytes:
            raise Refused(_too_large(max_bytes), too_large=True)
        chunks, size = [], 0
        while size <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > max_bytes:  # it grew while we read
            raise Refused(_too_large(max_bytes), too_large=True)
        return b"".join(chunks)
    except OSError as exc:
        raise Refused(unreadable(exc)) from None
    finally:
        os.close(fd)


def _too_large(max_bytes: int) -> Message:
    return say("is larger than {size} bytes; split it or shorten it", size=max_bytes)
