"""User Markdown (descriptions, notes, retrospectives, recognition) to safe HTML.

Rendered by markdown-it-py (CommonMark, with tables and strikethrough), then cleaned by nh3
(the Rust `ammonia` sanitizer) against an allowlist: no scripts, event handlers, iframes,
styles or images; links only to http(s) and mailto, opened with rel="noopener noreferrer
nofollow". The result is the only user-derived HTML the site emits unescaped.

A note is anyone's text, so its cost must follow its length whatever its shape: markdown-it
parses in time linear in the text and bounds nesting (lists in lists, quotes in quotes) at
`maxNesting` levels. Python-Markdown, used before, recursed once per nested list marker (a
1 KB note of "- - - ..." stopped every build with a RecursionError) and took time quadratic
in a run of "[" (a 16 KB note: 22 s).
"""

from __future__ import annotations

import threading
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

TAGS = {
    "p", "br", "hr", "em", "strong", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "del", "s",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}
SCHEMES = {"http", "https", "mailto"}


_local = threading.local()
# levels of lists and quotes a text may nest: beyond them markdown-it stops reading the
# block, so a text that reaches them is shown as written rather than cut short
NESTING = 50


def _converter() -> MarkdownIt:
    """One parser per thread (building one costs more than converting a note)."""
    converter = getattr(_local, "converter", None)
    if converter is None:
        # raw HTML is passed on, to be cleaned by nh3 like the rest
        options = {"html": True, "maxNesting": NESTING}
        converter = MarkdownIt("commonmark", options).enable(["table", "strikethrough"])
        _local.converter = converter
    return converter


@lru_cache(maxsize=4096)  # the same note is shown on a team page and on a person's page
def to_html(text: str) -> Markup:
    if not text:
        return Markup("")
    converter = _converter()
    tokens = converter.parse(text)
    if any(token.level >= NESTING - 1 for token in tokens):
        html = f"<p>{escape(text)}</p>"
    else:
        html = converter.renderer.render(tokens, converter.options, {})
    clean = nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return Markup(clean)


@lru_cache(maxsize=4096)
def to_inline_html(text: str) -> Markup:
    """Markdown for one-line fields (check-in notes): the same cleaning, no wrapping <p>."""
    html = str(to_html(text)).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)
