"""The figures of the format contract, with expectations computed by hand from the contract
(not copied from the implementation): grades after a period, bands, due dates, updates
without a value, confidence, strict thresholds, one staleness policy, empty labels."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from conftest import ROOT, TODAY, run_okr

from generator import grading
from generator.check import check_root
from generator.model_builder import build_model

PF = "okrs/2026-Q4/platform.yaml"


def model_at(company, text: str, today: str):
    company.write(PF, text)
    ctx = check_root((company.root / "okrs").resolve(), {}, today=today)
    return build_model(ctx.org, ctx.workspace.documents, ctx.today, ctx.settings)


GRADED = """\
team: platform
period: 2026-Q4
objectives:
  - id: O1
    title: Make the platform boringly reliable
    aligns_with: [acme/O1]
    type: committed
    key_results:
      - {id: A, title: Cut p99 from 850 to 300 ms, metric: {start: 850, target: 300}, score: 0.9,
         check_ins: [{date: 2026-12-20, value: 350}]}
      - {id: B, title: Ship the runbook, milestone: true, score: 0.5}
  - id: O2
    title: Make deploys a non-event
    aligns_with: [acme/O1]
    key_results:
      - {id: C, title: Cut deploys from 40 to 10 minutes, metric: {start: 40, target: 10},
         check_ins: [{date: 2026-12-20, value: 25}]}
      - {id: D, title: Grow adoption from 0 to 10 teams, metric: {start: 0, target: 10}, score: 0.2,
         check_ins: [{date: 2026-12-20, value: 1}]}
"""


def test_a_finished_period_shows_grades_and_bands_not_pace(company):
    m = model_at(company, GRADED, "2027-01-10")
    view = m.period("2026-Q4")
    tp = view.teams["platform"]
    krs = {kr.id: kr for _, kr in tp.key_results()}
    # A graded 0.9: delivered; B graded 0.5: partial; D graded 0.2: missed
    assert (krs["A"].state, krs["B"].state, krs["D"].state) == ("delivered", "partial", "missed")
    # C is not graded: its provisional score is its progress (40 -> 25 of 40 -> 10 = 0.5)
    assert not krs["C"].graded and krs["C"].score == pytest.approx(0.5)
    assert krs["C"].state == "partial"
    o1, o2 = tp.objectives
    assert o1.score == pytest.approx((0.9 + 0.5) / 2) and o1.band == "delivered"  # 0.70
    assert not o1.provisional and o2.provisional
    assert o2.score == pytest.approx((0.5 + 0.2) / 2) and o2.band == "missed"  # 0.35
    assert tp.score == pytest.approx((0.7 + 0.35) / 2)  # the mean of the objectives' scores
    assert tp.type_score("committed") == pytest.approx(0.7)
    assert tp.type_score("aspirational") == pytest.approx(0.35)
    assert tp.counts == {"delivered": 1, "partial": 2, "missed": 1}
    assert tp.provisional and view.provisional and tp.graded_count == (3, 4)


def test_graded_and_provisional_on_the_finished_pages(company, tmp_path):
    company.write(PF, GRADED)
    out = tmp_path / "site"
    built = run_okr("build", "--okrs", str(company.root / "okrs"), "--today", "2027-01-10",
                    "--out", str(out), cwd=ROOT)  # fmt: skip
    assert built.code == 0, built.err
    team = (out / "periods/2026-Q4/teams/platform.html").read_text()
    for word in ("On track", "At risk", "Off track", "expected by today"):
        assert word not in team, word
    assert "Delivered" in team and "Partial" in team and "Missed" in team
    assert team.count("not graded") == 1  # C
    assert "3 of 4 key results are graded" in team
    home = (out / "periods/2026-Q4/index.html").read_text()
    assert "Expected" not in home and "At risk" not in home and "provisional" in home.lower()
    archive = html.unescape((out / "archive.html").read_text())
    assert "0.53" in archive  # (0.70 + 0.35) / 2 = 0.525, shown with two decimals
    assert "mean of the objectives' scores" in archive


@pytest.mark.parametrize(
    ("score", "band"),
    [(0.0, "missed"), (0.39, "missed"), (0.4, "partial"), (0.69, "partial"), (0.7, "delivered"),
     (0.695, "delivered"), (0.6949, "partial"), (0.39499999999, "partial"), (1.0, "delivered")],
)  # fmt: skip
def test_bands_at_their_edges(score, band):
    assert grading.band(score) == band


DUE = """\
team: platform
period: 2026-Q4
objectives:
  - id: O1
    title: Make the platform boringly reliable
    aligns_with: [acme/O1]
    key_results:
      - {id: M, title: Ship the runbook, milestone: true, due: 2026-10-31}
      - {id: N, title: Ship the dashboard, milestone: true}
      - {id: G, title: Grow from 0 to 100 users, metric: {start: 0, target: 100}, due: 2026-11-30,
         check_ins: [{date: 2026-11-20, value: 50}]}
"""


def test_due_dates_move_expected_progress_and_make_late_milestones_off_track(company):
    m = model_at(company, DUE, TODAY)  # 2026-11-22
    krs = {kr.id: kr for _, kr in m.period("2026-Q4").teams["platform"].key_results()}
    # M was due 2026-10-31 and is not done: off track; N has the whole quarter: at risk
    assert krs["M"].status == "off_track" and krs["M"].expected == 1.0
    assert krs["N"].status == "at_risk"
    # G runs from 2026-10-01 to 2026-11-30 (61 days); on 2026-11-22, 53 days have passed
    assert krs["G"].expected == pytest.approx(53 / 61)
    # progress 0.5 < 0.6 x 0.869: off track (without the due date it would be at risk)
    assert krs["G"].status == "off_track"


UPDATES = """\
team: platform
period: 2026-Q4
objectives:
  - id: O1
    title: Make the platform boringly reliable
    aligns_with: [acme/O1]
    key_results:
      - id: U
        title: Grow from 0 to 100 users
        metric: {start: 0, target: 100}
        check_ins:
          - {date: 2026-10-05, value: 40, confidence: 8}
          - {date: 2026-11-20, status: at_risk, confidence: 4, note: Vendor slipped}
      - id: T
        title: Keep errors strictly below 2 %
        threshold: {below: 2}
        check_ins: [{date: 2026-11-20, value: 2}]
      - id: S
        title: Keep uptime strictly above 99 %
        threshold: {above: 99}
        check_ins: [{date: 2026-11-20, value: 99.01}]
"""


def test_updates_without_a_value_count_for_staleness_not_progress(company):
    m = model_at(company, UPDATES, TODAY)
    krs = {kr.id: kr for _, kr in m.period("2026-Q4").teams["platform"].key_results()}
    u = krs["U"]
    assert u.progress_raw == pytest.approx(0.4)  # from the 2026-10-05 value
    assert u.measured.day.isoformat() == "2026-10-05"
    assert u.status == "at_risk" and u.reported and u.confidence == 4
    assert u.staleness.age == 2 and not u.stale  # 2026-11-20, not 2026-10-05
    # strict bounds: 2 is not below 2; 99.01 is above 99
    assert krs["T"].progress == 0.0 and krs["S"].progress == 1.0


def test_confidence_and_updates_on_the_page(company, tmp_path):
    company.write(PF, UPDATES)
    out = tmp_path / "site"
    assert run_okr("build", "--okrs", str(company.root / "okrs"), "--today", TODAY, "--out",
                   str(out), cwd=ROOT).code == 0  # fmt: skip
    team = (out / "periods/2026-Q4/teams/platform.html").read_text()
    assert "confidence 4/10" in team  # beside the status
    assert "<td>8/10</td>" in team and "<td>4/10</td>" in team  # in the history
    assert "no new value" in team
    assert "below 2" in team and "above 99" in team


STALE = """\
team: platform
period: 2026-Q4
objectives:
  - id: O1
    title: Make the platform boringly reliable
    aligns_with: [acme/O1]
    key_results:
      - {id: DONE, title: Ship the runbook, milestone: true, check_ins: [{date: 2026-10-02, done: true}]}
      - {id: OLD, title: Grow from 0 to 100 users, metric: {start: 0, target: 100},
         check_ins: [{date: 2026-11-01, value: 40}]}
      - {id: NONE, title: Grow from 0 to 10 teams, metric: {start: 0, target: 10}}
      - {id: NOTE, title: Grow from 0 to 5 apps, metric: {start: 0, target: 5},
         check_ins: [{date: 2026-10-01, value: 1}, {date: 2026-11-15, note: Still one}]}
"""


@pytest.mark.parametrize("max_days", [14, 30])
def test_health_counts_equal_the_checkers_stale_findings(company, tmp_path, max_days):
    company.write(PF, STALE)
    (company.root / "okr-check.yaml").write_text(
        f"rules:\n  stale-check-in: {{max-days: {max_days}}}\n"
    )
    check = company.check("okrs")
    stale = [line for line in check.lines if "[stale-check-in]" in line and PF in line]
    # by hand on 2026-11-22: DONE is a done milestone (skipped); OLD 21 days; NONE 52 days
    # since the period start; NOTE 7 days (a note counts)
    expected = {14: {"OLD", "NONE"}, 30: {"NONE"}}[max_days]
    assert len(stale) == len(expected), check.out
    out = tmp_path / "site"
    config = tmp_path / "mkdocs.yml"
    from conftest import mkdocs_config

    config = mkdocs_config(tmp_path)
    (tmp_path / "okr-check.yaml").write_text(
        f"rules:\n  stale-check-in: {{max-days: {max_days}}}\n"
    )
    built = run_okr("build", "--config", str(config), "--okrs", str(company.root / "okrs"),
                    "--today", TODAY, "--out", str(out), cwd=ROOT)  # fmt: skip
    assert built.code == 0, built.err
    health = (out / "health.html").read_text()
    row = health[health.index(">Platform<") :].split("</tr>")[0]
    summary = re.search(r'<summary class="bad">(\d+)</summary>', row)
    assert summary and int(summary.group(1)) == len(expected)
    for kr in expected:
        assert f"O1 / {kr}</a>" in row
    assert f"more than {max_days} days" in health


def test_nobody_named_reads_no_owner(company, tmp_path):
    org = company.root / "okrs/org.yaml"
    org.write_text(org.read_text().replace("    lead: alice\n", ""))
    company.write(PF, DUE.replace("\n", "\n", 1))
    out = tmp_path / "site"
    assert run_okr("build", "--okrs", str(company.root / "okrs"), "--today", TODAY, "--out",
                   str(out), cwd=ROOT).code == 0  # fmt: skip
    team = (out / "periods/2026-Q4/teams/platform.html").read_text()
    assert "Owner: ·" not in team and ": ·" not in team
    assert "no owner" in team and "no lead" in team
    health = (out / "health.html").read_text()
    assert "O1 / M</a>" in health  # unowned key results are listed for the program owner


def test_okr_build_checks_once(company, tmp_path, monkeypatch):
    """okr build hands its checked result to the MkDocs hooks: the tree is checked once."""
    import generator.check as check_module
    from generator import publish

    calls = []
    real = check_module.check_root

    def counting(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(check_module, "check_root", counting)
    code = publish.build(
        tmp_path / "site", TODAY, False, ROOT / "mkdocs.yml", company.root / "okrs"
    )
    assert code == 0
    assert len(calls) == 1 and Path(calls[0]).name == "okrs"
