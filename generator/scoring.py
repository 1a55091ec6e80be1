"""Progress, scores and status, exactly as the format contract defines them.

Pure functions of numbers and dates, so that every figure the site shows can be tested
without files, and reused by any output (pages, exports, charts).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from .periods import Period
from .status import AT_RISK, OFF_TRACK, ON_TRACK

BOUNDS = ("at_least", "at_most", "above", "below")  # above and below are strict
LOWER_BOUNDS = ("at_least", "above")
UPPER_BOUNDS = ("at_most", "below")
LATE_FRACTION = 0.8  # milestones and thresholds turn off track in the period's last 20 %
# A metric's start and target must differ by more than rounding: progress divides by the
# difference, and amounts are bounded (±10^15), so every progress figure stays finite.
MIN_RELATIVE_SPAN = 1e-9


def distinguishable(start: float, target: float) -> bool:
    """Whether progress from `start` to `target` can be measured at all."""
    return abs(target - start) > MIN_RELATIVE_SPAN * max(1.0, abs(start), abs(target))


def expected_by(period: Period, due: date | None, today: date) -> float:
    """The progress expected on `today`: the fraction elapsed of the period, or of the way
    from its start to `due` when the key result has one (1.0 after it)."""
    window = period if due is None else Period(period.start, max(period.start, due), "")
    return window.elapsed(today)


def metric_progress(start: float, target: float, latest: float | None) -> float:
    """Unclamped: 1.2 means 120 %. Works for decreasing targets. No check-in: 0."""
    if latest is None or not distinguishable(start, target):
        return 0.0  # metric-range reports the second case; no figure may be infinite
    return (latest - start) / (target - start)


def threshold_holds(value: float | None, bound: str, limit: float) -> bool:
    if value is None:
        return False
    if bound == "at_least":
        return value >= limit
    if bound == "at_most":
        return value <= limit
    return value > limit if bound == "above" else value < limit


def band_holds(value: float | None, bounds: Sequence[tuple[str, float]]) -> bool:
    """A threshold's one bound, or a band's two: the value holds every one of them."""
    return bool(bounds) and all(threshold_holds(value, b, limit) for b, limit in bounds)


def pace_status(progress: float, expected: float) -> str:
    """Metric key results without a reported status: progress against expected pace."""
    if progress >= 0.9 * expected:
        return ON_TRACK
    if progress >= 0.6 * expected:
        return AT_RISK
    return OFF_TRACK


def binary_status(achieved: bool, elapsed: float) -> str:
    """Milestones and thresholds: on track when done or holding, else at risk, then off track
    in the period's last 20 %."""
    if achieved:
        return ON_TRACK
    return AT_RISK if elapsed < LATE_FRACTION else OFF_TRACK


def weighted_mean(pairs: Sequence[tuple[float, float]]) -> float | None:
    """Mean of (value, weight) pairs; None when there is nothing to average.

    Weights are relative, so they are scaled by the largest first: 1e308 and 5e-324 are
    weights like any other, and no sum overflows or vanishes."""
    largest = max((weight for _, weight in pairs), default=0.0)
    if largest <= 0:
        return None
    scaled = [(value, weight / largest) for value, weight in pairs]
    return sum(value * weight for value, weight in scaled) / sum(w for _, w in scaled)


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None
