"""The site's search index, made at build time by Pagefind (the `pagefind[extended]` package
ships its binary; the extended build segments Chinese into words).

Pagefind reads HTML: only what a page marks with `data-pagefind-body` (the main content of
every page but the 404 and the search page) is indexed, minus what is marked
`data-pagefind-ignore` (check-in tables, the check-in help). Each language of the site gets
its own index (by the page's `lang`). A reader downloads only the index chunks a query needs.

It is given a copy of each searchable page as MkDocs writes it, without the ignored blocks
(the check-in tables are half a team page): the index is byte for byte the one Pagefind makes
of the whole site, in about two thirds of the time. Pagefind's Python API (records sent to
its service) measured 20 times slower than its command line, which is used.
The search page's own script (assets/search.js) explains that search needs the site served
over HTTP when it is opened from a folder.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from .errors import OkrError

BUNDLE = "pagefind"  # the folder of the index and its scripts, inside the site
ENTRY = "pagefind-entry.json"  # what the search page reads first: the index of each language
TIMEOUT = 900  # seconds: generous for 10,000 teams on a slow runner


class SearchError(OkrError):
    """Pagefind could not index the site (the message says why)."""


_BODY = re.compile(r"<[a-z]+\b[^>]*\sdata-pagefind-body\b")
_IGNORED_START = re.compile(r"<details\b[^>]*\sdata-pagefind-ignore\b[^>]*>")
_END = "</details>"


def searchable(html: str) -> str | None:
    """What Pagefind needs of a written page: None for a page it would skip (no
    `data-pagefind-body`), else the page without the `<details data-pagefind-ignore>`
    blocks it would ignore (a block holding another <details> is left for Pagefind)."""
    if not _BODY.search(html):
        return None
    kept, at = [], 0
    for start in _IGNORED_START.finditer(html):
        if start.start() < at:
            continue
        end = html.find(_END, start.end())
        if end < 0 or "<details" in html[start.end() : end]:
            continue
        kept.append(html[at : start.start()])
        at = end + len(_END)
    kept.append(html[at:])
    return "".join(kept)


def index(pages: Path, output: Path) -> None:
    """Write the search index of the pages under `pages` (the site's layout: their paths are
    their URLs) into `output` (the site's `pagefind/`)."""
    command = [
        sys.executable, "-m", "pagefind", "--site", str(pages), "--output-path", str(output),
        "--keep-index-url", "--silent",
    ]  # fmt: skip
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchError(f"the search index was not made: {exc}") from None
    if done.returncode != 0 or not (output / "pagefind.js").is_file():
        said = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise SearchError("the search index was not made: " + " / ".join(said or ["no output"]))
    entry = output / ENTRY
    try:
        entry.write_bytes(in_order(entry.read_bytes()))
    except (OSError, ValueError) as exc:
        raise SearchError(f"the search index was not made: {ENTRY}: {exc}") from None


def in_order(entry: bytes) -> bytes:
    """Pagefind's entry file with its languages in a fixed order: Pagefind writes them in
    the order of a hash map, which changes from run to run (a site in two languages would
    differ between two builds of the same files)."""
    data = json.loads(entry)
    if isinstance(data, dict) and isinstance(data.get("languages"), dict):
        data["languages"] = dict(sorted(data["languages"].items()))
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
