"""`okr check` over many files uses worker processes: the report is the same as one process
makes, finding for finding and in the same order, positions included."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.synth import generate
from generator import check, forking


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(check.PARALLEL_CHECK + 40, tmp_path_factory.mktemp("big"))


def test_workers_report_what_one_process_reports(big: Path, monkeypatch) -> None:
    # after the period ended every file has findings (ungraded key results), so every file's
    # positions are looked up, in the workers too
    monkeypatch.setattr(forking.threading, "active_count", lambda: 1)
    used: list[int] = []
    real = forking.workers
    monkeypatch.setattr(forking, "workers", lambda jobs, worth: used.append(real(jobs, worth))
                        or used[-1])  # fmt: skip
    forked = check.check_tree(big, "2026-10-05").report
    assert used and used[-1] >= 2  # the workers did the checking
    monkeypatch.setattr(check, "PARALLEL_CHECK", 10**9)
    alone = check.check_tree(big, "2026-10-05").report
    assert forked.problems and [p.format() for p in forked.problems] == [
        p.format() for p in alone.problems
    ]
    assert [p.confidential for p in forked.problems] == [p.confidential for p in alone.problems]
    assert forked.ran == alone.ran and forked.files == alone.files
    assert any("[ungraded]" in p.format() for p in forked.problems)
