"""Which findings of a team file concern its confidential objectives: the terminal and CI show
every finding, the site only counts these.

A finding is confidential when it is located inside a confidential objective, when it is about
a reference that resolves into one (in any file: "'X1:acme/acquire-rival-corp': X1 overlaps
2026-Q4 ..." names it), or when it is about the file as a whole and would not be raised on the
file without its confidential objectives (a count or a share over every key result, such as
"5 of 6 aspirational key results scored 1.0", tells what the hidden ones hold). Every finding
of a file that does not parse is confidential when its text declares a confidential
objective: where a finding lies cannot be told, and a slip's advice quotes the line.
"""

from __future__ import annotations

import dataclasses
import re

from .alignment import Facts, parse_ref, references
from .periods import period_id
from .problem import DataPath
from .workspace import Document


def secret_objectives(doc: Document) -> set[int]:
    """Indexes of the file's confidential objectives, even in a file with schema errors."""
    data = doc.data if isinstance(doc.data, dict) else {}
    items = data.get("objectives") if isinstance(data.get("objectives"), list) else []
    return {i for i, o in enumerate(items) if isinstance(o, dict) and o.get("confidential") is True}


# a `confidential:` key on a line of its own (in a list item or not, quoted or not), whatever
# its value: the text of a file that does not parse still says whether it may hold a secret
_DECLARED = re.compile(r"""^[ \t]*(?:-[ \t]+)?["']?confidential["']?[ \t]*:""", re.MULTILINE)


def declared_in_text(text: str | None) -> bool:
    """Whether a file's text declares a confidential objective, read without parsing it:
    for a file that does not parse, whose findings (a slip's advice quotes the line) could
    otherwise show what the objective holds."""
    return bool(text) and _DECLARED.search(text) is not None


def objective_of(path: DataPath) -> object:
    """The index of the objective a data path lies inside, or None when the path is about
    the whole file."""
    return path[1] if path[:1] == ("objectives",) and len(path) > 1 else None


def secret_references(doc: Document, facts: Facts) -> list[DataPath]:
    """The paths of the file's `aligns_with` entries that point into a confidential objective."""
    if doc.kind != "team" or not doc.readable:
        return []
    own = period_id(doc.data.get("period"))
    out = []
    for entry in references(doc):
        ref = parse_ref(entry.text)
        if ref is not None and ref.key(own) in facts.secret:
            out.append(entry.path)
    return out


def public_view(doc: Document, secret: set[int]) -> Document:
    """The file as the site shows it: without its `secret` objectives (the parts a file
    with schema errors still has renumbered with them)."""
    items = doc.data["objectives"]
    kept = [i for i in range(len(items)) if i not in secret]
    renumbered = {old: new for new, old in enumerate(kept)}
    return dataclasses.replace(
        doc,
        data={**doc.data, "objectives": [items[i] for i in kept]},
        tree=None,
        sound_objectives=frozenset(renumbered[i] for i in doc.sound_objectives if i in renumbered),
        sound_key_results=frozenset(
            (renumbered[i], k) for i, k in doc.sound_key_results if i in renumbered
        ),
    )
