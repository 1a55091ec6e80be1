"""Reading OKR files at git revisions without checking anything out (the working tree is
never touched), and the history the "What changed" page is built from."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError
from .textsafe import quote


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
        lines = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        # git's reason is its fatal: line; hints (safe.directory, ...) follow it
        reason = next((x for x in lines if x.startswith(("fatal:", "error:"))), None)
        shown = reason or (lines[-1] if lines else "failed")
        raise GitError(f"git {args[0]}: {shown.removeprefix('fatal: ')}")
    return proc.stdout


def toplevel(path: Path) -> Path:
    folder = path if path.is_dir() else path.parent
    try:
        return Path(os.fsdecode(git(["rev-parse", "--show-toplevel"], folder).strip()))
    except GitError as exc:
        if "not a git repository" in str(exc) or "git is not installed" in str(exc):
            raise GitError(f"{path} is not inside a git repository") from None
        raise  # git's own reason (a repository owned by someone else, ...)


def resolve(rev: str, repo: Path) -> str:
    if rev.startswith("-") or "\0" in rev:  # never an option to git, whatever it says
        raise GitError(f"unknown revision {quote(rev)}")
    try:
        return git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], repo).decode().strip()
    except GitError:
        raise GitError(f"unknown revision {quote(rev)}") from None


@dataclass(frozen=True)
class Blob:
    """A file in a git tree: its mode, object id and size, read by id (never by name, since a
    name may hold a newline that `cat-file --batch` would read as the next request)."""

    path: str
    mode: str
    oid: str
    size: int

    @property
    def regular(self) -> bool:
        return self.mode in ("100644", "100755")

    @property
    def kind(self) -> str:
        return {"120000": "a symbolic link", "160000": "a submodule"}.get(self.mode, "not a file")


def _text(raw: bytes) -> str:
    """A name or message from git: not necessarily UTF-8."""
    return raw.decode("utf-8", "replace")


def list_blobs(rev: str, prefix: str, repo: Path) -> list[Blob]:
    """Every entry under `prefix` at `rev`, with its mode and size (`ls-tree -r -l -z`)."""
    out = git(["ls-tree", "-r", "-l", "-z", "--full-tree", rev, "--", prefix or "."], repo)
    blobs = []
    for record in out.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        fields = meta.split()
        if len(fields) != 4:
            continue
        mode, _kind, oid, size = (f.decode("ascii", "replace") for f in fields)
        blobs.append(Blob(_text(name), mode, oid, int(size) if size.isdigit() else 0))
    return blobs


def list_files(rev: str, prefix: str, repo: Path) -> list[str]:
    return [blob.path for blob in list_blobs(rev, prefix, repo)]


def read_blobs(oids: list[str], repo: Path) -> dict[str, bytes]:
    """The contents of blobs by object id, in one `git cat-file --batch` call."""
    wanted = sorted(set(oids))
    if not wanted:
        return {}
    out = git(["cat-file", "--batch"], repo, stdin="".join(f"{o}\n" for o in wanted).encode())
    found: dict[str, bytes] = {}
    pos = 0
    for oid in wanted:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        pos = end + 1
        if len(header) < 3 or header[1] != b"blob":
            continue  # "<oid> missing"
        size = int(header[2])
        found[oid] = out[pos : pos + size]
        pos += size + 1
    return found


def _fields(out: bytes) -> list[str]:
    return [_text(f) for f in out.split(b"\0")]


def changed_paths(parent: str | None, sha: str, prefix: str, repo: Path) -> list[str]:
    if parent is None:
        return list_files(sha, prefix, repo)
    out = git(["diff", "--name-only", "-M", "-z", parent, sha, "--", prefix or "."], repo)
    return [p for p in _fields(out) if p]


def renames(base: str, head: str | None, prefix: str, repo: Path) -> dict[str, str]:
    """new path -> old path for files git sees as renamed between base and head (or the tree)."""
    args = [
        "diff",
        "--name-status",
        "-M",
        "-z",
        base,
        *([head] if head else []),
        "--",
        prefix or ".",
    ]
    fields = _fields(git(args, repo))
    found: dict[str, str] = {}
    i = 0
    while i < len(fields) - 1:
        status = fields[i]
        if status[:1] in ("R", "C") and i + 2 < len(fields):
            if status[:1] == "R":
                found[fields[i + 2]] = fields[i + 1]
            i += 3
        else:
            i += 2
    return found


@dataclass(frozen=True)
class Commit:
    sha: str
    parent: str | None
    time: int  # committer time, seconds since the epoch
    author: str
    subject: str


_LOG_FIELDS = 5


def history(prefix: str, repo: Path, limit: int = 300) -> list[Commit]:
    """Commits touching `prefix`, newest first (merges seen as their first parent).

    Fields and records are NUL-separated and read by count: no text a user can write in a
    commit (subject, author, file names) can act as a separator."""
    fmt = "%H%x00%P%x00%ct%x00%an%x00%s"
    out = git(
        ["log", "-z", "--first-parent", f"-n{limit}", f"--format={fmt}", "--", prefix or "."],
        repo,
    )
    fields = out.split(b"\0")
    commits = []
    for i in range(0, len(fields) - _LOG_FIELDS + 1, _LOG_FIELDS):
        sha, parents, when, author, subject = fields[i : i + _LOG_FIELDS]
        sha_text = sha.decode("ascii", "replace").strip()
        first = parents.split()[0].decode("ascii", "replace") if parents.split() else None
        stamp = when.decode("ascii", "replace")
        commits.append(
            Commit(
                sha_text,
                first,
                int(stamp) if stamp.lstrip("-").isdigit() else 0,
                _text(author),
                _text(subject),
            )
        )
    return commits
