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


def recognition(doc: Document) -> Iterator[tuple[DataPath, dict[str, Any]]]:
    """Recognition entries, when the file is valid (a broken file's are not read)."""
    if doc.valid:
        for index, kudos in enumerate(doc.data.get("recognition") or []):
            yield ("recognition", index), kudos


def kind(kr: dict[str, Any]) -> str:
    return next((k for k in KINDS if k in kr), "metric")


def check_ins(kr: dict[str, Any]) -> list[dict[str, Any]]:
    return kr.get("check_ins") or []
