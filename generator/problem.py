"""The one problem type every rule reports, and the raw finding it is made from."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from .said import Message, Values, say
from .textsafe import MESSAGE_LIMIT, clip, one_line

__all__ = ["DataPath", "Finding", "Message", "Problem", "Severity", "Values", "say"]

DataPath = tuple[str | int, ...]
SOURCE_LIMIT = 300  # characters of the offending line shown: a minified file has one line


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
    # About a confidential objective (beyond the path inside one, which the checker sees).
    confidential: bool = False


@dataclass(frozen=True, order=True)
class Problem:
    """A located finding: `path:line:column: severity [rule] message`."""

    path: str
    line: int
    column: int
    rule: str
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    # Shown wherever the YAML is (the terminal, CI), never on the site: only counted there.
    confidential: bool = field(default=False, compare=False)
    # The offending line (from its start, at most SOURCE_LIMIT characters), for a slip in the
    # YAML itself: the text format shows it with a caret under `column`.
    source: str = field(default="", compare=False)
    # The message's template and values (Message), when the rule said it with say(): the
    # site shows it in each reader's language
    template: str = field(default="", compare=False)
    values: Values = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if isinstance(self.message, Message) and not self.template:
            object.__setattr__(self, "template", self.message.template)
            object.__setattr__(self, "values", self.message.values)
        object.__setattr__(self, "path", one_line(self.path))
        # a last bound on whatever a rule echoed: every output format shows this message
        object.__setattr__(self, "message", clip(one_line(self.message), MESSAGE_LIMIT))
        if len(self.source) > SOURCE_LIMIT:
            object.__setattr__(self, "source", self.source[:SOURCE_LIMIT])

    def format(self) -> str:
        return (
            f"{self.path}:{self.line}:{self.column}: "
            f"{self.severity.value} [{self.rule}] {self.message}"
        )
