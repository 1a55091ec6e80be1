"""The mutation fuzzer, for as long as you like: `python benchmarks/fuzz.py --minutes N`.

Mutates the example company in okrs/ (tests/fuzzing.py describes the mutations and what
counts as a failure), runs the checker, the model, the pages, the charts and the exports
in-process on every mutated tree, and prints the iterations and the unique failures grouped
by class: signature, how often it was hit, a minimal reproducing mutation (a diff against
the example file) and the last lines of the traceback.

    python benchmarks/fuzz.py --minutes 10 [--seed S] [--workers W] [--report out.json]
    python benchmarks/fuzz.py --seed S --replay K      # iteration K again, in full

Deterministic from the seed: iteration K of seed S is always the same mutation (which
iterations a timed run reaches depends on the machine).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from fuzzing import fuzz, limit_memory, load_corpus, replay  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, help="run until this much time is up")
    parser.add_argument("--iterations", type=int, help="or run this many iterations")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--charts", type=int, default=2, help="new charts drawn per iteration")
    parser.add_argument("--no-minimize", action="store_true", help="keep repros as found")
    parser.add_argument("--replay", type=int, metavar="K", help="replay iteration K in full")
    parser.add_argument("--report", type=Path, metavar="FILE", help="also write JSON here")
    parser.add_argument("--traceback-lines", type=int, default=8)
    args = parser.parse_args(argv)

    if args.replay is not None:
        limit_memory(4096)  # a mutant that killed a worker gets a MemoryError here instead
        print(replay(args.seed, args.replay))
        return 0
    if args.minutes is None and args.iterations is None:
        parser.error("give --minutes N or --iterations N")

    def progress(done: int, elapsed: float, found: int) -> None:
        print(f"  {elapsed:6.0f} s  {done:6d} iterations  {found} unique failures",
              file=sys.stderr, flush=True)  # fmt: skip

    summary = fuzz(
        args.seed,
        iterations=args.iterations,
        seconds=args.minutes * 60 if args.minutes is not None else None,
        workers=args.workers,
        minimize=not args.no_minimize,
        charts_per_run=args.charts,
        progress=progress,
    )
    corpus = load_corpus()
    print(summary.render(corpus, args.traceback_lines))
    if args.report:
        entries = []
        for kind, items in summary.by_class().items():
            for found in items:
                entry = asdict(found)
                entry["mutant"] = {
                    "steps": list(found.mutant.steps),
                    "diff": found.mutant.describe(corpus),
                }
                entry["class"] = kind
                entries.append(entry)
        args.report.write_text(
            json.dumps(
                {"seed": summary.seed, "iterations": summary.iterations,
                 "seconds": round(summary.seconds, 1), "failures": entries},
                indent=2, ensure_ascii=False,
            ) + "\n",
            encoding="utf-8",
        )  # fmt: skip
    return 1 if summary.found else 0


if __name__ == "__main__":
    sys.exit(main())
