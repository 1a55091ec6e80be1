"""What Pagefind reads of a page: a copy of it without the elements it ignores.

Pagefind reads HTML: only what a page marks with `data-pagefind-body` (the main content of
every page but the 404 and the search page) is indexed, minus what is marked
`data-pagefind-ignore`: the check-in help and tables, and every figure a check-in moves (a
state, a progress, a trend, a bar, a key result's figures and chart). Search finds words
people wrote (titles, descriptions, names, tags, teams); the figures are read on the page
the result leads to.

Pagefind is given a copy of each searchable page without the elements it would ignore (the
check-in tables are half a team page, the charts' axis text a quarter): the index is byte for
byte the one Pagefind makes of the whole site (test_site checks it), in about half the time.
A generated page's copy is made from its body alone, before the theme wraps it, so that
Pagefind (one core) runs while the pages are wrapped and written (two workers).
"""

from __future__ import annotations

import re

from markupsafe import escape

_BODY = re.compile(r"<[a-z]+\b[^<>]*\sdata-pagefind-body\b")  # [^<>]: linear
# an element Pagefind leaves out of the index: `data-pagefind-ignore` bare, ="index" or ="all"
# (the check-in help and tables, the charts, the figures a check-in moves); found by the
# attribute, then its tag: a team page has thousands of tags and a hundred of these
_IGNORE = "data-pagefind-ignore"
_IGNORED_VALUE = re.compile(r'(?:="(?:index|all)")?[\s/>]')
_TAG = re.compile(r"<([a-z][a-z0-9]*)\b", re.IGNORECASE)
# what Pagefind still reads of an ignored element, on it or inside it (none of ours holds
# any): filters, metadata, sorting, a body, the page's title (its first <h1>) and image; and
# what this reading of the HTML does not follow (comments, scripts, styles)
_READ_ANYWAY = re.compile(
    r"\sdata-pagefind-(?:filter|meta|default-meta|sort|body|index-attrs)\b"
    r"|<(?:h1|img|script|style)\b|<!--",
    re.IGNORECASE,
)


# the canonical address okr serve gives every page, in the head: the one part of a page that
# differs between a preview and a build, and nothing Pagefind reads (a link that carries a
# data-pagefind- attribute is left to it; `[^<>]` keeps the search linear)
_CANONICAL = re.compile(
    r"<link(?=[\s/])(?![^<>]*\bdata-pagefind-)[^<>]*\brel=[\"']?canonical\b[^<>]*>",
    re.IGNORECASE,
)
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)


def searchable(html: str) -> str | None:
    """What Pagefind needs of a written page: None for a page it would skip (no
    `data-pagefind-body`), else the page without the elements it would ignore and without
    the head's canonical address. Only what is surely ignored is left out; anything else (an
    element whose end cannot be told by counting its tag, one holding what Pagefind reads
    even there, one inside a comment) is left for Pagefind to judge, so the index is the one
    it makes of the whole page."""
    body = _BODY.search(html)
    if body is None:
        return None
    head = _HEAD_END.search(html, 0, body.start())  # a head before the body
    if head is not None and "<!--" not in html[: head.start()]:
        html = _CANONICAL.sub("", html[: head.start()]) + html[head.start() :]
    kept, at, pos = [], 0, 0
    while (found := html.find(_IGNORE, pos)) >= 0:
        pos = found + len(_IGNORE)
        if not html[found - 1].isspace() or not _IGNORED_VALUE.match(html, pos):
            continue  # another attribute, or text
        opened = html.rfind("<", at, found)
        tag = _TAG.match(html, opened) if opened >= 0 else None
        closed = html.find(">", pos)
        start = html[opened:found]
        if (
            tag is None
            or closed < 0
            or ">" in start
            or start.count('"') % 2
            or start.count("'") % 2  # inside an attribute's value
            or html.rfind("<!--", at, found) > html.rfind("-->", at, found)  # in a comment
        ):
            continue
        end = _end_of(html, tag.group(1), closed + 1)
        if end < 0 or _READ_ANYWAY.search(html, opened, end):
            continue
        kept.append(html[at:opened])
        at = pos = end
    kept.append(html[at:])
    return "".join(kept)


def _end_of(html: str, tag: str, at: int) -> int:
    """Where the element of `tag` opened just before `at` ends (after its end tag), counting
    elements of the same tag inside it; -1 when it is never closed."""
    opening = re.compile(rf"<{tag}[\s>/]|</{tag}\s*>", re.IGNORECASE)
    depth = 1
    for found in opening.finditer(html, at):
        depth += -1 if found.group().startswith("</") else 1
        if depth == 0:
            return found.end()
    return -1


def body_copy(lang: str, title: str, body: str) -> str | None:
    """What Pagefind needs of a page whose searched part is `body` (the content of its
    `<main data-pagefind-body>`): the same index as the page wrapped in the theme, whose
    header and footer hold nothing Pagefind reads."""
    return searchable(
        f'<!doctype html>\n<html lang="{escape(lang)}">\n<head><meta charset="utf-8">'
        f"<title>{escape(title)}</title></head>\n<body><main data-pagefind-body>{body}</main>"
        "</body>\n</html>\n"
    )
