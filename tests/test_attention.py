"""What needs attention, the trend since a week ago, and the lists behind every status count:
computed from a real check of a small company (attention.py, trend.py, model_builder)."""

from __future__ import annotations

from datetime import date

from generator import attention
from generator.check import check_tree
from generator.model_builder import build_model

TEAM = """\
team: platform
period: 2026-Q4
objectives:
  - id: O1
    title: Make the platform boringly reliable
    type: committed
    key_results:
      - id: KR1
        title: Cut p99 API latency from 850 ms to 300 ms
        owner: bob
        metric: {start: 850, target: 300, unit: ms}
        check_ins:
          - {date: 2026-11-10, value: 600, status: on_track}
          - {date: 2026-11-20, value: 700, status: off_track, note: Pooling was rolled back.}
      - id: KR2
        title: Keep monthly availability at or above 99.95 %
        type: aspirational
        threshold: {at_least: 99.95, unit: "%"}
        check_ins:
          - {date: 2026-11-18, value: 99.5, status: at_risk, confidence: 3}
  - id: O2
    title: Make on-call humane
    key_results:
      - id: KR1
        title: Cut pages per week from 30 to 5
        metric: {start: 30, target: 5}
        check_ins:
          - {date: 2026-10-01, value: 25}
"""


def _model(company, today: str):
    company.write("okrs/2026-Q4/platform.yaml", TEAM)
    checked = check_tree(company.root / "okrs", today=today)
    assert checked.report.files > 0
    ctx = checked.ctx
    return build_model(ctx.org, ctx.workspace.documents, ctx.today, ctx.settings)


def test_needs_attention_lists_each_reason_most_urgent_first(company):
    model = _model(company, "2026-11-22")
    view = model.period("2026-Q4")
    items = attention.needs_attention(view, model.today)
    platform = [(i.objective.id, i.kr.id if i.kr else None, i.reasons) for i in items
                if i.tp.team.id == "platform"]  # fmt: skip
    # committed and off track first; the aspirational one at risk only for its confidence;
    # O2/KR1 is stale (no check-in since 1 October); O1 was at risk a week ago
    assert platform == [
        ("O1", "KR1", (attention.COMMITTED_OFF,)),
        ("O2", "KR1", (attention.STALE,)),
        ("O1", "KR2", (attention.LOW,)),
        ("O1", None, (attention.WORSENED,)),
    ]
    first = next(i for i in items if i.tp.team.id == "platform")
    assert first.days == 2 and first.note == "Pooling was rolled back."
    ordered = [attention.REASONS.index(i.reasons[0]) for i in items]
    assert ordered == sorted(ordered)


def test_trend_compares_with_what_the_file_said_a_week_ago(company):
    model = _model(company, "2026-11-22")
    o1 = model.period("2026-Q4").teams["platform"].objectives[0]
    kr1 = o1.key_results[0]
    assert kr1.week_ago is not None and kr1.week_ago.day == date(2026, 11, 15)
    # a week ago the latest check-in said 600 ms, on track: (850-600)/(850-300)
    assert abs(kr1.week_ago.progress - 250 / 550) < 1e-9 and kr1.week_ago.status == "on_track"
    assert abs(kr1.progress - 150 / 550) < 1e-9 and kr1.status == "off_track"
    # KR2 had no check-in yet a week ago, so the objective was at risk then, off track now
    assert o1.week_ago is not None and o1.week_ago.status == "at_risk" and o1.status == "off_track"
    assert model.period("2026-Q4").teams["platform"].week_ago is not None


def test_no_trend_or_attention_outside_a_running_period(company):
    model = _model(company, "2027-01-05")  # 2026-Q4 has ended: grades, not pace
    view = model.period("2026-Q4")
    assert view.finished
    assert attention.needs_attention(view, model.today) == []
    assert all(o.week_ago is None for tp in view.teams.values() for o in tp.objectives)
    lists = attention.by_state(view)
    assert set(lists) == {"delivered", "partial", "missed"}
    counted = {s: n for s, n in ((s, sum(tp.counts.get(s, 0) for tp in view.teams.values()))
                                 for s in lists)}  # fmt: skip
    assert {s: len(rows) for s, rows in lists.items()} == counted
