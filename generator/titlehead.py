"""What comes before the work in an English key-result title, read past before it is judged.

Labels (`[Marketing]`, `KR1:`, `KR4：`, `【挑战】`, `Stretch:`, `Hiring:`), a quoted name, a
leading phrase ("Based on feedback, ..."), a short head before a colon or dash ("Atlas SDK:
...", "Support objective 1 – ..."), how often (`Each quarter,`), a leading subject (`We`, `We
have`, `The team`, `Dev to`) and adverbs (`properly`, "Better understand"): `activity.py`
reads the rest.
"""

from __future__ import annotations

import re

from .verbs import as_verb

_LABEL = re.compile(
    r"^\s*(?:(?:\[[^\]]*\]|【[^】]*】|\([^)]*\)|（[^）]*）|[-*•]|\d+[.)](?=\s)|\d+(?:\.\d+)+(?=\s)|"
    r"kr\s*[\d.]+\s*[:：.)）-]?|"
    r"(?:stretch|new|existing|bonus|optional|goal|target|hiring)\s*[:：])\s*)+",
    re.IGNORECASE,
)


_QUOTED_NAME = re.compile(r"^\s*[\"“][^\"”]{1,40}[\"”]\s+(?=\w)")


_LEADING_PHRASE = re.compile(
    r"(?i)^(?:based on|after|following|through|using|with|together with|in line with)\s+"
    r"[^,;:]{1,40},\s+(?=[a-z])"
)


HIRING = re.compile(r"(?i)^\s*(?:\[[^\]]*\]\s*)*hiring\s*:")


_SUBJECT = re.compile(
    r"(?i)^(?:(?:[\w-]+\s+)?team\s+members|our\s+(?:staff|engineers)|we|i|you|our team|"
    r"the team|team|everyone|dev|devs|engineering)\s+(?:to\s+|will\s+|"
    r"shall\s+|should\s+|must\s+|(?:have|has|had)\s+(?=\w+ed\b))?"
    r"|^we(?:'|’)ve\s+(?=\w+ed\b)"
)


_WHEN = re.compile(
    r"(?i)^(?:(?:each|every|once a|twice a|per)\s+(?:quarter|month|week|year|sprint|day)|"
    r"(?:weekly|monthly|quarterly|yearly|annually))\s*,?\s+"
)  # (how often in Chinese, 每周 ..., is activity_zh's: a routine may be the task itself)


def strip_title(title: str) -> str:
    text = _LABEL.sub("", title)
    text = _QUOTED_NAME.sub("", text, count=1)  # '"Help Desk" support in place': a name
    text = text.strip(" \t\"'“”‘’")
    text = _LEADING_PHRASE.sub("", text, count=1)  # "Based on feedback, evolve ..."
    for mark in (":", " – ", " — "):
        head, tail = _head_and_rest(text, mark)
        limit = 3 if mark == ":" else 8
        if tail.strip() and len(head.split()) <= limit:
            text = tail.strip()  # "Atlas SDK: development of ..." is about the part after it
            break
    text = _WHEN.sub("", text)
    text = _SUBJECT.sub("", text)
    adverb = re.match(r"(?i)^(\w+ly)\s+", text)  # "properly test", "proactively reach"
    if adverb and as_verb(adverb[1].lower()) is None:  # not "Apply", "Supply", "Rally"
        text = text[adverb.end() :]
    adverb = _COMPARATIVE_ADVERB.match(text)
    if adverb and (reading := as_verb(adverb[1].lower())) and not reading.also_noun:
        text = text[adverb.start(1) :]  # "Better understand how users ...": the verb after
    return text


def _head_and_rest(text: str, mark: str) -> tuple[str, str]:
    """The text before the first `mark` and after it ("" when there is none); a colon
    between digits is part of the title ("Do proper 1:1s", "10:30 stand-up")."""
    if mark == ":":
        found = _LABEL_COLON.search(text)
        return (text[: found.start()], text[found.end() :]) if found else (text, "")
    head, sep, tail = text.partition(mark)
    return (head, tail) if sep else (text, "")


_LABEL_COLON = re.compile(r"(?<!\d):|:(?!\d)")


# "Better" or "further" before a verb that is nothing else ("Better understand", "Further
# integrate"); before a noun it is the result's comparison ("Better onboarding")
_COMPARATIVE_ADVERB = re.compile(r"(?i)^(?:better|further)\s+([a-z]+)\b")
