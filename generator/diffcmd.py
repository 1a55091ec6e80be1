"""`okr diff BASE [HEAD]`."""

from __future__ import annotations

import sys
from pathlib import Path

from . import gitio
from .formats.diff import render_json, render_markdown, render_text
from .okrdiff import diff_snapshots
from .org import build_org
from .snapshots import Snapshot, Unreadable, confidential_now, snapshot_at, snapshot_worktree
from .today import resolve_today


def semantic_diff(
    repo: Path, prefix: str, base: str, head: str | None, today: str | None
) -> tuple[list, str, str | None]:
    base_sha = gitio.resolve(base, repo)
    head_sha = gitio.resolve(head, repo) if head else None
    before = snapshot_at(base_sha, repo, prefix)
    after: Snapshot = (
        snapshot_at(head_sha, repo, prefix) if head_sha else snapshot_worktree(repo, prefix)
    )
    org_file = f"{prefix}/org.yaml" if prefix else "org.yaml"
    org_data = next(
        (s.get(org_file) for s in (after, before) if not isinstance(s.get(org_file), Unreadable)),
        None,
    )
    org = build_org(org_data)
    day = resolve_today(today, org.timezone)
    moved = gitio.renames(base_sha, head_sha, prefix, repo)
    secret = confidential_now(after, prefix)
    diffs = diff_snapshots(before, after, moved, org.periods, day, prefix, secret)
    return diffs, base_sha, head_sha


def run_diff(base: str, head: str | None, fmt: str, today: str | None, okrs: Path) -> int:
    folder = okrs.resolve()
    repo = gitio.toplevel(folder if folder.exists() else Path.cwd())
    try:
        prefix = folder.relative_to(repo.resolve()).as_posix()
    except ValueError:
        raise gitio.GitError(f"{okrs} is not inside the repository {repo}") from None
    diffs, base_sha, head_sha = semantic_diff(repo, prefix, base, head, today)
    if fmt == "json":
        sys.stdout.write(render_json(diffs, base_sha, head_sha))
    elif fmt == "markdown":
        sys.stdout.write(render_markdown(diffs))
    else:
        sys.stdout.write(render_text(diffs))
    return 0
