"""Renderings of the semantic diff: text, markdown (a pull-request comment), json."""

from __future__ import annotations

import json
import re
from typing import Any

from ..okrdiff import Change, FileDiff, counts

MAX_LINES_PER_FILE = 12  # a PR comment stays short; the text and json formats list everything
_STATUS = {"added": "new file", "removed": "deleted", "renamed": "renamed", "changed": "changed"}
_ICON = {"added": "➕", "removed": "➖", "check-in": "📈", "score": "🎓", "moved": "⚠️"}


def summary_line(diffs: list[FileDiff]) -> str:
    c = counts(diffs)
    parts = [f"{len(diffs)} OKR file{'s' if len(diffs) != 1 else ''} changed"]
    for key, label in (
        ("objective-added", "objectives added"),
        ("objective-removed", "objectives removed"),
        ("kr-added", "key results added"),
        ("kr-removed", "key results removed"),
        ("check-in", "check-ins"),
        ("score", "grades"),
        ("target-moved", "targets moved"),
    ):
        if c[key]:
            parts.append(f"{c[key]} {label}")
    return " · ".join(parts)


def _sign(change: Change) -> str:
    if change.kind.endswith("-added") or change.kind in ("check-in", "score", "recognition"):
        return "+"
    if change.kind.endswith("-removed"):
        return "-"
    return "~"


def render_text(diffs: list[FileDiff]) -> str:
    lines = []
    for d in diffs:
        origin = f" (from {d.old_path})" if d.old_path else ""
        lines.append(f"{d.period} {d.team}: {_STATUS[d.status]} {d.path}{origin}")
        lines.extend(f"  {_sign(c)} {c.text}" for c in d.changes)
    lines.append(summary_line(diffs) if diffs else "no OKR changes")
    return "\n".join(lines) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~@])")


def md_escape(text: str) -> str:
    """User text as literal Markdown: no formatting, no HTML, no @mentions that ping people."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _md_icon(change: Change) -> str:
    if change.moved_after_start:
        return _ICON["moved"]
    if change.kind in ("check-in", "score"):
        return _ICON[change.kind]
    return _ICON.get(change.kind.rsplit("-", 1)[-1], "✏️")


def render_markdown(diffs: list[FileDiff], title: str = "OKR changes") -> str:
    lines = [f"### {title}", "", f"**{summary_line(diffs)}**" if diffs else "No OKR changes.", ""]
    for d in diffs:
        origin = f" (from `{d.old_path}`)" if d.old_path else ""
        lines.append(
            f"#### {md_escape(d.period)} · {md_escape(d.team)} — {_STATUS[d.status]} "
            f"`{d.path}`{origin}"
        )
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
                        "old": c.old,
                        "new": c.new,
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
