"""Two ways a key-result title names the work in a result's clothes: the work stated as done
("Security champions are identified", "Data migrated from v3") and, in a milestone, the work
named and nothing said of it ("IIIF manifests for born digital items", "Issue annual report
for 2023").

Both are read only on positive evidence (a warning often wrong teaches people to ignore them
all): a project's one-off work (identified, defined, documented, migrated, submitted ...), a
work product or the doing of it (a proof of concept, a report, a migration, testing ...), a
work verb ordered. What the team made available to others ("The runbook is published"), a
practice kept ("Pull requests reviewed the same day"), what others decided ("Paper accepted
at NeurIPS", "approved by the board") and an outcome named as a noun ("Series A funding",
"Full GDPR compliance") are results.
"""

from __future__ import annotations

import re

from .comparatives import starts_with_comparison
from .quantities import quantities
from .verbs import RESULT_VERBS, as_verb, as_verb_or_s_form

# The one-off work of a project, stated as done: "identified", "defined", "documented",
# "migrated", "backed up", "submitted". Other participles say what others decided ("accepted",
# "awarded"), what the people served got ("vaccinated", "housed"), or a lasting property of
# a system ("encrypted at rest", "rendered on the server"): results, not work.
_PROJECT_WORK = frozenset({
    "identify", "define", "document", "migrate", "back", "draft", "plan", "write", "rewrite",
    "submit", "review", "spec", "specify", "design", "prepare", "research", "analyse", "analyze",
    "assess", "evaluate", "map", "outline", "scope", "prioritise", "prioritize", "schedule",
    "organise", "organize", "formalise", "formalize", "propose", "discuss", "present", "collect",
    "gather", "compile", "list", "inventory", "set", "establish", "create", "develop", "build",
    "implement", "generalise", "generalize", "introduce", "apply", "test", "archive", "delete",
    "stop", "remove", "sync", "merge", "file", "register", "update", "refactor", "investigate",
    "explore", "study", "understand", "read", "learn", "audit", "decide", "agree", "hold",
})  # fmt: skip
# ... but not when the work is a standing practice: "reviewed the same day", "updated nightly"
_PRACTICE = re.compile(
    r"(?i)\b(?:same day|automatically|nightly|daily|weekly|monthly|every|each|within|always|"
    r"continuously|on time|on first contact|at rest|in transit|"
    r"before (?:customers|users|release))\b"
)
_IRREGULAR = {"built": "build", "written": "write", "done": "do", "run": "run", "made": "make",
              "held": "hold", "understood": "understand", "given": "give", "sent": "send",
              "specd": "spec", "set": "set", "set up": "set"}  # fmt: skip
# A short subject, then (optionally) a form of "be", an adverb, and a participle.
_DONE = re.compile(
    r"(?i)^((?:[\w.#+&/'’()-]+\s+){1,7}?)(?:(is|are|was|were|has been|have been)\s+)?"
    r"(?:\w+ly\s+|all\s+|now\s+)?([a-z]+ed|(?:re|co)?(?:built|written|done|made)|run|set up|held|"
    r"understood|given|sent|specd)\b(.*)$"
)
# Another party, after "agreed" or "agree": a deal is the other side's consent ("Partnership
# agreed with the EFL Trust", "Agree targets with our top 20 hauliers"), not the team's own work
# (unless the other side is the team's own: "agreed with the team")
WITH_PARTY = re.compile(
    r"(?i)^\s*(?:[\w'’-]+\s+){0,9}?with\s+(?!(?:the\s+|our\s+|my\s+)?(?:team|teams|leadership|"
    r"management|colleagues|each other|engineering|product)\b)"
)
_SUBJECT_VERBS = frozenset({"is", "are", "was", "were", "has", "have", "can", "will", "using",
                            "to", "that", "which", "who"})  # fmt: skip
_NOT_A_SUBJECT = frozenset({"there", "no", "get", "having", "#", "number", "percentage", "%"})
# "... by the end of March" is a deadline; "... by the board" is someone else's doing
_BY_SOMEONE = re.compile(
    r"(?i)^\s*(?:and\s+\w+\s+)?by\s+(?!(?:the\s+)?(?:end|mid|early|late|q[1-4]|h[12]|\d|jan|feb|"
    r"mar|apr|may|jun|jul|aug|sep|oct|nov|dec|us\b|the team|our team|me\b))"
)


def _work_participle(word: str) -> str | None:
    """The base of a participle that says a project's work was done to the subject, or
    None."""
    word = word.lower()
    if word in _IRREGULAR:
        base = _IRREGULAR[word]
    else:
        reading = as_verb(word)
        if reading is None or not reading.past:
            return None
        base = reading.base
    return base if base in _PROJECT_WORK else None


def work_done(text: str) -> bool:
    """Whether the title states the team's own work as done: a short subject and a
    participle of work ("Security champions are identified", "Next steps defined for 2024",
    "Data from batch 4 is backed up"), not an amount reached, a deliverable made available
    ("The runbook is published") or what someone else did ("approved by the board")."""
    found = _DONE.match(text)
    if not found:
        return False
    subject = found.group(1).split()
    first = subject[0].lower()
    reading = as_verb(first)
    if reading and (not reading.also_noun or reading.past):
        return False  # it starts with a verb: a task or a result, read elsewhere
    if first in _NOT_A_SUBJECT or first in RESULT_VERBS or text.startswith("#"):
        return False
    for word in subject:
        lower = word.lower()
        verb = as_verb_or_s_form(lower)
        if lower in _SUBJECT_VERBS or (verb and not verb.also_noun and not verb.past):
            return False  # the subject has its own verb: the participle is further on
    be, participle, tail = found.group(2), found.group(3), found.group(4)
    if _BY_SOMEONE.match(tail) or (not be and len(subject) > 4):
        return False
    if (
        not be
        and len(tail.split()) > 4
        and not re.match(r"(?i)\s*(?:for|in|from|to|on|at)\b", tail)
    ):
        return False  # "Staff manages ... through the integrated portal"
    if _PRACTICE.search(tail):
        return False  # "Pull requests reviewed the same day": a practice kept, a result
    base = _work_participle(participle)
    if base == "agree" and WITH_PARTY.match(tail):
        return False  # "Partnership agreed with the EFL Trust": the other side's consent
    return base is not None and not quantities(text)


# A state, a capability or a comparison anywhere in the title: it says something of its subject
_STATED = re.compile(
    r"(?i)\b(?:is|are|was|were|be|been|has|have|had|can|could|will|would|should|must|does|do|"
    r"did|live|available|in place|on trunk|online|ready|playable|enabled|done|running|usable|"
    r"working|stable|reliable|able|possible|compliant|accessible|fast|secure|scalable|"
    r"no longer|without|asap|passing|\w+able|\w+ible|"
    # what others grant: "Board approval for ...", "SOC 2 certification"
    r"approval|adoption|certification|accreditation|agreement|sign-?off|acceptance|consensus|"
    r"endorsement|ratification|commitment|buy-?in)\b"
)
_HAN = re.compile(r"[\u3400-\u9fff]")
# Verbs whose object is the result itself: a person hired, a level hit, a requirement met.
_RESULT_FIRST = frozenset({"hit", "meet", "hire", "recruit", "win", "pass", "beat", "exceed",
                           "add", "onboard", "land", "sign", "attract", "retain"})  # fmt: skip


# The work named: a work product or the doing of it ("Proof of concept for ...", "IIIF manifests
# for ...", "Design sprint user testing for ...", "Annual report for 2023")
_WORK_NOUN = re.compile(
    r"(?i)\b(?:development|implementation|migration|integration|prototyp(?:e|es|ing)|"
    r"proof of concept|poc|mvp|reports?|plans?|roadmap|spec(?:ification)?s?|documentation|"
    r"redesign|rewrite|refactor(?:ing)?|study|analysis|audit|survey|research|pilot|drafts?|"
    r"testing|setup|rollout|manifests?|dashboard|guide|handbook|playbook|toolkit|templates?|"
    r"website|page|portal|plugin|module|tooling|pipeline|data)\b"
)
# A milestone's first word that, with nothing stated after it, is the work ordered: "Issue
# annual report for 2023", "Register the Dutch subsidiary", "Sync changes from upstream"
_ORDERED = frozenset({"issue", "register", "call", "sync", "staff", "save", "search", "file",
                      "stage", "host", "post", "draft", "map", "source", "test", "review",
                      "plan", "design", "document", "pilot", "build", "run", "update"})  # fmt: skip
# What an organisation or a person reaches, named as a noun: "Full GDPR compliance", "Series A
# funding", "Official partner status", "Product-market fit", "Carbon neutrality"
_OUTCOME_NOUN = re.compile(
    r"(?i)\b(?:(?!(?:business|city|cities|entity|entities|utility|utilities|community|"
    r"communities|university|facility|facilities|audience|conference|instance|finance|science|"
    r"sentence|evidence|experience|reference|maintenance|guidance)\b)"
    r"\w+(?:ity|ance|ence|ness)|status|fit|parity|funding|permission|licen[cs]e|"
    r"certification|approval|offer|visa|promotion|belt|flow|award|membership)\b"
)


def named_work(text: str, words: list[str]) -> bool:
    """Whether a milestone's title names the work and says nothing of it: a noun phrase
    with no state, capability, amount or verb that names a work product or the doing of it
    ("Proof of concept for offline maps", "IIIF manifests for born digital items"), or the
    work ordered with nothing said of its end ("Issue annual report for 2023"). A milestone
    should name the end state ("Offline maps are available to every field worker"); an
    outcome named as a noun is one ("Series A funding", "Full GDPR compliance")."""
    text = text.strip().rstrip(".;")
    if _STATED.search(text) or _HAN.search(text) or _OUTCOME_NOUN.search(text):
        return False
    if not words or len(words) > 12:  # `words`: the title's Latin words, as activity reads them
        return False
    if starts_with_comparison(text):
        return False  # "Better use of data": a direction of change, not a thing made
    first = words[0].lower()
    if first in RESULT_VERBS or first in _RESULT_FIRST:
        return False
    if first not in _ORDERED and not _WORK_NOUN.search(text):
        return False  # no work named: a noun phrase may name an outcome too
    for word in words:
        lower = word.lower()
        reading = as_verb_or_s_form(lower)
        if reading is None:
            continue
        if reading.base in RESULT_VERBS:
            return False  # "Notifications reach every admin": a result, stated
        if reading.past and lower.endswith("ed"):
            return False  # a participle states something of the subject
        if not reading.also_noun and not lower.endswith("ing"):
            return False  # a verb: a task or a result, read elsewhere
    return not quantities(text)
