"""Hostile and odd input through the real entry points: every class gives a finding at its
node (never a traceback or a signal), and what `okr check` accepts, `okr build` builds."""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from conftest import ROOT, TODAY, run_okr
from helpers import PLATFORM, at

from generator.snapshots import Unreadable, snapshot_worktree

PF = "okrs/2026-Q4/platform.yaml"
LINE = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (error|warning) \[(?P<rule>[\w-]+)\] "
)


def findings(result, rule: str | None = None) -> list[str]:
    lines = [line for line in result.lines if LINE.match(line)]
    return [line for line in lines if rule is None or f"[{rule}]" in line]


def assert_every_line_is_a_finding(result) -> None:
    """Every line is a finding, or under one the offending line and its caret (a window of
    the line, never the whole value)."""
    *body, summary = result.lines
    index = 0
    while index < len(body):
        assert LINE.match(body[index]), body[index]
        index += 1
        while index < len(body) and body[index].startswith("    "):
            assert len(body[index]) < 100, body[index]
            index += 1
    assert re.fullmatch(
        r"(no problems|\d+ errors?, \d+ warnings?) in \d+ files? \(today: \d{4}-\d\d-\d\d\)",
        summary,
    ), summary


# ---- class 2: nesting that kills parsers ----------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "objectives: " + "[" * 100_000,
        "objectives:\n" + "- " * 60_000 + "x\n",
        "x: " + "{a: " * 40_000,
    ],
    ids=["flow sequences", "block sequences", "flow mappings"],
)
def test_deep_nesting_is_a_finding_not_a_crash(company, body):
    company.write(PF, "team: platform\nperiod: 2026-Q4\n" + body)
    result = company.check("okrs")
    assert result.code == 1
    (line,) = findings(result, "syntax")
    first = 4 if body.startswith("objectives:\n") else 3
    assert line.startswith(f"{PF}:{first}:") and ("nesting" in line or "YAML syntax" in line)
    assert_every_line_is_a_finding(result)


# ---- class 3: values okr check accepts must build; what cannot build is a finding --------------


@pytest.mark.parametrize(
    ("old", "new", "needle", "words"),
    [
        ("target: 300", "target: " + "9" * 400, "9" * 400, "digits"),
        ("start: 850", "start: 1e400", "1e400", "not a usable number"),
        ("target: 300", "target: 1e20", "1e20", "at most 1,000,000,000,000,000"),
        ("target: 300", "target: 850.0000000000001", "850.0000000000001", "too close to start"),
        ("value: 790", "value: !!int abc", "!!int abc", "is not a whole number"),
        ("value: 790", "value: !!binary aGk=", "!!binary aGk=", "unsupported YAML tag"),
        ("date: 2026-10-06", "date: 0000-01-01", "0000-01-01", "not a real calendar date"),
        ("date: 2026-10-06", "date: 2026-02-30", "2026-02-30", "not a real calendar date"),
        ("[acme/O1]", '["0000:acme/O1"]', "0000:acme/O1", "0000"),
    ],
)
def test_unbuildable_values_are_findings_at_their_node(company, old, new, needle, words):
    text = company.write(PF, PLATFORM.replace(old, new)).read_text()
    result = company.check("okrs")
    assert result.code == 1, result.out
    line, column = at(text, needle)
    ours = [
        f
        for f in findings(result)
        if f.startswith((f"{PF}:{line}:{column}:", f"{PF}:{line}:{column - 1}:"))
    ]
    assert ours, result.out
    assert any(words in f for f in ours), ours
    assert_every_line_is_a_finding(result)


def test_accepted_extremes_build(company, tmp_path):
    """Values at the edges of what the format accepts: the site builds, every SVG is XML,
    and no page shows infinity or NaN."""
    org = company.root / "okrs/org.yaml"
    org.write_text(
        org.read_text()
        .replace("name: Platform\n", 'name: "Platform $\\\\foo$ $x^{2}$ $$$$ \\\\1 \\\\g<0>"\n')
        .replace("name: Bob Okafor", 'name: "Bob $\\\\sqrt{$x$}$ \\u202e reversed"')
    )
    text = PLATFORM.replace("unit: ms", 'unit: "$\\\\foo$ ms"')
    text = text.replace("start: 850, target: 300", "start: -1000000000000000, target: 1e15")
    text = text.replace("value: 790", "value: 5e-324").replace("value: 520", "value: 1e15")
    text = text.replace("Cut p99 API latency", "Cut \\\\1 \\\\g<0> latency \\\\d")
    text = text.replace(
        "title: The failover runbook is published", 'title: "Ship \\\\2 runbook $\\\\alpha$"'
    )
    text = text.replace(
        "        milestone: true\n", "        milestone: true\n        weight: 1e308\n", 1
    )
    company.write(PF, text)
    check = company.check("okrs")
    assert check.code == 0, check.out
    out = tmp_path / "site"
    result = company.build("--out", str(out))
    assert result.code == 0, result.err
    for svg in out.rglob("*.svg"):
        ET.fromstring(svg.read_bytes())
    for page in out.rglob("*.html"):
        html = page.read_text()
        assert not re.search(r">\s*-?(inf|nan)\s*(%|<)", html, re.I), page
    team = (out / "periods/2026-Q4/teams/platform.html").read_text()
    assert "$\\foo$" in team and "\\1 \\g&lt;0&gt;" in team
    assert "‮" in (out / "people/bob.html").read_text()


def test_periods_at_the_ends_of_the_calendar(company, tmp_path):
    """9999-Q4 is a period like any other; year 0000 is not a period (a finding)."""
    late = PLATFORM.replace("2026-Q4", "9999-Q4").replace("2026-1", "9999-1")
    late = late.replace("    aligns_with: [acme/O1]\n", "    aligns_with: []\n")
    company.write("okrs/9999-Q4/platform.yaml", late)
    company.write("okrs/0000/platform.yaml", "team: platform\nperiod: '0000'\nobjectives: []\n")
    result = company.check("okrs", "--today", "9999-12-31")
    assert (
        "okrs/0000/platform.yaml:2:9: error [path-matches] '0000' is not a standard period"
        in result.out
    )
    assert not [f for f in findings(result, None) if "9999-Q4" in f and "error" in f], result.out
    assert_every_line_is_a_finding(result)
    os.remove(company.root / "okrs/0000/platform.yaml")
    okrs = str(company.root / "okrs")
    late_site, early_site = tmp_path / "late", tmp_path / "early"
    built = run_okr(
        "build", "--okrs", okrs, "--today", "9999-12-31", "--out", str(late_site), cwd=ROOT
    )
    assert built.code == 0, built.err
    assert "9999-Q4" in (late_site / "index.html").read_text()
    # on 0001-01-01 every check-in lies in the future: refused with findings, no traceback
    early = run_okr(
        "build", "--okrs", okrs, "--today", "0001-01-01", "--out", str(early_site), cwd=ROOT
    )
    assert early.code == 1 and "is in the future (today is 0001-01-01)" in early.err
    assert "not publishing" in early.err and not early_site.exists()


def test_the_calendars_first_week_builds_and_reminds(company, tmp_path):
    """A period in the first week of year 1, checked in on its first day: what the check
    accepts builds (a week ago is before the calendar: no trend), and `okr remind` on any of
    those days answers (both once failed on the day a week before 0001-01-01)."""
    first = PLATFORM.replace("2026-Q4", "0001-Q1").replace(
        "aligns_with: [acme/O1]", "aligns_with: []"
    )
    first = first.replace("2026-10-06", "0001-01-01").replace("2026-11-16", "0001-01-02")
    for name in (
        "2026-Q4/platform.yaml",
        "2026-Q4/acme.yaml",
        "2026-Q3/platform.yaml",
        "2026/acme.yaml",
    ):
        os.remove(company.root / "okrs" / name)
    company.write("okrs/0001-Q1/platform.yaml", first)
    check = company.check("okrs", "--today", "0001-01-03")
    assert check.code == 0, check.out
    out = tmp_path / "site"
    built = run_okr("build", "--okrs", str(company.root / "okrs"), "--today", "0001-01-03",
                    "--out", str(out), cwd=ROOT)  # fmt: skip
    assert built.code == 0 and "Traceback" not in built.err, built.err
    assert "0001-Q1" in (out / "index.html").read_text()
    for today in ("0001-01-01", "0001-01-07"):
        remind = run_okr("remind", "--today", today, cwd=company.root)
        assert remind.code in (0, 1) and "Traceback" not in remind.err, remind.err
        assert remind.out.strip(), remind


@pytest.mark.parametrize("today", ["0001-01-01", "9999-12-31"])
def test_extreme_today_is_accepted_everywhere(company, today):
    result = company.check("okrs", "--today", today)
    assert result.code in (0, 1) and "Traceback" not in result.err
    assert_every_line_is_a_finding(result)


@pytest.mark.parametrize("epoch", ["yesterday", "1e30", "99999999999999999999", "-"])
def test_unparsable_source_date_epoch_is_a_usage_error(company, epoch):
    result = company.check("okrs", env={"SOURCE_DATE_EPOCH": epoch})
    assert result.code == 2 and "SOURCE_DATE_EPOCH" in result.err


# ---- class 4: a file is on the site or named in a finding ---------------------------------


def test_urls_the_validators_once_disagreed_on_are_published(company, tmp_path):
    url = "https://tracker.example.com/über/a|b?q=ü"
    company.write(
        PF,
        PLATFORM.replace(
            "- id: KR2\n", f"- id: KR2\n        initiatives: [{{title: Work, url: '{url}'}}]\n"
        ),
    )
    assert company.check("okrs").code == 0
    out = tmp_path / "site"
    assert company.build("--out", str(out)).code == 0
    assert "über/a|b?q=ü" in (out / "periods/2026-Q4/teams/platform.html").read_text()


@pytest.mark.parametrize(
    ("path", "old", "new", "needle"),
    [
        (PF, "id: O1", 'id: "O1\\n"', '"O1\\n"'),
        (PF, "team: platform", 'team: "platform\\n"', '"platform\\n"'),
        ("okrs/org.yaml", "id: platform", 'id: "platform\\n"', '"platform\\n"'),
    ],
)
def test_trailing_newlines_in_ids_are_findings(company, path, old, new, needle):
    original = (company.root / path).read_text() if path != PF else PLATFORM
    text = company.write(path, original.replace(old, new, 1)).read_text()
    if path != PF:
        company.write(PF, PLATFORM)
    result = company.check("okrs")
    line, column = at(text, needle)
    assert any(f.startswith(f"{path}:{line}:{column}: error [schema]") for f in findings(result)), (
        result.out
    )


def test_each_missing_field_is_listed_once(company):
    company.write(
        PF,
        "team: platform\nperiod: 2026-Q4\nobjectives:\n  - key_results:\n      - {metric: {start: 1, target: 2}}\n",
    )
    result = company.check("okrs")
    lines = findings(result, "schema")
    assert (
        lines.count(f"{PF}:4:5: error [schema] objective is missing the required field 'id'") == 1
    )
    assert (
        lines.count(f"{PF}:4:5: error [schema] objective is missing the required field 'title'")
        == 1
    )
    assert (
        lines.count(f"{PF}:5:9: error [schema] key result is missing the required field 'id'") == 1
    )
    assert len(lines) == len(set(lines))


# ---- class 5: every finding in a file that parses points at its node ----------------------


def test_positions_inside_flow_mappings_with_urls_and_datetimes(company):
    text = PLATFORM.replace(
        "      - id: KR2\n",
        "      - {id: KR3, title: Ship it, milestone: true, when: 2026-01-01T10:00:00,"
        " initiatives: [{title: W, url: https://x.example/a?b=c, owner: nobody}]}\n      - id: KR2\n",
    )
    company.write(PF, text)
    result = company.check("okrs")
    unknown = next(f for f in findings(result) if "unknown field 'when'" in f)
    assert unknown.startswith(f"{PF}:%d:%d:" % at(text, "when:"))
    assert not [f for f in findings(result) if f.startswith(f"{PF}:1:1:")], result.out


# ---- class 6 (and round two): only regular files inside the OKR folder are read -----------


def test_links_out_of_the_okr_folder_are_refused_and_never_read(company, tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_text(
        PLATFORM.replace("Make the platform boringly reliable", "SECRET FROM OUTSIDE")
    )
    (company.root / PF).unlink()
    (company.root / PF).symlink_to(outside)
    (company.root / "okrs/2026-Q4/passwd.yaml").symlink_to("/etc/passwd")
    (company.root / "okrs/2026-Q4/zero.yaml").symlink_to("/dev/zero")
    (company.root / "okrs/2026-Q4/loop.yaml").symlink_to(company.root / "okrs/2026-Q4/loop.yaml")
    result = company.check("okrs")
    assert result.code == 1
    for name in ("platform", "passwd", "zero"):
        assert (
            f"okrs/2026-Q4/{name}.yaml:1:1: error [syntax] this path is a symbolic link that leads out of the OKR folder"
            in result.out
        )
    assert (
        "okrs/2026-Q4/loop.yaml:1:1: error [syntax] this path is a symbolic link that loops"
        in result.out
    )
    assert "root:" not in result.out and "SECRET" not in result.out
    assert_every_line_is_a_finding(result)


def test_links_inside_the_okr_folder_are_read(company):
    company.write("okrs/2026-Q4/real/platform.yaml", PLATFORM)  # a stray, reported
    (company.root / PF).unlink()
    (company.root / PF).symlink_to(company.root / "okrs/2026-Q4/real/platform.yaml")
    result = company.check("okrs")
    assert (
        result.code == 1
        and "okrs/2026-Q4/real/platform.yaml:1:1: error [path-matches]" in result.out
    )
    assert not [f for f in findings(result) if f.startswith(f"{PF}:")], result.out


def test_fifos_sockets_and_folder_links_are_findings_not_hangs(company, tmp_path):
    import socket

    os.mkfifo(company.root / "okrs/2026-Q4/fifo.yaml")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(company.root / "okrs/2026-Q4/sock.yaml"))
    other = tmp_path / "elsewhere"
    other.mkdir()
    (company.root / "okrs/2027-Q1").symlink_to(other, target_is_directory=True)
    result = company.check("okrs")  # run_okr times out after 120 s: a hang fails the test
    server.close()
    assert (
        "okrs/2026-Q4/fifo.yaml:1:1: error [syntax] the file is a named pipe (FIFO), not a regular file"
        in result.out
    )
    assert "okrs/2026-Q4/sock.yaml:1:1: error [syntax]" in result.out
    assert "okrs/2027-Q1:1:1: error [syntax] this path is a symbolic link to a folder" in result.out
    assert_every_line_is_a_finding(result)


def test_deep_folders_are_reported_not_walked(company):
    deep = company.root / "okrs" / "/".join(["d"] * 40)
    deep.mkdir(parents=True)
    (deep / "x.yaml").write_text("a: 1\n")
    result = company.check("okrs")
    assert "error [syntax] this path is nested more than 8 folders deep" in result.out
    assert_every_line_is_a_finding(result)


def test_a_file_growing_past_the_limit_is_not_read_whole(company):
    (company.root / "okrs/2026-Q4/big.yaml").write_bytes(b"a: " + b"x" * (3 * 1024 * 1024))
    result = company.check("okrs")
    assert (
        "okrs/2026-Q4/big.yaml:1:1: error [syntax] the file is larger than 2097152 bytes"
        in result.out
    )


def test_the_org_file_of_a_company_of_ten_thousand_teams_is_read(company, tmp_path):
    """org.yaml lists every team and person: its limits are eight times a team file's, in the
    check, in the history and in the day `okr build` takes from its time zone."""
    org = company.root / "okrs/org.yaml"
    # a zone whose day is not UTC's now (UTC-11 before 10:00 UTC, UTC+14 after)
    name = "Pacific/Pago_Pago" if datetime.now(UTC).hour < 10 else "Pacific/Kiritimati"
    text = org.read_text().replace("timezone: UTC", f"timezone: {name}")
    teams = "".join(
        f"  - {{id: team-{n:05}, name: Team number {n:05} of the company, parent: platform, "
        f"lead: lead-{n:05}}}\n"
        for n in range(10_000)
    )
    people = "".join(
        f"  - {{id: {role}-{n:05}, name: The {role} of team number {n:05}, team: team-{n:05}}}\n"
        for n in range(10_000)
        for role in ("lead", "member")
    )
    text = text.replace("people:\n", teams + "people:\n" + people)
    org.write_text(text)
    assert 2 * 1024 * 1024 < len(text.encode()) < 8 * 1024 * 1024
    result = company.check("okrs")
    assert result.code == 0, result.out
    assert "okrs/org.yaml" not in result.out and "error [" not in result.out
    assert company.lint("okrs").checked("okrs/org.yaml", "schema")
    # without --today, the day is org.yaml's in its time zone, not a default's
    zone = ZoneInfo(name)
    before = datetime.now(zone).date().isoformat()
    out = tmp_path / "site"
    built = run_okr("build", "--okrs", str(company.root / "okrs"), "--out", str(out),
                    cwd=ROOT)  # fmt: skip
    after = datetime.now(zone).date().isoformat()
    assert built.code == 0, built.err
    said = re.search(r"Site built for (\S+):", built.out + built.err)
    assert said is not None and said.group(1) in (before, after)
    assert said.group(1) != datetime.now(UTC).date().isoformat() or before != after
    # a team file as large is still refused
    company.write("okrs/2026-Q4/big.yaml", "objectives: []\n#" + "x" * (3 * 1024 * 1024))
    assert "big.yaml:1:1: error [syntax] the file is larger than 2097152 bytes" in (
        company.check("okrs").out
    )
    # history (okr diff, the "What changed" page) reads both the same way
    snapshot = snapshot_worktree(company.root, "okrs")
    assert isinstance(snapshot["okrs/org.yaml"], dict)
    assert len(snapshot["okrs/org.yaml"]["teams"]) > 10_000
    assert isinstance(snapshot["okrs/2026-Q4/big.yaml"], Unreadable)


# ---- class 7: ids cannot replace generated pages ------------------------------------------


def test_a_person_called_index_does_not_replace_the_people_index(company, tmp_path):
    org = company.root / "okrs/org.yaml"
    org.write_text(
        org.read_text().replace("{id: bob, name: Bob Okafor", "{id: index, name: Ina Dex")
    )
    company.write(PF, PLATFORM.replace("owner: bob", "owner: index"))
    out = tmp_path / "site"
    assert company.build("--out", str(out)).code == 0
    assert "Alice Zhang" in (out / "people.html").read_text()
    # MkDocs reads `index` as the folder's index page: the person's page is `index_`
    assert "<h1>Ina Dex" in (out / "people/index_.html").read_text()
    assert "people/index_.html" in (out / "people.html").read_text()


# ---- round two, class 3: control and direction characters in every output -----------------


def test_control_and_bidi_characters_are_escaped_in_terminal_formats(repo):
    from conftest import git

    text = (
        (repo.root / PF)
        .read_text()
        .replace("Make the platform boringly reliable", '"Evil\\e[31m\\a\\r\\u202etxt.exe"')
    )
    repo.write(PF, text)
    git(repo.root, "commit", "-qam", "hostile title")
    for fmt in ("text", "markdown"):
        out = run_okr(
            "diff", "HEAD~1", "HEAD", "--format", fmt, "--today", TODAY, cwd=repo.root
        ).out
        assert (
            "\x1b" not in out and "\x07" not in out and "\r" not in out and "\u202e" not in out
        ), out
        assert "\\u001b" in out and "\\u202e" in out
    check = repo.check("okrs", "--format", "github")
    assert "\x1b" not in check.out and "\u202e" not in check.out


# Markdown whose shape once cost a build: lists nested past Python's recursion limit, and runs
# of "[" the old renderer read in quadratic time (a 16 KB note took 22 s)
DEEP_LIST = "- " * 600 + "<b>deep</b>"
BRACKETS = "[a" * 8000


def test_markdown_of_any_shape_builds_and_is_shown(company, tmp_path):
    """A note nested 600 lists deep and one of 8,000 unclosed "[": `okr check` accepts the
    file and `okr build` builds it (a check that passes must publish); the deep note is shown
    as written, escaped, and the brackets as text."""
    text = PLATFORM.replace(
        "{date: 2026-10-06, value: 790}", f'{{date: 2026-10-06, value: 790, note: "{DEEP_LIST}"}}'
    ).replace(
        "{date: 2026-11-16, value: 520}", f'{{date: 2026-11-16, value: 520, note: "{BRACKETS}"}}'
    )
    assert DEEP_LIST in text and BRACKETS in text
    company.write(PF, text)
    check = company.check("okrs")
    assert check.code == 0 and "no problems in 5 files" in check.out, check.out
    out = tmp_path / "site"
    result = company.build("--out", str(out))
    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    team = (out / "periods/2026-Q4/teams/platform.html").read_text()
    assert ("- " * 600).strip() + " &lt;b&gt;deep&lt;/b&gt;" in team  # as written, escaped
    assert "<b>deep</b>" not in team
    assert BRACKETS in team


@pytest.mark.parametrize(
    "args",
    [
        ("checkin", "platform/O1/KR1\n::error file=x::forged", "470"),
        ("checkin", "platform/O1/\x1b[31mKR1", "470"),
        ("new", "plat\nform", "2027-Q1"),
        ("check", "no/such\n::warning::folder"),
    ],
)
def test_errors_never_echo_line_breaks_or_escapes_from_arguments(company, args):
    """What a command line holds (a branch name a CI script passes on) is spelled out in an
    `okr:` error: a line break in it cannot start a line a CI log takes as a command of its
    own, nor an escape reach the terminal."""
    result = run_okr(*args, "--today", TODAY, cwd=company.root)
    assert result.code == 2, result
    assert result.err.startswith("okr: ") and result.err.count("\n") == 1, result.err
    typed = "".join(args)
    assert "\x1b" not in result.err
    if "\n" in typed:
        assert "\\u000a" in result.err, result.err
    if "\x1b" in typed:
        assert "\\u001b" in result.err, result.err


@pytest.mark.parametrize("name", ["con", "nul", "aux", "com1", "lpt9"])
def test_windows_device_names_are_no_ids(company, name):
    """A team or a person called `con` would be `teams/con.html`, `people/con.html` and
    `okrs/<period>/con.yaml`: files Windows cannot hold (a checkout or the site's archive
    fails there). Refused at the id (team files use the same id pattern for teams and owners)."""
    org = company.root / "okrs/org.yaml"
    text = org.read_text().replace("{id: bob, name: Bob Okafor", f"{{id: {name}, name: Bob Okafor")
    assert text != org.read_text()
    org.write_text(text)
    result = company.check("okrs")
    line, column = at(text, f"id: {name},")
    assert (
        f"okrs/org.yaml:{line}:{column + 4}: error [schema]" in result.out
        and "name devices on Windows" in result.out
    ), result.out
    assert_every_line_is_a_finding(result)


@pytest.mark.parametrize(("written", "said"), [("1e309", "infinite"), ("-.inf", "minus infinite")])
def test_numbers_beyond_a_float_are_named_not_dashed(company, written, said):
    """A value no number can hold is named in the schema's finding ("'value' is infinite"),
    where the site's dash for "no value" once stood."""
    company.write(PF, PLATFORM.replace("value: 520", f"value: {written}"))
    result = company.check("okrs")
    ours = [f for f in findings(result, "schema") if "'value' is" in f]
    assert ours and all(f"'value' is {said}" in f for f in ours), result.out
    assert "'value' is –" not in result.out


def test_one_github_account_is_one_person(company):
    """GitHub reads `@Alice` and `@alice` as one account: two people with it would be one
    approver counted twice in CODEOWNERS. Said at the second one's handle; distinct handles
    pass."""
    org = company.root / "okrs/org.yaml"
    text = (
        org.read_text()
        .replace("{id: alice, name: Alice Zhang, team: platform}",
                 '{id: alice, name: Alice Zhang, team: platform, github: "@Alice"}')
        .replace("{id: bob, name: Bob Okafor, team: platform}",
                 '{id: bob, name: Bob Okafor, team: platform, github: "@alice"}')
    )  # fmt: skip
    org.write_text(text)
    result = company.check("okrs")
    line, column = at(text, 'github: "@alice"')
    assert (
        f"okrs/org.yaml:{line}:{column + 8}: error [unique-ids] '@alice' is also the GitHub "
        "handle of 'alice'" in result.out
    ), result.out
    assert_every_line_is_a_finding(result)
    org.write_text(text.replace('github: "@alice"', 'github: "@bob-okafor"'))
    again = company.check("okrs")
    assert "unique-ids" not in again.out and again.code == 0, again.out
