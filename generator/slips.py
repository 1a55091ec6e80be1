"""The YAML slips people make in OKR files, found in the raw text and worded for them.

OKR files are written by hand, often by people who never wrote YAML before. When a file does
not parse, the parser says "mapping values are not allowed here" or "found character that
cannot start any token", and often points at the line after the slip. This module scans the
text for the slips people actually make and words each one as what it is and how to fix it,
at the line and column of the slip itself:

- `colon-in-value`: `title: Fix: the thing`, a ': ' inside an unquoted value;
- `special-start`: a value that starts with a character YAML reserves or reads as syntax
  (`@alice`, `*important*`, `!urgent`, `%`, a backtick, `&Co`, `>99.9`, `[WIP] Launch`);
- `tab`: a tab in the indentation;
- `indent`: a line one space off its siblings;
- `no-space-after-colon`: `title:Make it fast`;
- `full-width`: punctuation from a Chinese input method where YAML expects ASCII (`：`, `，`,
  `［］｛｝`, `－` as a list dash, U+3000 in the indentation, full-width digits in a number).

It reads text only, never a parser's tree: the files it explains are the ones the parser
refuses. One pass over the lines, linear in the size of the text, and it never raises:
whatever the text, the worst outcome is a slip not found. `explain` picks the slip behind a
parser error, which the parser reports at the slip or up to two lines after it.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass

from .said import Message, say

__all__ = ["Slip", "explain", "find_slips", "source_line"]


@dataclass(frozen=True)
class Slip:
    """One slip: where it is, what it is and its fix."""

    line: int  # 1-based
    column: int  # 1-based, in characters
    message: Message  # one line: names the slip and the fix, quoting the corrected text
    kind: str  # colon-in-value, special-start, tab, indent, no-space-after-colon, full-width


def find_slips(text: str) -> list[Slip]:
    """Every slip in the text, in order of position (the first thousand: a file with more is
    not a file with a few slips, and their messages would take more memory than the file)."""
    return _Scanner(text).run()[:_MOST]


def explain(text: str, line: int, column: int) -> Slip | None:
    """The slip that explains a parser error reported at (line, column): the nearest slip at or
    before that position, on the error's line or up to 2 lines before it (parsers report the
    next line), or None when no known slip explains it."""
    found = None
    # only the lines up to the error's are scanned, and only slips near it are kept
    for slip in _Scanner(text).run(first=line - 3, last=line - 1):
        if (slip.line, slip.column) > (line, column):
            break
        if slip.line >= line - 2:
            found = slip
    return found


def source_line(text: str, line: int) -> str:
    """The text of a 1-based line, without its line ending (for printing with a caret)."""
    if line < 1:
        return ""
    start = 0
    for _ in range(line - 1):
        end = _LINE_END.search(text, start)
        if end is None:
            return ""
        start = end.end()
    end = _LINE_END.search(text, start)
    return text[start : end.start() if end else len(text)]


# As editors and the loader count lines: NEL, U+2028 and U+2029 are characters in a line.
_LINE_END = re.compile(r"\r\n|\r|\n")
_LEAD = re.compile(r"[ \t\u3000]*")
_WS = re.compile(r"[ \t]*")
_WORD = r"[A-Za-z_][A-Za-z0-9_-]*"
# Block context: the ': ' that ends a key, or the ' #' that starts a comment, whichever is first.
_SEP = re.compile(r":(?=[ \t]|$)|[ \t]#")
_COMMENT = re.compile(r"[ \t]#")
# Flow context: a plain scalar also ends at ',', at brackets and at ':' before them.
_FLOW_END = re.compile(r"[,\[\]{}]|:(?=[ \t,\[\]{}]|$)|[ \t]#")
_ITEM_END = re.compile(r"[,\]}]|[ \t]#")
_FW_COLON_KEY = re.compile(rf"({_WORD})[ \t]*：")
_WIDE_AFTER_COLON = re.compile(rf"({_WORD}):\u3000")
# `title:Make`: a word, a colon and no space. Not `http://`, `std::` or `C:\`, not `12:30`
# (no word), and `description:|` only where a block scalar's header follows.
_TIGHT = re.compile(rf"({_WORD}):(?![\s:/\\#>|,\]}})]|$)")
_TIGHT_BLOCK = re.compile(rf"({_WORD}):(?=[|>](?:[1-9][+-]?|[+-][1-9]?)?[ \t]*(?:#.*)?$)")
# How a line that holds a key starts, however slipped; lenient on purpose (context only).
_KEY = rf"(?:{_WORD}|\"[^\"]*\"|'[^']*')[ \t]*[:：]"
_KEY_START = re.compile(_KEY)
_DASH_KEY = re.compile(rf"[-－][ \t\u3000]+{_KEY}")
_DASH = re.compile(r"[-－](?:[ \t\u3000]|$)")
_STRUCTURE = re.compile(rf"[-－](?:[ \t\u3000]|$)|#|{_KEY}")
_BLOCK_KEY = re.compile(rf"(?:-[ \t]+)*{_WORD}:(?:[ \t]|$)")
_FLOW_KEY = re.compile(rf"{_WORD}[ \t]*[:：]")
_NAME = re.compile(r"[^ \t,\[\]{}]*")
_TAG = re.compile(r"![^ \t,\[\]{}]*")
_ALIAS = re.compile(r"\*([^\s,\[\]{}]+)")
_ANCHOR = re.compile(r"&([^\s,\[\]{}]+)")
# The rest of a quoted scalar up to its closing quote (possessive: no backtracking on '').
_QUOTE_END = {
    '"': re.compile(r'(?:[^"\\]|\\.)*+"'),
    "'": re.compile(r"[^']*+(?:''[^']*+)*+'"),
}
_HEADER = re.compile(r"[|>](?:[1-9][+-]?|[+-][1-9]?)?(?:[ \t]+(?:#.*)?)?$")
_NUMBERISH = re.compile(r"[-+－＋]?[0-9０-９][0-9０-９.．:：/／%％\-－]*")
_WIDE_NUMBER = re.compile(r"[０-９．：／％－＋]")
_WIDE_NAMES = {
    "．": say("full stop"),
    "：": say("colon"),
    "／": say("slash"),
    "％": say("percent sign"),
    "－": say("minus sign"),
    "＋": say("plus sign"),
}
_TO_ASCII = str.maketrans(
    {chr(0xFF10 + k): str(k) for k in range(10)}
    | {"．": ".", "：": ":", "／": "/", "％": "%", "－": "-", "＋": "+"}
)
_WIDE_BRACKETS = str.maketrans({"［": "[", "］": "]", "｛": "{", "｝": "}", "，": ", ", "：": ": "})
# What each character at the start of a plain value is to YAML.
_READ_AS = {
    "@": say("'@' cannot start an unquoted value: YAML reserves it"),
    "`": say("'`' cannot start an unquoted value: YAML reserves it"),
    "%": say("'%' at the start of a value is read as a YAML directive"),
    "*": say("'*' at the start of a value is read as an alias (a reference to an anchor)"),
    "&": say(
        "'&' at the start of a value is read as an anchor (a name for the value, not part of it)"
    ),
    "!": say("'!' at the start of a value is read as a tag (a type for the value, not part of it)"),
    "|": say("'|' at the start of a value starts a block of text on the lines below"),
    ">": say("'>' at the start of a value starts a folded block of text on the lines below"),
    "[": say("'[' at the start of a value starts a list, and no text may follow its ']'"),
    "{": say("'{{' at the start of a value starts a mapping, and no text may follow its '}}'"),
}
_CLOSERS = {"[": "]", "{": "}", '"': '"', "'": "'"}
_QUOTE_LIMIT = 60  # the most of one user value a message quotes
_MOST = 1000  # slips find_slips reports
_PER_LINE = 10  # slips reported on one line: the rest of a line that has so many is noise


class _Enough(Exception):
    """A line has all the slips worth reporting: the scan goes on with the next line."""


_DIGIT = say("digit")


def _wide_colon(colon: bool, key: str, fix: str) -> Message:
    """`key：value` (a full-width colon) or `key:\u3000value` (a full-width space after it)."""
    if colon:
        return say(
            "'：' is a full-width colon (Chinese input method); YAML needs the ASCII ':' "
            "followed by a space: {fix}",
            fix=fix,
        )
    return say(
        "a full-width space (U+3000, Chinese input method) after '{key}:'; YAML needs an "
        "ASCII space after the colon: {fix}",
        key=key,
        fix=fix,
    )


def _spaces_said(n: int) -> Message:
    return say("1 space") if n == 1 else say("{n} spaces", n=n)


def _off_by(n: int, indent: int, sibling: str, above: bool) -> Message:
    """A line `n` spaces in where its siblings, like `sibling`, are `indent` spaces in."""
    spaces = _spaces_said(n)
    if above:
        return say(
            "indented {spaces} where its siblings use {indent}; line it up with '{sibling}' above",
            spaces=spaces,
            indent=indent,
            sibling=sibling,
        )
    return say(
        "indented {spaces} where its siblings use {indent}; line it up with '{sibling}' below",
        spaces=spaces,
        indent=indent,
        sibling=sibling,
    )


def _cut(text: str, limit: int = _QUOTE_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _quoted(value: str) -> str:
    """`value` as a quoted YAML scalar, cut to the quoting limit."""
    value = _cut(value)
    if '"' in value and "'" not in value:
        return f"'{value}'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _past(pattern: re.Pattern[str], s: str, i: int) -> int:
    """Where the run of `pattern` (which may be empty) that starts at `i` ends."""
    match = pattern.match(s, i)
    return match.end() if match else i


def _spaces(s: str) -> int:
    return len(s) - len(s.lstrip(" "))


@dataclass(slots=True)
class _Level:
    """A block collection that is open: its lines start at `indent`."""

    indent: int
    kind: str  # "map", "seq" or "scalar"
    label: str  # how its latest line starts, for "line it up with ... above"
    maps: bool = False  # a sequence whose items are mappings


class _Scanner:
    """One pass over the lines. A line is block-scalar text, the rest of a quoted scalar or of
    a flow collection that an earlier line opened, the next line of a plain value, or a line
    of structure (indentation, dashes, a key, a value): only that last kind is checked for
    indentation, and each kind is checked only for the slips that can happen in it."""

    def __init__(self, text: str) -> None:
        self.lines = _LINE_END.split(text)
        # `*name` is a slip when no `&name` exists anywhere, `&name text` when no `*name` does
        self.anchors = set(_ANCHOR.findall(text))
        self.aliases = set(_ALIAS.findall(text))
        self.slips: list[Slip] = []
        self.row = 0
        self.levels: list[_Level] = []
        self.opened: int | None = None  # a key or dash with nothing after it: children go deeper
        self.plain: tuple[int, str, int] | None = None  # parent indent, line kind, first row
        self.block: list[int] | None = None  # owner indent, content indent (-1 until known)
        self.quote = ""  # the quote of a quoted scalar that goes on to the next line
        self.opened_at = 0  # the indent of the line that opened that quote or flow collection
        # Open flow collections ("[" or "{"), innermost last, with for each the key of the
        # current entry (None before its ':') and whether that entry's value has begun.
        self.flow: list[str] = []
        self.flow_key: list[str | None] = []
        self.flow_seen: list[bool] = []
        self.flow_end: tuple[str, int, int] | None = None  # line, from, where its node ends
        self.flow_plain = False  # the line ended inside a plain scalar of a flow collection
        self.started = False  # a '%' line before any content is a directive
        self.first = 0  # slips before this row are not kept
        self.on_line = 0

    def run(self, first: int = 0, last: int | None = None) -> list[Slip]:
        """The slips on 0-based rows `first` to `last` (to the end when None)."""
        self.first = first
        for row, line in enumerate(self.lines):
            if (last is not None and row > last) or len(self.slips) >= _MOST:
                break
            if not line:
                continue  # an empty line changes nothing, whatever it is inside
            self.row = row
            self.on_line = 0
            with contextlib.suppress(_Enough):
                self._line(line)
        self.slips.sort(key=lambda slip: (slip.line, slip.column))
        return self.slips

    def _add(self, index: int, kind: str, message: Message) -> None:
        if self.row >= self.first:
            self.slips.append(Slip(self.row + 1, index + 1, message, kind))
        self.on_line += 1
        if self.on_line >= _PER_LINE:
            raise _Enough

    def _line(self, s: str) -> None:
        if self.quote or self.flow:
            # an unclosed quote or bracket must not swallow the rest of the file: a key line
            # back at the indentation of the line that opened it is structure again
            if _spaces(s) <= self.opened_at and _BLOCK_KEY.match(s, _spaces(s)):
                self._drop_open()
            elif self.quote:
                end = _QUOTE_END[self.quote].match(s)
                if end is not None:
                    self.quote = ""
                    if self.flow:
                        self._flow_scan(s, end.end())
                return
            else:
                self._flow_scan(s, 0)
                return
        if self.block is not None and self._in_block(s, self.block):
            return
        self._structural(s)

    def _drop_open(self) -> None:
        self.quote = ""
        self.flow.clear()
        self.flow_key.clear()
        self.flow_seen.clear()
        self.flow_plain = False

    def _reset(self) -> None:
        self._drop_open()
        self.levels.clear()
        self.opened = self.plain = self.block = None
        self.started = False

    def _in_block(self, s: str, block: list[int]) -> bool:
        """Whether `s` is text of the block scalar (`|`, `>`) that an earlier line started."""
        owner, content = block
        spaces = _spaces(s)
        if spaces == len(s) or not s.strip(" \t"):
            return True
        if content < 0:
            if spaces > owner:
                block[1] = spaces
                return True
        elif spaces >= content:
            return True
        elif spaces > owner and spaces == content - 1 and not _KEY_START.match(s, spaces):
            self._add(
                spaces,
                "indent",
                say(
                    "indented {spaces} where the lines of the text above use {content}; "
                    "line it up with them",
                    spaces=_spaces_said(spaces),
                    content=content,
                ),
            )
            return True
        self.block = None
        return False

    # Lines of structure

    def _structural(self, s: str) -> None:
        n = len(s)
        j = _past(_LEAD, s, 0)
        if j == n or s[j] == "#":
            self._blank_or_comment(s, j)
            return
        if j == 0 and s.startswith(("---", "...")) and (n == 3 or s[3] in " \t"):
            self._reset()
            return
        if j == 0 and s[0] == "%" and not self.started:
            return
        self.started = True
        if self.plain is not None:
            parent, head, first = self.plain
            if _spaces(s) > parent and not self._sibling_start(s, j, parent, head):
                self._continuation(s, j, first, s.find("\t", 0, j))
                return
            self.plain = None

        wide = s.find("\u3000", 0, j)
        if wide >= 0 and not _STRUCTURE.match(s, j):
            j, wide = wide, -1  # `  　　第一段`: text that starts with the space, as in Chinese
        tab = s.find("\t", 0, j)
        if tab >= 0:
            self._tab(tab)
        if wide >= 0:
            self._wide_indent(wide)
        exact = tab < 0 and wide < 0

        pos, dashes = self._dashes(s, j)
        prefix = "- " if dashes else ""
        key_col, key, value_at, state = -1, "", -1, ""
        tight: re.Match[str] | None = None
        at = self._properties(s, pos, prefix, key_position=True)
        if at is None:
            state = "done"
        elif at < n and s[at] != "#":
            c = s[at]
            if c in "?:" and (at + 1 == n or s[at + 1] in " \t"):
                key_col, key, state = at, c, "done"  # an explicit key or value: left alone
            elif c in "\"'":
                end = _QUOTE_END[c].match(s, at + 1)
                after = _past(_WS, s, end.end()) if end else n
                if after < n and s[after] == ":" and (after + 1 == n or s[after + 1] in " \t"):
                    key_col, key, value_at = at, s[at:after].rstrip(), after + 1
            elif c not in "[{|>*@`%［｛":
                key_col, key, value_at, tight = self._plain_key(s, at)

        kind = "seq" if dashes else ("map" if key_col >= 0 else "scalar")
        label = self._label(s, pos, dashes, key_col, key)
        node = value_at if key_col >= 0 else at if at is not None else n
        node = _past(_WS, s, node) if node >= 0 else n
        shift = self._place(j, kind, label, exact, leaf=node < n and s[node] != "#")
        below = self.levels[-2].indent if len(self.levels) > 1 else -1
        if tight is not None and at is not None and self._in_mapping(j, dashes, at, key_col):
            key_col, key, value_at = at, tight.group(1), tight.end()
            self._add(
                tight.end(),
                "no-space-after-colon",
                say(
                    "no space after '{key}:', so YAML reads the line as one piece of text; "
                    "add a space after the colon: {fix}",
                    key=_cut(key, 40),
                    fix=_cut(key, 40) + ": " + _cut(self._shown(s, value_at, False)),
                ),
            )
            kind = "seq" if dashes else "map"
            label = self._label(s, pos, dashes, key_col, key)
        top = self.levels[-1]
        if kind != "scalar":
            top.kind = kind
        top.label = label
        for dash in dashes[1:]:
            self.levels.append(_Level(dash + shift, "seq", "-"))
        if dashes and key_col >= 0:
            self.levels[-1].maps = True
            self.levels.append(_Level(key_col + shift, "map", f"{_cut(key, 40)}:"))

        if not state:
            if key_col >= 0:
                state = self._value(s, value_at, f"{_cut(key, 40)}: ")
            elif at is not None and at < n and s[at] != "#":
                state = self._value(s, at, prefix)
            else:
                state = "open"
        owner = (key_col if key_col >= 0 else dashes[-1] if dashes else below) + shift
        self.opened_at = j
        if state == "open":
            self.opened = owner if key_col >= 0 or dashes else None
        elif state == "plain":
            head = "key" if key_col >= 0 else "dash" if dashes else "scalar"
            self.plain = (owner, head, self.row)
        elif state == "block":
            self.block = [owner, -1]

    def _blank_or_comment(self, s: str, j: int) -> None:
        lead = s[:j]
        tab = lead.find("\t")
        # libyaml takes '  \t# note' but not '\t# note'; any tab on a blank line breaks a value
        if tab >= 0 and (j == len(s) or tab == 0):
            self._tab(tab)
        if j < len(s):
            wide = lead.find("\u3000")
            if wide >= 0:  # to YAML, '　#' is text, not a comment
                self._wide_indent(wide)
            self.plain = None

    def _sibling_start(self, s: str, j: int, parent: int, head: str) -> bool:
        """Whether a line one space deeper than the key or dash of a plain value starts like a
        sibling of it (a slipped indentation) rather than like more of the value."""
        if _spaces(s) != parent + 1:
            return False
        if head == "key":
            return bool(_KEY_START.match(s, j))
        return head == "dash" and bool(_DASH.match(s, j))

    def _continuation(self, s: str, j: int, first: int, tab: int) -> None:
        if _KEY_START.match(s, j) or _DASH.match(s, j):
            # a key or an item indented too deep, or text: which one is anyone's guess, unless
            # a tab is in the indentation (a tab is fine before text that goes on a value)
            if tab >= 0:
                self._tab(tab)
            return
        sep = _SEP.search(s, j)
        if sep is not None and s[sep.start()] == ":":
            self._add(
                sep.start(),
                "colon-in-value",
                say(
                    "a ': ' inside an unquoted value starts a new mapping; put the whole "
                    "value, which starts on line {line}, in quotes",
                    line=first + 1,
                ),
            )

    def _dashes(self, s: str, pos: int) -> tuple[int, list[int]]:
        """The list dashes that start a line (`- - x`), and where the node after them starts."""
        n = len(s)
        dashes: list[int] = []
        while pos < n and s[pos] in "-－" and (pos + 1 == n or s[pos + 1] in " \t\u3000"):
            # `-　x` is a slip, `- 　x` text that starts with a full-width space
            wide = s[pos] == "－" or (pos + 1 < n and s[pos + 1] == "\u3000")
            after = _past(_LEAD if wide else _WS, s, pos + 1)
            gap = s[pos + 1 : after]
            rest = _cut(self._shown(s, after, False)) if s[pos] == "－" or "\u3000" in gap else ""
            if s[pos] == "－":
                self._add(
                    pos,
                    "full-width",
                    say(
                        "'－' is a full-width dash (Chinese input method); a list item needs "
                        "the ASCII '-' followed by a space: {fix}",
                        fix="- " + rest,
                    ),
                )
            elif "\u3000" in gap:
                self._add(
                    pos + 1 + gap.index("\u3000"),
                    "full-width",
                    say(
                        "a full-width space (U+3000, Chinese input method) after '-'; a list "
                        "item needs an ASCII space after the dash: {fix}",
                        fix="- " + rest,
                    ),
                )
            if "\t" in gap:
                self._add(
                    pos + 1 + gap.index("\t"),
                    "tab",
                    say(
                        "a tab after '-'; YAML separates with spaces: replace the tab with a space"
                    ),
                )
            dashes.append(pos)
            pos = after
        return pos, dashes

    def _plain_key(self, s: str, at: int) -> tuple[int, str, int, re.Match[str] | None]:
        """The key of a line whose node starts with plain text: (column, key, where the value
        starts, a `word:text` that is a key only if the line sits among keys)."""
        wide = _FW_COLON_KEY.match(s, at) or _WIDE_AFTER_COLON.match(s, at)
        if wide is not None:
            key = wide.group(1)
            value_at = _past(_LEAD, s, wide.end())
            fix = f"{_cut(key, 40)}: {_cut(self._shown(s, value_at, False))}"
            wide_colon = s[wide.end() - 1] == "："
            self._add(wide.end() - 1, "full-width", _wide_colon(wide_colon, _cut(key, 40), fix))
            return at, key, value_at, None
        tight = _TIGHT.match(s, at)
        sep = _SEP.search(s, at)
        if sep is None or s[sep.start()] != ":":
            return -1, "", -1, tight or _TIGHT_BLOCK.match(s, at)
        if tight is not None:
            # `title:Fix: it` is the key `title:Fix`, but in `metric:{start: 9}` and in
            # `title:"Fix: it"` the ': ' is inside what was meant as the value
            value = self._extent(s, tight.end(), False)
            closer = _CLOSERS.get(value[0])
            if (
                closer is None
                or len(value) < 2
                or not value.endswith(closer)
                # `_:[: []` is the key `_:[`: what follows the colon is not one collection
                or (closer != value[0] and value.count(value[0]) != value.count(closer))
            ):
                tight = None
            elif closer in _QUOTE_END:  # one quoted scalar, not `'a': 'b'`
                end = _QUOTE_END[closer].match(value, 1)
                if end is None or end.end() != len(value):
                    tight = None
        return at, s[at : sep.start()].rstrip(), sep.start() + 1, tight

    def _label(self, s: str, pos: int, dashes: list[int], key_col: int, key: str) -> str:
        """How a line starts, to name it in "line it up with ... above"."""
        head = f"{_cut(key, 40)}:" if key_col >= 0 else _cut(self._shown(s, pos, False), 30)
        return f"- {head}".rstrip() if dashes else head

    def _place(self, n: int, kind: str, label: str, exact: bool, leaf: bool) -> int:
        """Put a line of structure at its level; report it when it is one space off a level
        it was surely meant to share. The shift lines it up with that level, so that its
        correctly indented siblings that follow are not reported too."""
        levels = self.levels
        opened, self.opened = self.opened, None
        if opened is None and not levels:
            opened = -2  # the top level, as if under a key at -2: its lines start at 0
        if opened is not None and (n > opened or (n == opened and kind == "seq")):
            shift = self._first_child(n, opened, leaf) if exact else 0
            levels.append(_Level(n + shift, kind, label))
            return shift
        popped = None
        while levels and levels[-1].indent > n:
            popped = levels.pop()
        if levels and levels[-1].indent == n:
            top = levels[-1]
            if kind == "map" and top.kind == "seq" and len(levels) > 1 and levels[-2].indent == n:
                levels.pop()  # the end of a sequence indented like its key
            return 0
        below = levels[-1] if levels else None
        if exact:
            want = "seq" if kind == "seq" else "map"
            near = [lv for lv in (popped, below) if lv is not None and abs(lv.indent - n) == 1]
            near.sort(key=lambda level: level.kind != want)  # stable: the inner level first
            if near:
                level = near[0]
                self._add(
                    n,
                    "indent",
                    _off_by(n, level.indent, level.label, above=True),
                )
                if level is popped:
                    levels.append(level)
                return level.indent - n
        levels.append(_Level(n, kind, label))
        return 0

    def _first_child(self, n: int, parent: int, leaf: bool) -> int:
        """The first line of a block sets its indentation, so when it is the odd one out the
        line after it is the first to look wrong: look at that line to tell which is off."""
        following = self._peek(2)
        if not following:
            return 0
        indent, s = following[0]
        if not _STRUCTURE.match(s, indent) or s[indent] == "#":
            return 0
        # one space less (and still inside the block) is never right after a first line, and
        # one more is right only for a child, which a line with a value cannot have
        if not (parent < indent == n - 1 or (indent == n + 1 and leaf)):
            return 0
        # which of the two is off: the one the line after them disagrees with, or else the
        # one an odd number of spaces from its parent, as 2-space indentation has it
        then = following[1][0] if len(following) > 1 else -1
        if then == n or (then != indent and (n - parent) % 2 == 0):
            return 0
        key = _DASH_KEY.match(s, indent) or _KEY_START.match(s, indent)
        below = _cut(s[indent : key.end()], 40) if key else _cut(self._shown(s, indent, False), 30)
        self._add(
            n,
            "indent",
            _off_by(n, indent, below, above=False),
        )
        return indent - n

    def _in_mapping(self, j: int, dashes: list[int], at: int, key_col: int) -> bool:
        """Whether the node at `at` sits among keys: a previous sibling was a key, or the next
        line of structure is one (`- id:O1` followed by `  title: x`)."""
        if key_col >= 0:
            return True  # `metric:{start: 9}` read as the key `metric:{start`: a key either way
        top = self.levels[-1]
        if (not dashes and top.kind == "map") or (len(dashes) == 1 and top.maps):
            return True
        following = self._peek()
        if not following:
            return False
        indent, s = following[0]
        if not dashes:
            return indent == j and bool(_KEY_START.match(s, indent))
        if indent == at:
            return bool(_KEY_START.match(s, indent))
        return indent == dashes[-1] and bool(_DASH_KEY.match(s, indent))

    def _peek(self, count: int = 1) -> list[tuple[int, str]]:
        """The indent and text of the next `count` lines that are neither blank nor comments."""
        lines = self.lines
        found: list[tuple[int, str]] = []
        k = self.row + 1
        while k < len(lines) and len(found) < count:
            s = lines[k]
            k += 1
            if s:
                j = _past(_LEAD, s, 0)
                if j < len(s) and s[j] != "#":
                    found.append((j, s))
        return found

    # Values

    def _value(self, s: str, at: int, prefix: str) -> str:
        """Check a block value; what it leaves open: "open" (nothing on this line: a nested
        block follows), "plain", "block" (a `|` or `>` scalar) or "done"."""
        n = len(s)
        start = self._properties(s, _past(_WS, s, at), prefix)
        if start is None:
            return "done"
        if start >= n or s[start] == "#":
            return "open"
        c = s[start]
        if c in "\"'":
            if _QUOTE_END[c].match(s, start + 1) is None:
                self.quote = c
            return "done"
        if c in "[{":
            self.flow.append(c)
            self.flow_key.append(None)
            self.flow_seen.append(False)
            end = self._flow_scan(s, start + 1)
            if end is not None:
                rest = _past(_WS, s, end)
                if rest < n and s[rest] not in "#:":
                    self._special(s, start, prefix, c)
            return "done"
        if c in "|>":
            if _HEADER.match(s, start) is None:
                self._special(s, start, prefix, c)
                return "done"
            return "block"
        if c in "［｛":
            self._wide_bracket(s, start, prefix)
            return "plain"
        if c == "*":
            name = s[start + 1 : _past(_NAME, s, start + 1)]
            if name not in self.anchors:
                self._special(s, start, prefix, c, name)
            return "done"
        if c in "@`%":
            self._special(s, start, prefix, c)
            return "done"
        text = self._extent(s, start, False)
        self._number(start, text, prefix)
        sep = _SEP.search(s, start)
        if sep is not None and s[sep.start()] == ":":
            self._colon(sep.start(), start, text, prefix)
        return "plain"

    def _properties(
        self, s: str, i: int, prefix: str, key_position: bool = False, flow: bool = False
    ) -> int | None:
        """Skip the anchors and tags a node starts with; None when one of them is a slip (it is
        reported, and the node is not looked at further)."""
        n = len(s)
        key_sep = -2  # where the key after `&a` ends, once looked for (-1: none)
        while i < n and s[i] in "&!":
            if s[i] == "&":
                name = s[i + 1 : _past(_NAME, s, i + 1)]
                after = _past(_WS, s, i + 1 + len(name))
                follows = after < n and s[after] != "#" and not (flow and s[after] in ",]}")
                if key_position and name and follows and key_sep == -2:
                    sep = _SEP.search(s, after)
                    key_sep = sep.start() if sep is not None and s[sep.start()] == ":" else -1
                # `&a key: value` anchors the mapping, `&Co ltd` is text that lost its '&Co'
                if not name or (follows and name not in self.aliases and key_sep < 0):
                    self._special(s, i, prefix, "&", flow=flow)
                    return None
                i = after
                continue
            nxt = s[i + 1] if i + 1 < n else " "
            if nxt == "<":
                close = s.find(">", i + 2)
                end = close + 1 if close >= 0 else n
            elif nxt == "!":  # `!!str`: the tags of YAML's own types are meant
                end = _past(_TAG, s, i)
            else:
                self._special(s, i, prefix, "!", flow=flow)
                return None
            i = _past(_WS, s, end)
        return i

    def _extent(self, s: str, at: int, flow: bool) -> str:
        """The text of the value that starts at `at`: up to a comment or the line's end, and in
        a flow collection also up to the entry's end."""
        end = (_ITEM_END if flow else _COMMENT).search(s, at)
        return s[at : end.start() if end else len(s)].rstrip()

    def _shown(self, s: str, at: int, flow: bool) -> str:
        """As much of the value at `at` as a message quotes: a long line is not searched to
        its end once for every slip on it."""
        return self._extent(s[at : at + _QUOTE_LIMIT + 1], 0, flow)

    def _special(
        self, s: str, at: int, prefix: str, c: str, name: str = "", flow: bool = False
    ) -> None:
        reads = _READ_AS[c]
        if c == "*" and name:
            reads = say(
                "'*' at the start of a value is read as an alias, a reference to the anchor "
                "'&{name}', which this file does not have",
                name=_cut(name, 30),
            )
        value = self._shown(s, at, flow)
        self._add(
            at,
            "special-start",
            say(
                "{reads}; put the value in quotes: {fix}",
                reads=reads,
                fix=prefix + _quoted(value),
            ),
        )

    def _colon(self, colon: int, start: int, text: str, prefix: str) -> None:
        at_end = colon == start + len(text) - 1
        fix = f"{prefix}{_quoted(text)}"
        self._add(
            colon,
            "colon-in-value",
            say(
                "a ':' at the end of an unquoted value starts a new mapping; put the whole "
                "value in quotes: {fix}",
                fix=fix,
            )
            if at_end
            else say(
                "a ': ' inside an unquoted value starts a new mapping; put the whole value "
                "in quotes: {fix}",
                fix=fix,
            ),
        )

    def _number(self, at: int, text: str, prefix: str) -> None:
        """Full-width digits in what is meant to be a number or a date."""
        if not _NUMBERISH.fullmatch(text):
            return
        wide = _WIDE_NUMBER.search(text)
        if wide is None:
            return
        c = wide.group()
        name = _WIDE_NAMES.get(c, _DIGIT)
        self._add(
            at + wide.start(),
            "full-width",
            say(
                "'{character}' is a full-width {name} (Chinese input method); YAML reads "
                "'{text}' as text, not a number or date: {fix}",
                character=c,
                name=name,
                text=_cut(text),
                fix=prefix + _cut(text.translate(_TO_ASCII)),
            ),
        )

    def _wide_bracket(self, s: str, at: int, prefix: str) -> None:
        """`［a, b］` or `｛start: 9｝` typed with full-width brackets: text to YAML. A value that
        only starts with one (`［草稿］计划`) is text on purpose."""
        value = self._extent(s, at, False)
        opener = value[0]
        closers = "］]" if opener == "［" else "｝}"
        if len(value) < 2 or value[-1] not in closers:
            return
        inner = value[1:-1]
        if not (inner.isascii() or any(c in inner for c in ",，:：\"'")):
            return
        fix = f"{prefix}{_cut(value.translate(_WIDE_BRACKETS))}"
        for index in (at, at + len(value) - 1) if value[-1] in "］｝" else (at,):
            self._add(
                index,
                "full-width",
                say(
                    "'{bracket}' is a full-width bracket (Chinese input method); a YAML list "
                    "needs the ASCII '[' and ']': {fix}",
                    bracket=s[index],
                    fix=fix,
                )
                if opener == "［"
                else say(
                    "'{bracket}' is a full-width bracket (Chinese input method); a YAML "
                    "mapping needs the ASCII '{{' and '}}': {fix}",
                    bracket=s[index],
                    fix=fix,
                ),
            )

    # Flow collections

    def _flow_scan(self, s: str, i: int) -> int | None:
        """Scan inside flow collections from `i`: where the outermost one closes, or None when
        the line ends inside one (or inside a quoted scalar in one)."""
        n = len(s)
        flow, keys, seen = self.flow, self.flow_key, self.flow_seen
        if i == 0 and self.flow_plain:
            # the line goes on with the plain scalar that ended the line before: its text,
            # whatever it starts with (`{note: late\n  @vendor}`)
            i = _past(_WS, s, 0)
            if i < n and s[i] not in ",[]{}#":
                stop = _FLOW_END.search(s, i)
                i = stop.start() if stop is not None else n
                seen[-1] = True
        self.flow_plain = False
        while True:
            i = _past(_WS, s, i)
            if i >= n:
                return None
            c = s[i]
            if c == "#" and (i == 0 or s[i - 1] in " \t"):
                return None
            if c in "[{":
                flow.append(c)
                keys.append(None)
                seen.append(False)
                i += 1
            elif c in "]}":
                flow.pop()
                keys.pop()
                seen.pop()
                i += 1
                if not flow:
                    return i
            elif c == ",":
                keys[-1], seen[-1] = None, False
                i += 1
            elif c == ":" and (i + 1 == n or s[i + 1] in " \t,[]{}"):
                if keys[-1] is None:
                    keys[-1] = ""
                i += 1
            elif c in "\"'":
                end = _QUOTE_END[c].match(s, i + 1)
                if end is None:
                    self.quote = c
                    return None
                after = _past(_WS, s, end.end())
                if keys[-1] is None and after < n and s[after] == ":":
                    keys[-1] = s[i : end.end()]
                elif keys[-1] is not None:
                    seen[-1] = True
                i = end.end()
            else:
                i = self._flow_node(s, i)

    def _flow_node(self, s: str, i: int) -> int:
        """Check the node at `i` inside a flow collection; where scanning goes on."""
        n = len(s)
        key = self.flow_key[-1]
        prefix = f"{_cut(key, 40)}: " if key else ""
        start = self._properties(s, i, prefix, flow=True)
        if start is None:
            return self._item_end(s, i)
        if start != i:
            return start
        c = s[i]
        if c == "*":
            name = s[i + 1 : _past(_NAME, s, i + 1)]
            if name not in self.anchors:
                self._special(s, i, prefix, c, name, flow=True)
            self.flow_seen[-1] = True
            return i + 1 + len(name)
        if c in "@`%|>":
            self._special(s, i, prefix, c, flow=True)
            return self._item_end(s, i)
        cached = self.flow_end
        if cached is not None and cached[0] is s and cached[1] <= i <= cached[2]:
            end = cached[2]  # a '，' read as ',' splits a node: one search is enough for both
        else:
            stop = _FLOW_END.search(s, i)
            end = stop.start() if stop is not None else n
            self.flow_end = (s, i, end)
        if end == i:
            return i + 1
        comma = self._wide_comma(s, i, end)
        if comma >= 0:  # read it as the ',' it was meant to be
            self.flow_key[-1], self.flow_seen[-1] = None, False
            return comma + 1
        text = s[i:end]
        seen, self.flow_seen[-1] = self.flow_seen[-1], True
        if end < n and s[end] == ":":
            if key is None:
                self.flow_key[-1], self.flow_seen[-1] = text.rstrip(), False
                return end + 1
            if not seen:  # not `a: 1 b: 2`, a missing ',' that a line break hides
                self._colon(end, i, self._extent(s, i, True), prefix)
            return self._item_end(s, end)
        self.flow_plain = end == n
        text = text.rstrip()
        if key is None and self.flow[-1] == "{":
            self._flow_key_text(i, text)
        else:
            self._number(i, text, prefix)
        closer = "］" if self.flow[-1] == "[" else "｝"
        if text.endswith(closer) and ("［" if closer == "］" else "｛") not in text:
            self._add(
                i + len(text) - 1,
                "full-width",
                say(
                    "'］' is a full-width bracket (Chinese input method); YAML needs the "
                    "ASCII ']' to close the list"
                )
                if closer == "］"
                else say(
                    "'｝' is a full-width bracket (Chinese input method); YAML needs the "
                    "ASCII '}}' to close the mapping"
                ),
            )
        return end

    def _item_end(self, s: str, i: int) -> int:
        end = _ITEM_END.search(s, i + 1)
        return end.start() if end is not None else len(s)

    def _wide_comma(self, s: str, i: int, end: int) -> int:
        """The first '，' in the flow node `s[i:end]` that stands where a ',' belongs, or -1.
        One in the middle of Chinese text (`{note: 你好，世界}`) is part of the text."""
        k = s.find("，", i, end)
        while k >= 0:
            after = min(_past(_LEAD, s, k + 1), end)
            before = s[k - 1] if k > i else ""
            nxt = s[after] if after < end else ""
            if (
                k == i
                or not nxt
                or nxt in "\"'[{［｛"
                or _FLOW_KEY.match(s, after)
                or (self.flow[-1] == "[" and before.isascii() and nxt.isascii())
            ):
                self._add(
                    k,
                    "full-width",
                    say(
                        "'，' is a full-width comma (Chinese input method); YAML separates "
                        "the entries of [...] and {{...}} with the ASCII ',': replace it "
                        "with ', '"
                    ),
                )
                return k
            k = s.find("，", k + 1, end)
        return -1

    def _flow_key_text(self, i: int, text: str) -> None:
        """A key of a flow mapping that has no ': ' after it: `{date:2026-10-05}`."""
        wide = _FW_COLON_KEY.match(text) or _WIDE_AFTER_COLON.match(text)
        if wide is not None:
            key = _cut(wide.group(1), 40)
            fix = f"{key}: {_cut(text[wide.end() :].strip())}"
            self._add(
                i + wide.end() - 1,
                "full-width",
                _wide_colon(text[wide.end() - 1] == "：", key, fix),
            )
            return
        tight = _TIGHT.match(text)
        if tight is not None:
            key = _cut(tight.group(1), 40)
            self._add(
                i + tight.end(),
                "no-space-after-colon",
                say(
                    "no space after '{key}:', so YAML reads '{text}' as one key; add a space "
                    "after the colon: {fix}",
                    key=key,
                    text=_cut(text),
                    fix=key + ": " + _cut(text[tight.end() :]),
                ),
            )

    # Whitespace

    def _tab(self, index: int) -> None:
        self._add(
            index,
            "tab",
            say("a tab in the indentation; YAML indents with spaces: replace the tab with spaces"),
        )

    def _wide_indent(self, index: int) -> None:
        self._add(
            index,
            "full-width",
            say(
                "a full-width space (U+3000, Chinese input method) in the indentation; YAML "
                "indents with ASCII spaces: replace it with spaces"
            ),
        )
