"""A seeded mutation fuzzer for the whole pipeline: okr check, the model, the pages, the
charts and the exports.

Each iteration takes the example company in `okrs/` (org.yaml and every team file), mutates
one file (sometimes two: a file moved to the folder of its new period, a custom period added
to org.yaml), writes the tree to a temporary folder and runs, in-process:

    check_root (whole tree) -> build_model -> to_json / to_csv -> build_site (+ charts)

It reports a failure when
- an exception escapes any stage (crash in checker / model / exports / pages / charts);
- a team or org file is invalid (not loaded, or `doc.valid` False) but has no finding at all,
  or only warnings, or a schema-valid team file is silently left out of the model;
- a finding's formatted line has a line break, a bidi control, or is not
  `path:line:col: severity [rule] message`;
- a finding sits at 1:1 in a file that parses while its document does not start there
  (a position fallback), or points past the end of the file;
- okrs.json holds NaN or Infinity (okrs.csv: a nan/inf cell; a page: a "nan"/"inf" figure);
- a chart SVG or the alignment diagram is not well-formed XML.

Everything is deterministic from the seed: iteration `k` of seed `s` draws from
`random.Random(f"{s}/{k}")`, so one iteration can be replayed alone
(`python benchmarks/fuzz.py --seed s --replay k`).

Mutations work at three levels:
- bytes and lines: bit flips, random bytes, line deletions and duplications, indentation
  changes, truncation, raw control and bidi characters;
- nodes, as text: a scalar or collection found with PyYAML's composer is replaced in place by
  an extreme number or date, a period, a payload, an explicit tag, deep nesting, an anchor and
  its alias, an alias bomb;
- data: ruamel.yaml round-trip load, mutate (type swaps, key renames, deletions, duplicated
  items, values from other files, sibling copies, crossovers, new keys), dump. Values that
  must appear verbatim (`.nan`, `!!int abc`, 400 digits) are dumped as placeholders and then
  substituted, so the file holds exactly that text.

A failure's signature is the exception type and the innermost frame in generator/
(`ValueError in generator/periods.py:standard_period`), or the kind of check that failed.
"""

from __future__ import annotations

import copy
import csv
import difflib
import io
import json
import math
import os
import pickle
import re
import shutil
import signal
import tempfile
import threading
import time
import traceback
import warnings
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from random import Random
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "okrs"
GENERATOR = REPO / "generator"
TODAY = "2026-11-22"

# ---- interesting values ----------------------------------------------------------------------

NUMBERS = [
    "9" * 300,
    "-" + "9" * 300,
    "1" + "0" * 400,
    "9" * 5000,
    "1e308",
    "-1.7e308",
    "1.8e308",
    "5e-324",
    "0",
    "-0",
    "-0.0",
    "0.0",
    "1e-300",
    ".inf",
    "-.inf",
    "+.inf",
    ".nan",
    ".NaN",
    "1e999",
    "0x7fffffffffffffff",
    "0xffffffffffffffffffff",
    "0o777",
    "-1",
    "1",
    "2",
    "0.5",
    "1.0000000000000002",
    "99999999999999999999",
    "18446744073709551616",
    "-9223372036854775809",
    "1_000",
    "+12",
    "12.",
    ".5",
    "1e5",
]
DATES = [
    "0001-01-01",
    "0000-01-01",
    "9999-12-31",
    "2026-02-30",
    "2026-02-29",
    "2028-02-29",
    "2026-13-01",
    "2026-00-10",
    "2026-1-1",
    "20261005",
    "2026-10-05T10:00:00",
    "2026-10-05 10:00:00",
    "'2026-10-05 '",
    "-2026-01-01",
    "10000-01-01",
    "2026-09-30",
    "2026-10-01",
    "2026-12-31",
    "2027-01-01",
    "2026-11-22",
    "2026-11-23",
    "1970-01-01",
    "'２０２６-１０-０５'",
]
PERIODS = [
    "9999-Q4",
    "9999",
    "9999-H2",
    "0000",
    "0000-Q1",
    "0001-Q1",
    "0001",
    "1000",
    "999",
    "10000",
    "2026-Q5",
    "2026-H3",
    "2026-q4",
    "2026-Q0",
    "2026-Q4",
    "2026-Q3",
    "2026",
    "2027-Q1",
    "2026-H2",
    "'2026'",
    "2026.0",
    "custom-x",
]
PAYLOADS = [
    "$\\foo$",
    "$x^{2}$",
    "$",
    "$$",
    "50$ and 60$",
    "\\",
    "<script>alert(1)</script>",
    "</title><script>x</script>",
    "<img src=x onerror=alert(1)>",
    "]]>",
    "&amp; &lt; &#0; &#x1b;",
    "{{ 7*7 }}",
    "{% raw %}",
    "%s %d {0} {x}",
    "::error file=x::pwned",
    "\n::error::injected",
    "a\nb",
    "\r\nX",
    "\x1b[31mred\x1b[0m",
    "\x07bell",
    "\x00nul",
    "\x08\x0b\x0c",
    "\x7f\x85\x9b",
    "\u202eevil",
    "\u2028line",
    "\u2029para",
    "\ufeffbom",
    "\u200b",
    "\u0301",
    "🙂" * 40,
    "𝕏",
    "x" * 301,
    "x" * 20001,
    "",
    " ",
    "null",
    "~",
    "yes",
    "acme/O1",
    "../../etc/passwd",
    "x: y",
    "- a",
    "# not a comment",
    "'",
    '"',
    "@",
    "=cmd|' /C calc'!A0",
    "-1+1",
]
SLUGS = ["platform", "acme", "engineering", "nobody", "dana", "alice", "a" * 65, "Platform",
         "-x", "x--y", "o1", "2026"]  # fmt: skip
REFERENCES = [
    "acme/O1",
    "acme/O1/KR1",
    "acme/O1/KR3",
    "2026:acme/O1",
    "2026:acme/O1/KR1",
    "9999:acme/O1",
    "0000:acme/O1",
    "2026-Q3:acme/O1",
    "2026-Q4:platform/O1",
    "platform/O1",
    "platform/O2",
    "engineering/O1",
    "nobody/O1",
    "acme/O99",
    "acme/O1/KR99",
    "x:acme/O1",
]
IDS = ["O1", "O2", "KR1", "KR2", "x" * 32, "x" * 33, "_a", "O1 ", "0"]
BOOLS = ["true", "false", "yes", "no", "on", "off", "True", "FALSE", "tRue", "1", "0"]
TAGS = [
    "!!int abc",
    "!!int 0x1F",
    "!!int 1.5",
    "!!int ''",
    "!!float x",
    "!!float 1e999",
    "!!float .nan",
    "!!str 5",
    "!!str",
    "!!null x",
    "!!null ''",
    "!!bool yes",
    "!!bool maybe",
    "!!binary aGVsbG8=",
    "!!timestamp 2026-10-05",
    "!custom x",
    "!custom",
    "! 5",
    "!<tag:yaml.org,2002:int> 7",
    "!<tag:yaml.org,2002:str> 7",
    "!!python/object/apply:os.system ['true']",
    "!!set {a, b}",
    "!!omap [{a: 1}]",
    "!!seq []",
    "!!map {}",
    "!!seq {}",
    "!!map []",
    "!!str []",
    "!!int [1]",
    "!custom [1]",
    "!custom {a: 1}",
    "!!merge <<",
    "!!value =",
]
RAW_CHARS = ["\x1b", "\x07", "\r", "\x00", "\u202e", "\u2028", "\u2029", "\ufeff", "\x85",
             "\t", "\x0c", "\ud800", "\x9b", "\u200f"]  # fmt: skip
WEIRD_KEYS = ["<<", "", " ", "a\nb", "\u202ekey", "\x1b[2J", "1", "null", "~", "true", "id ",
              "Title", "TITLE", "titel", "rating", "performance_rating", "grade", "x" * 200,
              "$\\foo$", "<script>", "::error::x"]  # fmt: skip
DATE_KEYS = {"date", "start", "end"}
SLUG_KEYS = {"team", "owner", "by", "to", "from", "lead", "parent"}
NUMBER_KEYS = {"value", "start", "target", "at_least", "at_most", "weight", "score"}


def escape_visible(text: str) -> str:
    """A line made readable in a report: control, bidi and other invisible characters escaped."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch == "\t" or (0x20 <= code < 0x7F) or (code > 0x9F and ch.isprintable()):
            out.append(ch)
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        else:
            out.append(f"\\u{code:04x}")
    return "".join(out)


def _schema_keys() -> list[str]:
    keys: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "properties" and isinstance(value, dict):
                    keys.update(value)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for name in ("okr-file.schema.json", "org.schema.json"):
        walk(json.loads((REPO / "schema" / name).read_text(encoding="utf-8")))
    return sorted(keys)


SCHEMA_KEYS = _schema_keys()


def near_misses(key: str, rng: Random) -> str:
    if not key:
        return "x"
    choice = rng.randrange(9)
    i = rng.randrange(len(key))
    if choice == 0:
        return key[:i] + key[i + 1 :] or "x"
    if choice == 1 and len(key) > 1:
        i = min(i, len(key) - 2)
        return key[:i] + key[i + 1] + key[i] + key[i + 2 :]
    if choice == 2:
        return key.upper()
    if choice == 3:
        return key.capitalize()
    if choice == 4:
        return key + "s"
    if choice == 5:
        return key.replace("_", "-") if "_" in key else key + "_"
    if choice == 6:  # a Cyrillic homoglyph
        return key.replace("o", "\u043e", 1).replace("a", "\u0430", 1)
    if choice == 7:
        return key[:i] + key[i] + key[i:]
    return key + " "


# ---- mutants -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mutant:
    """A mutated tree: changed files (path inside okrs/ -> bytes, None = deleted)."""

    changes: tuple[tuple[str, bytes | None], ...]
    steps: tuple[str, ...] = ()

    def tree(self, corpus: dict[str, bytes]) -> dict[str, bytes]:
        files = dict(corpus)
        for path, data in self.changes:
            if data is None:
                files.pop(path, None)
            else:
                files[path] = data
        return files

    def size(self, corpus: dict[str, bytes]) -> int:
        return sum(len(diff_lines(corpus.get(p, b""), d or b"")) for p, d in self.changes)

    def describe(self, corpus: dict[str, bytes], context: int = 1) -> str:
        lines: list[str] = []
        deleted = [p for p, d in self.changes if d is None]
        moved: dict[str, str] = {}  # new path -> old path
        for path, data in self.changes:
            if data is not None and path not in corpus:
                name = path.split("/")[-1]
                source = next((d for d in deleted if d.split("/")[-1] == name), None)
                if source:
                    moved[path] = source
        for path, data in self.changes:
            if data is None:
                continue
            base = corpus.get(path, corpus.get(moved.get(path, ""), b""))
            note = f" (moved from okrs/{moved[path]})" if path in moved else ""
            lines.append(f"okrs/{path}{note}:")
            lines.extend("    " + line for line in diff_lines(base, data, context))
        for path in deleted:
            if path not in moved.values():
                lines.append(f"okrs/{path}: deleted")
        return "\n".join(lines)


def _split(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


def diff_lines(old: bytes, new: bytes, context: int = 1) -> list[str]:
    a = [escape_visible(x.decode("utf-8", "surrogateescape").rstrip("\n")) for x in _split(old)]
    b = [escape_visible(x.decode("utf-8", "surrogateescape").rstrip("\n")) for x in _split(new)]
    if not new.endswith(b"\n") and new and b:
        b[-1] += "  [no newline at end]"
    out = []
    for line in difflib.unified_diff(a, b, lineterm="", n=context):
        if line.startswith(("---", "+++")):
            continue
        out.append(line if len(line) <= 240 else line[:200] + f"... [{len(line)} chars]")
    return out


# ---- mutation operators --------------------------------------------------------------------


@dataclass
class Scalar:
    start: int
    end: int
    key: str | None  # the mapping key this value belongs to (None for keys and list items)
    is_key: bool
    text: str
    node: yaml.Node


def _nodes(text: str) -> tuple[list[Scalar], list[tuple[int, int, str | None, yaml.Node]]]:
    """Scalars and collections of a YAML text with their spans (character offsets)."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    scalars: list[Scalar] = []
    collections: list[tuple[int, int, str | None, yaml.Node]] = []

    seen: set[int] = set()  # a node reached again through an alias is not walked again

    def visit(node: yaml.Node, key: str | None, depth: int) -> None:
        if depth > 100 or id(node) in seen or len(seen) > 50_000:
            return
        seen.add(id(node))
        start, end = node.start_mark.index, node.end_mark.index
        if isinstance(node, yaml.ScalarNode):
            scalars.append(Scalar(start, end, key, False, text[start:end], node))
        elif isinstance(node, yaml.MappingNode):
            collections.append((start, end, key, node))
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode):
                    ks, ke = k.start_mark.index, k.end_mark.index
                    scalars.append(Scalar(ks, ke, None, True, text[ks:ke], k))
                visit(v, k.value if isinstance(k, yaml.ScalarNode) else None, depth + 1)
        elif isinstance(node, yaml.SequenceNode):
            collections.append((start, end, key, node))
            for item in node.value:
                visit(item, key, depth + 1)

    if root is not None:
        visit(root, None, 0)
    return scalars, collections


def _flow_safe(value: str) -> str:
    """A YAML double-quoted scalar holding `value` exactly (escapes for the invisible)."""
    out = ['"']
    for ch in value:
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif (
            code < 0x20
            or 0x7F <= code <= 0x9F
            or ch in "\u2028\u2029\ufeff"
            or (0xD800 <= code <= 0xDFFF)
        ):
            out.append(f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


class Pools:
    """Values by key, from every corpus file, plus the extreme ones."""

    def __init__(self, corpus: dict[str, bytes]) -> None:
        by_key: dict[str, set[str]] = defaultdict(set)
        self.subtrees: dict[str, list[Any]] = defaultdict(list)
        for path in sorted(corpus):
            text = corpus[path].decode("utf-8")
            scalars, _ = _nodes(text)
            for s in scalars:
                if not s.is_key and s.key is not None:
                    by_key[s.key].add(s.text)
            data = rt_yaml().load(text)
            _RT_CACHE[text] = copy.deepcopy(data)
            for _parent, key, value in _walk_rt(data):
                if isinstance(key, str) and isinstance(value, CommentedMap | CommentedSeq):
                    self.subtrees[key].append(value)
        self.by_key = {k: sorted(v) for k, v in sorted(by_key.items())}

    def scalar_for(self, key: str | None, original: str, rng: Random) -> str:
        """A YAML scalar text to put where `original` (under `key`) was."""
        roll = rng.random()
        category = self.category(key, original)
        if roll < 0.12:
            return rng.choice(TAGS)
        if roll < 0.3 and key in self.by_key:
            return rng.choice(self.by_key[key])
        if roll < 0.85:
            pool = {
                "number": NUMBERS,
                "date": DATES,
                "period": PERIODS,
                "slug": SLUGS,
                "reference": REFERENCES,
                "id": IDS,
                "bool": BOOLS,
            }.get(category)
            if pool:
                return rng.choice(pool)
            return _flow_safe(self.payload(original, rng))
        return rng.choice(
            [rng.choice(NUMBERS), rng.choice(DATES), rng.choice(BOOLS), "null", "~", "[]", "{}",
             _flow_safe(rng.choice(PAYLOADS)), rng.choice(PERIODS)]
        )  # fmt: skip

    @staticmethod
    def payload(original: str, rng: Random) -> str:
        payload = rng.choice(PAYLOADS + RAW_CHARS)
        where = rng.randrange(4)
        base = original.strip("'\"")
        if where == 0:
            return payload
        if where == 1:
            return payload + base
        if where == 2:
            return base + payload
        i = rng.randrange(len(base) + 1)
        return base[:i] + payload + base[i:]

    @staticmethod
    def category(key: str | None, text: str) -> str:
        if key in DATE_KEYS and re.match(r"^\d{4}-", text):
            return "date"
        if key == "period" or (key == "id" and re.match(r"^\d{4}", text)):
            return "period"
        if key in NUMBER_KEYS or re.match(r"^[-+]?\d", text):
            return "number"
        if key in SLUG_KEYS:
            return "slug"
        if key == "aligns_with":
            return "reference"
        if key == "id":
            return "id"
        if text in ("true", "false"):
            return "bool"
        return "string"


@cache
def _rt() -> YAML:
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def rt_yaml() -> YAML:
    return _rt()


def _walk_rt(
    data: Any, depth: int = 0, seen: set[int] | None = None
) -> Iterator[tuple[Any, Any, Any]]:
    """(container, key or index, value) for every node of a ruamel round-trip tree; a
    collection shared through aliases is entered once (an alias bomb stays small)."""
    seen = set() if seen is None else seen
    if depth > 80 or id(data) in seen or len(seen) > 20_000:
        return
    if isinstance(data, dict):
        seen.add(id(data))
        for key in list(data):
            yield data, key, data[key]
            yield from _walk_rt(data[key], depth + 1, seen)
    elif isinstance(data, list):
        seen.add(id(data))
        for index, item in enumerate(data):
            yield data, index, item
            yield from _walk_rt(item, depth + 1, seen)


class Raws:
    """Placeholders dumped as plain words, then replaced by verbatim YAML text."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        name = f"zqxraw{len(self.texts)}zqx"
        self.texts[name] = text
        return name

    def substitute(self, dumped: str) -> str:
        for name, text in self.texts.items():
            dumped = dumped.replace(name, text)
        return dumped


Op = Callable[[Random, "MutationInput"], "MutationResult | None"]


@dataclass
class MutationInput:
    path: str  # inside okrs/
    data: bytes
    corpus: dict[str, bytes]
    pools: Pools
    kind: str  # org | team


@dataclass
class MutationResult:
    data: bytes
    step: str
    moved_to: str | None = None  # the file now lives at this path
    extra: dict[str, bytes | None] = field(default_factory=dict)  # other files changed


def _text(inp: MutationInput) -> str | None:
    try:
        return inp.data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _lines(inp: MutationInput) -> list[bytes]:
    return inp.data.splitlines(keepends=True)


def _line_no(lines: list[bytes], index: int) -> str:
    return f"line {index + 1}"


# byte and line level


def op_byte_flip(rng: Random, inp: MutationInput) -> MutationResult | None:
    if not inp.data:
        return None
    data = bytearray(inp.data)
    i = rng.randrange(len(data))
    old = data[i]
    if rng.random() < 0.6:
        data[i] ^= 1 << rng.randrange(8)
    else:
        data[i] = rng.randrange(256)
    line = inp.data[:i].count(b"\n") + 1
    return MutationResult(bytes(data), f"byte flip at line {line}: 0x{old:02x} -> 0x{data[i]:02x}")


def op_line_delete(rng: Random, inp: MutationInput) -> MutationResult | None:
    lines = _lines(inp)
    if len(lines) < 2:
        return None
    i = rng.randrange(len(lines))
    count = 1 if rng.random() < 0.8 else rng.randint(2, 5)
    del lines[i : i + count]
    return MutationResult(b"".join(lines), f"delete {count} line(s) from {_line_no(lines, i)}")


def op_line_duplicate(rng: Random, inp: MutationInput) -> MutationResult | None:
    lines = _lines(inp)
    if not lines:
        return None
    i = rng.randrange(len(lines))
    count = 1 if rng.random() < 0.7 else rng.randint(2, 6)
    chunk = lines[i : i + count]
    if chunk and not chunk[-1].endswith(b"\n"):
        chunk = [*chunk[:-1], chunk[-1] + b"\n"]
    at = i + len(chunk) if rng.random() < 0.7 else rng.randrange(len(lines) + 1)
    lines[at:at] = chunk
    return MutationResult(b"".join(lines), f"duplicate {len(chunk)} line(s) from line {i + 1}")


def op_indent(rng: Random, inp: MutationInput) -> MutationResult | None:
    lines = _lines(inp)
    candidates = [i for i, line in enumerate(lines) if line.strip()]
    if not candidates:
        return None
    i = rng.choice(candidates)
    line = lines[i]
    stripped = line.lstrip(b" ")
    indent = len(line) - len(stripped)
    roll = rng.random()
    if roll < 0.4:
        new = b" " * (indent + rng.randint(1, 4)) + stripped
    elif roll < 0.8:
        new = b" " * max(0, indent - rng.randint(1, 4)) + stripped
    else:
        new = b"\t" + stripped
    lines[i] = new
    return MutationResult(b"".join(lines), f"indentation change at line {i + 1}")


def op_truncate(rng: Random, inp: MutationInput) -> MutationResult | None:
    if len(inp.data) < 2:
        return None
    cut = rng.randrange(1, len(inp.data))
    return MutationResult(inp.data[:cut], f"truncate at byte {cut}")


def op_raw_char(rng: Random, inp: MutationInput) -> MutationResult | None:
    text = _text(inp)
    if text is None:
        return None
    lines = text.splitlines(keepends=True)
    candidates = [
        i for i, line in enumerate(lines) if ": " in line and not line.lstrip().startswith("#")
    ]
    if not candidates:
        return None
    i = rng.choice(candidates)
    line = lines[i]
    value_at = line.index(": ") + 2
    body_end = len(line.rstrip("\n"))
    at = rng.randint(value_at, max(value_at, body_end))
    ch = rng.choice(RAW_CHARS)
    lines[i] = line[:at] + ch + line[at:]
    data = "".join(lines).encode("utf-8", "surrogatepass")
    return MutationResult(data, f"insert raw {escape_visible(ch)} at line {i + 1}")


# node level, as text


def _nodes_of(inp: MutationInput):
    text = _text(inp)
    if text is None:
        return None
    try:
        scalars, collections = _nodes(text)
    except (yaml.YAMLError, RecursionError):
        return None
    return text, scalars, collections


def _splice(text: str, start: int, end: int, new: str) -> bytes:
    return (text[:start] + new + text[end:]).encode("utf-8", "surrogatepass")


def _where(text: str, index: int) -> str:
    return f"line {text.count(chr(10), 0, index) + 1}"


def op_scalar(rng: Random, inp: MutationInput) -> MutationResult | None:
    found = _nodes_of(inp)
    if not found:
        return None
    text, scalars, _ = found
    values = [s for s in scalars if not s.is_key and s.end > s.start]
    if not values:
        return None
    s = rng.choice(values)
    new = inp.pools.scalar_for(s.key, s.text, rng)
    flow = s.node.style is None and _in_flow(text, s.start)
    if flow and not new.startswith(('"', "'", "[", "{")) and re.search(r"[,\[\]{}]", new):
        new = _flow_safe(new)
    return MutationResult(
        _splice(text, s.start, s.end, new),
        f"{_where(text, s.start)}: {s.key or 'item'}: {escape_visible(s.text)[:40]} -> "
        f"{escape_visible(new)[:60]}",
    )


def _in_flow(text: str, index: int) -> bool:
    line_start = text.rfind("\n", 0, index) + 1
    before = text[line_start:index]
    return before.count("{") + before.count("[") > before.count("}") + before.count("]")


def op_tag(rng: Random, inp: MutationInput) -> MutationResult | None:
    found = _nodes_of(inp)
    if not found:
        return None
    text, scalars, collections = found
    if collections and rng.random() < 0.2:
        start, end, key, node = rng.choice(collections[1:] or collections)
        body = text[start:end]
        if node.flow_style:
            tag = rng.choice(["!!map", "!!seq", "!custom", "!!set", "!!omap", "!!str"])
            return MutationResult(
                _splice(text, start, end, f"{tag} {body}"),
                f"{_where(text, start)}: tag {tag} on the {key or 'item'} collection",
            )
    values = [s for s in scalars if s.end > s.start]
    if not values:
        return None
    s = rng.choice(values)
    tag = rng.choice(TAGS)
    if rng.random() < 0.5 and not s.is_key:
        prefix = tag.split(" ")[0]
        new = f"{prefix} {s.text}"
    else:
        new = tag
    if s.is_key:
        new = new.split(" ")[0] + " " + s.text
    return MutationResult(
        _splice(text, s.start, s.end, new),
        f"{_where(text, s.start)}: {escape_visible(s.text)[:40]} -> {new[:60]}",
    )


def _deep(rng: Random, depth: int) -> str:
    kind = rng.randrange(3)
    if kind == 0:
        return "[" * depth + "]" * depth
    if kind == 1:
        return "{a: " * depth + "1" + "}" * depth
    return "[{a: " * (depth // 2) + "1" + "}]" * (depth // 2)


def op_deep(rng: Random, inp: MutationInput) -> MutationResult | None:
    found = _nodes_of(inp)
    if not found:
        return None
    text, scalars, _ = found
    values = [s for s in scalars if not s.is_key and s.end > s.start]
    if not values:
        return None
    s = rng.choice(values)
    depth = rng.choice([10, 62, 63, 64, 65, 66, 100, 1000, 20000])
    new = _deep(rng, depth)
    return MutationResult(
        _splice(text, s.start, s.end, new),
        f"{_where(text, s.start)}: {s.key or 'item'} -> nesting {depth} deep ({new[:24]}...)",
    )


def op_alias(rng: Random, inp: MutationInput) -> MutationResult | None:
    found = _nodes_of(inp)
    if not found:
        return None
    text, scalars, collections = found
    roll = rng.random()
    values = [s for s in scalars if not s.is_key and s.end > s.start]
    if not values:
        return None
    if roll < 0.2:  # an alias bomb in place of a value
        s = rng.choice(values)
        width = rng.choice([2, 9, 10])
        levels = rng.choice([3, 6, 9])
        parts = [f"&b0 [{', '.join(['x'] * width)}]"]
        for level in range(1, levels):
            parts.append(f"&b{level} [{', '.join([f'*b{level - 1}'] * width)}]")
        new = "[" + ", ".join(parts) + "]"
        return MutationResult(
            _splice(text, s.start, s.end, new),
            f"{_where(text, s.start)}: {s.key or 'item'} -> alias bomb {width}^{levels}",
        )
    if roll < 0.3:
        s = rng.choice(values)
        new = rng.choice(["*nope", "&a *a", "&a", "*", "&a [*a]", "& x"])
        return MutationResult(
            _splice(text, s.start, s.end, new), f"{_where(text, s.start)}: {s.key} -> {new}"
        )
    nodes: list[tuple[int, int, str]] = [(s.start, s.end, s.key or "item") for s in values]
    nodes += [(a, b, k or "item") for a, b, k, n in collections[1:] if n.flow_style]
    nodes.sort()
    if len(nodes) < 2:
        return None
    i = rng.randrange(len(nodes) - 1)
    j = rng.randrange(i + 1, len(nodes))
    (a0, a1, ak), (b0, b1, bk) = nodes[i], nodes[j]
    if b0 < a1:  # nested: alias the outer in the inner would be undefined; alias the other way
        return None
    new_text = text[:a0] + "&a " + text[a0:b0] + "*a" + text[b1:]
    if rng.random() < 0.3:  # a merge key with an alias
        new_text = text[:a0] + "&a " + text[a0:b0] + "{<<: *a}" + text[b1:]
    return MutationResult(
        new_text.encode("utf-8", "surrogatepass"),
        f"anchor &a on {ak} at {_where(text, a0)}, alias *a for {bk} at {_where(text, b0)}",
    )


# data level (ruamel round trip)


def _show(value: Any, limit: int = 40) -> str:
    """A value in a step description, without ever printing a whole (aliased) collection."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return escape_visible(str(value)[: limit * 2])[:limit]


def _flow_depth(text: str) -> int:
    depth = deepest = 0
    for ch in text:
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth = max(0, depth - 1)
    return deepest


def _rt_load(inp: MutationInput) -> Any:
    text = _text(inp)
    # ruamel's pure-Python scanner is quadratic in flow nesting: leave those to the text ops
    if text is None or len(text) > 200_000 or _flow_depth(text) > 80:
        return None
    cached = _RT_CACHE.get(text)
    if cached is not None:  # the corpus files: a copy is ten times faster than a parse
        return copy.deepcopy(cached)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return rt_yaml().load(text)
    except Exception:
        return None


_RT_CACHE: dict[str, Any] = {}  # the parsed corpus files, by text (filled by Pools)


def _rt_dump(data: Any, raws: Raws) -> bytes | None:
    buffer = io.StringIO()
    try:
        rt_yaml().dump(data, buffer)
    except Exception:
        return None
    return raws.substitute(buffer.getvalue()).encode("utf-8", "surrogatepass")


def _pick(rng: Random, data: Any, want: Callable[[Any, Any, Any], bool] | None = None):
    nodes = [n for n in _walk_rt(data) if want is None or want(*n)]
    return rng.choice(nodes) if nodes else None


def _path_of(data: Any, target: Any, key: Any) -> str:
    seen: set[int] = set()  # collections shared through aliases are searched once

    def find(node: Any, path: list[str]) -> list[str] | None:
        if node is target:
            return [*path, _show(key)]
        if id(node) in seen or len(path) > 80:
            return None
        seen.add(id(node))
        if isinstance(node, dict):
            items = node.items()
        elif isinstance(node, list):
            items = enumerate(node)
        else:
            return None
        for k, v in items:
            if isinstance(v, dict | list):
                found = find(v, [*path, _show(k)])
                if found:
                    return found
        return None

    found = find(data, [])
    return ".".join(found) if found else _show(key)


def _type_swap_value(rng: Random, raws: Raws, old: Any) -> tuple[Any, str]:
    options = [
        ("string", lambda: "x"),
        ("payload", lambda: rng.choice(PAYLOADS)),
        ("number", lambda: rng.choice([0, 1, 2, 1.5, -3])),
        ("extreme number", lambda: raws(rng.choice(NUMBERS))),
        ("list", lambda: CommentedSeq([old] if not isinstance(old, list | dict) else [])),
        ("empty list", lambda: CommentedSeq()),
        ("mapping", lambda: CommentedMap([("x", old if not isinstance(old, list | dict) else 1)])),
        ("empty mapping", lambda: CommentedMap()),
        ("null", lambda: None),
        ("bool", lambda: rng.choice([True, False])),
        ("date", lambda: raws(rng.choice(DATES))),
    ]
    name, make = rng.choice(options)
    return make(), name


def _set(container: Any, key: Any, value: Any) -> None:
    container[key] = value


def op_type_swap(rng: Random, inp: MutationInput) -> MutationResult | None:
    data = _rt_load(inp)
    picked = _pick(rng, data) if data is not None else None
    if not picked:
        return None
    container, key, old = picked
    raws = Raws()
    value, name = _type_swap_value(rng, raws, old)
    where = _path_of(data, container, key)
    _set(container, key, value)
    dumped = _rt_dump(data, raws)
    return dumped and MutationResult(dumped, f"type swap at {where}: -> {name}")


def op_key_rename(rng: Random, inp: MutationInput) -> MutationResult | None:
    data = _rt_load(inp)
    picked = _pick(rng, data, lambda c, k, v: isinstance(c, dict)) if data is not None else None
    if not picked:
        return None
    container, key, _value = picked
    roll = rng.random()
    if roll < 0.4:
        new = near_misses(str(key), rng)
    elif roll < 0.75:
        new = rng.choice(SCHEMA_KEYS)
    else:
        new = rng.choice(WEIRD_KEYS)
    if new in container:
        return None
    where = _path_of(data, container, key)
    items = [(new if k == key else k, v) for k, v in container.items()]
    for k in list(container):
        del container[k]
    for k, v in items:
        container[k] = v
    dumped = _rt_dump(data, Raws())
    return dumped and MutationResult(dumped, f"rename key {where} -> {escape_visible(new)[:40]!r}")


def op_extreme_number(rng: Random, inp: MutationInput) -> MutationResult | None:
    data = _rt_load(inp)
    if data is None:
        return None
    numeric = lambda c, k, v: isinstance(v, int | float) and not isinstance(v, bool)  # noqa: E731
    picked = _pick(rng, data, numeric) or _pick(
        rng, data, lambda c, k, v: not isinstance(v, dict | list)
    )
    if not picked:
        return None
    container, key, old = picked
    raws = Raws()
    number = rng.choice(NUMBERS)
    where = _path_of(data, container, key)
    _set(container, key, raws(number))
    dumped = _rt_dump(data, raws)
    return dumped and MutationResult(dumped, f"{where}: {_show(old)} -> {number[:40]}")


def _is_date(value: Any) -> bool:
    return bool(re.match(r"^\d{4}-\d\d-\d\d$", str(value)))


def op_extreme_date(rng: Random, inp: MutationInput) -> MutationResult | None:
    data = _rt_load(inp)
    if data is None:
        return None
    picked = _pick(rng, data, lambda c, k, v: _is_date(v))
    if not picked:
        return None
    container, key, old = picked
    raws = Raws()
    new = rng.choice(DATES)
    where = _path_of(data, container, key)
    _set(container, key, raws(new))
    dumped = _rt_dump(data, raws)
    return dumped and MutationResult(dumped, f"{where}: {_show(old)} -> {new}")


def op_period(rng: Random, inp: MutationInput) -> MutationResult | None:
    """A team file's period, sometimes with the file moved into the matching folder."""
    if inp.kind != "team":
        return None
    data = _rt_load(inp)
    if not isinstance(data, dict) or "period" not in data:
        return None
    raws = Raws()
    new = rng.choice(PERIODS)
    old = data["period"]
    data["period"] = raws(new)
    dumped = _rt_dump(data, raws)
    if not dumped:
        return None
    folder = new.strip("'")
    moved = None
    if rng.random() < 0.7 and re.match(r"^[A-Za-z0-9.-]+$", folder):
        moved = f"{folder}/{inp.path.split('/')[-1]}"
        if moved == inp.path or moved in inp.corpus:
            moved = None
    step = f"period: {_show(old)} -> {new}" + (f", file moved to okrs/{moved}" if moved else "")
    return MutationResult(dumped, step, moved_to=moved)


def op_custom_period(rng: Random, inp: MutationInput) -> MutationResult | None:
    """org.yaml declares a custom period (extreme dates); a team file moves into it."""
    if inp.kind != "org":
        return None
    data = _rt_load(inp)
    if not isinstance(data, dict):
        return None
    raws = Raws()
    pid = rng.choice(["sprint-1", "2026-T1", "9999-Q4", "2026-Q4", "x", "2026"])
    start, end = rng.choice(DATES), rng.choice(DATES)
    if rng.random() < 0.5:
        start, end = "0001-01-01", "9999-12-31"
    entry = CommentedMap([("id", pid), ("start", raws(start)), ("end", raws(end))])
    entry.fa.set_flow_style()
    periods = data.get("periods")
    if not isinstance(periods, list):
        periods = data["periods"] = CommentedSeq()
    periods.append(entry)
    dumped = _rt_dump(data, raws)
    if not dumped:
        return None
    extra: dict[str, bytes | None] = {}
    step = f"periods: + {{id: {pid}, start: {start}, end: {end}}}"
    teams = sorted(p for p in inp.corpus if p != "org.yaml")
    if teams and rng.random() < 0.8:
        source = rng.choice(teams)
        team_text = inp.corpus[source].decode("utf-8")
        moved_text = re.sub(r"(?m)^period: .*$", f"period: {pid}", team_text, count=1)
        target = f"{pid}/{source.split('/')[-1]}"
        if target not in inp.corpus:
            extra = {source: None, target: moved_text.encode("utf-8")}
            step += f"; okrs/{source} moved to okrs/{target} with period: {pid}"
    return MutationResult(dumped, step, extra=extra)


def op_payload(rng: Random, inp: MutationInput) -> MutationResult | None:
    data = _rt_load(inp)
    if data is None:
        return None
    on_key = rng.random() < 0.15
    if on_key:
        picked = _pick(rng, data, lambda c, k, v: isinstance(c, dict))
    else:
        picked = _pick(rng, data, lambda c, k, v: isinstance(v, str))
    if not picked:
        return None
    container, key, old = picked
    where = _path_of(data, container, key)
    if on_key:
        new_key = Pools.payload(str(key), rng)
        if new_key in container:
            return None
        items = [(new_key if k == key else k, v) for k, v in container.items()]
        for k in list(container):
            del container[k]
        for k, v in items:
            container[k] = v
        step = f"key {where} -> {escape_visible(new_key)[:60]!r}"
    else:
        new = Pools.payload(_show(old, 400), rng)
        _set(container, key, new)
        step = f"{where}: -> {escape_visible(new)[:60]!r}"
    dumped = _rt_dump(data, Raws())
    return dumped and MutationResult(dumped, step)


def op_structure(rng: Random, inp: MutationInput) -> MutationResult | None:
    """Delete a key, duplicate or delete a list item, empty a collection."""
    data = _rt_load(inp)
    if data is None:
        return None
    roll = rng.random()
    if roll < 0.35:
        picked = _pick(rng, data, lambda c, k, v: isinstance(c, dict))
        if not picked:
            return None
        container, key, _ = picked
        where = _path_of(data, container, key)
        del container[key]
        step = f"delete key {where}"
    elif roll < 0.7:
        picked = _pick(rng, data, lambda c, k, v: isinstance(c, list))
        if not picked:
            return None
        container, index, value = picked
        where = _path_of(data, container, index)
        if rng.random() < 0.6:
            container.insert(index + 1, copy.deepcopy(value))
            step = f"duplicate item {where}"
        else:
            del container[index]
            step = f"delete item {where}"
    else:
        picked = _pick(rng, data, lambda c, k, v: isinstance(v, dict | list) and len(v) > 0)
        if not picked:
            return None
        container, key, value = picked
        where = _path_of(data, container, key)
        _set(container, key, CommentedSeq() if isinstance(value, list) else CommentedMap())
        step = f"empty {where}"
    dumped = _rt_dump(data, Raws())
    return dumped and MutationResult(dumped, step)


def op_pool_value(rng: Random, inp: MutationInput) -> MutationResult | None:
    """A value seen for the same key elsewhere in the corpus, or an interesting one for it."""
    data = _rt_load(inp)
    if data is None:
        return None
    picked = _pick(
        rng, data, lambda c, k, v: isinstance(c, dict) and not isinstance(v, dict | list)
    )
    if not picked:
        return None
    container, key, old = picked
    raws = Raws()
    new = inp.pools.scalar_for(_show(key), _show(old, 400), rng)
    where = _path_of(data, container, key)
    _set(container, key, raws(new))
    dumped = _rt_dump(data, raws)
    return dumped and MutationResult(dumped, f"{where}: {_show(old)} -> {escape_visible(new)[:60]}")


def op_sibling_copy(rng: Random, inp: MutationInput) -> MutationResult | None:
    """A value copied from a sibling (target = start, item i = item j)."""
    data = _rt_load(inp)
    if data is None:
        return None
    picked = _pick(rng, data, lambda c, k, v: len(c) > 1)
    if not picked:
        return None
    container, key, _ = picked
    keys = [k for k in (container if isinstance(container, dict) else range(len(container)))
            if k != key]  # fmt: skip
    other = rng.choice(keys)
    where = _path_of(data, container, key)
    _set(container, key, copy.deepcopy(container[other]))
    dumped = _rt_dump(data, Raws())
    return dumped and MutationResult(dumped, f"{where} = copy of sibling {other}")


def op_crossover(rng: Random, inp: MutationInput) -> MutationResult | None:
    """A subtree replaced by the subtree of the same key from another file."""
    data = _rt_load(inp)
    if data is None:
        return None
    picked = _pick(
        rng,
        data,
        lambda c, k, v: (
            isinstance(k, str) and isinstance(v, dict | list) and k in inp.pools.subtrees
        ),
    )
    if not picked:
        return None
    container, key, _ = picked
    donor = rng.choice(inp.pools.subtrees[key])
    where = _path_of(data, container, key)
    _set(container, key, copy.deepcopy(donor))
    dumped = _rt_dump(data, Raws())
    return dumped and MutationResult(dumped, f"{where} replaced by a {key} from another file")


def op_add_key(rng: Random, inp: MutationInput) -> MutationResult | None:
    data = _rt_load(inp)
    if data is None:
        return None
    picked = _pick(rng, data, lambda c, k, v: isinstance(v, dict))
    if not picked:
        return None
    container, key, mapping = picked
    new = rng.choice(
        ["score", "weight", "confidential", "status", "milestone", "metric", "threshold",
         "at_most", "at_least", "unit", "note", "by", "done", "value", "aligns_with", "type",
         "description", "retrospective", "recognition", "periods", "timezone", "language",
         "github", "rating", "parent", "lead", "owner"]
    )  # fmt: skip
    if new in mapping:
        return None
    raws = Raws()
    roll = rng.random()
    if roll < 0.5:
        value: Any = raws(inp.pools.scalar_for(new, "", rng))
    elif new in inp.pools.subtrees:
        value = copy.deepcopy(rng.choice(inp.pools.subtrees[new]))
    else:
        value = rng.choice([True, False, 0, 1, "x", None, raws(rng.choice(NUMBERS))])
    mapping[new] = value
    where = _path_of(data, container, key)
    dumped = _rt_dump(data, raws)
    return dumped and MutationResult(dumped, f"{where}: + {new}")


FINITE = ["1e308", "-1.7e308", "5e-324", "0", "-0.0", "1e-300", "9" * 300, "-" + "9" * 300,
          "1" + "0" * 308, "0.1", "-1", "1e15", "123456789.123456789"]  # fmt: skip
# Values that keep a file schema-valid (or nearly): they reach the model, pages and charts.
VALID = {
    "value": FINITE,
    "start": FINITE,
    "target": FINITE,
    "at_least": FINITE,
    "at_most": FINITE,
    "weight": ["5e-324", "1e-300", "1e308", "9" * 300, "1e-320", "0.5", "1e15"],
    "score": ["0", "1", "-0.0", "5e-324", "0.9999999999999999", "1.0", "0.5"],
    "date": ["0001-01-01", "9999-12-31", "2026-10-01", "2026-12-31", "2026-11-22", "2026-11-23",
             "1970-01-01", "2026-09-30", "2027-01-01", "2026-07-01", "2026-02-29"],
    "start_date": ["0001-01-01", "9999-12-31", "2026-10-01"],
    "owner": SLUGS[:6],
    "by": SLUGS[:6],
    "to": SLUGS[:6],
    "from": SLUGS[:6],
    "lead": SLUGS[:6],
    "parent": ["acme", "engineering", "platform", "growth", "nobody", "support"],
    "status": ["on_track", "at_risk", "off_track", "planned", "in_progress", "done", "dropped"],
    "type": ["committed", "aspirational"],
    "language": ["zh", "en"],
    "timezone": ["UTC", "Asia/Shanghai", "Pacific/Kiritimati", "Etc/GMT+12", "America/St_Johns",
                 "Pacific/Chatham", "Europe/Berlin"],
    "confidential": ["true", "false"],
    "done": ["true", "false"],
    "milestone": ["true"],
    "url": ["https://x.example/<script>", "http://a", "https://x.example/" + "a" * 1980,
            "https://x.example/\u202e", "https://[::1]/"],
}  # fmt: skip
TEXT_KEYS = {"title", "name", "description", "note", "message", "retrospective", "unit"}
TEXT_LIMITS = {"unit": 20, "title": 300, "name": 200}


def _valid_value(key: str, old: Any, rng: Random) -> str | None:
    if key in TEXT_KEYS:
        text = Pools.payload(_show(old, 400), rng)
        limit = TEXT_LIMITS.get(key)
        if limit and rng.random() < 0.8:
            text = text[:limit] or "$"
        return _flow_safe(text)
    if key == "aligns_with":
        return None
    pool = VALID.get(key)
    return rng.choice(pool) if pool else None


def op_semantic(rng: Random, inp: MutationInput) -> MutationResult | None:
    """A value the schema allows (or nearly), chosen by its key: extreme finite numbers,
    boundary dates, payload text, unknown people, references, statuses."""
    data = _rt_load(inp)
    if data is None:
        return None
    roll = rng.random()
    raws = Raws()
    if roll < 0.12:  # references
        picked = _pick(rng, data, lambda c, k, v: k == "aligns_with" and isinstance(v, list))
        if not picked:
            return None
        container, key, _ = picked
        refs = rng.sample(REFERENCES, rng.randint(1, 3))
        where = _path_of(data, container, key)
        _set(container, key, CommentedSeq(refs))
        container[key].fa.set_flow_style()
        step = f"{where} -> [{', '.join(refs)}]"
    elif roll < 0.2:  # metric start == target, or a threshold's bound flipped
        picked = _pick(
            rng, data, lambda c, k, v: k in ("metric", "threshold") and isinstance(v, dict)
        )
        if not picked:
            return None
        container, key, mapping = picked
        where = _path_of(data, container, key)
        if key == "metric" and "start" in mapping:
            mapping["target"] = copy.deepcopy(mapping["start"])
            step = f"{where}: target = start ({mapping['start']})"
        else:
            bound = next((b for b in ("at_least", "at_most") if b in mapping), None)
            if bound is None:
                return None
            other = "at_most" if bound == "at_least" else "at_least"
            items = [(other if k == bound else k, v) for k, v in mapping.items()]
            for k in list(mapping):
                del mapping[k]
            for k, v in items:
                mapping[k] = v
            step = f"{where}: {bound} -> {other}"
    else:

        def wanted(c: Any, k: Any, v: Any) -> bool:
            return (
                isinstance(c, dict)
                and (k in VALID or k in TEXT_KEYS)
                and not isinstance(v, dict | list)
            )

        picked = _pick(rng, data, wanted)
        if not picked:
            return None
        container, key, old = picked
        new = _valid_value(str(key), old, rng)
        if new is None:
            return None
        where = _path_of(data, container, key)
        _set(container, key, raws(new))
        step = f"{where}: {_show(old, 30)} -> {escape_visible(new)[:60]}"
    dumped = _rt_dump(data, raws)
    return dumped and MutationResult(dumped, step)


def op_broadcast(rng: Random, inp: MutationInput) -> MutationResult | None:
    """The same extreme value under one key in every item of a list (every key result's
    weight 1e308, every check-in's value 5e-324)."""
    data = _rt_load(inp)
    if data is None:
        return None
    picked = _pick(
        rng, data, lambda c, k, v: isinstance(v, list) and len(v) > 1
        and all(isinstance(i, dict) for i in v)
    )  # fmt: skip
    if not picked:
        return None
    container, key, items = picked
    name = rng.choice(["weight", "value", "score", "start", "target", "status", "confidential",
                       "done", "date", "owner", "title"])  # fmt: skip
    new = _valid_value(name, "", rng) or "1e308"
    raws = Raws()
    for item in items:
        if name in ("start", "target") and "metric" in item and isinstance(item["metric"], dict):
            item["metric"][name] = raws(new)
        elif name in item or name in ("weight", "score", "confidential"):
            item[name] = raws(new)
    where = _path_of(data, container, key)
    dumped = _rt_dump(data, raws)
    return dumped and MutationResult(
        dumped, f"every {where}[].{name} -> {escape_visible(new)[:40]}"
    )


def op_org_tree(rng: Random, inp: MutationInput) -> MutationResult | None:
    """org.yaml's teams and people: parent loops, a second root, renamed or removed teams,
    people lists removed or emptied."""
    if inp.kind != "org":
        return None
    data = _rt_load(inp)
    if not isinstance(data, dict) or not isinstance(data.get("teams"), list):
        return None
    teams = [t for t in data["teams"] if isinstance(t, dict)]
    if not teams:
        return None
    roll = rng.random()
    team = rng.choice(teams)
    if roll < 0.25:
        team["parent"] = team.get("id")
        step = f"team {team.get('id')} is its own parent"
    elif roll < 0.4:
        child = rng.choice(teams)
        team["parent"] = child.get("id")
        step = f"team {team.get('id')}: parent -> {child.get('id')}"
    elif roll < 0.55:
        team.pop("parent", None)
        step = f"team {team.get('id')}: no parent (a second root)"
    elif roll < 0.7:
        old = team.get("id")
        team["id"] = rng.choice(["acme", "engineering", "renamed", "a" * 64, "x"])
        step = f"team id {_show(old)} -> {_show(team['id'])}"
    elif roll < 0.8:
        data["teams"].remove(team)
        step = f"team {team.get('id')} removed"
    elif roll < 0.9:
        if "people" not in data:
            return None
        if rng.random() < 0.5:
            del data["people"]
            step = "people: removed"
        else:
            data["people"] = CommentedSeq()
            step = "people: []"
    else:
        team["lead"] = rng.choice(["nobody", team.get("id"), "dana"])
        step = f"team {team.get('id')}: lead -> {team['lead']}"
    dumped = _rt_dump(data, Raws())
    return dumped and MutationResult(dumped, step)


def _objectives(data: Any) -> list[Any]:
    if not isinstance(data, dict) or not isinstance(data.get("objectives"), list):
        return []
    return [o for o in data["objectives"] if isinstance(o, dict) and isinstance(o.get("id"), str)]


def _refs(*refs: str) -> CommentedSeq:
    seq = CommentedSeq(list(refs))
    seq.fa.set_flow_style()
    return seq


def op_cycle(rng: Random, inp: MutationInput) -> MutationResult | None:
    """Alignment loops: an objective supporting itself, two objectives of one file supporting
    each other, or two team files of one period pointing at each other (a two-file change);
    also a longer period's objective aligned with a shorter one's."""
    if inp.kind != "team":
        return None
    data = _rt_load(inp)
    objectives = _objectives(data)
    if not objectives:
        return None
    team = str(data.get("team"))
    folder = inp.path.split("/")[0]
    mine = rng.choice(objectives)
    roll = rng.random()
    if roll < 0.25:
        mine["aligns_with"] = _refs(f"{team}/{mine['id']}")
        step = f"{mine['id']} aligns with itself"
        dumped = _rt_dump(data, Raws())
        return dumped and MutationResult(dumped, step)
    if roll < 0.45 and len(objectives) > 1:
        other = rng.choice([o for o in objectives if o is not mine])
        mine["aligns_with"] = _refs(f"{team}/{other['id']}")
        other["aligns_with"] = _refs(f"{team}/{mine['id']}")
        dumped = _rt_dump(data, Raws())
        step = f"{mine['id']} and {other['id']} align with each other"
        return dumped and MutationResult(dumped, step)
    if roll < 0.6:  # a reference into another period, whatever its length
        periods = sorted({p.split("/")[0] for p in inp.corpus if "/" in p} - {folder})
        target_period = rng.choice(periods)
        candidates = sorted(p for p in inp.corpus if p.startswith(target_period + "/"))
        other_path = rng.choice(candidates)
        other = _objectives(rt_yaml().load(inp.corpus[other_path].decode("utf-8")))
        if not other:
            return None
        ref = f"{target_period}:{other_path.split('/')[1][:-5]}/{rng.choice(other)['id']}"
        mine["aligns_with"] = _refs(ref)
        dumped = _rt_dump(data, Raws())
        return dumped and MutationResult(dumped, f"{mine['id']} aligns with {ref}")
    siblings = sorted(p for p in inp.corpus if p.startswith(folder + "/") and p != inp.path)
    if not siblings:
        return None
    other_path = rng.choice(siblings)
    other_data = _rt_load(MutationInput(other_path, inp.corpus[other_path], inp.corpus,
                                        inp.pools, "team"))  # fmt: skip
    others = _objectives(other_data)
    if not others:
        return None
    theirs = rng.choice(others)
    other_team = str(other_data.get("team"))
    mine["aligns_with"] = _refs(f"{other_team}/{theirs['id']}")
    theirs["aligns_with"] = _refs(f"{team}/{mine['id']}")
    dumped, other_dumped = _rt_dump(data, Raws()), _rt_dump(other_data, Raws())
    if not dumped or not other_dumped:
        return None
    step = f"{team}/{mine['id']} and {other_team}/{theirs['id']} (okrs/{other_path}) align with each other"
    return MutationResult(dumped, step, extra={other_path: other_dumped})


def op_org_clash(rng: Random, inp: MutationInput) -> MutationResult | None:
    """Ids that collide in org.yaml: a person with a team's id, a team listed twice, two
    people with one id, a custom period named like a standard one."""
    if inp.kind != "org":
        return None
    data = _rt_load(inp)
    if not isinstance(data, dict):
        return None
    teams = [t for t in data.get("teams") or [] if isinstance(t, dict)]
    people = [p for p in data.get("people") or [] if isinstance(p, dict)]
    roll = rng.random()
    if roll < 0.3 and teams and people:
        person, team = rng.choice(people), rng.choice(teams)
        person["id"] = team.get("id")
        step = f"person id -> {team.get('id')} (a team id)"
    elif roll < 0.55 and teams:
        team = rng.choice(teams)
        data["teams"].append(copy.deepcopy(team))
        step = f"team {team.get('id')} listed twice"
    elif roll < 0.75 and len(people) > 1:
        a, b = rng.sample(people, 2)
        b["id"] = a.get("id")
        step = f"two people with id {a.get('id')}"
    else:
        entry = CommentedMap([("id", rng.choice(["2026-Q4", "2026", "2026-Q3"])),
                              ("start", "2026-01-01"), ("end", "2026-01-31")])  # fmt: skip
        entry.fa.set_flow_style()
        if not isinstance(data.get("periods"), list):
            data["periods"] = CommentedSeq()
        data["periods"].append(entry)
        step = f"custom period {entry['id']} (a standard id) from 2026-01-01 to 2026-01-31"
    dumped = _rt_dump(data, Raws())
    return dumped and MutationResult(dumped, step)


# A changed file whose bytes start with SPECIAL is not written as a file but made as the
# kind of path it names: the checker must report each kind, never hang, read or follow it.
SPECIAL = b"\0okr-fuzz-special:"
_KINDS = ("fifo", "link-out", "link-in", "link-dangling", "link-loop", "folder", "link-folder")


def op_file_type(rng: Random, inp: MutationInput) -> MutationResult | None:
    """Replace the file (or add one beside it) with a FIFO, a link out of the folder, inside
    it, to nothing or to itself, a folder, or a link to a folder."""
    kind = rng.choice(_KINDS)
    target = rng.choice(sorted(p for p in inp.corpus if p != inp.path)) if kind == "link-in" else ""
    marker = SPECIAL + f"{kind}:{target}".encode()
    if rng.random() < 0.5:
        return MutationResult(marker, f"{inp.path} becomes a {kind} {target}".rstrip())
    folder = inp.path.rsplit("/", 1)[0] if "/" in inp.path else ""
    extra_path = f"{folder}/extra.yaml" if folder else "2026-Q4/extra.yaml"
    return MutationResult(inp.data, f"{extra_path} is a {kind}", extra={extra_path: marker})


def make_special(path: Path, marker: bytes, okrs: Path) -> None:
    kind, _, target = marker[len(SPECIAL) :].decode().partition(":")
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "link-out":
        path.symlink_to("/etc/hostname")
    elif kind == "link-in":
        path.symlink_to(okrs / target)
    elif kind == "link-dangling":
        path.symlink_to(okrs / "no-such-file.yaml")
    elif kind == "link-loop":
        path.symlink_to(path)
    elif kind == "folder":
        path.mkdir()
        (path / "inner.yaml").write_bytes(b"a: 1\n")
    elif kind == "link-folder":
        path.symlink_to(tempfile.gettempdir(), target_is_directory=True)


def remove_path(path: Path) -> None:
    if path.is_symlink() or (path.exists() and not path.is_dir()):
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path, ignore_errors=True)


OPERATORS: list[tuple[Op, int]] = [
    (op_byte_flip, 3),
    (op_line_delete, 3),
    (op_line_duplicate, 3),
    (op_indent, 3),
    (op_truncate, 1),
    (op_raw_char, 3),
    (op_scalar, 10),
    (op_tag, 4),
    (op_deep, 2),
    (op_alias, 3),
    (op_type_swap, 7),
    (op_key_rename, 6),
    (op_extreme_number, 7),
    (op_extreme_date, 5),
    (op_period, 3),
    (op_custom_period, 3),
    (op_payload, 7),
    (op_structure, 5),
    (op_pool_value, 8),
    (op_sibling_copy, 3),
    (op_crossover, 3),
    (op_add_key, 4),
    (op_semantic, 16),
    (op_broadcast, 4),
    (op_org_tree, 3),
    (op_cycle, 4),
    (op_org_clash, 2),
    (op_file_type, 3),
]


def load_corpus(root: Path = CORPUS) -> dict[str, bytes]:
    """org.yaml and every team file of the example company, by path inside okrs/."""
    files = {"org.yaml": (root / "org.yaml").read_bytes()}
    for path in sorted(root.glob("*/*.yaml")):
        files[path.relative_to(root).as_posix()] = path.read_bytes()
    return files


class Mutator:
    def __init__(self, corpus: dict[str, bytes]) -> None:
        self.corpus = corpus
        self.pools = Pools(corpus)
        self.files = sorted(corpus)

    def mutate(self, rng: Random) -> Mutant:
        # org.yaml is one file among 18 but shapes every other one: give it a fair share
        path = "org.yaml" if rng.random() < 0.2 else rng.choice(self.files)
        kind = "org" if path == "org.yaml" else "team"
        data = self.corpus[path]
        count = rng.choices([1, 2, 3], weights=[7, 2, 1])[0]
        steps: list[str] = []
        extra: dict[str, bytes | None] = {}
        current = path
        ops = [op for op, _ in OPERATORS]
        weights = [w for _, w in OPERATORS]
        for _ in range(count):
            for _attempt in range(8):
                op = rng.choices(ops, weights=weights)[0]
                inp = MutationInput(current, data, self.corpus, self.pools, kind)
                result = op(rng, inp)
                if result is None or (result.data == data and not result.extra):
                    continue
                data = result.data
                steps.append(f"{op.__name__.removeprefix('op_')}: {result.step}")
                if result.moved_to:
                    extra[current] = None
                    current = result.moved_to
                extra.update(result.extra)
                break
        changes = dict(extra)
        changes[current] = data
        if current != path:
            changes[path] = None
        return Mutant(tuple(sorted(changes.items(), key=lambda kv: kv[0])), tuple(steps))


# ---- the target ----------------------------------------------------------------------------

CLASSES = [
    "crash in checker",
    "crash in model",
    "crash in exports",
    "crash in pages",
    "crash in charts",
    "hang or process death",
    "file dropped without a finding",
    "bad position",
    "bad output line",
    "NaN in output",
    "invalid SVG",
]

LINE = re.compile(
    r"^(?P<path>[^\n]+?):(?P<line>[1-9][0-9]*):(?P<col>[1-9][0-9]*): "
    r"(?P<severity>error|warning) \[(?P<rule>[a-z0-9]+(?:-[a-z0-9]+)*)\] (?P<message>\S.*)$"
)
BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
PAGE_NAN = re.compile(r"(?<![\w.&#-])-?(?:nan|inf)(?![\w])")


@dataclass
class Failure:
    kind: str  # one of CLASSES
    signature: str
    detail: str  # the message, or the last lines of the traceback
    file: str | None = None  # the file it is about (display path), when known


class Hang(Exception):
    pass


@contextmanager
def _deadline(seconds: float | None):
    usable = (
        seconds
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def alarm(_signum, _frame):
        raise Hang(f"no answer after {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _relative(filename: str) -> str:
    try:
        return Path(filename).resolve().relative_to(REPO).as_posix()
    except ValueError:
        return Path(filename).name


def _in_generator(filename: str) -> bool:
    try:
        Path(filename).resolve().relative_to(GENERATOR)
        return True
    except ValueError:
        return False


def crash(stage: str, exc: BaseException) -> Failure:
    frames = traceback.extract_tb(exc.__traceback__)
    mine = [f for f in frames if _in_generator(f.filename)]
    inner = mine[-1] if mine else (frames[-1] if frames else None)
    where = f"{_relative(inner.filename)}:{inner.name}" if inner else "?"
    names = {(_relative(f.filename), f.name) for f in frames}
    if stage == "pages":
        if any(p == "generator/charts.py" and n in ("render", "files", "svg") for p, n in names):
            stage = "charts"
        elif any(p == "generator/site/exports.py" for p, _ in names):
            stage = "exports"
    kind = "hang or process death" if isinstance(exc, Hang) else f"crash in {stage}"
    templates = [i for i, f in enumerate(frames) if "site_templates" in f.filename]
    if templates and inner is not None and templates[-1] > frames.index(inner):
        where += f" (template {Path(frames[templates[-1]].filename).name})"
    lines = traceback.format_exception(type(exc), exc, exc.__traceback__)
    tail = "".join(lines).rstrip().splitlines()
    return Failure(kind, f"{type(exc).__name__} in {where}", "\n".join(tail[-12:]))


def _json_paths(value: Any, path: str, bad: Callable[[Any], bool]) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _json_paths(item, f"{path}.{key}", bad)
    elif isinstance(value, list):
        for item in value:
            yield from _json_paths(item, f"{path}[]", bad)
    elif bad(value):
        yield path


class _NonFinite:
    def __init__(self, text: str) -> None:
        self.text = text


@dataclass
class _Starts:
    """Where the nodes of a file start, with lines counted at "\n" only (as editors, diffs
    and GitHub annotations count them)."""

    first: tuple[int, int] | None
    all: set[tuple[int, int]]
    breaks: str  # other characters a YAML 1.1 parser takes for line breaks, when present


def _node_starts(text: str) -> _Starts | None:
    try:
        root = yaml.compose(text, Loader=yaml.CSafeLoader)
    except Exception:
        return None
    newlines = [i for i, ch in enumerate(text) if ch == "\n"]

    def at(index: int) -> tuple[int, int]:
        import bisect

        line = bisect.bisect_left(newlines, index)
        start = newlines[line - 1] + 1 if line else 0
        return line + 1, index - start + 1

    starts: set[tuple[int, int]] = set()
    stack = [root] if root is not None else []
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        starts.add(at(node.start_mark.index))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack += [key, value]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
    odd = [ch for ch in "\x85\u2028\u2029" if ch in text]
    if re.search("\r(?!\n)", text):  # a lone CR; CR LF is one break for everyone
        odd.insert(0, "\r")
    breaks = ", ".join(escape_visible(ch) for ch in odd)
    return _Starts(at(root.start_mark.index) if root is not None else None, starts, breaks)


def _call_build_model(build_model: Callable[..., Any], ctx: Any) -> Any:
    """build_model(ctx), or build_model(org, documents, today, settings): its arguments are
    taken from the context by name, so the fuzzer follows the signature as it changes."""
    import inspect

    available = {
        "ctx": ctx, "context": ctx, "org": ctx.org, "documents": ctx.workspace.documents,
        "workspace": ctx.workspace, "today": ctx.today, "settings": ctx.settings,
    }  # fmt: skip
    parameters = list(inspect.signature(build_model).parameters.values())
    if len(parameters) == 1 and parameters[0].name not in available:
        return build_model(ctx)
    args = [available[p.name] for p in parameters if p.default is inspect.Parameter.empty]
    return build_model(*args)


class Target:
    """Runs the pipeline over one tree in a temporary folder and judges the outcome."""

    def __init__(
        self,
        corpus: dict[str, bytes],
        *,
        today: str = TODAY,
        charts_per_run: int = 2,
        timeout: float | None = 60.0,
        reuse_templates: bool = True,
        skip_seen_models: bool = True,
    ) -> None:
        self.corpus = corpus
        self.today = today
        self.charts_per_run = charts_per_run
        self.timeout = timeout
        self.reuse_templates = reuse_templates
        self.skip_seen_models = skip_seen_models
        self.folder = Path(tempfile.mkdtemp(prefix="okr-fuzz-"))
        self.okrs = self.folder / "okrs"
        self._write_tree(corpus)
        self.seen_charts: set[str] = set()
        self.seen_models: set[bytes] = set()
        self.rendered = 0
        self._environment: Any = None
        from generator.validation import SCHEMA_DIR

        self.schemas = {p.name: p.read_bytes() for p in sorted(SCHEMA_DIR.glob("*.schema.json"))}

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def relocate(self) -> None:
        """A folder of its own (after a fork: the parent's stays the parent's)."""
        self.folder = Path(tempfile.mkdtemp(prefix="okr-fuzz-"))
        self.okrs = self.folder / "okrs"
        self._write_tree(self.corpus)
        self.rendered = 0

    def _write_tree(self, files: dict[str, bytes]) -> None:
        shutil.rmtree(self.okrs, ignore_errors=True)
        for rel, data in files.items():
            path = self.okrs / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)

    @contextmanager
    def _applied(self, changes: tuple[tuple[str, bytes | None], ...]):
        made: list[Path] = []
        try:
            for rel, data in changes:
                path = self.okrs / rel
                if data is None:
                    remove_path(path)
                else:
                    if not path.parent.exists():
                        path.parent.mkdir(parents=True)
                        made.append(path.parent)
                    remove_path(path)
                    if data.startswith(SPECIAL):
                        make_special(path, data, self.okrs)
                    else:
                        path.write_bytes(data)
            yield
        finally:
            for rel, _ in changes:
                path = self.okrs / rel
                remove_path(path)
                if rel in self.corpus:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(self.corpus[rel])
            for folder in made:
                shutil.rmtree(folder, ignore_errors=True)

    @contextmanager
    def _templates(self):
        """One Jinja environment for every build: compiling the templates is half of a build,
        and an environment holds no state of the build (the code path is otherwise intact)."""
        if not self.reuse_templates:
            yield
            return
        from generator.site import pages

        original = pages.environment
        if self._environment is None:
            self._environment = original()
        pages.environment = lambda compiled=None: self._environment
        try:
            yield
        finally:
            pages.environment = original

    def run(self, mutant: Mutant, *, render_all_charts: bool = False) -> list[Failure]:
        with self._applied(mutant.changes), self._templates():
            return self._run(render_all_charts)

    def _run(self, render_all_charts: bool) -> list[Failure]:
        from generator.check import Report, check_root
        from generator.model_builder import build_model
        from generator.site.exports import to_csv, to_json
        from generator.site.pages import build_site
        from generator.workspace import whole_tree

        failures: list[Failure] = []
        report = Report()
        try:
            with _deadline(self.timeout):
                displays = whole_tree(self.okrs)
                ctx = check_root(self.okrs, displays, today=self.today, into=report)
        except Exception as exc:
            return [crash("checker", exc)]
        problems = sorted(report.problems)
        failures += self._lines(problems)
        failures += self._positions(ctx, problems)
        try:
            with _deadline(self.timeout):
                model = _call_build_model(build_model, ctx)
        except Exception as exc:
            failures += self._dropped(ctx, problems, None)
            return [*failures, crash("model", exc)]
        failures += self._dropped(ctx, problems, model)
        if self.skip_seen_models and not render_all_charts:
            try:
                fingerprint = pickle.dumps((model, [p.format() for p in problems]), protocol=5)
            except Exception:
                fingerprint = None
            if fingerprint is not None:
                if fingerprint in self.seen_models:
                    return failures  # the same model and findings give the same outputs
                self.seen_models.add(fingerprint)
        # build_site writes okrs.json and okrs.csv itself (Builder.exports, before the charts);
        # they are called directly only when the pages fail before getting there
        store = _SampledStore(self, render_all_charts)
        site = None
        try:
            with _deadline(self.timeout):
                site = build_site(model, problems, store, self.schemas)
        except Exception as exc:
            failure = crash("pages", exc)
            failures.append(failure)
            if failure.kind == "crash in exports":
                return failures
        if site is not None and "okrs.json" in site.files:
            okrs_json, okrs_csv = site.files["okrs.json"], site.files["okrs.csv"]
        else:
            try:
                with _deadline(self.timeout):
                    okrs_json, okrs_csv = to_json(model), to_csv(model)
            except Exception as exc:
                return [*failures, crash("exports", exc)]
        failures += self._non_finite(okrs_json, okrs_csv)
        if site is not None:
            failures += self._svgs(site, store)
            failures += self._pages(site, problems)
        return failures

    # ---- the checks ------------------------------------------------------------------------

    def _lines(self, problems: list[Any]) -> list[Failure]:
        out = []
        for p in problems:
            line = p.format()
            if "\n" in line or "\r" in line or len(line.splitlines()) != 1:
                out.append(Failure(
                    "bad output line", f"bad output line: [{p.rule}] line break in the message",
                    escape_visible(line)[:300], p.path,
                ))  # fmt: skip
            elif not LINE.match(line):
                out.append(Failure(
                    "bad output line", f"bad output line: [{p.rule}] not path:line:col: severity "
                    "[rule] message", escape_visible(line)[:300], p.path,
                ))  # fmt: skip
            elif BIDI.search(line):
                out.append(Failure(
                    "bad output line", f"bad output line: [{p.rule}] bidi control character",
                    escape_visible(line)[:300], p.path,
                ))  # fmt: skip
        return out

    def _positions(self, ctx: Any, problems: list[Any]) -> list[Failure]:
        docs = {d.display: d for d in ctx.workspace.documents}
        cache: dict[str, _Starts | None] = {}
        out = []
        for p in problems:
            doc = docs.get(p.path)
            if doc is None or not doc.loaded or doc.text is None or doc.kind == "stray":
                continue
            lines = doc.text.split("\n")
            starts = cache.get(doc.display) if doc.display in cache else _node_starts(doc.text)
            cache[doc.display] = starts
            breaks = (
                f" (the file has {starts.breaks} line breaks)" if starts and starts.breaks else ""
            )
            if p.line > len(lines) or p.column > len(lines[p.line - 1]) + 2:
                out.append(Failure(
                    "bad position", f"position: [{p.rule}] past the end of the file or line{breaks}",
                    f"{escape_visible(p.format())[:300]} (the file has {len(lines)} lines)",
                    p.path,
                ))  # fmt: skip
            elif (p.line, p.column) == (1, 1):
                if starts is not None and starts.first not in ((1, 1), None):  # None: empty
                    where = f"{starts.first[0]}:{starts.first[1]}" if starts.first else "nowhere"
                    out.append(Failure(
                        "bad position", f"position: [{p.rule}] at 1:1 in a file that parses",
                        f"{escape_visible(p.format())[:300]} (the document starts at {where})",
                        p.path,
                    ))  # fmt: skip
            elif starts is not None and (p.line, p.column) not in starts.all:
                out.append(Failure(
                    "bad position", f"position: [{p.rule}] not at a key or value{breaks}",
                    f"{escape_visible(p.format())[:300]}; the line there: "
                    f"{escape_visible(lines[p.line - 1])[:120]!r}",
                    p.path,
                ))  # fmt: skip
        return out

    def _dropped(self, ctx: Any, problems: list[Any], model: Any) -> list[Failure]:
        from generator.problem import Severity

        by_file: dict[str, list[Any]] = defaultdict(list)
        for p in problems:
            by_file[p.path].append(p)
        org_errors = any(p.severity is Severity.ERROR for p in by_file.get("okrs/org.yaml", []))
        published = set()
        if model is not None:
            published = {tp.source for v in model.periods for tp in v.teams.values()}
        out = []
        for doc in ctx.workspace.documents:
            if doc.kind not in ("org", "team"):
                continue
            found = by_file.get(doc.display, [])
            if not doc.loaded:
                reason = "it does not load"
            elif not doc.valid:
                reason = f"it is schema-invalid ({self._why_invalid(doc)})"
            elif (
                doc.kind == "team"
                and model is not None
                and not org_errors
                and doc.relative not in published
            ):
                reason = (
                    f"it is valid but left out of the model ({self._why_unpublished(ctx, doc)})"
                )
            else:
                continue
            if any(p.severity is Severity.ERROR for p in found):
                continue
            what = "no finding" if not found else "only warnings"
            out.append(Failure(
                "file dropped without a finding",
                f"dropped: {doc.kind} file, {reason}, {what}",
                f"{doc.display}: {reason}; findings: "
                + ("; ".join(escape_visible(p.format())[:200] for p in found) or "none"),
                doc.display,
            ))  # fmt: skip
        return out

    @staticmethod
    def _why_invalid(doc: Any) -> str:
        from generator import validation

        try:
            fast = "says valid" if validation._fast(doc.kind).is_valid(doc.data) else "says invalid"
        except Exception as exc:
            fast = f"raises {type(exc).__name__}"
        try:
            full = sum(1 for _ in validation.schema_errors(doc.kind, doc.data))
        except Exception as exc:
            full = f"raises {type(exc).__name__}"
        try:
            extra = sum(1 for _ in validation.extra_errors(doc.kind, doc.data))
        except Exception as exc:
            extra = f"raises {type(exc).__name__}"
        return f"fast validator {fast}, reference validator {full} errors, {extra} extra errors"

    @staticmethod
    def _why_unpublished(ctx: Any, doc: Any) -> str:
        from generator.periods import period_id

        data = doc.data
        if data.get("team") not in ctx.org.teams:
            return "team not in org.yaml"
        period = ctx.org.periods.get(period_id(data.get("period")))
        if period is None:
            return "unknown period"
        if period.id != doc.folder:
            return "period differs from the folder"
        if data.get("team") != doc.stem:
            return "team differs from the file name"
        return "unknown reason"

    @staticmethod
    def _non_finite(okrs_json: bytes, okrs_csv: bytes) -> list[Failure]:
        out = []
        # NaN, Infinity, -Infinity (what json.dumps writes for them) or a number too large
        # for a float; the JSON is parsed only when the text has one of them somewhere
        if re.search(rb"NaN|Infinity|[0-9][eE]\+?[0-9]{3}", okrs_json):
            data = json.loads(okrs_json, parse_constant=_NonFinite)

            def bad(v: Any) -> bool:
                return isinstance(v, _NonFinite) or (isinstance(v, float) and not math.isfinite(v))

            for path in sorted(set(_json_paths(data, "$", bad)))[:3]:
                out.append(Failure("NaN in output", f"NaN in output: okrs.json {path}",
                                   f"okrs.json {path} is NaN or Infinity"))  # fmt: skip
        rows = list(csv.reader(io.StringIO(okrs_csv.decode("utf-8-sig"))))
        if rows:
            header = rows[0]
            bad = sorted({
                header[i] if i < len(header) else str(i)
                for row in rows[1:] for i, cell in enumerate(row)
                if cell.strip().lower() in ("nan", "inf", "-inf", "infinity", "-infinity")
            })  # fmt: skip
            for column in bad:
                out.append(Failure("NaN in output", f"NaN in output: okrs.csv column {column}",
                                   f"okrs.csv column {column} holds nan or inf"))  # fmt: skip
        return out

    def _svgs(self, site: Any, store: _SampledStore) -> list[Failure]:
        out = []
        for name, data in sorted(site.files.items()):
            if not name.endswith(".svg"):
                continue
            try:
                ET.fromstring(data)
            except ET.ParseError as exc:
                spec = store.specs.get(Path(name).stem, {})
                message = re.sub(r": line \d+, column \d+$", "", str(exc))
                out.append(Failure("invalid SVG", f"invalid SVG: {spec.get('type', '?')} chart: "
                                   f"{message}", f"{name}: {exc}"))  # fmt: skip
        for src, page in sorted(site.pages.items()):
            # drawn into pages: the alignment diagram and every key result's chart
            found = re.finditer(r'<svg (class="diagram"|xmlns="http://www.w3.org/2000/svg").*?</svg>',
                                page.html, re.S)  # fmt: skip
            for match in found:
                what = (
                    "alignment diagram"
                    if match.group(1).startswith("class")
                    else "key_result chart"
                )
                try:
                    ET.fromstring(match.group())
                except ET.ParseError as exc:
                    message = re.sub(r": line \d+, column \d+$", "", str(exc))
                    out.append(Failure("invalid SVG", f"invalid SVG: {what}: {message}",
                                       f"{src}: {exc}"))  # fmt: skip
        return out

    @staticmethod
    def _pages(site: Any, problems: list[Any]) -> list[Failure]:
        """A figure or name shown as nan or inf. Finding messages (the health page lists
        them) may quote a bad value; they are taken out first."""
        from html import escape

        messages = sorted({escape(p.message) for p in problems}, key=len, reverse=True)
        shown: list[str] = []
        for src, page in sorted(site.pages.items()):
            html = page.html
            for message in messages:
                html = html.replace(message, " ")
            text = re.sub(r"<[^>]*>", " ", html)
            match = PAGE_NAN.search(text)
            if match:
                around = text[max(0, match.start() - 60) : match.end() + 20]
                shown.append(f"{src}: ...{' '.join(around.split())}...")
        if not shown:
            return []
        kinds = sorted({_page_kind(line.split(":")[0]) for line in shown})
        return [
            Failure(
                "NaN in output",
                "NaN in output: pages show nan or inf",
                f"{len(shown)} pages ({', '.join(kinds)}), e.g.\n" + "\n".join(shown[:4]),
            )
        ]


def _page_kind(src: str) -> str:
    """The page's kind, from its source path: periods/2026-Q4/teams/platform.md -> team page."""
    parts = src.split("/")
    if parts[0] == "periods":
        return {"index.md": "period dashboard", "alignment.md": "period alignment"}.get(
            parts[-1], "team page"
        )
    if parts[0] == "people":
        return "people index" if parts[-1] == "index.md" else "person page"
    return src


def _store_base():
    from generator.charts import ChartStore

    return ChartStore


class _SampledStore(_store_base()):  # type: ignore[misc]
    """A ChartStore without cache whose files() draws only new charts: at most
    `charts_per_run` of the specs no earlier run drew (all new ones when asked)."""

    def __init__(self, target: Target, render_all: bool) -> None:
        super().__init__(None)
        self.target = target
        self.render_all = render_all

    def files(self) -> dict[str, bytes]:
        fresh = sorted(d for d in self.specs if d not in self.target.seen_charts)
        if not self.render_all:
            fresh = Random(":".join(fresh)).sample(
                fresh, min(len(fresh), self.target.charts_per_run)
            )
        everything = self.specs
        self.specs = {d: everything[d] for d in fresh}
        try:
            files = super().files()
        finally:
            self.specs = everything
        self.target.seen_charts.update(fresh)
        self.target.rendered += len(fresh)
        return files


# ---- the fuzzer ----------------------------------------------------------------------------


@dataclass
class Found:
    """One unique failure: its first (minimised) repro and how often it was seen."""

    kind: str
    signature: str
    detail: str
    mutant: Mutant
    iteration: int
    count: int = 0
    file: str | None = None


@dataclass
class Summary:
    seed: int
    iterations: int
    seconds: float
    found: dict[str, Found]
    baseline: list[Failure]
    charts: int
    errors: dict[str, str] = field(default_factory=dict)  # the fuzzer's own bugs

    def by_class(self) -> dict[str, list[Found]]:
        groups: dict[str, list[Found]] = {k: [] for k in CLASSES}
        for f in self.found.values():
            groups.setdefault(f.kind, []).append(f)
        return {k: sorted(v, key=lambda f: -f.count) for k, v in groups.items() if v}

    def render(self, corpus: dict[str, bytes], traceback_lines: int = 8) -> str:
        out = [
            f"seed {self.seed}: {self.iterations} iterations in {self.seconds:.0f} s "
            f"({self.iterations / max(self.seconds, 1e-9):.1f}/s), {self.charts} charts drawn, "
            f"{len(self.found)} unique failures"
        ]
        for signature, detail in self.errors.items():
            out.append(
                f"fuzzer error (a bug of tests/fuzzing.py, not of the generator): {signature}"
            )
            out += ["   | " + line for line in detail.splitlines()[-6:]]
        if self.baseline:
            out.append("the unmutated example already fails:")
            out += [f"  {f.signature}: {f.detail.splitlines()[-1]}" for f in self.baseline]
        for kind, items in self.by_class().items():
            out.append("")
            out.append(f"== {kind} ({len(items)} unique, {sum(f.count for f in items)} hits)")
            for f in items:
                out.append("")
                out.append(f"-- {f.signature}   [{f.count}x, first at iteration {f.iteration}]")
                out.append("   mutation: " + ("; ".join(f.mutant.steps) or "(minimised)"))
                out += ["   " + line for line in f.mutant.describe(corpus).splitlines()]
                detail = f.detail.splitlines()
                if kind.startswith(("crash", "hang")):
                    detail = detail[-traceback_lines:]
                out += ["   | " + line for line in detail]
        return "\n".join(out)


class Fuzzer:
    def __init__(
        self,
        seed: int = 0,
        *,
        corpus: dict[str, bytes] | None = None,
        minimize: bool = True,
        charts_per_run: int = 2,
        timeout: float | None = 60.0,
    ) -> None:
        self.seed = seed
        self.corpus = corpus or load_corpus()
        self.mutator = Mutator(self.corpus)
        self.target = Target(self.corpus, charts_per_run=charts_per_run, timeout=timeout)
        self.minimize_found = minimize
        self.found: dict[str, Found] = {}
        self.baseline: list[Failure] = []
        self.iterations = 0
        self.status_file: Path | None = None  # holds the iteration being run
        self.on_found: Callable[[Found], None] | None = None
        self.errors: dict[str, str] = {}  # the fuzzer's own exceptions, by type and place

    def close(self) -> None:
        self.target.close()

    def forked(self) -> Fuzzer:
        """This fuzzer in a forked worker: its own folder, nothing found yet."""
        self.target.relocate()
        self.found, self.errors, self.iterations = {}, {}, 0
        return self

    def __enter__(self) -> Fuzzer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def mutant(self, iteration: int) -> Mutant:
        return self.mutator.mutate(Random(f"{self.seed}/{iteration}"))

    def run_baseline(self) -> list[Failure]:
        self.baseline = self.target.run(Mutant(()), render_all_charts=False)
        return self.baseline

    def step(self, iteration: int) -> tuple[Mutant, list[Failure]]:
        if self.status_file is not None:
            self.status_file.write_text(str(iteration))
        self.iterations += 1
        try:
            mutant = self.mutant(iteration)
            if self.status_file is not None:  # for the report, should this process die
                self.status_file.with_suffix(".mutant").write_bytes(
                    pickle.dumps((iteration, mutant))
                )
            failures = self.target.run(mutant)
        except Exception as exc:
            place = crash("fuzzer", exc)
            self.errors.setdefault(place.signature, f"iteration {iteration}\n{place.detail}")
            return Mutant(()), []
        known = {f.signature for f in self.baseline}
        fresh = [f for f in failures if f.signature not in known]
        for signature in dict.fromkeys(f.signature for f in fresh):
            failure = next(f for f in fresh if f.signature == signature)
            entry = self.found.get(signature)
            if entry is None:
                small, detail = mutant, failure.detail
                if self.minimize_found:
                    try:
                        small, detail = self.minimize(mutant, failure)
                    except Exception as exc:
                        place = crash("fuzzer", exc)
                        self.errors.setdefault(place.signature, place.detail)
                entry = self.found[signature] = Found(
                    failure.kind, signature, detail, small, iteration, 0, failure.file
                )
                if self.on_found is not None:
                    self.on_found(entry)
            elif mutant.size(self.corpus) < entry.mutant.size(self.corpus) and not (
                self.minimize_found
            ):
                entry.mutant, entry.detail, entry.iteration = mutant, failure.detail, iteration
            entry.count += 1
        return mutant, fresh

    def reproduces(self, mutant: Mutant, failure: Failure) -> Failure | None:
        charts = failure.kind in ("crash in charts", "invalid SVG")
        saved = self.target.seen_charts
        if charts:
            self.target.seen_charts = set()
        skip = self.target.skip_seen_models
        self.target.skip_seen_models = False
        try:
            for f in self.target.run(mutant, render_all_charts=charts):
                if f.signature == failure.signature:
                    return f
        finally:
            self.target.seen_charts = saved
            self.target.skip_seen_models = skip
        return None

    def minimize(self, mutant: Mutant, failure: Failure, budget: int = 24) -> tuple[Mutant, str]:
        """Fewer changed files, then fewer diff hunks, as long as the signature reproduces."""
        best, detail = mutant, failure.detail
        tries = 0
        # whole file changes (a move is a deletion and an addition: try dropping each)
        changes = list(best.changes)
        for item in list(changes):
            if len(changes) < 2 or tries >= budget:
                break
            trial = Mutant(tuple(c for c in changes if c != item), best.steps)
            tries += 1
            hit = self.reproduces(trial, failure)
            if hit:
                changes = list(trial.changes)
                best, detail = trial, hit.detail
        # hunks of each changed file
        for index, (path, data) in enumerate(best.changes):
            base = self.corpus.get(path)
            if data is None or base is None:
                continue
            hunks = _hunks(base, data)
            if len(hunks) < 2:
                continue
            keep = list(range(len(hunks)))
            for single in range(len(hunks)):  # a single hunk is the best repro
                if tries >= budget:
                    break
                tries += 1
                trial = _with_file(best, index, _apply_hunks(base, data, hunks, [single]))
                hit = self.reproduces(trial, failure)
                if hit:
                    keep = [single]
                    best, detail = trial, hit.detail
                    break
            else:
                for h in list(keep):
                    if tries >= budget or len(keep) < 2:
                        break
                    tries += 1
                    rest = [k for k in keep if k != h]
                    trial = _with_file(best, index, _apply_hunks(base, data, hunks, rest))
                    hit = self.reproduces(trial, failure)
                    if hit:
                        keep = rest
                        best, detail = trial, hit.detail
        return best, detail

    def run(
        self,
        iterations: int | None = None,
        seconds: float | None = None,
        progress: Callable[[int, float, int], None] | None = None,
        every: float = 30.0,
        share: tuple[int, int] = (0, 1),
        first: int | None = None,
    ) -> Summary:
        """Iterations 0..N-1 (or until `seconds`); with share=(w, W) only those k % W == w,
        from `first` on."""
        start = time.perf_counter()
        last = start
        if not self.baseline:
            self.run_baseline()
        worker, workers = share
        k = worker if first is None else first
        done = 0
        while True:
            if iterations is not None and k >= iterations:
                break
            if seconds is not None and time.perf_counter() - start >= seconds:
                break
            self.step(k)
            k += workers
            done += 1
            now = time.perf_counter()
            if progress and now - last >= every:
                last = now
                progress(done, now - start, len(self.found))
        if progress:
            progress(done, time.perf_counter() - start, len(self.found))
        return Summary(
            self.seed, done, time.perf_counter() - start, self.found, self.baseline,
            self.target.rendered, self.errors,
        )  # fmt: skip


def limit_memory(megabytes: int | None) -> None:
    """Cap the address space, so that a blow-up is a MemoryError with a traceback rather
    than the kernel's OOM killer taking the machine down."""
    if not megabytes:
        return
    try:
        import resource

        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # pragma: no cover - not on this platform
        pass


_PROTOTYPE: Fuzzer | None = None  # set up once by fuzz(), inherited by the forked workers


def _worker(queue: Any, status: str, args: dict[str, Any]) -> None:
    limit_memory(args.pop("memory_mb"))
    share, first = args.pop("share"), args.pop("first")
    iterations, seconds = args.pop("iterations"), args.pop("seconds")
    who = (share[0], args.pop("generation"))
    prototype = _PROTOTYPE
    if prototype is not None and prototype.seed == args["seed"]:
        fuzzer = prototype.forked()  # imports, corpus pools, baseline, templates: inherited
    else:
        fuzzer = Fuzzer(**args)
    with fuzzer:
        fuzzer.status_file = Path(status)
        fuzzer.on_found = lambda found: queue.put(("found", who, found))

        def progress(done: int, elapsed: float, found: int) -> None:
            queue.put(("progress", who, done))

        summary = fuzzer.run(iterations, seconds, progress, 5.0, share, first)
    queue.put(("done", who, summary))


def fuzz(
    seed: int = 0,
    *,
    iterations: int | None = None,
    seconds: float | None = None,
    workers: int = 1,
    minimize: bool = True,
    charts_per_run: int = 2,
    progress: Callable[[int, float, int], None] | None = None,
    memory_mb: int | None = 4096,
) -> Summary:
    """Run the fuzzer in `workers` forked processes sharing the iterations (k % workers).

    A worker that dies (killed, out of memory, a crash in C) is reported as a failure of the
    class "hang or process death" with the iteration it was running, and replaced by one
    that goes on from the next iteration of its share."""
    import multiprocessing

    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        with Fuzzer(seed, minimize=minimize, charts_per_run=charts_per_run) as fuzzer:
            return fuzzer.run(iterations, seconds, progress)
    import queue as queues

    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    start = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="okr-fuzz-status-"))
    streamed: dict[tuple[int, int], dict[str, Found]] = defaultdict(dict)
    finished: dict[tuple[int, int], Summary] = {}
    deaths: list[Found] = []
    generation: dict[int, int] = defaultdict(int)
    running: dict[int, Any] = {}
    progress_of: dict[tuple[int, int], int] = defaultdict(int)

    def launch(worker: int, first: int) -> None:
        left = None if seconds is None else max(0.0, seconds - (time.perf_counter() - start))
        args = {
            "seed": seed, "minimize": minimize, "charts_per_run": charts_per_run,
            "memory_mb": memory_mb, "share": (worker, workers), "first": first,
            "iterations": iterations, "seconds": left, "generation": generation[worker],
        }  # fmt: skip
        process = context.Process(
            target=_worker, args=(queue, str(folder / f"worker-{worker}"), args), daemon=True
        )
        process.start()
        running[worker] = process

    def take(message: tuple[Any, ...]) -> None:
        what, who, payload = message
        if what == "found":
            streamed[who][payload.signature] = payload
        elif what == "progress":
            progress_of[who] = payload
        elif what == "done":
            finished[who] = payload

    def drain(timeout: float) -> bool:
        try:
            take(queue.get(timeout=timeout))
            return True
        except queues.Empty:
            return False

    global _PROTOTYPE
    _PROTOTYPE = Fuzzer(seed, minimize=minimize, charts_per_run=charts_per_run)
    _PROTOTYPE.run_baseline()
    try:
        for w in range(workers):
            launch(w, w)
        shown = start
        while len(running) > 0:
            if drain(1.0):
                continue
            for w, process in list(running.items()):
                if process.is_alive():
                    continue
                while drain(0.2):  # the last messages of a worker may still be in the pipe
                    pass
                key = (w, generation[w])
                del running[w]
                if key in finished:
                    continue
                status = folder / f"worker-{w}"
                text = status.read_text().strip() if status.exists() else ""
                k = int(text) if text else w
                deaths.append(_death(seed, k, process.exitcode, status.with_suffix(".mutant")))
                generation[w] += 1
                if iterations is None or k + workers < iterations:
                    launch(w, k + workers)
            if progress and time.perf_counter() - shown >= 15.0:
                shown = time.perf_counter()
                unique = {sig for items in streamed.values() for sig in items}
                progress(sum(progress_of.values()), shown - start, len(unique) + len(deaths))
    finally:
        for process in running.values():
            if process.is_alive():
                process.kill()
        shutil.rmtree(folder, ignore_errors=True)
        _PROTOTYPE.close()
        _PROTOTYPE = None
    found: dict[str, Found] = {}
    done = 0
    for key, items in streamed.items():
        summary = finished.get(key)
        if summary is not None:
            done += summary.iterations
            for entry in summary.found.values():
                _add(found, entry, entry.count)
        else:
            done += progress_of[key] + 1
            for entry in items.values():
                _add(found, entry, 1)
    for key, summary in finished.items():
        if key not in streamed:
            done += summary.iterations
    for entry in deaths:
        _add(found, entry, 1)
    summaries = list(finished.values())
    errors: dict[str, str] = {}
    for summary in summaries:
        for signature, detail in summary.errors.items():
            errors.setdefault(signature, detail)
    return Summary(
        seed,
        done,
        time.perf_counter() - start,
        dict(sorted(found.items(), key=lambda kv: kv[1].iteration)),
        summaries[0].baseline if summaries else [],
        sum(s.charts for s in summaries),
        errors,
    )


def _add(found: dict[str, Found], entry: Found, count: int) -> None:
    mine = found.get(entry.signature)
    if mine is None:
        found[entry.signature] = copy.copy(entry)
        found[entry.signature].count = count
        return
    total = mine.count + count
    if entry.iteration < mine.iteration:
        found[entry.signature] = copy.copy(entry)
    found[entry.signature].count = total


def _death(seed: int, iteration: int, code: int | None, saved: Path) -> Found:
    """The report of a worker that died; its mutant is the one it saved before running the
    target (none when the mutation itself died: the fuzzer's own bug)."""
    mutant = Mutant((), ("the process died while mutating: a fuzzer bug",))
    try:
        number, candidate = pickle.loads(saved.read_bytes())
        if number == iteration:
            mutant = candidate
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
    return Found(
        "hang or process death",
        f"process died ({how}; -9 is the out-of-memory killer)",
        f"the worker died while running iteration {iteration}; replay it in a process of its "
        f"own with a memory limit: python benchmarks/fuzz.py --seed {seed} --replay {iteration}",
        mutant,
        iteration,
    )


def _hunks(old: bytes, new: bytes) -> list[tuple[int, int, int, int]]:
    matcher = difflib.SequenceMatcher(None, _split(old), _split(new), autojunk=False)
    return [(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def _apply_hunks(old: bytes, new: bytes, hunks: list[tuple[int, int, int, int]],
                 keep: list[int]) -> bytes:  # fmt: skip
    a, b = _split(old), _split(new)
    out: list[bytes] = []
    pos = 0
    for index, (i1, i2, j1, j2) in enumerate(hunks):
        out += a[pos:i1]
        out += b[j1:j2] if index in keep else a[i1:i2]
        pos = i2
    out += a[pos:]
    return b"".join(out)


def _with_file(mutant: Mutant, index: int, data: bytes) -> Mutant:
    changes = list(mutant.changes)
    changes[index] = (changes[index][0], data)
    return Mutant(tuple(changes), mutant.steps)


def replay(seed: int, iteration: int, corpus: dict[str, bytes] | None = None) -> str:
    """One iteration again, with the mutation, its diff and every failure in full."""
    with Fuzzer(seed, corpus=corpus, minimize=False, charts_per_run=1000) as fuzzer:
        fuzzer.run_baseline()
        mutant = fuzzer.mutant(iteration)
        failures = fuzzer.target.run(mutant, render_all_charts=True)
        out = [f"seed {seed}, iteration {iteration}: " + "; ".join(mutant.steps)]
        out.append(mutant.describe(fuzzer.corpus, context=2))
        known = {f.signature for f in fuzzer.baseline}
        for f in failures:
            mark = " (also without the mutation)" if f.signature in known else ""
            out.append(f"\n[{f.kind}] {f.signature}{mark}\n{f.detail}")
        if not failures:
            out.append("\nno failure")
        return "\n".join(out)


def env_seed(default: int = 0) -> int:
    value = os.environ.get("OKR_FUZZ_SEED")
    return int(value) if value else default


__all__ = [
    "CLASSES",
    "Failure",
    "Found",
    "Fuzzer",
    "Mutant",
    "Mutator",
    "Summary",
    "Target",
    "fuzz",
    "load_corpus",
    "replay",
]
