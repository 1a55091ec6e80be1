"""The organisation as rules need it: teams, people and periods, read tolerantly.

Built even from an org.yaml with schema errors, so that team files can still be checked;
the schema rule reports what is wrong with org.yaml itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from .periods import Period, Periods


@dataclass(frozen=True)
class SiteSettings:
    """`site:` in org.yaml: what a company sets for its site without editing mkdocs.yml."""

    url: str | None = None
    repository: str | None = None
    branch: str = "main"
    edit_links: bool = True
    languages: tuple[str, ...] = ()  # every language the site is published in (default first)


def _site(data: Any) -> SiteSettings:
    if not isinstance(data, dict):
        return SiteSettings()

    def url(key: str) -> str | None:
        value = data.get(key)
        ok = isinstance(value, str) and value.startswith(("https://", "http://"))
        return value if ok and not any(c.isspace() for c in value) else None

    branch = data.get("branch")
    return SiteSettings(
        url=url("url"),
        repository=url("repository"),
        branch=branch if isinstance(branch, str) and branch.strip() else "main",
        edit_links=data.get("edit_links") is not False,
        languages=tuple(dict.fromkeys(v for v in data.get("languages") or [] if v in ("en", "zh")))
        if isinstance(data.get("languages"), list)
        else (),
    )


@dataclass
class Org:
    teams: dict[str, dict[str, Any]] = field(default_factory=dict)
    people: dict[str, dict[str, Any]] | None = None
    periods: Periods = field(default_factory=Periods)
    timezone: str | None = None
    language: str = "en"
    name: str = ""
    visibility: str = "private"  # who may see the published site: private unless chosen public
    language_set: bool = False  # company.language was written (else mkdocs.yml may decide)
    site: SiteSettings = field(default_factory=lambda: SiteSettings())

    @cached_property
    def roots(self) -> list[str]:
        return [tid for tid, team in self.teams.items() if not team.get("parent")]

    @property
    def root(self) -> str | None:
        return self.roots[0] if self.roots else None

    def lead(self, team: str) -> str | None:
        lead = self.teams.get(team, {}).get("lead")
        return lead if isinstance(lead, str) else None

    def ambassador(self, team: str) -> str | None:
        """The team's OKR ambassador (a person id): its own, else the nearest parent's."""
        seen: set[str] = set()
        while team in self.teams and team not in seen:  # a cycle is team-tree's finding
            seen.add(team)
            named = self.teams[team].get("ambassador")
            if isinstance(named, str):
                return named
            team = self.teams[team].get("parent") or ""
        return None

    def is_person(self, pid: str) -> bool:
        return self.people is not None and pid in self.people


_TEXT_FIELDS = ("name", "parent", "lead", "team", "description", "ambassador", "review")


def _entries(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """Entries with a text id, each field of the wrong type dropped (the schema rule reports
    it): a list where a parent belongs, or `.inf` as a name, never reaches a page."""
    items = data.get(key)
    if not isinstance(items, list):
        return []
    return [
        {k: v for k, v in item.items() if k not in _TEXT_FIELDS or isinstance(v, str)}
        for item in items
        if isinstance(item, dict) and isinstance(item.get("id"), str)
    ]


def build_org(data: Any) -> Org:
    if not isinstance(data, dict):
        return Org()
    company = data.get("company") if isinstance(data.get("company"), dict) else {}
    teams: dict[str, dict[str, Any]] = {}
    for team in _entries(data, "teams"):
        teams.setdefault(team["id"], team)
    people = None
    if isinstance(data.get("people"), list):
        people = {}
        for person in _entries(data, "people"):
            people.setdefault(person["id"], person)
    custom: dict[str, Period] = {}
    for entry in _entries(data, "periods"):
        try:
            start = date.fromisoformat(str(entry.get("start")))
            end = date.fromisoformat(str(entry.get("end")))
        except ValueError:
            continue
        if start <= end:
            name = entry.get("name")
            named = name.strip() if isinstance(name, str) and name.strip() else None
            custom.setdefault(entry["id"], Period(start, end, entry["id"], named))
    timezone = company.get("timezone")
    language = company.get("language")
    return Org(
        teams=teams,
        people=people,
        periods=Periods(custom),
        timezone=timezone if isinstance(timezone, str) else None,
        language=language if language in ("en", "zh") else "en",
        name=company["name"] if isinstance(company.get("name"), str) else "",
        visibility="public" if company.get("visibility") == "public" else "private",
        language_set=language in ("en", "zh"),
        site=_site(data.get("site")),
    )
