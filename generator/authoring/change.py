"""Check a change to one OKR file as if it were written, show it, then write it or refuse.

A change is refused, with nothing written, when the folder would have an error it does not
have now: an author's command must never be the reason the pull request fails. Errors the
folder already has are not the command's business (a check-in on a file with an unrelated
mistake still goes in).
"""

from __future__ import annotations

import contextlib
import difflib
import os
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

try:
    import fcntl
except ImportError:  # not a POSIX system: no folder locks (_only_writer)
    fcntl = None  # type: ignore[assignment]

from ..check import Checked, check_tree
from ..errors import UsageError
from ..fsread import Refused, read_regular
from ..outputs import write_file
from ..problem import Problem, Severity

EXIT_WRITTEN, EXIT_REFUSED = 0, 1
MAX_TEXT = 1 << 30  # larger than any file the check reads, org.yaml included


@dataclass(frozen=True)
class Change:
    path: Path
    before: str | None  # None: a new file
    after: str
    what: str  # "a check-in on platform's O1/KR2", for the last line


def read_text(path: Path) -> str:
    """A file's text exactly as it is: its BOM and line endings kept, so that the edit can
    keep them too."""
    try:
        # a regular file only, opened without blocking: a pipe put in its place while the
        # command ran would otherwise wait forever
        return read_regular(path, MAX_TEXT).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path.as_posix()} is not UTF-8 text (byte {exc.start})") from None
    except Refused as exc:
        raise UsageError(f"{path.as_posix()} {exc.why}") from None


def _shown(line: str) -> str:
    return line.rstrip("\r\n").replace("\r", "") + "\n"


def diff(change: Change, display: str) -> str:
    before = (change.before or "").splitlines(keepends=True)
    after = change.after.splitlines(keepends=True)
    lines = difflib.unified_diff(
        before,
        after,
        fromfile="/dev/null" if change.before is None else f"a/{display}",
        tofile=f"b/{display}",
        lineterm="\n",
    )
    return "".join(_shown(line) for line in lines)


def added(before: list[Problem], after: list[Problem], severity: Severity) -> list[Problem]:
    old = Counter((p.path, p.rule, p.message) for p in before if p.severity is severity)
    new = []
    for problem in after:
        key = (problem.path, problem.rule, problem.message)
        if problem.severity is not severity:
            continue
        if old[key]:
            old[key] -= 1
        else:
            new.append(problem)
    return new


def apply(
    checked: Checked,
    change: Change,
    *,
    today: str | None,
    config: Path | None,
    dry_run: bool,
) -> int:
    display = f"okrs/{change.path.relative_to(checked.root).as_posix()}"
    after = check_tree(checked.root, today, config, overrides={change.path: change.after})
    shown = diff(change, display)
    errors = added(checked.report.problems, after.report.problems, Severity.ERROR)
    warnings = added(checked.report.problems, after.report.problems, Severity.WARNING)
    # Written before anything is printed: a reader that closes the pipe early (`| head`)
    # must not leave the command half done.
    written = not errors and not dry_run and bool(shown)
    if written:
        write(change)
    out = sys.stdout
    out.write(shown if shown else f"{display}: no change\n")
    if errors:
        out.write("".join(f"{p.format()}\n" for p in errors))
        print(
            f"okr: refused: {change.what} would add {len(errors)} "
            f"error{'s' if len(errors) != 1 else ''}; nothing was written",
            file=sys.stderr,
        )
        return EXIT_REFUSED
    out.write("".join(f"{p.format()}\n" for p in warnings))
    if written:
        out.write(f"wrote {display}: {change.what}\n")
    elif shown:
        out.write(f"dry run: {change.what} checked; nothing was written\n")
    return EXIT_WRITTEN


def write(change: Change) -> None:
    folder = change.path.parent
    if folder.is_symlink():
        # the check reads no linked period folder; an edit must not write through one either
        # (a committed link would have `okr new` write wherever it points)
        raise UsageError(
            f"{folder.as_posix()} is a symbolic link to a folder; okr writes only into real "
            "folders; nothing written"
        )
    with _only_writer(folder):
        # Someone (an editor, a git pull, another okr command) may have saved the file while
        # the command ran: their work is never overwritten.
        if change.before is None:
            if change.path.exists() or change.path.is_symlink():
                raise UsageError(
                    f"{change.path.as_posix()} appeared while okr ran; nothing written"
                )
        elif _read_only(change.path):
            # a file made read-only on purpose: the rename would replace it all the same
            raise UsageError(f"{change.path.as_posix()} is read-only; nothing written")
        elif read_text(change.path) != change.before:
            raise UsageError(
                f"{change.path.as_posix()} changed while okr ran; nothing written, run it again"
            )
        write_file(change.path, change.after.encode("utf-8"))


@contextlib.contextmanager
def _only_writer(folder: Path) -> Iterator[None]:
    """While held, no other okr command compares and writes a file of `folder`: two check-ins
    at once on one file would otherwise both find it unchanged, and the second rename would
    drop the first one's line. An advisory lock on the folder itself (nothing is created); where
    folders cannot be locked, the comparison alone guards."""
    if fcntl is None:
        yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        yield  # a new folder (okr new): made by the write, nothing in it to race for
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _read_only(path: Path) -> bool:
    """Whether no one may write the file (gone or unreadable: the comparison says so next)."""
    try:
        return not os.stat(path).st_mode & 0o222
    except OSError:
        return False
