"""What page jobs made in an earlier build, kept by the digest of what they show.

A site of 1,000 teams is 3,000 page jobs; when one team file changes, all but a few dozen of
them would make exactly what they made last time. Each job's output (its pages, with their
key results' charts, chart specs and files) is kept in the project's cache folder under the
job's identity, with the key it was made for (site/depends.py: a digest of everything the
job's pages show); a later build with the same key takes it from there instead of making it
again.

Entries are data, never pickle: the cache is published as it is (like the chart cache), but
reading it can never run code. An entry is a small JSON header (the key, the pages' titles and
addresses, the chart specs, the files' names) and, after it, the pages' HTML and the files'
bytes as they are, each of the length the header gives: a one-file build at 1,000 teams reads
3,000 entries, and decoding 130 MB of escaped JSON strings and base64 took most of the time
that reading them took. They are compressed (zlib, fastest level): pages are repetitive HTML,
and the cache of a 1,000-team site takes 20 MB instead of 100 MB. An entry that cannot be
read, or was made for another key, is no entry: the job is simply made. Entries of jobs the
last build did not have are removed.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from pathlib import Path

from .. import cache
from .page import Job, Made, Page

SUFFIX = ".job.z"
_BEFORE = ".json.z"  # entries of the format before (all JSON): removed


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
            made = _decode(zlib.decompress((self.folder / name).read_bytes()), key)
        except (OSError, ValueError, TypeError, KeyError, IndexError, zlib.error):
            return None  # unreadable or not ours: made again (and rewritten)
        if made is None:
            return None
        self.reused += len(made[0])
        return made

    def put(self, job: Job, key: str, made: Made) -> None:
        """Keep what `job` made (in a worker process too: each job's entry is its own file)."""
        if self.folder is None:
            return
        name = _name(job, self.prefix)
        self._seen.add(name)
        cache.store(self.folder / name, zlib.compress(_encode(key, made), 1))

    def names(self, jobs: list[Job]) -> set[str]:
        return {_name(job, self.prefix) for job in jobs}


def prune(folder: Path | None, keep: set[str]) -> None:
    """Remove the entries of jobs a build no longer has (teams or people that went away), and
    the entries of the format before."""
    cache.prune(folder, SUFFIX, keep)
    cache.prune(folder, _BEFORE, set())


_HEAD = 4  # the length of the JSON header, big-endian, before it


def _encode(key: str, made: Made) -> bytes:
    pages, specs, files = made
    blobs = [p.html.encode("utf-8", "surrogatepass") for p in pages] + list(files.values())
    head = {
        "key": key,
        "pages": [[p.src, p.title, p.source, p.searchable] for p in pages],
        "specs": specs,
        "files": list(files),
        "sizes": [len(blob) for blob in blobs],
    }
    header = json.dumps(head, ensure_ascii=True, separators=(",", ":")).encode()
    return b"".join([len(header).to_bytes(_HEAD, "big"), header, *blobs])


def _decode(data: bytes, key: str) -> Made | None:
    """The entry's output, or None when it was made for another key; ValueError (or
    another error of reading) when it is not an entry of this format."""
    size = int.from_bytes(data[:_HEAD], "big")
    head = json.loads(data[_HEAD : _HEAD + size])
    if head["key"] != key:
        return None
    sizes, names, specs = head["sizes"], head["files"], head["specs"]
    if not (isinstance(specs, dict) and len(sizes) == len(head["pages"]) + len(names)):
        raise ValueError("entry")
    at, blobs = _HEAD + size, []
    for length in sizes:
        if not isinstance(length, int) or length < 0 or at + length > len(data):
            raise ValueError("entry")
        blobs.append(data[at : at + length])
        at += length
    if at != len(data):
        raise ValueError("entry")
    pages = []
    for (src, title, source, searchable), html in zip(head["pages"], blobs, strict=False):
        shown = source if isinstance(source, str) else None
        text = html.decode("utf-8", "surrogatepass")
        pages.append(Page(str(src), str(title), text, shown, searchable is True))
    files = {str(n): blob for n, blob in zip(names, blobs[len(pages) :], strict=True)}
    return pages, specs, files
