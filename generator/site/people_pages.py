"""Everyone's pages: the people index and a page per person, with what they own, their
latest check-ins and the recognition they received. A part of pages.Builder."""

from __future__ import annotations

import functools
from collections import defaultdict
from typing import Any

from ..model import Model
from . import urls

LATEST_CHECK_INS = 12  # on a person's page, per period


class PeoplePages:
    """Builder's people pages (it provides render and the fields below)."""

    model: Model
    ui: dict[str, str]

    @functools.cached_property
    def _owned(self) -> dict[str, dict[str, list[Any]]]:
        """What each person owns, checked in and received, by period: every person page
        reads it."""
        owned: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        for view in self.model.periods:
            for tp in view.teams.values():
                for o in tp.objectives:
                    if o.owner:
                        owned[o.owner][view.id].append(("objective", tp, o, None, None))
                    for kr in o.key_results:
                        if kr.owner:
                            owned[kr.owner][view.id].append(("key_result", tp, o, kr, None))
                        for ini in kr.initiatives:
                            if ini.owner:
                                owned[ini.owner][view.id].append(("initiative", tp, o, kr, ini))
                        for c in kr.check_ins:
                            if c.by:
                                owned[c.by][view.id].append(("check_in", tp, o, kr, c))
                for r in tp.recognition:
                    owned[r.to][view.id].append(("recognition", tp, None, None, r))
        return owned

    @functools.cached_property
    def _people(self) -> list[Any]:
        return sorted(self.model.people.values(), key=lambda p: p.name.casefold())

    def people_index(self) -> None:
        current = self.model.current.id if self.model.current else None
        # how many objectives and key results each person owns in the current period,
        # counted here: a person's items hold every check-in they wrote (thousands of rows
        # filtered in the template cost a second at 1,000 teams)
        counts: dict[str, tuple[int, int]] = {}
        if current is not None:
            for pid, periods in self._owned.items():
                kinds = [item[0] for item in periods.get(current, ())]
                counts[pid] = (kinds.count("objective"), kinds.count("key_result"))
        self.render(
            urls.PEOPLE,
            "people.html",
            self.ui["people"],
            people=self._people,
            counts=counts,
            current=current,
        )

    def person(self, person: Any) -> None:
        owned = self._owned.get(person.id, {})
        sections = []
        for view in self.model.periods:
            items = owned.get(view.id)
            if not items:
                continue
            mine = [item for item in items if item[0] == "check_in"]
            # the latest ones: a person who checks in weekly on many key results would
            # otherwise carry the team pages' whole history (every check-in is on its key
            # result's page); a stable sort keeps the order of equal days
            latest = sorted(mine, key=lambda item: item[4].day, reverse=True)[:LATEST_CHECK_INS]
            sections.append((
                view,
                [item for item in items if item[0] not in ("check_in", "recognition")],
                latest,
                max(0, len(mine) - LATEST_CHECK_INS),
                [item for item in items if item[0] == "recognition"],
            ))  # fmt: skip
        self.render(urls.person(person.id), "person.html", person.name, person=person,
                    sections=sections)  # fmt: skip
