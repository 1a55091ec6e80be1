"""Staleness: one policy for the `stale-check-in` rule, the program-health page, reminders
and every count of key results nobody checked in on.

A running period's key result is *stale* when it is not a done milestone and its latest
check-in of any kind (a value, a status, a note: any update counts), or the period start
when it has none, is more than the limit old: `max-days` (14 by default), or `max-days-long`
(35) for periods longer than a quarter. Both numbers come from the rule's configuration, so
the checker and the site always agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from .periods import Period
from .settings import RuleSettings

LONG_PERIOD_DAYS = 100  # longer than any quarter (92 days), shorter than any half (181)
RULE = "stale-check-in"  # whose options set the policy


@dataclass(frozen=True)
class Policy:
    max_days: int = 14
    max_days_long: int = 35

    @classmethod
    def from_options(cls, options: Mapping[str, Any]) -> Policy:
        """The `stale-check-in` rule's options (`max-days`, `max-days-long`)."""
        return cls(int(options["max-days"]), int(options["max-days-long"]))

    def limit(self, period: Period) -> int:
        return self.max_days_long if period.days > LONG_PERIOD_DAYS else self.max_days


@dataclass(frozen=True)
class Staleness:
    since: date  # the latest check-in, or the period start without any
    age: int  # days from `since` to today
    limit: int
    checked_in: bool  # at least one check-in

    @property
    def stale(self) -> bool:
        return self.age > self.limit


def assess(
    period: Period, today: date, check_in_days: Sequence[date], done: bool, policy: Policy
) -> Staleness | None:
    """None when staleness does not apply: the period is not running, or the key result is
    a milestone already done."""
    if not period.contains(today) or done:
        return None
    since = max(check_in_days) if check_in_days else period.start
    return Staleness(since, (today - since).days, policy.limit(period), bool(check_in_days))


def policy_from(settings: Mapping[str, RuleSettings]) -> Policy:
    """The policy under the checker's settings (the rule's defaults when it has none)."""
    rule = settings.get(RULE)
    return Policy.from_options(rule.options) if rule is not None else Policy()


def milestone_done(kr: Mapping[str, Any]) -> bool:
    """A milestone is done when its latest check-in that says `done` says true."""
    if "milestone" not in kr:
        return False
    said = [c["done"] for c in kr.get("check_ins") or [] if isinstance(c.get("done"), bool)]
    return bool(said and said[-1])


def of_key_result(
    kr: Mapping[str, Any], period: Period, today: date, policy: Policy
) -> Staleness | None:
    """The staleness of a key result as written in a (schema-valid) team file: the one
    computation behind the rule, the site's figures and every count."""
    days = [date.fromisoformat(c["date"]) for c in kr.get("check_ins") or []]
    return assess(period, today, days, milestone_done(kr), policy)
