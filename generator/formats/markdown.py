"""A check report as Markdown, for a job summary or a comment: the counts, then the problems
in a code block that nothing a user wrote can close (the fence is longer than any run of
backticks inside), so no line can format, link or mention anyone."""

from __future__ import annotations

import re

from ..check import Report
from . import text

MAX_LINES = 200  # a job summary holds 1 MiB; the full list is in the log


def fence_for(body: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    return "`" * max(3, longest + 1)


def render(report: Report) -> str:
    """Findings about confidential objectives are only counted: a summary or comment is read
    beyond the YAML's own reviewers (the log and the annotations on the lines keep them)."""
    lines = [p.format() for p in report.problems if not p.confidential]
    hidden = len(report.problems) - len(lines)
    shown = lines[:MAX_LINES]
    if len(lines) > len(shown):
        shown.append(f"… and {len(lines) - len(shown)} more (see the log)")
    if hidden:
        shown.append(f"{hidden} about confidential objectives (see the log)")
    out = ["## OKR check", "", f"**{text.summary(report)}**", ""]
    if shown:
        body = "\n".join(shown)
        fence = fence_for(body)
        out += [fence, body, fence, ""]
    return "\n".join(out)
