"""What each page job shows, as a digest: the key of its output in the job cache (jobcache.py).

A page is a function of the model, the checker's findings and the build's options. The model
of a team's period is a function of its file's text, the organisation, the configuration and
today; so a job's key is a digest of what all pages share (the tool, the files beside the
team files, the model's company-wide parts, the build's options) and of the texts of the team
files its pages show:

- a team page: its own file and findings, its sub-teams' files (their progress is shown), and
  the files of every objective it supports or is supported by (their titles are shown);
- a person page: the files of the teams where the person owns, checks in or is recognised;
- every other page (dashboards, lists, indexes, exports) gathers the whole company: no key,
  made every time.

`tests/test_incremental.py` changes one file at a time, each kind of change, and compares the
site with one built from nothing, byte for byte.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import buildstamp
from ..model import Model, Objective, TeamPeriod
from ..problem import Problem
from ..workspace import Document
from .page import Job


@dataclass(frozen=True)
class Reuse:
    """What a build may take again from the last one: the folder of the job cache, a digest of
    the build's inputs outside the team files (the tool, the organisation, the configuration),
    and the digest of each team file's text by its path inside okrs/."""

    folder: Path | None
    inputs: str
    texts: Mapping[str, str]


def reuse(folder: Path | None, okrs: Path, documents: Iterable[Document]) -> Reuse:
    """What this build may take from the last one, for the documents it shows."""
    texts, others = {}, []
    for doc in documents:
        text = hashlib.sha256((doc.text or "").encode("utf-8", "surrogatepass")).hexdigest()
        if doc.kind == "team":
            texts[doc.relative] = text
        else:
            others.append((doc.display, text))
    beside = []
    for name, path in buildstamp.checker_files(okrs):
        try:
            beside.append((name, hashlib.sha256(path.read_bytes()).hexdigest()))
        except OSError as exc:
            beside.append((name, f"unreadable {exc.errno}"))
    return Reuse(folder, digest(buildstamp.tool(), others, beside), texts)


def digest(*parts: object) -> str:
    """A digest of values whose repr is deterministic (dataclasses, strings, numbers, dates,
    lists and tuples of them, dicts in insertion order)."""
    hashed = hashlib.sha256()
    for part in parts:
        hashed.update(repr(part).encode("utf-8", "surrogatepass"))
        hashed.update(b"\0")
    return hashed.hexdigest()


def company(model: Model) -> str:
    """The model's company-wide parts: what any page may show of teams other than its own."""
    views = [
        (view.period, view.name, view.expected, view.finished,
         [(tid, tp.source, tp.readable, tp.finished) for tid, tp in view.teams.items()])
        for view in model.periods
    ]  # fmt: skip
    return digest(
        model.company, model.language, model.today, model.root, model.visibility,
        sorted(model.sources), model.current.id if model.current else None,
        list(model.teams.values()), list(model.people.values()), model.policy, model.rollouts,
        views,
    )  # fmt: skip


class Depends:
    """The key of each job of one builder: `shared` is what all its pages share (the tool, the
    configuration, the options, the model's company-wide parts), `texts` the digest of each
    team file's text by its path inside okrs/."""

    def __init__(
        self,
        model: Model,
        shared: str,
        texts: Mapping[str, str],
        findings: Mapping[str, list[Problem]],
        owned: Mapping[str, Mapping[str, list[Any]]],
    ) -> None:
        self.model = model
        self.shared = shared
        self.texts = texts
        self.findings = findings
        self.owned = owned
        self.sources = {
            (view.id, tid): tp.source for view in model.periods for tid, tp in view.teams.items()
        }

    def key(self, job: Job) -> str | None:
        name, args = job
        if name == "team":
            view = self.model.period(args[0])
            if view is None or args[1] not in view.teams:
                return None
            return self._team(view.id, view.teams[args[1]])
        if name == "person":
            owned = self.owned.get(args[0], {})
            files = sorted({item[1].source for items in owned.values() for item in items})
            return digest(self.shared, job, self._texts(files))
        return None  # a page that gathers the whole company

    def _team(self, period: str, tp: TeamPeriod) -> str:
        files = {tp.source}
        for child in tp.team.children:
            if (period, child) in self.sources:
                files.add(self.sources[(period, child)])
        for objective in tp.objectives:
            for item in (objective, *objective.key_results):
                for link in (*item.supports, *item.supported_by):
                    files.update(self._files((link.source, link.target)))
        own = self.findings.get(f"okrs/{tp.source}", [])
        return digest(self.shared, ("team", period, tp.team.id), self._texts(sorted(files)), own)

    def _files(self, objectives: Iterable[Objective]) -> set[str]:
        where = [(o.period, o.team) for o in objectives]
        return {self.sources[w] for w in where if w in self.sources}

    def _texts(self, files: list[str]) -> list[tuple[str, str | None]]:
        return [(f, self.texts.get(f)) for f in files]
