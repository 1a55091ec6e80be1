"""Checker speed against the parse floor: `make bench` (or python benchmarks/run.py [N ...]).

For each N (default 100 and 1000 teams) it generates the synthetic company, then prints:
- `okr check`: the real command, wall clock, including interpreter start-up;
- in-process: check_paths() alone, without start-up;
- parse floor: PyYAML's C loader (CSafeLoader) parsing the same files, nothing else;
and the ratios. Each figure is the best of 3 runs. A last row checks the 100-team company
after its period ended, so that every file has findings (ungraded key results) and takes the
slow path: exact positions from the round-trip parser.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.synth import TODAY, generate
from generator.check import check_paths

OUT = Path(__file__).resolve().parent / "out"
OKR = Path(sys.executable).parent / "okr"
# as an installed tool runs: with its bytecode cache (a shell that sets PYTHONDONTWRITEBYTECODE
# would have every run compile every module again, 0.2-0.3 s that no user pays)
AS_INSTALLED = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def best(runs: int, func) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def parse_floor(okrs: Path) -> None:
    for path in sorted(okrs.rglob("*.yaml")):
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)


def row(label: str, okrs: Path, today: str, expect_findings: bool) -> None:
    files = list(okrs.rglob("*.yaml"))
    size = sum(f.stat().st_size for f in files) / 1e6
    cmd = [str(OKR), "check", str(okrs), "--today", today, "--format", "json"]
    cli = best(3, lambda: subprocess.run(cmd, capture_output=True, check=False, env=AS_INSTALLED))
    inproc = best(3, lambda: check_paths([str(okrs)], today=today))
    floor = best(3, lambda: parse_floor(okrs))
    report = check_paths([str(okrs)], today=today)
    assert report.errors == 0, [p.format() for p in report.problems[:5]]
    assert bool(report.warnings) == expect_findings
    print(
        f"{label:>6} {len(files):>6} {size:>6.1f} {cli:>9.2f}s {inproc:>10.2f}s "
        f"{floor:>11.2f}s {cli / floor:>9.2f}x {inproc / floor:>13.2f}x"
    )


def main(sizes: list[int]) -> None:
    print(
        f"{'teams':>6} {'files':>6} {'MB':>6} {'okr check':>10} {'in-process':>11} "
        f"{'parse floor':>12} {'cli/floor':>10} {'in-proc/floor':>14}"
    )
    for n in sizes:
        row(str(n), generate(n, OUT / str(n)), TODAY, expect_findings=False)
    print("after the period ended (every file has findings):")
    row(str(min(sizes)), generate(min(sizes), OUT / str(min(sizes))), "2026-10-05", True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1000])
