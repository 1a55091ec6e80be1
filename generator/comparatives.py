"""Words that compare: a direction of change, not a thing or a piece of work.

"Make junctions safer", "Better use of data", "Make the community more welcoming" say which
way something should move. Such a title is a result (often too vague to measure, which
`measurable.py` says), not a task: the verb "make" there is the change, not the making of a
thing. English comparatives are a closed class once the regular "-er" forms of nouns are left
out ("user", "partner", "order"), so they are listed rather than guessed from the spelling.
"""

from __future__ import annotations

import re

COMPARATIVES = (
    "better", "worse", "more", "less", "fewer", "safer", "faster", "quicker", "easier",
    "simpler", "cheaper", "clearer", "smoother", "stronger", "healthier", "greener", "fairer",
    "shorter", "longer", "lower", "higher", "bigger", "smaller", "cleaner", "happier",
    "richer", "tighter", "leaner", "lighter", "sooner", "earlier", "calmer", "friendlier",
    "kinder", "sharper", "smarter", "wider", "broader", "deeper", "closer", "warmer",
    "fresher", "quieter", "steadier", "sturdier", "greater", "larger", "busier",
    "livelier", "nicer", "tidier", "fitter", "slimmer",
)  # fmt: skip
_ANY = "|".join(COMPARATIVES)
_COMPARES = re.compile(rf"(?i)(?<![\w-])(?:{_ANY})(?![\w-])")
# the object of a change of state, then its comparison, as the predicate: "Make [junctions]
# safer for cyclists", "Make [the community] more welcoming" (not before a noun: "Make a better
# dashboard" makes a thing; nor after a count: "Make 3 more videos"); "more" or "less" before
# a word is the comparison of that word: "more welcoming", "less noisy"
_OBJECT_THEN_COMPARED = re.compile(
    rf"(?i)^(?:(?!\d)[\w'’&/.-]+\s+){{1,5}}?(?:(?:more|less)\s+[a-z]+|{_ANY})"
    r"(?=\s*$|\s*[,;:(.!–—-]|\s+(?:for|to|than|and|by|in|at|on|across|with|from|of|so|when|while|"
    r"per|each|every|within|under|over|again|still|yet|now|using|through|via|by|thanks)\b)"
)


def starts_with_comparison(text: str) -> bool:
    """Whether the text opens with a comparison: "Better use of data", "Faster onboarding"."""
    return _COMPARES.match(text.strip()) is not None


def object_then_compared(rest: str, dummy: bool = True) -> bool:
    """Whether, after a verb, its object is followed by a comparison: "[Make] junctions safer
    for cyclists", "[Identify] at-risk students earlier using analytics"; with `dummy` false,
    not "it", whose comparison is of the work after it ("Make it easier to produce guides")."""
    rest = rest.strip()
    if not dummy and re.match(r"(?i)it\b", rest):
        return False
    return _OBJECT_THEN_COMPARED.match(rest) is not None


# a comparison said of the subject: "Junctions are safer", "Volunteers feel more confident"
_PREDICATED = re.compile(
    rf"(?i)\b(?:is|are|be|become|becomes|feel|feels|gets?|stays?|remains?|look|looks)\s+"
    rf"(?:much\s+|far\s+|a\s+lot\s+)?(?:(?:more|less)\s+[a-z]+|{_ANY})(?![\w-])"
)
# after a comparative, a noun that names a kind rather than a change: "longer term",
# "higher education", "older adults"
_KIND = re.compile(r"(?i)\s+(?:term|education|adults?|people|institutions?|ages?)\b")


def compared_state(result: str) -> str | None:
    """The comparative of a result that is only a direction of change: opening the result
    ("Safer junctions"), after a verb's object ("Make junctions safer"), or said of the
    subject ("Volunteers feel more confident"); not a comparative before a noun that names a
    kind ("smaller institutions", "longer term")."""
    text = result.strip()
    found = _COMPARES.match(text)
    if found and not _KIND.match(text, found.end()):
        return found.group(0)
    words = text.split(maxsplit=1)
    if len(words) == 2 and object_then_compared(words[1]):
        return compares(words[1])
    predicated = _PREDICATED.search(text)
    return predicated.group(0).split()[-1] if predicated else None


def compares(text: str) -> str | None:
    """The first comparative word of the text, or None."""
    found = _COMPARES.search(text)
    return found.group(0) if found else None
