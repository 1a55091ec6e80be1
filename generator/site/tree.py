"""The alignment tree as rows, built iteratively: each objective's supporters are listed once,
under the first objective they support; later appearances point back to it. A lattice of
objectives that support several parents therefore costs one row per link, never one per
path, and a chain thousands of links long needs no recursion."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..model import Objective


@dataclass
class Row:
    objective: Objective
    depth: int
    via: str | None = None  # the key result of the parent this one supports, if named
    parent: Objective | None = None
    repeat: bool = False  # already listed above: a pointer, not a subtree
    opens: int = 0  # list levels to open before this row
    closes: int = 0  # list levels to close after it
    leaf: bool = True  # no deeper row follows
    children: int = 0  # the rows directly below it

    @property
    def before(self) -> Markup:
        return Markup("<ul>" * self.opens)

    @property
    def after(self) -> Markup:
        # a row with supporters holds them in a <details> (the tree collapses by level)
        return Markup(("</li>" if self.leaf else "") + "</ul></details></li>" * self.closes)


def rows(tops: list[Objective], period: str) -> list[Row]:
    """Depth-first rows below `tops`, each top at depth 0; supporters from `period` only."""
    listed: set[str] = set()
    out: list[Row] = []
    stack: list[Row] = [Row(o, 0) for o in reversed(tops)]
    while stack:
        row = stack.pop()
        o = row.objective
        row.repeat = o.key in listed
        out.append(row)
        if row.repeat:
            continue
        listed.add(o.key)
        children = [link for link in o.supported_by if link.source.period == period]
        row.children = len(children)
        for link in reversed(children):
            stack.append(Row(link.source, row.depth + 1, link.key_result, o))
    for index, row in enumerate(out):
        previous = out[index - 1].depth if index else 0
        following = out[index + 1].depth if index + 1 < len(out) else 0
        row.opens = max(0, row.depth - previous)
        row.closes = max(0, row.depth - following)
        row.leaf = following <= row.depth
    return out
