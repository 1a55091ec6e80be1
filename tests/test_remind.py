"""`okr remind` through the real command: what is due under the one staleness policy, by team,
with owners, handles and the team's OKR ambassador; Markdown that no title can turn into a
mention, a link or HTML; confidential key results only counted."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import ROOT, run_okr


def remind(cwd: Path, today: str, fmt: str = "json", *extra: str) -> str:
    result = run_okr("remind", "--today", today, "--format", fmt, *extra, cwd=cwd)
    assert result.code == 0, result.err
    return result.out


def example(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "okrs", tmp_path / "okrs")
    return tmp_path


def test_example_company_stale_key_results_by_team_with_people(tmp_path):
    data = json.loads(remind(example(tmp_path), "2026-11-22"))
    assert data["today"] == "2026-11-22" and data["policy"] == {"max-days": 14, "max-days-long": 35}
    teams = {t["id"]: t for t in data["teams"]}
    # on 2026-11-22 only mobile's O1/KR2 (last check-in 2026-11-02) is past 14 days: the same
    # key result `okr check` calls stale on that day
    assert list(teams) == ["mobile"] and data["due"] == 1
    mobile = teams["mobile"]
    assert [s["ref"] for s in mobile["stale"]] == ["2026-Q4:mobile/O1/KR2"]
    stale = mobile["stale"][0]
    assert (stale["days"], stale["since"], stale["limit"]) == (20, "2026-11-02", 14)
    assert stale["owner"] == {"id": "tom", "name": "Tom Becker", "github": None}
    assert mobile["github"] == ["@acme/mobile"]
    # mobile names no ambassador: engineering's (its parent) is inherited
    assert mobile["ambassador"] == {"id": "carol", "name": "Carol Dubois", "github": "@caroldubois"}
    check = run_okr("check", "okrs", "--today", "2026-11-22", cwd=tmp_path)
    stale_lines = [x for x in check.out.splitlines() if "[stale-check-in]" in x]
    assert len(stale_lines) == 1 and stale_lines[0].startswith("okrs/2026-Q4/mobile.yaml")


def test_confidential_key_results_are_counted_never_named(tmp_path):
    root = example(tmp_path)
    data = json.loads(remind(root, "2026-12-06"))
    growth = next(t for t in data["teams"] if t["id"] == "growth")
    assert growth["confidential_stale"] == 2
    assert all(s["objective"] != "O3" for s in growth["stale"])
    for fmt in ("json", "text", "markdown"):
        out = remind(root, "2026-12-06", fmt)
        assert "due diligence" not in out and "letter of intent" not in out, fmt
        assert "acquisition" not in out.lower(), fmt
    assert "2 key results of confidential objectives are stale" in remind(
        root, "2026-12-06", "text"
    )
    # a team's own ambassador wins over the inherited one
    data_team = next(t for t in data["teams"] if t["id"] == "data")
    assert data_team["ambassador"]["id"] == "zhou-min"


def test_ended_periods_to_grade_and_running_periods_without_a_file(tmp_path):
    root = example(tmp_path)
    (root / "okrs/2027-Q1").mkdir()
    shutil.copy(root / "okrs/2026-Q4/platform.yaml", root / "okrs/2027-Q1/platform.yaml")
    text = (root / "okrs/2027-Q1/platform.yaml").read_text()
    (root / "okrs/2027-Q1/platform.yaml").write_text(
        text.replace("period: 2026-Q4", "period: 2027-Q1")
    )
    data = json.loads(remind(root, "2027-01-10"))
    teams = {t["id"]: t for t in data["teams"]}
    # 2026-Q4 has ended and nobody graded it; the company's annual 2026 too
    assert all(t["ungraded"][0] == "2026-Q4" for t in teams.values()) and len(teams) == 10
    assert teams["acme"]["ungraded"] == ["2026-Q4", "2026"]
    # teams that published 2026-Q4 have no 2027-Q1 file (platform has one), and the company
    # that had annual OKRs for 2026 has none for 2027
    assert teams["mobile"]["missing"] == ["2027-Q1"] and teams["platform"]["missing"] == []
    assert teams["acme"]["missing"] == ["2027", "2027-Q1"]
    assert teams["platform"]["stale"][0]["ref"].startswith("2027-Q1:platform/")
    text_out = remind(root, "2027-01-10", "text")
    assert "okr grade mobile 2026-Q4 --suggest" in text_out
    assert "2027-Q1 is running and the team has no OKRs for it yet" in text_out


def test_markdown_mentions_handles_and_nothing_a_file_wrote(company):
    company.write(
        "okrs/org.yaml",
        (company.root / "okrs/org.yaml")
        .read_text()
        .replace(
            "    lead: alice",
            '    lead: alice\n    github: "@example/platform"\n    ambassador: bob',
        )
        .replace(
            "{id: bob, name: Bob Okafor, team: platform}",
            '{id: bob, name: "Bob @everyone <b>x</b>", team: platform, github: "@bobo"}',
        ),
    )
    path = company.root / "okrs/2026-Q4/platform.yaml"
    hostile = "Cut p99 @everyone <script>alert(1)</script> [x](javascript:alert(1)) **b** `c`"
    path.write_text(
        path.read_text().replace("Cut p99 API latency from 850 ms to 300 ms", json.dumps(hostile))
    )
    out = remind(company.root, "2026-12-20", "markdown")
    assert out.startswith("<!-- okr-remind -->\n## OKR check-ins due\n")
    assert "@example/platform" in out and "@bobo" in out  # handles from org.yaml mention
    assert "`2026-Q4:platform/O1/KR1`" in out and "- [ ] " in out
    assert "@everyone" not in out and "@\u2060everyone" in out
    assert "<script" not in out and "<b>" not in out and "](javascript" not in out
    assert "**b**" not in out and "\\*\\*b\\*\\*" in out
    assert out.count("<!-- okr-remind -->") == 1


def test_nothing_due_then_two_weeks_without_a_check_in(company):
    data = json.loads(remind(company.root, "2026-11-22"))
    assert data["due"] == 0 and data["teams"] == []
    assert remind(company.root, "2026-11-22", "text").startswith("Nothing is due.")
    assert "Nothing is due" in remind(company.root, "2026-11-22", "markdown")
    check = company.lint("okrs", today="2026-11-22")
    assert check.checked("okrs/2026-Q4/platform.yaml", "stale-check-in")
    assert "[stale-check-in]" not in check.out
    # 15 days after the last check-in (2026-11-16): both platform key results are due
    data = json.loads(remind(company.root, "2026-12-01"))
    assert [s["ref"] for t in data["teams"] for s in t["stale"]] == [
        "2026-Q4:acme/O1/KR1",
        "2026-Q4:platform/O1/KR1",
        "2026-Q4:platform/O1/KR2",
    ]
    # platform's KR2 names no owner: its objective's owner is the one to ask
    assert data["teams"][1]["stale"][1]["owner"]["id"] == "alice"
    assert data["due"] == 3


def test_the_markdown_fits_an_issue_body(tmp_path, monkeypatch):
    """GitHub refuses bodies over 65,536 characters: a long list is cut at a team, saying so."""
    from generator import remind

    monkeypatch.setattr(remind, "BODY_LIMIT", 4000)
    from generator.check import check_tree
    from generator.model_builder import build_model

    root = example(tmp_path)
    checked = check_tree(root / "okrs", "2026-12-06")
    ctx = checked.ctx
    model = build_model(ctx.org, ctx.workspace.documents, ctx.today, ctx.settings)
    reminders = remind.Reminders(model, ctx.org)
    out = remind.as_markdown(reminders)
    assert len(out) < 5000 and "more teams: run `okr remind` for the whole list." in out
    assert out.count("### ") >= 1 and out.rstrip().endswith("closed when nothing is due.")
    assert len(remind.as_text(reminders)) > 5000  # the terminal gets everything


def test_files_that_cannot_be_read_are_named_never_nothing_due(company):
    """From a partial view "nothing is due" could be false, and the reminder workflow would
    close the company's issue: a team file or an org.yaml that cannot be read is named, at
    its line, and the command fails."""
    stale_day = "2026-12-01"  # platform's key results are due then (the test above)
    team = company.root / "okrs/2026-Q4/platform.yaml"
    team.write_text(team.read_text() + "oops: [\n")
    result = run_okr("remind", "--today", stale_day, cwd=company.root)
    assert result.code == 1 and result.out == "", result
    assert "okrs/2026-Q4/platform.yaml:" in result.err and "[syntax]" in result.err
    assert "cannot tell what is due" in result.err
    team.write_text(team.read_text().replace("oops: [\n", ""))
    org = company.root / "okrs/org.yaml"
    org.write_text(org.read_text() + "teams: [\n")
    result = run_okr("remind", "--today", stale_day, "--format", "json", cwd=company.root)
    assert result.code == 1 and result.out == "" and "okrs/org.yaml:" in result.err, result
    org.write_text(org.read_text().replace("teams: [\n", ""))
    assert json.loads(remind(company.root, stale_day))["due"] == 3  # readable again


def test_the_text_format_keeps_every_name_and_title_on_its_line(company):
    """remind.yml prints the text format into the workflow's log: a line break in a title or
    a name would start a workflow command (`::error ...`), an escape would reach a terminal.
    Each is spelled out, on the line it belongs to."""
    company.write(
        "okrs/org.yaml",
        (company.root / "okrs/org.yaml")
        .read_text()
        .replace(
            "{id: bob, name: Bob Okafor, team: platform}",
            '{id: bob, name: "Bob\\n::warning::forged by a name", team: platform}',
        )
        .replace(
            "name: Platform", 'name: "Platform\\n::error::forged by a team \\e[31mred\\u202e"', 1
        ),
    )
    path = company.root / "okrs/2026-Q4/platform.yaml"
    path.write_text(path.read_text().replace(
        "Cut p99 API latency from 850 ms to 300 ms",
        '"Cut p99\\r\\n::error file=README.md,line=1::forged by a title"'))  # fmt: skip
    out = remind(company.root, "2026-12-20", "text")
    assert "2026-Q4:platform/O1/KR1" in out  # the stale key result is listed
    lines = out.splitlines()
    assert not [line for line in lines if line.lstrip().startswith("::")], out
    assert "\x1b" not in out and "\u202e" not in out and "\r" not in out
    assert "Cut p99\\u000d\\u000a::error file=README.md" in out
    assert "Platform\\u000a::error::forged by a team \\u001b[31mred\\u202e" in out
