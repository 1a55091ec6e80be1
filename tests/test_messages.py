"""Messages a non-programmer can act on: the cause first, key results named O2/KR1, near-miss
ids with a suggestion, no redundant findings, and the day "today" was."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import Company, run_okr

ROOT = Path(__file__).resolve().parent.parent
PF = "okrs/2026-Q4/platform.yaml"


def test_an_unreadable_org_yaml_comes_first_and_blocks_in_one_line(company: Company) -> None:
    org = company.root / "okrs/org.yaml"
    org.write_text(org.read_text().replace("name: Example Co\n", "name: @example\n", 1))
    result = company.check("okrs")
    assert result.code == 1
    findings = [ln for ln in result.lines if re.match(r"^\S+:\d+:\d+: ", ln)]
    assert findings[0].startswith("okrs/org.yaml:3:9: error [syntax] '@' cannot start"), result.out
    blocked = [ln for ln in findings if "until org.yaml can be read" in ln]
    assert len(blocked) == 1
    assert "4 team files are checked on their own only" in blocked[0]
    # nothing that needs the organisation is reported wrongly for the team files
    assert not [ln for ln in findings if ln.startswith("okrs/2026") and " error [" in ln], (
        result.out
    )
    assert result.out.rstrip().endswith("2 errors, 0 warnings in 5 files (today: 2026-11-22)")


@pytest.mark.parametrize(
    ("written", "suggested"),
    [
        ("acme/o1", "did you mean 'O1'?"),
        ("acme/01", "did you mean 'O1'?"),
        ("Acme/O1", None),  # a team id is a lowercase slug: the syntax message says so
        ("acme/O1/kr1", "did you mean 'KR1'?"),
        ("acme/O1/KRl", "did you mean 'KR1'?"),
    ],
)
def test_near_miss_references_get_a_suggestion(
    company: Company, written: str, suggested: str | None
) -> None:
    pf = company.root / PF
    pf.write_text(pf.read_text().replace("aligns_with: [acme/O1]", f"aligns_with: [{written}]"))
    result = company.check(PF)
    assert result.code == 1
    [line] = [ln for ln in result.lines if ln.startswith(f"{PF}:8:") and "error" in ln]
    if suggested:
        assert suggested in line, line
    else:
        assert "[reference-resolves]" in line or "[schema]" in line


def test_a_did_you_mean_replaces_the_missing_field_it_explains(company: Company) -> None:
    pf = company.root / PF
    pf.write_text(
        pf.read_text().replace("    title: Make the platform", "    titel: Make the platform")
    )
    result = company.check(PF)
    assert result.code == 1
    assert "unknown field 'titel' in objective; did you mean 'title'?" in result.out
    assert "missing the required field 'title'" not in result.out
    assert result.lines[-1] == "1 error, 0 warnings in 1 file (today: 2026-11-22)"


def test_every_message_names_a_key_result_with_its_objective(tmp_path: Path) -> None:
    """Across the example company on a day that makes every dated rule speak (stale while
    running, ungraded once ended), no message names a bare KR1."""
    shutil.copytree(ROOT / "okrs", tmp_path / "okrs")
    seen = 0
    for day in ("2026-12-30", "2027-01-10"):
        result = run_okr("check", "okrs", "--today", day, cwd=tmp_path)
        for line in result.lines:
            message = line.split("] ", 1)[-1]
            for match in re.finditer(r"\bKR\d+\b", message):
                seen += 1
                before = message[: match.start()]
                assert re.search(r"(O\d+|[A-Za-z0-9._-]+)/$", before), line
        assert result.lines[-1].endswith(f"(today: {day})")
    assert seen > 10  # the rules did name key results
