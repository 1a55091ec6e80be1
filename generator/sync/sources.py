"""okr-sources.yaml beside the okrs/ folder: the data sources `okr sync` may read.

The file follows `schema/okr-sources.schema.json`. Beyond the schema: ids are unique, each
source says exactly one of `command`, `url`, `json` or `csv`, a JSON source says its `field`
and a CSV source its `column`, and a header may only use variables the source lists in
`env`. Its mistakes are findings at `okr-sources.yaml:line:col` like any other file's; a
source with a mistake is still declared (key results naming it are not also wrong), but
`okr sync` does not run it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import validation
from ..fsread import Refused, read_regular
from ..loader import LoadError, decode, load
from ..locate import Locator
from ..textsafe import quote
from .source import DEFAULT_TIMEOUT, Source

SOURCES_FILE = "okr-sources.yaml"
MAX_BYTES = 1024 * 1024
WHERE = ("command", "url", "json", "csv")  # exactly one says where the value comes from
VARIABLE = re.compile(r"\$\{([^}]*)\}")


@dataclass(frozen=True)
class SourcesProblem:
    line: int
    column: int
    message: str


@dataclass
class Declared:
    """What okr-sources.yaml declares, and what is wrong with it."""

    path: Path
    display: str  # as findings show it: okr-sources.yaml beside okrs/
    present: bool = False
    ids: frozenset[str] = frozenset()  # every declared id, broken declarations included
    sources: dict[str, Source] = field(default_factory=dict)  # the ones sync may run
    problems: list[SourcesProblem] = field(default_factory=list)


def location(okrs: Path) -> Path:
    return okrs.parent / SOURCES_FILE


def read_declared(okrs: Path) -> Declared:
    return read_file(location(okrs), okrs.parent)


def read_file(path: Path, folder: Path) -> Declared:
    """The sources `path` declares; a link is followed only inside `folder`."""
    declared = Declared(path, path.name if path.parent == folder else path.as_posix())
    if not os.path.lexists(path):
        return declared
    declared.present = True
    try:
        raw = read_regular(path, MAX_BYTES, folder=folder)
    except Refused as exc:
        declared.problems.append(SourcesProblem(1, 1, f"the file {exc}"))
        return declared
    try:
        text = decode(raw)
        data = load(text)
    except LoadError as exc:
        declared.problems.append(SourcesProblem(exc.line, exc.column, exc.message))
        return declared
    locator = Locator(text)
    found = list(_problems(data))
    for path_in, message in found:
        line, column = locator.position(path_in)
        declared.problems.append(SourcesProblem(line, column, message))
    declared.problems.sort(key=lambda p: (p.line, p.column))
    broken = {p[1] for p, _ in found if len(p) > 1 and p[0] == "sources"}
    items = data.get("sources") if isinstance(data, dict) else None
    ids: set[str] = set()
    for index, item in enumerate(items if isinstance(items, list) else []):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            continue
        ids.add(item["id"])
        if index not in broken and item["id"] not in declared.sources:
            declared.sources[item["id"]] = _source(item)
    declared.ids = frozenset(ids)
    return declared


def _source(item: dict[str, Any]) -> Source:
    kind = next(k for k in WHERE if k in item)
    return Source(
        id=item["id"],
        kind="json" if kind == "url" else kind,
        location=item[kind],
        field=item.get("field") if kind in ("url", "json") else item.get("column"),
        env=tuple(item.get("env") or ()),
        timeout=float(item.get("timeout", DEFAULT_TIMEOUT)),
        headers=tuple(sorted((item.get("headers") or {}).items())),
    )


def _problems(data: Any) -> Iterator[tuple[tuple[str | int, ...], str]]:
    errors = sorted(validation.schema_errors("sources", data), key=lambda e: list(e.path))
    for error in errors:
        yield tuple(error.absolute_path), _worded(error)
    yield from validation.extra_errors("sources", data)
    items = data.get("sources") if isinstance(data, dict) else None
    if not isinstance(items, list):
        return
    seen: set[str] = set()
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        at = ("sources", index)
        sid = item.get("id")
        if isinstance(sid, str):
            if sid in seen:
                yield (*at, "id"), f"source {quote(sid)} is declared twice; ids are unique"
            seen.add(sid)
        where = [k for k in WHERE if k in item]
        if len(where) != 1:
            said = ", ".join(where) if where else "none"
            yield (
                at,
                (
                    "a source says where its value comes from with exactly one of command, url, "
                    f"json or csv (this one: {said})"
                ),
            )
            continue
        if where[0] in ("url", "json") and "field" not in item:
            yield at, "a JSON source needs `field`: the dotted path to the number"
        if where[0] == "csv" and "column" not in item:
            yield at, "a CSV source needs `column`: the column whose last row is read"
        if where[0] == "command" and "headers" in item:
            yield (*at, "headers"), "headers are for a URL; a command reads its variables"
        listed = set(item.get("env") or []) if isinstance(item.get("env"), list) else set()
        headers = item.get("headers")
        for name, value in headers.items() if isinstance(headers, dict) else []:
            for used in VARIABLE.findall(value) if isinstance(value, str) else []:
                if used not in listed:
                    yield (
                        (*at, "headers", name),
                        (
                            f"header {quote(name)} uses ${{{quote(used, 40)[1:-1]}}}, which the "
                            "source does not list under `env`"
                        ),
                    )


_SHAPES = {
    "`id`": "lowercase letters a-z, digits and single hyphens, like api-latency-p99",
    "env": "an environment variable's name: letters, digits and _, not starting with a digit",
    "`url`": "an http:// or https:// address without spaces",
}


def _worded(error: Any) -> str:
    path = list(error.absolute_path)
    where = f"`{path[-1]}`" if path and isinstance(path[-1], str) else "this entry"
    if error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        known = ", ".join(error.schema.get("properties", {}))
        return f"unknown field {quote(extra[0]) if extra else ''} in {where}; use: {known}"
    if error.validator == "required":
        return f"{where} needs {error.message.split(' is a required')[0]}"
    if error.validator == "pattern":
        shape = _SHAPES.get(str(path[-2] if len(path) > 1 and isinstance(path[-1], int) else where))
        return f"{where} {quote(error.instance)} is not allowed: {shape or 'see the schema'}"
    return f"{where}: {error.message}"
