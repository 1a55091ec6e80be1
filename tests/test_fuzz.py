"""A bounded run of the mutation fuzzer (tests/fuzzing.py) over the example company.

A fixed seed and 150 iterations, shared by two forked processes: about 35 s on two idle cores
(45 s when other work shares them). Every mutated tree must go through the checker, the
model, the pages, the charts and the exports without an exception; every file must be either
published or named in an error; every finding must be one well-formed line at a real
position; the exports must hold finite numbers only and every SVG must be well-formed XML.
On failure the message lists each unique failure with a reproducing mutation
(`python benchmarks/fuzz.py --seed 20261122 --replay K` replays iteration K in full).
Longer runs: `python benchmarks/fuzz.py --minutes 10`.

OKR_FUZZ_SEED and OKR_FUZZ_ITERATIONS override the seed and the number of iterations.
"""

from __future__ import annotations

import os
from random import Random

from fuzzing import Mutator, env_seed, fuzz, load_corpus

SEED = env_seed(20261122)
ITERATIONS = int(os.environ.get("OKR_FUZZ_ITERATIONS") or 150)


def test_mutations_are_deterministic_from_the_seed():
    mutator = Mutator(load_corpus())
    for k in range(12):
        first = mutator.mutate(Random(f"{SEED}/{k}"))
        assert first.changes, f"iteration {k} changed nothing"
        assert mutator.mutate(Random(f"{SEED}/{k}")) == first, k


def test_fuzz_bounded_run_finds_nothing():
    summary = fuzz(
        SEED,
        iterations=ITERATIONS,
        workers=min(2, os.cpu_count() or 1),
        minimize=False,
        charts_per_run=1,
    )
    assert summary.iterations == ITERATIONS
    assert not summary.errors, "the fuzzer itself failed:\n" + "\n".join(summary.errors.values())
    assert not summary.baseline, "\n" + summary.render(load_corpus())
    assert not summary.found, "\n" + summary.render(load_corpus())
