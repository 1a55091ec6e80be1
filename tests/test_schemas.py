"""The JSON Schemas: valid draft 2020-12, documented, used by every file in okrs/."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from generator import validation

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = sorted((ROOT / "schema").glob("*.schema.json"))


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_schema_is_valid_draft_2020_12_with_id(path):
    schema = json.loads(path.read_text())
    # patterns are ECMA-262 regular expressions (JSON Schema's dialect; `\p{L}` included):
    # Python compiles each as the reference validator reads it
    regex = jsonschema.FormatChecker()
    regex.checks("regex", raises=re.error)(
        lambda p: not isinstance(p, str) or bool(re.compile(validation._python_pattern(p)))
    )
    jsonschema.Draft202012Validator.check_schema(schema, format_checker=regex)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"]


def _properties(node, where=""):
    if isinstance(node, dict):
        for name, sub in (node.get("properties") or {}).items():
            yield f"{where}.{name}", sub
        for key, sub in node.items():
            if key != "properties":
                yield from _properties(sub, f"{where}/{key}")
        for name, sub in (node.get("properties") or {}).items():
            yield from _properties(sub, f"{where}.{name}")
    elif isinstance(node, list):
        for item in node:
            yield from _properties(item, where)


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_every_property_has_a_description(path):
    schema = json.loads(path.read_text())
    missing = [where for where, sub in _properties(schema) if not sub.get("description")]
    assert not missing


def test_every_okrs_file_starts_with_the_schema_modeline():
    files = sorted((ROOT / "okrs").rglob("*.yaml"))
    assert files
    for file in files:
        first = file.read_text(encoding="utf-8").splitlines()[0]
        target = "org.schema.json" if file.name == "org.yaml" else "okr-file.schema.json"
        assert first.startswith("# yaml-language-server: $schema="), file
        schema_path = (file.parent / first.split("$schema=", 1)[1]).resolve()
        assert schema_path == ROOT / "schema" / target, file


def test_year_period_may_be_unquoted():
    doc = {"team": "acme", "period": 2026, "objectives": []}
    assert validation.is_valid("team", doc)
    assert not validation.is_valid("team", {**doc, "period": 2026.5})


def test_fast_and_reference_validators_agree_on_the_fixture_shapes():
    base = {
        "team": "acme",
        "period": "2026-Q4",
        "objectives": [
            {
                "id": "O1",
                "title": "t",
                "key_results": [
                    {
                        "id": "K",
                        "title": "t",
                        "milestone": True,
                        "check_ins": [{"date": "2026-10-01", "done": True}],
                    }
                ],
            }
        ],
    }
    variants = [base, {**base, "extra": 1}, {**base, "period": "2026 Q4"}]
    kr = base["objectives"][0]["key_results"][0]
    for change in (
        {"milestone": False},
        {"metric": {"start": 1, "target": 2}},
        {"check_ins": [{"date": "2026-02-30"}]},
        {"weight": 0},
        {"score": 1.2},
    ):
        variants.append(
            {**base, "objectives": [{**base["objectives"][0], "key_results": [{**kr, **change}]}]}
        )
    for doc in variants:
        reference = not any(validation.schema_errors("team", doc))
        assert validation.is_valid("team", doc) == reference, doc


_TAGS = {
    # tag: accepted (a word of any script, then spaces, '.', '+', '-'; at most 24 characters)
    "p0": True, "latency": True, "中端市场": True, "ñandú": True, "Ελληνικά": True,
    "a b": True, "x.y+z-1": True, "_draft": True, "Ⅻ": True, "²": True, "a" * 24: True,
    "a" * 25: False, "-a": False, " a": False, "p0，p1": False, "p0、p1": False,
    "😀": False, "tag!": False, "a/b": False, "": False, "a\n": False,
}  # fmt: skip


def test_the_tag_pattern_means_the_same_to_every_validator_and_editor(browser):
    """The spec's tag is a word in any script. The schema says so in a form that jsonschema-rs
    (the fast check), Python's `re` (the reference that explains) and an editor's JavaScript
    (`u` flag, as the YAML and JSON language servers compile patterns) read alike: a Chinese
    tag is valid everywhere, and a full-width comma never is (the slip finder relies on it)."""
    import jsonschema_rs

    schema = json.loads((ROOT / "schema" / "okr-file.schema.json").read_text())
    pattern = schema["$defs"]["tags"]["items"]["pattern"]
    tags = list(_TAGS)
    fast = jsonschema_rs.Draft202012Validator({"type": "string", "pattern": pattern})
    rust = [fast.is_valid(t) for t in tags]
    python = [bool(re.search(validation._python_pattern(pattern), t)) for t in tags]
    page = browser.new_page()
    try:
        editor = page.evaluate("([p, ts]) => ts.map(t => new RegExp(p, 'u').test(t))",
                               [pattern, tags])  # fmt: skip
    finally:
        page.close()
    expected = list(_TAGS.values())
    assert rust == expected and python == expected and editor == expected, (rust, python, editor)
