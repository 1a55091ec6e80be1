"""Every reference resolves: alignments, owners, check-in authors, recognition, parents, leads.

- `aligns_with` entries, on objectives and on key results, must name an existing objective
  (or key result) in an existing team file of that period, and a period that overlaps this
  file's period (`period-cover` warns when it overlaps without covering).
- `owner`, `by`, `from` and a person named in `to` must be listed under `people:` in
  org.yaml (when org.yaml lists people); `to` may also name a team, and `by` a data source
  that okr-sources.yaml declares (`okr sync` records its values so).
- In org.yaml, `parent` must name a team, `lead` and `ambassador` a person and a person's
  `team` a team.

References into a file that itself fails to load or to match the schema are not judged; that
file's own findings come first.

**Fails:**

```yaml okrs/2026-Q4/platform.yaml
team: platform
period: 2026-Q4
objectives:
  - id: O1
    title: Make the platform boringly reliable
    owner: alicia
    aligns_with: [acme/O9]
    key_results: []
```

**Passes:**

```yaml okrs/2026-Q4/platform.yaml
team: platform
period: 2026-Q4
objectives:
  - id: O1
    title: Make the platform boringly reliable
    owner: alice
    aligns_with: [acme/O1]
    key_results: []
```
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..alignment import Problem, references
from ..context import Context
from ..options import Option
from ..periods import period_id
from ..problem import DataPath, Finding, Message, Severity, say
from ..suggest import closest
from ..textsafe import listing, quote
from ..walk import key_results, objectives, recognition
from ..workspace import Document

ID = "reference-resolves"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, Option] = {}
NEEDS_VALID = True
NEEDS_ORG = True  # judged against org.yaml: skipped while it cannot be read


def check(doc: Document, ctx: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if doc.kind == "team":
        yield from _team_file(doc, ctx)
    elif doc.kind == "org":
        yield from _org_file(doc, ctx)


def _hint(name: str, known: list[str]) -> str:
    close = closest(name, known)
    return say(" (did you mean {name}?)", name=quote(close)) if close else ""


def _no_such(template: str, known: list[str], **values: object) -> Message:
    """A reference to something its target lacks, with what the target has ("none")."""
    return say(template, known=listing(known) or say("none"), **values)


def _person(ctx: Context, path: DataPath, pid: str, role: str) -> Iterator[Finding]:
    people = ctx.org.people
    if people is not None and pid not in people:
        yield Finding(
            path,
            say(
                "{role} {person} is not listed under `people:` in okrs/org.yaml{hint}; add the "
                "person there or fix the id",
                role=role,
                person=quote(pid),
                hint=_hint(pid, list(people)),
            ),
        )


def _team_file(doc: Document, ctx: Context) -> Iterator[Finding]:
    own_period = period_id(doc.data["period"])
    for ref in references(doc):
        if isinstance(ref.text, str):
            yield from _alignment(ctx, ref.path, ref.text, own_period)
    for path, objective in objectives(doc):
        if "owner" in objective:
            yield from _person(ctx, (*path, "owner"), objective["owner"], "owner")
    for path, _objective, kr in key_results(doc):
        if "owner" in kr:
            yield from _person(ctx, (*path, "owner"), kr["owner"], "owner")
        for i, check_in in enumerate(kr.get("check_ins") or []):
            # `okr sync` records a source's value by the source's id
            if "by" in check_in and check_in["by"] not in ctx.sources.ids:
                yield from _person(ctx, (*path, "check_ins", i, "by"), check_in["by"], "by")
        for i, initiative in enumerate(kr.get("initiatives") or []):
            if "owner" in initiative:
                yield from _person(
                    ctx, (*path, "initiatives", i, "owner"), initiative["owner"], "owner"
                )
    for where, kudos in recognition(doc):
        if "from" in kudos:
            yield from _person(ctx, (*where, "from"), kudos["from"], "from")
        to = kudos["to"]
        if to not in ctx.org.teams and ctx.org.people is not None and to not in ctx.org.people:
            yield Finding(
                (*where, "to"),
                say(
                    "to {to} is neither a team nor a person in okrs/org.yaml{hint}",
                    to=quote(to),
                    hint=_hint(to, [*ctx.org.teams, *ctx.org.people]),
                ),
            )


def _alignment(ctx: Context, path: DataPath, text: str, own_period: str) -> Iterator[Finding]:
    """Resolution is alignment.Targets'; this rule only words what went wrong."""
    found = ctx.alignment.targets.resolve(text, own_period)
    ref, period = found.ref, found.period
    if ref is None:  # malformed: the schema rule says so
        return
    target, own = ctx.org.periods.get(period), ctx.org.periods.get(own_period)
    if target is not None and own is not None and not target.overlaps(own):
        yield Finding(
            path,
            say(
                "{reference}: {period} ({start} to {end}) does not overlap {own} ({own_start} "
                "to {own_end}); align with a period that contains this one, such as the "
                "year's company OKRs",
                reference=quote(text),
                period=period,
                start=target.start,
                end=target.end,
                own=own_period,
                own_start=own.start,
                own_end=own.end,
            ),
        )
        return
    if found.problem is None:
        return
    if ctx.org.periods.get(period) is None:
        yield Finding(
            path,
            say(
                "{reference} names the unknown period {period}",
                reference=quote(text),
                period=quote(period),
            ),
        )
    elif found.problem is Problem.NO_FILE:
        if ref.team not in ctx.org.teams:
            yield Finding(
                path,
                say(
                    "{reference} names the team {team}, which is not in okrs/org.yaml{hint}",
                    reference=quote(text),
                    team=quote(ref.team),
                    hint=_hint(ref.team, list(ctx.org.teams)),
                ),
            )
        elif ctx.awaited(period, ref.team):
            return  # the link waits for a file still to be written: reference-pending says so
        elif ctx.team_file(period, ref.team) is None:
            yield Finding(
                path,
                say(
                    "{reference}: team {team} has no OKRs for {period} (no "
                    "okrs/{period}/{team_id}.yaml)",
                    reference=quote(text),
                    team=quote(ref.team),
                    period=period,
                    team_id=ref.team,
                ),
            )
    elif found.problem is Problem.NO_OBJECTIVE:
        known = [k for k in found.known if (period, ref.team, k) not in ctx.alignment.secret]
        yield Finding(
            path,
            _no_such(
                "{reference}: {team} has no objective {objective} in {period} (it has: "
                "{known}){hint}",
                known,
                reference=quote(text),
                team=ref.team,
                objective=quote(ref.objective),
                period=period,
                hint=_hint(ref.objective, known),
            ),
        )
    elif found.problem is Problem.NO_KEY_RESULT:
        yield Finding(
            path,
            _no_such(
                "{reference}: objective {team}/{objective} has no key result {key_result} (it "
                "has: {known}){hint}",
                list(found.known),
                reference=quote(text),
                team=ref.team,
                objective=ref.objective,
                key_result=quote(ref.key_result),
                hint=_hint(str(ref.key_result), list(found.known)),
            ),
        )


def _org_file(doc: Document, ctx: Context) -> Iterator[Finding]:
    teams = ctx.org.teams
    for i, team in enumerate(doc.data["teams"]):
        parent = team.get("parent")
        if parent is not None and parent not in teams:
            yield Finding(
                ("teams", i, "parent"),
                say(
                    "parent {parent} is not a team in org.yaml{hint}",
                    parent=quote(parent),
                    hint=_hint(parent, list(teams)),
                ),
            )
        if "lead" in team:
            yield from _person(ctx, ("teams", i, "lead"), team["lead"], "lead")
        if "ambassador" in team:
            yield from _person(ctx, ("teams", i, "ambassador"), team["ambassador"], "ambassador")
    for i, person in enumerate(doc.data.get("people") or []):
        home = person.get("team")
        if home is not None and home not in teams:
            yield Finding(
                ("people", i, "team"),
                say(
                    "team {team} is not a team in org.yaml{hint}",
                    team=quote(home),
                    hint=_hint(home, list(teams)),
                ),
            )
