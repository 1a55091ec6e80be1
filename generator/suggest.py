"""Did-you-mean, owned here: the one way an unknown id is matched to the ids that exist, for
the checker's messages and the authoring commands alike."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def near(name: str) -> str:
    """An id as people mistype it: in other letter case, or with the digit 0 for the letter O
    (and l or I for 1)."""
    return name.casefold().replace("0", "o").replace("l", "1").replace("i", "1")


def closest(name: str, known: Iterable[str]) -> str | None:
    """The known id `name` most likely meant, or None when nothing is close."""
    candidates = [k for k in known if isinstance(k, str)]
    same = [k for k in candidates if near(k) == near(name)]
    close = same or difflib.get_close_matches(name, candidates, n=1)
    return close[0] if close else None
