"""The wording rules keep their measured quality on the corpus of real published OKRs
(tests/fixtures/real, labelled by hand): precision at least 90 % for every wording rule,
recall at least 70 % where the issue asks for it. `make bench-rules` prints the table."""

from __future__ import annotations

import pytest

from benchmarks.rules import PRECISION_TARGET, WORDING, evaluate, labels

SCORES = {s.rule: s for s in evaluate()}


def test_the_corpus_is_big_and_fully_labelled():
    truth = labels()
    objectives = [k for k in truth if k.count("/") == 1]
    krs = [k for k in truth if k.count("/") == 2]
    assert len(objectives) >= 50 and len(krs) >= 150
    assert all(set(truth[k]) == {"metric_target"} for k in objectives)
    assert all(set(truth[k]) == {"activity", "unmeasurable"} for k in krs)
    assert {s.items for s in SCORES.values()} == {len(objectives), len(krs)}


@pytest.mark.parametrize("rule", list(WORDING))
def test_precision_and_recall_stay_at_target(rule):
    score = SCORES[rule]
    assert score.findings > 0, f"{rule} raised nothing on the corpus"
    assert score.precision >= PRECISION_TARGET, (rule, score.false_alarms)
    recall_target = WORDING[rule][2]
    if recall_target is not None:
        assert score.recall >= recall_target, (rule, score.missed)
