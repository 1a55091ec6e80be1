"""`path:line:col: severity [rule-id] message`, sorted, then a line of counts."""

from __future__ import annotations

import unicodedata

from ..check import Report
from ..problem import Problem
from ..textsafe import one_line


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary(report: Report) -> str:
    files = _plural(report.files, "file")
    day = f" (today: {report.today.isoformat()})" if report.today else ""
    if not report.problems:
        return f"no problems in {files}{day}"
    counts = f"{_plural(report.errors, 'error')}, {_plural(report.warnings, 'warning')}"
    return f"{counts} in {files}{day}"


_TAB = "→   "  # a tab, visible and four columns wide in the quoted line and under it


def _shown(text: str) -> str:
    return one_line(text.replace("\t", _TAB))


def _pad(shown: str) -> str:
    """Blanks as wide as `shown` on a terminal: CJK and full-width characters take two."""
    return "".join("  " if unicodedata.east_asian_width(c) in "WF" else " " for c in shown)


WINDOW = 40  # characters shown on each side of the column: the line is context, not data


def excerpt(problem: Problem) -> list[str]:
    """The offending line around the column, and a caret under it, for a slip in the YAML
    itself. A long line is cut to a window (… marks a cut): a value is never echoed whole."""
    source, at = problem.source, problem.column - 1
    if not source or at > len(source):
        return []
    start, end = max(0, at - WINDOW), min(len(source), at + WINDOW)
    before = ("…" if start else "") + source[start:at]
    after = source[at:end] + ("…" if end < len(source) else "")
    shown_before = _shown(before)
    return [f"    {shown_before}{_shown(after)}", f"    {_pad(shown_before)}^"]


def render(report: Report) -> str:
    lines = []
    for problem in report.problems:
        lines.append(problem.format())
        lines.extend(excerpt(problem))
    lines.append(summary(report))
    return "\n".join(lines) + "\n"
