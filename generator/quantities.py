"""Numbers as people write them in OKR titles, in English and Chinese.

`quantities(text)` finds every amount a title states and the values it may mean: digits with
thousands separators and decimal commas (`1,000`, `99,95`), suffixes and scales (`10k`, `3m`,
`$3 million`, `50万`, `2亿`), multipliers (`2x`, `double`, `翻倍`), fractions (`half`,
`一半`, `百分之九十`), number words (`three`, `a dozen`, `twenty-five`, `二十`, `两`), and
`all`/`every`/`全部` as 100 %. What is not an amount is left out: years (`2026`), quarters
and halves (`Q3`, `H1`, `FY26`), dates (`2026-10-01`, `June 2024`), versions (`v2`, `1.0`,
`Kubernetes 1.25`), names with a digit inside (`Web3`, `S3`, `P95`, `SOC 2`, `HTTP/2`) and
weights (`weight 30 %`, `权重 40%`; `without_weights` drops the bracketed shares sibling
titles end with when they add up to 100).

Used by the wording rules: an objective's title should state no amount; a key result's
title should state its target or bound.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SCALES = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "mn": 1e6, "million": 1e6, "b": 1e9,
    "bn": 1e9, "billion": 1e9, "万": 1e4, "亿": 1e8, "千": 1e3, "百万": 1e6,
}  # fmt: skip
_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "single": 1,
    "once": 1, "twice": 2, "thrice": 3, "double": 2, "triple": 3, "quadruple": 4,
    "half": 0.5, "quarter": 0.25, "third": 1 / 3, "thousand": 1000, "million": 1e6,
    # the verbs that state the factor: "Halve response time", "Doubled revenue"
    "halve": 0.5, "halved": 0.5, "doubled": 2, "tripled": 3, "quadrupled": 4,
}  # fmt: skip
_ALL = ("all", "every", "everyone", "each", "any", "全部", "所有", "每个", "每一个", "全体")
_NONE = ("no", "none", "zero", "nothing", "never", "没有", "零", "无")
_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}  # fmt: skip
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
_ZH_PHRASES = {
    "翻倍": 2,
    "翻番": 2,
    "一半": 0.5,
    "半数": 0.5,
    "双倍": 2,
    "加倍": 2,
    "翻一番": 2,
    "翻两番": 4,
}

_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|"
    "july|august|september|october|november|december"
)
# Nouns whose number names one of a series ("Season 3", "Phase Two"), not an amount.
_SERIES = (
    "sprint|phase|stage|tier|level|step|wave|round|iteration|milestone|week|day|month|year|"
    "generation|season|episode|chapter|part|series|volume|vol|batch|cohort|edition|book|module|"
    "unit|lesson|track|grade|class|room|building|floor|article|section|version|release"
)
# the ones a word number may follow as a name: nouns that are seldom verbs ("Release two
# features" and "Track three metrics" state amounts)
_SERIES_WORDS = frozenset({
    "sprint", "phase", "stage", "tier", "level", "wave", "round", "iteration", "milestone",
    "week", "day", "month", "year", "generation", "season", "episode", "chapter", "volume",
    "batch", "cohort", "edition", "module", "lesson", "version",
})  # fmt: skip
# more versions after one: "Python 3.12 and 3.13", "Ship Parsnip 3.0, 3.1"
_MORE_VERSIONS = r"(?:\s*(?:,|and|or|&)\s*\d+\.\d+\b)*"
# Spans that hold digits but state no amount: removed before numbers are looked for.
_NOT_AMOUNTS = re.compile(
    r"(?ix)"
    r"\b\d{4}-\d{1,2}-\d{1,2}\b"  # dates
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
    rf"|\b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b"  # June 3, 2024
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\b(?:\s+\d{{4}})?"
    rf"|\b(?:{_MONTHS})\.?\s+\d{{4}}\b"  # June 2024
    r"|\b(?:FY|CY)\s?'?\d{2,4}(?:\s?-\s?(?:FY)?\d{2,4})?\b"  # fiscal years
    r"|\b(?:19|20)\d{2}\s?[-–/]\s?(?:19|20)?\d{2}\b"  # year ranges: 2022-2023, 2022/23
    # a name ending in a number, after the title's first word: "the Argonaut 2020 project",
    # "the US Core 4 use case", "Election Period 7" ("Reach 2000 users" states an amount)
    r"|(?-i:(?<=[\w,)][ ])(?!(?:USD|EUR|GBP|RMB|CNY|CHF|JPY|INR|AUD|CAD|HKD|SGD|US|Rs)\b)"
    r"[A-Z][A-Za-z]+\s\d{1,4}\b(?!\s?(?:%|[kKmMbB]\b|[.,]\d|(?:thousand|million|billion|percent|"
    r"per cent|points?|pp)\b)))"
    r"|\b(?:\d{4}\s?)?[QH][1-4]\b(?:\s?\d{4})?"  # Q3, 2026 Q3, H1
    # a year: after "in", "by", "since"... or before a word like roadmap, or alone at the end
    r"|\b(?:in|by|of|for|since|until|till|before|after|during|through|from|end|fy)\s"
    r"(?:19|20)\d{2}s?\b"
    r"|\b(?:19|20)\d{2}s?(?=\s*(?:$|[.,;:!?)\]]|\s(?:and|or|roadmap|plan|strategy|goals?|budget|"
    r"report|edition|season|launch|release|cohort|okrs?)\b))"
    r"|\bv\d+(?:\.\d+)*\b"  # versions: v2, v1.2.3
    # a version after a product's capitalised name, or before what happens to it: "Ship Parsnip
    # 3.0", "after the 1.29 incident", "2.0 版本" (not a measure's level: "Rating 4.5")
    r"|(?-i:(?<=[ ])(?!(?:Rating|Score|Grade|Level|Index|Band)\b)[A-Z][a-z]+\s\d+\.\d+\b"
    rf"{_MORE_VERSIONS}"
    r"(?!\s?(?:%|[kKmMbB]\b|(?:thousand|million|billion|percent|per cent|points?|pp|stars?|x)\b)))"
    r"|\b\d+\.\d+(?=\s+(?:incident|release|upgrade|update|migration|launch|rollout|outage|branch|"
    r"series|line|cycle|beta|alpha|rc)\b)|\d+(?:\.\d+)+\s?(?=版本?|版)"
    # a year the title is about: "Make 2027 our best year yet", "the 2026 intake", "our 2026
    # literacy campaign" (a year naming what follows it)
    r"|\b(?:19|20)\d{2}(?=\s+(?:our|the|a|an|my|your|their|its|into|as)\b)"
    r"|\b(?:the|our|this|its|their|your|my)\s+(?:19|20)\d{2}(?=\s+[a-z])"
    # a time on the first of something: "the first ten minutes", "in the first 90 days"
    r"|\bfirst\s+(?:\d{1,3}|[a-z]+)\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?)\b"
    # a version alone: "Ship a stable, fast 3.0" (N.0, no unit after it)
    r"|(?<![\d.,$€£¥])\b\d{1,2}\.0\b(?![\d.,]|\s?(?:%|[kKmMbB]\b|x\b|(?:thousand|million|"
    r"billion|percent|per\s+cent|points?|pp|stars?|out\s+of)\b))"
    # names and idioms that hold numbers: a shopping festival, a hospital grade, a mobile
    # network, round-the-clock service, "become a ..." (成为一名), "at most one trip"
    r"|双十一|双十二|双11|双12|[一二三]级[甲乙丙]等|三甲|\b[2-6]G\b|7\s?[×x*]\s?24|24\s?[×x*]\s?7|"
    r"成为一[名个位家]|最多跑一次"
    # a phone line or a service's number: "the 311 call centre"
    r"|\b\d{3,5}\s+(?:call\s+cent(?:re|er)|hotline|helpline|service\s+line)\b"
    # the span of time ahead the work takes: "for the next three years" (a past span may be
    # the measure's basis: "above the last 12 months' peaks")
    r"|\b(?:next|coming|following)\s+(?:\d{1,2}|[a-z]+)\s+(?:years?|months?|quarters?|"
    r"weeks?|days?)\b"
    # a number that names a line or a route: "12345 热线", "the 14 and 27 routes", "2 号线"
    r"|\d+\s?(?:热线|专线|号线|路公交)|\bthe\s+\d{1,3}(?:\s*(?:,|and)\s*\d{1,3})+\s+(?:bus\s+)?routes\b"
    r"|(?<![\d.,])\d+\.\d+\.\d+(?:\.\d+)*\b"  # dotted versions 1.2.3
    r"|\b(?:version|release|kubernetes|k8s|python|node(?:\.js)?|java|php|ruby|go|rust|ios|"
    r"android|windows|macos|ubuntu|debian|http|html|css|es|ipv|gen|web|soc|iso|pci|gdpr|hipaa|"
    rf"{_SERIES})"
    rf"\s?[-/.]?\s?\d+(?:\.\d+)?\b{_MORE_VERSIONS}"  # SOC 2, Python 3.12 and 3.13
    r"|(?-i:\b[A-Z]{1,6}-\d+[A-Za-z]*\b)"  # codes: PK-20W, JIRA-123
    # product versions after a product's name: js-ipfs 0.33, node.js 12.4, OpenEBS 1.0
    r"|(?-i:\b(?:[a-z][a-z0-9]*[-.][a-z0-9.-]*[a-z0-9]|[A-Z][a-z]+[A-Z][A-Za-z]*|[a-z]+[A-Z][A-Za-z]*)"
    r"\s+\d+\.\d+(?:\.\d+)?\b)"
    r"|\b[A-Za-z]+\d+[A-Za-z\d]*\b"  # Web3, S3, P95
    r"|\b\d+[A-Za-z]+\d+[A-Za-z\d]*\b"  # 2i2c, 24x7: a name, not an amount
    r"|\b\d+(?:st|nd|rd|th)\b"  # ordinals
    # a challenge named with its number: "the 50 by 50 challenge", "the 100 Days of Code
    # challenge" ("Fix the 5 bugs in the Kafka project" states an amount)
    r"|\bthe\s+\d+(?:\s+by\s+\d+|\s+days?\s+of\s+\w+(?:\s+\w+)?)\s+(?:challenge|campaign|"
    r"pledge|initiative|movement)\b"
    r"|\b(?P<slogan>\d+)\s?by\s?(?P=slogan)\b"  # a slogan: "50 by 50", "30 by 30"
    r"|第\s?[0-9一二三四五六七八九十百]+\s?[季期周月年步轮版代个名]?"  # 第3季度, 第一
    r"|十分|一起|统一|一致|一直|一定|一些|一下|一般|一流|一体|一站|万一|(?<![一二两三四五六七八九十百\d])千万|一样|唯一|进一步"
    r"|[0-9]{4}\s?年|[0-9一二三四五六七八九十]{1,2}\s?月(?:份)?|[0-9]{1,2}\s?[日号]"
    r"|\bdouble[- ](?:down|check|click|edged|standard)\w*|\bhalf[- ](?:hearted|baked)\b"
    r"|[0-9一二三四]\s?季度|上半年|下半年"
    # a weight, named as one: "(weight 30 %)", "权重 40%", "占比 20%"
    r"|(?:\bweight(?:ed|ing)?|权重|占比|比重)\s*[:：=]?\s*\d{1,3}(?:\.\d+)?\s*[%％]"
)
# "one" and "single" that name no amount: "one of the best", "no one", "the one place",
# "one-stop", "a single source of truth"
_NOT_ONE = re.compile(
    r"(?:a\s+)?(?:one\s+of\b|one-(?:stop|click|to-one|off|on-one)\b|(?:single|one)\s+(?:source|point|"
    r"pane|place|view|sign|home|platform|login|voice|front\s+door)\b)"
)
_NOT_ONE_AFTER = frozenset({"no", "the", "any", "every", "each", "this", "that", "which"})
# fractions that name a period after these words: "the quarter", "the second half"
_IN_PERIOD = frozenset({"the", "this", "that", "next", "last", "each", "every", "per", "our"})
_PERIOD_WORDS = {"quarter": _IN_PERIOD, "half": _IN_PERIOD | {"first", "second"}}


def _not_one(lowered: str, match: re.Match[str]) -> bool:
    """Whether a word number at `match` names no amount: "one of the best", "no one", or one
    of a series ("Season Four", "phase two")."""
    if _NOT_ONE.match(lowered, match.start()):
        return True
    before = lowered[: match.start()].split()[-1:]
    if before and before[0] in _SERIES_WORDS:
        return True
    if match.group(1) in _PERIOD_WORDS and not match.group(0).startswith("a "):
        # "Crush the quarter", "each quarter", "the second half": a period, no fraction
        return bool(before) and before[0] in _PERIOD_WORDS[match.group(1)]
    if (
        match.group(1) == "one"
        and before
        and re.match(r"\s*(?:$|[,;.!?)])", lowered[match.end() :])
    ):
        return True  # "not a departmental one": a pronoun closing its clause
    two_before = lowered[: match.start()].split()[-2:-1]
    if match.group(1) == "one" and two_before and two_before[0] in ("the", "a", "an", "our"):
        return True  # "the best one yet", "a better one": a pronoun after its adjective
    return match.group(1) == "one" and bool(before) and before[0] in _NOT_ONE_AFTER


# Units written against their number: "5lbs", "30mins", "10kms", "2hrs"
_GLUED_UNITS = (
    r"(?i:lbs?|kgs?|kilos?|kilograms?|mins?|minutes?|hrs?|hours?|secs?|seconds?|days?|weeks?|"
    r"months?|years?|kms?|miles?|pts?|points?|steps|reps|pages|words|gbps|mbps|gb|mb|tb|kb)"
    r"(?![A-Za-z])"
)
_MAY_HOLD_NON_AMOUNT = re.compile(
    r"[^\x00-\x7f]|\d|double|half|next|coming|following|first", re.IGNORECASE
)
_DIGITS = re.compile(
    r"(?P<lead>[$€£¥₹]|US\$|USD\s|EUR\s|GBP\s|RMB\s|CNY\s)?"
    r"(?P<num>\d[\d,.\u202f' ]*\d|\d)(?!\d)"  # the whole run: "20minutes" is never a 2
    # a scale is a word of its own: "50 by 50" holds no billion
    r"\s?(?P<scale>(?:k|K|m|M|mm|mn|Mn|MN|b|B|bn|Bn|BN|thousand|million|billion)(?![A-Za-z])|"
    r"万|亿|千|百万)?"
    # "6.1s", "10ms" and "5lbs" are amounts; "3rd" is not (a name such as "2FA", two capitals
    # after the number, is read as 2 like "10GB")
    r"(?P<times>\s?[x×]|\s?倍)?(?!(?!" + _GLUED_UNITS + r")[A-Za-z]{3})",
)
_DURATION = re.compile(
    r"\b(?:(?P<h>\d+)\s?h)?\s?(?:(?P<m>\d+)\s?m(?:in)?)?\s?(?:(?P<s>\d+)\s?s)\b|"
    r"\b(?P<h2>\d+)\s?h\s?(?P<m2>\d+)\s?m(?:in)?\b"
)
_WORD = re.compile(r"(?i)\b(?:a\s+)?([a-z]+)(?:-([a-z]+))?\b")
_ZH_NUMBER = re.compile(
    r"(?:百分之)?[零〇一二两三四五六七八九十百千]+[万亿]?(?:分之[零一二三四五六七八九十百]+)?"
)


@dataclass(frozen=True)
class Quantity:
    text: str
    values: frozenset[float]  # every value the text may mean ("€5M": 5 and 5,000,000)


def _plain_values(raw: str) -> set[float]:
    plain = re.sub(r"[\u202f' ]", "", raw)
    found = set()
    for candidate in (plain.replace(",", ""), plain.replace(".", "").replace(",", ".")):
        try:
            found.add(float(candidate))
        except ValueError:
            continue
    return found


def _zh_value(text: str) -> float | None:
    """二十 -> 20, 三百五十 -> 350, 两 -> 2, 百分之九十 -> 90 (percent), 3万 handled as digits."""
    if text.startswith("百分之"):
        inner = _zh_value(text[3:])
        return inner
    if "分之" in text:
        denominator, numerator = text.split("分之", 1)
        top, bottom = _zh_value(numerator), _zh_value(denominator)
        return top / bottom if top is not None and bottom else None
    total, section, digit = 0.0, 0.0, None
    for char in text:
        if char in _ZH_DIGITS:
            digit = _ZH_DIGITS[char]
        elif char in _ZH_UNITS:
            section += (1 if digit is None else digit) * _ZH_UNITS[char]
            digit = None
        elif char in ("万", "亿"):
            scale = 1e4 if char == "万" else 1e8
            total = (total + section + (digit or 0)) * scale
            section, digit = 0.0, None
        else:
            return None
    total += section + (digit or 0)
    return total if text else None


def quantities(text: str, dates_too: bool = False, all_too: bool = False) -> list[Quantity]:
    """Every amount the text states, with the values it may mean. Years, quarters, dates,
    versions and names with digits are left out, unless `dates_too`; `all`/`every` count as
    100 % only with `all_too` (they can state a target, never make a goal a metric)."""
    # every span _NOT_AMOUNTS removes holds a digit, a non-ASCII character, "double" or
    # "half": a title without them is searched once less
    plain = dates_too or not _MAY_HOLD_NON_AMOUNT.search(text)
    rest = text if plain else _NOT_AMOUNTS.sub(" ", text)
    found: list[Quantity] = []
    for match in _DIGITS.finditer(rest):
        values = _plain_values(match["num"])
        scale = match["scale"]
        if scale:
            factor = _SCALES.get(scale, _SCALES.get(scale.lower(), 1.0))
            values |= {v * factor for v in values}  # "€5M": 5 in €M, or 5,000,000
        if values:
            found.append(Quantity(match.group(0).strip(), frozenset(values)))
    lowered = rest.lower()
    for match in _WORD.finditer(lowered):
        first, second = match.group(1), match.group(2)
        if first in ("thousand", "million") and not match.group(0).startswith("a "):
            continue  # a scale after a number ("2 million") was read with the number
        if first in _WORDS and not _not_one(lowered, match):
            value = _WORDS[first] + (_WORDS.get(second, 0) if second else 0)
            after = lowered[match.end() :].lstrip()
            scale = next((f for w, f in _SCALES.items() if after.startswith(w) and w.isalpha()
                          and len(w) > 2), 1.0)  # fmt: skip
            found.append(Quantity(match.group(0), frozenset({value, value * scale})))
    for match in _DURATION.finditer(rest):  # 1m30s is 90 seconds (and 1.5 minutes)
        hours = int(match["h"] or match["h2"] or 0)
        minutes = int(match["m"] or match["m2"] or 0)
        seconds = int(match["s"] or 0)
        total = hours * 3600 + minutes * 60 + seconds
        if total and (hours or minutes):
            found.append(Quantity(match.group(0), frozenset({total, total / 60, total / 3600})))
    for words, values in ((_ALL, {100.0, 1.0}), (_NONE, {0.0})) if all_too else ():
        for word in words:
            if re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", lowered):
                found.append(Quantity(word, frozenset(values)))
                break
    for phrase, value in _ZH_PHRASES.items():
        if phrase in rest:
            found.append(Quantity(phrase, frozenset({value})))
    for match in _ZH_NUMBER.finditer(rest):
        chars = match.group(0)
        if chars in ("一",) and not re.search(r"一[个位次项家款名场篇]", rest):
            continue  # 一 alone is usually "a"/"one of", not an amount
        value = _zh_value(chars)
        if value is not None:
            found.append(Quantity(chars, frozenset({value})))
    return found


# A percentage in brackets closing a title: "完成 ... 闭环（40%）", "Platform stability (30%)"
# (the search starts at a bracket, not at the spaces before it: a title of spaces stays linear)
_TRAILING_SHARE = re.compile(r"[(（\[【]\s*(\d{1,3}(?:\.\d+)?)\s*[%％]\s*[)）\]】]\s*[.。]?\s*$")


def without_weights(titles: list[str]) -> list[str]:
    """The titles without the weights people write after them: when every one of two or
    more sibling titles ends in a bracketed percentage and those add up to 100, they are
    how much each counts ("...（40%）", "...（40%）", "...（20%）"), not amounts to reach."""
    shares = [_TRAILING_SHARE.search(title) for title in titles]
    if len(titles) < 2 or not all(shares):
        return titles
    if abs(sum(float(share[1]) for share in shares if share) - 100) > 1:
        return titles
    pairs = zip(titles, shares, strict=True)
    return [title[: share.start()].rstrip() for title, share in pairs if share]


def states_amount(text: str) -> bool:
    return bool(quantities(text))


def mentions(text: str, value: float) -> bool:
    """Whether the text states `value` in any of the ways it may be written (a target of
    2000 may look like a year: here it counts)."""
    for quantity in quantities(text, dates_too=True, all_too=True):
        for candidate in quantity.values:
            if abs(candidate - value) <= 1e-9 * max(1.0, abs(value)):
                return True
    return False
