"""The states a key result, objective or team can be shown in, with their labels and colours,
defined once for pages, charts, the diagram, exports and the stylesheet.

While a period runs, the lens is pace: on track, at risk, off track. Once it has ended, the
lens is the grade: delivered (0.7-1.0), partial (0.4-0.69), missed (0.0-0.39), Google's
green, yellow and red. Colours are never the only signal: every state is also written out,
and the two lenses use different shapes (a dot for pace, a square for grades).
"""

from __future__ import annotations

ON_TRACK, AT_RISK, OFF_TRACK = "on_track", "at_risk", "off_track"
PACE = (ON_TRACK, AT_RISK, OFF_TRACK)
DELIVERED, PARTIAL, MISSED = "delivered", "partial", "missed"
BANDS = (DELIVERED, PARTIAL, MISSED)
STATES = PACE + BANDS
NO_STATE = "none"

# Text and fill colours with a contrast of at least 4.5:1 on white (WCAG AA), and pairs that
# stay apart for the common colour-vision deficiencies (the labels carry the meaning anyway).
COLORS = {
    ON_TRACK: "#2e7d32",
    AT_RISK: "#a15c00",
    OFF_TRACK: "#c62828",
    DELIVERED: "#2e7d32",
    PARTIAL: "#8d6e00",
    MISSED: "#c62828",
    NO_STATE: "#6b7079",
}
_RANK = {ON_TRACK: 0, AT_RISK: 1, OFF_TRACK: 2}


def rank(state: str | None) -> int:
    """How bad a pace status is (on track 0, at risk 1, off track 2; -1 for none): "worse
    since last week" compares ranks."""
    return _RANK.get(state or "", -1)


def worst(statuses: list[str]) -> str | None:
    """The worst pace status among key results (an objective's status)."""
    ranked = sorted((s for s in statuses if s in _RANK), key=_RANK.__getitem__)
    return ranked[-1] if ranked else None


def stylesheet() -> str:
    """CSS for every state, generated from COLORS: badges, bars and stacked counts."""
    rules = [":root {"]
    rules += [f"  --state-{name.replace('_', '-')}: {color};" for name, color in COLORS.items()]
    rules.append("}")
    for name in (*STATES, NO_STATE):
        var = f"var(--state-{name.replace('_', '-')})"
        rules.append(f".status-{name}, .heat-{name} {{ background: {var}; }}")
        rules.append(f".bar-{name} .bar-fill, .stack-{name} {{ background: {var}; }}")
    # a second cue besides colour: pace badges carry a dot, grade badges a square
    rules.append(", ".join(f".status-{n}::before" for n in PACE) + ' { content: "● "; }')
    rules.append(", ".join(f".status-{n}::before" for n in BANDS) + ' { content: "■ "; }')
    return "\n".join(rules) + "\n"
