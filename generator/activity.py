"""Is a key-result title a task (an activity) or a result? English and Chinese.

A key result says what will be true when the work succeeded ("Activation rises from 20 % to
35 %", "The status page is live for all customers"); an activity says what someone will do
("Launch the status page", "Run 3 workshops", "Publish 5 blog posts"). The title is read
after its labels (`[Marketing]`, `KR1:`, `Stretch:`, `Hiring:`), a short head before a colon
or dash ("Atlas SDK: ...", "Support objective 1 – ..."), a leading subject (`We`, `We have`,
`The team`, `Dev to`), a leading time phrase (`Each quarter,`) and adverbs (`properly`), and
is an activity when

- its first verb is a work verb from ACTIVITY_VERBS (or the `verbs` option), in any tense
  ("Create", "Created", "We have created"), unless the title goes on to name the outcome it
  is judged by ("..., and get 10 sign-ups a week", "resulting in +20 % retention", "...
  have increased by 25 %", "= 20 % retention"), or the verb takes people, customers or money
  as its object ("Add 3 developers", "Land 5 enterprise customers", "Make £15,000 a month");
  a title labelled `Hiring:` is a headcount, the result its objective asks for;
- it opens with a nominalised task or names a work item ("Development of ...", "Spec for
  custom layout", "Feasibility study for ...", "Basic MySQL auth implementation",
  "mysqldump", "财务管理系统简易版", "开源生态官网搭建": `workitems.py`);
- it counts the time put into the work ("1hr studying at least once a week", "20 pomodoros
  per week"), not time the result saves or waits ("4 hours per week saved");
- it counts the team's own output ("12 streams", "Have 4 meetings", "5 videos are
  published"), or states the team's own work product in a passive state ("The plan is
  published", "Onboarding framework and tools are identified", "Coaching process is
  systematized") or its work as done ("Next steps defined", "Data migrated from v3":
  `workdone.py`), unless the output goes on to an outcome ("1 post hits the top 5");
- in a milestone, it names the work and says nothing of it ("Proof of concept for offline
  maps": `workdone.py`);
- in Chinese, it starts with a work verb (开发, 搭建, 实现 ..., not the noun 开发人员), works
  with someone (与 ... 合作), moves something with 将 (将 ... 发布到 ...), or names a process
  by its suffix (流程标准化, 产品化).

A verb no list names counts too ("Deprecate", "Consolidate", "Port the parser"): the English
lexicon of `verbs.py` says which words are verbs, and a verb is work unless it is a result
verb (increase, reach, keep, win, ensure, improve ...). What reads as a verb but is not one is
left alone: the first word of a measured subject ("Build time under 10 minutes", "Test
coverage reaches 80 %"), a noun before no object ("Port utilisation at 80 %"), a participle
describing the subject ("Localised websites are live"). A task that goes on to count how
others responded ("... that gets 100+ reads", "..., >80 % satisfaction") or whose verb's
object is the change of a measure ("Move NPS from 30 to 45") is judged by that number.

What reads as work but states a result is left alone: a change of state made with "make"
and a comparison ("Make junctions safer": `comparatives.py`), "make sure", what another party
approved or agreed, whoever it is, people or groups who act themselves ("Volunteers run 12
edit-a-thons", "25 contributors get a PR merged": `othersdid.py`), a role filled ("Appoint a
Head of ..."), a measure named by a few words and where it stands ("Offer acceptance rate
≥ 90 %", "Research income confirmed at £1.2m"), a finishing time ("in under 4:30") and a money
limit ("Spend under £200 a month").

Milestones are read the same way: "Launch the education program" is a task;
"The education program is live in every region" is the verifiable end state a milestone
should name.
"""

from __future__ import annotations

import functools
import re

from .activity_zh import ACTIVITY_VERBS_ZH, HAN, chinese
from .comparatives import object_then_compared, starts_with_comparison
from .measuredsubject import MEASURE_NAME, metric_subject
from .othersdid import (
    BY_OTHERS,
    COUNTED_PEOPLE,
    OTHERS_COMMIT,
    PEOPLE,
    PEOPLE_VERBS,
    PROMOTED,
    RESPONSE_COUNT,
    people_act,
    responded,
)
from .ownoutput import (
    COUNT,
    EFFORT,
    EXERCISE,
    NUMBER_WORDS,
    OUTPUT_COUNT,
    OUTPUT_THEN,
    PASSIVE_OUTPUT,
    PEOPLE_NOUNS,
    TIME_RESULT,
    routine,
)
from .quantities import quantities
from .titlehead import HIRING, strip_title
from .verbs import OBJECT_STARTS, RESULT_VERBS, as_verb, gerund_base, noun_too
from .workdone import WITH_PARTY, named_work, work_done
from .workitems import (
    DOCUMENT_ITEM,
    GERUND_ITEM,
    TASK_NOUNS,
    WORK_ITEM,
    WORK_NAME,
    artefact_item,
    topic_task,
    verb_only,
)

ACTIVITY_VERBS = (
    # make and ship things
    "launch", "implement", "do", "write", "rewrite", "build", "rebuild", "create", "develop",
    "design", "redesign", "draft", "prototype", "pilot", "ship", "deliver", "release",
    "deploy", "publish", "produce", "record", "film", "upload", "post", "translate", "add",
    "introduce", "integrate", "migrate", "upgrade", "refactor", "automate", "update",
    "refresh", "revamp", "document", "curate", "make", "enable", "set", "setup", "roll",
    "fix", "upstream", "merge", "land", "provide", "perform", "resolve", "contribute",
    # organise and run
    "conduct", "organize", "organise", "hold", "host", "run", "start", "begin", "kick",
    "schedule", "plan", "prepare", "coordinate", "facilitate", "co-facilitate", "execute",
    "complete", "finish", "establish", "define", "formalize", "formalise", "standardize",
    "standardise", "submit", "send", "share", "present", "announce", "feature", "amplify",
    "elevate", "promote", "attend", "participate", "speak", "interview", "source",
    "recruit", "train", "educate", "support", "help", "work", "continue", "offer", "book",
    "socialize", "socialise", "evangelize", "evangelise", "give", "triage", "throw",
    # look and think
    "track", "measure", "monitor", "review", "audit", "research", "investigate", "explore",
    "evaluate", "assess", "analyse", "analyze", "study", "test", "learn", "read", "reread",
    "watch", "consider", "describe", "identify", "map", "collect", "gather", "compile",
    "propose", "discuss", "brainstorm", "align", "optimize", "optimise", "come", "reach",
    "nail", "gain", "understand", "practice", "practise",
    # exercise: the distance or the count is the effort put in
    "bike", "cycle", "swim", "walk", "hike", "jog",
)  # fmt: skip
# Verbs that are only tasks in a phrase ("reach out", "come up with", "set up", "roll out").
_PHRASAL = {"come": ("up",), "set": ("up",), "roll": ("out",), "reach": ("out",), "kick": ("off",),
            "work": ("on", "out", "through", "towards", "toward", "with")}  # fmt: skip
# The team's own work product in a passive state: the state is only that the work was done.
_ARTEFACTS = (
    r"plans?|strateg(?:y|ies)|reports?|spec(?:ification)?s?|documents?|documentation|"
    r"frameworks?|process(?:es)?|methods?|tools?|roadmaps?|guidelines?|guides?|proposals?|"
    r"inventor(?:y|ies)|narratives?|dashboards?|profiles?|models?|baselines?|polic(?:y|ies)|"
    r"measures?|criteria|standards?|templates?|decisions?|handbook|norms|playbooks?|"
    r"recommendations?|summar(?:y|ies)|analys[ie]s|studies|study|designs?|metrics|survey|reviews?"
)
_MADE = (
    r"identified|developed|implemented|documented|defined|established|created|designed|"
    r"drafted|written|specified|spec'?d|systemati[sz]ed|prepared|planned|agreed|published|"
    r"shared|reviewed|completed|finali[sz]ed|updated|produced|delivered|proposed|outlined|"
    r"formali[sz]ed|standardi[sz]ed|set up|put in place"
)
_OWN_WORK = re.compile(
    rf"(?i)\b(?:{_ARTEFACTS})\b[^.;]*?\b(?:is|are|was|were|has been|have been|gets?|got)\s+"
    rf"(?:\w+\s+)?(?:{_MADE})\b|\b(?:{_ARTEFACTS})\s+(?:\w+\s+)?(?:{_MADE})\s+(?:jointly|by|"
    rf"and|with|for|in)\b"
)
# A passive state that only says the team did the doing ("CRTs were promoted on 5 channels",
# "the roadmap is presented at the all-hands"): an event or a message, not a deliverable's end
# state ("the runbook is published" is one anyone can verify), unless others did it or it is
# a service level ("... within 2 days").
_DONE_BY_US = re.compile(
    r"(?i)^(?:[^,;:.]*?\s)?(?:is|are|was|were|has been|have been|gets?|got)\s+(?:\w+ly\s+)?"
    r"(?:promoted|presented|discussed|held|hosted|organi[sz]ed|conducted|announced|"
    r"sociali[sz]ed|evangeli[sz]ed|advertised|pitched|demoed|showcased)\b"
    r"(?!.*\b(?:by|from|with)\s+(?:\d+\s+|all\s+|our\s+|the\s+|\w+\s+)?(?:users?|"
    r"customers?|clients?|partners?|developers?|readers?|members?|people|students?|"
    r"participants?|stakeholders?|experts?|regulators?|auditors?)\b)(?!.*\bwithin\b)"
)
# A result verb whose object makes it work: awareness raised (a campaign), issues closed, support
# dropped (a deprecation), so many people met (meetings): "Raise awareness of sustainability among
# staff", "Close 40 issues tagged 3.0-blocker", "Drop support for Node 18", "Meet 60 major donors"
# (a share or an amount after them is a level reached: "Raise awareness to 40 % of residents")
_RESULT_VERB_AS_WORK = re.compile(
    r"(?i)^(?:(?:raise|build|spread|drive)\s+(?:public\s+|greater\s+)?awareness\b|"
    rf"close\s+(?:all\s+|the\s+|{COUNT}\s*)(?:[\w'’-]+\s+){{0,2}}?(?:issues|bugs|tickets|prs|"
    r"pull\s+requests|vulnerabilities|findings)\b|drop\s+support\s+for\b|"
    rf"meet\s+(?:with\s+)?(?:{COUNT}|all|each|every)\s*(?:[\w'’-]+\s+){{0,2}}?(?:{PEOPLE_NOUNS})\b)"
)
# None of something: a constraint the result holds ("No PRs merged after the freeze", "Zero
# incidents reported by customers")
_NONE_OF = re.compile(r"(?i)^(?:no|zero|none\s+of\s+the)\s+")
# After the task, the outcome it is judged by: then the key result is that outcome.
_OUTCOME = re.compile(
    r"(?i)(?:\bresulting in\b|\bso that\b|\bmeasured by\b|\bleading to\b|\bwhich (?:drives|"
    r"leads)\b|=|\b(?:and|then)\s+(?:get|achieve|reach|grow|increase|raise|reduce|cut|"
    r"double|drive|see)\b|\b(?:increased|decreased|grown|risen|dropped|fallen|reduced|"
    r"improved|doubled|tripled|lowered|raised)\s+(?:by|to)\b|"
    # ... or a few words on, in a clause of its own: "... that increased conversion by 25 %"
    # (not "Document how costs rose in 2024 by 30 %": what the work studies)
    r"(?:\b(?:that|which)|,)\s+(?:increased|decreased|grew|rose|fell|dropped|reduced|improved|"
    r"doubled|tripled|lowered|raised|cut)\s+(?:[\w-]+\s+){1,3}?(?:by|to)\b|"
    # money the work brings, in a clause of its own: "Publish the game, earn $500" (not more
    # work: "Design and make 5 prototypes")
    r"(?:,|\b(?:and|then))\s+(?:make|earn|generate|raise)\s+(?:at\s+least\s+|over\s+)?"
    r"(?=[$€£¥₹]|\d[\d,.]*\s*(?:k|m|bn|usd|eur|gbp|million|billion)\b))"
)
# verbs that move a thing from one version to another: "Upgrade Postgres from 13 to 16" is
# work, not a measure's change
_VERSION_VERBS = frozenset({"upgrade", "migrate", "update", "port", "bump"})
# verbs whose object the team itself sends: "Submit 120 grant applications" counts its output
_SENDS = frozenset({"submit", "send", "file", "write", "prepare", "draft", "lodge"})
# money kept under a limit: "under £200 a month", "less than $50 per head"
_LIMIT = re.compile(
    r"(?i)(?:under|below|less than|no more than|at most|not more than)\s+(?:[$€£¥₹]|\d[\d,.]*\s*"
    r"(?:k\b|usd|eur|gbp|dollars|pounds|euros))"
)
_IN_PLACE = re.compile(
    r"(?i)^(?:is\s+|are\s+)?(?:in\s+place|up\s+and\s+running|live|available|done|ready)\b"
)
_ENABLING = frozenset({"enable", "help", "allow", "empower", "equip", "support"})
# A measure's start and target: "from 30 to 45", "from 20 % to 35 %", "from $1M to $2M"
_FROM_TO = re.compile(r"(?i)\bfrom\s+[~≈<>]?\s*[$€£¥]?\d[^,;]{0,25}?\bto\s+[~≈<>]?\s*[$€£¥]?\d")
_MONEY = re.compile(r"^(?:[$€£¥₹]|\d[\d,.]*\s*(?:%|k\b|m\b|usd|eur|gbp|million|billion))", re.I)
_PERIOD = re.compile(r"(?i)^(?:q[1-4]|h[12]|the (?:quarter|year|half|month|period))\b")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


# How fast something is done, in seconds, minutes or hours: a service level the result holds
# ("Resolve P1 incidents within 4 hours"), not a deadline for the team's work ("within 2 weeks")
_SERVICE_LEVEL = re.compile(
    rf"(?i)\b(?:within|in under|under|in less than|in)\s+(?:(?:\d[\d.,]*|{NUMBER_WORDS})\s*-?\s*"
    r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|milliseconds?|ms)\b|"
    # a time on the clock: "Finish the marathon in under 4:30"
    r"\d{1,2}:\d\d(?::\d\d)?(?!\d))"
)


def _base(word: str, verbs: set[str] | frozenset[str]) -> str | None:
    """A work verb as written, or in the past tense: created, identified, planned; after a
    prefix too: co-curate, re-run, pre-register."""
    if word in verbs:
        return word
    prefix, dash, stem = word.partition("-")
    if dash and prefix in ("co", "re", "pre", "cross", "up") and stem:
        return _base(stem, verbs)
    if word.endswith("ed"):
        for candidate in (word[:-1], word[:-2], word[:-3], word[:-3] + "y"):
            if candidate in verbs:
                return candidate
    return None


DEFAULT_VERBS = ACTIVITY_VERBS + ACTIVITY_VERBS_ZH
_ALL_VERBS = set(ACTIVITY_VERBS) | {"increase", "grow", "reduce", "improve", "get", "keep"}


@functools.lru_cache(maxsize=8)
def _ascii_verbs(verbs: tuple[str, ...]) -> frozenset[str]:
    """The verbs of alphabetic languages, lowercased: once per list, not once per title."""
    return frozenset(v.lower() for v in verbs if v.isascii())


def classify(
    title: str,
    verbs: tuple[str, ...] | list[str] = DEFAULT_VERBS,
    any_verb: bool = True,
    milestone: bool = False,
) -> tuple[str, str] | None:
    """Why the title is a task, as (the kind of reason, the words that make it one);
    `milestone` when the key result is one, whose title should name an end state."""
    if HIRING.match(title):
        return None  # a headcount is the result the objective asks for
    text = strip_title(title)
    if not text:
        return None
    if not text[:1].isascii():
        return chinese(text, verbs)
    found = _english(text, verbs, any_verb, milestone)
    if found is None and HAN.search(text):
        return chinese(text, verbs)  # "CI 配置迁移": Chinese after a Latin name
    return found


def _english(
    text: str, verbs: tuple[str, ...] | list[str], any_verb: bool, milestone: bool
) -> tuple[str, str] | None:
    if responded(text):
        return None  # "Write a blog post that gets 100+ reads": judged by the response
    if BY_OTHERS.search(text):
        return None  # "Roadmap to net zero approved by the ESG committee": others decided
    if people_act(text) or PROMOTED.match(text):
        return None  # "25 first-time contributors get a PR merged": what the people reached do
    if DOCUMENT_ITEM.match(text):
        return "work-item", "a work item"
    nominal = TASK_NOUNS.match(text)
    if nominal and topic_task(nominal.group("topic"), text):
        return "task-noun", nominal.group(0).strip()
    if OUTPUT_THEN.match(text):
        return None  # the output is judged by where it got
    effort = EFFORT.match(text)
    if effort and not TIME_RESULT.search(text):
        return "effort", " ".join(effort.group(0).split()[:4])  # "1hr studying/upskilling"
    exercise = EXERCISE.match(text)
    if exercise:
        return "effort", " ".join(exercise.group(0).split())  # "> 20 pushups", "10k steps"
    if _NONE_OF.match(text):
        return None  # "No PRs merged to master after the freeze": a constraint held
    if OUTPUT_COUNT.match(text) or PASSIVE_OUTPUT.search(text):
        return "output", "counting the team's own output"
    if _OWN_WORK.search(text) or _DONE_BY_US.search(text) or work_done(text):
        return "own-work", "the team's own work product"
    words = _WORD.findall(text)
    if not words:
        return None
    if starts_with_comparison(text):
        return None  # "Better use of data across ...": a direction of change, not a work item
    if routine(text, words):
        return "output", "a routine the team runs"
    if milestone and named_work(text, words):
        return "work-item", "a work item"  # a milestone that names the work, not its end state
    if (
        len(words) == 1
        and WORK_NAME.fullmatch(text.strip().rstrip("."))
        and not MEASURE_NAME.fullmatch(text.strip().rstrip("."))
    ):
        return "work-name", "a work item"  # "mysqldump", "grafana": the bare name of the work
    if (
        WORK_ITEM.match(text)
        or artefact_item(text)
        or (
            GERUND_ITEM.match(text)
            and not _base(words[0].lower(), _ALL_VERBS)
            and not verb_only(words[0])
        )
    ):
        return "work-item", "a work item"
    word = words[0].lower().strip("'’")
    following = words[1].lower() if len(words) > 1 else ""
    work = _RESULT_VERB_AS_WORK.match(text)
    if work and not quantities(text[work.end() :]):  # "Raise awareness of ...", "Close 40 issues"
        said = work.group(0).split()
        phrase = said[:2] if said[1].lower() in ("awareness", "support") else said[:1]
        return "verb", " ".join(phrase)
    listed = _ascii_verbs(tuple(verbs))
    first = _base(word, listed)
    if first is None and any_verb and text[: len(word)].lower() == word:
        after = text[len(word) :].split(maxsplit=2)
        first = _other_verb(
            word,
            after[0].lower() if after else "",
            after[1] if len(after) > 1 else "",
            " ".join(after[1:]),
        )
    if any_verb:
        first = _task_after(word, text, listed) or first
    if first is None:
        return None
    rest = text[len(words[0]) :].strip()
    if _IN_PLACE.match(rest) and first not in ("make", "get", "keep", "set", "put"):
        return None  # "Support in place", "Dashboard live": a noun and its state
    if first == "make" and re.match(r"(?i)sure\b", rest):
        return None  # "Make sure that every service offers ...": "ensure", a result
    if first == "spend" and _LIMIT.match(rest):
        return None  # "Spend under £200 a month on takeaways": a limit kept
    if first in ("make", "get", "keep", "render") and object_then_compared(rest, dummy=False):
        return None  # "Make junctions safer for cyclists": the change of a state, not a thing made
    if first in ("agree", "sign") and WITH_PARTY.match(rest):
        return None  # "Agree targets with our top 20 hauliers": the other side's consent
    if metric_subject(first, rest):
        return None  # "Build time under 10 minutes": a noun, measured
    if first in _PHRASAL and following not in _PHRASAL[first]:
        return None  # "Reach 10,000 users" is a result; "reach out to" is a task
    if _SERVICE_LEVEL.search(rest):
        return None  # "Launch a new campaign within 10 minutes": how fast it can be done
    outcome = _OUTCOME.search(rest)
    if outcome and re.search(r"\d|%", rest[outcome.end() :]):
        return None  # judged by the outcome it names
    if OTHERS_COMMIT.search(rest):
        return None  # "Evangelize X and get another browser to commit to it": others' doing
    change = _FROM_TO.search(rest)
    if (
        change
        and first not in _VERSION_VERBS
        and not re.search(r"(?i)\bto\s+[a-z]", rest[: change.start()])
    ):
        # "Move NPS from 30 to 45": the verb's object is the change of a measure (in
        # "Implement pooling to cut latency from 850 to 300 ms" the task leads, and is one)
        return None
    if first in _ENABLING and (_enables_a_result(rest) or COUNTED_PEOPLE.match(rest)):
        # "Enable the DAO to keep its treasury above CHF 20,000", "Enable 500 course providers
        # to manage their programs": what others reach, or how many are enabled
        return None
    if RESPONSE_COUNT.match(rest) and first not in _SENDS:
        return None  # "Collect ≥50 nominations" (what others did to the work: BY_OTHERS above)
    if first in PEOPLE_VERBS and PEOPLE.search(rest[:60]):
        return None  # a headcount, or customers won, is the result the objective asks for
    if first in ("make", "deliver", "ship") and _MONEY.match(rest):
        return None  # "Make £15,000 a month", "Deliver 99.9 % uptime"
    if first in ("finish", "end", "close") and _PERIOD.match(rest):
        return None  # "Finish Q4 with 24 more customers"
    kind = "verb" if word == first else "gerund" if word.endswith("ing") else "verb-form"
    if kind == "verb-form" and re.search(r"(?i)\b(?:is|are|was|were|stays?|remains?)\b", rest):
        return None  # "Localised websites are live": an adjective of the subject, then its state
    if kind == "verb-form" and quantities(rest):
        # "Sourced 20 % of the pipeline": a past tense reports what was reached (a digit in
        # a name, "Finished tokenomics v2", is no amount)
        return None
    return kind, f"{words[0]} {following}".strip() if first in _PHRASAL else words[0]


def activity(
    title: str,
    verbs: tuple[str, ...] | list[str] = DEFAULT_VERBS,
    any_verb: bool = True,
    milestone: bool = False,
) -> str | None:
    """The verb or phrase that makes the title a task, or None when it reads as a result."""
    found = classify(title, verbs, any_verb, milestone)
    return found[1] if found else None


def _other_verb(word: str, following: str, then: str = "", tail: str = "") -> str | None:
    """A verb no list names ("Deprecate", "Consolidate", "Ported"), as its base form, when
    it is not a result verb and cannot be read as a noun or adjective here: a word that is
    both ("Port", "Clean") is a verb only before its object ("Port the parser", "Clean up")
    or joined to a verb that is nothing else ("Commission and acquire artworks")."""
    reading = as_verb(word)
    if reading is None or reading.base in RESULT_VERBS or reading.base in _ALL_VERBS:
        return None
    if (
        reading.also_noun
        and following not in OBJECT_STARTS
        and not _joined_to_verb(following, then)
        and not _counted_object(following, tail, word)
    ):
        return None
    return reading.base


def _counted_object(following: str, tail: str, word: str = "") -> bool:
    """Whether a verb's object starts here as so many things: "Label [100 issues]", "Trial [two
    electric HGVs]", "Fund [3 implementation grants]", "Award [$250K in grants]" (not a name with
    a number, "Sprint 3 goals", "Phase 2 done", nor a year)."""
    if word in _SERIES_NOUNS:
        return False
    if re.fullmatch(r"[$€£¥]\d[\d,.]*[kKmM]?", following):
        return True
    # the things counted, in the plural, within a few words: "100 'good first issue' issues"
    if not _PLURAL_SOON.match(tail.lstrip("'\"‘“")):
        return False
    if following in ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                     "twelve", "twenty", "fifty", "hundreds", "dozens"):  # fmt: skip
        return True
    if not re.fullmatch(r"\d[\d,]*", following):
        return False
    count = int(following.replace(",", ""))
    return count > 1 and not 1900 <= count <= 2100


_PLURAL_SOON = re.compile(r"[a-z][\w'’-]*(?:\s+[\w'’\"”-]+){0,3}?(?<=[A-Za-z]s)(?=$|[\s,.;:)])")


# nouns whose number names one of a series: "Sprint 3", "Phase 2", "Season 4"
_SERIES_NOUNS = frozenset({"sprint", "phase", "stage", "step", "season", "round", "wave", "tier",
                           "level", "milestone", "iteration", "cohort", "batch", "week", "day",
                           "release", "version", "chapter", "episode", "part", "volume",
                           "module", "lesson", "track", "grade", "class", "scope",
                           "progress", "attainment", "key", "year"})  # fmt: skip


def _joined_to_verb(following: str, then: str) -> bool:
    """Whether "and <then>" follows, `then` a verb in its base form and nothing else."""
    if following != "and":
        return False
    reading = as_verb(then.lower().strip(".,;"))
    return reading is not None and not reading.also_noun and not reading.past


def _enables_a_result(rest: str) -> bool:
    """Whether others are enabled to reach an amount ("the DAO to keep ... above CHF 20,000")."""
    enabled = re.search(r"(?i)^(?!(?:to|the team|us|ourselves)\b)\S.{0,60}?\bto\s+[a-z]", rest)
    return enabled is not None and bool(quantities(rest[enabled.end() :]))


def _task_after(word: str, text: str, listed: frozenset[str]) -> str | None:
    """A work verb the first word leads to: a gerund before its object ("Partnering with
    other communities", "Writing the guide"), a work verb kept going ("Keep welcoming new
    members") or joined to a result verb ("Improve and refresh the website")."""
    tokens = text.split()
    following = tokens[1].lower() if len(tokens) > 1 else ""
    if word.endswith("ing") and (following in _AFTER_GERUND or following[:1].isdigit()):
        # a word that is a noun too, before a preposition, names a thing ("Offering(s) with
        # registrations"); before its object or a number it is the work ("Building a ...")
        thing = noun_too(word) and following not in OBJECT_STARTS and not following[:1].isdigit()
        return None if thing else _work_gerund(word, listed)
    if word in ("keep", "continue") and following.endswith("ing"):
        return _work_gerund(following, listed)
    if word in RESULT_VERBS and following in ("and", "&") and len(tokens) > 2:
        return _base(tokens[2].lower(), listed)
    return None


_AFTER_GERUND = OBJECT_STARTS | {"with", "on", "for", "to", "into", "across"}


def _work_gerund(word: str, listed: frozenset[str]) -> str | None:
    """The base of a gerund that names work ("partnering", "welcoming"), not a result
    ("growing", "hiring")."""
    base = gerund_base(word)
    if base is None:
        return None
    if base in RESULT_VERBS or (base in _ALL_VERBS and base not in listed):
        return None
    return base
