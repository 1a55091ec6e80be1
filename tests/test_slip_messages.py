"""The YAML slips people make, through `okr check`: each named with its fix, at the line and
column of the slip itself (not the line after), with the line and a caret in the text format."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Company

PF = "okrs/2026-Q4/platform.yaml"
HEAD = "team: platform\nperiod: 2026-Q4\nobjectives:\n  - id: O1\n"
TAIL = "    key_results:\n      - {id: KR1, title: Ship the runbook, milestone: true}\n"


@pytest.mark.parametrize(
    ("line", "column", "says"),
    [
        ("    title: Reliability: make it boring\n", 23,
         "a ': ' inside an unquoted value starts a new mapping; put the whole value in quotes: "
         'title: "Reliability: make it boring"'),
        ("    title: @alice makes it boring\n", 12, "'@' cannot start an unquoted value"),
        ("    title: `boring` platform\n", 12, "cannot start an unquoted value"),
        ("    title: %50 less paging\n", 12, "put the value in quotes"),
        ("    title: *really* boring\n", 12, "put the value in quotes"),
        ("    title: &Co make it boring\n", 12, "put the value in quotes"),
        ("    title: !important boring\n", 12, "put the value in quotes"),
        ("\ttitle: Make it boring\n", 1, "a tab in the indentation; YAML indents with spaces"),
        ("    title:Make it boring\n", 11,
         "no space after 'title:', so YAML reads the line as one piece of text; add a space "
         "after the colon: title: Make it boring"),
        ("    title：让平台稳定\n", 10,
         "'：' is a full-width colon (Chinese input method); YAML needs the ASCII ':' followed "
         "by a space: title: 让平台稳定"),
    ],
)  # fmt: skip
def test_each_slip_is_named_at_its_own_line_and_column(
    company: Company, line: str, column: int, says: str
) -> None:
    text = HEAD + line + TAIL
    company.write(PF, text)
    result = company.check(PF)
    assert result.code == 1
    at = next(i for i, ln in enumerate(result.lines) if " error [" in ln)
    first = result.lines[at]
    assert first.startswith(f"{PF}:5:{column}: error [syntax] "), result.out
    assert says in first, result.out
    # the offending line, then a caret under the column
    shown = line.rstrip("\n").replace("\t", "→   ")
    assert result.lines[at + 1] == f"    {shown}"
    caret = result.lines[at + 2]
    assert caret.strip() == "^"
    if "\t" not in line and "：" not in line:
        assert caret.index("^") == 4 + column - 1


def test_an_indentation_one_space_off_its_siblings(company: Company) -> None:
    company.write(PF, HEAD + "    title: Make it boring\n     owner: alice\n" + TAIL)
    result = company.check(PF)
    assert result.code == 1
    assert result.lines[0].startswith(f"{PF}:6:6: error [syntax] "), result.out
    assert "one space" in result.lines[0] or "indent" in result.lines[0], result.out


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("    title: Make it boring，fast\n    owner：alice\n", "full-width colon"),
        ("    title: Make it boring\n    tags: ［p0］\n", "full-width"),
    ],
)
def test_full_width_punctuation_is_named_with_its_ascii_replacement(
    company: Company, line: str, says: str
) -> None:
    company.write(PF, HEAD + line + TAIL)
    result = company.check(PF)
    assert result.code == 1
    assert says in result.out, result.out
    assert "Chinese input method" in result.out


def test_a_full_width_digit_in_a_number_is_named_where_the_schema_fails(
    company: Company,
) -> None:
    text = (HEAD + "    title: Make it boring\n" + "    key_results:\n"
            "      - id: KR1\n        title: Cut p99 latency from 850 ms to 300 ms\n"
            "        metric: {start: 850, target: ３00, unit: ms}\n")  # fmt: skip
    company.write(PF, text)
    result = company.check(PF)
    assert result.code == 1
    line = next(ln for ln in result.lines if ln.startswith(f"{PF}:9:"))
    assert "[syntax]" in line  # and no second error for the same slip from the schema
    assert sum(ln.startswith(f"{PF}:9:") for ln in result.lines) == 1, result.out
    assert "full-width digit" in line and "target: 300" in line, result.out
    assert result.lines[result.lines.index(line) + 1].strip().startswith("metric: {start: 850")


def test_a_clean_file_is_checked_and_has_no_slip(company: Company) -> None:
    company.write(PF, HEAD + "    title: 'Reliability: make it boring'\n" + TAIL)
    result = company.lint(PF)
    assert result.checked(PF, "syntax") and result.checked(PF, "schema")
    assert "error [" not in result.out, result.out


def test_other_formats_carry_the_slip_message_without_the_excerpt(company: Company) -> None:
    company.write(PF, HEAD + "    title: Reliability: make it boring\n" + TAIL)
    data = json.loads(company.check(PF, "--format", "json").out)
    [problem] = data["problems"]
    assert (problem["line"], problem["column"]) == (5, 23)
    assert problem["message"].startswith("a ': ' inside an unquoted value")
