"""Parsed files kept by their text, for a process that checks the same tree again, and for
`okr build`, between builds.

`okr serve` rebuilds the site on every save: each rebuild reads every OKR file, and all but
the one being edited are as they were. A file whose text (and reading limits) did not change
is not parsed again: its data and keys come back from the last check, as a fresh copy (a
caller may change what it gets). Kept in memory only, for the files of the last two checks, and
only in a process that asked for it (`okr serve`; a single check has nothing to reuse, and a
check of 10,000 files keeps its memory bounded).

What a check found of a text that depends on the text alone (its schema validity) is kept
beside it the same way (`remember`, `recall`), and on disk by `okr build` when the caller
gives it as plain data: validating 1,000 unchanged files against the schema was a second of
a one-file build's CPU.

`okr build` keeps them in the project's cache folder instead (`keep_on_disk`): a build after
one team file changed parses that file only. Entries are compressed JSON (the loader makes
only strings, numbers, booleans, nulls, lists and mappings with string keys, which JSON
holds exactly), never pickle: reading one can never run code. The cache folder is trusted as
the page and chart caches are (generator/cache.py: the user's own); what is read from it is
checked by the rules like a file just parsed, and is valid by the schema when the build that
kept it found it so (an entry's name holds the digests of the text and of the tool, schemas
included).
"""

from __future__ import annotations

import hashlib
import json
import pickle
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .cache import prune, store
from .loader import Limits

Parsed = tuple[Any, frozenset[str]]
_current: dict[tuple[bytes, Limits], bytes] = {}
_previous: dict[tuple[bytes, Limits], bytes] = {}
_kept = False
_disk: Path | None = None  # okr build: the folder of parsed files kept between builds
_used: set[str] = set()  # the entries this process read or wrote there
_tool = ""  # the tool's digest, in every entry's name
SUFFIX = ".json.z"
FACTS = ".facts.json"  # beside a parsed file: what was found of its text (`remember`)


def keep() -> None:
    """From now on, keep what is parsed for the next check (a process that checks again)."""
    global _kept
    _kept = True


def _key(text: str, limits: Limits) -> tuple[bytes, Limits]:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest(), limits


def keep_on_disk(folder: Path | None, tool: str = "") -> None:
    """From now on, keep what is parsed in `folder` too, and look there (None: stop).
    `tool`: a digest of the tool itself, part of each entry's name (another version of the
    loader may read the same text differently)."""
    global _disk, _tool
    _disk, _tool = folder, tool
    _used.clear()


def get(text: str, limits: Limits) -> Parsed | None:
    """The data and keys of `text` when a recent check (or build) parsed the same text."""
    if _kept:
        key = _key(text, limits)
        stored = _current.get(key) or _previous.get(key)
        if stored is not None:
            _current[key] = stored
            return pickle.loads(stored)  # made by put() in this process; never read from a file
    if _disk is None:
        return None
    name = _name(text, limits)
    _used.add(name)
    try:
        data, keys = json.loads(zlib.decompress((_disk / name).read_bytes()))
        if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
            return None
    except (OSError, ValueError, TypeError, zlib.error):
        return None  # not there, or not ours: parsed again (and kept again)
    return data, frozenset(keys)


def _name(text: str, limits: Limits) -> str:
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass"))
    digest.update(repr(limits).encode())
    digest.update(_tool.encode())
    return digest.hexdigest()[:40] + SUFFIX


def put(text: str, limits: Limits, parsed: Parsed) -> None:
    if _kept:
        _current[_key(text, limits)] = pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL)
    if _disk is None:
        return
    name = _name(text, limits)
    _used.add(name)
    data, keys = parsed
    try:
        entry = json.dumps([data, sorted(keys)], ensure_ascii=True, separators=(",", ":"))
    except (TypeError, ValueError):
        return  # not plain data: never kept
    store(_disk / name, zlib.compress(entry.encode(), 1))


def adopt(text: str, limits: Limits, parsed: Parsed) -> None:
    """`text` was read in a worker process (from the cache, or parsed and kept there): this
    process keeps it as if it had read it (the worker's own bookkeeping died with it)."""
    if _kept:
        key = _key(text, limits)
        stored = _current.get(key) or _previous.get(key)
        _current[key] = stored or pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL)
    if _disk is not None:
        _used.update((_name(text, limits), _facts_name(text)))


def prune_disk() -> None:
    """Remove the parsed files this build neither read nor wrote (files changed or gone)."""
    prune(_disk, SUFFIX, _used)
    prune(_disk, FACTS, _used)


def recall(text: str, what: str, from_plain: Callable[[Any], Any] | None = None) -> Any:
    """What a recent check in this process, or a build that kept it on disk, found `what`
    to be for the same `text` (None: nothing kept). `from_plain` makes the value from what
    `remember` kept on disk, and returns None when that is not one."""
    if _kept:
        key = (_digest(text), what)
        found = _found.get(key, _found_before.get(key))
        if found is not None:
            _found[key] = found
            return found
    if _disk is None or from_plain is None:
        return None
    name = _facts_name(text)
    _used.add(name)
    try:
        facts = json.loads((_disk / name).read_bytes())
        return from_plain(facts[what]) if isinstance(facts, dict) and what in facts else None
    except (OSError, ValueError, TypeError, KeyError, IndexError):
        return None


def remember(text: str, what: str, value: Any, plain: Any = None) -> None:
    """Keep what `what` is for `text`, for the next check (a process that checks again;
    the value must depend on the text alone, and be left unchanged by whoever recalls it),
    and as `plain` (JSON data) on disk for the next build, when one is given."""
    if _kept:
        _found[(_digest(text), what)] = value
    if _disk is None or plain is None:
        return
    name = _facts_name(text)
    _used.add(name)
    try:
        facts = json.loads((_disk / name).read_bytes())
    except (OSError, ValueError):
        facts = {}
    if not isinstance(facts, dict):
        facts = {}
    try:
        data = json.dumps({**facts, what: plain}, ensure_ascii=True, sort_keys=True)
    except (TypeError, ValueError):
        return  # not plain data: never kept
    store(_disk / name, data.encode())


def _facts_name(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass"))
    digest.update(b"\0facts\0" + _tool.encode())
    return digest.hexdigest()[:40] + FACTS


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


_found: dict[tuple[bytes, str], Any] = {}
_found_before: dict[tuple[bytes, str], Any] = {}


def next_check() -> None:
    """A new check starts: what the one before last parsed and this one did not is dropped."""
    global _current, _previous, _found, _found_before
    _previous, _current = _current, {}
    _found_before, _found = _found, {}
