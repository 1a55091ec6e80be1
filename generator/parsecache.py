"""Parsed files kept by their text, for a process that checks the same tree again.

`okr serve` rebuilds the site on every save: each rebuild reads every OKR file, and all but
the one being edited are as they were. A file whose text (and reading limits) did not change
is not parsed again: its data and keys come back from the last check, as a fresh copy (a
caller may change what it gets). Kept in memory only, for the files of the last two checks, and
only in a process that asked for it (`okr serve`; a single check has nothing to reuse, and a
check of 10,000 files keeps its memory bounded): nothing is written to disk, so nothing
outside the process can put data into a check.
"""

from __future__ import annotations

import hashlib
import pickle
from typing import Any

from .loader import Limits

Parsed = tuple[Any, frozenset[str]]
_current: dict[tuple[bytes, Limits], bytes] = {}
_previous: dict[tuple[bytes, Limits], bytes] = {}
_kept = False


def keep() -> None:
    """From now on, keep what is parsed for the next check (a process that checks again)."""
    global _kept
    _kept = True


def _key(text: str, limits: Limits) -> tuple[bytes, Limits]:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest(), limits


def get(text: str, limits: Limits) -> Parsed | None:
    """The data and keys of `text` when a recent check parsed the same text, else None."""
    if not _kept:
        return None
    key = _key(text, limits)
    stored = _current.get(key) or _previous.get(key)
    if stored is None:
        return None
    _current[key] = stored
    return pickle.loads(stored)  # made by put() in this process; never read from a file


def put(text: str, limits: Limits, parsed: Parsed) -> None:
    if _kept:
        _current[_key(text, limits)] = pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL)


def next_check() -> None:
    """A new check starts: what the one before last parsed and this one did not is dropped."""
    global _current, _previous
    _previous, _current = _current, {}
