"""The wording rules' measured quality on the corpus of real published OKRs (tests/fixtures/real,
labelled by hand), on the part they were tuned on and on the held-back part they never were
(tests/fixtures/real/split.yaml). `make bench-rules` prints both tables.

Targets (judged on the held-back part): precision at least 90 % for every wording rule;
recall at least 60 % for key-result-not-activity and key-result-is-measurable, 70 % for
objective-is-qualitative. Where a rule does not reach its target on the held-back part yet,
the test holds it to what it measures today, so that it can only get better; the rule's
entry in FLOORS says so, and benchmarks/RESULTS.md gives the numbers.
"""

from __future__ import annotations

import pytest

from benchmarks.rules import PARTS, PRECISION_TARGET, WORDING, evaluate, held_back, labels

SCORES = {part: {s.rule: s for s in scores} for part, scores in evaluate().items()}
# Held-back results below target (precision, recall): a floor, not the goal. The goal stays
# PRECISION_TARGET and WORDING's recall targets.
FLOORS = {
    # the held-back part grew by seven sources at the fourth stop (82 % / 57 %) and by five
    # at the fifth (their 81 key results read 85 % / 30 %, measured before anyone read
    # them): 82 % / 52 % on 504 key results. At the twelfth stop the sixteenth batch added
    # 45 held-back key results (83 % / 49 % with them, before this stop's changes), and the
    # team's work stated as done, milestones naming the work and more Chinese work verbs
    # raised it to 83.6 % / 59.6 % (183 right of 219 findings) on 549 key results; a review's
    # false alarms on invented titles ("Series A funding", "Paper accepted at NeurIPS") made
    # both classes ask for positive evidence: 83.7 % / 55.4 % (170 right of 203). The
    # thirteenth stop's classes, drawn from invented OKRs (none from this part): 83.8 % /
    # 55.7 % (171 right of 204). The fourteenth stop's seventeenth batch (72 key results, held
    # back by the rule fixed before it came; 42 right of 42, 63 % recall, measured unseen):
    # 86.6 % / 57.0 % (213 right of 246) on 621 key results; with the eighteenth and
    # nineteenth batches' 52 held-back key results: 86.5 % / 58.5 % (231 right of 267) on 673.
    # The twentieth batch's 16 held-back key results are Japanese (no finding, 13 labelled
    # activities: the rules read English and Chinese): 86.5 % / 56.6 % on 689
    "key-result-not-activity": (0.86, 0.56),
    # the sixteenth batch's held-back key results, measured before anyone read them, brought
    # precision from 95 % to 87 %; side clauses after a comma raised it to 89.9 % (62 right
    # of 69 findings, recall 82 %). The thirteenth stop's measurability classes (comparisons,
    # qualities, feelings, Chinese degree words and programmes, vague verbs such as
    # "streamline") added three wrong findings and no right one here: 86.1 % (62 right of 72);
    # on two invented sets nobody tuned on they raised recall from 89 % and 69 % to 92 % and
    # 87 % at 100 % and 97 % precision. The disagreement is recorded in RESULTS.md. A
    # direction joined to work that is done or not ("Improve and refresh the website", from
    # the tuning part's false alarms): 87.1 % / 80.3 % (61 right of 70). The fourteenth
    # stop's eighteenth and nineteenth batches (15 right of 15 held back, measured unseen):
    # 89.4 % / 82.6 % (76 right of 85) on 673 key results; with the twentieth batch's
    # Japanese ones (2 right of 2): 89.7 % / 81.3 % (78 right of 87) on 689
    "key-result-is-measurable": (0.89, 0.81),
}


def test_the_corpus_is_big_varied_and_fully_labelled():
    truth = labels()
    objectives = [k for k in truth if k.count("/") == 1]
    krs = [k for k in truth if k.count("/") == 2]
    assert len(objectives) >= 200 and len(krs) >= 700
    assert all(set(truth[k]) == {"metric_target"} for k in objectives)
    assert all(set(truth[k]) == {"activity", "unmeasurable"} for k in krs)
    teams = {k.split(":", 1)[1].split("/", 1)[0] for k in truth}
    assert held_back() <= teams and len(held_back()) >= 10
    for part in PARTS:
        counted = {s.items for s in SCORES[part].values()}
        assert all(n > 50 for n in counted), (part, counted)


@pytest.mark.parametrize("rule", list(WORDING))
def test_the_tuning_part_meets_the_targets(rule):
    score = SCORES["tuning"][rule]
    assert score.findings > 0, f"{rule} raised nothing on the corpus"
    assert score.precision >= PRECISION_TARGET, (rule, score.false_alarms)
    assert score.recall >= WORDING[rule][2], (rule, score.missed)


@pytest.mark.parametrize("rule", list(WORDING))
def test_the_held_back_part(rule):
    # never print what the rule got wrong here: the held-back part is not read item by item
    # (plain numbers, so that pytest's report of a failure cannot show the Score's lists)
    measured = (SCORES["held-back"][rule].precision, SCORES["held-back"][rule].recall)
    floor = FLOORS.get(rule, (PRECISION_TARGET, WORDING[rule][2]))
    assert measured[0] >= floor[0], f"{rule}: precision {measured[0]:.0%}"
    assert measured[1] >= floor[1], f"{rule}: recall {measured[1]:.0%}"
