"""The site's search index, made at build time by Pagefind (the `pagefind[extended]` package
ships its binary; the extended build segments Chinese into words).

Pagefind reads the built HTML: only what a page marks with `data-pagefind-body` (the main
content of every page but the 404 and the search page) is indexed, minus what is marked
`data-pagefind-ignore` (check-in tables, the check-in help). Each language of the site gets
its own index (by the page's `lang`). A reader downloads only the index chunks a query needs.
The search page's own script (assets/search.js) explains that search needs the site served
over HTTP when it is opened from a folder.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .errors import OkrError

BUNDLE = "pagefind"  # the folder of the index and its scripts, inside the site
TIMEOUT = 900  # seconds: generous for 10,000 teams on a slow runner


class SearchError(OkrError):
    """Pagefind could not index the site (the message says why)."""


def index(site: Path) -> None:
    """Write the search index of the built site in `site` into `site/pagefind/`."""
    command = [
        sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", BUNDLE,
        "--keep-index-url", "--silent",
    ]  # fmt: skip
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchError(f"the search index was not made: {exc}") from None
    if done.returncode != 0 or not (site / BUNDLE / "pagefind.js").is_file():
        said = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise SearchError("the search index was not made: " + " / ".join(said or ["no output"]))
