"""`okr grade REF SCORE` sets a key result's grade; `okr grade TEAM [PERIOD] --suggest` writes
each ungraded key result's provisional score as its grade, marked as such, and a
retrospective skeleton, so the team's review starts from the figures rather than a blank
page."""

from __future__ import annotations

from datetime import date

from .. import entered
from ..check import Checked
from ..errors import UsageError
from ..grading import RETROSPECTIVE_SKELETON, rounded
from ..model_builder import scored_objective
from ..textsafe import quote
from ..yamledit import EditError, key_result_comment, set_key_result_field, set_top_level_block
from . import refs
from .change import Change, read_text

PROVISIONAL = "provisional"  # the word that marks a suggested grade's comment


def score(text: str) -> float:
    """A grade from 0.0 to 1.0 (a number as entered.py reads one); `70%` is read as 0.7,
    since people say grades both ways."""
    written = text.strip()
    percent = written.endswith("%")
    try:
        value = float(entered.number(written[:-1] if percent else written))
    except ValueError:
        value = -1.0
    value = value / 100 if percent else value
    if not 0.0 <= value <= 1.0:
        raise UsageError(
            f"{quote(text)} is not a grade: give a score from 0.0 to 1.0 (or 0% to 100%)"
        )
    return float(rounded(value)) + 0.0  # -0 is 0


def _edit_error(path: str, exc: EditError) -> UsageError:
    return UsageError(f"cannot grade in {path}: {exc}")


def set_score(checked: Checked, ref_text: str, score_text: str) -> Change:
    value = score(score_text)
    ref = refs.key_result(checked, ref_text, checked.ctx.today)
    before = read_text(ref.file.path)
    try:
        comment = key_result_comment(before, ref.objective, ref.key_result, "score")
        # a suggested grade's "provisional" comment no longer holds once someone grades it
        drop = "" if comment is not None and PROVISIONAL in comment else None
        after = set_key_result_field(
            before, ref.objective, ref.key_result, "score", value, comment=drop
        )
    except EditError as exc:
        raise _edit_error(ref.file.path.as_posix(), exc) from None
    what = f"grade {value:g} for {ref.file.team}'s {ref.name} ({ref.file.period.id})"
    return Change(ref.file.path, before, after, what)


def suggest(checked: Checked, team_text: str, period_text: str | None) -> Change:
    today = checked.ctx.today
    team = refs.team(checked, team_text)
    file = (
        refs.file_of(checked, team, refs.period(checked, period_text))
        if period_text
        else refs.to_grade(checked, team, today)
    )
    doc = refs.existing(checked, file)
    if not doc.valid:
        raise UsageError(
            f"{file.path.as_posix()} has errors; fix them first (okr check "
            f"{file.path.as_posix()}), then the scores can be worked out"
        )
    before = read_text(file.path)
    after = before
    note = _note(file.period.end, today)
    lead = checked.ctx.org.lead(team)
    try:
        for o, raw in enumerate(doc.data["objectives"]):
            objective = scored_objective(raw, team, lead, file.period, today, checked.ctx.settings)
            for k, kr in enumerate(objective.key_results):
                if kr.given_score is None:
                    value = float(rounded(kr.score))
                    after = set_key_result_field(after, o, k, "score", value, comment=note)
        if not doc.data.get("retrospective"):
            language = checked.ctx.org.language
            skeleton = RETROSPECTIVE_SKELETON.get(language) or RETROSPECTIVE_SKELETON["en"]
            after = set_top_level_block(after, "retrospective", skeleton)
    except EditError as exc:
        raise _edit_error(file.path.as_posix(), exc) from None
    what = f"suggested grades for {team}'s {file.period.id}"
    return Change(file.path, before, after, what)


def _note(end: date, today: date) -> str:
    when = "at the end" if today > end else f"so far ({today.isoformat()})"
    return f"{PROVISIONAL}: progress {when}; review it"
