"""`okr check --pre-commit`: what the pre-commit hook checks.

pre-commit passes a hook only the files that still exist, so a commit that deletes or renames
a team file that others reference would pass unchecked. The hook runs on every commit instead
(`always_run`), asks git what the commit adds, changes, deletes or renames (staged changes,
or the range pre-commit gives in PRE_COMMIT_FROM_REF and PRE_COMMIT_TO_REF), and checks the
whole OKR tree when any of it is an OKR file or the checker's configuration; otherwise it
checks nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

from . import gitio
from .workspace import CONFIG_FILE, ORG_FILE, find_root

WATCHED_FILES = (CONFIG_FILE, "okr-sources.yaml")


def changed(repo: Path) -> list[str]:
    """Repository paths the commit (or the pushed range) adds, changes, deletes or renames."""
    start, end = os.environ.get("PRE_COMMIT_FROM_REF"), os.environ.get("PRE_COMMIT_TO_REF")
    if start and end:
        args = ["diff", "--name-only", "--no-renames", "-z", gitio.resolve(start, repo),
                gitio.resolve(end, repo), "--"]  # fmt: skip
    else:
        args = ["diff", "--cached", "--name-only", "--no-renames", "-z", "--"]
    out = gitio.git(args, repo)
    return [os.fsdecode(p) for p in out.split(b"\0") if p]


def tree_to_check(files: list[str], start: Path) -> Path | None:
    """The OKR folder to check, or None when nothing the checker reads has changed.

    `files` are the paths pre-commit passed (existing files matching the hook's pattern)."""
    okrs = find_root(start)
    if okrs is None:
        return None
    repo = gitio.toplevel(okrs)
    prefix = okrs.resolve().relative_to(repo.resolve()).as_posix()
    beside = "" if prefix in (".", "") else f"{prefix.rsplit('/', 1)[0]}/" if "/" in prefix else ""
    watched = {f"{beside}{name}" for name in WATCHED_FILES} | {f"{prefix}/{ORG_FILE}"}
    paths = [*files, *changed(repo)]
    inside = f"{prefix}/" if prefix not in (".", "") else ""
    for path in paths:
        path = path.removeprefix("./")
        if path in watched or (path.startswith(inside) and path.endswith((".yaml", ".yml"))):
            return okrs
    return None
