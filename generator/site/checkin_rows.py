"""A key result's check-in table rows, written in Python: the one part of a team page that
repeats for every check-in (twelve a quarter for every key result), where Jinja's macro calls
cost more than the rest of the page. The output is what the template wrote, byte for byte;
every value is escaped as the templates' `finalize` and autoescape do."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup, escape

from .. import richtext
from ..model import CheckIn, KeyResult, Model
from ..numbers import show
from ..textsafe import markup_text
from . import urls

INDENT = " " * 10


def _text(value: Any) -> Markup:
    """As `{{ value }}` writes it: markup passes, text is cleaned and escaped."""
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return escape(markup_text(value))
    return escape(value)


def _value(kr: KeyResult, c: CheckIn, ui: dict[str, str]) -> str:
    if kr.kind == "milestone" and c.done is not None:
        return _text(ui["done"] if c.done else ui["not_done"])
    if c.value is not None:
        unit = f" {_text(kr.unit)}" if kr.unit else ""
        return f"{_text(show(c.value))}{unit}"
    return f'<span class="muted">{_text(ui["no_value"])}</span>'


def _by(model: Model, c: CheckIn, ui: dict[str, str], link: Callable[[str], str]) -> str:
    if model.automatic(c):
        return (
            f'<span class="tag automatic" title="{_text(ui["automatic_help"])}">'
            f"{_text(ui['automatic'])} · {_text(c.by)}</span>"
        )
    if not c.by:
        return ""
    name = _text(model.person_name(c.by))
    if c.by in model.people:
        return f'<a class="person" href="{_text(link(urls.person(c.by)))}">{name}</a>'
    return str(name)


def rows(model: Model, kr: KeyResult, ui: dict[str, str], link: Callable[[str], str]) -> Markup:
    out = []
    for c in reversed(kr.check_ins):
        day = _text(str(c.day))
        state = (
            f'<span class="status status-{_text(c.status)}">{_text(ui[c.status])}</span>'
            if c.status
            else ""
        )
        confidence = _text(f"{c.confidence}/10") if c.confidence is not None else ""
        note = richtext.to_inline_html(c.note) if c.note else ""
        out.append(
            f'{INDENT}<tr><td><time datetime="{day}">{day}</time></td>'
            f"<td>{_value(kr, c, ui)}</td><td>{state}</td><td>{confidence}</td>"
            f'<td class="md">{note}</td><td>{_by(model, c, ui, link)}</td></tr>\n'
        )
    return Markup("".join(out).removesuffix("\n"))  # the template's line ends the last
