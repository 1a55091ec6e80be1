"""Progress on long work: redrawn in place on a terminal, a line per quarter in a log, nothing
for small jobs; and `okr check` over many files shows it."""

from __future__ import annotations

import io
from pathlib import Path

from conftest import run_okr

from benchmarks.synth import TODAY, generate
from generator.progress import SHOWN_FROM, Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_small_jobs_show_nothing() -> None:
    stream = io.StringIO()
    progress = Progress("checking", SHOWN_FROM - 1, stream)
    for _ in range(SHOWN_FROM - 1):
        progress.step()
    progress.finish()
    assert stream.getvalue() == ""


def test_a_log_gets_a_line_per_quarter() -> None:
    stream = io.StringIO()
    progress = Progress("checking OKR files", 400, stream)
    for _ in range(400):
        progress.step()
    progress.finish()
    assert stream.getvalue().splitlines() == [
        "checking OKR files: 100 of 400",
        "checking OKR files: 200 of 400",
        "checking OKR files: 300 of 400",
    ]


def test_a_terminal_gets_a_bar_redrawn_in_place_then_cleared() -> None:
    stream = Terminal()
    progress = Progress("checking", 400, stream)
    for _ in range(400):
        progress.step()
    progress.finish()
    out = stream.getvalue()
    assert "\n" not in out and out.startswith("\rchecking [")
    assert "\rchecking [########################] 400/400" in out
    assert out.endswith("\r\x1b[K")


def test_okr_check_over_many_files_says_how_far_it_is(tmp_path: Path) -> None:
    okrs = generate(SHOWN_FROM, tmp_path / "big")
    result = run_okr("check", str(okrs), "--today", TODAY, cwd=tmp_path)
    assert result.code == 0, result.err
    lines = result.err.splitlines()
    total = SHOWN_FROM + 1  # the teams and org.yaml
    # a line when each quarter is passed (76, 151 and 226 of 301): read, then checked, in
    # chunks by worker processes (the bounded check), so a line comes at the chunk that
    # passes the quarter
    quarters = [-(-total * q // 4) for q in (1, 2, 3)]
    for what, shown in (("reading", lines[:3]), ("checking", lines[3:])):
        done = [int(line.split(": ")[1].split(" of ")[0]) for line in shown]
        assert shown == [f"{what} OKR files: {n} of {total}" for n in done]
        assert len(done) == 3 and all(n >= q for n, q in zip(done, quarters, strict=True))
        assert done == sorted(done) and done[-1] < total
    assert result.out.strip().endswith(f"in {total} files (today: {TODAY})")
