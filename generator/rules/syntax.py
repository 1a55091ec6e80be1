"""The file is UTF-8 YAML that parses, with no duplicate keys and no alias bombs.

OKR files are YAML 1.2: `no`, `on` and `off` are plain words and dates stay as written. A file
that fails to load gets this one finding, at the exact spot, and the other files are still
checked. The slips people make in YAML are named as such, at the slip rather than where the
parser gave up, with the fix: a `: ` inside an unquoted title, a value starting with `@`,
`%`, `*`, `&`, `!` or a backtick, a tab or an indentation one space off its siblings, a
missing space after `key:`, and full-width punctuation from a Chinese input method (`：`,
`，`, `［］`, a full-width space or digits). Those the parser accepts but that change what the
file says (`title: &Co wins` loses `&Co`) are reported too.
The limits below refuse files that would take unbounded memory or time to read:
anchors and aliases that multiply into millions of values, absurd nesting, huge files.

Options:

- `max-bytes` (default 2097152, at most 67108864): the largest file accepted, in bytes.
- `max-depth` (default 64, at most 256): the deepest nesting accepted.
- `max-nodes` (default 250000, at most 10000000): the most values a file may expand to,
  aliases included.
- `max-digits` (default 30, at most 300): the most digits in one number (write `1.5e9`, or
  use a larger unit; quote text that only looks like a number).
- `max-files` (default 100000, at most 1000000): the most files read from the OKR folder.

org.yaml lists every team and person of the company: it may hold eight times `max-bytes` and
`max-nodes` (a company of 10,000 teams and 20,000 people writes about 2.4 MB).

Only regular files are read. A symbolic link that leads out of the OKR folder, loops or
dangles, a link to a folder, a named pipe, a socket or a device gets this finding and is
not opened; folders nested more than 8 deep are reported, not searched.

**Fails:**

```yaml okrs/2026-Q4/platform.yaml
team: platform
period: 2026-Q4
team: platform
objectives: []
```

**Passes:**

```yaml okrs/2026-Q4/platform.yaml
team: platform
period: 2026-Q4
objectives: []
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..context import Context
from ..loader import MAX_DEPTH, UNSUPPORTED_TAG, Limits
from ..options import Option, count
from ..parserwords import PARSE_ERROR
from ..problem import Finding, Severity
from ..slips import explain, find_slips
from ..workspace import Document

ID = "syntax"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, Option] = {
    "max-bytes": count(2 * 1024 * 1024, 64 * 1024 * 1024),
    "max-depth": count(64, MAX_DEPTH),
    "max-nodes": count(250_000, 10_000_000),
    "max-digits": count(30, 300),
    "max-files": count(100_000, 1_000_000),
}
NEEDS_VALID = False


def limits(options: Mapping[str, Any]) -> Limits:
    return Limits(
        options["max-bytes"],
        options["max-depth"],
        options["max-nodes"],
        options["max-digits"],
        options["max-files"],
    )


def check(doc: Document, ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    error = doc.load_error
    if error is None:
        # A slip the parser accepted still changed what the file says: `title: &Co wins`
        # makes `&Co` an anchor and drops it, `tags: [p0，p1]` is one tag. Such a change
        # leaves the file failing the schema, but for an anchor: a file that passes and holds
        # no `&` has no slip, and is not scanned (the scan costs several parses)
        text = doc.text or ""
        if doc.valid and "&" not in text:
            return
        for slip in find_slips(text):
            yield Finding((), slip.message, position=(slip.line, slip.column))
        return
    # "mapping values are not allowed here" names the parser's trouble, often a line late:
    # the slip behind it (a ': ' in a title, a full-width colon...) is named where it is
    # not a limit or a duplicate key: those are what they say
    parse_error = error.message.startswith((PARSE_ERROR, UNSUPPORTED_TAG))
    slip = explain(doc.text, error.line, error.column) if doc.text and parse_error else None
    if slip is not None:
        yield Finding((), slip.message, position=(slip.line, slip.column))
    else:
        yield Finding((), error.message, position=(error.line, error.column))
