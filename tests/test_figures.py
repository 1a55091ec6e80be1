"""The computed figures: progress, scores, status and roll-ups, on small fixtures and on the
example company."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import scoring
from generator.check import check_root
from generator.model_builder import build_model


def model_of(ctx):
    return build_model(ctx.org, ctx.workspace.documents, ctx.today, ctx.settings)


ROOT = Path(__file__).resolve().parent.parent

FILE = """\
team: platform
period: 2026-Q4
objectives:
  - id: O1
    title: Make the platform boringly reliable
    aligns_with: [acme/O1]
    key_results:
      - id: UP
        title: Grow from 100 to 200 users
        metric: {start: 100, target: 200}
        weight: 3
        check_ins: [{date: 2026-11-16, value: 150}]
      - id: DOWN
        title: Cut latency from 850 to 300 ms
        metric: {start: 850, target: 300}
        check_ins: [{date: 2026-11-16, value: 960}]
      - id: OVER
        title: Reach 10 customers
        metric: {start: 0, target: 10}
        check_ins: [{date: 2026-11-16, value: 12}]
        score: 0.9
      - id: MS
        title: Ship the runbook
        milestone: true
        check_ins: [{date: 2026-11-16, done: true}]
      - id: TH
        title: Keep availability at or above 99.9 %
        threshold: {at_least: 99.9}
        check_ins: [{date: 2026-11-16, value: 99.8, status: on_track}]
  - id: O2
    title: Make deploys a non-event
    aligns_with: [acme/O1]
    key_results:
      - id: NONE
        title: Cut deploys from 40 to 10 minutes
        metric: {start: 40, target: 10}
      - id: TM
        title: Keep errors at or below 2 %
        threshold: {at_most: 2}
        check_ins: [{date: 2026-11-16, value: 1.5}]
  - id: SECRET
    title: Acquire a rival
    confidential: true
    aligns_with: []
    key_results:
      - {id: K, title: Sign 1 letter, metric: {start: 0, target: 1}, check_ins: [{date: 2026-11-16, value: 1}]}
"""


@pytest.fixture
def model(company):
    company.write("okrs/2026-Q4/platform.yaml", FILE)
    return lambda today: model_of(check_root((company.root / "okrs").resolve(), {}, today=today))


def _krs(model, today="2026-11-22"):
    tp = model(today).period("2026-Q4").teams["platform"]
    return tp, {kr.id: kr for _, kr in tp.key_results()}


def test_metric_progress_including_decreasing_and_overshoot(model):
    _, krs = _krs(model)
    assert krs["UP"].progress_raw == pytest.approx(0.5)
    assert krs["DOWN"].progress_raw == pytest.approx(-110 / 550)  # went the wrong way
    assert krs["DOWN"].progress == 0.0 and krs["DOWN"].score == 0.0
    assert krs["OVER"].progress_raw == pytest.approx(1.2)  # shown as 120 %
    assert krs["OVER"].progress == 1.0
    assert krs["OVER"].score == 0.9  # a given score wins over progress
    assert krs["NONE"].progress_raw == 0.0 and krs["NONE"].latest is None


def test_milestones_and_thresholds(model):
    _, krs = _krs(model)
    assert krs["MS"].progress == 1.0 and krs["MS"].status == "on_track"
    assert krs["TH"].progress == 0.0  # 99.8 does not hold at_least 99.9
    assert krs["TM"].progress == 1.0 and krs["TM"].status == "on_track"  # 1.5 <= 2


def test_status_from_pace_and_from_the_reported_status(model):
    _, krs = _krs(model)
    # 2026-11-22: 53 of 92 days, expected 0.576
    assert krs["UP"].status == "at_risk"  # 0.5 >= 0.6 * 0.576, < 0.9 * 0.576
    assert krs["DOWN"].status == "off_track"
    assert krs["OVER"].status == "on_track"
    assert krs["TH"].status == "on_track" and krs["TH"].reported  # the owner's word wins
    assert krs["NONE"].status == "off_track"


def test_binary_kinds_turn_off_track_in_the_last_fifth(model):
    _, early = _krs(model, "2026-11-22")
    _, late = _krs(model, "2026-12-20")
    failing_threshold = early["TM"]
    assert failing_threshold.status == "on_track"
    assert scoring.binary_status(False, 0.79) == "at_risk"
    assert scoring.binary_status(False, 0.8) == "off_track"
    assert late["UP"].status == "off_track"  # expected 0.87 by 20 December


def test_roll_ups_are_weighted_and_skip_confidential(model):
    tp, krs = _krs(model)
    o1, o2 = tp.objectives
    weights = {"UP": 3, "DOWN": 1, "OVER": 1, "MS": 1, "TH": 1}
    expected = sum(krs[k].progress * w for k, w in weights.items()) / sum(weights.values())
    assert o1.progress == pytest.approx(expected)
    assert o1.progress == pytest.approx((0.5 * 3 + 0 + 1 + 1 + 0) / 7)
    assert o1.score == pytest.approx((0.5 * 3 + 0 + 0.9 + 1 + 0) / 7)
    assert o1.status == "off_track"  # the worst of its key results
    assert o2.progress == pytest.approx(0.5)
    assert [o.id for o in tp.objectives] == ["O1", "O2"]  # SECRET is gone
    assert tp.hidden == 1
    assert tp.progress == pytest.approx((o1.progress + o2.progress) / 2)
    assert tp.counts == {"on_track": 4, "at_risk": 1, "off_track": 2}


def test_finished_period_expects_everything(model):
    view = model("2027-01-10").period("2026-Q4")
    assert view.expected == 1.0 and view.finished


def test_example_company_figures():
    ctx = check_root((ROOT / "okrs").resolve(), {}, today="2026-11-22")
    m = model_of(ctx)
    assert m.current.id == "2026-Q4"
    assert m.current.expected == pytest.approx(53 / 92)
    platform = m.current.teams["platform"]
    o1 = platform.objectives[0]
    kr1 = o1.key_results[0]
    assert (kr1.start, kr1.target, kr1.latest.value) == (850, 300, 520)
    assert kr1.progress_raw == pytest.approx(330 / 550)
    assert o1.progress == pytest.approx((330 / 550 + 1.0) / 2)
    assert [link.target.key for link in o1.supports] == ["2026-Q4:engineering/O1"]
    # a key result that contributes to the company's availability key result, both ways
    kr2 = o1.key_results[1]
    (link,) = kr2.supports
    assert (link.target.key, link.key_result, link.source_key_result) == (
        "2026-Q4:acme/O1",
        "KR3",
        "KR2",
    )
    company_kr3 = next(k for k in link.target.key_results if k.id == "KR3")
    assert link in company_kr3.supported_by and link in link.target.supported_by
    # no baseline was written: the first check-in's value is the start
    growth_kr2 = m.current.teams["growth"].objectives[0].key_results[1]
    assert growth_kr2.start_from_check_in and growth_kr2.start == 25
    assert growth_kr2.progress_raw == pytest.approx((36 - 25) / (40 - 25))
    # a committed guard rail under an aspirational objective
    engineering_o2 = m.current.teams["engineering"].objectives[1]
    assert engineering_o2.type == "aspirational"
    assert [k.type for k in engineering_o2.key_results] == ["aspirational", "committed"]
    assert m.current.teams["growth"].hidden == 1
    q3 = m.period("2026-Q3").teams["platform"]
    assert q3.score == pytest.approx(((0.87 + 1.0) / 2 + (0.77 + 0.0) / 2) / 2)
