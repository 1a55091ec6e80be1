"""Is the first word of a title a verb, or the first word of what a metric measures?

"Build time under 10 minutes", "Test coverage reaches 80 %", "Offer acceptance rate ≥ 90 %",
"Research income confirmed at £1.2m": a word that can be a work verb (build, test, offer,
research) opens the name of a measure, followed by its level or its own predicate. Such a
title states a result; `activity.py` asks here before it reads the word as a task.
"""

from __future__ import annotations

import re

from .quantities import quantities
from .verbs import noun_too

# What a metric's subject is measured by: "Build time", "Test coverage", "Support tickets".
_MEASURES = (
    r"times?|rates?|coverage|cadence|frequency|latency|accuracy|satisfaction|uptime|"
    r"availability|speed|duration|costs?|velocity|throughput|quality|scores?|counts?|volume|"
    r"success|errors?|failures?|reliability|tickets|requests|queues?|backlog|completion|"
    r"adoption|usage|participation|attendance|engagement|retention|conversion|budget|spend|"
    r"revenue|nps|csat|slas?|slos?|cycles?|turnaround|lag|delays?|wait|performance|health|"
    r"ratio|share|growth|capacity|efficiency|load|traffic|participants|signups|sign-ups|"
    r"hours|minutes|days|size|pass|passing|green|flakiness|breakages|incidents"
)
_MEASURED_NOUN = re.compile(
    # up to two words naming what is measured first: "[Offer] acceptance rate ≥ 90 %", "[Deploy]
    # success rate ≥ 99 %", "[Net] new ARR $12M"
    rf"(?i)^(?!(?:a|an|the|our|my|their|its)\b)(?:[a-z][\w-]*\s+){{0,2}}?(?:{_MEASURES}|arr|mrr|gmv)"
    r"\s*(?:\d|:|(?:[<>≤≥=]\s*)?[$€£¥]?\s*\d|(?:is|are|of|on|under|below|above|over|within|at|"
    r"to|from|down|up|less|more|fewer|reaches|hits|drops|falls|rises|stays|remains)\b.*\d)"
)
# One word that names the measure (the target is in the metric's fields): "Revenue", "NPS"
MEASURE_NAME = re.compile(
    rf"(?i)(?:{_MEASURES}|page-?views|views|visits|visitors|sales|users|customers|subscribers|"
    r"downloads|installs|members|profit|income|margin|churn|bookings|orders|arr|mrr|gmv|"
    r"[dwm]au|kpis?|okrs?)"
)
# The subject's own predicate: "Design system adopted by 5 teams", "Test suite passes in ..."
_PREDICATE = re.compile(
    r"(?i)^(?!(?:a|an|the|our|all|every|each|\d)\b)[\w-]+(?:\s+[\w-]+)?\s+(?:reach(?:es)?|hits?|"
    r"exceeds?|doubles?|halves?|drops?|falls?|rises?|grows?|improves?|increases?|decreases?|"
    r"stays?|remains?|pass(?:es)?|runs?|takes?|is|are|(?:adopted|used|chosen|accepted|trusted)\s+by)"
    r"(?![\w-])"  # "the falls-prevention bundle": a compound, not "falls"
)
# Verbs that take a measure as their object: "Track time spent", "Monitor uptime".
_LOOK = frozenset({"track", "measure", "monitor", "report", "analyse", "analyze", "audit",
                   "assess", "evaluate", "benchmark", "log", "collect", "gather"})  # fmt: skip


def metric_subject(verb: str, rest: str) -> bool:
    """Whether the work verb at the start is the first word of a measured subject instead
    ("Build time under 10 minutes", "Test coverage reaches 80 %", "Review time is 2 days")."""
    if _PREDICATE.match(rest):
        return True
    if verb in _LOOK:
        return False
    if _MEASURED_NOUN.match(rest):
        return True
    # "Research income for 2027 confirmed at £1.2m": a noun and the measure it names, then
    # where the measure stands
    head = re.match(
        r"(?!(?:a|an|the|our|my|their|its|this|that)\b)(?:[A-Za-z-]+\s+){0,2}?"
        r"([A-Za-z-]+)\b(?=\s+(?:of|for|at|is|are|up|down|"
        r"reach|hits?|confirmed|above|over|under|below)\b)",
        rest,
    )
    return bool(
        head
        and MEASURE_NAME.fullmatch(head[1])
        and noun_too(verb)
        and _STANDS.search(rest)
        and quantities(rest)
    )


# where a measure stands: "confirmed at £1.2m", "reaches 40", "above 90 %"
_STANDS = re.compile(
    r"(?i)\b(?:at|reach(?:es|ed)?|hits?|exceeds?|above|over|under|below|is|are|up|down|"
    r"confirmed|grows?|rises?|falls?)\b|\bof\s+(?:at\s+least\s+)?[$€£¥\d]"
)
