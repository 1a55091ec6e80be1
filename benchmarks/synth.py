"""A deterministic synthetic company: N teams, each with 4 objectives x 3 key results x 12
weekly check-ins in 2026-Q3, aligned up a three-level tree. Same N, same bytes.

    python benchmarks/synth.py 1000 /tmp/big     # writes /tmp/big/okrs/...
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

PERIOD = "2026-Q3"
TODAY = "2026-09-25"  # inside the period, after the last check-in: every rule is active
MONDAYS = [date(2026, 7, 6) + timedelta(weeks=w) for w in range(12)]
MODELINE = "# yaml-language-server: $schema=../../schema/okr-file.schema.json\n"
WORDS = [
    "reliable",
    "fast",
    "delightful",
    "trusted",
    "simple",
    "secure",
    "global",
    "focused",
    "efficient",
    "resilient",
    "customers",
    "partners",
    "platform",
    "onboarding",
    "billing",
    "search",
    "mobile",
    "payments",
    "insight",
]


def tree(n: int) -> list[tuple[str, str | None]]:
    """(team, parent) for n teams: a root, about sqrt(n) departments, the rest under them."""
    departments = max(1, int(n**0.5))
    teams: list[tuple[str, str | None]] = [("company", None)]
    teams += [(f"dept-{d:03d}", "company") for d in range(1, min(departments, n - 1) + 1)]
    i = 0
    while len(teams) < n:
        teams.append((f"team-{i:05d}", f"dept-{i % departments + 1:03d}"))
        i += 1
    return teams


def org_yaml(teams: list[tuple[str, str | None]]) -> str:
    lines = [
        "# yaml-language-server: $schema=../schema/org.schema.json\n",
        "company:\n  name: Synthetic Corp\n  timezone: UTC\nteams:\n",
    ]
    for team, parent in teams:
        lines.append(f"  - id: {team}\n    name: Team {team}\n    lead: lead-{team}\n")
        if parent:
            lines.append(f"    parent: {parent}\n")
    lines.append("people:\n")
    for team, _ in teams:
        lines.append(f"  - {{id: lead-{team}, name: Lead of {team}, team: {team}}}\n")
        lines.append(f"  - {{id: member-{team}, name: Member of {team}, team: {team}}}\n")
    return "".join(lines)


def team_yaml(team: str, parent: str | None, rng: random.Random) -> str:
    out = [MODELINE, f"team: {team}\nperiod: {PERIOD}\nobjectives:\n"]
    for o in range(1, 5):
        title = " ".join(rng.choice(WORDS) for _ in range(5)).capitalize()
        out.append(f"  - id: O{o}\n    title: Make {title}\n    owner: lead-{team}\n")
        out.append(f"    aligns_with: [{parent}/O{o}]\n" if parent else "")
        out.append("    key_results:\n")
        for k in range(1, 4):
            start = rng.randint(10, 500)
            target = start + rng.choice([-1, 1]) * rng.randint(5, start)
            out.append(
                f"      - id: KR{k}\n        title: Move the {rng.choice(WORDS)} number "
                f"from {start} to {target}\n        owner: member-{team}\n"
                f"        metric: {{start: {start}, target: {target}, unit: points}}\n"
                "        check_ins:\n"
            )
            for w, day in enumerate(MONDAYS):
                value = round(start + (target - start) * (w + 1) / 14 * rng.uniform(0.6, 1.2), 1)
                note = f", note: Week {w + 1} went as planned" if w % 4 == 3 else ""
                out.append(
                    f"          - {{date: {day}, value: {value}, by: member-{team}{note}}}\n"
                )
            out.append(
                "        initiatives:\n"
                f"          - {{title: Workstream {k}, "
                f"url: 'https://tracker.example/{team}/{o}{k}', "
                f"status: in_progress, owner: member-{team}}}\n"
            )
    return "".join(out)


def generate(n: int, dest: Path, seed: int = 2026) -> Path:
    rng = random.Random(seed)
    okrs = dest / "okrs"
    (okrs / PERIOD).mkdir(parents=True, exist_ok=True)
    teams = tree(n)
    (okrs / "org.yaml").write_text(org_yaml(teams), encoding="utf-8")
    for team, parent in teams:
        (okrs / PERIOD / f"{team}.yaml").write_text(team_yaml(team, parent, rng), encoding="utf-8")
    schema = dest / "schema"
    if not schema.exists():
        schema.symlink_to(Path(__file__).resolve().parent.parent / "schema")
    return okrs


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))
