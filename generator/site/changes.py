"""The "What changed" page's data: recent OKR changes and check-ins from git history.

Each commit that touched the OKR folder in the six weeks up to "today" is compared with its
parent by the same semantic diff as `okr diff`, reading only the files the commit changed.
The window depends only on the commits' own timestamps and on "today", never on the clock or
the machine's time zone. Changes to objectives that are confidential at either side of a
commit, or now, are left out (a commit that only touched them is left out, subject and all).
Without git history (a tarball build) there is nothing to show, and the page says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path

from .. import gitio
from ..okrdiff import FileDiff, diff_snapshots
from ..periods import Periods
from ..snapshots import Secret, parse

WINDOW_DAYS = 42
MAX_COMMITS = 200


@dataclass
class Entry:
    commit: gitio.Commit
    day: date  # the commit's day in the company's time zone
    diffs: list[FileDiff]


def _day(commit: gitio.Commit, zone: tzinfo) -> date | None:
    try:
        return datetime.fromtimestamp(commit.time, tz=UTC).astimezone(zone).date()
    except (OverflowError, OSError, ValueError):
        return None


def _read(rev: str, paths: list[str], prefix: str, repo: Path) -> dict[str, object]:
    wanted = set(paths)
    blobs = [b for b in gitio.list_blobs(rev, prefix, repo) if b.path in wanted and b.regular]
    contents = gitio.read_blobs([b.oid for b in blobs], repo)
    return {b.path: parse(contents.get(b.oid, b"")) for b in blobs}


def recent_changes(
    okrs: Path, today: date, periods: Periods, zone: tzinfo, secret: Secret
) -> list[Entry] | None:
    """Newest first; None when the OKR folder is not in a git repository with history."""
    try:
        repo = gitio.toplevel(okrs)
        prefix = okrs.resolve().relative_to(repo.resolve()).as_posix().removeprefix(".")
        commits = gitio.history(prefix, repo, MAX_COMMITS)
    except (gitio.GitError, ValueError):
        return None
    entries = []
    for commit in commits:
        day = _day(commit, zone)
        if day is None or day > today or (today - day).days > WINDOW_DAYS:
            continue  # a build for an earlier day does not show later commits
        paths = gitio.changed_paths(commit.parent, commit.sha, prefix, repo)
        moved = gitio.renames(commit.parent, commit.sha, prefix, repo) if commit.parent else {}
        after = _read(commit.sha, paths, prefix, repo)
        before = (
            _read(commit.parent, [moved.get(p, p) for p in paths], prefix, repo)
            if commit.parent
            else {}
        )
        diffs = diff_snapshots(before, after, moved, periods, today, prefix, secret)
        for d in diffs:
            d.changes = [c for c in d.changes if not c.confidential]
        diffs = [d for d in diffs if d.changes or d.status not in ("changed",)]
        if diffs:
            entries.append(Entry(commit, day, diffs))
    return entries
