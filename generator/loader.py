"""Fast, safe YAML 1.2 loading into plain data.

libyaml (PyYAML's C parser) composes the node tree; a YAML 1.2 core-schema resolver tags the
scalars, and a small constructor turns nodes into plain dicts, lists and scalars. Dates stay
strings (YAML 1.2 has no timestamp type), duplicate keys are refused at the second key, and
alias expansion, nesting and size are bounded. Exact positions for findings come separately
from the round-trip parser (`locate.py`), only for files that have findings.
"""

from __future__ import annotations

import bisect
import operator
import re
from dataclasses import dataclass, replace
from typing import Any

import yaml
import yaml.reader
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from .parserwords import parse_error, phrase
from .said import Message, say
from .textsafe import quote

try:  # The C parser is what makes checking fast; the pure-Python one is a correct fallback.
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - PyYAML wheels ship the extension
    from yaml.composer import Composer
    from yaml.parser import Parser as _PyParser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, _PyParser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            _PyParser.__init__(self)
            Composer.__init__(self)


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 2 * 1024 * 1024
    max_depth: int = 64
    max_nodes: int = 250_000
    max_digits: int = 30
    max_files: int = 100_000

    def for_org(self) -> Limits:
        """org.yaml's limits. It lists every team and person of the company, so it may hold
        ORG_SCALE times the bytes and values of a team file (which holds one team's OKRs):
        10,000 teams and 20,000 people take 2.4 MB and about 300,000 values."""
        return replace(
            self, max_bytes=self.max_bytes * ORG_SCALE, max_nodes=self.max_nodes * ORG_SCALE
        )


ORG_SCALE = 8


# The deepest nesting `max-depth` may allow: the constructor below, the schema validators and
# the rules recurse once (or a few times) per level, inside Python's recursion limit.
MAX_DEPTH = 256
# Parsers recurse once per nesting level (libyaml's composer, ruamel's); some builds overflow
# the C stack between 10,000 and 30,000 levels. No text with fewer structure indicators than
# this can nest that deep. libyaml 0.2.5 and later refuses deeper nesting itself: then only a
# file that fails to parse is scanned for depth (to say why), else every larger text is
# scanned before any parser runs. A file that parses is refused past max-depth by build().
SAFE_INDICATORS = 1000


UNSUPPORTED_TAG = "unsupported YAML tag"  # `title: !urgent fix`: a slip too


@dataclass(frozen=True)
class LoadError(Exception):
    """The file cannot be loaded; line and column are 1-based."""

    line: int
    column: int
    message: Message

    def __reduce__(self) -> tuple[type[LoadError], tuple[int, int, Message]]:
        # a frozen dataclass is not rebuilt by Exception's pickling (documents are read in
        # worker processes)
        return (LoadError, (self.line, self.column, self.message))


class _Resolver12(BaseResolver):
    """YAML 1.2 core schema: `no`/`on` are strings and there is no timestamp type."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        # A plain scalar's tag depends on its text alone (no path resolvers here), and a
        # company's files repeat the same dates, numbers and words thousands of times: the
        # regex tries run once per distinct text
        if self.yaml_path_resolvers:
            return super().resolve(kind, value, implicit)
        if kind is not ScalarNode:
            return _SEQ if kind is SequenceNode else _MAP
        if not implicit[0]:
            return _STR
        tag = _PLAIN_TAGS.get(value)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(_PLAIN_TAGS) >= _PLAIN_TAGS_LIMIT:
                _PLAIN_TAGS.clear()
            _PLAIN_TAGS[value] = tag
        return tag


_PLAIN_TAGS: dict[str, str] = {}
_PLAIN_TAGS_LIMIT = 100_000


_CORE = [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+.0123456789",
    ),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]
for _tag, _regex, _first in _CORE:
    _Resolver12.add_implicit_resolver(_tag, re.compile(_regex), list(_first))
# What a value tagged explicitly (`!!int 12`) must look like: the same as an untagged one.
_PATTERNS = {tag: re.compile(regex) for tag, regex, _first in _CORE}
_TAG_NAMES = {
    "tag:yaml.org,2002:int": say("a whole number"),
    "tag:yaml.org,2002:float": say("a number"),
    "tag:yaml.org,2002:bool": say("true or false"),
    "tag:yaml.org,2002:null": say("empty"),
}


def _show(value: str) -> str:
    return quote(value, 40)


class _Composer(_Parser, _Resolver12):  # type: ignore[misc, valid-type]
    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        _Resolver12.__init__(self)

    # libyaml calls these two around every node to track the path for path resolvers, which
    # this loader never registers (BaseResolver's return at once). Builtins that accept the
    # same arguments and do nothing spare two Python calls per node: a quarter of a parse.
    descend_resolver = staticmethod(operator.is_)
    ascend_resolver = staticmethod(tuple)


_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


def decode(raw: bytes) -> str:
    """UTF-8 (a BOM is allowed and dropped) or a LoadError at the first bad byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise LoadError(
            line,
            column,
            say(
                "the file is not UTF-8 (byte 0x{byte}); save it as UTF-8",
                byte=format(raw[exc.start], "02x"),
            ),
        ) from None


def _indicators(text: str) -> int:
    """An upper bound on the nesting depth: every collection starts at its own indicator."""
    return (
        sum(text.count(c) for c in "[{:")
        + sum(text.count(f"{c}{space}") for c in "-?" for space in " \t\n\r")
        + text.endswith(("-", "?"))
    )


def _libyaml_limits_nesting() -> bool:
    """Whether libyaml refuses nesting deeper than 1,000 levels by itself (0.2.5 and later,
    as in PyYAML's wheels): then its composer never recurses deeper than that."""
    deep = "[" * (SAFE_INDICATORS + 1) + "]" * (SAFE_INDICATORS + 1)
    composer = _Composer(deep)
    try:
        composer.get_single_node()
    except yaml.YAMLError:
        return True
    finally:
        composer.dispose()
    return False


_NESTING_LIMITED = _libyaml_limits_nesting()


def _check_depth(text: str, limits: Limits, positions: Positions) -> None:
    """Refuse deep nesting (an event scan is iterative), with a message that says so."""
    if _indicators(text) <= SAFE_INDICATORS:
        return
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > limits.max_depth:
                    raise LoadError(
                        *positions.at(event),
                        say("nesting deeper than {depth} levels; refused", depth=limits.max_depth),
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return  # the composing parse reports syntax errors, with the same positions


def compose(text: str, limits: Limits = Limits()) -> Node | None:
    """The node tree of one document (positions included), or raise LoadError."""
    if len(text.encode("utf-8", "surrogatepass")) > limits.max_bytes:
        raise LoadError(
            1,
            1,
            say(
                "the file is larger than {size} bytes; split it or shorten it",
                size=limits.max_bytes,
            ),
        )
    positions = Positions(text)
    parsed, restore = _hide_unusual_breaks(text)
    # Where libyaml limits nesting itself, a file that composes is no deeper than its limit
    # (build() refuses more than max_depth); only a file that fails is scanned, to say when
    # depth was the reason. The scan is a second parse: most of a big file's check time.
    if not _NESTING_LIMITED:
        _check_depth(parsed, limits, positions)
    composer = _Composer(parsed)
    try:
        node = composer.get_single_node()
    except yaml.MarkedYAMLError as exc:
        if _NESTING_LIMITED:
            _check_depth(parsed, limits, positions)
        mark = exc.problem_mark or exc.context_mark
        line, column = positions.of(mark.index) if mark else (1, 1)
        started = positions.of(exc.context_mark.index)[0] if exc.context_mark else None
        raise LoadError(line, column, parse_error(exc.problem, exc.context, started)) from None
    except yaml.reader.ReaderError as exc:
        # libyaml counts this one position in bytes of UTF-8, every other in characters
        before = parsed.encode("utf-8", "surrogatepass")[: exc.position]
        line, column = positions.of(len(before.decode("utf-8", "ignore")))
        raise LoadError(
            line,
            column,
            say(
                "character U+{code} is not allowed in YAML: {reason}",
                code=format(exc.character, "04X"),
                reason=phrase(exc.reason),
            ),
        ) from None
    except yaml.YAMLError as exc:
        raise LoadError(1, 1, parse_error(str(exc), None, None)) from None
    finally:
        composer.dispose()
    if node is not None and restore:
        _restore_breaks(node, restore)
    return node


# NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR: line breaks to libyaml (YAML 1.1), ordinary
# characters to YAML 1.2 and to editors, which show them inside a line. libyaml parses them
# as stand-ins from the private-use area (one character for one, so every position holds) and
# the scalars get them back.
_UNUSUAL_BREAKS = "\x85\u2028\u2029"


def _hide_unusual_breaks(text: str) -> tuple[str, dict[int, int]]:
    present = [c for c in _UNUSUAL_BREAKS if c in text]
    if not present:
        return text, {}
    free = (chr(c) for c in range(0xE000, 0xF900) if chr(c) not in text)
    stand_ins = {ord(c): ord(next(free)) for c in present}
    return text.translate(stand_ins), {new: old for old, new in stand_ins.items()}


def _restore_breaks(root: Node, restore: dict[int, int]) -> None:
    seen: set[int] = set()
    stack = [root]
    while stack:  # iterative: aliases share nodes, and nesting may be deep
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            node.value = node.value.translate(restore)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            stack.extend(item for pair in node.value for item in pair)


def load(text: str, limits: Limits = Limits()) -> Any:
    """Parse one YAML document into plain data, or raise LoadError."""
    return load_with_keys(text, limits)[0]


def load_with_keys(text: str, limits: Limits = Limits()) -> tuple[Any, frozenset[str]]:
    """The data of one YAML document and every mapping key in it, at any depth (for a rule
    that looks for a key anywhere), or raise LoadError."""
    data, keys, _node = load_tree(text, limits)
    return data, keys


def load_tree(text: str, limits: Limits = Limits()) -> tuple[Any, frozenset[str], Node | None]:
    """As `load_with_keys`, with the node tree it was built from: positions for findings
    without composing the file again (a second parse, the most of a check's time)."""
    node = compose(text, limits)
    if node is None:
        return None, frozenset(), None
    builder = _Builder(limits, Positions(text))
    return builder.build(node, 0), frozenset(builder.keys), node


_LINE_END = re.compile(r"\r\n|\r|\n")


class Positions:
    """1-based line and column of a character offset, as editors and GitHub count them: a line
    ends at LF, CRLF or a lone CR (old Mac files), never at NEL, U+2028 or U+2029, which
    editors show inside a line; columns count characters."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None

    def of(self, index: int) -> tuple[int, int]:
        if self._starts is None:
            self._starts = [0] + [m.end() for m in _LINE_END.finditer(self.text)]
        line = bisect.bisect_right(self._starts, index)
        return line, index - self._starts[line - 1] + 1

    def at(self, node: Node | yaml.Event | Any) -> tuple[int, int]:
        return self.of(node.start_mark.index)


class _Builder:
    def __init__(self, limits: Limits, positions: Positions) -> None:
        self.limits = limits
        self.positions = positions
        self.count = 0
        self.entry: Node | None = None  # the top-level value being built, for bomb reports
        self.keys: set[str] = set()  # every mapping key, at any depth

    def build(self, node: Node, depth: int) -> Any:
        self.count += 1
        if depth == 1:
            self.entry = node
        if self.count > self.limits.max_nodes:
            raise LoadError(
                *self.positions.at(self.entry or node),
                say(
                    "the document expands to more than {count} values (anchors and aliases "
                    "that multiply); refused, write the data out plainly",
                    count=self.limits.max_nodes,
                ),
            )
        if depth > self.limits.max_depth:
            raise LoadError(
                *self.positions.at(node),
                say(
                    "nesting deeper than {depth} levels (or an alias that contains itself); "
                    "refused",
                    depth=self.limits.max_depth,
                ),
            )
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ:
                raise self.bad_tag(node)
            return [self.build(item, depth + 1) for item in node.value]
        if isinstance(node, MappingNode):
            return self.mapping(node, depth)
        raise LoadError(*self.positions.at(node), say("unsupported YAML node"))  # pragma: no cover

    def mapping(self, node: MappingNode, depth: int) -> dict[str, Any]:
        if node.tag != _MAP:
            raise self.bad_tag(node)
        result: dict[str, Any] = {}
        first: dict[str, Node] = {}
        # a text value (most of a file) is taken as it is, without a call of build(), when no
        # limit is near; anything else goes through build() and its checks
        plain = depth >= 1 and depth + 1 <= self.limits.max_depth
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise LoadError(
                    *self.positions.at(key_node),
                    say("a mapping key must be a plain word, not a list or mapping"),
                )
            key = key_node.value
            if key in first:
                line = self.positions.at(first[key])[0]
                raise LoadError(
                    *self.positions.at(key_node),
                    say(
                        "duplicate key {key} (first at line {line}); a key may appear once "
                        "per mapping: merge or remove one",
                        key=quote(key),
                        line=line,
                    ),
                )
            first[key] = key_node
            self.keys.add(key)
            if (
                plain
                and value_node.__class__ is ScalarNode
                and value_node.tag == _STR
                and self.count < self.limits.max_nodes
            ):
                self.count += 1
                result[key] = value_node.value
            else:
                result[key] = self.build(value_node, depth + 1)
        return result

    def scalar(self, node: ScalarNode) -> Any:
        tag, value = node.tag, node.value
        if tag == _STR or tag == "!":  # "!" is the non-specific tag: a string
            return value
        if tag not in _PATTERNS:
            raise self.bad_tag(node)
        if not _PATTERNS[tag].match(value):  # an explicit tag on a value it cannot hold
            raise LoadError(
                *self.positions.at(node),
                say(
                    "{value} is not {kind}; remove the {tag} tag or fix the value",
                    value=_show(value),
                    kind=_TAG_NAMES[tag],
                    tag=tag.replace("tag:yaml.org,2002:", "!!"),
                ),
            )
        if tag in (_INT, _FLOAT):
            digits = sum(c.isalnum() for c in value)
            if digits > self.limits.max_digits:
                raise LoadError(
                    *self.positions.at(node),
                    say(
                        "a number with {digits} digits (more than {most}); write it with an "
                        "exponent or in a larger unit, or quote it if it is text",
                        digits=digits,
                        most=self.limits.max_digits,
                    ),
                )
        if tag == _INT:
            if value.startswith("0o"):
                return int(value[2:], 8)
            if value.startswith("0x"):
                return int(value[2:], 16)
            return int(value)
        if tag == _FLOAT:
            return float(value.lower().replace(".inf", "inf").replace(".nan", "nan"))
        if tag == _BOOL:
            return value in ("true", "True", "TRUE")
        return None

    def bad_tag(self, node: Node) -> LoadError:
        return LoadError(
            *self.positions.at(node),
            say(
                "unsupported YAML tag {tag}; OKR files hold plain text, numbers, lists and "
                "mappings only",
                tag=quote(node.tag),
            ),
        )
