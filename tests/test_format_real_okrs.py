"""What real OKRs need and the format now says, end to end: a key result's own type and
alignment, a metric drafted without a target or measured from its first check-in, a threshold
band, and references into an overlapping period. Each is checked at its position, shown on
the site, exported, and named by okr diff."""

from __future__ import annotations

import csv
import io
import json

from conftest import git, run_okr
from helpers import PLATFORM, expect

PF = "okrs/2026-Q4/platform.yaml"
KR1_METRIC = "metric: {start: 850, target: 300, unit: ms}"
MILESTONE = (
    "        title: The failover runbook is published\n        milestone: true\n"
    "        check_ins:\n          - {date: 2026-11-16, done: true}\n"
)
BAND = (
    "        title: Keep error budget use within its band\n"
    '        threshold: {at_least: 20, at_most: 80, unit: "%"}\n'
    "        type: committed\n"
    "        aligns_with: [acme/O1/KR2]\n"
    "        check_ins:\n          - {date: 2026-11-16, value: 95}\n"
)


def _company_with_krs(company, metric: str = KR1_METRIC) -> str:
    text = PLATFORM.replace(KR1_METRIC, metric).replace(MILESTONE, BAND)
    company.write(PF, text)
    return text


def test_drafting_forms_are_valid_checked_and_warned_where_they_are(company):
    text = _company_with_krs(company, "metric: {unit: ms}")
    result = company.lint()
    assert result.code == 0, result.out  # valid: warnings only
    prefix = expect(PF, text, "metric: {unit", "warning", "target-not-set")
    assert any(line.startswith(prefix) for line in result.lines), result.out
    # a band whose lower bound is not below the upper is an error at the upper bound
    broken = text.replace("at_least: 20, at_most: 80", "at_least: 80, at_most: 20")
    company.write(PF, broken)
    result = company.lint()
    prefix = expect(PF, broken, "at_most: 20", "error", "metric-range")
    assert any(line.startswith(prefix) for line in result.lines), result.out
    # two lower bounds: the schema says which
    company.write(PF, text.replace("at_least: 20, at_most: 80", "at_least: 20, above: 10"))
    assert "a threshold has one lower bound" in company.lint().out
    # a key result's reference that does not resolve is an error at that entry
    dangling = text.replace("aligns_with: [acme/O1/KR2]", "aligns_with: [acme/O1/KR9]")
    company.write(PF, dangling)
    result = company.lint()
    prefix = expect(PF, dangling, "acme/O1/KR9", "error", "reference-resolves")
    assert any(line.startswith(prefix) for line in result.lines), result.out


def test_the_site_and_the_exports_show_every_new_form(company, tmp_path):
    _company_with_krs(company, "metric: {target: 300, unit: ms}")
    out = tmp_path / "site"
    built = company.build("--out", str(out))
    assert built.code == 0, built.err
    team = (out / "periods/2026-Q4/teams/platform.html").read_text()
    assert "790 ms → <strong>520 ms</strong> → 300 ms" in team  # the first check-in is the start
    assert "(at least 20 % and at most 80 %)" in team and "not holding" in team  # 95 % is out
    assert "Contributes to" in team and "Example Co · O1 / KR2" in team
    company_page = (out / "periods/2026-Q4/teams/acme.html").read_text()
    assert "Supported by" in company_page and "Platform · O1 / KR2" in company_page
    model = json.loads((out / "okrs.json").read_text())
    assert model["version"] == 3
    platform = next(t for t in model["periods"][0]["teams"] if t["team"] == "platform")
    kr1, kr2 = platform["objectives"][0]["key_results"]
    assert kr1["start"] == 790 and kr1["start_from_check_in"] and kr1["target_set"]
    assert kr1["progress_unclamped"] == round((520 - 790) / (300 - 790), 6)
    assert (kr2["bound"], kr2["limit"], kr2["upper_bound"], kr2["upper_limit"]) == (
        "at_least",
        20,
        "at_most",
        80,
    )
    assert kr2["type"] == "committed" and kr2["aligns_with"] == ["2026-Q4:acme/O1/KR2"]
    assert kr2["progress"] == 0  # 95 is outside the band
    rows = list(csv.DictReader(io.StringIO((out / "okrs.csv").read_text(encoding="utf-8-sig"))))
    band = next(r for r in rows if r["team"] == "platform" and r["key_result"] == "KR2")
    assert (band["type"], band["upper_bound"], band["upper_limit"]) == (
        "committed",
        "at_most",
        "80.0",
    )


def test_a_target_not_set_counts_as_zero_and_says_so(company, tmp_path):
    _company_with_krs(company, "metric: {start: 850, unit: ms}")
    out = tmp_path / "site"
    assert company.build("--out", str(out)).code == 0
    team = (out / "periods/2026-Q4/teams/platform.html").read_text()
    assert "target not set" in team
    model = json.loads((out / "okrs.json").read_text())
    platform = next(t for t in model["periods"][0]["teams"] if t["team"] == "platform")
    kr1 = platform["objectives"][0]["key_results"][0]
    assert kr1["target"] is None and not kr1["target_set"] and kr1["progress"] == 0


def test_a_baseline_still_to_measure_says_so(company, tmp_path):
    text = _company_with_krs(company, "metric: {target: 300, unit: ms}")
    text = text.replace("          - {date: 2026-10-06, value: 790}\n"
                        "          - {date: 2026-11-16, value: 520}\n",
                        "          - {date: 2026-11-16, status: on_track, note: Measuring first.}\n")  # fmt: skip
    assert "Measuring first" in text
    company.write(PF, text)
    out = tmp_path / "site"
    assert company.build("--out", str(out)).code == 0
    assert "baseline not measured yet" in (out / "periods/2026-Q4/teams/platform.html").read_text()


def test_a_key_result_type_drives_the_committed_and_aspirational_figures(company):
    from conftest import TODAY

    from generator.check import check_tree
    from generator.model_builder import build_model

    _company_with_krs(company)
    checked = check_tree(company.root / "okrs", today=TODAY)
    ctx = checked.ctx
    model = build_model(ctx.org, ctx.workspace.documents, ctx.today, ctx.settings)
    tp = model.period("2026-Q4").teams["platform"]
    (o1,) = tp.objectives
    assert o1.type == "aspirational" and [k.type for k in o1.key_results] == [
        "aspirational", "committed"
    ]  # fmt: skip
    assert tp.type_score("committed") == o1.key_results[1].score
    assert tp.type_score("aspirational") == o1.key_results[0].score


def test_alignment_loops_through_key_results_are_found(company):
    acme = (company.root / "okrs/2026-Q4/acme.yaml").read_text()
    company.write(PF, PLATFORM.replace("[acme/O1]", "[]").replace(
        "        metric: {start: 850", "        aligns_with: [acme/O1]\n        metric: {start: 850"
    ))  # fmt: skip
    looped = acme.replace('aligns_with: ["2026:acme/O1"]', 'aligns_with: ["platform/O1"]', 1)
    assert looped != acme
    company.write("okrs/2026-Q4/acme.yaml", looped)
    assert "[alignment-cycle]" in company.lint().out


def test_okr_diff_names_the_new_forms(repo):
    text = _company_with_krs(repo, "metric: {target: 300, unit: ms}")
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-qm", "drafting forms")
    repo.write(PF, text.replace("metric: {target: 300, unit: ms}", "metric: {unit: ms}")
               .replace("type: committed", "type: aspirational")
               .replace("at_most: 80", "at_most: 90"))  # fmt: skip
    result = run_okr("diff", "HEAD", cwd=repo.root)
    assert result.code == 0, result.err
    assert "O1/KR1 target: 300 → not set" in result.out
    assert "O1/KR2 type: “committed” → “aspirational”" in result.out
    assert "threshold at least 20 and at most 90 %" in result.out


def test_an_objective_is_never_judged_by_the_key_results_that_could_not_be_read(company):
    broken = PLATFORM.replace(
        "        metric: {start: 850, target: 300, unit: ms}",
        "        metric: {start: 850, target: 300, unit: ms}\n        colour: red",
    )
    company.write(PF, broken)
    result = company.lint()
    assert "[schema]" in result.out and result.checked(PF, "milestones-only")
    # KR1 (the metric) is unreadable; KR2 alone is a milestone: no "every key result is a
    # milestone", which would be reasoning from the part that could be read
    assert "[milestones-only]" not in result.out, result.out
