"""Traversal of a team file's data for the rules, yielding data paths with the items.

A schema-valid file yields everything. A file that fails the schema yields only the
objectives and key results that are sound on their own (`Document.sound_*`), with their
original paths, so one typo does not hide every other finding in the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .problem import DataPath
from .workspace import Document

KINDS = ("metric", "milestone", "threshold")


Source = Document | dict[str, Any]  # a document, or data known to be schema-valid


def _whole(source: Source) -> bool:
    return isinstance(source, dict) or source.valid


def _data(source: Source) -> dict[str, Any]:
    return source if isinstance(source, dict) else source.data


def objectives(source: Source) -> Iterator[tuple[DataPath, dict[str, Any]]]:
    sound = frozenset() if isinstance(source, dict) else source.sound_objectives
    for index, objective in enumerate(_data(source).get("objectives") or []):
        if _whole(source) or index in sound:
            yield ("objectives", index), objective


def key_results(source: Source) -> Iterator[tuple[DataPath, dict[str, Any], dict[str, Any]]]:
    sound = frozenset() if isinstance(source, dict) else source.sound_key_results
    for path, objective in objectives(source):
        for index, kr in enumerate(objective.get("key_results") or []):
            if _whole(source) or (path[1], index) in sound:
                yield (*path, "key_results", index), objective, kr


def whole_objectives(
    source: Source,
) -> Iterator[tuple[DataPath, dict[str, Any], list[tuple[DataPath, dict[str, Any]]]]]:
    """Objectives whose key results are all sound, with them: a rule that judges an objective
    by its set of key results never reasons from the part it could read (one broken key result
    must not make "every key result is a milestone" true)."""
    sound = frozenset() if isinstance(source, dict) else source.sound_key_results
    for path, objective in objectives(source):
        items = objective.get("key_results") or []
        if _whole(source) or all((path[1], i) in sound for i in range(len(items))):
            krs = [((*path, "key_results", i), kr) for i, kr in enumerate(items)]
            yield path, objective, krs


def whole(source: Source) -> bool:
    """Whether every objective and key result of the file is sound (team-level judgements)."""
    if _whole(source):
        return True
    items = _data(source).get("objectives") or []
    return sum(1 for _ in whole_objectives(source)) == len(items)


def kr_name(objective: dict[str, Any], kr: dict[str, Any]) -> str:
    """How every message names a key result: with its objective, `O2/KR1` (ids repeat)."""
    return f"{objective.get('id')}/{kr.get('id')}"


def kr_type(objective: dict[str, Any], kr: dict[str, Any]) -> str:
    """A key result's type: its own, else its objective's, else aspirational."""
    return str(kr.get("type") or objective.get("type") or "aspirational")


def recognition(doc: Document) -> Iterator[tuple[DataPath, dict[str, Any]]]:
    """Recognition entries, when the file is valid (a broken file's are not read)."""
    if doc.valid:
        for index, kudos in enumerate(doc.data.get("recognition") or []):
            yield ("recognition", index), kudos


def kind(kr: dict[str, Any]) -> str:
    return next((k for k in KINDS if k in kr), "metric")


def check_ins(kr: dict[str, Any]) -> list[dict[str, Any]]:
    return kr.get("check_ins") or []
