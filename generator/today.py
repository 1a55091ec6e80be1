"""What "today" is: --today, else SOURCE_DATE_EPOCH, else the system date in the company's zone."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import UsageError


def parse_day(text: str, what: str = "--today") -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{what} must be a date like 2026-11-22, not {text!r}") from None


def zone(name: str | None) -> tzinfo:
    if not name:
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC  # the checker reports the bad zone; "today" still needs an answer


def resolve_today(explicit: str | None, timezone: str | None) -> date:
    if explicit:
        return parse_day(explicit)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            moment = datetime.fromtimestamp(int(epoch), tz=UTC)
        except (ValueError, OverflowError, OSError):
            raise UsageError(
                f"SOURCE_DATE_EPOCH must be a number of seconds, not {epoch!r}"
            ) from None
        return moment.astimezone(zone(timezone)).date()
    return datetime.now(tz=zone(timezone)).date()
