"""Company scale against the parse floor, in one run: `make bench` (`make bench-large` adds
10,000-team builds), or python benchmarks/scale.py [--build N ...] [--check N ...].

For each size it generates the synthetic company (benchmarks/synth.py) and measures, each as
a real `okr` process with its peak memory (RSS):
- the parse floor: PyYAML's C loader parsing the same files, nothing else (best of 3);
- `okr check` of the whole folder;
- `okr build` with an empty cache (cold), again with nothing changed (warm), and after one
  team file changed (one file);
- the site's size per team.
Every figure is printed beside its target as a ratio to the floor measured in the same run, so
the figures mean the same on a faster or slower machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.run import AS_INSTALLED, best
from benchmarks.run import parse_floor as run_floor
from benchmarks.synth import PERIOD, TODAY, generate

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(__file__).resolve().parent / "out"
# OKR_BENCH="python run-other-checkout.py" measures another version of the tool the same way
OKR = os.environ.get("OKR_BENCH", "").split() or [str(Path(sys.executable).parent / "okr")]


def run(command: list[str], ok: tuple[int, ...] = (0, 1)) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one process, which must exit with a code in `ok`
    (`okr check` says 1 when it finds errors; a build that says 1 made no site)."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=AS_INSTALLED)  # fmt: skip
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    error = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode not in ok:
        raise SystemExit(f"{' '.join(command)} failed ({proc.returncode}):\n{error[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


def parse_floor(okrs: Path) -> float:
    """The floor: PyYAML's C loader parsing the same files (best of 3, as run.py measures)."""
    return best(3, lambda: run_floor(okrs))


def site_size(site: Path) -> float:
    return sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e3


def touch_one(okrs: Path) -> None:
    """Change one team file the way a check-in does: one more line."""
    path = sorted((okrs / PERIOD).glob("team-*.yaml"))[len(list((okrs / PERIOD).glob("*"))) // 3]
    text = path.read_text(encoding="utf-8")
    marker = "        initiatives:\n"
    at = text.index(marker)
    path.write_text(text[:at] + "          - {date: 2026-09-24, value: 1.5}\n" + text[at:],
                    encoding="utf-8")  # fmt: skip


def line(label: str, value: str, target: str, ok: bool | None) -> None:
    mark = "" if ok is None else ("met" if ok else "NOT MET")
    print(f"  {label:<34} {value:>24}   target {target:<26} {mark}")


def check(n: int) -> None:
    folder = OUT / f"scale-{n}"
    okrs = generate(n, folder)
    floor = parse_floor(okrs)
    seconds, rss = run([*OKR, "check", str(okrs), "--today", TODAY, "--format", "json"])
    print(f"{n} teams: parse floor {floor:.2f} s")
    ratio = seconds / floor
    line("okr check", f"{seconds:.2f} s = {ratio:.2f}x floor", "<= 1.2x floor", ratio <= 1.2)
    line("okr check, peak RSS", f"{rss:.0f} MB", "< 500 MB at 10,000 teams",
         rss < 500 if n >= 10_000 else None)  # fmt: skip


def build(n: int) -> None:
    folder = OUT / f"scale-{n}"
    okrs = generate(n, folder)
    floor = parse_floor(okrs)
    site = folder / "site"
    cache = ROOT / ".cache"
    shutil.rmtree(cache, ignore_errors=True)
    shutil.rmtree(site, ignore_errors=True)
    command = [*OKR, "build", "--okrs", str(okrs), "--out", str(site), "--today", TODAY]
    cold, cold_rss = run(command, ok=(0,))
    size = site_size(site) / (n + 1)
    warm, _ = run(command, ok=(0,))
    touch_one(okrs)
    one, _ = run(command, ok=(0,))
    generate(n, folder)  # as generated again, for the next run
    print(f"{n} teams: parse floor {floor:.2f} s")
    cold_target = 2.5 * floor + 2
    line("okr build, empty cache", f"{cold:.1f} s = {cold / floor:.1f}x floor",
         f"<= {cold_target:.1f} s (2.5x floor + 2 s)", cold <= cold_target)  # fmt: skip
    line("okr build, nothing changed", f"{warm:.1f} s", f"<= {floor + 1.5:.1f} s (floor + 1.5 s)",
         warm <= floor + 1.5)  # fmt: skip
    line("okr build, one file changed", f"{one:.1f} s", "<= 2 s", one <= 2)
    line("okr build, peak RSS", f"{cold_rss:.0f} MB", "< 1 GB at 10,000 teams",
         cold_rss < 1024 if n >= 10_000 else None)  # fmt: skip
    line("site size per team", f"{size:.0f} KB", "<= 60 KB", size <= 60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", type=int, nargs="*", default=[100, 1000, 10_000])
    parser.add_argument("--build", type=int, nargs="*", default=[100, 1000])
    args = parser.parse_args()
    for n in args.check:
        check(n)
    for n in args.build:
        build(n)


if __name__ == "__main__":
    main()
