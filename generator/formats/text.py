"""`path:line:col: severity [rule-id] message`, sorted, then a line of counts."""

from __future__ import annotations

from ..check import Report


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary(report: Report) -> str:
    files = _plural(report.files, "file")
    day = f" (today: {report.today.isoformat()})" if report.today else ""
    if not report.problems:
        return f"no problems in {files}{day}"
    counts = f"{_plural(report.errors, 'error')}, {_plural(report.warnings, 'warning')}"
    return f"{counts} in {files}{day}"


def render(report: Report) -> str:
    lines = [problem.format() for problem in report.problems]
    lines.append(summary(report))
    return "\n".join(lines) + "\n"
