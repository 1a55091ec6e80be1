"""What "today" is: --today, else SOURCE_DATE_EPOCH, else the system date in the company's zone."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from . import entered
from .errors import UsageError
from .textsafe import quote


def parse_day(text: str, what: str = "--today") -> date:
    """A day on the command line, written as the files write one (entered.day)."""
    try:
        return entered.day(text)
    except ValueError:
        raise UsageError(f"{what} must be a date like 2026-11-22, not {quote(text)}") from None


def zone(name: str | None) -> tzinfo:
    if not name:
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC  # the checker reports the bad zone; "today" still needs an answer


# 9999-12-31T23:59:59Z: the last moment a date can hold
LATEST_EPOCH = 253_402_300_799


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH as seconds since 1970, or None when unset. MkDocs reads it too (for
    the build date), so every command checks it before anything else runs."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return None
    text = epoch.strip()
    if not text.isascii() or not text.isdigit() or int(text) > LATEST_EPOCH:
        raise UsageError(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970 (0 to "
            f"{LATEST_EPOCH}), not {quote(epoch)}"
        )
    return int(text)


def resolve_today(explicit: str | None, timezone: str | None) -> date:
    if explicit:
        return parse_day(explicit)
    epoch = source_date_epoch()
    if epoch is not None:
        moment = datetime.fromtimestamp(epoch, tz=UTC)
        return moment.astimezone(zone(timezone)).date()
    return datetime.now(tz=zone(timezone)).date()
