"""The generated reference docs are committed up to date."""

from __future__ import annotations

import re

from babel.messages.pofile import read_po

from generator import docgen, messages
from generator.rules import RULES


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


def _fenced(text: str) -> list[str]:
    return re.findall(r"```.*?```", text, re.S)


def test_the_chinese_references_are_the_english_ones_with_their_prose_translated():
    """docs/zh/format.md and rules.md are generated from the same schemas and rules, with the
    prose from generator/locale/zh/LC_MESSAGES/docs.po: every example and every field is
    there, as it is, and no prose is left in English."""
    catalog = read_po((messages.LOCALE / "zh/LC_MESSAGES/docs.po").open("rb"), locale="zh")
    entries = [m for m in catalog if m.id]
    assert len(entries) > 200 and all(m.string and not m.fuzzy for m in entries)
    for message in entries:  # code and field names inside backticks are never translated
        for code in re.findall(r"`[^`]+`", str(message.id)):
            assert code in message.string, (message.id, code)
    tr = messages.translator("zh")
    assert tr is not None
    for make, name in (
        (docgen.rules_reference, "rules.md"),
        (docgen.format_reference, "format.md"),
    ):
        english, chinese = make(), make(tr)
        assert (docgen.DOCS / "zh" / name).read_text(encoding="utf-8") == chinese
        assert _fenced(chinese) == _fenced(english) and len(_fenced(english)) >= (
            40 if name == "rules.md" else 0)  # fmt: skip
        assert re.findall(r"(?m)^## .*$", chinese).__len__() == len(
            re.findall(r"(?m)^## .*$", english))  # fmt: skip
        assert re.findall(r"`[a-z_]+`", chinese).count("`aligns_with`") == re.findall(
            r"`[a-z_]+`", english).count("`aligns_with`")  # fmt: skip
        # code, and example titles quoted as people wrote them, stay as they are
        prose = re.sub(r"```.*?```|`[^`]*`|\([^)]*\)|“[^”]*”|\"[^\"]*\"", " ", chinese, flags=re.S)
        english_words = re.findall(r"\b(?:the|and|with|that|which)\b", prose)
        assert len(english_words) < 5, english_words[:20]
    for rid in RULES:
        assert f"## {rid}" in (docgen.DOCS / "zh" / "rules.md").read_text(encoding="utf-8")
