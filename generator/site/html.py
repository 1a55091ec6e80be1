"""HTML written in Python for the parts of pages that repeat thousands of times (check-in
rows, status lists), escaped exactly as the templates' `finalize` and autoescape do."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup, escape

from ..model import Model
from ..textsafe import markup_text
from . import urls


def html_text(value: Any) -> Markup:
    """As `{{ value }}` writes it: markup passes, text is cleaned and escaped."""
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return escape(markup_text(value))
    return escape(value)


def person(model: Model, pid: str, link: Callable[[str], str]) -> str:
    """As the templates' `x.person` macro writes someone named: a link to their page when
    they have one, else their name."""
    name = html_text(model.person_name(pid))
    if pid in model.people:
        return f'<a class="person" href="{html_text(link(urls.person(pid)))}">{name}</a>'
    return str(name)


def owner(model: Model, pid: str | None, link: Callable[[str], str], nobody: str) -> str:
    """As the templates' `x.person` macro writes an owner: the person, or `nobody` (the
    "no owner" HTML the caller wrote once) when there is none."""
    return person(model, pid, link) if pid else nobody
