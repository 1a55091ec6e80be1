"""The "What changed" page's data: recent OKR changes and check-ins from git history.

Each commit that touched okrs/ in the last weeks is compared with its parent by the same
semantic diff as `okr diff`, reading only the files the commit changed. Changes to
confidential objectives are left out. Without git history (a tarball build) there is nothing
to show, and the page says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from .. import gitio
from ..okrdiff import FileDiff, diff_snapshots, parse
from ..periods import Periods

WEEKS = 6
MAX_COMMITS = 200


@dataclass
class Entry:
    commit: gitio.Commit
    diffs: list[FileDiff]


def _changed(parent: str | None, sha: str, prefix: str, repo: Path) -> list[str]:
    if parent is None:
        return gitio.list_files(sha, prefix, repo)
    out = gitio.git(["diff", "--name-only", "-M", "-z", parent, sha, "--", prefix], repo)
    return [p for p in out.decode("utf-8").split("\0") if p]


def recent_changes(okrs: Path, today: date, periods: Periods) -> list[Entry] | None:
    """Newest first; None when okrs/ is not in a git repository with history."""
    try:
        repo = gitio.toplevel(okrs)
        prefix = okrs.resolve().relative_to(repo.resolve()).as_posix()
        since = (today - timedelta(weeks=WEEKS)).isoformat()
        commits = gitio.history(prefix, since, repo, MAX_COMMITS)
    except (gitio.GitError, ValueError):
        return None
    entries = []
    for commit in commits:
        if commit.day > today.isoformat():
            continue  # a build for an earlier day does not show later commits
        paths = _changed(commit.parent, commit.sha, prefix, repo)
        after = {p: parse(raw) for p, raw in gitio.read_files(commit.sha, paths, repo).items()}
        moved = gitio.renames(commit.parent, commit.sha, prefix, repo) if commit.parent else {}
        old_paths = [moved.get(p, p) for p in paths]
        before = (
            {p: parse(raw) for p, raw in gitio.read_files(commit.parent, old_paths, repo).items()}
            if commit.parent
            else {}
        )
        diffs = diff_snapshots(before, after, moved, periods, today)
        for d in diffs:
            d.changes = [c for c in d.changes if not c.confidential]
        diffs = [d for d in diffs if d.changes or d.status != "changed"]
        if diffs:
            entries.append(Entry(commit, diffs))
    return entries
