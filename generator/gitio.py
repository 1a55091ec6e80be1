"""Reading OKR files at git revisions without checking anything out (the working tree is
never touched), and the history the "What changed" page is built from."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError


class GitError(UsageError):
    """git is missing, the folder is not a repository, or a revision does not exist."""


def git(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    try:
        proc = subprocess.run(
            ["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False
        )
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]}: {message[-1] if message else 'failed'}")
    return proc.stdout


def toplevel(path: Path) -> Path:
    folder = path if path.is_dir() else path.parent
    try:
        return Path(git(["rev-parse", "--show-toplevel"], folder).decode().strip())
    except GitError:
        raise GitError(f"{path} is not inside a git repository") from None


def resolve(rev: str, repo: Path) -> str:
    try:
        return git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], repo).decode().strip()
    except GitError:
        raise GitError(f"unknown revision '{rev}'") from None


def list_files(rev: str, prefix: str, repo: Path) -> list[str]:
    out = git(["ls-tree", "-r", "--name-only", "-z", rev, "--", prefix], repo)
    return [p for p in out.decode("utf-8").split("\0") if p]


def read_files(rev: str, paths: list[str], repo: Path) -> dict[str, bytes]:
    """The blobs of `paths` at `rev`, in one `git cat-file --batch` call."""
    if not paths:
        return {}
    request = "".join(f"{rev}:{p}\n" for p in paths).encode("utf-8")
    out = git(["cat-file", "--batch"], repo, stdin=request)
    files: dict[str, bytes] = {}
    pos = 0
    for path in paths:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        pos = end + 1
        if len(header) < 3 or header[1] != b"blob":
            continue  # "missing"
        size = int(header[2])
        files[path] = out[pos : pos + size]
        pos += size + 1
    return files


def renames(base: str, head: str | None, prefix: str, repo: Path) -> dict[str, str]:
    """new path -> old path for files git sees as renamed between base and head (or the tree)."""
    args = ["diff", "--name-status", "-M", "-z", base, *([head] if head else []), "--", prefix]
    fields = git(args, repo).decode("utf-8").split("\0")
    found: dict[str, str] = {}
    i = 0
    while i < len(fields) - 1:
        status = fields[i]
        if status.startswith("R") and i + 2 < len(fields):
            found[fields[i + 2]] = fields[i + 1]
            i += 3
        else:
            i += 2
    return found


@dataclass(frozen=True)
class Commit:
    sha: str
    parent: str | None
    day: str
    author: str
    subject: str


def history(prefix: str, since: str, repo: Path, limit: int = 300) -> list[Commit]:
    """Commits touching `prefix` since a date, newest first (merges seen as their first parent)."""
    fmt = "%H%x1f%P%x1f%ad%x1f%an%x1f%s%x1e"
    out = git(
        [
            "log",
            f"--since={since}",
            "--first-parent",
            f"-n{limit}",
            "--date=short",
            f"--format={fmt}",
            "--",
            prefix,
        ],
        repo,
    ).decode("utf-8", "replace")
    commits = []
    for record in out.split("\x1e"):
        parts = record.strip("\n").split("\x1f")
        if len(parts) == 5:
            sha, parents, day, author, subject = parts
            commits.append(
                Commit(sha, parents.split()[0] if parents else None, day, author, subject)
            )
    return commits
