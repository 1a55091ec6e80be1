"""The team's own output counted, and the time it puts in: what `activity.py` reads as work
before anything else.

"Publish 3 blog posts", "12 streams", "10 sessions held", "Revision sessions every Saturday"
count or name the team's own output; "1hr studying a week", "20 pomodoros per week", "10k
steps" count the effort put in. Each is an activity unless the output goes on to an outcome
("1 post hits the top 5", "3 papers accepted at ...", "40 schools use the toolkit") or the
time is what the result saves or waits ("4 hours per week saved").
"""

from __future__ import annotations

import re

from .verbs import as_verb_or_s_form

# a count as titles write it: "100+", "3,000", "25k"
COUNT = r"\d[\d,.]*+\s*+(?:k\b)?\+?"  # possessive: a long run of digits is read once

_OUTPUT = (
    r"(?:blog\s+)?posts?|articles?|talks?|streams?|videos?|episodes?|podcasts?|events?|"
    r"workshops?|meetups?|webinars?|meetings?|calls?|interviews?|surveys?|tutorials?|"
    r"guides?|documents?|docs|newsletters?|inquiries|emails?|demos?|presentations?|"
    r"sessions?|roundtables?|amas?|hackathons?|courses?|trainings?|tweets?|threads?|prs?|"
    r"pull requests?|patches|confs?|conferences?|awards?|fellowships?|grants?|prizes?|"
    r"scholarships?|paintings?|drawings?|songs?|chapters?|papers?|publications?|postmortems?|"
    r"consultations?|exhibitions?|reports?|revision\s+sessions?|clinics?|tours?|briefings?|"
    r"edit-?a-?thons?|retreats?|seminars?|lectures?|masterclasses|bootcamps?|festivals?"
)


# what a count of time counts: never a count of the team's own output ("30 minutes average
# session length")
_TIME_UNITS = r"seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|average|median|mean"


PEOPLE_NOUNS = (
    r"developers?|engineers?|designers?|members?|people|persons?|hires?|staff|"
    r"employees?|contributors?|ambassadors?|volunteers?|maintainers?|sres?|managers?|"
    r"advocates?|team|teams|customers?|users?|partners?|co-hosts?|hosts?|greeters?|mentors?|"
    r"speakers?|organi[sz]ers?|leads?|owners?|profiles?|candidates?|companies|organi[sz]ations?|"
    r"orgs?|clients?|enterprises?|students?|seniors?|juniors?|interns?|pms?|champions?|"
    r"sponsors?|donors?|subscribers?|accounts?|logos?|learners?|attendees?|participants?|"
    r"visitors?|readers?|viewers?|listeners?|followers?|fans?|"
    # a role filled: "Appoint a Head of Demand Planning", "Elect two trustees"
    r"heads?|directors?|chairs?|chairpersons?|trustees?|officers?|coordinators?|ceo|cto|cfo|coo|"
    r"vps?|governors?|fellows?|apprentices?|nurses?|doctors?|teachers?|"
    # a post filled: "Fill twenty vacant nursing posts", "Fill the two vacancies"
    r"vacanc(?:y|ies)|vacant"
)


NUMBER_WORDS = (
    r"an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|sixty|ninety"
)


# the team's own output counted, in digits or words: "3 blog posts", "Two talks at ...", "One
# painting a week"
OUTPUT_COUNT = re.compile(
    rf"(?i)^(?:(?:have|hold|host|run|give|do)\s+)?(?:at least |not less than |more than |over )?"
    rf"(?:(?!(?:19|20)\d\d\b)\d[\d,]*\+?|(?!an?\b)(?:{NUMBER_WORDS})\b)(?:\s*[x×])?\s+(?:\([^)]*\)\s+)?(?:new\s+)?(?!(?:more|fewer|less)\s)"
    rf"(?:(?!(?:on|in|at|from|for|to|of|by|with|per|{PEOPLE_NOUNS}|{_TIME_UNITS})\s)[\w-]+\s+)"
    r"{0,3}?"
    rf"(?:{_OUTPUT})\b"
)


# Time put into the work, what goes in rather than what comes out: "1hr studying at least
# once a week", "Ten hours in analysis and development", "20 freelance pomodoros per week",
# "60 mins guitar practice per week", "Not spend more than 5 hours in research"
EFFORT = re.compile(
    r"(?i)^(?:(?:not\s+)?spend\s+(?:(?:no\s+)?(?:more|less|fewer)\s+than\s+|at\s+(?:least|most)\s+|"
    rf"up\s+to\s+)?|at\s+least\s+)?(?:\d[\d,.]*+|{NUMBER_WORDS})\s*+(?:-\s*+)?(?:"
    r"(?:[\w-]+\s+)?pomodoros?\b|(?:hours?|hrs?|hr|h|minutes?|mins?)\b\s*+"
    r"(?:(?:of|in|on|for|doing)\s++)?(?:(?:[\w&+/-]++\s++){0,2}?(?:[a-z]{3,}ing|analysis|"
    r"development|research|practice|study|exercise|work|training)\b|"
    r"(?:[^\s]++\s*+)*?\b(?:per|a|every|each)\s+(?:day|week|month|weekday|workday)\b))"
)


# Exercise counted, the effort itself: "> 20 pushups each day", "10k steps", "30 laps a week"
EXERCISE = re.compile(
    rf"(?i)^(?:[>≥~]\s*|at\s+least\s+|over\s+|more\s+than\s+)?(?:\d[\d,.]*+k?|{NUMBER_WORDS})"
    r"\s*+(?:k\s+)?(?:push-?ups?|pull-?ups?|sit-?ups?|chin-?ups?|squats?|burpees?|lunges?|"
    r"crunches|steps|laps|reps|pushups|pullups)\b"
)


# ... unless the time is what the result saves or waits: "4 hours per week saved", "2 hours of
# downtime", "1 hour response time"
TIME_RESULT = re.compile(
    r"(?i)\b(?:saved|saving|downtime|outages?|response|responding|waiting|wait|delays?|latency|"
    r"lead|turnaround|resolution|recovery|fewer|less|faster|under|below|within|remaining|"
    r"outstanding|uptime|build|builds|queue|queued|time|times|length|duration|average|median|"
    r"mean|watched|viewed|streamed|listened|played|coverage|availability|loading|shipping)\b"
)


PASSIVE_OUTPUT = re.compile(
    rf"(?i)\b(?:{_OUTPUT})\b(?:.*\b(?:are|were|is|was|been|get|got))?\s+(?:\w+\s+)?(?:posted|"
    r"published|conducted|organi[sz]ed|held|hosted|uploaded|written|created|produced|given|"
    r"delivered|recorded|sent|run|promoted|launched|released|merged)\b"
)


# The team's output reaching an outcome: "1 post hits the top 5 in Hacker News"
OUTPUT_THEN = re.compile(
    rf"(?i)^(?:\d[\d,]*|(?:{NUMBER_WORDS})\b)\s+(?:[\w-]+\s+){{0,4}}?(?:hits?|reach(?:es)?|gets?|"
    r"receives?|drives?|ranks?|achieves?|wins?|converts?|accepted|cited|funded|selected|"
    r"awarded|shortlisted|featured)\b"
)


OUTPUT_WORD = re.compile(rf"(?i)(?:{_OUTPUT})")


# The team's own sessions, meetings or interviews, named with how often or for whom they run:
# "Revision sessions every Saturday in the spring term", "Exit interview with every volunteer
# who leaves", "Personal tutor meeting in week 3 for every first-year"
_ROUTINE = re.compile(
    r"(?i)^(?:[\w'’-]+\s+){0,3}?(?:sessions?|meetings?|interviews?|check-?ins?|clinics?|"
    r"workshops?|webinars?|surgeries|drop-?ins?|tours?|briefings?|visits?|calls?|"
    r"stand-?ups?|retros?|retrospectives?|one-to-ones?|1:1s?)\s+"
    r"(?:[\w'’-]+\s+){0,4}?(?:every|each|weekly|monthly|fortnightly|daily)\b"
)


def routine(text: str, words: list[str]) -> bool:
    """A routine of the team's own sessions, and nothing said of what they bring (no amount,
    no verb: "Weekly calls with every customer reduce churn to 2 %" is judged by its result)."""
    if not _ROUTINE.match(text) or "%" in text:
        return False
    for word in words:
        lower = word.lower()
        if lower in ("is", "are", "was", "were", "has", "have", "can", "will"):
            return False
        reading = as_verb_or_s_form(lower)
        if reading is not None and not reading.also_noun and not reading.past:
            return False
    return True
