"""The generated reference docs are committed up to date."""

from __future__ import annotations

from generator import docgen


def test_generated_docs_are_current():
    for path, text in docgen.outputs().items():
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.name} is out of date: run python -m generator.docgen"
        )


def test_format_reference_covers_every_field():
    text = docgen.format_reference()
    for field in (
        "aligns_with",
        "check_ins",
        "at_least",
        "confidential",
        "retrospective",
        "timezone",
        "github",
        "weight",
        "score",
        "initiatives",
        "recognition",
    ):
        assert f"`{field}`" in text
