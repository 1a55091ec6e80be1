"""Is a key-result title a task (an activity) or a result? English and Chinese.

A key result says what will be true when the work succeeded ("Activation rises from 20 % to
35 %", "The status page is live for all customers"); an activity says what someone will do
("Launch the status page", "Run 3 workshops", "Publish 5 blog posts"). The title is read
after its labels (`[Marketing]`, `KR1:`, `Stretch:`, `New:`), a leading subject (`We`,
`The team`, `Dev to`) and adverbs (`properly`), and is an activity when

- its first verb is a work verb from ACTIVITY_VERBS (or the `verbs` option), unless the title
  goes on to name the outcome it is judged by ("..., and get 10 sign-ups a week", "resulting
  in +20 % retention", "as measured by ...", "= 20 % retention"), or the verb takes people or
  money as its object ("Add 3 developers", "Make £15,000 a month");
- it opens with a nominalised task ("Development of ...", "Beta release of ...");
- it counts the team's own output ("12 streams", "1 talk a month", "5 videos are published").

Milestones are read the same way: "Launch the education program" is a task;
"The education program is live in every region" is the verifiable end state a milestone
should name.
"""

from __future__ import annotations

import re

ACTIVITY_VERBS = (
    # make and ship things
    "launch", "implement", "do", "write", "rewrite", "build", "rebuild", "create", "develop",
    "design", "redesign", "draft", "prototype", "pilot", "ship", "deliver", "release",
    "deploy", "publish", "produce", "record", "film", "upload", "post", "translate", "add",
    "introduce", "integrate", "migrate", "upgrade", "refactor", "automate", "update",
    "refresh", "revamp", "document", "curate", "make", "enable", "set", "setup", "roll",
    # organise and run
    "conduct", "organize", "organise", "hold", "host", "run", "start", "begin", "kick",
    "schedule", "plan", "prepare", "coordinate", "facilitate", "co-facilitate", "execute",
    "complete", "finish", "establish", "define", "formalize", "formalise", "standardize",
    "standardise", "submit", "send", "share", "present", "announce", "feature", "amplify",
    "elevate", "promote", "attend", "participate", "speak", "interview", "source",
    "recruit", "train", "educate", "support", "help", "work", "continue",
    # look and think
    "track", "measure", "monitor", "review", "audit", "research", "investigate", "explore",
    "evaluate", "assess", "analyse", "analyze", "study", "test", "learn", "read", "reread",
    "watch", "consider", "describe", "identify", "map", "collect", "gather", "compile",
    "propose", "discuss", "brainstorm", "align", "optimize", "optimise", "come", "reach",
    "nail", "gain", "understand",
)  # fmt: skip
# Verbs that are only tasks in a phrase ("reach out", "come up with", "set up", "roll out").
_PHRASAL = {"come": ("up",), "set": ("up",), "roll": ("out",), "reach": ("out",),
            "kick": ("off",), "work": ("on", "towards", "toward", "with")}  # fmt: skip
ACTIVITY_VERBS_ZH = (
    "启动", "实施", "开展", "编写", "组织", "举办", "举行", "召开", "开发", "设计", "制定",
    "建立", "搭建", "推出", "发布", "撰写", "写", "完成", "推进", "执行", "迁移", "升级",
    "重构", "整理", "梳理", "调研", "研究", "学习", "阅读", "读", "重读", "粗读", "看完",
    "观看", "参加", "参与", "使用", "留意", "投稿", "贡献", "攒", "手头攒", "筹备", "策划",
    "上线", "部署", "测试", "评估", "审查", "复盘", "培训", "推广", "宣传", "录制", "制作",
    "翻译", "对",
)  # fmt: skip
_TASK_NOUNS = re.compile(
    r"(?i)^(?:(?:alpha|beta|first|initial|mvp|v\d+)\s+)?(?:development|implementation|creation|"
    r"curation|design|definition|documentation|migration|launch|rollout|roll-out|release|"
    r"completion|preparation|organi[sz]ation|execution|review|research|proof of concept|poc)"
    r"\b(?:\s+of\b)?"
)
_OUTPUT = (
    r"(?:blog\s+)?posts?|articles?|talks?|streams?|videos?|episodes?|podcasts?|events?|"
    r"workshops?|meetups?|webinars?|meetings?|calls?|interviews?|surveys?|tutorials?|"
    r"guides?|documents?|docs|newsletters?|inquiries|emails?|demos?|presentations?|"
    r"sessions?|roundtables?|amas?|hackathons?|courses?|trainings?|tweets?|threads?"
)
_OUTPUT_COUNT = re.compile(
    rf"(?i)^(?:at least |not less than |more than |over )?\d[\d,]*\+?\s+(?:new\s+)?"
    rf"(?:[\w-]+\s+)?(?:{_OUTPUT})\b"
)
_PASSIVE_OUTPUT = re.compile(
    rf"(?i)\b(?:{_OUTPUT})\b.*\b(?:are|were|is|was|been|get|got)\s+(?:\w+\s+)?(?:posted|"
    r"published|conducted|organi[sz]ed|held|hosted|uploaded|written|created|produced|given|"
    r"delivered|recorded|sent|run|promoted|launched|released)\b"
)
# After the task, the outcome it is judged by: then the key result is that outcome.
_OUTCOME = re.compile(
    r"(?i)(?:\bresulting in\b|\bso that\b|\bmeasured by\b|\bleading to\b|\bwhich (?:drives|"
    r"leads)\b|=|\b(?:and|then)\s+(?:get|achieve|reach|grow|increase|raise|reduce|cut|"
    r"double|drive|see)\b)"
)
_PEOPLE = re.compile(
    r"(?i)\b(?:developers?|engineers?|designers?|members?|people|persons?|hires?|staff|"
    r"employees?|contributors?|ambassadors?|volunteers?|maintainers?|sres?|managers?|"
    r"advocates?|team|teams|customers?|users?|partners?)\b"
)
_MONEY = re.compile(r"^(?:[$€£¥₹]|\d[\d,.]*\s*(?:%|k\b|m\b|usd|eur|gbp|million|billion))", re.I)
_PERIOD = re.compile(r"(?i)^(?:q[1-4]|h[12]|the (?:quarter|year|half|month|period))\b")
_LABEL = re.compile(
    r"^\s*(?:(?:\[[^\]]*\]|\([^)]*\)|[-*•]|\d+[.)](?=\s)|\d+(?:\.\d+)+(?=\s)|"
    r"kr\s*[\d.]+\s*[:.)-]?|"
    r"(?:stretch|new|existing|bonus|optional|goal|target)\s*:)\s*)+",
    re.IGNORECASE,
)
_SUBJECT = re.compile(
    r"(?i)^(?:we|i|you|our team|the team|team|everyone|dev|devs|engineering)\s+(?:to\s+|will\s+|"
    r"shall\s+|should\s+|must\s+|can\s+)?"
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def _strip(title: str) -> str:
    text = _LABEL.sub("", title).strip(" \t\"'“”‘’")
    head, colon, tail = text.partition(":")
    if colon and tail.strip() and len(head.split()) <= 3:
        text = tail.strip()  # "Atlas SDK: development of ..." is about the part after it
    text = _SUBJECT.sub("", text)
    return re.sub(r"(?i)^(?:\w+ly)\s+", "", text)  # "properly test", "proactively reach"


DEFAULT_VERBS = ACTIVITY_VERBS + ACTIVITY_VERBS_ZH


def activity(title: str, verbs: tuple[str, ...] | list[str] = DEFAULT_VERBS) -> str | None:
    """The verb or phrase that makes the title a task, or None when it reads as a result."""
    text = _strip(title)
    if not text:
        return None
    for verb in (v for v in verbs if not v.isascii()):  # Chinese: the title starts with it
        if text.startswith(verb):
            return verb
    nominal = _TASK_NOUNS.match(text)
    if nominal:
        return nominal.group(0).strip()
    if _OUTPUT_COUNT.match(text) or _PASSIVE_OUTPUT.search(text):
        return "counting the team's own output"
    words = _WORD.findall(text)
    if not words:
        return None
    first = words[0].lower().strip("'’")
    ascii_verbs = {v.lower() for v in verbs if v.isascii()}
    if first not in ascii_verbs:
        return None
    rest = text[len(words[0]) :].strip()
    following = words[1].lower() if len(words) > 1 else ""
    if first in _PHRASAL and following not in _PHRASAL[first]:
        return None  # "Reach 10,000 users" is a result; "reach out to" is a task
    outcome = _OUTCOME.search(rest)
    if outcome and re.search(r"\d|%", rest[outcome.end() :]):
        return None  # judged by the outcome it names
    if first in ("add", "hire", "onboard", "recruit") and _PEOPLE.search(rest[:60]):
        return None  # a headcount is the result the objective asks for
    if first in ("make", "deliver", "ship") and _MONEY.match(rest):
        return None  # "Make £15,000 a month", "Deliver 99.9 % uptime"
    if first in ("finish", "end", "close") and _PERIOD.match(rest):
        return None  # "Finish Q4 with 24 more customers"
    return f"{words[0]} {following}".strip() if first in _PHRASAL else words[0]
