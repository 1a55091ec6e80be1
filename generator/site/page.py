"""A page of the site as the generator made it, before the theme wraps it, and the jobs
that make pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class Page:
    src: str
    title: str
    html: str
    source: str | None = None  # the OKR file the page shows (okrs/<period>/<team>.yaml)
    # in the search index: the pages a result should lead to (teams, people and their
    # objectives, key results, initiatives, tags), not the pages that gather them
    searchable: bool = False


# what makes a page or a few: a Builder method and the ids it makes them from
Job = tuple[str, tuple[str, ...]]
# what a job made: its pages (in order; key results' charts drawn into them), the specs of
# the charts they show as files, and other files
Made = tuple[list[Page], dict[str, dict[str, Any]], dict[str, bytes]]
