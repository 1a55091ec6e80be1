"""GitHub Actions workflow commands: one annotation per problem, then the full text list
(GitHub shows only 10 annotations of each severity per step)."""

from __future__ import annotations

from ..check import Report
from ..problem import Severity
from . import text


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    lines = []
    for p in report.problems:
        level = "error" if p.severity is Severity.ERROR else "warning"
        lines.append(
            f"::{level} file={_property(p.path)},line={p.line},col={p.column},"
            f"title={_property(f'okr [{p.rule}]')}::{_data(p.message)}"
        )
    return "\n".join(lines) + ("\n" if lines else "") + text.render(report)
