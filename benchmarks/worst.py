"""Worst-shape inputs: cost must follow the input's size, not its shape (`make bench-worst`).

Each shape is generated at a size n and at 2n, then checked (the whole checker) and turned
into the site's pages in-process (model, every page, charts and exports; MkDocs itself adds
a constant per page). The growth ratio is time(2n) / time(n): about 2 is linear, 4 would be
quadratic, and a path-enumerating page would explode.

- lattice: layers of objectives, each aligning with every objective of the layer above
  (W objectives per layer, so the number of paths grows as W^layers);
- chain: a parent chain of teams, each team the parent of the next, with a file each;
- wide file: one team file with n key results (milestones with a check-in each).
- bracket note: one check-in note of n characters made of "[a" (Markdown's link syntax opened
  and never closed; Python-Markdown, used before, took time quadratic in it).

    python benchmarks/worst.py            # the default sizes
    python benchmarks/worst.py --quick    # smaller, for a smoke run
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from generator.charts import ChartStore
from generator.check import check_tree
from generator.model_builder import build_model
from generator.site.pages import build_site

PERIOD = "2026-Q3"
TODAY = "2026-09-25"
ORG_HEAD = "company:\n  name: Worst Shapes\n  timezone: UTC\n"


def _write(root: Path, org: str, files: dict[str, str]) -> Path:
    okrs = root / "okrs"
    (okrs / PERIOD).mkdir(parents=True)
    (okrs / "org.yaml").write_text(org)
    for name, text in files.items():
        (okrs / PERIOD / f"{name}.yaml").write_text(text)
    return okrs


def _objective(oid: str, aligns: list[str], krs: int = 2) -> str:
    lines = [
        f"  - id: {oid}",
        f"    title: Objective {oid} for the layer",
        f"    aligns_with: [{', '.join(aligns)}]",
        "    key_results:",
    ]
    lines += [  # one line each: 20,000 of them stay under the 2 MiB file limit
        f"      - {{id: KR{k}, title: Ship part {k}, milestone: true,"
        " check_ins: [{date: 2026-09-21, done: false}]}"
        for k in range(1, krs + 1)
    ]
    return "\n".join(lines) + "\n"


def lattice(root: Path, layers: int, width: int = 4) -> Path:
    teams = [f"layer-{i:03d}" for i in range(layers)]
    org = (
        ORG_HEAD
        + "teams:\n"
        + "".join(
            f"  - {{id: {t}, name: Layer {i}{'' if i == 0 else f', parent: {teams[0]}'}}}\n"
            for i, t in enumerate(teams)
        )
    )
    files = {}
    for i, team in enumerate(teams):
        above = [f"{teams[i - 1]}/O{j}" for j in range(1, width + 1)] if i else []
        body = "".join(_objective(f"O{j}", above) for j in range(1, width + 1))
        files[team] = f"team: {team}\nperiod: {PERIOD}\nobjectives:\n{body}"
    return _write(root, org, files)


def chain(root: Path, length: int) -> Path:
    teams = [f"t-{i:05d}" for i in range(length)]
    org = (
        ORG_HEAD
        + "teams:\n"
        + "".join(
            f"  - {{id: {t}, name: Team {i}{'' if i == 0 else f', parent: {teams[i - 1]}'}}}\n"
            for i, t in enumerate(teams)
        )
    )
    files = {
        team: f"team: {team}\nperiod: {PERIOD}\nobjectives:\n"
        + _objective("O1", [f"{teams[i - 1]}/O1"] if i else [])
        for i, team in enumerate(teams)
    }
    return _write(root, org, files)


def wide(root: Path, krs: int) -> Path:
    org = ORG_HEAD + "teams:\n  - {id: wide, name: Wide}\n"
    per_objective = 100
    body = "".join(
        _objective(f"O{o}", [], per_objective) for o in range(1, krs // per_objective + 1)
    )
    return _write(root, org, {"wide": f"team: wide\nperiod: {PERIOD}\nobjectives:\n{body}"})


def bracket_note(root: Path, chars: int) -> Path:
    org = ORG_HEAD + "teams:\n  - {id: notes, name: Notes}\n"
    note = "[a" * (chars // 2)
    text = (
        f"team: notes\nperiod: {PERIOD}\nobjectives:\n  - id: O1\n    title: Notes that read\n"
        "    key_results:\n      - id: KR1\n        title: Reach 10 readers\n"
        "        metric: {start: 0, target: 10}\n        check_ins:\n"
        f'          - {{date: 2026-09-21, value: 1, note: "{note}"}}\n'
    )
    return _write(root, org, {"notes": text})


def measure(okrs: Path) -> tuple[float, float, int]:
    start = time.perf_counter()
    checked = check_tree(okrs, today=TODAY)
    checked_at = time.perf_counter()
    ctx = checked.ctx
    documents = [d for d in ctx.workspace.documents if d.valid]
    model = build_model(ctx.org, documents, ctx.today, ctx.settings, ctx.sources.ids)
    site = build_site(model, checked.report.problems, ChartStore(None), {}, None, None)
    done = time.perf_counter()
    return checked_at - start, done - checked_at, len(site.pages)


SHAPES: dict[str, tuple[Callable[[Path, int], Path], int, str]] = {
    "lattice": (lattice, 26, "layers of 4 objectives"),
    "chain": (chain, 1000, "teams in one parent chain"),
    "wide file": (wide, 10_000, "key results in one file"),
    "bracket note": (bracket_note, 10_000, "characters in one note"),
}


def main() -> None:
    quick = "--quick" in sys.argv
    warm = Path(tempfile.mkdtemp(prefix="okr-worst-"))
    measure(chain(warm, 3))  # imports and template compilation are not part of any shape
    shutil.rmtree(warm, ignore_errors=True)
    print("| shape | n | check | pages | total | growth (2n / n) |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, (make, size, unit) in SHAPES.items():
        n = max(2, size // 10) if quick else size
        totals = []
        for scale in (n, 2 * n):
            folder = Path(tempfile.mkdtemp(prefix="okr-worst-"))
            try:
                check, pages, count = measure(make(folder, scale))
            finally:
                shutil.rmtree(folder, ignore_errors=True)
            totals.append(check + pages)
            growth = f"{totals[1] / totals[0]:.2f}×" if len(totals) == 2 else ""
            print(
                f"| {name} | {scale:,} {unit} | {check:.2f} s | {pages:.2f} s ({count} pages) "
                f"| {check + pages:.2f} s | {growth} |"
            )


if __name__ == "__main__":
    main()
