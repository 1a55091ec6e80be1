"""User text made safe for each kind of output. One owner for the characters that are not
text: control characters, line breaks that are not newlines, and the bidirectional
formatting characters that reorder what is around them (U+202E RIGHT-TO-LEFT OVERRIDE
turns `evil‮txt.exe` into `evilexe.txt`).

- Terminal and CI lines (`okr check`, `okr diff`, annotations): `one_line` spells every such
  character as `\\uXXXX` (invisible ones too: a zero-width space, a byte-order mark), so
  nothing can move the cursor, ring, forge a line, reorder text or hide in a name.
- HTML and SVG: `isolate` wraps text that holds bidirectional controls in an invisible
  first-strong isolate (U+2068 ... U+2069, the text-level twin of `<bdi>`), which ends every
  override the text opened, in element text and attribute values alike; `xml_text` replaces
  characters that XML 1.0 does not allow.
- Markdown that GitHub renders (the OKR diff, reminders, the sync report): `inert_markdown`
  makes user text literal on one line (no formatting, HTML, link or @mention), and
  `no_mentions` alone keeps a line's own Markdown but mentions nobody.
"""

from __future__ import annotations

import re

BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# invisible characters a reader cannot tell from nothing: zero-width space and joiners, word
# joiner and invisible operators, the byte-order mark (`\ufeffowner` is not `owner`)
INVISIBLE = "\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff"
_TERMINAL = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{BIDI}{INVISIBLE}]")
_BIDI = re.compile(f"[{BIDI}]")
# XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
FSI, PDI = "\u2068", "\u2069"
# Markdown's punctuation, each escaped with a backslash; `& < >` become entities instead, so
# no text can form a tag and a test can look for `<script` in the output
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")
_AUTOLINK = re.compile(r"(?i)www\.|://")  # a zero-width space inside stops GitHub's autolinks
WORD_JOINER = "\u2060"


def one_line(text: str) -> str:
    """For a one-line report: no line breaks, no terminal escapes, no reordering."""
    return _TERMINAL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def is_text(text: str) -> bool:
    """Whether `text` is real text: no lone surrogates (bytes that were not UTF-8)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def isolate(text: str) -> str:
    """Text whose bidirectional controls cannot reach beyond it."""
    return f"{FSI}{text}{PDI}" if _BIDI.search(text) else text


def xml_text(text: str) -> str:
    """Text every XML parser accepts (C0 controls and lone surrogates become U+FFFD)."""
    return _NOT_XML.sub("\ufffd", text)


def markup_text(text: str) -> str:
    """For HTML and SVG text: valid characters, isolated directions."""
    if text.isascii() and text.isprintable():
        return text  # most text, millions of times a build: nothing to clean or isolate
    return isolate(xml_text(text))


# Echoed user values are bounded: a 100 KB key must not become a 100 KB finding.
QUOTE_LIMIT = 60
MESSAGE_LIMIT = 1000
LIST_LIMIT = 12


def clip(text: str, limit: int = QUOTE_LIMIT) -> str:
    """`text`, or its first `limit` characters, an ellipsis and how long it was."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text):,} characters)"


def quote(value: object, limit: int = QUOTE_LIMIT) -> str:
    """A user's value in a message: quoted, and cut with its length when it is long."""
    text = str(value)
    if len(text) <= limit:
        return f"'{text}'"
    return f"'{text[:limit]}…' ({len(text):,} characters)"


def listing(items: list[str], limit: int = LIST_LIMIT, separator: str = ", ") -> str:
    """Names in a message: the first `limit`, then how many more."""
    shown = [clip(item, 40) for item in items[:limit]]
    more = len(items) - limit
    return separator.join(shown) + (f"{separator}… {more:,} more" if more > 0 else "")


def bounded(value: object, limit: int = MESSAGE_LIMIT) -> object:
    """Plain data with every string clipped and every list or mapping cut to `LIST_LIMIT`
    entries, for machine-readable output that echoes a user's values."""
    if isinstance(value, str):
        return clip(value, limit)
    if isinstance(value, list):
        return [bounded(v, limit) for v in value[:LIST_LIMIT]]
    if isinstance(value, dict):
        return {clip(str(k), 100): bounded(v, limit) for k, v in list(value.items())[:LIST_LIMIT]}
    return value


def no_mentions(text: str) -> str:
    """`@name` that GitHub does not turn into a mention: a word joiner follows every `@`."""
    return text.replace("@", "@" + WORD_JOINER)


def inert_markdown(text: str, limit: int | None = None) -> str:
    """User text as literal Markdown on one line (clipped to `limit` characters): no
    formatting, HTML, link or mention; invisible and control characters spelled out."""
    flat = one_line(" ".join(str(text).split()))
    if limit is not None and len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    flat = _MD_SPECIAL.sub(r"\\\1", flat)
    flat = _AUTOLINK.sub(lambda m: m.group()[:-1] + "\u200b" + m.group()[-1], flat)
    return no_mentions(flat)
