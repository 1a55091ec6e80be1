"""The small exception hierarchy. Anything a user wrote becomes a Problem, not one of these;
these are for the run itself (bad command line, bad configuration)."""

from __future__ import annotations

from .textsafe import one_line


class OkrError(Exception):
    """Base class of the errors that stop a command with exit code 2. The message is one line
    (what a user typed in it is printed with its line breaks and escapes spelled out:
    `said()`); `details`, lines already made safe (findings), follow it."""

    def __init__(self, message: str = "", details: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.details = details

    def said(self) -> str:
        """The error as printed: `okr: message`, then its details, nothing a terminal or a CI
        log would take as an escape or a command of its own (`::error ...`)."""
        return "\n".join([f"okr: {one_line(str(self))}", *map(one_line, self.details)])


class UsageError(OkrError):
    """The command line asks for something impossible (missing path, bad date)."""


class ConfigError(OkrError):
    """The checker's configuration file is wrong. The message starts with 'invalid config:'."""
