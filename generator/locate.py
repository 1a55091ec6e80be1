"""Exact positions of data paths, from the node tree of the parser that loaded the file.

Only files that have findings are composed again, once each. The loader's own parser
(libyaml, `loader.compose`) provides the node tree, so every file that loads has positions:
the two cannot disagree about what is valid YAML. Every node carries its start mark, so a
finding's data path leads to the exact key or value it names.
"""

from __future__ import annotations

from typing import Literal

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .loader import Limits, LoadError, Positions, compose
from .problem import DataPath

# The text already loaded under the configured limits; locating must not refuse it again.
_ANY_LOADED = Limits(max_bytes=1 << 62, max_depth=1000)


class Locator:
    def __init__(self, text: str, tree: Node | None = None) -> None:
        """`tree`: the file's node tree when the loader kept it (then it is not composed
        again)."""
        self.text = text
        self.positions = Positions(text)
        self._root: Node | None = tree
        self._parsed = tree is not None

    def _tree(self) -> Node | None:
        if not self._parsed:
            self._parsed = True
            try:
                self._root = compose(self.text, _ANY_LOADED)
            except LoadError:
                self._root = None  # only files that load are located; syntax errors carry theirs
        return self._root

    def position(self, path: DataPath, at: Literal["key", "value"] = "value") -> tuple[int, int]:
        """1-based (line, column) of the node at `path`, or of its deepest existing ancestor."""
        node = self._tree()
        if node is None:
            return 1, 1
        best = node
        for depth, step in enumerate(path):
            last = depth == len(path) - 1
            key, value = _child(node, step)
            if value is None:
                break
            best = key if (last and at == "key" and key is not None) else value
            node = value
        return self.positions.at(best)


def _child(node: Node, step: str | int) -> tuple[Node | None, Node | None]:
    if isinstance(node, MappingNode):
        text = str(step)
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == text:
                return key, value
    elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
        return None, node.value[step]
    return None, None
