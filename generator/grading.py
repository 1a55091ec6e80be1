"""Grades at the end of a period: a key result's score, whether it is graded or only
provisional, and the grade band every finished figure is shown in.

A key result is *graded* when its file gives a `score`; otherwise its score is its progress
clamped to 0..1, which is *provisional* and is always shown as "not graded" once the period
has ended. Bands follow Google's: 0.7-1.0 delivered, 0.4-0.69 partial, 0.0-0.39 missed,
decided on the score as shown: rounded half up to two decimals (0.695 reads, and bands, as
0.70; a mean that comes out as 0.52499999 by floating point reads as 0.53).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from .status import DELIVERED, MISSED, PARTIAL

DELIVERED_FROM = 0.7
PARTIAL_FROM = 0.4


def rounded(score: float) -> Decimal:
    """A score as people read it: two decimals, half up, after float noise is dropped."""
    return Decimal(repr(round(score, 9))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def band(score: float) -> str:
    shown = float(rounded(score))
    if shown >= DELIVERED_FROM:
        return DELIVERED
    if shown >= PARTIAL_FROM:
        return PARTIAL
    return MISSED


def clamp01(value: float) -> float:
    return min(1.0, max(0.0, value))


def score(given: float | None, progress: float) -> float:
    """The grade when given, else the provisional score: progress clamped to 0..1."""
    return given if given is not None else clamp01(progress)


# The retrospective `okr grade --suggest` starts: three questions, each with a placeholder the
# `ungraded` rule keeps asking about until it is replaced (a skeleton is not a retrospective).
PLACEHOLDER = "(to write)"
RETROSPECTIVE_SKELETON = {
    "en": (
        "What we reached, and what made it work:\n"
        f"- {PLACEHOLDER}\n"
        "\n"
        "What we missed, and what we learned from it:\n"
        f"- {PLACEHOLDER}\n"
        "\n"
        "What we change next period:\n"
        f"- {PLACEHOLDER}\n"
    ),
    "zh": (
        "我们达成了什么，靠的是什么：\n"
        f"- {PLACEHOLDER}\n"
        "\n"
        "我们错过了什么，从中学到了什么：\n"
        f"- {PLACEHOLDER}\n"
        "\n"
        "下个周期我们要改变什么：\n"
        f"- {PLACEHOLDER}\n"
    ),
}


def unwritten(retrospective: str) -> bool:
    """Whether a retrospective still holds a placeholder of the skeleton."""
    return any(line.strip() == f"- {PLACEHOLDER}" for line in retrospective.splitlines())
