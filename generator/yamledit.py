"""Exact edits of a team file: `okr checkin` and `okr grade` change only the lines they mean to.

The file belongs to the team, so nothing is re-serialised: a round-trip dump would normalise
CRLF, the spacing inside `{...}`, the gap before comments and more. Each edit instead finds
node positions (PyYAML's pure-Python composer, character offsets from `mark.index`), splices
new text into the original string, and writes that text in the file's own conventions: its
line ending, the indentation and sequence style of the nearest siblings, flow check-ins where
the check-ins are flow mappings. Every result is then proven: it loads, its data equals the
old data plus exactly the intended change, and every line outside the edited range is
byte-identical. A file whose shape makes an exact edit impossible raises `EditError`; nothing
approximate is ever returned.
"""

from __future__ import annotations

import bisect
import copy
import datetime as dt
import itertools
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .loader import LoadError, load

__all__ = [
    "CHECK_IN_KEYS",
    "EditError",
    "append_check_in",
    "scalar",
    "set_initiative_field",
    "set_key_result_field",
    "set_top_level_block",
]


class EditError(ValueError):
    """The edit cannot be made exactly; the text is left as it was."""


# The schema's order, which is also the order a check-in's keys are written in.
CHECK_IN_KEYS = ("date", "value", "done", "status", "confidence", "note", "by")
# The schema lists these after check_ins, so a new `check_ins:` goes before them.
_AFTER_CHECK_INS = ("initiatives", "score")

_BOM = "\ufeff"
# Line breaks as editors and the loader count them; NEL, U+2028 and U+2029 are text.
_BREAK = re.compile(r"\r\n|\r|\n")
_UNUSUAL_BREAKS = "\x85\u2028\u2029"
# PyYAML's pure scanner refuses a tab between tokens (`key:\tvalue`, `value\t# note`) where
# YAML 1.2 and the loader allow one. After a line's first visible character a tab can only
# separate tokens or sit inside a scalar, so a space in its place (one character for one, for
# positions only) changes no structure; leading tabs are left for the parser to judge.
_TAB_AFTER_TEXT = re.compile(r"([ \t]*)([^\r\n]*)")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
# What may follow a value on its line in block context: spaces, then an optional comment.
_LINE_TAIL = re.compile(r"[ \t]*(?:#[^\r\n]*)?")
_BLOCK_HEADER = re.compile(r"[|>][-+0-9]*")

_STR_TAG = "tag:yaml.org,2002:str"
# YAML 1.2 core schema (what the project's loader reads) on top of PyYAML's YAML 1.1
# resolver (what editors and other tools read): a plain string must be a string to both.
_CORE_12 = re.compile(
    r"^(?:true|True|TRUE|false|False|FALSE|~|null|Null|NULL"
    r"|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
# YAML 1.1 booleans that PyYAML leaves out but other 1.1 readers take as true and false.
_YAML11_LETTERS = frozenset("yYnN")
_RESOLVER_11 = yaml.resolver.Resolver()
# Indicators that change a plain scalar's meaning when they come first.
_PLAIN_FIRST = frozenset("-?:,[]{}#&*!|>'\"%@`")
# Characters that end or split a plain scalar in flow context for some reader: PyYAML ends one
# at any `?`, and `#` after a space starts a comment (any `#` is quoted, so no reader has to
# know that rule).
_PLAIN_NEVER = frozenset(",[]{}#?\t")
_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\0": "\\0",
    "\x07": "\\a",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\x0b": "\\v",
    "\x0c": "\\f",
    "\r": "\\r",
    "\x1b": "\\e",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}
# Joiners are part of emoji and of several scripts: readable as they are.
_KEEP_FORMAT = frozenset("\u200c\u200d")
# What a literal block scalar cannot hold as it is (besides control characters).
_NOT_IN_BLOCK = frozenset("\x85\ufeff\ufffe\uffff")


# --- scalars -------------------------------------------------------------------------------


def scalar(value: object) -> str:
    """A value as a YAML 1.2 scalar in flow context: numbers and booleans plain; strings plain
    when safe, else double-quoted with escapes (a ': ', '#', leading special characters, leading
    or trailing spaces, a string that would read as a number, boolean, null or date must be quoted;
    Chinese text stays readable, not \\u-escaped); dates as YYYY-MM-DD strings."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, dt.datetime):
        raise EditError(f"{value!r} is a date and time; OKR files hold dates (YYYY-MM-DD)")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        if any(unicodedata.category(c) == "Cs" for c in value):
            raise EditError(f"{value!r} is not valid Unicode text (a lone surrogate)")
        return value if _plain_ok(value) else _double_quoted(value)
    raise EditError(f"cannot write a {type(value).__name__} as a YAML scalar: {value!r}")


def _float(value: float) -> str:
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value)
    mantissa, e, exponent = text.partition("e")
    # YAML 1.1 readers need a dot in the mantissa to see a float in `1.0e-05`
    if e and "." not in mantissa:
        text = f"{mantissa}.0e{exponent}"
    return text


def _must_escape(char: str) -> bool:
    if char in _KEEP_FORMAT:
        return False
    return unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") or char in "\ufffe\uffff"


def _plain_ok(text: str) -> bool:
    if not text or text[0] in _PLAIN_FIRST or text[0].isspace() or text[-1].isspace():
        return False
    if text.endswith(":") or ": " in text or text.startswith("..."):
        return False
    if any(c in _PLAIN_NEVER or _must_escape(c) for c in text):
        return False
    if _CORE_12.match(text) or text in _YAML11_LETTERS:
        return False
    return _RESOLVER_11.resolve(ScalarNode, text, (True, False)) == _STR_TAG


def _double_quoted(text: str) -> str:
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif _must_escape(char):
            code = ord(char)
            out.append(
                f"\\x{code:02x}"
                if code < 0x100
                else f"\\u{code:04x}"
                if code < 0x10000
                else f"\\U{code:08x}"
            )
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


# --- the parsed file -----------------------------------------------------------------------


class _Alias(ScalarNode):
    """Where an alias (`*name`) stands; PyYAML would hand back the anchored node, whose
    positions are elsewhere in the file."""


class _Composer(yaml.SafeLoader):
    """PyYAML's pure-Python composer (character offsets), noting anchors, tags and aliases."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.marked: dict[int, str] = {}

    def compose_node(self, parent: Node | None, index: object) -> Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self.get_event()
            self.marked[event.start_mark.index] = f"an alias (*{event.anchor})"
            return _Alias(_STR_TAG, event.anchor, event.start_mark, event.end_mark)
        tag = getattr(event, "tag", None)
        if event.anchor is not None:
            self.marked[event.start_mark.index] = f"an anchor (&{event.anchor})"
        elif tag not in (None, "!"):
            self.marked[event.start_mark.index] = f"a tag ({tag})"
        return super().compose_node(parent, index)


@dataclass
class _Doc:
    bom: str
    text: str  # without the BOM; every offset below is into this
    data: dict[str, Any]
    root: MappingNode
    newline: str
    starts: list[int]  # offset of each line's first character
    marked: dict[int, str]

    def line_of(self, index: int) -> int:
        return bisect.bisect_right(self.starts, index) - 1

    def column(self, index: int) -> int:
        return index - self.starts[self.line_of(index)]

    def line_end(self, line: int) -> tuple[int, int]:
        """Where the line's text ends and where the next line starts (both len at the end)."""
        nxt = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        body = self.text[self.starts[line] : nxt].rstrip("\r\n")
        return self.starts[line] + len(body), nxt

    def where(self, node: Node) -> str:
        return f"line {self.line_of(node.start_mark.index) + 1}"


def _parse(text: str) -> _Doc:
    bom = _BOM if text.startswith(_BOM) else ""
    body = text[len(bom) :]
    try:
        data = load(body)
    except LoadError as exc:
        raise EditError(f"the file does not load (line {exc.line}): {exc.message}") from None
    if not isinstance(data, dict):
        raise EditError("the file is not a mapping of keys (team:, period:, objectives:)")
    # PyYAML takes NEL, U+2028 and U+2029 for line breaks; one-for-one stand-ins from the
    # private-use area keep every offset and every structure as YAML 1.2 reads it.
    present = [c for c in _UNUSUAL_BREAKS if c in body]
    parsed = _TAB_AFTER_TEXT.sub(lambda m: m.group(1) + m.group(2).replace("\t", " "), body)
    if present:
        free = (chr(c) for c in range(0xE000, 0xF900) if chr(c) not in body)
        parsed = parsed.translate({ord(c): ord(next(free)) for c in present})
    composer = _Composer(parsed)
    try:
        root = composer.get_single_node()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {bisect.bisect_right(_starts(body), mark.index)})" if mark else ""
        raise EditError(
            f"the file cannot be edited exactly{where}: PyYAML, which finds the positions, "
            f"reads it differently ({getattr(exc, 'problem', None) or exc}); edit it by hand"
        ) from None
    finally:
        composer.dispose()
    if not isinstance(root, MappingNode) or root.flow_style:
        raise EditError("the file's top level is not a block mapping (key: value lines)")
    breaks = Counter(m.group() for m in _BREAK.finditer(body))
    # the file's own line ending; a file mixing them gets its most common one
    newline = breaks.most_common(1)[0][0] if breaks else "\n"
    return _Doc(bom, body, data, root, newline, _starts(body), composer.marked)


def _starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _BREAK.finditer(text)]


def _get(mapping: MappingNode, key: str) -> tuple[Node, Node] | None:
    for key_node, value_node in mapping.value:
        if isinstance(key_node, ScalarNode) and key_node.value == key:
            return key_node, value_node
    return None


def _unmarked(doc: _Doc, node: Node, what: str) -> None:
    mark = doc.marked.get(node.start_mark.index)
    if mark is not None:
        raise EditError(
            f"{what} carries {mark} ({doc.where(node)}); an edit there would change every "
            "place that shares it: edit the file by hand"
        )


def _index(items: object, index: object, what: str, path: str) -> None:
    if not isinstance(items, list):
        raise EditError(f"{path} is not a list")
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(items):
        raise EditError(f"{what} {index!r} does not exist ({path} has {len(items)})")


# A path from the top of the file to a mapping: (key, what an item is called, index) per step.
_Steps = tuple[tuple[str, str, int], ...]


def _key_result_steps(objective: int, key_result: int) -> _Steps:
    return (("objectives", "objective", objective), ("key_results", "key result", key_result))


def _mapping_at(doc: _Doc, steps: _Steps, *, flow: bool) -> tuple[MappingNode, str]:
    """The mapping node at the end of `steps` and its path for messages (`flow`: whether a
    `{...}` mapping is fine there). Indices are checked in the data first, so that a wrong one
    is named as such; then the nodes, for what an exact edit cannot go through."""
    data: Any = doc.data
    path = ""
    for key, what, index in steps:
        if not isinstance(data, dict):
            raise EditError(f"{path} is not a mapping")
        path = f"{path}.{key}" if path else key
        _index(data.get(key), index, what, path)
        data = data[key][index]
        path = f"{path}[{index}]"
    _unmarked(doc, doc.root, "the file")
    node: Node = doc.root
    path = ""
    for key, _what, index in steps:
        assert isinstance(node, MappingNode)
        pair = _get(node, key)
        assert pair is not None  # the data has it
        path = f"{path}.{key}" if path else key
        seq = pair[1]
        _unmarked(doc, seq, path)
        if not isinstance(seq, SequenceNode):
            raise EditError(f"{path} is {_alias_or(seq)}")
        path = f"{path}[{index}]"
        node = seq.value[index]
        _unmarked(doc, node, path)
        if not isinstance(node, MappingNode):
            raise EditError(f"{path} is {_alias_or(node)}")
    assert isinstance(node, MappingNode)
    if node.flow_style and not flow:
        raise EditError(
            f"{path} is written as a flow mapping {{...}} ({doc.where(node)}); "
            "write it as key: value lines to edit it"
        )
    return node, path


def _key_result(doc: _Doc, objective: int, key_result: int) -> tuple[MappingNode, str]:
    """The key result's block mapping node and its path for messages."""
    return _mapping_at(doc, _key_result_steps(objective, key_result), flow=False)


def _alias_or(node: Node) -> str:
    return "an alias" if isinstance(node, _Alias) else "not a list or mapping as expected"


# --- positions -----------------------------------------------------------------------------


def _content_end(doc: _Doc, node: Node) -> int:
    """The offset just after the node's last character of content (comments and blank lines
    that follow are not content; for an empty value, just after its `:`)."""
    if isinstance(node, ScalarNode):
        if node.style in ("|", ">"):
            start, end = node.start_mark.index, node.end_mark.index
            header = _BLOCK_HEADER.match(doc.text, start)
            if header and "+" in header.group():
                return end  # kept trailing blank lines are part of the value
            return start + len(doc.text[start:end].rstrip(" \t\r\n"))
        return node.end_mark.index
    if node.flow_style:
        return node.end_mark.index
    if isinstance(node, SequenceNode):
        return _content_end(doc, node.value[-1])
    assert isinstance(node, MappingNode)
    return _content_end(doc, node.value[-1][1])


def _lines_after(doc: _Doc, end: int, lines: list[str]) -> tuple[int, int, str]:
    """A splice inserting whole lines after the line holding offset `end - 1`."""
    _, after = doc.line_end(doc.line_of(max(end - 1, 0)))
    nl = doc.newline
    if after == len(doc.text) and not doc.text.endswith(("\n", "\r")):
        return after, after, nl + nl.join(lines)  # the file ends without a line break
    return after, after, "".join(line + nl for line in lines)


def _tail(doc: _Doc, index: int) -> tuple[int, int, int]:
    """What follows a value on its line: (offset of the comment's `#` or of the line's end,
    offset where the line's text ends, width of the spaces before the comment)."""
    line_end, _ = doc.line_end(doc.line_of(index))
    match = _LINE_TAIL.match(doc.text, index, line_end)
    if match is None or match.end() != line_end:
        raise EditError(f"unexpected text after the value on line {doc.line_of(index) + 1}")
    spaces = len(match.group()) - len(match.group().lstrip(" \t"))
    return index + spaces, line_end, spaces


def _key_column(doc: _Doc, mapping: MappingNode) -> int:
    columns = {doc.column(k.start_mark.index) for k, _ in mapping.value}
    if len(columns) != 1:  # cannot happen in a block mapping; refuse rather than guess
        raise EditError(f"the keys of the mapping at {doc.where(mapping)} are not aligned")
    return columns.pop()


def _dash_layout(doc: _Doc, item: Node) -> tuple[int, int] | None:
    """(column of the item's `-`, columns from the `-` to the item) when both share a line."""
    start = item.start_mark.index
    line_start = doc.starts[doc.line_of(start)]
    before = doc.text[line_start:start]
    stripped = before.rstrip(" ")
    if not stripped.endswith("-") or stripped[:-1].strip(" "):
        return None
    dash = len(stripped) - 1
    return dash, len(before) - dash


def _indent_unit(doc: _Doc) -> int:
    """The file's smallest indentation step (2 when nothing is indented)."""
    widths = []
    for number in range(len(doc.starts)):
        end, _ = doc.line_end(number)
        line = doc.text[doc.starts[number] : end]
        content = line.lstrip(" ")
        if content and not content.startswith("#") and len(content) < len(line):
            widths.append(len(line) - len(content))
    return min(widths, default=2)


# --- proof ---------------------------------------------------------------------------------


def _same(a: object, b: object) -> bool:
    """Equal and of the same types all the way down (True is not 1, 1 is not 1.0)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        assert isinstance(b, dict)
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        assert isinstance(b, list)
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return isinstance(b, float) and math.isnan(b)
    return a == b


def _split_lines(text: str) -> list[str]:
    """Lines with their endings (LF, CRLF or CR; not NEL, U+2028 or U+2029)."""
    starts = [0] + [m.end() for m in _BREAK.finditer(text)]
    lines = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    return [line for line in lines if line]


def _finish(doc: _Doc, start: int, end: int, new: str, expected: dict[str, Any]) -> str:
    """Splice, then prove the result: it loads, its data is `expected`, the new text uses the
    file's line ending, and every line outside the edited range is byte for byte the same."""
    nl = doc.newline
    if any(m.group() != nl for m in _BREAK.finditer(new)):
        raise EditError("internal error: the new text does not use the file's line ending")
    old = doc.text
    result = old[:start] + new + old[end:]
    try:
        got = load(result)
    except LoadError as exc:
        raise EditError(
            f"the edit would not load (line {exc.line}: {exc.message}); the file's shape is "
            "unusual here: edit it by hand"
        ) from None
    if not _same(got, expected):
        raise EditError(
            "the edit would change more than intended (the file's shape is unusual here); "
            "edit it by hand"
        )
    # the edited range, widened to whole lines: everything before and after must be untouched
    first = doc.starts[doc.line_of(start)]
    last = end if end == len(old) or end in doc.starts else doc.line_end(doc.line_of(end))[1]
    before, after = _split_lines(old[:first]), _split_lines(old[last:])
    lines = _split_lines(result)
    if lines[: len(before)] != before or lines[len(lines) - len(after) :] != after:
        raise EditError("internal error: lines outside the edit changed")
    return doc.bom + result


# --- check-ins -----------------------------------------------------------------------------


def _check_in_fields(entry: dict[str, object]) -> tuple[list[tuple[str, str]], dict[str, Any]]:
    """The entry's (key, YAML text) pairs in schema order, and the data it loads as."""
    if not isinstance(entry, dict):
        raise EditError("a check-in is a mapping of keys")
    unknown = [k for k in entry if k not in CHECK_IN_KEYS]
    if unknown:
        raise EditError(
            f"unknown check-in key(s) {', '.join(map(repr, unknown))}; "
            f"a check-in has {', '.join(CHECK_IN_KEYS)}"
        )
    if "date" not in entry:
        raise EditError("a check-in needs a date")
    fields: list[tuple[str, str]] = []
    data: dict[str, Any] = {}
    for key in CHECK_IN_KEYS:
        if key not in entry:
            continue
        value = entry[key]
        if key == "date":
            # written plain like every date in the files: the loader keeps it as text
            if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                value = value.isoformat()
            if not isinstance(value, str) or not _valid_date(value):
                raise EditError(f"a check-in date is YYYY-MM-DD, not {value!r}")
            fields.append((key, value))
        else:
            fields.append((key, scalar(value)))
            if isinstance(value, dt.date):
                value = value.isoformat()
        data[key] = value
    return fields, data


def _valid_date(text: str) -> bool:
    if not _DATE.match(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


@dataclass
class _ItemStyle:
    flow: bool
    dash: int  # column of the `-`
    gap: int  # columns from the `-` to the item
    pad: str  # space inside `{ ... }`
    sep: str  # between the pairs of a flow mapping


def _is_flow(item: Node) -> bool:
    """A `{...}` or `[...]` item (a scalar item, which no check-in should be, counts as block)."""
    return bool(getattr(item, "flow_style", False))


def _keys_of(item: Node) -> set[str]:
    if not isinstance(item, MappingNode):
        return set()
    return {k.value for k, _ in item.value if isinstance(k, ScalarNode)}


def _choose_flow(items: list[Node], has_note: bool) -> bool:
    """Flow when the check-ins are all flow; block when all block; in a mix, the file's own
    rule when it has one (block exactly for the check-ins with a note), else the latest's."""
    flows = [i for i in items if _is_flow(i)]
    blocks = [i for i in items if not _is_flow(i)]
    if not blocks or not flows:
        return not blocks
    if all("note" not in _keys_of(i) for i in flows) and all("note" in _keys_of(i) for i in blocks):
        return not has_note
    return _is_flow(items[-1])


def _flow_spacing(doc: _Doc, items: list[Node]) -> tuple[str, str]:
    for item in reversed(items):
        if not (isinstance(item, MappingNode) and item.flow_style and item.value):
            continue
        raw = doc.text[item.start_mark.index : item.end_mark.index]
        pad = " " if raw.startswith("{ ") and raw.endswith(" }") else ""
        sep = ", "
        if len(item.value) > 1:
            between = doc.text[
                _content_end(doc, item.value[0][1]) : item.value[1][0].start_mark.index
            ]
            if between in (",", ", ", " , "):
                sep = between
        return pad, sep
    return "", ", "


def _item_style(doc: _Doc, items: list[Node], has_note: bool) -> tuple[bool, int, int]:
    """(flow?, dash column, gap) from the existing check-ins, preferring one of the chosen
    style for the layout."""
    flow = _choose_flow(items, has_note)
    candidates = [i for i in reversed(items) if _is_flow(i) == flow]
    candidates += [i for i in reversed(items) if _is_flow(i) != flow]
    for item in candidates:
        layout = _dash_layout(doc, item)
        if layout is not None:
            return flow, *layout
    raise EditError(
        f"the check-ins at {doc.where(items[0])} do not start on their `-` line; "
        "add the check-in by hand"
    )


def _render_item(style: _ItemStyle, fields: list[tuple[str, str]]) -> list[str]:
    lead = " " * style.dash + "-" + " " * (style.gap - 1)
    if style.flow:
        pairs = style.sep.join(f"{k}: {v}" for k, v in fields)
        return [f"{lead}{{{style.pad}{pairs}{style.pad}}}"]
    indent = " " * (style.dash + style.gap)
    return [f"{lead}{fields[0][0]}: {fields[0][1]}"] + [f"{indent}{k}: {v}" for k, v in fields[1:]]


def _file_check_ins(doc: _Doc) -> list[tuple[Node, SequenceNode]]:
    """Every block list of check-ins in the file, with its `check_ins` key."""
    found: list[tuple[Node, SequenceNode]] = []
    objectives = _get(doc.root, "objectives")
    if objectives is None or not isinstance(objectives[1], SequenceNode):
        return found
    for objective in objectives[1].value:
        krs = _get(objective, "key_results") if isinstance(objective, MappingNode) else None
        if krs is None or not isinstance(krs[1], SequenceNode):
            continue
        for kr in krs[1].value:
            pair = _get(kr, "check_ins") if isinstance(kr, MappingNode) else None
            seq = pair[1] if pair else None
            if pair and isinstance(seq, SequenceNode) and not seq.flow_style and seq.value:
                found.append((pair[0], seq))
    return found


def _new_list_style(doc: _Doc, near: Node, key_column: int, has_note: bool) -> _ItemStyle:
    """How to write a first check-in under a new or empty `check_ins:` at `key_column`: in
    the style of the file's other check-ins, else of its key_results list."""
    lists = _file_check_ins(doc)
    all_items = [i for _, s in lists for i in s.value]
    for key, seq in sorted(lists, key=lambda p: abs(p[1].start_mark.index - near.start_mark.index)):
        try:
            _, dash, gap = _item_style(doc, seq.value, has_note)
        except EditError:
            continue  # that list's items start under their dash: ask the next nearest
        offset = dash - doc.column(key.start_mark.index)
        pad, sep = _flow_spacing(doc, all_items)
        return _ItemStyle(_choose_flow(all_items, has_note), key_column + offset, gap, pad, sep)
    # no check-ins to follow: indent the list like the key results, write flow like the guide
    objectives = _get(doc.root, "objectives")
    assert objectives is not None and isinstance(objectives[1], SequenceNode)
    offset, gap = 2, 2
    for objective in objectives[1].value:
        pair = _get(objective, "key_results") if isinstance(objective, MappingNode) else None
        if pair and isinstance(pair[1], SequenceNode) and not pair[1].flow_style:
            layout = _dash_layout(doc, pair[1].value[0])
            if layout is not None:
                offset = layout[0] - doc.column(pair[0].start_mark.index)
                gap = layout[1]
                break
    flow = _choose_flow(all_items, has_note) if all_items else True
    return _ItemStyle(flow, key_column + offset, gap, "", ", ")


def append_check_in(text: str, objective: int, key_result: int, entry: dict[str, object]) -> str:
    """Append `entry`
    (e.g. {"date": "2026-11-23", "value": 540, "status": "on_track", "note": "..."})
    to objectives[objective].key_results[key_result].check_ins, creating `check_ins:` when
    absent. Written in the style of the existing check-ins (flow `- {date: ..., value: ...}` or
    block), in the key order of the existing check-ins, else date, value, done, status,
    confidence, note, by (only keys present)."""
    doc = _parse(text)
    fields, entry_data = _check_in_fields(entry)
    has_note = "note" in entry
    kr, path = _key_result(doc, objective, key_result)
    expected = copy.deepcopy(doc.data)
    target = expected["objectives"][objective]["key_results"][key_result]
    pair = _get(kr, "check_ins")
    if pair is None:
        key_column = _key_column(doc, kr)
        style = _new_list_style(doc, kr, key_column, has_note)
        lines = [" " * key_column + "check_ins:", *_render_item(style, fields)]
        after = kr.value[-1]
        for index, (key, _) in enumerate(kr.value):
            if isinstance(key, ScalarNode) and key.value in _AFTER_CHECK_INS and index > 0:
                after = kr.value[index - 1]
                break
        start, end, new = _lines_after(doc, _content_end(doc, after[1]), lines)
        target["check_ins"] = [entry_data]
        return _finish(doc, start, end, new, expected)
    key, seq = pair
    where = f"{path}.check_ins"
    _unmarked(doc, seq, where)
    if isinstance(seq, ScalarNode) and not isinstance(seq, _Alias):
        if seq.value != "" or seq.style is not None or seq.end_mark.index != seq.start_mark.index:
            raise EditError(
                f"{where} holds {seq.value!r} ({doc.where(seq)}), not a list; "
                "make it a list or remove it, then add the check-in"
            )
        # `check_ins:` with nothing after it: the list starts on the next line
        style = _new_list_style(doc, kr, doc.column(key.start_mark.index), has_note)
        start, end, new = _lines_after(doc, seq.start_mark.index, _render_item(style, fields))
        target["check_ins"] = [entry_data]
        return _finish(doc, start, end, new, expected)
    if not isinstance(seq, SequenceNode):
        raise EditError(f"{where} is {_alias_or(seq)} ({doc.where(seq)})")
    fields = _ordered_like(fields, seq)
    if seq.flow_style:
        start, end, new = _append_flow_list(doc, seq, fields, where)
    else:
        flow, dash, gap = _item_style(doc, seq.value, has_note)
        pad, sep = _flow_spacing(doc, seq.value)
        lines = _render_item(_ItemStyle(flow, dash, gap, pad, sep), fields)
        start, end, new = _lines_after(doc, _content_end(doc, seq.value[-1]), lines)
    target["check_ins"].append(entry_data)
    return _finish(doc, start, end, new, expected)


def _ordered_like(fields: list[tuple[str, str]], seq: SequenceNode) -> list[tuple[str, str]]:
    """The fields in the key order the team already writes check-ins in (`by` before `note`,
    say): the existing check-in sharing most keys with the new one sets the order (the latest
    on a tie); a key it lacks follows the key it comes after in schema order."""
    best: list[str] = []
    ours = {key for key, _ in fields}
    for item in seq.value:
        if isinstance(item, MappingNode):
            keys = [k.value for k, _ in item.value if isinstance(k, ScalarNode)]
            if len(ours.intersection(keys)) >= len(ours.intersection(best)):
                best = keys
    rank: dict[str, float] = {key: float(i) for i, key in enumerate(best) if key in ours}
    previous = -1.0
    for key, _ in fields:
        if key in rank:
            previous = rank[key]
        else:
            previous += 0.001
            rank[key] = previous
    return sorted(fields, key=lambda pair: rank[pair[0]])


def _append_flow_list(
    doc: _Doc, seq: SequenceNode, fields: list[tuple[str, str]], where: str
) -> tuple[int, int, str]:
    """`check_ins: [{...}, {...}]` on one line gets one more `{...}` before its `]`."""
    start, end = seq.start_mark.index, seq.end_mark.index
    if doc.line_of(start) != doc.line_of(end - 1):
        raise EditError(
            f"{where} is a flow list [...] over several lines ({doc.where(seq)}); "
            "write one check-in per `- ` line to add check-ins"
        )
    pad, sep = _flow_spacing(doc, seq.value)
    item = "{" + pad + sep.join(f"{k}: {v}" for k, v in fields) + pad + "}"
    if not seq.value:
        inner = doc.text[start + 1 : end - 1]
        if inner.strip(" "):
            raise EditError(f"{where} holds something unexpected ({doc.where(seq)})")
        return start + 1, end - 1, item
    at = _content_end(doc, seq.value[-1])
    return at, at, sep + item


# --- key-result fields ---------------------------------------------------------------------


def _checked_key(key: str) -> str:
    if not isinstance(key, str) or not _KEY.match(key) or scalar(key) != key:
        raise EditError(f"{key!r} is not a key this edit can write (letters, digits, _ and -)")
    return key


def _comment_text(comment: str | None) -> str | None:
    if comment is None or comment == "":
        return comment
    if any(unicodedata.category(c) in ("Cc", "Zl", "Zp") and c != "\t" for c in comment):
        raise EditError("a comment is one line of text (no line breaks or control characters)")
    comment = comment.strip()
    return comment if comment.startswith("#") else f"# {comment}"


def _sibling_comment_column(doc: _Doc, mapping: MappingNode) -> int | None:
    """The column most end-of-line comments of the mapping's one-line values start at."""
    columns: Counter[int] = Counter()
    for key, value in mapping.value:
        end = _content_end(doc, value)
        if doc.line_of(end) != doc.line_of(key.start_mark.index):
            continue
        line_end, _ = doc.line_end(doc.line_of(end))
        match = _LINE_TAIL.match(doc.text, end, line_end)
        if match and match.end() == line_end and "#" in match.group():
            columns[doc.column(end + match.group().index("#"))] += 1
    return columns.most_common(1)[0][0] if columns else None


def _new_comment_gap(doc: _Doc, mapping: MappingNode, column: int) -> str:
    """Spaces before a new end-of-line comment that starts after `column`: up to the column of
    the mapping's other end-of-line comments when they leave two spaces, else two."""
    aligned = _sibling_comment_column(doc, mapping)
    return " " * (aligned - column if aligned is not None and aligned >= column + 2 else 2)


def key_result_comment(text: str, objective: int, key_result: int, key: str) -> str | None:
    """The end-of-line comment of a key result's one-line field (`# provisional...`), or None
    when the field or its comment is absent."""
    doc = _parse(text)
    kr, _path = _key_result(doc, objective, key_result)
    pair = _get(kr, key)
    if pair is None or not isinstance(pair[1], ScalarNode):
        return None
    end = pair[1].end_mark.index
    if doc.line_of(pair[1].start_mark.index) != doc.line_of(end):
        return None
    hash_at, line_end, _spaces = _tail(doc, end)
    return doc.text[hash_at:line_end] if hash_at < line_end else None


def set_key_result_field(
    text: str,
    objective: int,
    key_result: int,
    key: str,
    value: object,
    comment: str | None = None,
) -> str:
    """Set (replace or add) a scalar field of the key result, e.g. score: 0.7, with an optional
    end-of-line comment (`# from progress 0.73, not yet reviewed`).

    `comment=None` keeps an existing end-of-line comment, `""` removes it, other text sets it
    (`# ` is prefixed when missing). A comment keeps its column when the new value leaves room
    (else its gap, at most two spaces); a new one lines up with the key result's other
    end-of-line comments when it can, else follows two spaces. A new field goes after the key
    result's last field, at its fields' indentation."""
    steps = _key_result_steps(objective, key_result)
    return _set_field(_parse(text), steps, key, value, comment, flow=False)


def set_initiative_field(
    text: str, objective: int, key_result: int, initiative: int, key: str, value: object
) -> str:
    """Set (replace or add) a scalar field of
    objectives[objective].key_results[key_result].initiatives[initiative], e.g. status: done.

    A block initiative is edited like a key result's field (`set_key_result_field`, keeping any
    end-of-line comment). In a flow initiative, `- {title: X, url: Y, status: planned}`, the
    value is replaced where it stands, and a new field goes before the `}` as `, key: value`
    when the mapping is on one line."""
    steps = (
        *_key_result_steps(objective, key_result),
        ("initiatives", "initiative", initiative),
    )
    return _set_field(_parse(text), steps, key, value, None, flow=True)


def _set_field(
    doc: _Doc, steps: _Steps, key: str, value: object, comment: str | None, *, flow: bool
) -> str:
    """Set a scalar field of the mapping at `steps` (see `set_key_result_field`); `flow`:
    whether that mapping may be a `{...}` one, whose fields take no comment of their own."""
    _checked_key(key)
    written = scalar(value)
    note = _comment_text(comment)
    mapping, path = _mapping_at(doc, steps, flow=flow)
    expected = copy.deepcopy(doc.data)
    target = expected
    for step_key, _what, index in steps:
        target = target[step_key][index]
    target[key] = value.isoformat() if isinstance(value, dt.date) else value
    pair = _get(mapping, key)
    if pair is None and mapping.flow_style:
        start, end, new = _add_to_flow_mapping(doc, mapping, path, f"{key}: {written}")
        return _finish(doc, start, end, new, expected)
    if pair is None:
        line = " " * _key_column(doc, mapping) + f"{key}: {written}"
        if note:
            line += _new_comment_gap(doc, mapping, len(line)) + note
        start, end, new = _lines_after(doc, _content_end(doc, mapping.value[-1][1]), [line])
        return _finish(doc, start, end, new, expected)
    _, node = pair
    where = f"{path}.{key}"
    _unmarked(doc, node, where)
    if not isinstance(node, ScalarNode) or isinstance(node, _Alias):
        raise EditError(f"{where} holds a list or mapping ({doc.where(node)}), not a scalar")
    start, end = node.start_mark.index, node.end_mark.index
    if node.style in ("|", ">") or doc.line_of(start) != doc.line_of(end):
        raise EditError(f"{where} is written over several lines ({doc.where(node)}); edit by hand")
    if start == end:  # `key:` with no value: the new one goes after a space
        written = " " + written
    if mapping.flow_style:  # what follows on the line is the mapping's own: it stays as it is
        return _finish(doc, start, end, written, expected)
    hash_at, line_end, spaces = _tail(doc, end)
    if note is None:
        if hash_at == line_end:
            return _finish(doc, start, end, written, expected)
        note = doc.text[hash_at:line_end]  # kept word for word, in its column when it fits
    if note == "":
        return _finish(doc, start, line_end, written, expected)
    new_end = doc.column(start) + len(written)
    if hash_at < line_end:  # keep the comment's column when there is room, else its gap
        spacing = " " * max(doc.column(hash_at) - new_end, min(spaces, 2))
        if "\t" in doc.text[end:hash_at]:  # columns of tabs are the editor's: keep the gap
            spacing = doc.text[end:hash_at]
    else:
        spacing = _new_comment_gap(doc, mapping, new_end)
    return _finish(doc, start, line_end, written + spacing + note, expected)


def _add_to_flow_mapping(
    doc: _Doc, mapping: MappingNode, path: str, pair: str
) -> tuple[int, int, str]:
    """`{title: X, url: Y}` on one line gets `, key: value` before its `}`, in the mapping's
    own spacing; one over several lines has no place for it that every team would agree on."""
    start, end = mapping.start_mark.index, mapping.end_mark.index
    if doc.line_of(start) != doc.line_of(end - 1):
        raise EditError(
            f"{path} is a flow mapping {{...}} over several lines ({doc.where(mapping)}); "
            "write it on one line, or as key: value lines, to add a field"
        )
    pad, sep = _flow_spacing(doc, [mapping])
    if not mapping.value:
        if doc.text[start + 1 : end - 1].strip(" "):
            raise EditError(f"{path} holds something unexpected ({doc.where(mapping)})")
        return start + 1, end - 1, pad + pair + pad
    at = _content_end(doc, mapping.value[-1][1])
    return at, at, sep + pair


# --- top-level block scalars ---------------------------------------------------------------


def _literal(body: str, indent: int) -> tuple[str, list[str]]:
    """A literal block scalar's header (`|`, `|-`, `|+`, with an indentation indicator when
    the text starts with white space) and its lines."""
    for char in body:
        if char in _NOT_IN_BLOCK or (
            char not in "\t\n" and unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp")
        ):
            raise EditError(f"the text holds U+{ord(char):04X}, which a block scalar cannot carry")
    parts = body.split("\n")
    if parts[-1] != "":
        chomp, lines = "-", parts
    elif len(parts) > 1 and parts[-2] != "":
        chomp, lines = "", parts[:-1]
    else:
        chomp, lines = "+", parts[:-1]
    # YAML guesses the indentation from the first line with text; an indicator says it when
    # that line starts with a space or a tab, or blank lines with spaces come first
    leading = list(itertools.takewhile(lambda line: not line.strip(" "), lines))
    first = lines[len(leading)] if len(leading) < len(lines) else ""
    needs = first.startswith((" ", "\t")) or not first or any(leading)
    indicator = str(indent) if needs else ""
    if indicator and not 1 <= indent <= 9:
        raise EditError("the text starts with spaces and the file's indentation is over 9")
    return "|" + indicator + chomp, [" " * indent + line if line else "" for line in lines]


def _document_end(doc: _Doc) -> int:
    """The end of the file, or the start of its `...` line (the document end marker)."""
    for line in range(doc.line_of(max(_content_end(doc, doc.root) - 1, 0)) + 1, len(doc.starts)):
        start = doc.starts[line]
        if re.match(r"\.\.\.(?:[ \t]|$)", doc.text[start : doc.line_end(line)[0]]):
            return start
    return len(doc.text)


def set_top_level_block(text: str, key: str, body: str) -> str:
    """Set a top-level block scalar such as `retrospective: |` with `body` (multi-line text),
    adding it at the end of the file when absent, replacing its value when present.

    Line breaks in `body` are written as the file's own; an empty body is written `""`."""
    doc = _parse(text)
    _checked_key(key)
    if not isinstance(body, str):
        raise EditError("the text of a block is a string")
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    expected = copy.deepcopy(doc.data)
    expected[key] = body
    nl = doc.newline
    pair = _get(doc.root, key)
    if _key_column(doc, doc.root) != 0:
        raise EditError("the file's top-level keys are indented; add the block by hand")
    indent = _indent_unit(doc)
    if pair is None:
        if body == "":
            lines = [f"{key}: " + '""']
        else:
            header, content = _literal(body, indent)
            lines = [f"{key}: {header}", *content]
        end = _document_end(doc)
        ends_open = end == len(doc.text) and not doc.text.endswith(("\n", "\r")) and bool(doc.text)
        new = (nl if ends_open else "") + "".join(line + nl for line in lines)
        if body == "" and ends_open:
            new = new[: -len(nl)]  # a one-line value keeps the file's missing final break
        return _finish(doc, end, end, new, expected)
    _, node = pair
    _unmarked(doc, node, key)
    if not isinstance(node, ScalarNode) or isinstance(node, _Alias):
        raise EditError(f"{key} holds a list or mapping ({doc.where(node)}), not text")
    start = node.start_mark.index
    if node.style in ("|", ">"):
        header_match = _BLOCK_HEADER.match(doc.text, start)
        assert header_match is not None
        value_end = header_match.end()
        first_content = doc.line_of(value_end) + 1
        if first_content < len(doc.starts) and doc.starts[first_content] < node.end_mark.index:
            line_end, _ = doc.line_end(first_content)
            line = doc.text[doc.starts[first_content] : line_end]
            if line.strip(" "):
                indent = len(line) - len(line.lstrip(" "))
    else:
        value_end = node.end_mark.index
    _, line_end, _ = _tail(doc, value_end)
    tail = doc.text[value_end:line_end]
    _, stop = doc.line_end(doc.line_of(max(_content_end(doc, node) - 1, value_end)))
    lead = " " if start == node.end_mark.index and node.style is None else ""
    if body == "":
        new = lead + '""' + tail + (nl if doc.text[:stop].endswith(("\n", "\r")) else "")
        return _finish(doc, start, stop, new, expected)
    header, content = _literal(body, indent)
    if header.endswith("+"):
        # kept trailing lines would take in the blank lines that follow: they go
        while stop < len(doc.text) and not doc.text[
            stop : doc.line_end(doc.line_of(stop))[0]
        ].strip(" "):
            stop = doc.line_end(doc.line_of(stop))[1]
    # a block scalar's last line needs its break, or the text would lose its final newline
    new = lead + header + tail + nl + "".join(line + nl for line in content)
    return _finish(doc, start, stop, new, expected)
