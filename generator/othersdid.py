"""What others did or do, which makes a title that reads as work a result: the work approved,
adopted or funded by another party ("... approved by the ESG committee"), others brought to act
after it ("... and get another browser to commit to it"), how others responded, counted ("...
that gets 100+ reads", "Collect >= 50 nominations"), people or groups who act themselves
("Volunteers run 12 edit-a-thons", "25 contributors get a PR merged") and people promoted.
`activity.py` decides what a title is; this module only recognises these shapes.
"""

from __future__ import annotations

import re

from .ownoutput import COUNT, OUTPUT_COUNT, OUTPUT_WORD, PEOPLE_NOUNS
from .verbs import as_verb_or_s_form

# After the task, others brought to act: "... and get another browser to commit to it", "...
# and get two partners to sign"
OTHERS_COMMIT = re.compile(
    r"(?i)\b(?:and|then)\s+get\s+(?:another|other|more|two|three|\d+|a|an|the|our)\s+"
    r"(?:[\w-]+\s+){0,2}?to\s+(?:commit|adopt|sign|join|use|ship|support|implement|agree|fund)\b"
)
# After the task, how others responded, counted: "... that gets 100+ reads", "..., influence
# 200+ developers", "... and have 100 views", "..., >80 % satisfaction". The team's own output
# counted in the task itself ("Write 3 posts", "Interview 30 customers") has no clause before
# its number.
_RESPONSE = re.compile(
    r"(?i)(?:(?:\bthat|\bwhich|\bto|\band)\s+(?!(?:more|less|fewer|over|under|at|than|about|"
    r"around|up|all|every|each)\b)[a-z]+\b|,|;|:|\bwith\b)[^.;]{0,60}?(?:[>≥]\s*)?"
    rf"(?<![\w.]){COUNT}\s*%?\s*(?:[\w-]+\s+){{0,2}}?(?:views|reads|readers|visits|visitors|"
    r"developers|users|people|audiences?|attendees|participants|sign-?ups|downloads|installs|"
    r"stars|followers|subscribers|customers|leads|responses|replies|likes|retweets|"
    r"impressions|influences|clicks|registrations|applicants|reactions|mentions|"
    r"satisfaction|nps)\b"
)


def responded(text: str) -> bool:
    """Whether the title goes on to count how others responded (a number in a name, "Tier 1
    customers", "Season 3 viewers", is not a count)."""
    for found in _RESPONSE.finditer(text):
        number = re.search(r"(?<![\w.])[>≥]?\s*\d", found.group(0))
        before = text[: found.start() + (number.start() if number else 0)].split()
        if not (before and before[-1][:1].isupper() and before[-1].isalpha()):
            return True
    return False


# promoted by others: "Promoted to senior engineer"
PROMOTED = re.compile(r"(?i)^(?:get\s+|be\s+)?promoted\s+to\b")
# A task whose object is how others responded, counted: "Collect ≥50 nominations"
RESPONSE_COUNT = re.compile(
    rf"(?i)^(?:at least |more than |over |[>≥]\s*)?{COUNT}\s*(?:[\w-]+\s+){{0,2}}?"
    r"(?:nominations|applications|applicants|submissions|sign-?ups|registrations|responses|"
    r"pledges|donations|votes|downloads|installs|stars|followers|subscribers|referrals|"
    r"endorsements)\b"
)
# What others did to the work: "... approved by the community", "... adopted by 3 teams",
# "... signed off by governors", "... approved by the ESG committee" (not a deadline: "... by the
# end of March", "by Q3", "by mid-November", nor the team itself)
BY_OTHERS = re.compile(
    r"(?i)\b(?:approv(?:al|ed)|adopted|accepted|endorsed|ratified|used|chosen|requested|"
    r"signed\s+off|accredited|certified|funded|commissioned|selected)\s+by\s+"
    r"(?!(?:the\s+)?(?:end|start|beginning|middle|close|time|deadline)\b|(?:mid|early|late)\b|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|q[1-4]\b|h[12]\b|\d|"
    r"(?:next|this|then|us|me|myself|ourselves|the team|our team)\b)(?:the\s+|our\s+|all\s+)?[a-z]"
)
# a people noun inside a domain or a path ("joystream.org", "/users") is part of a name
PEOPLE = re.compile(rf"(?i)(?<![.@/])\b(?:{PEOPLE_NOUNS})\b(?!\.\w)")
# So many people or groups, as a verb's object: "500 course providers", "30 teams"
COUNTED_PEOPLE = re.compile(
    rf"(?i)^(?:at least |more than |over |[>≥]\s*)?{COUNT}\s*(?:[\w-]+\s+){{0,2}}?"
    r"(?:providers?|instructors?|teachers?|creators?|makers?|sellers?|merchants?|schools?|"
    rf"communities|cities|shops?|stores?|venues?|artists?|researchers?|{PEOPLE_NOUNS})\b"
)
PEOPLE_VERBS = ("add", "hire", "onboard", "recruit", "land", "win", "sign", "attract",
                 "identify", "retain", "activate", "convert", "acquire", "engage", "appoint",
                 "elect", "fill")  # fmt: skip


def people_act(text: str) -> bool:
    """Whether the title counts people who then do something themselves: "25 first-time
    contributors get a PR merged", "40 schools use the toolkit" (not what was done to them,
    "30 volunteers trained", which may be the team's own output)."""
    found = COUNTED_PEOPLE.match(text) or OUTPUT_COUNT.match(text) or _OTHERS.match(text)
    if not found:
        return False
    after = text[found.end() :].split(maxsplit=1)
    if not after or OUTPUT_WORD.fullmatch(after[0].strip(",.")):
        return False  # "8 conference talks": the output named by two nouns, no verb
    reading = as_verb_or_s_form(after[0].lower().strip(",."))
    return (
        reading is not None
        and not reading.past
        and after[0].lower() not in ("are", "is", "were", "was", "be", "been")
    )


# Others named as the subject, who act themselves: "Volunteers run 12 edit-a-thons", "Partner
# libraries host the exhibition" (not the team's own staff, whose doing is the team's work)
_OTHERS = re.compile(
    r"(?i)^(?:(?:all|most|more|our|partner|local|new|returning|existing|external)\s+)?"
    r"(?:volunteers|users|customers|members|partners|students|residents|patients|contributors|"
    r"maintainers|visitors|readers|donors|learners|parents|schools|libraries|chapters|"
    r"communities|editors|researchers|citizens|businesses|councils|developers)\b"
)
