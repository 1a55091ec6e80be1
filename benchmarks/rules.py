"""The wording rules against a corpus of real published OKRs labelled by hand (`make
bench-rules`): per rule, how many findings it raised, how many were right (precision) and how
many of the labelled problems it found (recall), on the tuning part and, separately, on the
held-back part the rules were never tuned on (tests/fixtures/real/split.yaml).

The corpus and its labels are in tests/fixtures/real/ (SOURCES.md says where each OKR came
from and how it was labelled). Targets, judged on the held-back part: precision at least 90 %
for every wording rule; recall at least 60 % for key-result-not-activity and
key-result-is-measurable, at least 70 % for objective-is-qualitative. `-v` lists what each
rule got wrong on the tuning part only: the held-back part is never read item by item.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from generator.check import check_root
from generator.loader import load
from generator.periods import period_id
from generator.rules import RULES

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "real"
TODAY = "2026-12-01"
# rule id -> (the label it should agree with, what it is about, recall target or None)
WORDING = {
    "objective-is-qualitative": ("metric_target", "objective", 0.70),
    "key-result-is-measurable": ("unmeasurable", "key result", 0.60),
    "key-result-not-activity": ("activity", "key result", 0.60),
}
PARTS = ("tuning", "held-back")
PRECISION_TARGET = 0.90


@dataclass
class Score:
    rule: str
    findings: int
    right: int
    labelled: int
    items: int
    false_alarms: list[str]
    missed: list[str]

    @property
    def precision(self) -> float:
        return self.right / self.findings if self.findings else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.labelled if self.labelled else 1.0


def labels() -> dict[str, dict[str, bool]]:
    return load((CORPUS / "labels.yaml").read_text(encoding="utf-8"))


def held_back() -> frozenset[str]:
    """The teams of the held-back part (fixed: tests/fixtures/real/split.yaml)."""
    return frozenset(load((CORPUS / "split.yaml").read_text(encoding="utf-8"))["held_back"])


def part_of(key: str) -> str:
    team = key.split(":", 1)[1].split("/", 1)[0]
    return "held-back" if team in held_back() else "tuning"


def evaluate() -> dict[str, list[Score]]:
    """Run each wording rule over the corpus in-process and compare with the labels, per
    part of the corpus."""
    truth = labels()
    ctx = check_root((CORPUS / "okrs").resolve(), {}, today=TODAY)
    flagged: dict[str, set[str]] = {rule: set() for rule in WORDING}
    for doc in ctx.workspace.teams:
        assert doc.valid, f"{doc.display} is not schema-valid"
        prefix = f"{period_id(doc.data['period'])}:{doc.data['team']}"
        objectives = doc.data["objectives"]
        for rule_id in WORDING:
            rule = RULES[rule_id]
            for finding in rule.check(doc, ctx, ctx.settings[rule_id].options):
                path = finding.path
                objective = objectives[path[1]]
                key = f"{prefix}/{objective['id']}"
                if len(path) >= 4 and path[2] == "key_results":
                    key += f"/{objective['key_results'][path[3]]['id']}"
                flagged[rule_id].add(key)
    scores: dict[str, list[Score]] = {part: [] for part in PARTS}
    for part in PARTS:
        for rule_id, (label, about, _target) in WORDING.items():
            is_kr = about == "key result"
            items = {
                k: v
                for k, v in truth.items()
                if (k.count("/") == 2) == is_kr and part_of(k) == part
            }
            positive = {k for k, v in items.items() if v[label]}
            found = {k for k in flagged[rule_id] if part_of(k) == part}
            scores[part].append(
                Score(
                    rule_id,
                    len(found),
                    len(found & positive),
                    len(positive),
                    len(items),
                    sorted(found - positive),
                    sorted(positive - found),
                )
            )
    return scores


def table(scores: list[Score]) -> str:
    lines = [
        "| rule | items | labelled | findings | right | precision | recall | targets |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for s in scores:
        recall_target = WORDING[s.rule][2]
        met = s.precision >= PRECISION_TARGET and (
            recall_target is None or s.recall >= recall_target
        )
        wanted = f"P ≥ {PRECISION_TARGET:.0%}" + (
            f", R ≥ {recall_target:.0%}" if recall_target else ""
        )
        lines.append(
            f"| {s.rule} | {s.items} | {s.labelled} | {s.findings} | {s.right} | "
            f"{s.precision:.0%} | {s.recall:.0%} | {wanted}: {'met' if met else 'NOT met'} |"
        )
    return "\n".join(lines)


def main() -> None:
    scores = evaluate()
    for part in PARTS:
        why = "the targets are judged here" if part == "held-back" else "the rules were tuned on it"
        print(f"\n{part} part ({why}):\n")
        print(table(scores[part]))
    if "-v" in sys.argv:  # the tuning part only: the held-back part is never read item by item
        for s in scores["tuning"]:
            print(f"\n{s.rule}: false alarms {s.false_alarms}\n  missed {s.missed}")


if __name__ == "__main__":
    main()
