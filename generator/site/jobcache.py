"""What page jobs made in an earlier build, kept by the digest of what they show.

A site of 1,000 teams is 3,000 page jobs; when one team file changes, all but a few dozen of
them would make exactly what they made last time. Each job's output (its pages, with their
key results' charts, chart specs and files) is kept in the project's cache folder under the
job's identity, with the key it was made for (site/depends.py: a digest of everything the
job's pages show); a later build with the same key takes it from there instead of making it
again.

Entries are JSON, never pickle: the cache is published as it is (like the chart cache), but
reading it can never run code. They are compressed (zlib, fastest level): pages are repetitive
HTML, and the cache of a 1,000-team site takes 20 MB instead of 100 MB. An entry that cannot
be read, or was made for another key, is no entry: the job is simply made. Entries of jobs the
last build did not have are removed.
"""

from __future__ import annotations

import base64
import hashlib
import json
import zlib
from pathlib import Path
from typing import Any

from .. import cache
from .page import Job, Made, Page

SUFFIX = ".json.z"


def _name(job: Job, prefix: str) -> str:
    identity = json.dumps([prefix, job[0], list(job[1])], ensure_ascii=True)
    return hashlib.sha256(identity.encode()).hexdigest()[:32] + SUFFIX


class JobCache:
    """Job outputs in `folder` (None: nothing is kept), for the pages under `prefix` (a
    language's `<code>/`, or "" for the site's own)."""

    def __init__(self, folder: Path | None, prefix: str = "") -> None:
        self.folder = folder
        self.prefix = prefix
        self.reused = 0  # pages taken from the cache
        self._seen: set[str] = set()

    def get(self, job: Job, key: str) -> Made | None:
        if self.folder is None:
            return None
        name = _name(job, self.prefix)
        self._seen.add(name)
        try:
            entry = json.loads(zlib.decompress((self.folder / name).read_bytes()))
            if entry.get("key") != key:
                return None
            made = _decode(entry)
        except (OSError, ValueError, TypeError, KeyError, AttributeError, zlib.error):
            return None  # unreadable or not ours: made again (and rewritten)
        self.reused += len(made[0])
        return made

    def put(self, job: Job, key: str, made: Made) -> None:
        """Keep what `job` made (in a worker process too: each job's entry is its own file)."""
        if self.folder is None:
            return
        name = _name(job, self.prefix)
        self._seen.add(name)
        data = json.dumps(_encode(key, made), ensure_ascii=True, separators=(",", ":")).encode()
        cache.store(self.folder / name, zlib.compress(data, 1))

    def names(self, jobs: list[Job]) -> set[str]:
        return {_name(job, self.prefix) for job in jobs}


def prune(folder: Path | None, keep: set[str]) -> None:
    """Remove the entries of jobs a build no longer has (teams or people that went away)."""
    cache.prune(folder, SUFFIX, keep)


def _encode(key: str, made: Made) -> dict[str, Any]:
    pages, specs, files = made
    return {
        "key": key,
        "pages": [[p.src, p.title, p.html, p.source, p.searchable] for p in pages],
        "specs": specs,
        "files": {name: base64.b64encode(data).decode() for name, data in files.items()},
    }


def _decode(entry: dict[str, Any]) -> Made:
    pages = []
    for src, title, html, source, searchable in entry["pages"]:
        shown = source if isinstance(source, str) else None
        pages.append(Page(str(src), str(title), str(html), shown, searchable is True))
    files = {str(n): base64.b64decode(d, validate=True) for n, d in entry["files"].items()}
    specs = entry["specs"]
    if not isinstance(specs, dict):
        raise TypeError("specs")
    return pages, specs, files
