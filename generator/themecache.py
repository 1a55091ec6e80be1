"""Generated pages the theme wrapped in the last build, taken from it again when nothing the
wrapping reads has changed.

Wrapping a page in the theme (MkDocs' context, the plugins' events, the theme's main.html)
costs about 1.5 ms: 4.5 s of CPU for the 3,000 pages of a 1,000-team site, most of them the
same as the last build's. What the wrapping reads is the page itself (`site.page.Page`: its
path, title, body, source file and whether it is searched) and, the same for every page of the
build, its frame: the tool (code, templates, theme, installed distributions), the MkDocs
configuration, the theme's folders, the navigation, the documentation pages, the theme's
globals (the words of the interface, the day, the banner ...), every page's path and the
site's languages. The key of a wrapped page is a digest of its frame and of the page.

A value of the frame of no kind this module knows (an object it cannot see into) gets a
token of this process, which no other build has: then nothing is taken from the last build,
and every page is wrapped again. A page is taken again only as a hard link to the file the
last build wrote, when that file is still the one it recorded: the same inode, size and
modification time (outputs.file_stamp; a page edited by hand in the published site is
wrapped and written anew).
"""

from __future__ import annotations

import hashlib
import json
import secrets
import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .cache import store
from .outputs import link_if_stamp

FILE = "themed.json.z"
_UNKNOWN = secrets.token_hex(16)  # what no other build's key holds
# what the last build recorded of each page: (its key, the stamp of the file it wrote)
Entry = tuple[str, str]


def stable(value: Any) -> Any:
    """Plain data that is equal between two builds exactly when `value` is: numbers, text,
    sequences and mappings as they are; a function by its name (its behaviour is the tool's,
    in the frame); anything else this process's token."""
    if value is None or isinstance(value, bool | int | float | str | bytes):
        return repr(value)
    if isinstance(value, Mapping):
        items = sorted(value.items(), key=lambda item: repr(item[0]))
        return [[stable(k), stable(v)] for k, v in items]
    if isinstance(value, set | frozenset):
        return [stable(v) for v in sorted(value, key=repr)]
    if isinstance(value, list | tuple):
        return [stable(v) for v in value]
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
    return f"{type(value).__qualname__} {_UNKNOWN}"


def digest(*parts: Any) -> tuple[str, bool]:
    """The digest of `parts`, and whether a value of no known kind is among them (then no
    page is taken again)."""
    data = json.dumps([stable(part) for part in parts], ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(data.encode()).hexdigest(), _UNKNOWN in data


class Themed:
    """The wrapped pages the last build recorded (by the page's path in the site), and those
    this build records."""

    def __init__(
        self, cache: Path | None, frame: str, earlier: dict[str, Entry] | None = None
    ) -> None:
        """`cache`: where okr build keeps its record; `earlier`: a record held in memory
        instead (okr serve's, of its own last build)."""
        self.path = cache / FILE if cache is not None else None
        self.frame = frame
        self.earlier = _read(self.path) if earlier is None else earlier

    def key(self, page: Any) -> str:
        """The key of `page` (a site.page.Page: every field of it, its body by its digest)
        wrapped in this frame."""
        hashed = hashlib.sha256(self.frame.encode())
        for value in page.fields():
            text = value if isinstance(value, str) else repr(value)
            data = text.encode("utf-8", "surrogatepass")
            hashed.update(b"\0%d\0" % len(data))
            hashed.update(data)
        return hashed.hexdigest()

    def take(self, dest: str, key: str, earlier: Path, target: Path) -> str | None:
        """Link `earlier` (the page as the last build wrote it) to `target` when it was
        wrapped with this key and is still the file written (outputs.file_stamp); its stamp,
        or None (then the page is wrapped again)."""
        entry = self.earlier.get(dest)
        if entry is None or entry[0] != key or not link_if_stamp(entry[1], target, earlier):
            return None
        return entry[1]

    def save(self, wrapped: Iterable[tuple[str, str, str]]) -> dict[str, Entry]:
        """Record this build's pages: (path in the site, key, stamp of the file written);
        the record, also written to the cache when there is one."""
        record = {dest: (key, sha) for dest, key, sha in wrapped}
        if self.path is None:
            return record
        entries = {dest: [key, sha] for dest, (key, sha) in record.items()}
        data = json.dumps(entries, ensure_ascii=True, separators=(",", ":"), sort_keys=True)
        store(self.path, zlib.compress(data.encode(), 1))
        return record


def _read(path: Path | None) -> dict[str, Entry]:
    if path is None:
        return {}
    try:
        entries = json.loads(zlib.decompress(path.read_bytes()))
        return {
            str(dest): (str(key), str(sha))
            for dest, (key, sha) in entries.items()
            if isinstance(key, str) and isinstance(sha, str)
        }
    except (OSError, ValueError, TypeError, AttributeError, zlib.error):
        return {}  # not there, or not ours: every page is wrapped
