"""Findings of unchanged files, kept from the last `okr build` (or `okr serve` rebuild)
instead of found again.

A file's findings are a function of its own text and of what the rules may read besides it:
the organisation, the rule settings, today, the files beside okrs/ (CODEOWNERS,
okr-sources.yaml), the tool itself, and of every other file only what a check in bounded
memory keeps of it: its alignment summary and its document without text or data
(check._check_streamed reports the same findings from those alone, as test_parallel_check
holds). So the key of a file's findings is a digest of its text and of all of that. A
check-in added to one team file changes no summary: every other file's findings come from
the last build, and the rules run on one file.

Kept in one compressed JSON file in the project's cache (never pickle: reading it can never
run code), written whole after each check, or in memory for `okr serve`. A check against a
git base (`--base`) is never kept: its findings depend on another commit too.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import alignment
from .cache import store
from .context import Context
from .problem import Message, Problem, Severity
from .workspace import Document

Result = tuple[list[Problem], set[str]]  # a file's problems, and the rules that ran on it
_disk: Path | None = None  # okr build: the file the findings are kept in
_tool = ""
_memory: dict[str, tuple[str, Result]] = {}  # okr serve: by display path, (key, result)
_in_memory = False


def keep_on_disk(path: Path | None, tool: str = "") -> None:
    """From now on, keep findings in the file `path` and look there (None: stop). `tool`: a
    digest of the tool itself (another version of a rule finds other things)."""
    global _disk, _tool
    _disk, _tool = path, tool


def keep() -> None:
    """From now on, keep findings in memory, for a process that checks the same tree again."""
    global _in_memory
    _in_memory = True


@dataclass
class Kept:
    """The findings the last check kept, and those this check makes, by file."""

    shared: str  # the digest of what every file's findings may depend on besides the file
    earlier: dict[str, tuple[str, Result]]
    now: dict[str, tuple[str, Result]] = field(default_factory=dict)
    _keys: dict[str, str] = field(default_factory=dict)  # by display: asked once, used twice

    def key(self, doc: Document) -> str:
        known = self._keys.get(doc.display)
        if known is None:
            # the text hashed as it is (its repr copied each file's text once more)
            hashed = hashlib.sha256(
                _digest(self.shared, str(doc.path), doc.display, doc.kind).encode()
            )
            hashed.update((doc.text or "").encode("utf-8", "surrogatepass"))
            known = self._keys[doc.display] = hashed.hexdigest()
        return known

    def get(self, doc: Document) -> Result | None:
        entry = self.earlier.get(doc.display)
        if entry is None or entry[0] != self.key(doc):
            return None
        return entry[1]

    def put(self, doc: Document, result: Result) -> None:
        self.now[doc.display] = (self.key(doc), result)

    def save(self) -> None:
        if _in_memory:
            _memory.clear()
            _memory.update(self.now)
        if _disk is not None:
            entries = {
                display: [key, [encode(p) for p in problems], sorted(ran)]
                for display, (key, (problems, ran)) in self.now.items()
            }
            data = json.dumps(entries, ensure_ascii=True, separators=(",", ":")).encode()
            store(_disk, zlib.compress(data, 1))


def kept(ctx: Context, documents: Iterable[Document]) -> Kept | None:
    """What the last check kept for this tree, or None when findings are not kept."""
    if (_disk is None and not _in_memory) or ctx.base is not None:
        return None
    shared = _digest(_tool, *_shared_parts(ctx, documents))
    earlier = dict(_memory) if _in_memory else _read(_disk)
    return Kept(shared, earlier)


def _shared_parts(ctx: Context, documents: Iterable[Document]) -> list[object]:
    org = ctx.workspace.org
    parts: list[object] = [
        sorted((rule, repr(setting)) for rule, setting in ctx.settings.items()),
        ctx.today.isoformat(),
        org.display if org is not None else None,
        org.text if org is not None else None,
        repr(ctx.codeowners),
        repr(ctx.sources),
        str(ctx.workspace.root),
    ]
    for doc in documents:  # each file as a check in bounded memory keeps it
        parts.append((
            doc.display, str(doc.path), doc.kind, doc.folder, doc.stem, doc.valid,
            doc.refused, repr(doc.load_error), doc.sound_header, sorted(doc.sound_objectives),
            sorted(doc.sound_key_results), repr(doc.extras), repr(alignment.summary(doc)),
        ))  # fmt: skip
    return parts


def _digest(*parts: object) -> str:
    hashed = hashlib.sha256()
    for part in parts:
        hashed.update(repr(part).encode("utf-8", "surrogatepass"))
        hashed.update(b"\0")
    return hashed.hexdigest()


def _read(path: Path | None) -> dict[str, tuple[str, Result]]:
    if path is None:
        return {}
    try:
        entries = json.loads(zlib.decompress(path.read_bytes()))
        return {
            display: (key, ([decode(p) for p in problems], set(ran)))
            for display, (key, problems, ran) in entries.items()
        }
    except (OSError, ValueError, TypeError, KeyError, zlib.error):
        return {}  # not there, or not ours: every file is checked again


def encode(problem: Problem) -> dict[str, Any]:
    return {
        "path": problem.path, "line": problem.line, "column": problem.column,
        "rule": problem.rule, "severity": problem.severity.value,
        "message": str(problem.message), "confidential": problem.confidential,
        "source": problem.source, "template": problem.template,
        "values": _values_out(problem.values),
    }  # fmt: skip


def decode(data: dict[str, Any]) -> Problem:
    return Problem(
        str(data["path"]), int(data["line"]), int(data["column"]), str(data["rule"]),
        Severity(data["severity"]), str(data["message"]), bool(data["confidential"]),
        str(data["source"]), str(data["template"]), _values_in(data["values"]),
    )  # fmt: skip


def _values_out(values: Iterable[tuple[str, str]]) -> list[Any]:
    out: list[Any] = []
    for name, value in values:
        if isinstance(value, Message):
            nested = {"text": str(value), "template": value.template}
            out.append([name, {**nested, "values": _values_out(value.values)}])
        else:
            out.append([name, str(value)])
    return out


def _values_in(values: list[Any]) -> tuple[tuple[str, str], ...]:
    out = []
    for name, value in values:
        if isinstance(value, dict):
            out.append((str(name), _message(value)))
        else:
            out.append((str(name), str(value)))
    return tuple(out)


def _message(data: dict[str, Any]) -> Message:
    """A message as it was said, without filling its template again (a template read from a
    file is never used as a format string)."""
    message = str.__new__(Message, str(data["text"]))
    message.template = str(data["template"])
    message.values = _values_in(data["values"])
    return message
