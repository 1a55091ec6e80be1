"""GitHub handles, one rule for every place that reads them: the org.yaml schema (so
`okr check` reports a bad one at its line) and `okr codeowners` (which writes them into
CODEOWNERS, where a newline in a handle would be a line of its own).

`@user`: letters, digits and single inner hyphens, at most 39 characters. `@org/team`: the
organisation as a user name, the team slug of letters, digits, `_` and inner hyphens.
"""

from __future__ import annotations

import re

_USER = r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}"
_TEAM = r"[A-Za-z0-9_](?:[A-Za-z0-9_]|-(?=[A-Za-z0-9_])){0,99}"
# The schema holds this very pattern (a test keeps them equal); `$` is the end of the text.
PATTERN = f"^@{_USER}(?:/{_TEAM})?$"
_HANDLE = re.compile(PATTERN[:-1] + r"\Z")


def is_handle(text: object) -> bool:
    return isinstance(text, str) and _HANDLE.match(text) is not None
