"""okr new, okr checkin and okr grade through the real `okr` command, in a copy of the fixture
company: what they write, byte for byte, and what they refuse to write."""

from __future__ import annotations

import fcntl
import os
import subprocess
import time
from pathlib import Path

import pytest

from generator.authoring.change import read_text
from generator.errors import UsageError
from generator.loader import load
from tests.conftest import OKR, TODAY, Company, run_okr

PF = "okrs/2026-Q4/platform.yaml"

# Everything an author may have in a file that an edit must leave alone: comments (above,
# inline, aligned), flow and block check-ins, a block scalar, quoting, Chinese text.
STYLED = """\
# yaml-language-server: $schema=../../../../../schema/okr-file.schema.json
# Platform's OKRs: reviewed every Monday.
team: platform
period: 2026-Q4
objectives:
  - id: O1
    title: "让平台稳定可靠"             # 中文标题, quoted on purpose
    description: >
      Folded text that must stay folded,
      over two lines.
    owner: alice
    aligns_with: [acme/O1]
    key_results:
      - id: KR1
        title: 'Cut p99 API latency from 850 ms to 300 ms'
        owner: bob
        metric: { start: 850, target: 300, unit: ms }   # spaces inside braces kept
        check_ins:
          - { date: 2026-10-06, value: 790, by: bob }
          # a comment between check-ins
          - { date: 2026-11-16, value: 520 }
        initiatives:   # the work behind it
          - title: Connection pooling everywhere
            status: in_progress
      - id: KR2
        title: Keep monthly availability at or above 99.95 %
        threshold: {at_least: 99.95, unit: "%"}
        check_ins:
          - date: 2026-11-16
            value: 99.97
            note: |
              A quiet month.
              二行目も残る。
retrospective: ""
"""


def _run(company: Company, *args: str, today: str = TODAY):
    return run_okr(*args, "--today", today, cwd=company.root)


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def _only_inserted(before: str, after: str, at: int, inserted: list[str]) -> None:
    """`after` is `before` with `inserted` lines at line index `at`, every other byte equal."""
    assert _lines(after) == _lines(before)[:at] + inserted + _lines(before)[at:]


@pytest.mark.parametrize("ending", ["\n", "\r\n"])
def test_checkin_changes_only_its_lines(company: Company, ending: str) -> None:
    before = STYLED.replace("\n", ending)
    path = company.root / PF
    path.write_bytes(before.encode("utf-8"))
    result = _run(company, "checkin", "platform/O1/KR1", "480", "--by", "bob")
    assert result.code == 0, result.err
    after = path.read_bytes().decode("utf-8")
    line = _lines(before).index(f"          - {{ date: 2026-11-16, value: 520 }}{ending}") + 1
    new = f"          - {{ date: {TODAY}, value: 480, by: bob }}{ending}"
    _only_inserted(before, after, line, [new])
    # the diff it printed is the change it made
    assert f"+          - {{ date: {TODAY}, value: 480, by: bob }}" in result.out
    assert f"wrote {PF}: a check-in on platform's O1/KR1 (2026-Q4)" in result.out


def test_checkin_with_a_note_follows_the_block_style(company: Company) -> None:
    path = company.write(PF, STYLED)
    result = _run(
        company, "checkin", "platform/O1/KR2", "99.91", "--status", "at-risk",
        "--confidence", "6", "--note", "Two short outages: 平台迁移中",
    )  # fmt: skip
    assert result.code == 0, result.err
    after = path.read_text(encoding="utf-8")
    line = _lines(STYLED).index("              二行目も残る。\n") + 1
    new = [
        f"          - date: {TODAY}\n",
        "            value: 99.91\n",
        "            status: at_risk\n",
        "            confidence: 6\n",
        "            note: 'Two short outages: 平台迁移中'\n"
        if "'Two" in after
        else '            note: "Two short outages: 平台迁移中"\n',
    ]
    _only_inserted(STYLED, after, line, new)
    latest = load(after)["objectives"][0]["key_results"][1]["check_ins"][-1]
    assert latest == {
        "date": TODAY, "value": 99.91, "status": "at_risk", "confidence": 6,
        "note": "Two short outages: 平台迁移中",
    }  # fmt: skip


def test_a_milestone_and_an_update_without_a_value(company: Company) -> None:
    company.write(PF, STYLED.replace("threshold: {at_least: 99.95, unit: \"%\"}", "milestone: true")
                  .replace("value: 99.97", "done: false"))  # fmt: skip
    done = _run(company, "checkin", "2026-Q4:platform/O1/KR2", "done")
    assert done.code == 0, done.err
    update = _run(company, "checkin", "platform/O1/KR1", "-", "--status", "off_track",
                  "--note", "Vendor slipped")  # fmt: skip
    assert update.code == 0, update.err
    data = load((company.root / PF).read_text(encoding="utf-8"))
    krs = data["objectives"][0]["key_results"]
    assert krs[1]["check_ins"][-1] == {"date": TODAY, "done": True}
    assert krs[0]["check_ins"][-1] == {"date": TODAY, "status": "off_track",
                                       "note": "Vendor slipped"}  # fmt: skip


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Platfrom/O1/KR1", "1"], "no team 'Platfrom' in okrs/org.yaml (did you mean 'platform'?)"),
        (["platform/o1/KR1", "1"], "no objective 'o1' in okrs/2026-Q4/platform.yaml (did you mean 'O1'?)"),
        (["platform/O1/KRl", "1"], "no key result 'KRl' in okrs/2026-Q4/platform.yaml, objective O1 (did you mean 'KR1'?)"),
        (["platform/0l/KR1", "1"], "(did you mean 'O1'?)"),
        (["platform/O1", "1"], "does not name a key result: write [PERIOD:]TEAM/OBJECTIVE/KEY-RESULT"),
        (["2027-Q1:platform/O1/KR1", "1"], "okrs/2027-Q1/platform.yaml does not exist: start it with `okr new platform 2027-Q1`"),
        (["2026-Q5:platform/O1/KR1", "1"], "'2026-Q5' is not a period"),
        (["platform/O1/KR1", "done"], "O1/KR1 is a metric key result: check in a number, not done"),
        (["platform/O1/KR1", "1,5"], "'1,5' is not a value"),
        (["platform/O1/KR1", "1e999"], "too large"),
        (["platform/O1/KR1", "-"], "an update without a value (-) needs --status, --confidence or --note"),
        (["platform/O1/KR1", "3", "--confidence", "11"], "--confidence runs from 1 to 10"),
        (["platform/O1/KR1", "3", "--status", "great"], "--status is 'great'; use one of"),
        (["platform/O1/KR1", "3", "--date", "2026-02-30"], "--date"),
        # one grammar for what is typed (generator/entered.py): what the message says, and
        # nothing read as something else
        (["platform/O1/KR1", "3", "--date", "20261122"], "--date must be a date like 2026-11-22"),
        (["platform/O1/KR1", "3", "--date", "2026-W47"], "--date must be a date like 2026-11-22"),
        (["platform/O1/KR1", "3", "--date", "2026-11-22 "], "--date must be a date like 2026-11-22"),
        (["platform/O1/KR1", "1e-400"], "'1e-400' is too small to be told from 0"),
        (["platform/O1/KR1", "1e16"], "'1e16' is too large (more than 10^15 in size)"),
        (["platform/O1/KR1", "9" * 33], "is too large (more than 10^15 in size)"),
        (["platform/O1/KR1", "١٢"], "is not a value"),
        (["platform/O1/KR1", "0x10"], "'0x10' is not a value"),
        (["platform/O1/KR1", "3", "--confidence", "٥"], "--confidence runs from 1 to 10"),
        (["platform/O1/KR1", "3", "--confidence", "five"], "--confidence runs from 1 to 10"),
    ],
)  # fmt: skip
def test_checkin_says_what_is_wrong_and_writes_nothing(
    company: Company, args: list[str], message: str
) -> None:
    before = (company.root / PF).read_bytes()
    result = _run(company, "checkin", *args)
    assert result.code == 2, (result.out, result.err)
    assert message in result.err
    assert (company.root / PF).read_bytes() == before


def test_a_change_that_adds_an_error_is_refused(company: Company) -> None:
    before = (company.root / PF).read_bytes()
    future = _run(company, "checkin", "platform/O1/KR1", "400", "--date", "2026-12-01")
    assert future.code == 1
    assert "okr: refused: a check-in on platform's O1/KR1 (2026-Q4) would add 1 error" in future.err
    assert "error [check-in-dates] check-in date 2026-12-01 is in the future" in future.out
    unknown = _run(company, "checkin", "platform/O1/KR1", "400", "--by", "bobb")
    assert unknown.code == 1
    assert "(did you mean 'bob'?)" in unknown.out
    assert (company.root / PF).read_bytes() == before


def test_an_existing_error_elsewhere_does_not_block_a_check_in(company: Company) -> None:
    acme = company.root / "okrs/2026-Q4/acme.yaml"
    acme.write_text(acme.read_text().replace("title: Make reliability", "titel: Make reliability"))
    assert company.check("okrs").code == 1  # the folder has an error before
    result = _run(company, "checkin", "platform/O1/KR1", "480")
    assert result.code == 0, result.out + result.err
    assert load((company.root / PF).read_text())["objectives"][0]["key_results"][0]["check_ins"][
        -1
    ] == {"date": TODAY, "value": 480}


def test_dry_run_shows_the_change_and_writes_nothing(company: Company) -> None:
    before = (company.root / PF).read_bytes()
    result = _run(company, "checkin", "platform/O1/KR1", "480", "--dry-run")
    assert result.code == 0, result.err
    assert f"+          - {{date: {TODAY}, value: 480}}" in result.out
    assert "dry run: a check-in on platform's O1/KR1 (2026-Q4) checked; nothing was written" in (
        result.out
    )
    assert (company.root / PF).read_bytes() == before


def test_the_running_period_is_the_shortest_that_runs_today(company: Company) -> None:
    # acme has a file for the year 2026 and for 2026-Q4: a check-in goes to the quarter
    result = _run(company, "checkin", "acme/O1/KR1", "6")
    assert result.code == 0, result.err
    assert "wrote okrs/2026-Q4/acme.yaml" in result.out
    # on a day no file of the team runs, the command says which period to name
    later = _run(company, "checkin", "platform/O1/KR1", "6", today="2027-02-01")
    assert later.code == 2
    assert "platform has no OKR file for a period running on 2027-02-01 (its latest is " in (
        later.err
    )
    assert "2026-Q4:platform/O1/KR1" in later.err


def test_a_file_that_is_a_link_is_not_written_through(company: Company, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_bytes((company.root / PF).read_bytes())
    (company.root / PF).unlink()
    (company.root / PF).symlink_to(outside)
    before = outside.read_bytes()
    result = _run(company, "checkin", "platform/O1/KR1", "480")
    assert result.code == 2
    assert result.err.startswith("okr: ")
    assert outside.read_bytes() == before


# --- okr grade ---------------------------------------------------------------------------


def test_grade_sets_a_score_in_place(company: Company) -> None:
    before = (company.root / PF).read_text()
    result = _run(company, "grade", "platform/O1/KR1", "70%")
    assert result.code == 0, result.err
    after = (company.root / PF).read_text()
    line = _lines(before).index("            owner: bob\n") + 1  # the initiative's last line
    _only_inserted(before, after, line, ["        score: 0.7\n"])
    regrade = _run(company, "grade", "platform/O1/KR1", "0.65")
    assert regrade.code == 0
    assert (company.root / PF).read_text() == after.replace("score: 0.7\n", "score: 0.65\n")
    for bad in ("1.5", "-0.1", "high", "nan", "٠.٥", "1_0", "0x1", "inf", "%"):
        refused = _run(company, "grade", "platform/O1/KR1", bad)
        assert refused.code == 2 and "is not a grade" in refused.err, (bad, refused.err)
    assert (company.root / PF).read_text() == after.replace("score: 0.7\n", "score: 0.65\n")
    zero = _run(company, "grade", "platform/O1/KR1", "-0")
    assert zero.code == 0, zero.err
    assert "        score: 0.0\n" in (company.root / PF).read_text()  # -0 is 0


def test_a_typed_today_is_a_day_as_the_files_write_one(company: Company) -> None:
    """--today (every command) takes YYYY-MM-DD only: 20261122 or 2026-W47 would be read as
    a day the user did not write."""
    for command in (["check"], ["checkin", "platform/O1/KR1", "3"], ["remind"]):
        for day in ("20261122", "2026-W47", "2026-1-5", "２０２６-１１-２２"):
            result = _run(company, *command, today=day)
            assert result.code == 2, (command, day, result.out)
            assert "--today must be a date like 2026-11-22" in result.err, (command, result.err)
    assert _run(company, "check", today=TODAY).code in (0, 1)  # the files were checked


def test_suggest_writes_provisional_grades_and_a_retrospective(company: Company) -> None:
    # 2026-Q4 has ended on this day: the team's latest period with ungraded key results
    day = "2027-01-04"
    path = company.root / PF
    before = path.read_text()
    data = load(before)
    ungraded = [
        (o, k) for o, obj in enumerate(data["objectives"])
        for k, kr in enumerate(obj["key_results"]) if "score" not in kr
    ]  # fmt: skip
    assert ungraded, "the fixture needs ungraded key results"
    result = _run(company, "grade", "platform", "--suggest", today=day)
    assert result.code == 0, result.err
    assert f"wrote {PF}: suggested grades for platform's 2026-Q4" in result.out
    after = load(path.read_text())
    # the scores are the provisional scores the site shows
    from generator.check import check_tree
    from generator.model_builder import scored_objective

    checked = check_tree(company.root / "okrs", day)
    period = checked.ctx.org.periods.get("2026-Q4")
    for o, k in ungraded:
        expected = scored_objective(
            data["objectives"][o], "platform", "alice", period, checked.ctx.today,
            checked.ctx.settings,
        ).key_results[k].score  # fmt: skip
        assert after["objectives"][o]["key_results"][k]["score"] == round(expected, 2)
    assert "# provisional: progress at the end; review it" in path.read_text()
    assert "What we change next period:" in after["retrospective"]
    # the skeleton is not a retrospective: the check keeps asking for one
    check = company.check("okrs", "--today", day)
    assert check.code == 0, check.out
    assert "warning [ungraded] the retrospective still holds '- (to write)' lines" in check.out
    # grading a suggested key result drops the word "provisional" from its line
    o, k = ungraded[0]
    ref = f"2026-Q4:platform/{data['objectives'][o]['id']}/{data['objectives'][o]['key_results'][k]['id']}"
    assert _run(company, "grade", ref, "0.5", today=day).code == 0
    line = next(ln for ln in path.read_text().splitlines() if ln.strip().startswith("score: 0.5"))
    assert "provisional" not in line


def test_suggest_with_nothing_to_grade_changes_nothing(company: Company) -> None:
    path = company.root / PF
    assert _run(company, "grade", "platform", "2026-Q4", "--suggest").code == 0
    graded = path.read_bytes()
    again = _run(company, "grade", "platform", "2026-Q4", "--suggest")
    assert again.code == 0
    assert f"{PF}: no change" in again.out
    assert path.read_bytes() == graded


# --- okr new ------------------------------------------------------------------------------


def test_new_starts_a_valid_commented_file(company: Company) -> None:
    result = _run(company, "new", "platform", "2027-Q1", today="2026-12-20")
    assert result.code == 0, result.err
    text = (company.root / "okrs/2027-Q1/platform.yaml").read_text()
    assert text.startswith(
        "# yaml-language-server: $schema=../../../../../schema/okr-file.schema.json\n"
    )
    assert load(text) == {"team": "platform", "period": "2027-Q1", "objectives": []}
    assert "# Example Co has no OKRs for 2027-Q1 yet" in text
    assert "#     aligns_with: [acme/O1]" in text  # the example aligns with the parent
    check = run_okr("check", "okrs", "--today", "2026-12-20", cwd=company.root)
    assert check.code == 0, check.out
    assert "okrs/2027-Q1/platform.yaml:" in check.out  # it was checked: objective-count warns
    again = _run(company, "new", "platform", "2027-Q1", today="2026-12-20")
    assert again.code == 2 and "already exists" in again.err


def test_new_lists_what_to_align_with_but_never_a_confidential_objective(
    company: Company,
) -> None:
    company.write("okrs/2027-Q1/acme.yaml", """\
team: acme
period: 2027-Q1
objectives:
  - id: O1
    title: Win the enterprise segment
    aligns_with: []
    key_results: []
  - id: O2
    title: Buy our biggest rival
    confidential: true
    aligns_with: []
    key_results: []
""")  # fmt: skip
    result = _run(company, "new", "platform", "2027-Q1", today="2026-12-20")
    assert result.code == 0, result.err
    text = (company.root / "okrs/2027-Q1/platform.yaml").read_text()
    assert "#   acme/O1: Win the enterprise segment" in text
    assert "rival" not in text and "rival" not in result.out


def test_new_from_carries_over_what_was_not_delivered(company: Company) -> None:
    # Q4 ended: O1/KR1 (latency) is at 700 of 850 -> 300, O1/KR2 holds its threshold, so
    # O1 scores (0.27 + 1.0) / 2 = 0.64: not delivered
    pf = company.root / PF
    pf.write_text(pf.read_text().replace("value: 520, note", "value: 700, note"))
    result = _run(company, "new", "platform", "2027-Q1", "--from", "2026-Q4", today="2027-01-04")
    assert result.code == 0, result.err
    text = (company.root / "okrs/2027-Q1/platform.yaml").read_text()
    data = load(text)
    assert data["period"] == "2027-Q1"
    [objective] = data["objectives"]
    assert objective["id"] == "O1"
    [kr] = objective["key_results"]  # KR2 was delivered: it stays in Q4
    assert kr["id"] == "KR1"
    assert kr["metric"] == {"start": 700, "target": 300, "unit": "ms"}
    for gone in ("check_ins", "score", "due"):
        assert gone not in kr
    assert kr["initiatives"] == [
        {"title": "Connection pooling everywhere", "url": "https://tracker.example.com/PLAT-123",
         "status": "in_progress", "owner": "bob"},
    ]  # fmt: skip
    assert "recognition" not in data
    # acme has no 2027-Q1 file: the link is kept as a comment to re-align
    assert "aligns_with" not in objective
    assert "# was aligned with acme/O1 in 2026-Q4: re-align it with 2027-Q1" in text
    assert "# KR2 delivered in 2026-Q4: not carried over" in text
    assert "# was 850 at the start of 2026-Q4: does the title still say so?" in text
    check = run_okr("check", "okrs/2027-Q1/platform.yaml", "--today", "2027-01-04",
                    cwd=company.root)  # fmt: skip
    assert check.code == 0, check.out
    assert "[unaligned-objective]" in check.out  # checked, and nudged to re-align


def test_new_from_keeps_a_link_that_still_resolves(company: Company) -> None:
    # a link to the year's company objective covers the new quarter too
    pf = company.root / PF
    text = pf.read_text().replace("aligns_with: [acme/O1]", 'aligns_with: ["2026:acme/O1"]')
    pf.write_text(text.replace("value: 520, note", "value: 700, note"))
    result = _run(company, "new", "platform", "2026-Q4x", "--from", "2026-Q4")
    assert result.code == 2 and "'2026-Q4x' is not a period" in result.err
    (company.root / "okrs/2026-Q3/platform.yaml").unlink()
    moved = _run(company, "new", "platform", "2026-Q3", "--from", "2026-Q4", today="2027-01-04")
    assert moved.code == 0, moved.out + moved.err
    data = load((company.root / "okrs/2026-Q3/platform.yaml").read_text())
    assert data["objectives"][0]["aligns_with"] == ["2026:acme/O1"]


def test_new_refuses_an_unknown_team_with_a_suggestion(company: Company) -> None:
    result = _run(company, "new", "platfrom", "2027-Q1")
    assert result.code == 2
    assert "no team 'platfrom' in okrs/org.yaml (did you mean 'platform'?)" in result.err
    assert not (company.root / "okrs/2027-Q1").exists()


def test_new_speaks_the_company_language(company: Company) -> None:
    org = company.root / "okrs/org.yaml"
    org.write_text(org.read_text().replace("  timezone: UTC", "  timezone: UTC\n  language: zh"))
    result = _run(company, "new", "platform", "2027-Q1", today="2026-12-20")
    assert result.code == 0, result.err
    text = (company.root / "okrs/2027-Q1/platform.yaml").read_text()
    assert "# Platform 在 2027-Q1（2027-01-01 至 2027-03-31）的 OKR，由 `okr new` 创建。" in text


def test_an_edit_waits_for_another_and_never_drops_its_work(company: Company) -> None:
    """Two commands editing one file at once: the second compares and writes only after the
    first has written, so it sees the change and refuses rather than dropping the first one's
    line (both used to say "wrote" now and then, with one line lost). Here the first writer
    is this test, holding the folder's lock while the command runs."""
    path = company.root / PF
    folder = os.open(path.parent, os.O_RDONLY)
    fcntl.flock(folder, fcntl.LOCK_EX)
    try:
        proc = subprocess.Popen(
            [str(OKR), "checkin", "platform/O1/KR1", "480", "--today", TODAY],
            cwd=company.root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        before = path.read_text()
        time.sleep(3)  # the command has long checked its change: it waits to write
        assert proc.poll() is None and path.read_text() == before
        path.write_text(before.replace("value: 790", "value: 780"))  # the other writer's work
    finally:
        os.close(folder)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode != 0 and "changed while okr ran; nothing written" in err, (out, err)
    assert "value: 780" in path.read_text() and "value: 480" not in path.read_text()


def test_no_edit_writes_through_a_linked_period_folder(company: Company, tmp_path: Path) -> None:
    """A period folder that is a symbolic link (the check refuses to read one) is not written
    through either: `okr new` would create its file wherever the link points."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (company.root / "okrs/2027-Q1").symlink_to(elsewhere, target_is_directory=True)
    result = _run(company, "new", "platform", "2027-Q1")
    assert result.code != 0 and "symbolic link to a folder" in result.err, result
    assert list(elsewhere.iterdir()) == []


def test_new_from_a_running_period_waits_for_its_end(company: Company) -> None:
    """What a period did not deliver is known once it has ended: carried over before, every
    key result was judged by its progress so far, and a file could say "Every objective of
    2026-Q4 was delivered" of a quarter still running."""
    result = _run(company, "new", "platform", "2027-Q1", "--from", "2026-Q4")
    assert result.code == 2, result
    assert "2026-Q4 runs until 2026-12-31: carry over from it once it has ended" in result.err
    assert not (company.root / "okrs/2027-Q1").exists()
    after = _run(company, "new", "platform", "2027-Q1", "--from", "2026-Q4", today="2027-01-04")
    assert after.code == 0, after.err
    assert "Carried over from 2026-Q4" in (company.root / "okrs/2027-Q1/platform.yaml").read_text()


def test_a_pipe_in_place_of_the_file_is_refused_not_waited_on(tmp_path: Path) -> None:
    """The file is read again just before it is written (to see whether someone changed it):
    a named pipe put in its place meanwhile is refused at once, where reading it waited
    forever."""
    pipe = tmp_path / "platform.yaml"
    os.mkfifo(pipe)
    with pytest.raises(UsageError, match=r"platform\.yaml"):
        read_text(pipe)


def test_a_read_only_file_is_not_replaced(company: Company) -> None:
    """A file made read-only on purpose: an edit is refused, where the rename of a new file
    over it replaced it all the same (the folder is writable)."""
    path = company.root / PF
    before = path.read_text()
    path.chmod(0o444)
    result = _run(company, "checkin", "platform/O1/KR1", "480")
    assert result.code == 2 and "is read-only; nothing written" in result.err, result
    assert path.read_text() == before and (path.stat().st_mode & 0o777) == 0o444


def test_a_file_that_cannot_be_read_is_refused_with_the_checks_findings(company: Company) -> None:
    """The edit names what is wrong the way `okr check` does, at `path:line:col`, not as the
    loader's raw error."""
    path = company.root / PF
    path.write_text(
        path.read_text().replace("check_ins:\n", "check_ins: []\n        check_ins:\n", 1)
    )
    check = company.check("okrs")
    expected = next(line for line in check.out.splitlines() if "duplicate key" in line)
    assert expected.startswith("okrs/2026-Q4/platform.yaml:"), check.out
    result = _run(company, "checkin", "platform/O1/KR1", "480")
    assert result.code == 2 and "cannot be read; fix it first" in result.err, result
    assert expected in result.err.splitlines() and "((" not in result.err
