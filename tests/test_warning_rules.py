"""Every warning rule: one case it reports (at the exact node), one near miss it accepts."""

from __future__ import annotations

import pytest
from helpers import PLATFORM, at, expect

PF = "okrs/2026-Q4/platform.yaml"
Q3 = "okrs/2026-Q3/platform.yaml"

FIVE_OBJECTIVES = "".join(
    f"  - id: O{i}\n    title: Goal number {'abcdefgh'[i]}\n    aligns_with: []\n"
    "    key_results:\n"
    f"      - {{id: KR1, title: Ship part one, milestone: true, check_ins: [{{date: 2026-11-16, done: true}}]}}\n"
    f"      - {{id: KR2, title: Ship part two, milestone: true, check_ins: [{{date: 2026-11-16, done: true}}]}}\n"
    for i in range(2, 7)
)

ACME_2026 = """\
team: acme
period: 2026
objectives:
  - id: O1
    title: Become the platform customers trust with their busiest day
    key_results:
      - id: KR1
        title: Grow net revenue retention from 104 % to 115 %
        metric: {start: 104, target: 115, unit: "%"}
        check_ins:
          - {date: 2026-11-16, value: 111}
      - id: KR2
        title: Pass the SOC 2 Type II audit
        milestone: true
        check_ins:
          - {date: 2026-11-16, done: false}
"""

# rule: (path, failing text, needle, passing text)
CASES = {
    "objective-count": (
        PF,
        PLATFORM + FIVE_OBJECTIVES,
        "objectives:",
        PLATFORM + FIVE_OBJECTIVES.split("  - id: O6")[0],
    ),
    "key-result-count": (PF, PLATFORM.split("      - id: KR2")[0], "key_results:", PLATFORM),
    "objective-is-qualitative": (
        PF,
        PLATFORM.replace("Make the platform boringly reliable", "Reach 99.95 % uptime"),
        "Reach 99.95",
        PLATFORM,
    ),
    "key-result-is-measurable": (
        PF,
        PLATFORM.replace(
            "Cut p99 API latency from 850 ms to 300 ms", "Improve p99 API latency"
        ).replace("metric: {start: 850, target: 300, unit: ms}", "metric: {start: 850, unit: ms}"),
        "Improve p99",
        # the target lives in the fields: a title that does not repeat it is not vague
        PLATFORM.replace("Cut p99 API latency from 850 ms to 300 ms", "Improve p99 API latency"),
    ),
    "target-not-set": (
        PF,
        PLATFORM.replace("metric: {start: 850, target: 300, unit: ms}", "metric: {start: 850}"),
        "metric:",
        PLATFORM.replace("metric: {start: 850, target: 300, unit: ms}", "metric: {target: 300}"),
    ),
    "key-result-not-activity": (
        PF,
        PLATFORM.replace("Cut p99 API latency", "Implement pooling to cut p99 API latency"),
        "Implement",
        PLATFORM,  # its milestone names an end state: "The failover runbook is published"
    ),
    "stale-check-in": (
        PF,
        PLATFORM.replace("{date: 2026-11-16, value: 520}", "{date: 2026-11-07, value: 520}"),
        "2026-11-07",
        PLATFORM.replace("{date: 2026-11-16, value: 520}", "{date: 2026-11-08, value: 520}"),
    ),
    "unaligned-objective": (
        PF,
        PLATFORM.replace("    aligns_with: [acme/O1]\n", ""),
        "O1",
        PLATFORM.replace("[acme/O1]", "[]"),
    ),
    "ungraded": (Q3, None, "KR2", None),
}


def _q3(company, graded: bool) -> str:
    text = (company.root / Q3).read_text()
    return text if graded else text.replace("        score: 1.0\n", "")


@pytest.mark.parametrize("rule", list(CASES))
def test_warning_rule_reports_and_accepts(company, rule):
    path, failing, needle, passing = CASES[rule]
    if rule == "ungraded":
        failing, passing = _q3(company, False), _q3(company, True)
    company.write(path, failing)
    result = company.lint()
    prefix = expect(path, failing, needle, "warning", rule)
    assert any(line.startswith(prefix) for line in result.lines), f"{prefix}\n{result.out}"
    assert result.code == 0, "warnings alone do not fail the check"
    assert company.lint(strict=True).code == 1

    company.write(path, passing)
    result = company.lint()
    assert f"[{rule}]" not in result.out, result.out
    assert result.checked(path, rule)  # silent because the file passes, not because unread
    assert result.code == 0


def test_a_milestone_that_names_a_task_is_an_activity(company):
    text = PLATFORM.replace("The failover runbook is published", "Write the failover runbook")
    company.write(PF, text)
    prefix = expect(PF, text, "Write the failover", "warning", "key-result-not-activity")
    line = next(x for x in company.lint().lines if x.startswith(prefix))
    assert "name the end state anyone can verify" in line


def test_vague_word_without_number(company):
    text = PLATFORM.replace("The failover runbook is published", "Better failover")
    company.write(PF, text)
    prefix = expect(PF, text, "Better failover", "warning", "key-result-is-measurable")
    assert any(line.startswith(prefix) for line in company.lint().lines)


def test_chinese_numbers_count_as_mentions(company):
    company.write("okr-check.yaml", "rules:\n  title-names-target: warning\n")
    text = PLATFORM.replace(
        "metric: {start: 850, target: 300, unit: ms}", "metric: {start: 100000, target: 500000}"
    )
    text = text.replace(
        "Cut p99 API latency from 850 ms to 300 ms", "月活跃用户从 10 万提升到 50万"
    )
    text = text.replace("value: 790", "value: 120000").replace("value: 520", "value: 200000")
    company.write(PF, text)
    result = company.lint()
    assert "[title-names-target]" not in result.out
    assert result.checked(PF, "title-names-target")


def test_title_names_target_is_off_by_default_and_a_style_when_on(company):
    text = PLATFORM.replace("Cut p99 API latency from 850 ms to 300 ms", "Cut p99 API latency")
    company.write(PF, text)
    quiet = company.lint()
    assert "[title-names-target]" not in quiet.out and not quiet.checked(PF, "title-names-target")
    company.write("okr-check.yaml", "rules:\n  title-names-target: warning\n")
    loud = company.lint()
    prefix = expect(PF, text, "Cut p99", "warning", "title-names-target")
    line = next(x for x in loud.lines if x.startswith(prefix))
    assert "does not mention the target (300 ms)" in line
    band = PLATFORM.replace(
        "        title: The failover runbook is published\n        milestone: true\n"
        "        check_ins:\n          - {date: 2026-11-16, done: true}\n",
        "        title: Keep availability in its band\n"
        '        threshold: {at_least: 97, at_most: 99.99, unit: "%"}\n'
        "        check_ins:\n          - {date: 2026-11-16, value: 98}\n",
    )
    assert band != PLATFORM
    company.write(PF, band)
    assert "(at least 97 % and at most 99.99 %)" in company.lint().out  # a band: both bounds


def test_missing_retrospective_after_period_end(company):
    text = _q3(company, True).split("retrospective:")[0]
    company.write(Q3, text)
    prefix = expect(Q3, text, "team", "warning", "ungraded")
    assert any(line.startswith(prefix) for line in company.lint().lines)


def test_stale_rule_is_quiet_before_and_after_the_period(company):
    text = PLATFORM.replace("{date: 2026-11-16, value: 520}", "{date: 2026-10-07, value: 520}")
    company.write(PF, text)
    assert "[stale-check-in]" in company.lint().out
    after = company.lint(today="2027-01-05")
    assert "[stale-check-in]" not in after.out and after.checked(PF, "stale-check-in")


def test_rules_still_check_the_sound_parts_of_a_file_with_a_schema_error(company):
    """A typo in one key result hides neither the others' findings nor the objectives'."""
    text = PLATFORM.replace("        metric: {start: 850, target: 300, unit: ms}\n",
                            "        metric: {start: 850, target: 300, unit: ms}\n        weigth: 2\n")  # fmt: skip
    text = text.replace(
        "title: The failover runbook is published", "title: Write the failover runbook"
    )
    text = text.replace("title: Make the platform boringly reliable", "title: Reach 99.9 % uptime")
    company.write(PF, text)
    result = company.lint()
    assert f"{PF}:%d:%d: error [schema] unknown field 'weigth'" % at(text, "weigth") in result.out
    # the other key result and the objective are still read by the wording rules
    assert (
        expect(PF, text, "Write the failover", "warning", "key-result-not-activity") in result.out
    )
    assert expect(PF, text, "Reach 99.9", "warning", "objective-is-qualitative") in result.out


def test_on_track_against_slow_progress_is_a_contradiction(company):
    # 2026-11-22: 53 of 92 days, expected 0.576; 850 -> 790 of 850 -> 300 is 0.11 < 0.6 x 0.576
    text = PLATFORM.replace(
        "{date: 2026-11-16, value: 520}", "{date: 2026-11-16, value: 790, status: on_track}"
    )
    company.write(PF, text)
    result = company.lint()
    line = next(x for x in result.lines if "[status-matches-progress]" in x)
    assert "progress is 11 % against 58 % expected by today" in line
    fine = PLATFORM.replace(
        "{date: 2026-11-16, value: 520}", "{date: 2026-11-16, value: 520, status: on_track}"
    )
    company.write(PF, fine)  # 0.6 >= 0.6 x 0.576: no contradiction
    result = company.lint()
    assert "[status-matches-progress]" not in result.out and result.checked(
        PF, "status-matches-progress"
    )


def test_sandbagging_needs_enough_aspirational_key_results(company):
    three = """\
team: platform
period: 2026-Q3
retrospective: Fine.
objectives:
  - id: O1
    title: Make deploys a non-event
    aligns_with: []
    key_results:
      - {id: K1, title: Deploys take 10 min, metric: {start: 40, target: 10}, score: 1.0}
      - {id: K2, title: Rollbacks fall to 3, metric: {start: 9, target: 3}, score: 1.0}
      - {id: K3, title: Builds take 8 min, metric: {start: 20, target: 8}, score: 1.0}
"""
    company.write(Q3, three)
    result = company.lint()
    assert "[sandbagging]" not in result.out and result.checked(Q3, "sandbagging")  # 3 < 4
    four = (
        three
        + "      - {id: K4, title: Coverage is 80 %, metric: {start: 60, target: 80}, score: 1.0}\n"
    )
    company.write(Q3, four)
    line = next(x for x in company.lint().lines if "[sandbagging]" in x)
    assert "4 of 4 aspirational key results scored 1.0 in 2026-Q3" in line
    committed = four.replace("    aligns_with: []\n", "    aligns_with: []\n    type: committed\n")
    company.write(Q3, committed)  # committed goals are meant to reach 1.0
    assert "[sandbagging]" not in company.lint().out


def test_period_cover_warns_on_an_overlap_and_a_disjoint_period_is_an_error(company):
    org = (company.root / "okrs/org.yaml").read_text() + (
        "periods:\n"
        "  - {id: FY2026, start: 2025-11-01, end: 2026-10-31}\n"
        "  - {id: FY2025, start: 2024-11-01, end: 2025-10-31}\n"
        "  - {id: FY2027, start: 2026-04-01, end: 2027-03-31}\n"
    )
    company.write("okrs/org.yaml", org)
    fiscal = (
        "team: acme\nperiod: {p}\nobjectives:\n  - id: O1\n    title: Grow where it counts\n"
        "    key_results:\n      - {{id: KR1, title: Reach 40 partners, metric: {{start: 10,"
        " target: 40}}}}\n      - {{id: KR2, title: The partner portal is live,"
        " milestone: true}}\n"
    )
    for period in ("FY2026", "FY2025", "FY2027"):
        company.write(f"okrs/{period}/acme.yaml", fiscal.format(p=period))
    for ref, rule, severity in (("FY2026:acme/O1", "period-cover", "warning"),
                                ("FY2025:acme/O1", "reference-resolves", "error")):  # fmt: skip
        text = PLATFORM.replace("[acme/O1]", f'["{ref}"]')
        company.write(PF, text)
        result = company.lint()
        prefix = expect(PF, text, f'"{ref}"', severity, rule)
        assert any(line.startswith(prefix) for line in result.lines), result.out
    covering = PLATFORM.replace("[acme/O1]", '["FY2027:acme/O1"]')
    company.write(PF, covering)
    result = company.lint()
    assert result.checked(PF, "period-cover") and "[period-cover]" not in result.out
    assert "[reference-resolves]" not in result.out
