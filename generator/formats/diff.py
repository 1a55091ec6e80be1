"""Renderings of the semantic diff: text, markdown (a pull-request comment), json."""

from __future__ import annotations

import json
import re
from typing import Any

from ..numbers import plural
from ..okrdiff import Change, FileDiff, counts
from ..textsafe import bounded, inert_markdown, one_line

MAX_LINES_PER_FILE = 12  # a PR comment stays short; the text and json formats list everything
_STATUS = {
    "added": "new file",
    "removed": "deleted",
    "renamed": "renamed",
    "changed": "changed",
    "unreadable": "does not load",
}
_ICON = {"added": "➕", "removed": "➖", "check-in": "📈", "score": "🎓", "moved": "⚠️"}


def summary_line(diffs: list[FileDiff]) -> str:
    c = counts(diffs)
    parts = [f"{plural(len(diffs), 'OKR file')} changed"]
    for key, one, many in (
        ("objective-added", "objective added", "objectives added"),
        ("objective-removed", "objective removed", "objectives removed"),
        ("kr-added", "key result added", "key results added"),
        ("kr-removed", "key result removed", "key results removed"),
        ("check-in", "check-in", "check-ins"),
        ("score", "grade", "grades"),
        ("target-moved", "target moved", "targets moved"),
        ("file-unreadable", "file that does not load", "files that do not load"),
    ):
        if c[key]:
            parts.append(plural(c[key], one, many))
    return " · ".join(parts)


def _sign(change: Change) -> str:
    if change.kind.endswith("-added") or change.kind in ("check-in", "score", "recognition"):
        return "+"
    if change.kind.endswith("-removed"):
        return "-"
    return "~"


def _heading(d: FileDiff) -> str:
    where = f"{d.period} {d.team}" if d.period else d.team
    return f"{where}: {_STATUS[d.status]} {d.path}"


def render_text(diffs: list[FileDiff]) -> str:
    """Every line made safe for a terminal: user text cannot move the cursor or reorder."""
    lines = []
    for d in diffs:
        origin = f" (from {d.old_path})" if d.old_path else ""
        lines.append(one_line(_heading(d) + origin))
        lines.extend(one_line(f"  {_sign(c)} {c.text}") for c in d.changes)
    lines.append(summary_line(diffs) if diffs else "no OKR changes")
    return "\n".join(lines) + "\n"


def md_escape(text: str) -> str:
    """User text as literal Markdown: no formatting, no HTML, no links, no @mentions."""
    return inert_markdown(text)


def md_code(text: str) -> str:
    """A code span that no backtick in `text` can close early (nothing inside is Markdown,
    so no mention, link or HTML either)."""
    flat = one_line(" ".join(str(text).split()))
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") or not flat.strip() else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def _md_icon(change: Change) -> str:
    if change.moved_after_start:
        return _ICON["moved"]
    if change.kind in ("check-in", "score"):
        return _ICON[change.kind]
    return _ICON.get(change.kind.rsplit("-", 1)[-1], "✏️")


def render_markdown(diffs: list[FileDiff], title: str = "OKR changes") -> str:
    lines = [f"### {title}", "", f"**{summary_line(diffs)}**" if diffs else "No OKR changes.", ""]
    for d in diffs:
        origin = f" (from {md_code(d.old_path)})" if d.old_path else ""
        where = f"{md_escape(d.period)} · {md_escape(d.team)}" if d.period else md_escape(d.team)
        lines.append(f"#### {where} — {_STATUS[d.status]} {md_code(d.path)}{origin}")
        shown = d.changes[:MAX_LINES_PER_FILE]
        lines.extend(f"- {_md_icon(c)} {md_escape(c.text)}" for c in shown)
        if len(d.changes) > len(shown):
            lines.append(f"- … and {len(d.changes) - len(shown)} more")
        lines.append("")
    return "\n".join(lines)


def as_dict(diffs: list[FileDiff], base: str, head: str | None) -> dict[str, Any]:
    return {
        "version": 1,
        "base": base,
        "head": head,
        "summary": dict(sorted(counts(diffs).items())),
        "files": [
            {
                "path": d.path,
                "period": d.period,
                "team": d.team,
                "status": d.status,
                "old_path": d.old_path,
                "changes": [
                    {
                        "kind": c.kind,
                        "objective": c.objective,
                        "key_result": c.key_result,
                        "old": bounded(c.old),
                        "new": bounded(c.new),
                        "moved_after_start": c.moved_after_start,
                        "text": c.text,
                    }
                    for c in d.changes
                ],
            }
            for d in diffs
        ],
    }


def render_json(diffs: list[FileDiff], base: str, head: str | None) -> str:
    return json.dumps(as_dict(diffs, base, head), ensure_ascii=False, indent=2) + "\n"
