"""SARIF 2.1.0 for GitHub code scanning: every rule with its help text, every problem a result."""

from __future__ import annotations

import json
from urllib.parse import quote

from .. import __version__
from ..check import Report
from ..problem import Severity
from ..rules import RULES, summary

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.OFF: "none"}


def _rule(rid: str) -> dict[str, object]:
    rule = RULES[rid]
    doc = (rule.__doc__ or "").strip()
    return {
        "id": rid,
        "name": "".join(part.title() for part in rid.split("-")),
        "shortDescription": {"text": summary(rule)},
        "fullDescription": {"text": doc.split("\n\n")[0].replace("\n", " ")},
        "help": {"text": doc, "markdown": doc},
        # a rule that is off by default is a warning when a company switches it on
        "defaultConfiguration": (
            {"level": "warning", "enabled": False}
            if rule.SEVERITY is Severity.OFF
            else {"level": _LEVEL[rule.SEVERITY]}
        ),
        "properties": {"tags": ["okr"]},
    }


def render(report: Report) -> str:
    ids = list(RULES)
    results = [
        {
            "ruleId": p.rule,
            "ruleIndex": ids.index(p.rule),
            "level": _LEVEL[p.severity],
            "message": {"text": p.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(p.path)},
                        "region": {"startLine": p.line, "startColumn": p.column},
                    }
                }
            ],
        }
        for p in report.problems
    ]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                # okr counts columns in characters, as editors show them (not UTF-16 units)
                "columnKind": "unicodeCodePoints",
                "tool": {
                    "driver": {
                        "name": "okr check",
                        "version": __version__,
                        "rules": [_rule(rid) for rid in ids],
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _uri(path: str) -> str:
    """A file's path as the relative URI SARIF asks for: a space, `%`, `#` or `?` in a name
    percent-encoded (else a consumer reads `#` as a fragment, `?` as a query)."""
    return quote(path.removeprefix("./"), safe="/")
