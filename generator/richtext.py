"""User Markdown (descriptions, notes, retrospectives, recognition) to safe HTML.

Rendered with Python-Markdown, then cleaned by nh3 (the Rust `ammonia` sanitizer) against an
allowlist: no scripts, event handlers, iframes, styles or images; links only to http(s) and
mailto, opened with rel="noopener noreferrer nofollow". The result is the only user-derived
HTML the site emits unescaped.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

TAGS = {
    "p", "br", "hr", "em", "strong", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "del", "s",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}
SCHEMES = {"http", "https", "mailto"}


_local = threading.local()


def _converter() -> markdown.Markdown:
    """One converter per thread, reset between texts: building one costs ~1 ms, more than
    converting a note."""
    converter = getattr(_local, "converter", None)
    if converter is None:
        converter = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")
        _local.converter = converter
    return converter


@lru_cache(maxsize=4096)  # the same note is shown on a team page and on a person's page
def to_html(text: str) -> Markup:
    if not text:
        return Markup("")
    html = _converter().reset().convert(text)
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
