"""An OKR folder as data, at a git revision or in the working tree: every YAML file loaded
(or marked unreadable, with the reason), keyed by its path in the repository. `okr diff`,
`okr check --base` and the "What changed" page read history through this one module."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import gitio
from .fsread import Refused, read_regular
from .loader import Limits, LoadError, decode, load
from .periods import period_id
from .workspace import ORG_FILE, YAML_SUFFIXES, discover


@dataclass(frozen=True)
class Unreadable:
    """A file that exists but does not load (or is not a file), with the reason, and what
    tells one version of it from another (its bytes' digest, or git's object id): an
    unchanged file that does not load is not a change."""

    message: str
    identity: str = ""


Snapshot = dict[str, Any]  # repository path -> loaded data, or Unreadable
Secret = frozenset[tuple[str, str, str]]  # (period, team, objective id) confidential now
_LIMITS = Limits()


def parse(raw: bytes, limits: Limits = _LIMITS) -> Any:
    try:
        return load(decode(raw), limits)
    except LoadError as exc:
        message = f"line {exc.line}, column {exc.column}: {exc.message}"
        return Unreadable(message, hashlib.sha256(raw).hexdigest())


def _limits(name: str, prefix: str) -> Limits:
    """A file's limits by its repository path: org.yaml's are larger, as the check's are."""
    return _LIMITS.for_org() if name == f"{prefix}/{ORG_FILE}".lstrip("/") else _LIMITS


def snapshot_at(rev: str, repo: Path, prefix: str = "okrs") -> Snapshot:
    blobs = [b for b in gitio.list_blobs(rev, prefix, repo) if b.path.endswith(YAML_SUFFIXES)]
    wanted = [b for b in blobs if b.regular and b.size <= _limits(b.path, prefix).max_bytes]
    contents = gitio.read_blobs([b.oid for b in wanted], repo)
    snapshot: Snapshot = {}
    for blob in blobs:
        limits = _limits(blob.path, prefix)
        if not blob.regular:
            snapshot[blob.path] = Unreadable(f"it is {blob.kind} in git, not a file", blob.oid)
        elif blob.size > limits.max_bytes:
            snapshot[blob.path] = Unreadable(
                f"it is larger than {limits.max_bytes} bytes", blob.oid
            )
        else:
            snapshot[blob.path] = parse(contents.get(blob.oid, b""), limits)
    return snapshot


def snapshot_worktree(repo: Path, prefix: str = "okrs") -> Snapshot:
    folder = repo / prefix
    if not folder.is_dir():
        return {}
    snapshot: Snapshot = {}
    for path in discover(folder):
        name = path.relative_to(repo).as_posix()
        limits = _limits(name, prefix)
        try:
            snapshot[name] = parse(read_regular(path, limits.max_bytes, folder), limits)
        except Refused as exc:
            snapshot[name] = Unreadable(f"this path {exc}")
    return snapshot


def by_id(items: Any) -> dict[str, dict[str, Any]]:
    """A list of entries by their `id` (the first of each id wins)."""
    if not isinstance(items, list):
        return {}
    found: dict[str, dict[str, Any]] = {}
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("id"), str | int):
            found.setdefault(str(item["id"]), item)
    return found


def _relative(path: str, prefix: str) -> list[str]:
    rest = path[len(prefix) + 1 :] if prefix and path.startswith(prefix + "/") else path
    return rest.split("/") if not prefix or path.startswith(prefix + "/") else []


def file_kind(path: str, prefix: str) -> str | None:
    parts = _relative(path, prefix)
    if parts == [ORG_FILE]:
        return "org"
    if len(parts) == 2 and parts[1].endswith(YAML_SUFFIXES):
        return "team"
    return None


def team_period(path: str, data: Any) -> tuple[str, str]:
    parts = path.split("/")
    folder, stem = (parts[-2] if len(parts) > 1 else ""), Path(parts[-1]).stem
    if isinstance(data, dict):
        return period_id(data.get("period", folder)), str(data.get("team", stem))
    return folder, stem


def confidential_now(snapshot: Snapshot, prefix: str) -> Secret:
    """(period, team, objective) of every objective confidential in `snapshot`."""
    found = set()
    for path, data in snapshot.items():
        if file_kind(path, prefix) != "team" or not isinstance(data, dict):
            continue
        period, team = team_period(path, data)
        for oid, objective in by_id(data.get("objectives")).items():
            if objective.get("confidential"):
                found.add((period, team, oid))
    return frozenset(found)
