"""A key result's check-in table rows, written in Python: the one part of a team page that
repeats for every check-in (twelve a quarter for every key result), where Jinja's macro calls
cost more than the rest of the page. Every value is escaped as the templates' `finalize` and
autoescape do. Columns no check-in of the key result fills are left out."""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup, escape

from .. import richtext
from ..model import CheckIn, KeyResult, Model
from ..numbers import show
from .html import html_text, person


def _value(kr: KeyResult, c: CheckIn, ui: dict[str, str]) -> str:
    if kr.kind == "milestone" and c.done is not None:
        return html_text(ui["done"] if c.done else ui["not_done"])
    if c.value is not None:
        unit = f" {html_text(kr.unit)}" if kr.unit else ""
        return f"{html_text(show(c.value))}{unit}"
    return f'<span class="muted">{html_text(ui["no_value"])}</span>'


def _by(model: Model, c: CheckIn, ui: dict[str, str], link: Callable[[str], str]) -> str:
    if model.automatic(c):
        return (
            f'<span class="tag automatic" title="{html_text(ui["automatic_help"])}">'
            f"{html_text(ui['automatic'])} · {html_text(c.by)}</span>"
        )
    return person(model, c.by, link) if c.by else ""


def one_author(model: Model, kr: KeyResult) -> str | None:
    """The person who wrote every check-in of the key result, when one did them all (most
    key results): said once above the table rather than on every row."""
    people = {c.by for c in kr.check_ins}
    if len(kr.check_ins) < 2 or len(people) != 1 or any(map(model.automatic, kr.check_ins)):
        return None
    return next(iter(people)) or None


def author_line(
    model: Model, kr: KeyResult, ui: dict[str, str], link: Callable[[str], str]
) -> Markup:
    """ "All check-ins by <person>", or nothing when several people (or a source) wrote them."""
    by = one_author(model, kr)
    if by is None:
        return Markup("")
    name = _by(model, kr.check_ins[0], ui, link)
    return Markup('<p class="small muted">{}</p>').format(
        escape(ui["all_check_ins_by"]).format(name=Markup(name))
    )


def columns(model: Model, kr: KeyResult) -> tuple[str, ...]:
    """The check-in table's columns: date and value always, the others when some check-in
    of this key result fills them (an empty column only widens the table on a phone), and
    the author when several people wrote them."""
    optional = {
        "status": any(c.status for c in kr.check_ins),
        "confidence": any(c.confidence is not None for c in kr.check_ins),
        "note": any(c.note for c in kr.check_ins),
        "by": any(c.by or model.automatic(c) for c in kr.check_ins)
        and one_author(model, kr) is None,
    }
    return ("date", "value", *(name for name, used in optional.items() if used))


def rows(
    model: Model,
    kr: KeyResult,
    ui: dict[str, str],
    link: Callable[[str], str],
    shown: tuple[str, ...],
) -> Markup:
    """The table's rows, newest first, with the `shown` columns (as its header has them)."""
    out = []
    for c in reversed(kr.check_ins):
        day = html_text(str(c.day))
        # an ISO date is its own machine-readable form: no datetime attribute needed
        cells = [f"<td><time>{day}</time></td>", f"<td>{_value(kr, c, ui)}</td>"]
        if "status" in shown:
            state = html_text(c.status) if c.status else ""
            said = html_text(ui[c.status]) if state else ""
            word = f'<span class="status status-{state}">{said}</span>' if state else ""
            cells.append(f"<td>{word}</td>")
        if "confidence" in shown:
            confidence = html_text(f"{c.confidence}/10") if c.confidence is not None else ""
            cells.append(f"<td>{confidence}</td>")
        if "note" in shown:
            note = richtext.to_inline_html(c.note) if c.note else ""
            cells.append(f'<td class="md">{note}</td>')
        if "by" in shown:
            cells.append(f"<td>{_by(model, c, ui, link)}</td>")
        out.append(f"<tr>{''.join(cells)}</tr>")
    return Markup("\n".join(out))
