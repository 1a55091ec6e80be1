"""The file matches its JSON Schema: fields, types, required fields, allowed values, formats.

`okrs/org.yaml` follows `schema/org.schema.json`; every `okrs/<period>/<team>.yaml` follows
`schema/okr-file.schema.json`. The messages name the field, say what is allowed, and suggest
the closest known field for a typo. Beyond JSON Schema, numbers must be finite and
`company.timezone` must be a real IANA time zone. Fields that look like ratings of people are
reported by `no-appraisal-fields` instead, with the reason.

**Fails:**

```yaml okrs/2026-Q4/platform.yaml
team: platform
period: 2026-Q4
objectives:
  - id: O1
    titel: Make the platform boringly reliable
    key_results: []
```

**Passes:**

```yaml okrs/2026-Q4/platform.yaml
team: platform
period: 2026-Q4
objectives:
  - id: O1
    title: Make the platform boringly reliable
    key_results: []
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from jsonschema import ValidationError

from .. import numbers, validation
from ..context import Context
from ..options import Option
from ..problem import DataPath, Finding, Severity
from ..suggest import closest
from ..textsafe import INVISIBLE, quote
from ..workspace import Document
from .no_appraisal_fields import is_appraisal_key

ID = "schema"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, Option] = {}
NEEDS_VALID = False

_NOUNS = {
    "objectives": "objective",
    "key_results": "key result",
    "check_ins": "check-in",
    "initiatives": "initiative",
    "recognition": "recognition",
    "teams": "team",
    "people": "person",
    "periods": "period",
    "metric": "metric",
    "threshold": "threshold",
    "company": "company",
}
_TYPES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of fields",
    "null": "empty",
}
_PATTERNS = {
    "slug": "use lowercase letters, digits and single hyphens, like 'platform' or 'alice'",
    "okr-id": "use letters, digits, '.', '_' and '-', at most 32 characters, like 'O1', 'KR2' "
    "or '1.2'",
    "tag": "a tag is a word of at most 24 characters (letters or digits first, then also "
    "spaces, '.', '+' or '-'), like 'p0' or 'latency'",
    "period": "use YYYY, YYYY-H1, YYYY-Q4 or a custom period id declared in org.yaml",
    "date": "write dates as YYYY-MM-DD, like 2026-10-06",
    "reference": "write [<period>:]<team>/<objective>[/<key-result>], like acme/O2 or 2026:acme/O1",
    "url": "links must start with http:// or https://",
    "github": "use a GitHub handle like @acme/platform or @alice",
}


def check(doc: Document, ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if not doc.loaded or doc.kind == "stray" or doc.valid:
        return
    skip_appraisal = ctx.enabled("no-appraisal-fields")
    found: list[Finding] = []  # jsonschema reports one `required` error per missing field
    for error in validation.schema_errors(doc.kind, doc.data):
        found.extend(f for f in _findings(error, skip_appraisal) if f not in found)
    # "unknown field 'titel'; did you mean 'title'?" already says what "missing 'title'" would
    suggested = {(f.path[:-1], _SUGGESTION.search(f.message).group(1)) for f in found
                 if _SUGGESTION.search(f.message) and f.at == "key"}  # fmt: skip
    for finding in found:
        missing = _MISSING.search(finding.message)
        if missing and (finding.path, missing.group(1)) in suggested:
            continue
        yield finding
    for path, message in validation.extra_errors(doc.kind, doc.data):
        yield Finding(path, message)


_SUGGESTION = re.compile(r"did you mean '([^']+)'\?")
_MISSING = re.compile(r"is missing the required field '([^']+)'$")


def _invisible(text: str) -> str:
    names = {"\ufeff": "a byte-order mark", "\u200b": "a zero-width space"}
    char = next(c for c in text if c in INVISIBLE)
    return f"U+{ord(char):04X}, {names.get(char, 'a zero-width character')}"


def _noun(path: DataPath) -> str:
    for step in reversed(path):
        if isinstance(step, str):
            return _NOUNS.get(step, f"{quote(step)}")
    return "the file"


def _field(path: DataPath) -> str:
    name = next((s for s in reversed(path) if isinstance(s, str)), None)
    return f"{quote(name)}" if name else "the file"


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing"
    if isinstance(value, int | float):
        return numbers.show(value)
    return quote(value)


def _pattern_kind(error: ValidationError) -> str | None:
    pattern = error.schema.get("pattern", "") if isinstance(error.schema, dict) else ""
    if "https?" in pattern:
        return "url"
    if pattern.startswith("^@"):
        return "github"
    if "{4}-[0-9]{2}" in pattern:
        return "date"
    if "/" in pattern:
        return "reference"
    if pattern.startswith("^[a-z0-9]+"):
        return "slug"
    if pattern.startswith("^[A-Za-z0-9]+(-"):
        return "period"
    if pattern.startswith("^[A-Za-z0-9]["):
        return "okr-id"
    if pattern.startswith("^[\\w]"):
        return "tag"
    return None


def _findings(error: ValidationError, skip_appraisal: bool) -> Iterator[Finding]:
    path: DataPath = tuple(error.absolute_path)
    kind = error.validator
    instance = error.instance
    custom = error.schema.get("errorMessage", {}) if isinstance(error.schema, dict) else {}
    if isinstance(custom, dict) and kind in custom:
        yield Finding(path, str(custom[kind]))
    elif kind == "additionalProperties" and isinstance(instance, dict):
        allowed = list(error.schema.get("properties", {}))
        for key in instance:
            if key in allowed or (skip_appraisal and is_appraisal_key(key)):
                continue
            visible = "".join(c for c in key if c not in INVISIBLE)
            if visible != key and visible in allowed:
                yield Finding(
                    (*path, key),
                    f"the field {quote(visible)} holds an invisible character "
                    f"({_invisible(key)}), so it is not read; delete that character",
                    at="key",
                )
                continue
            close = closest(key, allowed)
            hint = f"did you mean {quote(close)}? " if close else ""
            yield Finding(
                (*path, key),
                f"unknown field {quote(key)} in {_noun(path)}; {hint}allowed: {', '.join(allowed)}",
                at="key",
            )
    elif kind == "required":
        missing = [name for name in error.validator_value if name not in instance]
        for name in missing:
            yield Finding(path, f"{_noun(path)} is missing the required field {quote(name)}")
    elif kind == "type":
        wanted = error.validator_value
        names = [_TYPES.get(t, t) for t in (wanted if isinstance(wanted, list) else [wanted])]
        hint = ""
        if (
            wanted == "string"
            and isinstance(instance, int | float)
            and not isinstance(instance, bool)
        ):
            # YAML reads `id: 1.2` as a number (and `1.10` as 1.1): quotes keep it as written
            hint = '; YAML read it as a number: put it in quotes as you mean it, e.g. "1.2"'
        yield Finding(
            path, f"{_field(path)} must be {' or '.join(names)}, not {_show(instance)}{hint}"
        )
    elif kind == "enum":
        options = [str(v) for v in error.validator_value]
        close = closest(str(instance), options)
        hint = f"; did you mean {quote(close)}?" if close else ""
        yield Finding(
            path, f"{_field(path)} is {_show(instance)}; use one of: {', '.join(options)}{hint}"
        )
    elif kind == "const":
        yield Finding(
            path,
            f"{_field(path)} must be {_show(error.validator_value)}; leave the field out otherwise",
        )
    elif kind == "pattern":
        advice = _PATTERNS.get(_pattern_kind(error) or "", "see the format reference")
        yield Finding(path, f"{_field(path)} {_show(instance)} is not valid: {advice}")
    elif kind == "format":
        what = "a real calendar date" if error.validator_value == "date" else error.validator_value
        yield Finding(path, f"{_field(path)} {_show(instance)} is not {what}")
    elif kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        bound = {
            "minimum": "at least",
            "maximum": "at most",
            "exclusiveMinimum": "more than",
            "exclusiveMaximum": "less than",
        }[kind]
        yield Finding(
            path,
            f"{_field(path)} is {_show(instance)}; it must be {bound} "
            f"{numbers.show(error.validator_value)}",
        )
    elif kind == "minLength":
        yield Finding(path, f"{_field(path)} must not be empty")
    elif kind == "maxLength":
        yield Finding(
            path,
            f"{_field(path)} is {len(instance)} characters long; "
            f"shorten it to at most {error.validator_value}",
        )
    elif kind == "maxItems":
        yield Finding(
            path,
            f"{_field(path)} lists {numbers.plural(len(instance), 'entry', 'entries')}; keep at "
            f"most {error.validator_value}",
        )
    elif kind == "uniqueItems":
        yield Finding(path, f"{_field(path)} lists the same entry twice; list each once")
    elif kind == "minItems":
        least = error.validator_value
        yield Finding(
            path,
            f"{_field(path)} must list at least {numbers.plural(least, 'entry', 'entries')}",
        )
    else:
        yield Finding(path, f"{_field(path)}: {error.message}")
