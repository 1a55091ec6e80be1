"""Work named as a thing rather than as a verb: a key-result title that is an activity because it
names the work itself, with nothing said of its result.

- a nominalised task and what it is about: "Development of ...", "Security audit of ...",
  "Feasibility study for ..." (not a judging word before it: "Positive review of ...");
- a work item named by what it is made of ("Line layout API analysis document"), by its kind
  of document ("Blog post explaining ..."), by a work product and nothing else ("Sustainability
  model for smaller institutions"), by the work as a gerund ("Image diffing") or by one bare
  name ("mysqldump");

unless the title says something of it ("... is live", "... adopted by 3 teams"), which makes
it a state. `activity.py` decides what a title is; this module only recognises these shapes.
"""

from __future__ import annotations

import re

from .quantities import quantities
from .verbs import RESULT_VERBS, as_verb

# words before a task noun that say which one it is: "Alpha release of ...", "Feasibility study
# for ..." (any other words there must name what the work is about: topic_task)
_FIXED_TOPIC = frozenset({"alpha", "beta", "first", "initial", "mvp", "feasibility", "press",
                          "basic", "final", "detailed"})  # fmt: skip
TASK_NOUNS = re.compile(
    rf"(?i)^(?P<topic>(?:{'|'.join(sorted(_FIXED_TOPIC))}|v\d+)\s+|"
    # what the work is about, one or two words before it: "Security audit of ...", "Cost
    # analysis for ..." (each word a noun: topic_task)
    r"[a-z][\w-]*\s+(?:[a-z][\w-]*\s+)?(?=\S+\s+(?:of|for|on)\b))?"
    r"(?:development|implementation|creation|curation|design|definition|documentation|"
    r"migration|launch|rollout|roll-out|release|completion|preparation|organi[sz]ation|"
    r"execution|review|research|proof of concept|poc|spec|specification|study|analysis|"
    r"inventory|articulation|draft|proposal|prototype|integration|evaluation|assessment|"
    r"audit|overhaul|redesign|refactor(?:ing)?|rewrite|setup|set-up|drivers?|announcement|"
    r"roadmap|framework)"
    r"\b(?:\s+(?:of|for|on|to|towards?)\b|\s*$)"
)
# A work item named by what it is made of: "Line layout API analysis document"
WORK_ITEM = re.compile(
    r"(?i)^(?!.*\b(?:is|are|was|were|be|been|has|have|can|will|does|do|gets?|reach(?:es)?|"
    r"uses?|used|using|live|available|enabled|adopted|released|published|shipped|launched|ga|"
    r"merged|landed|deployed)\b)(?:[\w&+/.'#-]+\s+){1,6}"
    r"(?:analysis|document|doc|design|study|implementation|announcement|drivers?|prototype|"
    r"spec|specification|proposal|support|integration|dashboard|plugin|module|sdk|cli)\.?$"
)
# A work product named and nothing said of it: "Sustainability model for smaller
# institutions", "Communications processes", "Recommended documentation for ..."
_ARTEFACT_ITEM = re.compile(
    r"(?i)^(?!.*\d)(?!.*\b(?:is|are|was|were|be|been|has|have|had|can|will|gets?|reach(?:es)?|"
    r"becomes?|stays?|remains?|used|adopted|live|available|in place|released|published|shipped|"
    r"launched|ga|merged|landed|deployed)\b)(?:[\w&+/.,'#-]+\s+){0,5}"
    r"((?:models?|process(?:es)?|guidelines|documentation|materials|website|plans?|strateg(?:y|ies)|"
    r"frameworks?|polic(?:y|ies)|playbooks?|handbook|templates?|infrastructure|structure))"
    r"(?:,?\s+(?:etc|and\s+\w+|or\s+\w+))?\.?(?:\s+(?:for|of|on|across|in)\b.*)?$"
)
# A work item named by the work itself, as a gerund: "Image diffing", "Load balancing".
GERUND_ITEM = re.compile(
    r"(?i)^(?!.*\b(?:is|are|was|were|be|been|has|have|keeps?|stays?)\b)"
    r"(?!.*['’]s\s)(?:[\w&+/.'#-]+\s+){0,3}(?!(?:rating|ranking|funding|standing|earnings?)\b)"
    r"[a-z]+ing\.?$"
)  # a measure named with -ing ("the project's cred rating", "funding") is no work item
# A work item named by its kind of document: "Blog post explaining the rationale for ..."
DOCUMENT_ITEM = re.compile(
    r"(?i)^(?:(?:an?\s+)?(?:blog\s+posts?|articles?|white\s?papers?|case\s+stud(?:y|ies)|"
    r"tutorials?|videos?|newsletters?)|an?\s+(?:reports?|talks?|guides?))\s+(?:on|about|explaining|"
    r"describing|introducing|covering|detailing|summari[sz]ing|showing|presenting)\b"
)
# A title of one plain word names the work: a tool, a feature ("mysqldump", "grafana"),
# unless it names a measure (MEASURE_NAME).
WORK_NAME = re.compile(r"[A-Za-z][A-Za-z.+-]*")


def verb_only(word: str) -> bool:
    """Whether a word can only be a verb ("Streamline onboarding" is a verb and its object,
    not a work item named by its gerund)."""
    reading = as_verb(word.lower())
    return reading is not None and not reading.past and not reading.also_noun


# words that judge the work or count it rather than name what it is about
_JUDGING = frozenset({"a", "an", "the", "our", "all", "every", "each", "no", "positive",
                      "negative", "average", "clean", "passing", "successful", "good", "great",
                      "better", "best", "full", "complete", "regular", "timely", "faster",
                      "quicker", "annual", "monthly", "weekly", "quarterly"})  # fmt: skip


def topic_task(topic: str | None, text: str) -> bool:
    """Whether the words before a task noun name what the work is about ("Security audit
    of ...", "Cost analysis for ..."): nouns, not a verb ("Speed up review of ...", "Maintain
    documentation for ..."), a judging word ("Positive review of ...", "Clean audit for ...")
    or an article; and the title states no amount (an amount makes it a level reached)."""
    if not topic:
        return True
    words = [w.lower() for w in topic.split()]
    if words[0] in _FIXED_TOPIC or re.fullmatch(r"v\d+", words[0]):
        return True
    for word in words:
        if word in _JUDGING or word[:1].isdigit() or word in RESULT_VERBS:
            return False
        reading = as_verb(word)
        if reading is not None and (not reading.also_noun or reading.base in RESULT_VERBS):
            return False
    return not quantities(text)


def artefact_item(text: str) -> bool:
    """A work product named and nothing said of it ("Sustainability model for ..."), with no
    verb before it ("Instructors receive the required infrastructure" says something)."""
    found = _ARTEFACT_ITEM.match(text)
    if not found:
        return False
    head = text[: found.end(1)].split()[:-1]
    return not any(verb_only(w.strip(",.").lower()) for w in head)
