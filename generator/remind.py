"""`okr remind`: what is due, by team, with the people to ask, as text, Markdown or JSON.

The account itself is `due`'s (the same as the program-health page's); this module only words
it. The Markdown is the body of the reminder issue the weekly workflow keeps up to date: it
mentions the GitHub handles in org.yaml (the team's, the key result owner's, the team's OKR
ambassador's) and nothing else. Titles and names come from the teams' files, so in Markdown
they are text only: no mention, link, HTML or formatting can come from them.
"""

from __future__ import annotations

import json
from typing import Any

from .codeowners import all_owners
from .due import TeamDue, due
from .model import KeyResult, Model, Objective, PeriodView
from .org import Org
from .staleness import Policy
from .textsafe import inert_markdown, one_line

TITLE = "OKR check-ins due"  # the reminder issue's title: the workflow finds it by this
MARKER = "<!-- okr-remind -->"
BODY_LIMIT = 60_000  # GitHub refuses issue and pull request bodies over 65,536 characters


def text_only(value: str, limit: int = 200) -> str:
    """User text made inert in Markdown: one line, no mention, formatting, link or HTML."""
    return inert_markdown(value, limit)


def _user(value: str, markdown: bool) -> str:
    """User text as each format shows it: inert Markdown, or one line of a log with every
    line break, escape and reordering character spelled out (remind.yml prints the text
    format into the workflow's log, where a line can be a workflow command)."""
    return text_only(value) if markdown else one_line(value)


class Reminders:
    def __init__(self, model: Model, org: Org) -> None:
        self.model = model
        self.org = org
        self.teams = [d for d in due(model) if d.count]
        self.owners = all_owners(org)

    @property
    def count(self) -> int:
        return sum(d.count for d in self.teams)

    def person(self, pid: str | None) -> dict[str, Any] | None:
        if not pid:
            return None
        person = self.model.people.get(pid)
        return {
            "id": pid,
            "name": person.name if person else pid,
            "github": person.github if person else None,
        }

    def policy(self) -> Policy:
        return self.model.policy


def _ref(view: PeriodView, objective: Objective, kr: KeyResult) -> str:
    return f"{view.id}:{objective.team}/{objective.id}/{kr.id}"


def _stale_entry(r: Reminders, view: PeriodView, o: Objective, kr: KeyResult) -> dict[str, Any]:
    st = kr.staleness
    assert st is not None
    return {
        "ref": _ref(view, o, kr),
        "period": view.id,
        "objective": o.id,
        "key_result": kr.id,
        "title": kr.title,
        "owner": r.person(kr.owner),
        "days": st.age,
        "since": st.since.isoformat(),
        "checked_in": st.checked_in,
        "limit": st.limit,
    }


def as_data(r: Reminders) -> dict[str, Any]:
    policy = r.policy()
    return {
        "today": r.model.today.isoformat(),
        "title": TITLE,
        "policy": {"max-days": policy.max_days, "max-days-long": policy.max_days_long},
        "due": r.count,
        "teams": [
            {
                "id": d.team.id,
                "name": d.team.name,
                "github": r.owners.get(d.team.id, []),
                "lead": r.person(d.team.lead),
                "ambassador": r.person(d.team.ambassador),
                "stale": [_stale_entry(r, v, o, kr) for v, o, kr in d.stale],
                "confidential_stale": d.hidden_stale,
                "ungraded": [v.id for v in d.ungraded],
                "missing": [p.id for p in d.missing],
            }
            for d in r.teams
        ],
    }


def as_json(r: Reminders) -> str:
    return json.dumps(as_data(r), ensure_ascii=False, indent=2) + "\n"


def _since(entry: dict[str, Any]) -> str:
    if entry["checked_in"]:
        return f"no check-in for {entry['days']} days (last {entry['since']})"
    return f"no check-in since the period started {entry['days']} days ago"


def _owner_text(person: dict[str, Any] | None, markdown: bool) -> str:
    if person is None:
        return "no owner"
    name = _user(person["name"], markdown)
    handle = f" {person['github']}" if markdown and person["github"] else ""
    return f"owner {name}{handle}"


def _team_lines(r: Reminders, d: TeamDue, data: dict[str, Any], markdown: bool) -> list[str]:
    lines: list[str] = []
    box = "- [ ] " if markdown else "  - "
    for entry in data["stale"]:
        title = _user(entry["title"], markdown)
        ref = f"`{entry['ref']}`" if markdown else entry["ref"]
        lines.append(
            f"{box}{ref} {title}: {_since(entry)}; {_owner_text(entry['owner'], markdown)}"
        )
    if d.hidden_stale:
        n = d.hidden_stale
        lines.append(
            f"{box}{n} key result{'s' if n != 1 else ''} of confidential objectives "
            f"{'are' if n != 1 else 'is'} stale (see the team's file)"
        )
    for pid in data["ungraded"]:
        command = f"okr grade {d.team.id} {pid} --suggest"
        lines.append(
            f"{box}{pid} has ended: grade its key results and write the retrospective "
            f"({f'`{command}`' if markdown else command})"
        )
    for pid in data["missing"]:
        command = f"okr new {d.team.id} {pid} --from <the period before>"
        lines.append(
            f"{box}{pid} is running and the team has no OKRs for it yet "
            f"({f'`{command}`' if markdown else command})"
        )
    return lines


def _people_line(r: Reminders, data: dict[str, Any], markdown: bool) -> str:
    parts = []
    if data["github"]:
        parts.append(" ".join(data["github"]) if markdown else "team " + " ".join(data["github"]))
    for role, key in (("lead", "lead"), ("OKR ambassador", "ambassador")):
        person = data[key]
        if person:
            name = _user(person["name"], markdown)
            handle = f" {person['github']}" if person["github"] else ""
            parts.append(f"{role} {name}{handle}")
    return " · ".join(parts)


def _intro(r: Reminders) -> str:
    policy = r.policy()
    return (
        f"As of {r.model.today.isoformat()}: a key result is stale after {policy.max_days} "
        f"days without a check-in ({policy.max_days_long} in periods longer than a quarter)."
    )


def as_text(r: Reminders) -> str:
    data = as_data(r)
    if not r.teams:
        return f"Nothing is due. {_intro(r)}\n"
    out = [f"{r.count} thing{'s' if r.count != 1 else ''} due. {_intro(r)}", ""]
    for d, entry in zip(r.teams, data["teams"], strict=True):
        name = _user(d.team.name, False)
        out.append(f"{name} ({d.team.id}): {_people_line(r, entry, False)}".rstrip(": "))
        out.extend(_team_lines(r, d, entry, False))
        out.append("")
    return "\n".join(out)


def _markdown_team(r: Reminders, d: TeamDue, entry: dict[str, Any]) -> str:
    out = [f"### {text_only(d.team.name)}"]
    people = _people_line(r, entry, True)
    if people:
        out += ["", people]
    out.append("")
    out.extend(_team_lines(r, d, entry, True))
    out.append("")
    return "\n".join(out)


def as_markdown(r: Reminders) -> str:
    data = as_data(r)
    out = [MARKER, f"## {TITLE}", "", _intro(r), ""]
    if not r.teams:
        out.append("Nothing is due: every running key result has a recent check-in, and every "
                   "finished period is graded.")  # fmt: skip
        return "\n".join(out) + "\n"
    size = sum(len(line) + 1 for line in out)
    for shown, (d, entry) in enumerate(zip(r.teams, data["teams"], strict=True)):
        section = _markdown_team(r, d, entry)
        if size + len(section) > BODY_LIMIT:
            rest = len(r.teams) - shown
            out.append(f"… and {rest} more team{'s' if rest != 1 else ''}: run `okr remind` "
                       "for the whole list.\n")  # fmt: skip
            break
        out.append(section)
        size += len(section) + 1
    out.append(
        'Check in with `okr checkin PERIOD:TEAM/O1/KR1 VALUE --note "..."`, or from the team\'s '
        "page on the OKR site. This issue is updated every week and closed when nothing is due."
    )
    return "\n".join(out) + "\n"


FORMATS = {"text": as_text, "markdown": as_markdown, "json": as_json}
