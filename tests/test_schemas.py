"""The JSON Schemas: valid draft 2020-12, documented, used by every file in okrs/."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from generator import validation

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = sorted((ROOT / "schema").glob("*.schema.json"))


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_schema_is_valid_draft_2020_12_with_id(path):
    schema = json.loads(path.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
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
