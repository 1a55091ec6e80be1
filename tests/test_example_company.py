"""The example company a newcomer sees first: clean, rich, and with only deliberate warnings."""

from __future__ import annotations

from pathlib import Path

from conftest import run_okr

from generator.loader import load
from generator.walk import key_results, kind

ROOT = Path(__file__).resolve().parent.parent


def test_example_passes_with_only_the_deliberate_warning():
    result = run_okr("check", "okrs", "--today", "2026-11-22", cwd=ROOT)
    assert result.code == 0
    assert result.lines == [
        "okrs/2026-Q4/mobile.yaml:33:19: warning [stale-check-in] key result O1/KR2's latest "
        "check-in is 20 days old (more than 14); check in weekly, even when nothing moved",
        "0 errors, 1 warning in 18 files (today: 2026-11-22)",
    ]


def _docs(folder: str) -> dict[str, dict]:
    return {p.stem: load(p.read_text("utf-8")) for p in (ROOT / "okrs" / folder).glob("*.yaml")}


def test_example_is_rich_enough():
    org = load((ROOT / "okrs/org.yaml").read_text("utf-8"))
    teams = {t["id"]: t.get("parent") for t in org["teams"]}
    assert len(teams) >= 8

    def depth(team: str) -> int:
        return 0 if teams[team] is None else 1 + depth(teams[team])

    assert max(depth(t) for t in teams) >= 2  # three levels
    assert len(org["people"]) >= 10

    q4, q3, year = _docs("2026-Q4"), _docs("2026-Q3"), _docs("2026")
    assert "acme" in year
    assert all("score" in kr for d in q3.values() for _, _, kr in key_results(d)) and all(
        d.get("retrospective") for d in q3.values()
    )
    kinds = {kind(kr) for d in q4.values() for _, _, kr in key_results(d)}
    assert kinds == {"metric", "milestone", "threshold"}
    weekly = [len(kr.get("check_ins", [])) for d in q4.values() for _, _, kr in key_results(d)]
    assert sum(weekly) / len(weekly) >= 5
    chinese = [
        t
        for t, d in q4.items()
        if any("\u4e00" <= c <= "\u9fff" for c in d["objectives"][0]["title"])
    ]
    assert len(chinese) >= 2
    assert any(o.get("confidential") for d in q4.values() for o in d["objectives"])
    assert any(d.get("recognition") for d in q4.values())
    assert any(kr.get("initiatives") for d in q4.values() for _, _, kr in key_results(d))
