"""The rows of a status list (every key result of a period in one status), written in Python:
at 1,000 teams the lists hold 12,000 rows, and Jinja's macro calls for each were a second of
every rebuild. Every value is escaped as the templates' `finalize` and autoescape do."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from ..model import Model, PeriodView
from . import urls
from .html import html_text, owner


def rows(
    model: Model,
    view: PeriodView,
    items: list[tuple[Any, Any, Any]],
    ui: dict[str, str],
    link: Callable[[str], str],
    measure: Callable[[Any], str],
) -> Markup:
    """One table row per (team period, objective, key result); `measure` writes a key
    result's score (a finished period) or progress."""
    labels = {name: html_text(ui[name]) for name in ("key_result", "team", "owner")}
    measured = html_text(ui["score"] if view.finished else ui["progress"])
    latest_label = html_text(ui["latest_check_in"])
    committed = f' <span class="tag">{html_text(ui["committed"])}</span>'
    none_yet = f'<span class="muted">{html_text(ui["no_check_in"])}</span>'
    nobody = f'<span class="muted">{html_text(ui["no_owner"])}</span>'
    out = []
    for tp, o, kr in items:
        kr_href = html_text(link(urls.kr_link(view.id, tp.team.id, o.id, kr.id)))
        team_href = html_text(link(urls.team_page(view.id, tp.team.id)))
        title = f"{html_text(o.id)}/{html_text(kr.id)}: {html_text(kr.title)}"
        who = owner(model, kr.owner, link, nobody)
        day = html_text(kr.latest.day) if kr.latest else None
        latest = f'<time datetime="{day}">{day}</time>' if day is not None else none_yet
        out.append(
            "    <tr>\n"
            f'      <td data-label="{labels["key_result"]}"><a href="{kr_href}">{title}</a>'
            f"{committed if kr.type == 'committed' else ''}</td>\n"
            f'      <td data-label="{labels["team"]}"><a href="{team_href}">'
            f"{html_text(tp.team.name)}</a></td>\n"
            f'      <td data-label="{labels["owner"]}">{who}</td>\n'
            f'      <td data-label="{measured}">{html_text(measure(kr))}</td>\n'
            f'      <td data-label="{latest_label}">{latest}</td>\n'
            "    </tr>"
        )
    return Markup("\n".join(out))
