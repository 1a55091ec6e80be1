"""What page jobs made in an earlier build, kept by the digest of what they show.

A site of 1,000 teams is 3,000 page jobs; when one team file changes, all but a few dozen of
them would make exactly what they made last time. Each job's output (its pages, with their
key results' charts, chart specs and files) is kept in the project's cache folder under the
job's identity, with the key it was made for (site/depends.py: a digest of everything the
job's pages show); a later build with the same key takes it from there instead of making it
again.

Entries are data, never pickle: the cache is published as it is (like the chart cache), but
reading it can never run code. An entry is a small JSON header (the key, the pages' titles,
addresses and the digests of their bodies, the chart specs, the files' names) and, after it,
two compressed parts (zlib, fastest level: pages are repetitive HTML, and the cache of a
1,000-team site takes 14 MB instead of 110 MB): the files' bytes, then the pages' bodies,
each of the length the header gives. A one-file build at 1,000 teams reads 3,000 entries;
the files (the parts of the exports) are unpacked, the bodies only when something reads
one (site/page.py): what follows compares their digests. An entry that cannot be read, or
was made for another key, is no entry: the job is simply made. Entries of jobs the last
build did not have are removed.
"""

from __future__ import annotations

import functools
import hashlib
import json
import zlib
from pathlib import Path

from .. import cache
from .page import Job, Made, Page

SUFFIX = ".kept"
_BEFORE = (".json.z", ".job.z")  # entries of the formats before (removed)


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
            made = _decode((self.folder / name).read_bytes(), key)
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
        cache.store(self.folder / name, _encode(key, made))

    def names(self, jobs: list[Job]) -> set[str]:
        return {_name(job, self.prefix) for job in jobs}


def prune(folder: Path | None, keep: set[str]) -> None:
    """Remove the entries of jobs a build no longer has (teams or people that went away), and
    the entries of the format before."""
    cache.prune(folder, SUFFIX, keep)
    for suffix in _BEFORE:
        cache.prune(folder, suffix, set())


_HEAD = 4  # the length of the JSON header, big-endian, before it


def _encode(key: str, made: Made) -> bytes:
    pages, specs, files = made
    bodies = [p.html.encode("utf-8", "surrogatepass") for p in pages]
    blobs = list(files.values())
    packed = [zlib.compress(b"".join(blobs), 1), zlib.compress(b"".join(bodies), 1)]
    head = {
        "key": key,
        "pages": [[p.src, p.title, p.source, p.searchable, p.digest] for p in pages],
        "specs": specs,
        "files": list(files),
        "sizes": [len(blob) for blob in blobs],
        "bodies": [len(body) for body in bodies],
        "packed": [len(part) for part in packed],
        "crc": [zlib.crc32(part) for part in packed],
    }
    header = json.dumps(head, ensure_ascii=True, separators=(",", ":")).encode()
    return b"".join([len(header).to_bytes(_HEAD, "big"), header, *packed])


def _decode(data: bytes, key: str) -> Made | None:
    """The entry's output, or None when it was made for another key; ValueError (or
    another error of reading) when it is not an entry of this format. The bodies are
    unpacked when one is read: a part that does not unpack then, or is not of the lengths
    recorded, is an error (the parts' checksums are checked here)."""
    size = int.from_bytes(data[:_HEAD], "big")
    head = json.loads(data[_HEAD : _HEAD + size])
    if head["key"] != key:
        return None
    names, specs, entries = head["files"], head["specs"], head["pages"]
    sizes, lengths, packed = head["sizes"], head["bodies"], head["packed"]
    if not (
        isinstance(specs, dict)
        and _lengths(sizes, len(names))
        and _lengths(lengths, len(entries))
        and _lengths(packed, 2)
        and _HEAD + size + sum(packed) == len(data)
    ):
        raise ValueError("entry")
    at = _HEAD + size
    # the bodies are unpacked later, when a page is read: the parts are checked now, so that
    # what a damaged entry could do (fail to unpack then) is found while it is only no entry
    parts = data[at : at + packed[0]], data[at + packed[0] :]
    if head["crc"] != [zlib.crc32(part) for part in parts]:
        raise ValueError("entry")
    blob = zlib.decompress(parts[0])
    if len(blob) != sum(sizes):
        raise ValueError("entry")
    files, start = {}, 0
    for name, length in zip(names, sizes, strict=True):
        files[str(name)] = blob[start : start + length]
        start += length
    bodies = _Bodies(parts[1], lengths)
    pages = []
    for index, (src, title, source, searchable, digest) in enumerate(entries):
        if not isinstance(digest, str):
            raise ValueError("entry")
        shown = source if isinstance(source, str) else None
        load = functools.partial(bodies.body, index)
        pages.append(Page.kept(str(src), str(title), shown, searchable is True, digest, load))
    return pages, specs, files


def _lengths(values: object, count: int) -> bool:
    return (
        isinstance(values, list)
        and len(values) == count
        and all(isinstance(v, int) and v >= 0 for v in values)
    )


class _Bodies:
    """The pages' bodies of one entry, unpacked the first time one is read."""

    def __init__(self, packed: bytes, lengths: list[int]) -> None:
        self.packed: bytes | None = packed
        self.lengths = lengths
        self.texts: list[str] = []

    def body(self, index: int) -> str:
        if self.packed is not None:
            data = zlib.decompress(self.packed)
            if len(data) != sum(self.lengths):
                raise ValueError("a kept page's body is not the length recorded")
            at = 0
            for length in self.lengths:
                self.texts.append(data[at : at + length].decode("utf-8", "surrogatepass"))
                at += length
            self.packed = None
        return self.texts[index]
