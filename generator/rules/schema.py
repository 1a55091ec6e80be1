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

import math
import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from .. import numbers, validation
from ..context import Context
from ..options import Option
from ..problem import DataPath, Finding, Message, Severity, say
from ..suggest import closest
from ..textsafe import INVISIBLE, quote
from ..workspace import Document
from .no_appraisal_fields import is_appraisal_key

if TYPE_CHECKING:
    from jsonschema import ValidationError

ID = "schema"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, Option] = {}
NEEDS_VALID = False

_NOUNS: dict[str, str] = {
    "objectives": say("objective"),
    "key_results": say("key result"),
    "check_ins": say("check-in"),
    "initiatives": say("initiative"),
    "recognition": say("recognition"),
    "teams": say("team"),
    "people": say("person"),
    "periods": say("period"),
    "metric": say("metric"),
    "threshold": say("threshold"),
    "company": say("company"),
}
_TYPES: dict[str, str] = {
    "string": say("text"),
    "integer": say("a whole number"),
    "number": say("a number"),
    "boolean": say("true or false"),
    "array": say("a list"),
    "object": say("a mapping of fields"),
    "null": say("empty"),
}
_PATTERNS: dict[str, str] = {
    "slug": say("use lowercase letters, digits and single hyphens, like 'platform' or 'alice'"),
    "okr-id": say(
        "use letters, digits, '.', '_' and '-', at most 32 characters, like 'O1', 'KR2' or '1.2'"
    ),
    "tag": say(
        "a tag is a word of at most 24 characters (letters or digits first, then also "
        "spaces, '.', '+' or '-'), like 'p0' or 'latency'"
    ),
    "period": say("use YYYY, YYYY-H1, YYYY-Q4 or a custom period id declared in org.yaml"),
    "date": say("write dates as YYYY-MM-DD, like 2026-10-06"),
    "reference": say(
        "write [<period>:]<team>/<objective>[/<key-result>], like acme/O2 or 2026:acme/O1"
    ),
    "url": say("links must start with http:// or https://"),
    "github": say("use a GitHub handle like @acme/platform or @alice"),
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
    names = {"\ufeff": say("a byte-order mark"), "\u200b": say("a zero-width space")}
    char = next(c for c in text if c in INVISIBLE)
    return say(
        "U+{code}, {name}",
        code=format(ord(char), "04X"),
        name=names.get(char, say("a zero-width character")),
    )


def _either(names: list[str]) -> str:
    """ "text or a number", in each language."""
    shown: str = names[0]
    for name in names[1:]:
        shown = say("{one} or {other}", one=shown, other=name)
    return shown


def _noun(path: DataPath) -> str:
    for step in reversed(path):
        if isinstance(step, str):
            return _NOUNS.get(step, f"{quote(step)}")
    return say("the file")


def _field(path: DataPath) -> str:
    name = next((s for s in reversed(path) if isinstance(s, str)), None)
    return f"{quote(name)}" if name else say("the file")


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return say("a mapping")
    if isinstance(value, list):
        return say("a list")
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return say("nothing")
    if isinstance(value, float) and math.isnan(value):
        return say("not a number (.nan)")
    if isinstance(value, float) and math.isinf(value):
        # 1e309 and .inf alike: beyond what a number can hold
        return say("infinite") if value > 0 else say("minus infinite")
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
        # the schema's own wording (in the checker's catalog too: generator/messages.py)
        yield Finding(path, Message(str(custom[kind]).replace("{", "{{").replace("}", "}}"), ()))
    elif kind == "additionalProperties" and isinstance(instance, dict):
        allowed = list(error.schema.get("properties", {}))
        for key in instance:
            if key in allowed or (skip_appraisal and is_appraisal_key(key)):
                continue
            visible = "".join(c for c in key if c not in INVISIBLE)
            if visible != key and visible in allowed:
                yield Finding(
                    (*path, key),
                    say(
                        "the field {field} holds an invisible character ({character}), so it "
                        "is not read; delete that character",
                        field=quote(visible),
                        character=_invisible(key),
                    ),
                    at="key",
                )
                continue
            close = closest(key, allowed)
            values = {"field": quote(key), "place": _noun(path), "allowed": ", ".join(allowed)}
            yield Finding(
                (*path, key),
                say(
                    "unknown field {field} in {place}; did you mean {close}? allowed: {allowed}",
                    close=quote(close),
                    **values,
                )
                if close
                else say("unknown field {field} in {place}; allowed: {allowed}", **values),
                at="key",
            )
    elif kind == "required":
        missing = [name for name in error.validator_value if name not in instance]
        for name in missing:
            yield Finding(
                path,
                say(
                    "{place} is missing the required field {field}",
                    place=_noun(path),
                    field=quote(name),
                ),
            )
    elif kind == "type":
        wanted = error.validator_value
        names = [_TYPES.get(t, t) for t in (wanted if isinstance(wanted, list) else [wanted])]
        hint: str = ""
        if (
            wanted == "string"
            and isinstance(instance, int | float)
            and not isinstance(instance, bool)
        ):
            # YAML reads `id: 1.2` as a number (and `1.10` as 1.1): quotes keep it as written
            hint = say('; YAML read it as a number: put it in quotes as you mean it, e.g. "1.2"')
        yield Finding(
            path,
            say(
                "{field} must be {wanted}, not {value}{hint}",
                field=_field(path),
                wanted=_either(names),
                value=_show(instance),
                hint=hint,
            ),
        )
    elif kind == "enum":
        options = [str(v) for v in error.validator_value]
        close = closest(str(instance), options)
        hint = say("; did you mean {close}?", close=quote(close)) if close else ""
        yield Finding(
            path,
            say(
                "{field} is {value}; use one of: {options}{hint}",
                field=_field(path),
                value=_show(instance),
                options=", ".join(options),
                hint=hint,
            ),
        )
    elif kind == "const":
        yield Finding(
            path,
            say(
                "{field} must be {value}; leave the field out otherwise",
                field=_field(path),
                value=_show(error.validator_value),
            ),
        )
    elif kind == "pattern":
        advice = _PATTERNS.get(_pattern_kind(error) or "", say("see the format reference"))
        yield Finding(
            path,
            say(
                "{field} {value} is not valid: {advice}",
                field=_field(path),
                value=_show(instance),
                advice=advice,
            ),
        )
    elif kind == "format":
        what = (
            say("a real calendar date")
            if error.validator_value == "date"
            else error.validator_value
        )
        yield Finding(
            path,
            say(
                "{field} {value} is not {what}",
                field=_field(path),
                value=_show(instance),
                what=what,
            ),
        )
    elif kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        values = {
            "field": _field(path), "value": _show(instance),
            "bound": numbers.show(error.validator_value),
        }  # fmt: skip
        yield Finding(
            path,
            {
                "minimum": say("{field} is {value}; it must be at least {bound}", **values),
                "maximum": say("{field} is {value}; it must be at most {bound}", **values),
                "exclusiveMinimum": say(
                    "{field} is {value}; it must be more than {bound}", **values
                ),
                "exclusiveMaximum": say(
                    "{field} is {value}; it must be less than {bound}", **values
                ),
            }[kind],
        )
    elif kind == "minLength":
        yield Finding(path, say("{field} must not be empty", field=_field(path)))
    elif kind == "maxLength":
        yield Finding(
            path,
            say(
                "{field} is {length} characters long; shorten it to at most {limit}",
                field=_field(path),
                length=len(instance),
                limit=error.validator_value,
            ),
        )
    elif kind == "maxItems":
        yield Finding(
            path,
            say(
                "{field} lists {entries}; keep at most {limit}",
                field=_field(path),
                entries=numbers.plural(len(instance), "entry", "entries"),
                count=len(instance),
                limit=error.validator_value,
            ),
        )
    elif kind == "uniqueItems":
        yield Finding(
            path, say("{field} lists the same entry twice; list each once", field=_field(path))
        )
    elif kind == "minItems":
        least = error.validator_value
        yield Finding(
            path,
            say(
                "{field} must list at least {entries}",
                field=_field(path),
                entries=numbers.plural(least, "entry", "entries"),
                count=least,
            ),
        )
    else:
        yield Finding(path, say("{field}: {detail}", field=_field(path), detail=error.message))
