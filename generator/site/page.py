"""A page of the site as the generator made it, before the theme wraps it, and the jobs
that make pages."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any


class Page:
    """A generated page: its path, title, body (HTML), the OKR file it shows, and whether a
    search result should lead to it.

    A page the last build made and this one keeps (site/jobcache.py) is known by the digest
    of its body, recorded when it was made: what follows it (the theme's record, the search
    copies) compares digests, so a one-file build at 1,000 teams does not unpack the 80 MB of
    bodies that did not change. Its body is unpacked only when something reads it."""

    __slots__ = ("_digest", "_html", "_load", "searchable", "source", "src", "title")

    def __init__(
        self,
        src: str,
        title: str,
        html: str,
        source: str | None = None,
        searchable: bool = False,
    ) -> None:
        self.src = src
        self.title = title
        self.source = source  # the OKR file the page shows (okrs/<period>/<team>.yaml)
        # in the search index: the pages a result should lead to (teams, people and their
        # objectives, key results, initiatives, tags), not the pages that gather them
        self.searchable = searchable
        self._html: str | None = html
        self._digest: str | None = None
        self._load: Callable[[], str] | None = None

    @classmethod
    def kept(
        cls,
        src: str,
        title: str,
        source: str | None,
        searchable: bool,
        digest: str,
        load: Callable[[], str],
    ) -> Page:
        """A page whose body has this digest and is unpacked by `load` when it is read."""
        page = cls(src, title, "", source, searchable)
        page._html, page._digest, page._load = None, digest, load
        return page

    @property
    def html(self) -> str:
        if self._html is None:
            assert self._load is not None
            self._html, self._load = self._load(), None
        return self._html

    @property
    def digest(self) -> str:
        """The SHA-256 of the body (UTF-8, lone surrogates kept as they are)."""
        if self._digest is None:
            self._digest = body_digest(self.html)
        return self._digest

    def fields(self) -> tuple[str, str, str, str | None, bool]:
        """What the page is, its body by its digest."""
        return self.src, self.title, self.digest, self.source, self.searchable

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Page) and self.fields() == other.fields()

    def __hash__(self) -> int:
        return hash(self.fields())

    def __repr__(self) -> str:
        return f"Page({self.src!r}, {self.title!r}, digest={self.digest[:12]})"

    def __reduce__(self) -> tuple[Any, ...]:
        # a worker's page crosses to the parent whole: a loader does not cross processes
        return _whole, (self.src, self.title, self.html, self.source, self.searchable, self._digest)


def _whole(
    src: str, title: str, html: str, source: str | None, searchable: bool, digest: str | None
) -> Page:
    page = Page(src, title, html, source, searchable)
    page._digest = digest
    return page


def body_digest(html: str) -> str:
    return hashlib.sha256(html.encode("utf-8", "surrogatepass")).hexdigest()


# what makes a page or a few: a Builder method and the ids it makes them from
Job = tuple[str, tuple[str, ...]]
# what a job made: its pages (in order; key results' charts drawn into them), the specs of
# the charts they show as files, and other files
Made = tuple[list[Page], dict[str, dict[str, Any]], dict[str, bytes]]
