"""A data source as declared in okr-sources.yaml (the declaration is validated before any
Source is made; see `sources`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["command", "json", "csv"]
DEFAULT_TIMEOUT = 30.0  # seconds


class SourceError(Exception):
    """A source could not give a value; the message says why, in one line, for the team."""


@dataclass(frozen=True)
class Source:
    id: str
    kind: Kind
    # command: the command line (split with shlex, never run by a shell); json and csv: a
    # path inside the repository or an http(s) URL
    location: str
    # json: a dotted path into the document ("latest.value", "items.0.count"); csv: the column
    # whose last row's value is read; command: None
    field: str | None = None
    env: tuple[str, ...] = ()  # the environment variables (secrets) the source may use
    timeout: float = DEFAULT_TIMEOUT
    # http(s) only: request headers; a value may hold ${NAME} for a variable listed in `env`
    headers: tuple[tuple[str, str], ...] = ()

    @property
    def remote(self) -> bool:
        return self.kind != "command" and self.location.startswith(("http://", "https://"))
