"""Site build time: `make bench-site` (or python benchmarks/site.py [N ...]).

Builds the example company and synthetic companies of N teams (default 100 and 1000) with
`okr build`, first with an empty chart cache (every chart drawn) and then again (charts
reused), and prints pages, charts, output size and seconds.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.synth import TODAY, generate

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(__file__).resolve().parent / "out"
OKR = Path(sys.executable).parent / "okr"


def build(folder: Path, today: str) -> tuple[float, int, int, float]:
    site = folder / "site"
    start = time.perf_counter()
    command = [str(OKR), "build", "--okrs", str(folder / "okrs"), "--out", str(site)]
    subprocess.run([*command, "--today", today], cwd=ROOT, check=True, capture_output=True)
    seconds = time.perf_counter() - start
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = sum(1 for p in files if p.suffix == ".html")
    charts = sum(1 for p in files if p.parent.name == "charts")
    return seconds, pages, charts, sum(p.stat().st_size for p in files) / 1e6


def run(label: str, folder: Path, today: str) -> None:
    shutil.rmtree(ROOT / ".cache", ignore_errors=True)
    cold, pages, charts, size = build(folder, today)
    warm, *_ = build(folder, today)
    per_page = warm / pages * 1000
    print(
        f"{label:>10} {pages:>7} {charts:>7} {size:>8.1f} {cold:>9.1f}s {warm:>9.1f}s "
        f"{per_page:>10.1f}"
    )


def main(sizes: list[int]) -> None:
    print(
        f"{'company':>10} {'pages':>7} {'charts':>7} {'MB':>8} {'cold':>10} {'warm':>10} "
        f"{'ms/page':>10}"
    )
    example = OUT / "example"
    shutil.rmtree(example, ignore_errors=True)
    example.mkdir(parents=True)
    shutil.copytree(ROOT / "okrs", example / "okrs")
    run("example", example, "2026-11-22")
    for n in sizes:
        folder = OUT / f"site-{n}"
        generate(n, folder)
        run(f"{n} teams", folder, TODAY)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1000])
