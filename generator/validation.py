"""Schema validation in two speeds: jsonschema-rs says whether a document is valid (fast, every
file); the reference `jsonschema` explains why, only for the documents that are not."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import available_timezones

import jsonschema
import jsonschema_rs

# generator/schemas links to the repository's schema/ and is packaged into wheels
SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
SCHEMA_FILES = {"org": "org.schema.json", "team": "okr-file.schema.json"}

DataPath = tuple[str | int, ...]


@cache
def schema(kind: str) -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / SCHEMA_FILES[kind]).read_text(encoding="utf-8"))


@cache
def _fast(kind: str) -> Any:
    return jsonschema_rs.Draft202012Validator(schema(kind), validate_formats=True)


@cache
def _full(kind: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        schema(kind), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


@cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


def is_valid(kind: str, data: Any) -> bool:
    try:
        fast = _fast(kind).is_valid(data)
    except (ValueError, OverflowError, TypeError):
        fast = False  # let the reference validator explain
    return fast and not any(extra_errors(kind, data))


def schema_errors(kind: str, data: Any) -> Iterator[jsonschema.ValidationError]:
    yield from _full(kind).iter_errors(data)


def extra_errors(kind: str, data: Any) -> Iterator[tuple[DataPath, str]]:
    """What JSON Schema cannot say: numbers must be finite, time zones must exist."""
    yield from _non_finite(data, ())
    if kind == "org" and isinstance(data, dict) and isinstance(data.get("company"), dict):
        zone = data["company"].get("timezone")
        if isinstance(zone, str) and zone not in _zones():
            yield (
                ("company", "timezone"),
                f"unknown time zone '{zone}'; use an IANA name such as Europe/Berlin",
            )


def _non_finite(value: Any, path: DataPath) -> Iterator[tuple[DataPath, str]]:
    if isinstance(value, float) and not math.isfinite(value):
        yield path, f"{value} is not a usable number; write a finite number"
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _non_finite(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _non_finite(item, (*path, index))
