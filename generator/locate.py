"""Exact positions of data paths, from ruamel.yaml's round-trip parser.

The round-trip parser is about 15x slower than the checking parse, so it runs only for files
that have findings, once per file, and maps every finding's data path to the YAML node it
names: the key itself for unknown or forbidden keys, the value otherwise.
"""

from __future__ import annotations

from typing import Any, Literal

from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import YAMLError

from .problem import DataPath


class KeepDatesConstructor(RoundTripConstructor):
    """Dates stay strings, exactly as the user wrote them (YAML 1.2 has no timestamp type)."""


KeepDatesConstructor.add_constructor(
    "tag:yaml.org,2002:timestamp", KeepDatesConstructor.construct_yaml_str
)


def round_trip_yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = KeepDatesConstructor
    return yaml


class Locator:
    def __init__(self, text: str) -> None:
        self.text = text
        self._root: Any = None
        self._parsed = False

    def _tree(self) -> Any:
        if not self._parsed:
            self._parsed = True
            try:
                self._root = round_trip_yaml().load(self.text)
            except (YAMLError, ValueError, TypeError, RecursionError):
                self._root = None  # the fast parser accepted it; fall back to line 1
        return self._root

    def position(self, path: DataPath, at: Literal["key", "value"] = "value") -> tuple[int, int]:
        """1-based (line, column) of the node at `path`, or of its deepest existing ancestor."""
        node = self._tree()
        best = _own(node) or (0, 0)
        for depth, step in enumerate(path):
            last = depth == len(path) - 1
            child, pos = _child(node, step, at if last else "value")
            if pos is None:
                break
            best = pos
            if child is None and not last:
                break
            node = child
        return best[0] + 1, best[1] + 1


def _own(node: Any) -> tuple[int, int] | None:
    lc = getattr(node, "lc", None)
    if lc is None or lc.line is None:
        return None
    return lc.line, lc.col


def _child(node: Any, step: str | int, at: str) -> tuple[Any, tuple[int, int] | None]:
    if isinstance(node, dict):
        key = _find_key(node, step)
        if key is _MISSING:
            return None, None
        try:
            pos = node.lc.key(key) if at == "key" else node.lc.value(key)
        except (KeyError, AttributeError, TypeError):
            return None, None
        return node[key], tuple(pos)  # type: ignore[return-value]
    if isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
        try:
            pos = node.lc.item(step)
        except (KeyError, AttributeError, TypeError):
            return None, None
        return node[step], tuple(pos)  # type: ignore[return-value]
    return None, None


_MISSING = object()


def _find_key(mapping: dict[Any, Any], step: str | int) -> Any:
    if step in mapping:
        return step
    text = str(step)
    for key in mapping:
        if str(key) == text or (isinstance(key, bool) and str(key).lower() == text):
            return key
    return _MISSING
