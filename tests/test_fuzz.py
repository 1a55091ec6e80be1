"""A bounded run of the mutation fuzzer (tests/fuzzing.py) over the example company.

A fixed seed and 150 iterations, shared by two forked processes (about 30 s on two idle
cores). Every mutated tree must go through the checker, the model, the pages, the charts and
the exports without an exception; every file must be either published or named in an error;
every finding must be one well-formed line at a real position; the exports must hold finite
numbers only and every SVG must be well-formed XML. On failure the message lists each unique
failure with a reproducing mutation (`python benchmarks/fuzz.py --seed 20261122 --replay K`
replays iteration K in full). Longer runs: `python benchmarks/fuzz.py --minutes 10`.

OKR_FUZZ_SEED and OKR_FUZZ_ITERATIONS override the seed and the number of iterations.
"""

from __future__ import annotations

import os
from random import Random

from fuzzing import Fuzzer, Mutator, env_seed, fuzz, load_corpus

SEED = env_seed(20261122)
ITERATIONS = int(os.environ.get("OKR_FUZZ_ITERATIONS") or 150)


def test_mutations_are_deterministic_from_the_seed():
    corpus = load_corpus()
    first, second = Mutator(corpus), Mutator(corpus)
    for k in range(25):
        a = first.mutate(Random(f"{SEED}/{k}"))
        b = second.mutate(Random(f"{SEED}/{k}"))
        assert a == b, k
        assert a.changes, f"iteration {k} changed nothing"


def test_the_unmutated_example_passes_every_check():
    with Fuzzer(SEED, minimize=False) as fuzzer:
        failures = fuzzer.run_baseline()
    assert not failures, "\n".join(f"{f.signature}\n{f.detail}" for f in failures)


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
