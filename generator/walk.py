"""Traversal of a valid team file's data, yielding data paths with the items."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .problem import DataPath

KINDS = ("metric", "milestone", "threshold")


def objectives(data: dict[str, Any]) -> Iterator[tuple[DataPath, dict[str, Any]]]:
    for index, objective in enumerate(data.get("objectives") or []):
        yield ("objectives", index), objective


def key_results(
    data: dict[str, Any],
) -> Iterator[tuple[DataPath, dict[str, Any], dict[str, Any]]]:
    for path, objective in objectives(data):
        for index, kr in enumerate(objective.get("key_results") or []):
            yield (*path, "key_results", index), objective, kr


def kind(kr: dict[str, Any]) -> str:
    return next((k for k in KINDS if k in kr), "metric")


def check_ins(kr: dict[str, Any]) -> list[dict[str, Any]]:
    return kr.get("check_ins") or []
