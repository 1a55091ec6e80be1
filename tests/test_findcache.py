"""Findings kept between builds (generator/findcache.py): a check that takes a file's
findings from the last one reports exactly what a check from nothing reports, after each kind
of change, and runs the rules again on every file whose findings a change may reach."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, TODAY

from generator import check, findcache
from generator.check import Report, check_tree


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _everything(report: Report) -> tuple[list[tuple[object, ...]], dict[str, set[str]]]:
    """Every field of every problem (the message's template and values too: the site says
    them in each reader's language), and the rules that ran on each file."""
    problems = [
        (p.path, p.line, p.column, p.rule, p.severity, str(p.message), p.confidential, p.source,
         p.template, repr(p.values))
        for p in report.problems
    ]  # fmt: skip
    return problems, report.ran


@pytest.fixture
def tree(tmp_path: Path, monkeypatch) -> tuple[Path, Path, list[str]]:
    """A copy of the example company with a YAML slip, a schema error and wording findings
    in it; the file findings are kept in; and the files the rules ran on, as they run."""
    okrs = tmp_path / "okrs"
    shutil.copytree(ROOT / "okrs", okrs)
    _replace(okrs / "2026-Q4/support.yaml", "title: Cut median time to first scheduled job",
             "title: Write 3 onboarding guides to cut median time to first scheduled job")  # fmt: skip
    _replace(okrs / "2026-Q4/growth.yaml", "period: 2026-Q4", "period: 2026-Q4\nrating: 3")
    (okrs / "2026-Q4/operations.yaml").write_text(
        (okrs / "2026-Q4/operations.yaml").read_text().replace("- id: O1", "- id: O1\n  bad", 1)
    )
    ran: list[str] = []
    real = check._check_document
    monkeypatch.setattr(
        check, "_check_document", lambda doc, ctx, r: ran.append(doc.display) or real(doc, ctx, r)
    )
    return okrs, tmp_path / "cache/findings.json.z", ran


def _check(okrs: Path, kept: Path | None, today: str = TODAY) -> Report:
    findcache.keep_on_disk(kept, "tool")
    try:
        return check_tree(okrs, today=today).report
    finally:
        findcache.keep_on_disk(None)


CHANGES: list[tuple[str, Callable[[Path], None], int | None]] = [
    # (what changes, the change, on how many files the rules run again: None for all)
    ("a check-in on one key result", lambda okrs: _replace(
        okrs / "2026-Q4/platform.yaml", "{date: 2026-10-19, value: 720, by: bob}",
        "{date: 2026-10-19, value: 700, by: bob}"), 1),
    ("a finding added to one file", lambda okrs: _replace(
        okrs / "2026-Q4/marketing.yaml", "title: Grow monthly organic sign-ups from 1,200 to 2,000",
        "title: Write 5 blog posts"), 1),
    # a schema error: the file's validity is part of what every other file's rules may read
    ("a schema error in one file", lambda okrs: _replace(
        okrs / "2026-Q4/marketing.yaml", "period: 2026-Q4", "period: 2026-Q4\nscore: 0.5"), None),
    # data, mobile and platform align with it: their references no longer resolve
    ("an objective others align with, renumbered", lambda okrs: _replace(
        okrs / "2026-Q4/engineering.yaml", "  - id: O1\n", "  - id: O9\n"), None),
    ("a person gone from org.yaml", lambda okrs: _replace(
        okrs / "org.yaml", "  - {id: bob, name: Bob Mensah, team: platform}\n", ""), None),
    ("a rule turned off beside okrs/", lambda okrs: (okrs.parent / "okr-check.yaml").write_text(
        "rules:\n  key-result-not-activity: off\n"), None),
    ("the file of findings replaced by garbage", lambda okrs: (
        okrs.parent / "cache/findings.json.z").write_bytes(b"\x00garbage"), None),
]  # fmt: skip


def test_kept_findings_are_the_findings_of_a_check_from_nothing_after_each_change(tree):
    okrs, kept, ran = tree
    first = _check(okrs, kept)
    files = len(ran)
    assert files >= 10 and kept.is_file()
    rules = {p.rule for p in first.problems}
    assert {"syntax", "no-appraisal-fields", "key-result-not-activity"} <= rules
    assert any(p.source for p in first.problems)  # the slip's line, kept with it
    assert any(p.values for p in first.problems)
    for what, change, again in CHANGES:
        change(okrs)
        ran.clear()
        taken = _check(okrs, kept)
        assert len(ran) == (files if again is None else again), what
        ran.clear()
        assert _everything(taken) == _everything(_check(okrs, None)), what
        assert len(ran) == files  # (the check from nothing ran on every file)
    assert any("O1" in p.message and p.rule == "reference-resolves" for p in taken.problems)
    assert not any(p.rule == "key-result-not-activity" for p in taken.problems)
    assert any(p.rule == "schema" and "marketing" in p.path for p in taken.problems)


def test_another_day_checks_every_file_again(tree):
    okrs, kept, ran = tree
    _check(okrs, kept)
    ran.clear()
    later = _check(okrs, kept, today="2026-12-20")
    assert len(ran) >= 10
    ran.clear()
    assert _everything(later) == _everything(_check(okrs, None, today="2026-12-20"))
    assert any(p.rule == "stale-check-in" for p in later.problems)


def test_nothing_is_kept_when_no_cache_is_asked_for(tree):
    okrs, kept, ran = tree
    _check(okrs, None)
    _check(okrs, None)
    assert not kept.exists() and len(ran) >= 20
