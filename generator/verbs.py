"""English verbs beyond any list: which words can be a verb, and which verbs name a result.

A list of work verbs ("launch", "implement", "write" ...) only knows the verbs someone thought
of; OKRs written elsewhere start with others ("Deprecate", "Consolidate", "Port",
"Containerize"). A lexicon of English (verbs.tsv: LemmInflect's, reduced to the 20,000 verb
forms this module asks about; tests/test_lexicon.py makes it) says whether a word can be a
verb, in which form, and whether it can also be a noun or an adjective ("Build time",
"Average response time"). What it cannot say is whether the verb names work or the result of
work: that is a small closed class, RESULT_VERBS (increase, reach, keep, win, ensure ...),
which a title starting with is a result.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import NamedTuple

# Verbs whose object is the result itself: "Increase activation", "Keep churn under 2 %",
# "Win 5 logos", "Ensure every service has a runbook". Improvement verbs are here too: they
# name a direction of the result (often too vague to measure, which another rule says), not
# a task.
RESULT_VERBS = frozenset((
    "increase", "decrease", "reduce", "grow", "raise", "lower", "cut", "improve", "boost",
    "double", "triple", "quadruple", "halve", "maximize", "maximise", "minimize", "minimise",
    "maintain", "keep", "sustain", "retain", "stay", "remain", "achieve", "attain", "reach",
    "hit", "exceed", "surpass", "beat", "meet", "get", "have", "be", "become", "see", "receive",
    "earn", "generate", "sell", "win", "sign", "close", "acquire", "convert", "attract",
    "engage", "onboard", "hire", "secure", "obtain", "gain", "save", "eliminate", "avoid",
    "prevent", "ensure", "guarantee", "zero", "scale", "expand", "accelerate", "speed",
    "shorten", "drive", "serve", "handle", "process", "enroll", "enrol", "graduate", "rank",
    "score", "top", "lead", "own", "dominate", "capture", "return", "recover", "lift", "bring",
    "activate", "qualify", "ingest", "decline", "drop", "fall", "rise", "shrink", "stabilize",
    "stabilise", "strengthen", "enhance", "simplify", "streamline", "modernize", "modernise",
    "harden", "deepen", "broaden", "widen", "tighten", "unify", "outperform", "lessen", "lose",
    "mitigate", "eradicate", "satisfy", "delight", "empower", "inspire", "contain", "limit",
    "cap", "protect", "preserve", "respond", "answer", "renew", "extend", "pass",
    # a state of one's own ("Weigh 78 kg"), a direction of change ("Diversify our funding")
    "weigh", "diversify"
))  # fmt: skip
LEXICON = Path(__file__).with_name("verbs.tsv")
# Words that open an object after a verb ("Port the parser", "Clean up our backlog"): after
# a word that is a noun as well as a verb, they tell the verb apart from a noun ("Port
# utilisation is 80 %").
OBJECT_STARTS = frozenset((
    "a", "an", "the", "our", "their", "its", "his", "her", "my", "your", "this", "that",
    "these", "those", "all", "every", "each", "any", "some", "new", "first", "initial",
    "existing", "legacy", "remaining", "up", "out", "off", "down"
))  # fmt: skip


class Reading(NamedTuple):
    """A word read as a verb: its base form, whether the word is the past form, and whether
    it can be a noun or an adjective as well."""

    base: str
    past: bool
    also_noun: bool


@functools.cache
def _lexicon() -> dict[str, tuple[str, bool]]:
    """word -> (its base form as a verb, whether it can also be a noun or adjective)."""
    words = {}
    with LEXICON.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.startswith("#"):
                word, base, also = line.rstrip("\n").split("\t")
                words[word] = (base or word, also == "n")
    return words


def as_verb(word: str) -> Reading | None:
    """How `word` (lower case) reads as the base or past form of a verb, or None."""
    entry = _lexicon().get(word)
    if entry is None:
        return None
    base, also = entry
    if base == word:
        return Reading(base, False, also)
    if word.endswith(("ed", "en", "t")) and not word.endswith("s"):
        return Reading(base, True, also)  # released, written, built
    return None  # "building": not how a title gives an order


def as_verb_or_s_form(word: str) -> Reading | None:
    """As `as_verb`, and the third-person form too ("gets", "reaches"), which the lexicon
    lists only as the base."""
    reading = as_verb(word)
    if reading is None and word.endswith("s") and not word.endswith("ss"):
        reading = as_verb(word[:-1]) or (as_verb(word[:-2]) if word.endswith("es") else None)
        if reading is not None and reading.past:
            return None
    return reading


def gerund_base(word: str) -> str | None:
    """The verb an -ing word is a form of ("partnering": partner), or None."""
    entry = _lexicon().get(word) if word.endswith("ing") else None
    return entry[0] if entry is not None and entry[0] != word else None


def noun_too(word: str) -> bool:
    """Whether a verb form is also a noun or an adjective ("offering", "building")."""
    entry = _lexicon().get(word)
    return entry is not None and entry[1]
