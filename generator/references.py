"""`aligns_with` references: `[<period>:]<team>/<objective>[/<key-result>]`."""

from __future__ import annotations

import re
from dataclasses import dataclass

_REF = re.compile(
    r"^(?:(?P<period>[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*):)?(?P<team>[a-z0-9]+(?:-[a-z0-9]+)*)"
    r"/(?P<objective>[A-Za-z0-9][A-Za-z0-9_-]{0,31})(?:/(?P<kr>[A-Za-z0-9][A-Za-z0-9_-]{0,31}))?$"
)


@dataclass(frozen=True)
class Ref:
    period: str | None
    team: str
    objective: str
    key_result: str | None

    def in_period(self, default: str) -> str:
        return self.period or default


def parse_ref(text: str) -> Ref | None:
    match = _REF.match(text)
    if not match:
        return None
    return Ref(match["period"], match["team"], match["objective"], match["kr"])
