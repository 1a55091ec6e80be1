"""Can a reader tell, at the end of the period, whether a key result was reached? English and
Chinese.

A key result is judged by what it will be compared with, not by how its title is worded:

- a threshold holds a level, and a metric with a `target` is compared with that number (the
  site shows it beside the title): both are measurable, whatever the title says;
- a metric **without a target** is measurable only when its title states the amount ("Reach
  10,000 users"); otherwise nobody wrote down what counts as reached (a placeholder such as
  `N₀`, `$N`, `X %` or `TBD` is not an amount);
- a **milestone** is done or not done, so it is measurable when it names an end state; it is
  not when its result is a comparison without an amount ("Increase usage of plugins",
  "Better onboarding"), an open-ended effort ("Learn Rust", "Make progress on the spec",
  "Establish team practices", "对 Go Runtime 建立系统理解"), a question ("How do we review
  PRs?") or a condition ("if the test succeeds ...").

Only the result itself is judged: a vague word in a side clause that says why ("Measure the
satisfaction of attendees to make the events more inclusive") does not make the result vague.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

from .comparatives import compared_state
from .quantities import states_amount
from .walk import kind

VAGUE_WORDS = (
    "improve", "improved", "improving", "better", "more", "increase", "increased",
    "increasing", "enhance", "enhanced", "optimize", "optimise", "optimized", "optimised",
    "boost", "grow", "grown", "growing", "reduce", "reduced", "decrease", "decreased",
    "lower", "raise", "maximize", "maximise", "minimize", "minimise", "strengthen",
    "accelerate", "expand", "deepen", "broaden", "solidify", "higher", "faster", "fewer", "less",
    "greater", "stronger", "easier", "smoother", "positive direction",
    # qualities nobody counted: "Reliable alerting on all tier-1 services"
    "reliable", "robust", "seamless", "effective", "efficient", "high-quality", "world-class",
    "best-in-class", "excellent", "dependable", "resilient", "trustworthy", "user-friendly",
    "intuitive", "simplify", "diversify", "modernize", "modernise", "streamline",
    "提升", "改善", "提高", "优化", "更好", "更多", "增强", "加强", "增加", "减少", "降低",
    "扩大", "加快", "完善", "改进", "加大", "丰富", "深化", "强化", "夯实", "转变", "营造", "做好",
    "压缩",
    # degree words with nothing counted: "社区氛围更加友好", "取得明显成效", "显著提升"
    "更加", "明显", "显著", "大幅", "进一步",
)  # fmt: skip

# A placeholder for an amount that was left out or redacted: N₀, $N, X %, XX, TBD, [redacted].
_PLACEHOLDER = re.compile(
    r"(?<![A-Za-z])(?:N[₀-₉]+|[$€£]\s?[NX]\b|\b[NX]\s?%|\bX{2,}\b|\bTBD\b|\bTBC\b|待定|"
    r"(?i:\[(?:redacted|removed|hidden|tbd|tbc|n|x+)\]))",
)
# Where the result ends and a clause that says why, or how, begins.
_SIDE_CLAUSE = re.compile(
    r"(?i)(?:\s+(?:so that|so|in order to|which|that will|while|because|by\s+\w+ing)\b"
    r"|\s+to\s+(?:make|help|drive|improve|increase|enable|ensure|support|engage|create|"
    r"allow|let|keep|build|bring|reach|reduce|foster|encourage|boost|grow)\b"
    r"|\s+for\s+\w+ing\b"
    # what a thing is for, after the thing: "artworks that improve the diversity of ..." (not
    # what is to be made true: "Ensure that ...", "Show that ...")
    r"|\s*(?:=>|->|→|;|\(| - | – | — )|以便|从而|为了|使得)"
)
# What the thing is for, in a clause after a comma: "Redesign the settings page, improving
# discoverability", "上线快捷筛选，提高筛选使用率" (a side clause unless it states an amount:
# "Improve checkout, reducing drop-off by 20 %" is judged by it)
_COMMA_CLAUSE = re.compile(
    r"(?i),\s+(?=(?:improving|increasing|reducing|making|helping|enabling|boosting|lowering|"
    r"raising|supporting|giving|allowing|letting)\b)"
    r"|[，,]\s*(?=提高|提升|改善|增强|加强|优化|满足|方便|便于|降低|减少|帮助|让|使)"
)
# What a thing is for, after the thing: "artworks that improve the diversity of ..." (not what
# is to be made true, "Ensure that ...", nor a subset the result counts, "customers that renew
# to 90 %": result_clause keeps a clause that states an amount)
_THAT_CLAUSE = re.compile(
    r"(?i)(?<!\bensure)(?<!\bsure)(?<!\bshow)(?<!\bprove)(?<!\bconfirm)(?<!\bverify)"
    r"(?<!\bdemonstrate)(?<!\bagree)(?<!\bvalidate)(?<!\bcheck)(?<!\bdecide)(?<!\btest)"
    r"\s+that\s+(?!is\b|are\b|was\b|were\b|has\b|have\b)"
)
_OPEN_ENDED = re.compile(
    r"(?i)^(?:learn|understand|explore|investigate|consider|socialize|socialise|evangelize|"
    r"evangelise|make progress on|progress on|start to|begin to|work on|work towards|keep working|"
    r"continue to|(?:continue|keep)\s+[a-z]{2,}ing|align|attract|gain (?:experience|insight|"
    r"hands-on)|get familiar|familiari[sz]e|"
    r"nail|figure out|think about|look into|establish\b[^.]*\b(?:practices|culture|norms|"
    r"habits|rules|mindset|accountability))\b"
)
# ... unless the effort goes on to name what it should achieve ("Evangelize X and get another
# browser to commit to it")
_THEN_OUTCOME = re.compile(r"(?i)\s(?:and|then)\s+(?:get|have|reach|achieve|see|win|land|sign)\b")
# A milestone that ships something is done or not, whatever adjective the thing carries
# ("Ship improved web typography to beta"); so is one that makes a named artefact ("Draft a
# strategy for ...").
_DELIVERS = re.compile(
    r"(?i)^(?:(?:ship|launch|release|publish|deploy|deliver|roll out|go live with|complete|"
    r"finish|pass)\b|(?:draft|write|create|build|design|define|document|set up)\s+(?:a|an|the|one|"
    r"our|its|their|1)\b)"
)
# A direction joined to a piece of work that is done or not: "Improve and refresh the website",
# "Review and accelerate our approach ...", "Bring more nature into our spaces, and investigate
# the terrace's feasibility", "优化自动部署，推广到交易程序" (the joined work is checkable)
_WORK_DONE_OR_NOT = (
    r"refresh|review|redesign|rebuild|rewrite|publish|launch|release|ship|deploy|document|draft|"
    r"write|create|build|design|define|implement|introduce|migrate|pilot|test|audit|map|"
    r"investigate|assess|evaluate|complete|finish|deliver|produce|update"
)
_JOINED_WORK = re.compile(
    rf"(?i)(?:^(?:{_WORK_DONE_OR_NOT})\s+(?:and|&)\s+"
    rf"|(?:\band|&)\s+(?:then\s+)?(?:{_WORK_DONE_OR_NOT})\b)"
    r"|[，,；;]\s*(?:并|再)?(?:推广|上线|发布|完成|接入|迁移|部署|落地)"
)
# A named thing delivered, anywhere in the title: "..., with an initial programme launched with
# Hepworth Gallery by December 2022", "... starting by developing a collaborative program with
# M&S by August 2022" (a dated deliverable is done or not, whatever else the title hopes for)
_ARTEFACT = (
    r"(?:programme|program|plan|strategy|report|analysis|review|pilot|prototype|framework|"
    r"policy|website|portal|platform|service|course|curriculum|event|summit|conference|"
    r"exhibition|catalogue|guide|handbook|toolkit|dashboard|study|survey|partnership|agreement|"
    r"charter|roadmap|standard|repository|archive|collection|space|centre|center|hub|network)"
)
_DELIVERED = re.compile(
    rf"(?i)(?:[,;]\s*|\bwith\s+|\band\s+)(?:a|an|the|one|our|its|first|initial|new)\s+"
    rf"(?:[\w&-]+\s+){{0,3}}?{_ARTEFACT}\s+(?:[\w&-]+\s+){{0,2}}?(?:launched|published|"
    r"delivered|completed|released|agreed|approved|signed|adopted|established|opened)\b"
    r"|[,;]\s*(?:starting\s+)?(?:by\s+)?(?:launching|developing|creating|building|publishing|"
    rf"delivering|opening|establishing|piloting)\s+(?:a|an|the|one|our|its|first|initial|new)\s+"
    rf"(?:[\w&-]+\s+){{0,3}}?{_ARTEFACT}\b[^.;]*\b(?:by|in|before)\s+"
    r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+)?(?:19|20)\d\d\b"
)  # in a clause of its own: "Increase traffic to the new portal launched in Q1" is no delivery
# A capitalised word inside a name is no comparison: "Open Higher Education summit", "the Better
# Together festival" (not the title's first word: "Better onboarding")
_IN_NAME = re.compile(r"(?<=\w\s)[A-Z][a-z]+(?=\s+[A-Z][\w-]*)|(?<=[A-Z][a-z]\s)[A-Z][a-z]+")
# Chinese 增加/提升 before a concrete artefact means "add" ("论坛增加产品功能建议版块")
_ARTEFACT_ZH = re.compile(
    r"(?:版块|板块|功能|页面|模块|栏目|入口|按钮|系统|网站|文档|接口|工具|插件)$"
)
_OPEN_ENDED_ZH = re.compile(
    r"^(?:对.*建立.*理解|学习|了解|熟悉|探索|研究|尝试|处理好|持续|继续|"
    # pushing work forward with no end state named: "推进数据治理工作" (not "推进 X 上线")
    r"(?:推进|推动|推行)(?!.*(?:完成|上线|落地|发布|达到|达成|覆盖|通过|交付|\d))|"
    # a programme carried on, with no end state: "对缺陷模块开展专项治理", "开展质量攻关"
    r"(?:对.{1,20}|针对.{1,20})?(?:开展|实施|推广)(?!.*(?:完成|上线|落地|发布|达到|达成|覆盖|通过|"
    r"交付|\d)).*(?:治理|攻关|管理|工作|活动|建设|改革|整治)$|"
    # a habit changed by "more" or "less": "多陪陪家人", "少吃外卖"
    r"多(?:陪|读|看|做|写|运动|锻炼|喝水|走|听|练|参加|和|与|去)|少(?:吃|喝|熬|玩|刷|用|买|花|点))"
)
# How people feel, with nothing counted: "Staff feel valued and listened to"
_FEELING = re.compile(
    r"(?i)\bfeels?\s+(?:\w+\s+)?(?:valued|supported|safe|heard|confident|welcome|welcomed|"
    r"included|engaged|happy|proud|respected|empowered|listened|informed|connected|equipped)\b"
)
# Directions that no artefact at the end makes a deliverable: "完善中英文文档" (improve the docs)
_DIRECTION_ZH = re.compile(r"^(?:完善|优化|改进|改善|丰富|加强|强化|提升|提高|增强)")
_LABEL = re.compile(
    r"^\s*(?:\[[^\]]*\]\s*|【[^】]*】\s*|（[^）]*）\s*|"
    r"(?:stretch|new|existing|bonus|optional|hiring|goal|target|kr\s*[\d.]*)"
    r"\s*[:：]\s*)+",
    re.IGNORECASE,
)


def _title_case(text: str) -> bool:
    """Whether most words are capitalised ("Achieve Higher Customer Satisfaction"): then a
    capital tells no name apart."""
    words = re.findall(r"[A-Za-z]{5,}", text)  # short words may stay lower case in title case
    return len(words) > 1 and all(w[0].isupper() for w in words)


def has_placeholder(title: str) -> bool:
    return bool(_PLACEHOLDER.search(title))


def result_clause(title: str) -> str:
    """The title without its labels and the side clauses that say why or how."""
    text = _LABEL.sub("", title).strip()
    match = _SIDE_CLAUSE.search(text)
    for clause in (_THAT_CLAUSE, _COMMA_CLAUSE):  # side clauses unless they state an amount
        found = clause.search(text)
        earlier = found is not None and (match is None or found.start() < match.start())
        if earlier and found is not None and not states_amount(text[found.end() :]):
            match = found
    return text[: match.start()] if match and match.start() > 0 else text


def vague_word(text: str, words: Iterable[str]) -> str | None:
    """The first of `words`, in the list's order, that the text holds (a whole word, for
    alphabetic words)."""
    listed = tuple(words)
    pattern, order = _vague_pattern(listed)
    found = [order[m.group(1)] for m in pattern.finditer(text.lower())] if pattern else []
    if not text.isascii():
        found += [i for i, word in enumerate(listed) if not word.isascii() and word in text]
    return listed[min(found)] if found else None


@functools.lru_cache(maxsize=8)
def _vague_pattern(words: tuple[str, ...]) -> tuple[re.Pattern[str] | None, dict[str, int]]:
    """One pattern for a list's alphabetic words (once per list, not once per word and title),
    and each word's place in the list."""
    order: dict[str, int] = {}
    for index, word in enumerate(words):
        if word.isascii():
            order.setdefault(word.lower(), index)
    if not order:
        return None, order
    alternatives = "|".join(re.escape(w) for w in sorted(order, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])({alternatives})(?![\w-])"), order


def why_unmeasurable(kr: dict[str, Any], words: Iterable[str] = VAGUE_WORDS) -> str | None:
    """Why a reader could not tell whether the key result was reached, or None."""
    what = kind(kr)
    if what == "threshold":
        return None
    title = str(kr.get("title", ""))
    stated = states_amount(title) and not has_placeholder(title)
    if what == "metric":
        if "target" in (kr.get("metric") or {}):
            return None
        return None if stated else "target"
    result = result_clause(title)
    if result.rstrip().endswith(("?", "？")):
        return "question"
    if re.match(r"(?i)^\s*(?:if|whether|如果|若)\b", result):
        return "condition"
    if (_OPEN_ENDED.search(result) or _OPEN_ENDED_ZH.search(result)) and not (
        _THEN_OUTCOME.search(result)
    ):
        return "open-ended"
    if _DELIVERS.search(result) or (
        _ARTEFACT_ZH.search(result.rstrip("。.")) and not _DIRECTION_ZH.match(result)
    ):
        return None  # a deliverable: done or not done
    if _DELIVERED.search(title) or _JOINED_WORK.search(result):
        return None  # a named thing delivered, by a date or in a done state; joined work
    vague = vague_word(result if _title_case(result) else _IN_NAME.sub("Name", result), words)
    if not vague:
        vague = compared_state(result) or ("feel" if _FEELING.search(result) else None)
    if vague and not (states_amount(result) and not has_placeholder(result)):
        return f"vague:{vague}"
    return None
