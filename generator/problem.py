"""The one problem type every rule reports, and the raw finding it is made from."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

DataPath = tuple[str | int, ...]

# C0 and C1 control characters, and the line/paragraph separators some terminals honour
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """User text made safe for a one-line report: no line breaks, no terminal escapes.

    A key or value may hold a newline; printed raw, the next line could pose as a GitHub
    workflow command (`::error ...`) or another finding.
    """
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    OFF = "off"


@dataclass(frozen=True)
class Finding:
    """What a rule found, addressed by data path; positions are looked up later and only
    for files that have findings, because exact positions need the slow round-trip parser."""

    path: DataPath
    message: str
    at: Literal["key", "value"] = "value"
    # A position known up front (parse errors): (line, column), 1-based.
    position: tuple[int, int] | None = None


@dataclass(frozen=True, order=True)
class Problem:
    """A located finding: `path:line:column: severity [rule] message`."""

    path: str
    line: int
    column: int
    rule: str
    severity: Severity = field(compare=False)
    message: str = field(compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", one_line(self.path))
        object.__setattr__(self, "message", one_line(self.message))

    def format(self) -> str:
        return (
            f"{self.path}:{self.line}:{self.column}: "
            f"{self.severity.value} [{self.rule}] {self.message}"
        )
