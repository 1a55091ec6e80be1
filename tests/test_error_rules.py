"""Every error rule: a fault planted in a small company is reported at its exact position."""

from __future__ import annotations

import pytest
from helpers import PLATFORM, expect

PF = "okrs/2026-Q4/platform.yaml"
ORG = "okrs/org.yaml"


def assert_reported(company, path: str, text: str, needle: str, rule: str, nth: int = 1) -> str:
    company.write(path, text)
    result = company.lint()
    prefix = expect(path, text, needle, "error", rule, nth)
    matching = [line for line in result.lines if line.startswith(prefix)]
    assert matching, f"expected {prefix!r} in:\n{result.out}"
    assert result.code == 1
    return matching[0]


CASES = {
    # syntax
    "duplicate key at the second key": (
        PF,
        PLATFORM.replace("    aligns_with:", "    title: Again\n    aligns_with:"),
        "title: Again",
        "syntax",
    ),
    "unclosed flow sequence": (
        PF,
        PLATFORM.replace("[acme/O1]", "[acme/O1"),
        ":\n      - id: KR1",
        "syntax",
    ),
    "tab indentation": (PF, PLATFORM.replace("  - id: O1", "\t- id: O1"), "\t", "syntax"),
    "alias bomb": (
        PF,
        "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n"
            for i in range(6)
        ),
        "&f",
        "syntax",
    ),
    "unsupported tag": (
        PF,
        PLATFORM.replace("team: platform", "team: !!python/object:os.system platform"),
        "!!python",
        "syntax",
    ),
    # schema
    "unknown key points at the key": (
        PF,
        PLATFORM.replace("        milestone: true", "        milestone: true\n        wieght: 2"),
        "wieght",
        "schema",
    ),
    "bad enum value": (
        PF,
        PLATFORM.replace("value: 520}", "value: 520, status: ontrack}"),
        "ontrack",
        "schema",
    ),
    "wrong type": (PF, PLATFORM.replace("value: 790", "value: lots"), "lots", "schema"),
    "missing required field points at the mapping": (
        PF,
        PLATFORM.replace("        title: The failover runbook is published\n", ""),
        "id: KR2",
        "schema",
    ),
    "not a calendar date": (
        PF,
        PLATFORM.replace("2026-10-06", "2026-02-30"),
        "2026-02-30",
        "schema",
    ),
    "two key-result kinds": (
        PF,
        PLATFORM.replace(
            "        milestone: true",
            "        milestone: true\n        metric: {start: 0, target: 1}",
        ),
        "id: KR2",
        "schema",
    ),
    "non-http link": (
        PF,
        PLATFORM.replace(
            "        milestone: true",
            "        milestone: true\n        initiatives:\n          - {title: Runbook, url: 'javascript:alert(1)'}",
        ),
        "'javascript",
        "schema",
    ),
    "unknown time zone": (ORG, None, "Mars/Olympus", "schema"),
    # path-matches
    "team differs from file name": (
        PF,
        PLATFORM.replace("team: platform", "team: acme"),
        "acme",
        "path-matches",
    ),
    "period differs from folder": (
        PF,
        PLATFORM.replace("period: 2026-Q4", "period: 2026-Q3"),
        "2026-Q3",
        "path-matches",
    ),
    "team not in org": (
        "okrs/2026-Q4/ghost.yaml",
        PLATFORM.replace("team: platform", "team: ghost"),
        "ghost",
        "path-matches",
    ),
    "undeclared custom period": (
        "okrs/2027-T1/platform.yaml",
        PLATFORM.replace("2026-Q4", "2027-T1"),
        "2027-T1",
        "path-matches",
    ),
    # unique-ids
    "duplicate objective id": (
        PF,
        PLATFORM
        + "  - id: O1\n    title: Make deploys a non-event\n    aligns_with: []\n    key_results: []\n",
        "O1\n    title: Make deploys",
        "unique-ids",
    ),
    "duplicate key-result id": (PF, PLATFORM.replace("id: KR2", "id: KR1"), "KR1", "unique-ids", 2),
    # reference-resolves
    "dangling alignment": (
        PF,
        PLATFORM.replace("[acme/O1]", "[acme/O7]"),
        "acme/O7",
        "reference-resolves",
    ),
    "alignment to a missing key result": (
        PF,
        PLATFORM.replace("[acme/O1]", "[acme/O1/KR9]"),
        "acme/O1/KR9",
        "reference-resolves",
    ),
    "alignment to a team without a file": (
        PF,
        PLATFORM.replace("[acme/O1]", '["2026:platform/O1"]'),
        '"2026:platform',
        "reference-resolves",
    ),
    "unknown owner": (
        PF,
        PLATFORM.replace("      - id: KR2\n", "      - id: KR2\n        owner: nobody\n"),
        "nobody",
        "reference-resolves",
    ),
    "unknown check-in author": (
        PF,
        PLATFORM.replace("value: 790}", "value: 790, by: zed}"),
        "zed",
        "reference-resolves",
    ),
    "unknown recognition target": (
        PF,
        PLATFORM + "recognition:\n  - {date: 2026-10-20, to: nobody, message: Thanks}\n",
        "nobody",
        "reference-resolves",
    ),
    # alignment-cycle
    "self alignment": (
        PF,
        PLATFORM.replace("[acme/O1]", "[platform/O1]"),
        "platform/O1",
        "alignment-cycle",
    ),
    # period-cover
    "quarter aligned to another quarter": (
        PF,
        PLATFORM.replace("[acme/O1]", '["2026-Q3:platform/O1"]'),
        '"2026-Q3:platform/O1"',
        "reference-resolves",  # disjoint periods; period-cover warns on overlaps
    ),
    # no-appraisal-fields
    "rating of a person": (
        PF,
        PLATFORM.replace(
            "        milestone: true", "        milestone: true\n        owner_rating: 3"
        ),
        "owner_rating",
        "no-appraisal-fields",
    ),
    # check-in-dates
    "check-in before the period": (
        PF,
        PLATFORM.replace("2026-10-06", "2026-09-28"),
        "2026-09-28",
        "check-in-dates",
    ),
    "check-in in the future": (
        PF,
        PLATFORM.replace("date: 2026-11-16, done", "date: 2026-11-23, done"),
        "2026-11-23",
        "check-in-dates",
    ),
    "check-ins out of order": (
        PF,
        PLATFORM.replace("2026-11-16, value", "2026-10-05, value"),
        "2026-10-05",
        "check-in-dates",
    ),
    # check-in-kind
    "done on a metric": (
        PF,
        PLATFORM.replace("value: 790", "done: true"),
        "done: true",
        "check-in-kind",
    ),
    "milestone check-in with a value": (
        PF,
        PLATFORM.replace("done: true}", "value: 3}"),
        "value: 3}",
        "check-in-kind",
    ),
    "check-in with nothing but a date": (
        PF,
        PLATFORM.replace("{date: 2026-11-16, done: true}", "{date: 2026-11-16}"),
        "{date: 2026-11-16}",
        "schema",
    ),
    "due date outside the period": (
        PF,
        PLATFORM.replace(
            "        milestone: true\n", "        milestone: true\n        due: 2027-01-15\n"
        ),
        "2027-01-15",
        "check-in-dates",
    ),
    # metric-range
    "start equals target": (
        PF,
        PLATFORM.replace("target: 300", "target: 850"),
        "850, unit",
        "metric-range",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_error_rule_reports_exact_position(company, case):
    path, text, needle, rule, *nth = CASES[case]
    if text is None:  # org.yaml cases edit the fixture's own org file
        text = (company.root / path).read_text().replace("timezone: UTC", "timezone: Mars/Olympus")
    assert_reported(company, path, text, needle, rule, *nth)


def test_cross_file_alignment_cycle_is_reported_in_both_files(company):
    acme = (company.root / "okrs/2026-Q4/acme.yaml").read_text()
    acme = acme.replace('aligns_with: ["2026:acme/O1"]', "aligns_with: [platform/O1]")
    company.write("okrs/2026-Q4/acme.yaml", acme)
    line = assert_reported(company, PF, PLATFORM, "acme/O1", "alignment-cycle")
    assert "platform/O1 → acme/O1 → platform/O1" in line
    result = company.lint()
    acme_prefix = expect("okrs/2026-Q4/acme.yaml", acme, "platform/O1", "error", "alignment-cycle")
    assert any(out.startswith(acme_prefix) for out in result.lines)


def test_team_parent_loop(company):
    org = (company.root / ORG).read_text()
    org = org.replace(
        "    name: Example Co\n    lead: dana",
        "    name: Example Co\n    parent: platform\n    lead: dana",
    )
    org = org.replace("people:", "  - {id: ops, name: Ops}\npeople:")  # the only root left
    line = assert_reported(company, ORG, org, "platform\n    lead: dana", "team-tree")
    assert "acme → platform → acme" in line


def test_second_root_team(company):
    org = (company.root / ORG).read_text().replace("people:", "  - {id: ops, name: Ops}\npeople:")
    line = assert_reported(company, ORG, org, "ops", "team-tree")
    assert "'acme' is already the company root" in line


def test_person_with_a_team_id(company):
    org = (company.root / ORG).read_text().replace("{id: bob,", "{id: platform,")
    assert_reported(company, ORG, org, "platform, name: Bob", "unique-ids")


def test_unknown_parent_and_lead(company):
    org = (company.root / ORG).read_text().replace("parent: acme", "parent: acne")
    assert_reported(company, ORG, org, "acne", "reference-resolves")
    org = (company.root / ORG).read_text().replace("lead: alice", "lead: alicia")
    assert_reported(company, ORG, org, "alicia", "reference-resolves")


def test_appraisal_message_explains_why(company):
    text = PLATFORM.replace("        milestone: true", "        milestone: true\n        salary: 1")
    line = assert_reported(company, PF, text, "salary", "no-appraisal-fields")
    assert "not a performance appraisal" in line
    # and the schema rule does not report the same key a second time as merely unknown
    assert "unknown field 'salary'" not in company.lint().out


def test_crlf_and_bom_keep_positions(company):
    text = PLATFORM.replace("value: 790", "value: lots")
    path = company.root / PF
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    prefix = expect(PF, text, "lots", "error", "schema")
    result = company.lint()
    assert any(line.startswith(prefix) for line in result.lines), result.out


def test_not_utf8(company):
    path = company.root / PF
    path.write_bytes(PLATFORM.replace("reliable", "reli\xe9ble").encode("latin-1"))
    result = company.lint()
    prefix = expect(PF, PLATFORM, "able", "error", "syntax")
    assert any(line.startswith(prefix) for line in result.lines), result.out
    assert "not UTF-8" in result.out


def test_a_broken_file_does_not_stop_the_others(company):
    company.write(PF, "team: [unclosed\n")
    acme = (company.root / "okrs/2026-Q4/acme.yaml").read_text()
    company.write("okrs/2026-Q4/acme.yaml", acme.replace("value: 11", "value: eleven"))
    result = company.lint()
    assert any("platform.yaml" in line and "[syntax]" in line for line in result.lines)
    assert any("acme.yaml" in line and "[schema]" in line for line in result.lines)
    assert result.code == 1
