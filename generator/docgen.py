"""Generate docs/format.md from the schema descriptions, docs/rules.md from the rules, and
this repository's workflows from the templates okr init uses.

python -m generator.docgen          # rewrite the files
python -m generator.docgen --check  # exit 1 when they are out of date
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import messages, validation
from .rules import RULES, summary
from .scaffold import COMPANY_ONLY, WORKFLOW_NAMES, workflow

DOCS = Path(__file__).resolve().parent.parent / "docs"
WORKFLOWS = DOCS.parent / ".github" / "workflows"
SELF_INSTALL = "python -m pip install -c constraints.txt -e ."

# (heading, schema kind, JSON pointer inside the schema)
SECTIONS = [
    ("Team file: `okrs/<period>/<team>.yaml`", "team", ""),
    ("Objective", "team", "/$defs/objective"),
    ("Key result", "team", "/$defs/keyResult"),
    ("Metric (`metric:`)", "team", "/$defs/keyResult/properties/metric"),
    ("Threshold (`threshold:`)", "team", "/$defs/keyResult/properties/threshold"),
    ("Check-in", "team", "/$defs/checkIn"),
    ("Initiative", "team", "/$defs/initiative"),
    ("Recognition", "team", "/$defs/recognition"),
    ("Organisation: `okrs/org.yaml`", "org", ""),
    ("Company (`company:`)", "org", "/properties/company"),
    ("Team (`teams:` entry)", "org", "/properties/teams/items"),
    ("Person (`people:` entry)", "org", "/properties/people/items"),
    ("Custom period (`periods:` entry)", "org", "/properties/periods/items"),
]

_REF_NAMES = {
    "slug": "id",
    "date": "date",
    "markdown": "Markdown text",
    "period": "period id",
    "reference": "reference",
    "checkIn": "list of check-ins",
    "initiative": "initiative",
    "keyResult": "key result",
    "objective": "objective",
    "recognition": "recognition",
    "github": "handle or list",
    "handle": "GitHub handle",
    "okrId": "id (text)",
    "tags": "list of tags",
    "unit": "text (≤ 40)",
    "amount": "number (±10^15)",
}


def _resolve(kind: str, pointer: str) -> dict[str, Any]:
    node: Any = validation.schema(kind)
    for part in [p for p in pointer.split("/") if p]:
        node = node[part]
    return node


def _type(kind: str, prop: dict[str, Any]) -> str:
    if "$ref" in prop:
        return _REF_NAMES.get(prop["$ref"].rsplit("/", 1)[-1], "see below")
    if "enum" in prop:
        return " \\| ".join(f"`{v}`" for v in prop["enum"])
    if "const" in prop:
        return f"`{json.dumps(prop['const'])}`"
    if prop.get("type") == "array":
        items = prop.get("items", {})
        return f"list of {_type(kind, items)}" if items else "list"
    kinds = prop.get("type", "")
    if isinstance(kinds, list):
        return " or ".join(kinds)
    return {"object": "mapping", "string": "text"}.get(kinds, kinds or "see below")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _example(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


Translate = Callable[[str], str]


def _same(text: str) -> str:
    return text


def format_reference(tr: Translate = _same) -> str:
    """`tr` says each piece of English prose in the reference's language (docs.po)."""
    out = [
        tr("# OKR file format reference"),
        "",
        tr(
            "Generated from the JSON Schemas in `schema/` by `python -m generator.docgen`; do "
            "not edit by hand. The contract behind it, with the meaning of scores and status, "
            "is summarised in [the guide](guide.md); the quality rules are in [rules](rules.md)."
        ),
        "",
    ]
    header = tr("| Field | Type | Required | Default | Description |")
    for heading, kind, pointer in SECTIONS:
        node = _resolve(kind, pointer)
        required = set(node.get("required", []))
        described = node.get("description", "")
        out += [f"## {tr(heading)}", "", tr(described) if described else "", ""]
        out += [header, "|---|---|---|---|---|"]
        for name, prop in node.get("properties", {}).items():
            target = prop
            if "$ref" in prop:
                target = {**_resolve(kind, prop["$ref"].lstrip("#")), **prop}
            desc = target.get("description", "")
            desc = tr(desc) if desc else ""
            # a shared definition's examples (e.g. of any id) would mislead on one field
            examples = prop.get("examples") if "$ref" in prop else target.get("examples")
            if examples:
                desc += " " + tr("Example:") + " "
                desc += ", ".join(f"`{_example(e)}`" for e in examples[:2])
            default = f"`{_example(target['default'])}`" if "default" in target else ""
            out.append(
                f"| `{name}` | {tr(_type(kind, prop))} | {tr('yes') if name in required else ''} "
                f"| {default} | {_cell(desc)} |"
            )
        out.append("")
    return "\n".join(out)


_FENCE = re.compile(r"```yaml (\S+)\n")
_BLOCKS = re.compile(r"(```.*?```)", re.S)


def _prose(body: str, tr: Translate) -> str:
    """A rule's documentation with each paragraph of prose said by `tr`; code as it is."""
    out = []
    for block in _BLOCKS.split(body):
        if block.startswith("```"):
            out.append(block)
            continue
        paragraphs = re.split(r"(\n\s*\n)", block)
        out.append("".join(
            p if not p.strip() or p.isspace() else _keep_edges(p, tr) for p in paragraphs
        ))  # fmt: skip
    return "".join(out)


def _keep_edges(paragraph: str, tr: Translate) -> str:
    """`tr` of a paragraph's text, keeping the line breaks before and after it; a list or a
    table is said item by item (an item's continuation lines joined to it)."""
    lead = paragraph[: len(paragraph) - len(paragraph.lstrip("\n"))]
    trail = paragraph[len(paragraph.rstrip("\n")) :]
    text = paragraph.strip("\n")
    if not text.lstrip().startswith(("- ", "* ", "|")):
        return lead + tr(" ".join(text.split())) + trail
    items: list[str] = []
    for line in text.split("\n"):
        if line.lstrip().startswith(("- ", "* ", "|")) or not items:
            items.append(line.strip())
        else:
            items[-1] += " " + line.strip()
    said = []
    for item in items:
        if item.startswith("|"):
            said.append(tr(item))
        else:
            said.append(item[:2] + tr(item[2:]))
    return lead + "\n".join(said) + trail


def rules_reference(tr: Translate = _same) -> str:
    out = [
        tr("# Quality rules"),
        "",
        tr(
            "Generated from the rule modules in `generator/rules/` by `python -m "
            "generator.docgen`; do not edit by hand. Change a rule's severity or options in "
            "`okr-check.yaml` (see [checking](checking.md)). Every example below is run by the "
            "test suite."
        ),
        "",
        tr("| Rule | Default | What it checks |"),
        "|---|---|---|",
    ]
    for rid, rule in RULES.items():
        out.append(f"| [`{rid}`](#{rid}) | {rule.SEVERITY.value} | {_cell(tr(summary(rule)))} |")
    out.append("")
    for rid, rule in RULES.items():
        doc = (rule.__doc__ or "").strip()
        _first, _, rest = doc.partition("\n\n")
        body = _FENCE.sub(lambda m: f"```yaml\n# {m.group(1)}\n", rest)
        severity = tr("Default severity: **{severity}**.").format(severity=rule.SEVERITY.value)
        out += [f"## {rid}", "", severity, ""]
        out += [tr(summary(rule)), "", _prose(body, tr), ""]
    return "\n".join(out)


def outputs() -> dict[Path, str]:
    files = {DOCS / "format.md": format_reference(), DOCS / "rules.md": rules_reference()}
    # this repository's own workflows are the ones okr init writes, installing the checkout;
    # not the reminder and sync ones: the example company needs no issue or pull request
    for name in WORKFLOW_NAMES:
        if name in COMPANY_ONLY:
            continue
        files[WORKFLOWS / name] = workflow(name, SELF_INSTALL)
    # the references' prose, as a catalog, and the references in each language that has one
    seen: list[str] = []

    def record(text: str) -> str:
        if text not in seen:
            seen.append(text)
        return text

    format_reference(record)
    rules_reference(record)
    files.update(messages.outputs(messages.docs_catalog(seen)))
    for language in sorted(
        p.parent.parent.name for p in messages.LOCALE.glob("*/LC_MESSAGES/docs.po")
    ):
        tr = messages.translator(language)
        if tr is not None:
            files[DOCS / language / "format.md"] = format_reference(tr)
            files[DOCS / language / "rules.md"] = rules_reference(tr)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    stale = []
    for path, text in outputs().items():
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path.name)
        if not args.check:
            path.write_text(text, encoding="utf-8")
    if args.check and stale:
        print(f"out of date: {', '.join(stale)}; run python -m generator.docgen", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
