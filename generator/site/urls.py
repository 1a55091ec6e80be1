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


# Anchors inside a team page. Ids hold letters, digits, '.', '_' and '-', never '/', so
# objective "a" with key result "b-c" and objective "a-b" with key result "c" stay apart,
# and a key result called "title" cannot take its objective's heading.
def objective_anchor(oid: str) -> str:
    return f"o-{oid}"


def kr_anchor(oid: str, kid: str) -> str:
    return f"o-{oid}/{kid}"


def heading_anchor(oid: str) -> str:
    return f"h-{oid}"


def objective_link(pid: str, team: str, oid: str) -> str:
    return f"{team_page(pid, team)}#{objective_anchor(oid)}"


def kr_link(pid: str, team: str, oid: str, kid: str) -> str:
    return f"{team_page(pid, team)}#{kr_anchor(oid, kid)}"
