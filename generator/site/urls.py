"""Where every page lives (source paths as MkDocs sees them; URLs end in .html) and how pages
link to each other with relative URLs, so the site works from any folder or host."""

from __future__ import annotations

import posixpath

HOME = "index.md"
TEAMS = "teams.md"
PEOPLE = "people.md"  # people/ holds only person pages, so no id can replace the index
ARCHIVE = "archive.md"
HEALTH = "health.md"
EXPORTS = "exports.md"
ALIGNMENT = "alignment.md"  # the current period's alignment
CHANGES = "changes.md"


def period_home(pid: str) -> str:
    return f"periods/{pid}/index.md"


def team_page(pid: str, team: str) -> str:
    return f"periods/{pid}/teams/{team}.md"


def alignment(pid: str) -> str:
    return f"periods/{pid}/alignment.md"


def person(pid: str) -> str:
    return f"people/{pid}.md"


def url(src: str) -> str:
    """The URL of a source path, as MkDocs writes it with `use_directory_urls: false`."""
    return src[:-3] + ".html" if src.endswith(".md") else src


def relative(from_src: str, to: str) -> str:
    """A link from the page `from_src` to the page or file `to` (with an optional #anchor)."""
    target, _, anchor = to.partition("#")
    start = posixpath.dirname(url(from_src)) or "."
    link = posixpath.relpath(url(target), start)
    return f"{link}#{anchor}" if anchor else link
