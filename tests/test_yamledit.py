"""Exact edits of team files (`generator.yamledit`): only the intended lines change.

Every edit is checked two ways: (a) the data loads back as the old data plus exactly the
intended change (types included), and (b) the lines outside the edited region are byte for
byte the original ones, compared as lists of lines with their endings.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator.loader import load
from generator.yamledit import (
    EditError,
    append_check_in,
    scalar,
    set_initiative_field,
    set_key_result_field,
    set_top_level_block,
)

ROOT = Path(__file__).resolve().parent.parent

# Comments before, after and inside key results, end-of-line comments, flow and block
# check-ins, block scalars, Chinese text and odd quoting that must all survive.
BASE = """\
# Platform, Q4: 平台团队 (a comment before everything)
team: platform   # the id from org.yaml
period: "2026-Q4"
objectives:
  # the first objective
  - id: O1
    title: 'Make the API fast: really'   # single quotes, kept
    description: |
      Customers churn when we page them at night.
      第二行：中文。
    key_results:
      # KR1 keeps flow check-ins
      - id: KR1
        title: "Cut p99 latency from 850 to 300 ms"
        metric: {start: 850, target: 300, unit: ms}   # from Grafana
        check_ins:
          - {date: 2026-10-05, value: 850, by: bob}
          # a comment between check-ins
          - {date: 2026-10-12, value: 790, by: bob}   # after pooling
        # a comment after the check-ins
        initiatives:
          - title: Connection pooling
            status: done
      # KR2 has no check-ins yet
      - id: KR2
        title: 发布故障切换手册
        milestone: true
        description: |
          写在切换之前。

        # a comment after the description
      - id: KR3
        title: Block check-ins
        metric: {target: 10}
        check_ins:
          - date: 2026-10-05
            value: 1
            note: |
              Started.

          - date: 2026-10-12
            value: 3
            note: 进展：顺利   # an end-of-line comment
        score: 0.3   # provisional
recognition:
  - {date: 2026-10-20, to: carol, from: alice, message: "Thanks!"}
# the end
"""

# Four spaces everywhere, `-` followed by three spaces.
FOUR = """\
team: mobile
period: 2026-Q4
objectives:
    -   id: O1
        title: Four spaces everywhere
        key_results:
            -   id: KR1
                title: Ship it
                metric: {target: 5}
                check_ins:
                    -   date: 2026-10-05
                        value: 1
            -   id: KR2
                title: Nothing yet
                milestone: true
"""

# Lists not indented under their key (`key_results:\n- id: KR1`).
INDENTLESS = """\
team: data
period: 2026-Q4
objectives:
- id: O1
  title: Indentless lists
  key_results:
  - id: KR1
    title: 指标目录上线
    metric: {target: 10}
    check_ins:
    - {date: 2026-10-05, value: 2}
  - id: KR2
    title: No check-ins
    milestone: true
"""

# Block scalars right before the insertion points.
SCALARS = """\
team: t
period: 2026-Q4
objectives:
  - id: O1
    title: x
    key_results:
      - id: KR1
        title: Literal note last
        check_ins:
          - date: 2026-10-05
            value: 1
            note: |
              Line one.
              Line two.

      - id: KR2
        title: Kept trailing lines
        check_ins:
          - date: 2026-10-05
            value: 1
            note: |+
              Kept.

      - id: KR3
        title: Folded description last
        description: >-
          Folded
          text.
      # a comment after KR3
"""

# The last key result of the last objective ends the file, without a final line break.
END_FLOW = """\
team: t
period: 2026-Q4
objectives:
  - id: O1
    title: x
    key_results:
      - id: KR1
        title: y
        check_ins:
          - {date: 2026-10-05, value: 1}"""

END_BLOCK = """\
team: t
period: 2026-Q4
objectives:
  - id: O1
    title: x
    key_results:
      - id: KR1
        title: y
        check_ins:
          - date: 2026-10-05
            value: 1"""

END_NONE = """\
team: t
period: 2026-Q4
objectives:
  - id: O1
    title: x
    key_results:
      - id: KR1
        title: y
        metric: {target: 3}"""

NEW = {"date": "2026-11-23", "value": 540}
NEW_LINE = "          - {date: 2026-11-23, value: 540}\n"


# --- helpers -------------------------------------------------------------------------------


def lines(text: str) -> list[str]:
    """Lines with their endings (LF, CRLF or CR), the last one possibly without."""
    return re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z", text)


def changed(old: str, new: str) -> tuple[int, list[str], list[str]]:
    """(index of the first differing line, old lines there, new lines there): everything
    before and after is byte-identical."""
    a, b = lines(old), lines(new)
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    return head, a[head : len(a) - tail], b[head : len(b) - tail]


def loaded(text: str) -> Any:
    return load(text.removeprefix("\ufeff"))


def strict(data: Any) -> str:
    """A comparison that tells True from 1 and 1 from 1.0, in any key order."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


def expect(
    old: str,
    new: str,
    change: Callable[[Any], None],
    *,
    after: str | None,
    removed: list[str],
    added: list[str],
) -> None:
    """The edit changed exactly `removed` into `added` right after the line `after`
    (None: at the top), and the data exactly as `change` does."""
    head, gone, came = changed(old, new)
    assert (gone, came) == (removed, added)
    assert (lines(old)[head - 1] if head else None) == after
    data = copy.deepcopy(loaded(old))
    change(data)
    assert strict(loaded(new)) == strict(data)


def kr(data: Any, objective: int, key_result: int) -> dict[str, Any]:
    return data["objectives"][objective]["key_results"][key_result]


def refused(call: Callable[..., str], text: str, *args: Any, match: str) -> None:
    before = str(text)
    with pytest.raises(EditError, match=match):
        call(text, *args)
    assert text == before


class _DatesAsText(yaml.SafeLoader):
    """PyYAML (YAML 1.1, what other tools read) with dates kept as text."""


_DatesAsText.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def pyyaml(text: str) -> Any:
    return yaml.load(text.removeprefix("\ufeff"), Loader=_DatesAsText)


@dataclass(frozen=True)
class Conv:
    """A file's conventions: its line ending and whether it starts with a UTF-8 BOM."""

    nl: str
    bom: str

    def file(self, text: str) -> str:
        return self.bom + self.line(text)

    def line(self, text: str) -> str:
        return text.replace("\n", self.nl)

    def lines(self, texts: list[str]) -> list[str]:
        return [self.line(text) for text in texts]

    def endings(self, text: str) -> None:
        """Every line of `text` ends with the file's line ending; the BOM is still there."""
        assert all(line.endswith(self.nl) for line in lines(text))
        if self.nl == "\n":
            assert "\r" not in text
        assert text.startswith("\ufeff") == bool(self.bom)


CONVENTIONS = {
    "lf": Conv("\n", ""),
    "crlf": Conv("\r\n", ""),
    "bom": Conv("\n", "\ufeff"),
    "bom-crlf": Conv("\r\n", "\ufeff"),
    "cr": Conv("\r", ""),  # old Mac files: YAML and the loader take a lone CR as a break
}


@pytest.fixture(params=sorted(CONVENTIONS))
def conv(request: pytest.FixtureRequest) -> Conv:
    """The same file with LF, CRLF or CR line endings, with or without a UTF-8 BOM."""
    return CONVENTIONS[request.param]


# --- append_check_in: flow, block, new lists -----------------------------------------------


def test_flow_check_in_after_the_last_one_in_schema_key_order(conv: Conv) -> None:
    entry = {"note": "Cache warm-up.", "by": "bob", "status": "on_track", "value": 540}
    entry["date"] = "2026-11-23"
    old = conv.file(BASE)
    new = append_check_in(old, 0, 0, entry)
    written = "          - {date: 2026-11-23, value: 540, status: on_track, note: Cache warm-up., by: bob}\n"
    expect(
        old,
        new,
        lambda d: kr(d, 0, 0)["check_ins"].append(entry),
        after=conv.line("          - {date: 2026-10-12, value: 790, by: bob}   # after pooling\n"),
        removed=[],
        added=[conv.line(written)],
    )
    assert new == conv.file(append_check_in(BASE, 0, 0, entry))
    conv.endings(new)


def test_block_check_in_after_the_last_one(conv: Conv) -> None:
    entry = {"date": "2026-11-23", "value": 5, "confidence": 6, "note": "继续：下周完成"}
    old = conv.file(BASE)
    new = append_check_in(old, 0, 2, entry)
    added = [
        "          - date: 2026-11-23\n",
        "            value: 5\n",
        "            confidence: 6\n",
        "            note: 继续：下周完成\n",
    ]
    expect(
        old,
        new,
        lambda d: kr(d, 0, 2)["check_ins"].append(entry),
        after=conv.line("            note: 进展：顺利   # an end-of-line comment\n"),
        removed=[],
        added=conv.lines(added),
    )
    assert lines(new)[lines(new).index(conv.line(added[-1])) + 1] == conv.line(
        "        score: 0.3   # provisional\n"
    )
    conv.endings(new)


def test_a_check_in_follows_the_key_order_the_team_writes() -> None:
    text = (
        "team: t\nperiod: 2026-Q4\nobjectives:\n  - id: O1\n    title: T\n    key_results:\n"
        "      - id: KR1\n        title: K\n        metric: {start: 0, target: 10}\n"
        "        check_ins:\n"
        "          - {date: 2026-10-01, value: 1}\n"
        "          - date: 2026-10-08\n            value: 2\n            by: bob\n"
        "            confidence: 7\n            note: moving\n"
    )
    entry = {"date": "2026-10-15", "value": 3, "confidence": 6, "note": "fine", "by": "ann"}
    new = append_check_in(text, 0, 0, entry)
    assert new.endswith(
        "          - date: 2026-10-15\n            value: 3\n            by: ann\n"
        "            confidence: 6\n            note: fine\n"
    )
    # a key no check-in has yet follows the key it comes after in the schema
    new = append_check_in(text, 0, 0, {**entry, "status": "at_risk"})
    assert "value: 3\n            status: at_risk\n            by: ann\n" in new


@pytest.mark.parametrize(
    "entry, added",
    [
        # the file's own rule: flow check-ins have no note, block ones have one
        (
            {"date": "2026-11-23", "done": False},
            ["        check_ins:\n", "          - {date: 2026-11-23, done: false}\n"],
        ),
        (
            {"date": "2026-11-23", "done": True, "note": "已发布。"},
            [
                "        check_ins:\n",
                "          - date: 2026-11-23\n",
                "            done: true\n",
                "            note: 已发布。\n",
            ],
        ),
    ],
)
def test_check_ins_created_after_a_block_scalar(
    conv: Conv, entry: dict[str, object], added: list[str]
) -> None:
    old = conv.file(BASE)
    new = append_check_in(old, 0, 1, entry)
    expect(
        old,
        new,
        lambda d: kr(d, 0, 1).__setitem__("check_ins", [entry]),
        after=conv.line("          写在切换之前。\n"),
        removed=[],
        added=conv.lines(added),
    )
    # the blank line and the comment that followed the description still follow it
    tail = lines(new)[lines(new).index(conv.line(added[-1])) + 1 :]
    assert tail[:2] == conv.lines(["\n", "        # a comment after the description\n"])
    conv.endings(new)


def test_check_ins_created_before_initiatives_and_score() -> None:
    text = """\
team: t
period: 2026-Q4
objectives:
  - id: O1
    title: x
    key_results:
      - id: KR1
        title: With initiatives
        metric: {target: 3}   # three
        # about the initiatives
        initiatives:
          - title: Something
      - id: KR2
        title: Graded
        milestone: true
        score: 1
"""
    new = append_check_in(text, 0, 0, NEW)
    expect(
        text,
        new,
        lambda d: kr(d, 0, 0).__setitem__("check_ins", [NEW]),
        after="        metric: {target: 3}   # three\n",
        removed=[],
        added=["        check_ins:\n", NEW_LINE],
    )
    new = append_check_in(text, 0, 1, {"date": "2026-11-23", "done": True})
    expect(
        text,
        new,
        lambda d: kr(d, 0, 1).__setitem__("check_ins", [{"date": "2026-11-23", "done": True}]),
        after="        milestone: true\n",
        removed=[],
        added=["        check_ins:\n", "          - {date: 2026-11-23, done: true}\n"],
    )


def test_real_file_mixed_styles_follow_its_rule() -> None:
    """platform.yaml writes check-ins with a note as blocks, the others as flow mappings."""
    text = (ROOT / "okrs" / "2026-Q4" / "platform.yaml").read_text(encoding="utf-8")
    plain = {"date": "2026-11-23", "value": 500, "by": "bob"}
    new = append_check_in(text, 0, 0, plain)
    expect(
        text,
        new,
        lambda d: kr(d, 0, 0)["check_ins"].append(plain),
        after="            note: Cache warm-up on deploy removed the morning spike.\n",
        removed=[],
        added=["          - {date: 2026-11-23, value: 500, by: bob}\n"],
    )
    noted = {"date": "2026-11-23", "value": 480, "note": "Planner fix: done.", "by": "bob"}
    new = append_check_in(text, 0, 0, noted)
    expect(
        text,
        new,
        lambda d: kr(d, 0, 0)["check_ins"].append(noted),
        after="            note: Cache warm-up on deploy removed the morning spike.\n",
        removed=[],
        added=[
            "          - date: 2026-11-23\n",
            "            value: 480\n",
            "            by: bob\n",  # the order this file writes its check-ins in
            '            note: "Planner fix: done."\n',
        ],
    )


def test_mixed_styles_without_a_rule_follow_the_latest() -> None:
    text = """\
team: t
period: 2026-Q4
objectives:
  - id: O1
    title: x
    key_results:
      - id: KR1
        title: y
        check_ins:
          - {date: 2026-10-05, value: 1, note: flow with a note}
          - date: 2026-10-12
            value: 2
"""
    new = append_check_in(text, 0, 0, {"date": "2026-11-23", "value": 3})
    assert changed(text, new)[2] == ["          - date: 2026-11-23\n", "            value: 3\n"]


def test_flow_spacing_inside_braces_is_kept() -> None:
    text = BASE.replace(
        "{date: 2026-10-12, value: 790, by: bob}", "{ date: 2026-10-12, value: 790, by: bob }"
    )
    new = append_check_in(text, 0, 0, NEW)
    assert changed(text, new)[2] == ["          - { date: 2026-11-23, value: 540 }\n"]


# --- indentation styles --------------------------------------------------------------------


def test_four_space_indentation(conv: Conv) -> None:
    old = conv.file(FOUR)
    new = append_check_in(old, 0, 0, {"date": "2026-11-23", "value": 2})
    added = ["                    -   date: 2026-11-23\n", "                        value: 2\n"]
    expect(
        old,
        new,
        lambda d: kr(d, 0, 0)["check_ins"].append({"date": "2026-11-23", "value": 2}),
        after=conv.line("                        value: 1\n"),
        removed=[],
        added=conv.lines(added),
    )
    new = append_check_in(old, 0, 1, {"date": "2026-11-23", "done": True})
    added = [
        "                check_ins:\n",
        "                    -   date: 2026-11-23\n",
        "                        done: true\n",
    ]
    expect(
        old,
        new,
        lambda d: kr(d, 0, 1).__setitem__("check_ins", [{"date": "2026-11-23", "done": True}]),
        after=conv.line("                milestone: true\n"),
        removed=[],
        added=conv.lines(added),
    )
    conv.endings(new)


def test_four_space_file_without_check_ins_indents_like_its_key_results() -> None:
    text = FOUR.replace(
        "                check_ins:\n                    -   date: 2026-10-05\n"
        "                        value: 1\n",
        "",
    )
    new = append_check_in(text, 0, 1, {"date": "2026-11-23", "done": True})
    assert changed(text, new)[1:] == (
        [],
        [
            "                check_ins:\n",
            "                    -   {date: 2026-11-23, done: true}\n",
        ],
    )


def test_indentless_sequences(conv: Conv) -> None:
    old = conv.file(INDENTLESS)
    new = append_check_in(old, 0, 0, {"date": "2026-11-23", "value": 4})
    expect(
        old,
        new,
        lambda d: kr(d, 0, 0)["check_ins"].append({"date": "2026-11-23", "value": 4}),
        after=conv.line("    - {date: 2026-10-05, value: 2}\n"),
        removed=[],
        added=[conv.line("    - {date: 2026-11-23, value: 4}\n")],
    )
    new = append_check_in(old, 0, 1, {"date": "2026-11-23", "done": False})
    added = ["    check_ins:\n", "    - {date: 2026-11-23, done: false}\n"]
    expect(
        old,
        new,
        lambda d: kr(d, 0, 1).__setitem__("check_ins", [{"date": "2026-11-23", "done": False}]),
        after=conv.line("    milestone: true\n"),
        removed=[],
        added=conv.lines(added),
    )
    conv.endings(new)


# --- the end of the file and block scalars -------------------------------------------------


@pytest.mark.parametrize(
    "text, last, added",
    [
        (END_FLOW, "          - {date: 2026-10-05, value: 1}", [NEW_LINE.rstrip("\n")]),
        (
            END_BLOCK,
            "            value: 1",
            ["          - date: 2026-11-23\n", "            value: 540"],
        ),
        (END_NONE, "        metric: {target: 3}", ["        check_ins:\n", NEW_LINE.rstrip("\n")]),
    ],
    ids=["flow", "block", "new-list"],
)
def test_last_key_result_at_the_end_of_a_file_without_a_final_break(
    conv: Conv, text: str, last: str, added: list[str]
) -> None:
    old = conv.file(text)
    new = append_check_in(old, 0, 0, NEW)
    nl = conv.line("\n")

    def change(d: Any) -> None:
        kr(d, 0, 0).setdefault("check_ins", []).append(NEW)

    # the old last line only gains its line break; the file still ends without one
    expect(
        old,
        new,
        change,
        after=conv.line(lines(text)[-2]) if len(lines(text)) > 1 else None,
        removed=[last],
        added=[last + nl] + [line.replace("\n", nl) for line in added],
    )
    assert not new.endswith(("\n", "\r"))


def test_literal_note_right_before_the_insertion_point() -> None:
    entry = {"date": "2026-11-23", "value": 2, "note": "Next."}
    new = append_check_in(SCALARS, 0, 0, entry)
    expect(
        SCALARS,
        new,
        lambda d: kr(d, 0, 0)["check_ins"].append(entry),
        after="              Line two.\n",
        removed=[],
        added=[
            "          - date: 2026-11-23\n",
            "            value: 2\n",
            "            note: Next.\n",
        ],
    )


def test_kept_trailing_lines_stay_in_the_note(conv: Conv) -> None:
    old = conv.file(SCALARS)
    new = append_check_in(old, 0, 1, {"date": "2026-11-23", "value": 2})
    added = ["          - date: 2026-11-23\n", "            value: 2\n"]
    expect(
        old,
        new,
        lambda d: kr(d, 0, 1)["check_ins"].append({"date": "2026-11-23", "value": 2}),
        after=conv.line("\n"),
        removed=[],
        added=conv.lines(added),
    )
    assert kr(loaded(new), 0, 1)["check_ins"][0]["note"] == "Kept.\n\n"


def test_new_list_after_a_folded_description_before_a_comment() -> None:
    new = append_check_in(SCALARS, 0, 2, {"date": "2026-11-23", "value": 1})
    expect(
        SCALARS,
        new,
        lambda d: kr(d, 0, 2).__setitem__("check_ins", [{"date": "2026-11-23", "value": 1}]),
        after="          text.\n",
        removed=[],
        # the file's check-ins are all block mappings
        added=["        check_ins:\n", "          - date: 2026-11-23\n", "            value: 1\n"],
    )


def test_unusual_line_breaks_inside_text_do_not_shift_positions() -> None:
    """NEL and U+2028 are characters inside a line (YAML 1.2), not line breaks."""
    text = BASE.replace("title: Block check-ins", "title: Block\u2028check\x85ins")
    new = append_check_in(text, 0, 2, {"date": "2026-11-23", "value": 4})
    expect(
        text,
        new,
        lambda d: kr(d, 0, 2)["check_ins"].append({"date": "2026-11-23", "value": 4}),
        after="            note: 进展：顺利   # an end-of-line comment\n",
        removed=[],
        added=["          - date: 2026-11-23\n", "            value: 4\n"],
    )


# --- values that need quoting --------------------------------------------------------------

NOTES = [
    ("Pooling: done", '"Pooling: done"'),
    ("C# rewrite", '"C# rewrite"'),
    ("#1 priority", '"#1 priority"'),
    ("@bob says hi", '"@bob says hi"'),
    ("进展：顺利，下周上线", "进展：顺利，下周上线"),
    ("12", '"12"'),
    ("", '""'),
    ("true", '"true"'),
    ("on", '"on"'),
    ("null", '"null"'),
    ("2026-10-06", '"2026-10-06"'),
    (" padded ", '" padded "'),
    ("a, b", '"a, b"'),
    ("line one\nline two", '"line one\\nline two"'),
    ("- dash", '"- dash"'),
    ("{braces}", '"{braces}"'),
    ('say "hi"', 'say "hi"'),
    ("see https://example.com/x", "see https://example.com/x"),
    ("12:30", '"12:30"'),
    ("1e3", '"1e3"'),
]


@pytest.mark.parametrize("note, written", NOTES, ids=[repr(n) for n, _ in NOTES])
@pytest.mark.parametrize("row", [0, 2], ids=["flow", "block"])
def test_notes_that_need_quoting_round_trip(note: str, written: str, row: int) -> None:
    entry = {"date": "2026-11-23", "note": note}
    new = append_check_in(BASE, 0, row, entry)
    _, removed, added = changed(BASE, new)
    assert removed == []
    if row == 0:
        assert added == [f"          - {{date: 2026-11-23, note: {written}}}\n"]
    else:
        assert added == ["          - date: 2026-11-23\n", f"            note: {written}\n"]
    assert kr(loaded(new), 0, row)["check_ins"][-1] == entry
    assert kr(pyyaml(new), 0, row)["check_ins"][-1] == entry


def test_a_date_object_is_written_plain_and_loads_as_text() -> None:
    new = append_check_in(BASE, 0, 0, {"date": dt.date(2026, 11, 23), "done": True})
    assert changed(BASE, new)[2] == ["          - {date: 2026-11-23, done: true}\n"]
    assert kr(loaded(new), 0, 0)["check_ins"][-1] == {"date": "2026-11-23", "done": True}


def test_numbers_and_booleans_keep_their_types() -> None:
    entry = {"date": "2026-11-23", "value": 0.5, "done": False, "confidence": 7}
    new = append_check_in(BASE, 0, 0, entry)
    assert changed(BASE, new)[2] == [
        "          - {date: 2026-11-23, value: 0.5, done: false, confidence: 7}\n"
    ]
    assert strict(kr(loaded(new), 0, 0)["check_ins"][-1]) == strict(entry)


# --- flow lists and empty lists ------------------------------------------------------------


@pytest.mark.parametrize(
    "before, after",
    [
        (
            "        check_ins: [{date: 2026-10-05, value: 1}, {date: 2026-10-12, value: 2}]  # flow\n",
            "        check_ins: [{date: 2026-10-05, value: 1}, {date: 2026-10-12, value: 2}, {date: 2026-11-23, value: 540}]  # flow\n",
        ),
        ("        check_ins: []\n", "        check_ins: [{date: 2026-11-23, value: 540}]\n"),
    ],
    ids=["one-line", "empty"],
)
def test_one_line_flow_list_gets_one_more_item(before: str, after: str) -> None:
    text = END_NONE + "\n" + before
    new = append_check_in(text, 0, 0, NEW)
    expect(
        text,
        new,
        lambda d: kr(d, 0, 0)["check_ins"].append(NEW),
        after="        metric: {target: 3}\n",
        removed=[before],
        added=[after],
    )


def test_flow_list_over_several_lines_is_refused() -> None:
    text = END_NONE + "\n        check_ins: [\n          {date: 2026-10-05, value: 1}]\n"
    refused(append_check_in, text, 0, 0, NEW, match="over several lines")


@pytest.mark.parametrize("key_line", ["        check_ins:\n", "        check_ins:   # none yet\n"])
def test_an_empty_check_ins_key_gets_its_list(key_line: str) -> None:
    text = END_NONE + "\n" + key_line + "        score: 0.1\n"
    new = append_check_in(text, 0, 0, NEW)
    expect(
        text,
        new,
        lambda d: kr(d, 0, 0).__setitem__("check_ins", [NEW]),
        after=key_line,
        removed=[],
        added=[NEW_LINE],
    )


@pytest.mark.parametrize("value", ["~", "null", "some text", '""', "{}"])
def test_check_ins_that_is_not_a_list_is_refused(value: str) -> None:
    text = END_NONE + f"\n        check_ins: {value}\n"
    refused(append_check_in, text, 0, 0, NEW, match="check_ins")


# --- refusals ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, match",
    [
        (BASE.replace("      - id: KR1\n", "      - &kr1\n        id: KR1\n"), "anchor"),
        (
            BASE.replace(
                "        check_ins:\n          - {date: 2026-10-05",
                "        check_ins: &ci\n          - {date: 2026-10-05",
            )
            + "copy: *ci\n",
            "anchor",
        ),
        (
            "team: t\nperiod: 2026-Q4\nshared: &krs\n  - id: KR1\n    check_ins: []\n"
            "objectives:\n  - id: O1\n    key_results: *krs\n",
            "alias",
        ),
        (
            BASE.replace(
                "        check_ins:\n          - {date: 2026-10-05",
                "        check_ins: !!seq\n          - {date: 2026-10-05",
            ),
            "tag",
        ),
        (
            "team: t\nperiod: 2026-Q4\nobjectives:\n  - id: O1\n    key_results:\n"
            "      - {id: KR1, title: y, check_ins: []}\n",
            "flow mapping",
        ),
        ("team: [unclosed\n", "does not load"),
        ("- a list\n", "not a mapping"),
        ("team: t\nteam: u\nobjectives: []\n", "duplicate key"),
    ],
    ids=[
        "anchored-kr",
        "anchored-list",
        "aliased-list",
        "tagged-list",
        "flow-kr",
        "syntax",
        "list",
        "dup",
    ],
)
def test_unusual_shapes_are_refused(text: str, match: str) -> None:
    refused(append_check_in, text, 0, 0, NEW, match=match)


def test_an_anchor_outside_the_path_is_fine() -> None:
    text = BASE.replace("team: platform", "team: &team platform") + "mirror: *team\n"
    new = append_check_in(text, 0, 0, NEW)
    assert changed(text, new)[1:] == ([], [NEW_LINE])


def test_an_alias_as_a_sibling_value_does_not_move_the_insertion_point() -> None:
    text = (
        "defaults: &d {target: 3}\n" + END_NONE.replace("metric: {target: 3}", "metric: *d") + "\n"
    )
    new = append_check_in(text, 0, 0, NEW)
    expect(
        text,
        new,
        lambda d: kr(d, 0, 0).__setitem__("check_ins", [NEW]),
        after="        metric: *d\n",
        removed=[],
        added=["        check_ins:\n", NEW_LINE],
    )


@pytest.mark.parametrize(
    "objective, key_result, entry, match",
    [
        (1, 0, NEW, "objective 1 does not exist"),
        (0, 3, NEW, "key result 3 does not exist"),
        (-1, 0, NEW, "objective -1"),
        (True, 0, NEW, "objective True"),
        (0, 0, {"value": 1}, "needs a date"),
        (0, 0, {"date": "2026-13-01", "value": 1}, "YYYY-MM-DD"),
        (0, 0, {"date": "23.11.2026", "value": 1}, "YYYY-MM-DD"),
        (0, 0, {"date": dt.datetime(2026, 11, 23, 10, 0), "value": 1}, "YYYY-MM-DD"),
        (0, 0, {"date": "2026-11-23", "valeu": 1}, "unknown check-in key"),
        (0, 0, {"date": "2026-11-23", "value": [1, 2]}, "cannot write a list"),
    ],
)
def test_bad_requests_are_refused(objective: Any, key_result: Any, entry: Any, match: str) -> None:
    refused(append_check_in, BASE, objective, key_result, entry, match=match)


# --- set_key_result_field ------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, comment, line",
    [
        (0.7, None, "        score: 0.7   # provisional\n"),
        (0.75, None, "        score: 0.75  # provisional\n"),
        (1, None, "        score: 1     # provisional\n"),
        (
            0.7,
            "from progress 0.73, not yet reviewed",
            "        score: 0.7   # from progress 0.73, not yet reviewed\n",
        ),
        (0.7, "# reviewed", "        score: 0.7   # reviewed\n"),
        (0.7, "", "        score: 0.7\n"),
    ],
)
def test_replace_a_field_keeping_its_comment_column(
    conv: Conv, value: float, comment: str | None, line: str
) -> None:
    old = conv.file(BASE)
    new = set_key_result_field(old, 0, 2, "score", value, comment)
    expect(
        old,
        new,
        lambda d: kr(d, 0, 2).__setitem__("score", value),
        after=conv.line("            note: 进展：顺利   # an end-of-line comment\n"),
        removed=[conv.line("        score: 0.3   # provisional\n")],
        added=[conv.line(line)],
    )
    conv.endings(new)


def test_add_a_field_at_the_end_of_the_key_result(conv: Conv) -> None:
    old = conv.file(BASE)
    new = set_key_result_field(old, 0, 0, "score", 0.7, "from progress 0.73, not yet reviewed")
    # aligned with the key result's other end-of-line comment (`# from Grafana`)
    line = "        score: 0.7" + " " * 36 + "# from progress 0.73, not yet reviewed\n"
    assert line.index("#") == "        metric: {start: 850, target: 300, unit: ms}   #".index("#")
    expect(
        old,
        new,
        lambda d: kr(d, 0, 0).__setitem__("score", 0.7),
        after=conv.line("            status: done\n"),
        removed=[],
        added=[conv.line(line)],
    )
    conv.endings(new)


def test_add_a_field_after_a_block_scalar_and_before_a_blank_line() -> None:
    new = set_key_result_field(BASE, 0, 1, "score", 1, "reviewed")
    expect(
        BASE,
        new,
        lambda d: kr(d, 0, 1).__setitem__("score", 1),
        after="          写在切换之前。\n",
        removed=[],
        added=["        score: 1  # reviewed\n"],
    )


@pytest.mark.parametrize(
    "text, after, line",
    [
        (FOUR, "                milestone: true\n", "                score: 0.5\n"),
        (INDENTLESS, "    milestone: true\n", "    score: 0.5\n"),
        (SCALARS, "          text.\n", "        score: 0.5\n"),
    ],
    ids=["four", "indentless", "folded"],
)
def test_add_a_field_in_other_layouts(text: str, after: str, line: str) -> None:
    objective, key_result = 0, len(loaded(text)["objectives"][0]["key_results"]) - 1
    new = set_key_result_field(text, objective, key_result, "score", 0.5)
    expect(
        text,
        new,
        lambda d: kr(d, objective, key_result).__setitem__("score", 0.5),
        after=after,
        removed=[],
        added=[line],
    )


def test_fields_at_the_end_of_a_file_without_a_final_break() -> None:
    text = END_NONE + "\n        score: 0.2   # old"
    new = set_key_result_field(text, 0, 0, "score", 0.9)
    assert new == END_NONE + "\n        score: 0.9   # old"
    new = set_key_result_field(END_NONE, 0, 0, "score", 0.9)
    expect(
        END_NONE,
        new,
        lambda d: kr(d, 0, 0).__setitem__("score", 0.9),
        after="        title: y\n",
        removed=["        metric: {target: 3}"],
        added=["        metric: {target: 3}\n", "        score: 0.9"],
    )


def test_a_field_on_the_dash_line_and_an_empty_field() -> None:
    new = set_key_result_field(BASE, 0, 1, "id", "1.2")
    assert changed(BASE, new)[1:] == (["      - id: KR2\n"], ['      - id: "1.2"\n'])
    text = END_NONE.replace("title: y", "title: y\n        owner:   # tbd")
    new = set_key_result_field(text, 0, 0, "owner", "bob")
    assert changed(text, new)[1:] == (["        owner:   # tbd\n"], ["        owner: bob  # tbd\n"])
    assert kr(loaded(new), 0, 0)["owner"] == "bob"


@pytest.mark.parametrize(
    "value, written, back",
    [
        ("12", '"12"', "12"),
        ("", '""', ""),
        ("true", '"true"', "true"),
        ("@alice", '"@alice"', "@alice"),
        ("a: b", '"a: b"', "a: b"),
        ("#1", '"#1"', "#1"),
        ("负责人：小明", "负责人：小明", "负责人：小明"),
        ("2026-10-06", '"2026-10-06"', "2026-10-06"),
        (dt.date(2026, 12, 15), "2026-12-15", "2026-12-15"),
        (True, "true", True),
        (1e-05, "1.0e-05", 1e-05),
        (3, "3", 3),
    ],
)
def test_field_values_round_trip(value: object, written: str, back: object) -> None:
    new = set_key_result_field(BASE, 0, 1, "owner", value)
    assert changed(BASE, new)[1:] == ([], [f"        owner: {written}\n"])
    assert strict(kr(loaded(new), 0, 1)["owner"]) == strict(back)
    if not isinstance(value, dt.date):
        assert strict(kr(pyyaml(new), 0, 1)["owner"]) == strict(back)


@pytest.mark.parametrize(
    "text, key, value, comment, match",
    [
        (
            BASE.replace("score: 0.3", "score: |\n          0.3\n"),
            "score",
            "x",
            None,
            "several lines",
        ),
        (
            BASE.replace("score: 0.3", "score: 'three\n          tenths'"),
            "score",
            "x",
            None,
            "several lines",
        ),
        (BASE, "metric", 1, None, "list or mapping"),
        (BASE, "check_ins", 1, None, "list or mapping"),
        (BASE.replace("score: 0.3", "score: &s 0.3") + "copy: *s\n", "score", 1, None, "anchor"),
        (BASE.replace("score: 0.3", "score: !!float 0.3"), "score", 1, None, "tag"),
        ("o: &o bob\n" + BASE.replace("score: 0.3", "score: *o"), "score", 1, None, "alias"),
        (BASE, "on", 1, None, "not a key"),
        (BASE, "a b", 1, None, "not a key"),
        (BASE, "", 1, None, "not a key"),
        (BASE, "score", 1, "two\nlines", "one line"),
        (BASE, "score", None, None, "cannot write a NoneType"),
        (BASE, "score", {"a": 1}, None, "cannot write a dict"),
    ],
)
def test_fields_refused(
    text: str, key: str, value: object, comment: str | None, match: str
) -> None:
    refused(set_key_result_field, text, 0, 2, key, value, comment, match=match)


# --- set_top_level_block -------------------------------------------------------------------


def test_block_added_at_the_end_of_the_file(conv: Conv) -> None:
    old = conv.file(BASE)
    new = set_top_level_block(old, "retrospective", "Deploy time fell: a lot.\n第二段：中文。\n")
    added = ["retrospective: |\n", "  Deploy time fell: a lot.\n", "  第二段：中文。\n"]
    expect(
        old,
        new,
        lambda d: d.__setitem__("retrospective", "Deploy time fell: a lot.\n第二段：中文。\n"),
        after=conv.line("# the end\n"),
        removed=[],
        added=conv.lines(added),
    )
    conv.endings(new)


RETRO = """\
team: t
period: 2026-Q3
objectives: []
retrospective: |   # written at period end
  Old text.

  Old second paragraph.

recognition:
  - {date: 2026-09-18, to: bob, from: alice, message: Thanks.}
"""


def test_block_replaced_keeping_its_header_comment(conv: Conv) -> None:
    old = conv.file(RETRO)
    new = set_top_level_block(old, "retrospective", "New text.\n\nSecond: 二。\n")
    expect(
        old,
        new,
        lambda d: d.__setitem__("retrospective", "New text.\n\nSecond: 二。\n"),
        after=conv.line("retrospective: |   # written at period end\n"),
        removed=conv.lines(["  Old text.\n", "\n", "  Old second paragraph.\n"]),
        added=conv.lines(["  New text.\n", "\n", "  Second: 二。\n"]),
    )
    conv.endings(new)


@pytest.mark.parametrize(
    "body, header, content",
    [
        ("One line, no break", "|-", ["  One line, no break\n"]),
        ("Two breaks\n\n", "|+", ["  Two breaks\n", "\n"]),
        ("  starts indented\nthen not\n", "|2", ["    starts indented\n", "  then not\n"]),
        ("# not a comment\nkey: not a key\n", "|", ["  # not a comment\n", "  key: not a key\n"]),
        ("CRLF\r\nbody\r\n", "|", ["  CRLF\n", "  body\n"]),
    ],
)
def test_block_headers_say_what_the_text_needs(body: str, header: str, content: list[str]) -> None:
    new = set_top_level_block(RETRO, "retrospective", body)
    old_block = (
        "retrospective: |   # written at period end\n  Old text.\n\n  Old second paragraph.\n"
    )
    new_block = f"retrospective: {header}   # written at period end\n" + "".join(content)
    if header == "|+":  # kept trailing lines take in the blank line that followed
        old_block += "\n"
    assert new == RETRO.replace(old_block, new_block)
    assert loaded(new) == dict(loaded(RETRO), retrospective=body.replace("\r\n", "\n"))


@pytest.mark.parametrize(
    "line",
    [
        "retrospective: TBD   # later\n",
        "retrospective:   # later\n",
        "retrospective: 'To be\n  written'   # later\n",
    ],
    ids=["plain", "empty", "multi-line"],
)
def test_block_replaces_a_one_line_value(line: str) -> None:
    text = "team: t\nperiod: 2026-Q3\nobjectives: []\n" + line + "recognition: []\n"
    new = set_top_level_block(text, "retrospective", "Done.\n")
    expect(
        text,
        new,
        lambda d: d.__setitem__("retrospective", "Done.\n"),
        after="objectives: []\n",
        removed=lines(line),
        added=["retrospective: |   # later\n", "  Done.\n"],
    )


def test_empty_body_is_an_empty_string() -> None:
    new = set_top_level_block(RETRO, "retrospective", "")
    assert changed(RETRO, new)[1:] == (
        [
            "retrospective: |   # written at period end\n",
            "  Old text.\n",
            "\n",
            "  Old second paragraph.\n",
        ],
        ['retrospective: ""   # written at period end\n'],
    )
    assert loaded(new)["retrospective"] == ""


def test_block_at_the_end_of_a_file_without_a_final_break() -> None:
    new = set_top_level_block(END_NONE, "retrospective", "Done.\n")
    # a block scalar's last line needs its break, or the text would lose its newline
    expect(
        END_NONE,
        new,
        lambda d: d.__setitem__("retrospective", "Done.\n"),
        after="        title: y\n",
        removed=["        metric: {target: 3}"],
        added=["        metric: {target: 3}\n", "retrospective: |\n", "  Done.\n"],
    )
    text = END_NONE + "\nretrospective: |+\n  Old.\n\n"
    new = set_top_level_block(text, "retrospective", "New.\n")
    assert changed(text, new)[1:] == (
        ["retrospective: |+\n", "  Old.\n", "\n"],
        ["retrospective: |\n", "  New.\n"],
    )
    assert loaded(new)["retrospective"] == "New.\n"


def test_block_in_a_four_space_file_and_an_existing_indentation() -> None:
    new = set_top_level_block(FOUR, "retrospective", "Done.\n")
    assert changed(FOUR, new)[1:] == ([], ["retrospective: |\n", "    Done.\n"])
    text = RETRO.replace("  Old", "      Old")
    new = set_top_level_block(text, "retrospective", "New.\n")
    assert changed(text, new)[2] == ["      New.\n"]


@pytest.mark.parametrize(
    "text, key, body, match",
    [
        (BASE, "objectives", "x\n", "list or mapping"),
        ("r: &r x\n" + BASE + "retrospective: *r\n", "retrospective", "x\n", "alias"),
        (BASE, "retrospective", "bell \x07\n", "U\\+0007"),
        (BASE, "retrospective", "bom \ufeff\n", "U\\+FEFF"),
        (BASE, "true", "x\n", "not a key"),
        (BASE, "retrospective", 3, "a string"),
    ],
)
def test_blocks_refused(text: str, key: str, body: Any, match: str) -> None:
    refused(set_top_level_block, text, key, body, match=match)


# --- scalar --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, text",
    [
        (True, "true"),
        (False, "false"),
        (0, "0"),
        (-12, "-12"),
        (0.7, "0.7"),
        (1.0, "1.0"),
        (1e16, "1.0e+16"),
        (2.5e-07, "2.5e-07"),
        (math.inf, ".inf"),
        (-math.inf, "-.inf"),
        (math.nan, ".nan"),
        (dt.date(2026, 11, 23), "2026-11-23"),
        ("on_track", "on_track"),
        ("Pooling rolled out to 2 of 9 services.", "Pooling rolled out to 2 of 9 services."),
        ("中文：标题", "中文：标题"),
        ("", '""'),
        ("12", '"12"'),
        ("1.5", '"1.5"'),
        ("0o17", '"0o17"'),
        ("0x1F", '"0x1F"'),
        (".inf", '".inf"'),
        ("yes", '"yes"'),
        ("No", '"No"'),
        ("y", '"y"'),
        ("~", '"~"'),
        ("Null", '"Null"'),
        ("2026-10-06", '"2026-10-06"'),
        ("a: b", '"a: b"'),
        ("ends:", '"ends:"'),
        ("C#", '"C#"'),
        ("@here", '"@here"'),
        ("`code`", '"`code`"'),
        ("*star", '"*star"'),
        ("&amp", '"&amp"'),
        ("!bang", '"!bang"'),
        ("%pct", '"%pct"'),
        ("'q", '"\'q"'),
        ("| pipe", '"| pipe"'),
        ("> gt", '"> gt"'),
        ("? q", '"? q"'),
        ("why?", '"why?"'),
        (" lead", '" lead"'),
        ("trail ", '"trail "'),
        ("a\\b", "a\\b"),
        ('back\\slash "q": x', '"back\\\\slash \\"q\\": x"'),
        ("tab\tin", '"tab\\tin"'),
        ("nel\x85ls\u2028", '"nel\\Nls\\L"'),
        ("bell\x07", '"bell\\a"'),
        ("del\x7f", '"del\\x7f"'),
        ("rtl\u202eoverride", '"rtl\\u202eoverride"'),
        ("emoji 👨\u200d👩", "emoji 👨\u200d👩"),
        ("...", '"..."'),
        ("<<", '"<<"'),
        ("=", '"="'),
    ],
)
def test_scalar(value: object, text: str) -> None:
    assert scalar(value) == text
    back = value.isoformat() if isinstance(value, dt.date) else value
    got = load(f"k: {text}\nf: {{k: {text}}}\n")
    if isinstance(back, float) and math.isnan(back):
        assert math.isnan(got["k"]) and math.isnan(got["f"]["k"])
    else:
        assert strict(got) == strict({"k": back, "f": {"k": back}})


@pytest.mark.parametrize(
    "value", [None, [1], {"a": 1}, b"bytes", dt.datetime(2026, 1, 1), "\ud800"]
)
def test_scalar_refuses(value: object) -> None:
    with pytest.raises(EditError):
        scalar(value)


# The characters YAML gives a meaning to, and the letters of true, null, yes, 1e3, 0x1F...
TRICKY = list(" :#?-,[]{}!&*|>'\"%@`~\\\t\n\r0123456789.eEtTrRuUfFaAlLsSnNoOyYxXbB+_=<中：")


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",))) | st.text(TRICKY))
def test_any_text_round_trips_in_both_yaml_versions(value: str) -> None:
    text = scalar(value)
    assert "\n" not in text and "\r" not in text
    document = f"k: {text}\nf: {{k: {text}}}\n"
    assert load(document) == {"k": value, "f": {"k": value}}
    assert pyyaml(document) == {"k": value, "f": {"k": value}}


@given(
    st.one_of(
        st.integers(min_value=-(10**15), max_value=10**15),
        st.floats(allow_nan=False, min_value=-1e15, max_value=1e15),
        st.booleans(),
    )
)
def test_numbers_round_trip_with_their_types(value: object) -> None:
    document = f"k: {scalar(value)}\n"
    assert strict(load(document)) == strict({"k": value})
    assert strict(pyyaml(document)) == strict({"k": value})


# --- every real team file ------------------------------------------------------------------

TEAM_FILES = sorted((ROOT / "okrs").glob("*/*.yaml"))


@pytest.mark.parametrize("path", TEAM_FILES, ids=[f"{p.parent.name}/{p.name}" for p in TEAM_FILES])
def test_every_key_result_of_the_example_files(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    data = loaded(text)
    for o, objective in enumerate(data["objectives"]):
        for k, _ in enumerate(objective["key_results"]):
            entry = {"date": "2026-11-23", "value": 1, "note": "检查：ok"}
            new = append_check_in(text, o, k, entry)
            _, removed, added = changed(text, new)
            assert removed == []
            assert all(line.startswith(" ") and line.endswith("\n") for line in added)
            expected = copy.deepcopy(data)
            kr(expected, o, k).setdefault("check_ins", []).append(entry)
            assert strict(loaded(new)) == strict(expected)

            new = set_key_result_field(text, o, k, "score", 0.5, "reviewed")
            _, removed, added = changed(text, new)
            assert len(added) == 1 and re.fullmatch(r" +score: 0\.5 +# reviewed\n", added[0])
            assert len(removed) <= 1
    new = set_top_level_block(text, "retrospective", "Learned.\n")
    expected = dict(data, retrospective="Learned.\n")
    assert strict(loaded(new)) == strict(expected)


BLOCK_TEXT = st.text(alphabet=list(" \t\n\rab#:-|>'\"中"), max_size=30)


@given(BLOCK_TEXT)
def test_any_block_text_is_written_exactly(body: str) -> None:
    for text, removed_at_most in ((RETRO, 5), (END_NONE, 1)):
        new = set_top_level_block(text, "retrospective", body)
        _, removed, _ = changed(text, new)
        assert len(removed) <= removed_at_most
        expected = dict(loaded(text), retrospective=body.replace("\r\n", "\n").replace("\r", "\n"))
        assert strict(loaded(new)) == strict(expected)


@given(st.text(TRICKY) | st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
def test_any_note_and_field_value_round_trip(text: str) -> None:
    for row in (0, 2):  # flow and block check-ins
        entry = {"date": "2026-11-23", "note": text}
        new = append_check_in(BASE, 0, row, entry)
        assert changed(BASE, new)[1] == []
        assert kr(loaded(new), 0, row)["check_ins"][-1] == entry
        assert kr(pyyaml(new), 0, row)["check_ins"][-1] == entry
    new = set_key_result_field(BASE, 0, 2, "score", text, "a comment")
    assert len(changed(BASE, new)[1]) == 1
    assert kr(loaded(new), 0, 2)["score"] == text


# --- more of the files' own ways -----------------------------------------------------------


def test_tabs_between_tokens_are_kept() -> None:
    text = END_NONE + "\n        score:\t0.1\t# tab-separated\n"
    new = set_key_result_field(text, 0, 0, "score", 0.5)
    assert changed(text, new)[1:] == (
        ["        score:\t0.1\t# tab-separated\n"],
        ["        score:\t0.5\t# tab-separated\n"],
    )
    new = append_check_in(text, 0, 0, NEW)
    assert changed(text, new)[1:] == ([], ["        check_ins:\n", NEW_LINE])


def test_a_document_end_marker_stays_last() -> None:
    text = "---\n" + END_NONE + "\n...\n"
    new = set_top_level_block(text, "retrospective", "Done.\n")
    assert new == "---\n" + END_NONE + "\nretrospective: |\n  Done.\n...\n"
    new = append_check_in(text, 0, 0, NEW)
    assert new == "---\n" + END_NONE + "\n        check_ins:\n" + NEW_LINE + "...\n"


def test_mixed_line_endings_write_the_most_common_one() -> None:
    text = BASE.replace("\n", "\r\n").replace(
        "team: platform   # the id from org.yaml\r\n", "team: platform\n"
    )
    new = append_check_in(text, 0, 2, {"date": "2026-11-23", "value": 4})
    assert changed(text, new)[1:] == (
        [],
        ["          - date: 2026-11-23\r\n", "            value: 4\r\n"],
    )
    assert lines(new)[1] == "team: platform\n"


def test_a_check_in_that_starts_under_its_dash_is_refused() -> None:
    text = (
        END_NONE
        + "\n        check_ins:\n          -\n            date: 2026-10-05\n            value: 1\n"
    )
    refused(append_check_in, text, 0, 0, NEW, match="do not start on their `-` line")
    # a field goes in all the same, and another key result's new list follows the key results
    new = set_key_result_field(text, 0, 0, "score", 0.5)
    assert changed(text, new)[1:] == ([], ["        score: 0.5\n"])
    text += "      - id: KR2\n        title: z\n"
    new = append_check_in(text, 0, 1, NEW)
    assert changed(text, new)[1:] == (
        [],
        ["        check_ins:\n", "          - date: 2026-11-23\n", "            value: 540\n"],
    )


# --- set_initiative_field ------------------------------------------------------------------

# Block and flow initiatives side by side, as teams write them.
INITIATIVES = """\
team: platform
period: 2026-Q4
objectives:
  - id: O1
    title: Make the API fast
    key_results:
      - id: KR1
        title: Cut p99 latency from 850 to 300 ms
        metric: {target: 300, unit: ms}
        initiatives:
          # block, with an end-of-line comment
          - title: Connection pooling
            url: https://github.com/acme/api/issues/12
            status: planned   # until someone picks it up
          - {title: Cache warm-up, url: "https://github.com/acme/api/pull/7", status: in_progress}   # flow
          - { title: 查询缓存, url: https://github.com/acme/api/issues/9 }
          - title: No status yet
            url: https://github.com/acme/api/issues/10
        score: 0.3   # provisional
      - id: KR2
        title: Flow list of initiatives
        milestone: true
        initiatives: [{title: A, status: planned}, {title: B,url: x}]
"""


def initiative(data: Any, o: int, k: int, i: int) -> dict[str, Any]:
    return kr(data, o, k)["initiatives"][i]


@pytest.mark.parametrize(
    "value, line",
    [
        ("done", "            status: done      # until someone picks it up\n"),
        ("in_progress", "            status: in_progress  # until someone picks it up\n"),
    ],
)
def test_initiative_block_status_replaced_keeping_its_comment(
    conv: Conv, value: str, line: str
) -> None:
    old = conv.file(INITIATIVES)
    new = set_initiative_field(old, 0, 0, 0, "status", value)
    expect(
        old,
        new,
        lambda d: initiative(d, 0, 0, 0).__setitem__("status", value),
        after=conv.line("            url: https://github.com/acme/api/issues/12\n"),
        removed=[conv.line("            status: planned   # until someone picks it up\n")],
        added=[conv.line(line)],
    )
    conv.endings(new)


def test_initiative_flow_status_replaced_in_place(conv: Conv) -> None:
    old = conv.file(INITIATIVES)
    new = set_initiative_field(old, 0, 0, 1, "status", "done")
    row = '          - {title: Cache warm-up, url: "https://github.com/acme/api/pull/7", status: %s}   # flow\n'
    expect(
        old,
        new,
        lambda d: initiative(d, 0, 0, 1).__setitem__("status", "done"),
        after=conv.line("            status: planned   # until someone picks it up\n"),
        removed=[conv.line(row % "in_progress")],
        added=[conv.line(row % "done")],
    )
    conv.endings(new)


def test_initiative_flow_field_added_before_the_brace(conv: Conv) -> None:
    old = conv.file(INITIATIVES)
    new = set_initiative_field(old, 0, 0, 2, "status", "in_progress")
    expect(
        old,
        new,
        lambda d: initiative(d, 0, 0, 2).__setitem__("status", "in_progress"),
        after=conv.line(
            '          - {title: Cache warm-up, url: "https://github.com/acme/api/pull/7", status: in_progress}   # flow\n'
        ),
        removed=[
            conv.line(
                "          - { title: 查询缓存, url: https://github.com/acme/api/issues/9 }\n"
            )
        ],
        added=[
            conv.line(
                "          - { title: 查询缓存, url: https://github.com/acme/api/issues/9, status: in_progress }\n"
            )
        ],
    )
    conv.endings(new)


def test_initiative_block_field_added_after_its_last_field(conv: Conv) -> None:
    old = conv.file(INITIATIVES)
    new = set_initiative_field(old, 0, 0, 3, "status", "dropped")
    expect(
        old,
        new,
        lambda d: initiative(d, 0, 0, 3).__setitem__("status", "dropped"),
        after=conv.line("            url: https://github.com/acme/api/issues/10\n"),
        removed=[],
        added=[conv.line("            status: dropped\n")],
    )
    conv.endings(new)


def test_initiatives_in_a_flow_list_follow_its_spacing() -> None:
    new = set_initiative_field(INITIATIVES, 0, 1, 0, "status", "done")
    assert changed(INITIATIVES, new)[1:] == (
        ["        initiatives: [{title: A, status: planned}, {title: B,url: x}]\n"],
        ["        initiatives: [{title: A, status: done}, {title: B,url: x}]\n"],
    )
    new = set_initiative_field(INITIATIVES, 0, 1, 1, "status", "done")
    assert changed(INITIATIVES, new)[1:] == (
        ["        initiatives: [{title: A, status: planned}, {title: B,url: x}]\n"],
        ["        initiatives: [{title: A, status: planned}, {title: B,url: x,status: done}]\n"],
    )
    assert initiative(loaded(new), 0, 1, 1) == {"title": "B", "url": "x", "status": "done"}


@pytest.mark.parametrize(
    "before, after",
    [
        ("          - {title: A, status: }\n", "          - {title: A, status: done }\n"),
        ("          - {title: A, status: 'planned'}\n", "          - {title: A, status: done}\n"),
        ("          - {title: A}   # soon\n", "          - {title: A, status: done}   # soon\n"),
        ("          - {title: A, }\n", "          - {title: A, status: done, }\n"),
        ("          - title: A\n            status:   # tbd\n", None),
    ],
)
def test_initiative_shapes(before: str, after: str | None) -> None:
    text = END_NONE + "\n        initiatives:\n" + before
    new = set_initiative_field(text, 0, 0, 0, "status", "done")
    if after is None:
        assert changed(text, new)[1:] == (
            ["            status:   # tbd\n"],
            ["            status: done  # tbd\n"],
        )
    else:
        assert changed(text, new)[1:] == ([before], [after])
    assert initiative(loaded(new), 0, 0, 0) == {"title": "A", "status": "done"}


def test_initiative_flow_mapping_over_several_lines() -> None:
    text = (
        END_NONE + "\n        initiatives:\n          - {title: A,\n             status: planned}\n"
    )
    new = set_initiative_field(text, 0, 0, 0, "status", "done")
    assert changed(text, new)[1:] == (
        ["             status: planned}\n"],
        ["             status: done}\n"],
    )
    refused(
        set_initiative_field,
        text,
        0,
        0,
        0,
        "url",
        "https://github.com/acme/api/issues/1",
        match=r"initiatives\[0\] is a flow mapping \{\.\.\.\} over several lines",
    )


def test_initiatives_of_a_flow_key_result_are_edited_in_place() -> None:
    text = (
        "team: t\nperiod: 2026-Q4\nobjectives:\n  - id: O1\n    title: x\n    key_results:\n"
        "      - {id: KR1, title: y, initiatives: [{title: A, status: planned}]}\n"
    )
    new = set_initiative_field(text, 0, 0, 0, "status", "done")
    assert new == text.replace("planned", "done")
    refused(set_key_result_field, text, 0, 0, "score", 0.5, match="flow mapping")


@pytest.mark.parametrize(
    "text, where, key, value, match",
    [
        (
            INITIATIVES,
            (0, 0, 4),
            "status",
            "done",
            r"initiative 4 does not exist \(objectives\[0\]\.key_results\[0\]\.initiatives has 4\)",
        ),
        (INITIATIVES, (0, 0, -1), "status", "done", "initiative -1 does not exist"),
        (INITIATIVES, (0, 0, True), "status", "done", "initiative True does not exist"),
        (INITIATIVES, (0, 2, 0), "status", "done", "key result 2 does not exist"),
        (BASE, (0, 1, 0), "status", "done", r"key_results\[1\]\.initiatives is not a list"),
        (
            END_NONE + "\n        initiatives:\n          - Connection pooling\n",
            (0, 0, 0),
            "status",
            "done",
            r"initiatives\[0\] is not a list or mapping as expected",
        ),
        (
            END_NONE
            + "\n        initiatives:\n          - &i {title: A, status: planned}\n          - *i\n",
            (0, 0, 0),
            "status",
            "done",
            "anchor",
        ),
        (
            END_NONE + "\n        initiatives:\n          - {title: A, status: [planned]}\n",
            (0, 0, 0),
            "status",
            "done",
            "list or mapping",
        ),
        (
            END_NONE
            + "\n        initiatives:\n          - {title: A, status: 'planned\n              still'}\n",
            (0, 0, 0),
            "status",
            "done",
            "several lines",
        ),
        (
            END_NONE
            + "\n        initiatives:\n          - title: A\n            status: |\n              planned\n",
            (0, 0, 0),
            "status",
            "done",
            "several lines",
        ),
        # a key without a value: writing one after it would make a new key, which the proof sees
        (
            END_NONE + "\n        initiatives:\n          - {title: A, status}\n",
            (0, 0, 0),
            "status",
            "done",
            "would change more than intended",
        ),
        (INITIATIVES, (0, 0, 0), "on", "done", "not a key"),
        (INITIATIVES, (0, 0, 0), "status", None, "cannot write a NoneType"),
        (INITIATIVES, (0, 0, 1), "status", ["done"], "cannot write a list"),
    ],
)
def test_initiative_fields_refused(
    text: str, where: tuple[Any, Any, Any], key: str, value: object, match: str
) -> None:
    refused(set_initiative_field, text, *where, key, value, match=match)


@given(st.text(TRICKY) | st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
def test_any_initiative_value_round_trips(text: str) -> None:
    for i in (0, 1, 2):  # block, flow with the field, flow without it
        new = set_initiative_field(INITIATIVES, 0, 0, i, "status", text)
        assert len(changed(INITIATIVES, new)[1]) == 1
        assert initiative(loaded(new), 0, 0, i)["status"] == text
        assert initiative(pyyaml(new), 0, 0, i)["status"] == text


@pytest.mark.parametrize("path", TEAM_FILES, ids=[f"{p.parent.name}/{p.name}" for p in TEAM_FILES])
def test_every_initiative_of_the_example_files(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    data = loaded(text)
    for o, objective in enumerate(data["objectives"]):
        for k, key_result in enumerate(objective["key_results"]):
            for i, _ in enumerate(key_result.get("initiatives", [])):
                new = set_initiative_field(text, o, k, i, "status", "dropped")
                _, removed, added = changed(text, new)
                assert len(removed) <= 1
                assert len(added) == 1 and re.fullmatch(r" +status: dropped\n", added[0])
                expected = copy.deepcopy(data)
                initiative(expected, o, k, i)["status"] = "dropped"
                assert strict(loaded(new)) == strict(expected)
