"""What every rule may look at besides its own document."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from . import alignment, codeowners
from .org import Org
from .periods import Period, period_id
from .problem import Severity
from .settings import RuleSettings
from .sync.sources import Declared, read_declared
from .workspace import Document, Workspace


@dataclass
class Context:
    workspace: Workspace
    org: Org
    today: date
    settings: Mapping[str, RuleSettings]
    # With `okr check --base REV`: the files at that revision, by path inside okrs/, and the
    # renames git found since (new path -> old path).
    base: dict[str, Any] | None = None
    base_renames: dict[str, str] = field(default_factory=dict)
    _files: dict[tuple[str, str], Document] | None = None

    @cached_property
    def alignment(self) -> alignment.Facts:
        """References, resolution and loops across the folder, computed once for all rules."""
        return alignment.facts_of(self.workspace.documents)

    @cached_property
    def codeowners(self) -> codeowners.Committed:
        """The committed CODEOWNERS, read once (rules read no files themselves)."""
        return codeowners.read_committed(self.workspace.root)

    @cached_property
    def sources(self) -> Declared:
        """okr-sources.yaml beside okrs/, read once: the sources key results may name."""
        return read_declared(self.workspace.root)

    @cached_property
    def org_readable(self) -> bool:
        """Whether org.yaml could be read into an organisation with teams: while it cannot,
        rules that judge team files against it are skipped, not wrong."""
        doc = self.workspace.org
        return doc is not None and doc.loaded and bool(self.org.teams)

    def awaited(self, period: str, team: str) -> bool:
        """Whether a reference into `team`'s OKRs for `period` waits for a file still to be
        written: the team has none yet, and the period has not started or holds no team file
        at all (teams draft the next period before the company has published its own)."""
        if self.alignment.targets.has_file(period, team) or team not in self.org.teams:
            return False
        dates = self.org.periods.get(period)
        if dates is None:
            return False
        started = dates.start <= self.today
        return not started or not self.alignment.targets.has_period(period)

    def enabled(self, rule: str) -> bool:
        return self.settings[rule].severity is not Severity.OFF

    def team_file(self, period: str, team: str) -> Document | None:
        """The team file by its path (okrs/<period>/<team>.yaml), loaded or not."""
        if self._files is None:
            self._files = {(d.folder, d.stem): d for d in self.workspace.teams}
        return self._files.get((period, team))

    def base_data(self, doc: Document) -> Any:
        if self.base is None:
            return None
        return self.base.get(self.base_renames.get(doc.relative, doc.relative))

    def period_of(self, doc: Document) -> Period | None:
        return self.org.periods.get(period_id(doc.data.get("period")))
