"""Machine-readable report: {"version": 1, "problems": [...], "summary": {...}}."""

from __future__ import annotations

import json

from ..check import Report


def render(report: Report) -> str:
    payload = {
        "version": 1,
        "problems": [
            {
                "path": p.path,
                "line": p.line,
                "column": p.column,
                "severity": p.severity.value,
                "rule": p.rule,
                "message": p.message,
            }
            for p in report.problems
        ],
        "summary": {
            "files": report.files,
            "errors": report.errors,
            "warnings": report.warnings,
            "today": report.today.isoformat() if report.today else None,
        },
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
