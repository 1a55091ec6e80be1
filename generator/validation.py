"""Schema validation in two speeds: jsonschema-rs says whether a document is valid (fast, every
file); the reference `jsonschema` explains why, only for the documents that are not.

The two must agree, or a file the fast one rejects would vanish with nothing explained. So
they share what they could disagree on: formats are checked by the same Python functions in
both, and a pattern's `$` means the end of the text in both (Python's `re` also lets it
match before a trailing newline). Where they still disagree, the reference decides.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import available_timezones

import jsonschema_rs

from .problem import say

if TYPE_CHECKING:
    import jsonschema
from .textsafe import quote

# generator/schemas links to the repository's schema/ and is packaged into wheels
SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
SCHEMA_FILES = {
    "org": "org.schema.json",
    "team": "okr-file.schema.json",
    "sources": "okr-sources.schema.json",
}

DataPath = tuple[str | int, ...]


@cache
def schema(kind: str) -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / SCHEMA_FILES[kind]).read_text(encoding="utf-8"))


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def is_date(value: object) -> bool:
    """A real calendar date written YYYY-MM-DD, years 0001 to 9999."""
    if not isinstance(value, str) or not _DATE.match(value):
        return True  # not a string or not the shape: `type` and `pattern` say so
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


FORMATS = {"date": is_date}


@cache
def _fast(kind: str) -> Any:
    return jsonschema_rs.Draft202012Validator(schema(kind), validate_formats=True, formats=FORMATS)


def _python_pattern(pattern: str) -> str:
    """A schema pattern as Python's `re` reads the same: `$` at the end means the end of the
    text, and a word character of any script, written `\\p{L}\\p{N}_` so that jsonschema-rs
    and editors (JavaScript with the `u` flag) read it alike, is Python's Unicode `\\w`."""
    pattern = pattern.replace(_ANY_SCRIPT_WORD, r"\w")
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        return pattern[:-1] + r"\Z"
    return pattern


# letters and digits of every script and '_': exactly what Python's str-pattern `\w` matches
_ANY_SCRIPT_WORD = r"\p{L}\p{N}_"


@cache
def _full(kind: str) -> Any:
    # the reference validator is loaded only to explain an invalid document: most checks
    # (every valid file, a pre-commit hook's) never pay its tenth of a second of imports
    import jsonschema

    def pattern(validator: Any, wanted: str, instance: Any, _schema: Any) -> Iterator[Any]:
        if validator.is_type(instance, "string") and not re.search(
            _python_pattern(wanted), instance
        ):
            yield jsonschema.ValidationError(f"{instance!r} does not match {wanted!r}")

    reference = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": pattern})
    checker = jsonschema.FormatChecker(formats=())
    for name, test in FORMATS.items():
        checker.checks(name)(test)
    return reference(schema(kind), format_checker=checker)


@cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


def is_valid(kind: str, data: Any) -> bool:
    try:
        fast = _fast(kind).is_valid(data)
    except (ValueError, OverflowError, TypeError):
        fast = False  # e.g. an integer beyond 64 bits: let the reference validator decide
    if not fast and not any(schema_errors(kind, data)):
        fast = True  # the reference found nothing to explain: it decides
    return fast and not any(extra_errors(kind, data))


def schema_errors(kind: str, data: Any) -> Iterator[jsonschema.ValidationError]:
    yield from _full(kind).iter_errors(data)


def extra_errors(kind: str, data: Any) -> Iterator[tuple[DataPath, str]]:
    """What JSON Schema cannot say: numbers must be finite, time zones must exist."""
    if not _all_finite(data):
        yield from _non_finite(data, ())
    if kind == "org" and isinstance(data, dict) and isinstance(data.get("company"), dict):
        zone = data["company"].get("timezone")
        if isinstance(zone, str) and zone not in _zones():
            yield (
                ("company", "timezone"),
                say(
                    "unknown time zone {zone}; use an IANA name such as Europe/Berlin",
                    zone=quote(zone),
                ),
            )


def _all_finite(data: Any) -> bool:
    """True when no number in `data` is NaN or infinite, found by the C JSON encoder (which
    refuses them) instead of a walk in Python; anything else it refuses is walked."""
    try:
        json.dumps(data, allow_nan=False, check_circular=False)
    except (ValueError, TypeError, OverflowError, RecursionError):
        return False
    return True


def _non_finite(value: Any, path: DataPath) -> Iterator[tuple[DataPath, str]]:
    if isinstance(value, float) and not math.isfinite(value):
        yield path, say("{value} is not a usable number; write a finite number", value=value)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _non_finite(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _non_finite(item, (*path, index))


@cache
def _part(kind: str, definition: str) -> Any:
    whole = schema(kind)
    return jsonschema_rs.Draft202012Validator(
        {"$ref": f"#/$defs/{definition}", "$defs": whole["$defs"]},
        validate_formats=True,
        formats=FORMATS,
    )


def _fits(definition: str, value: Any) -> bool:
    try:
        return bool(_part("team", definition).is_valid(value)) and not any(_non_finite(value, ()))
    except (ValueError, OverflowError, TypeError):
        return False


def readable_parts(data: Any) -> tuple[bool, set[int], set[tuple[int, int]]]:
    """For a team file that fails the schema: whether its header (team, period, a list of
    objectives) is sound, and which objectives (by index) and key results (by objective and
    key-result index) are sound on their own, so rules can still check those."""
    if not isinstance(data, dict) or not isinstance(data.get("objectives"), list):
        return False, set(), set()
    header = {k: data[k] for k in ("team", "period") if k in data} | {"objectives": []}
    try:
        sound_header = bool(_fast("team").is_valid(header))
    except (ValueError, OverflowError, TypeError):
        sound_header = False
    objectives, key_results = set(), set()
    for i, objective in enumerate(data["objectives"]):
        if not isinstance(objective, dict) or not isinstance(objective.get("key_results"), list):
            continue
        if _fits("objective", {**objective, "key_results": []}):
            objectives.add(i)
            key_results.update(
                (i, j) for j, kr in enumerate(objective["key_results"]) if _fits("keyResult", kr)
            )
    return sound_header, objectives, key_results
