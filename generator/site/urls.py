"""Where every page lives (source paths as MkDocs sees them) and how pages link to each other
with relative URLs, so the site works from any folder or host.

Both URL styles MkDocs offers work: `use_directory_urls: false` (`teams.html`, what okr init
writes: it works from file://) and `true` (`teams/`, MkDocs' default).

A user's id never takes the place of a page of the site: generated pages live in folders of
their own (`periods/<period>/teams/<team>`, `people/<person>`), and an id that MkDocs would
read as the folder's index page (`index`, `readme`) gets a trailing `_`, which no id can
hold, so `people/index` never replaces the People page under directory URLs.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache

HOME = "index.md"
TEAMS = "teams.md"
PEOPLE = "people.md"  # people/ holds only person pages, so no id can replace the index
ARCHIVE = "archive.md"
HEALTH = "health.md"
EXPORTS = "exports.md"
ALIGNMENT = "alignment.md"  # the current period's alignment
CHANGES = "changes.md"
SEARCH = "search.md"  # reached from the search box on every page, never the nav


TOP = (HOME, TEAMS, PEOPLE, ARCHIVE, HEALTH, EXPORTS, ALIGNMENT, CHANGES, SEARCH)


def generated(src: str) -> bool:
    """Whether a source path is a page the site generates (not a help page of docs/)."""
    return src in TOP or src.startswith(("periods/", "people/"))


def period_home(pid: str) -> str:
    return f"periods/{pid}/index.md"


# MkDocs reads these page names as the index page of their folder (case as MkDocs compares)
_INDEX_NAMES = ("index", "readme")


def page_name(ident: str) -> str:
    """An id as the name of its page: itself, unless MkDocs would take it for an index."""
    return f"{ident}_" if ident.lower() in _INDEX_NAMES else ident


def team_page(pid: str, team: str) -> str:
    return f"periods/{pid}/teams/{page_name(team)}.md"


def alignment(pid: str) -> str:
    return f"periods/{pid}/alignment.md"


def _nth(page: int) -> str:
    """The suffix of a list's page after its first: `-2`, `-3`, ..."""
    return f"-{page}" if page > 1 else ""


def attention(pid: str, page: int = 1) -> str:
    """What needs attention in a period, most urgent first, over pages `attention-2`, ..."""
    return f"periods/{pid}/attention{_nth(page)}.md"


def heatmap(pid: str, page: int = 1) -> str:
    """The teams × objectives heatmap of a period, over pages `heatmap-2`, ... of teams."""
    return f"periods/{pid}/heatmap{_nth(page)}.md"


def state_list(pid: str, state: str, page: int = 1) -> str:
    """The key results of a period in one state (what a status count counts); a long list
    goes on over pages `<state>-2`, `<state>-3`, ... (state names hold no `-`)."""
    return f"periods/{pid}/states/{state}{_nth(page)}.md"


def person(pid: str) -> str:
    return f"people/{page_name(pid)}.md"


def url(src: str, directory: bool = False) -> str:
    """The URL of a source path, as MkDocs writes it: `a/b.md` is `a/b.html`, or `a/b/` with
    directory URLs (`a/index.md` is `a/`, and `index.md` is the site's root, ``)."""
    if not src.endswith(".md"):
        return src
    stem = src[:-3]
    if not directory:
        return stem + ".html"
    folder, _, name = stem.rpartition("/")
    if name.lower() in _INDEX_NAMES:
        return f"{folder}/" if folder else ""
    return f"{stem}/"


def _relpath(path: str, start: str) -> str:
    """posixpath.relpath for the site's relative paths, without its two os.getcwd() calls
    (a hundred thousand links a build)."""
    if path.startswith("/") or start.startswith("/") or ".." in path or ".." in start:
        return posixpath.relpath(path, start)
    to = [part for part in path.split("/") if part and part != "."]
    here = [part for part in start.split("/") if part and part != "."]
    common = 0
    for a, b in zip(to, here, strict=False):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(here) - common) + to[common:]
    return "/".join(parts) if parts else "."


@lru_cache(maxsize=1 << 16)  # every page links the same few targets many times
def relative(from_src: str, to: str, directory: bool = False) -> str:
    """A link from the page `from_src` to the page or file `to` (with an optional #anchor)."""
    target, _, anchor = to.partition("#")
    here = url(from_src, directory)
    start = here.rstrip("/") if here.endswith("/") or not here else posixpath.dirname(here)
    there = url(target, directory)
    link = _relpath(there or ".", start or ".")
    if there.endswith("/") or not there:
        link = "./" if link == "." else f"{link}/"
    return f"{link}#{anchor}" if anchor else link


# Anchors inside a team page. Ids hold letters, digits, '.', '_' and '-', never '/', so
# objective "a" with key result "b-c" and objective "a-b" with key result "c" stay apart,
# and a key result called "title" cannot take its objective's heading.
def objective_anchor(oid: str) -> str:
    return f"o-{oid}"


def kr_anchor(oid: str, kid: str) -> str:
    return f"o-{oid}/{kid}"


def chart_ids(oid: str, kid: str) -> str:
    """What a key result's chart prefixes its title and description ids with."""
    return f"c-{oid}/{kid}"


def heading_anchor(oid: str) -> str:
    return f"h-{oid}"


def objective_link(pid: str, team: str, oid: str) -> str:
    return f"{team_page(pid, team)}#{objective_anchor(oid)}"


def kr_link(pid: str, team: str, oid: str, kid: str) -> str:
    return f"{team_page(pid, team)}#{kr_anchor(oid, kid)}"
