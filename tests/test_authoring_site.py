"""The authoring loop on the site: edit links, the check-in line a reader copies into the file
(which must then pass the check), and the notice while a new period is being published."""

from __future__ import annotations

import html
import re
from pathlib import Path

from tests.conftest import TODAY, Company, mkdocs_config, run_okr

ROOT = Path(__file__).resolve().parent.parent
TEAM_PAGE = "periods/2026-Q4/teams/platform.html"
EDIT = "https://github.com/acme/okrs/edit/main/okrs/2026-Q4/platform.yaml"


def _build(company: Company, out: Path, today: str = TODAY) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    config = mkdocs_config(out.parent)
    result = run_okr(
        "build", "--config", str(config), "--okrs", str(company.root / "okrs"),
        "--today", today, "--out", str(out), cwd=ROOT,
    )  # fmt: skip
    assert result.code == 0, result.out + result.err
    return out


def _with_repository(company: Company) -> None:
    org = company.root / "okrs/org.yaml"
    org.write_text(org.read_text() + "site:\n  repository: https://github.com/acme/okrs\n")


def _check_in_lines(page: str) -> list[str]:
    blocks = re.findall(
        r'<details class="check-in-help" data-pagefind-ignore>.*?</details>', page, re.S
    )
    return [html.unescape(re.search(r"<pre><code>(.*?)</code></pre>", b, re.S)[1]) for b in blocks]


def test_edit_links_with_a_configured_repository(company: Company, tmp_path: Path) -> None:
    _with_repository(company)
    page = (_build(company, tmp_path / "site") / TEAM_PAGE).read_text()
    assert f'<a class="button" href="{EDIT}" rel="noopener">Edit these OKRs</a>' in page
    helps = re.findall(
        r'<details class="check-in-help" data-pagefind-ignore>.*?</details>', page, re.S
    )
    assert len(helps) == 2  # one per key result of the fixture's platform file
    for block in helps:
        assert f'<a href="{EDIT}" rel="noopener">Open the file in GitHub&#39;s editor</a>' in block
    assert "okr checkin 2026-Q4:platform/O1/KR1 VALUE" in helps[0]


def test_no_edit_link_without_a_repository(company: Company, tmp_path: Path) -> None:
    page = (_build(company, tmp_path / "site") / TEAM_PAGE).read_text()
    assert "Edit these OKRs" not in page
    assert "/edit/" not in page and "GitHub&#39;s editor" not in page
    # the line to add and the command are still there: they need no repository
    assert len(_check_in_lines(page)) == 2
    assert "okr checkin 2026-Q4:platform/O1/KR1 VALUE" in page


def test_the_offered_check_in_line_pasted_into_the_file_passes(
    company: Company, tmp_path: Path
) -> None:
    """A reader without a terminal copies the line under the key result's check_ins: the
    file must stay valid, and the check-in must count."""
    page = (_build(company, tmp_path / "site") / TEAM_PAGE).read_text()
    kr1, kr2 = _check_in_lines(page)
    assert kr1 == f"          - {{date: {TODAY}, value: 520}}"  # the latest value, unchanged
    assert kr2 == f"          - {{date: {TODAY}, value: 99.97}}"
    path = company.root / "okrs/2026-Q4/platform.yaml"
    lines = path.read_text().splitlines(keepends=True)
    after_kr1 = next(i for i, ln in enumerate(lines) if "value: 520" in ln) + 1
    after_kr2 = next(i for i, ln in enumerate(lines) if "value: 99.97" in ln) + 1
    lines.insert(after_kr2, kr2.replace("99.97", "99.91") + "\n")
    lines.insert(after_kr1, kr1.replace("520", "480") + "\n")
    path.write_text("".join(lines))
    check = company.check("okrs/2026-Q4/platform.yaml")
    assert check.code == 0, check.out
    assert "stale-check-in" not in check.out
    from generator.loader import load

    krs = load(path.read_text())["objectives"][0]["key_results"]
    assert krs[0]["check_ins"][-1] == {"date": TODAY, "value": 480}
    assert krs[1]["check_ins"][-1] == {"date": TODAY, "value": 99.91}


def test_a_milestone_offers_done_as_it_stands(company: Company, tmp_path: Path) -> None:
    pf = company.root / "okrs/2026-Q4/platform.yaml"
    pf.write_text(
        pf.read_text()
        .replace('threshold: {at_least: 99.95, unit: "%"}', "milestone: true")
        .replace("{date: 2026-11-16, value: 99.97}", "{date: 2026-11-16, done: false}")
    )
    page = (_build(company, tmp_path / "site") / TEAM_PAGE).read_text()
    assert _check_in_lines(page)[1] == f"          - {{date: {TODAY}, done: false}}"


def test_the_home_page_says_a_new_period_is_being_published(
    company: Company, tmp_path: Path
) -> None:
    # platform drafted 2027-Q1 before the company did: its link to acme waits, the site
    # builds, and the home page counts who has published
    company.write("okrs/2027-Q1/platform.yaml", """\
team: platform
period: 2027-Q1
objectives:
  - id: O1
    title: Make the platform boringly reliable
    aligns_with: [acme/O1]
    key_results:
      - {id: KR1, title: The failover runbook is rehearsed twice, milestone: true}
      - id: KR2
        title: Cut p99 API latency from 520 ms to 300 ms
        metric: {start: 520, target: 300, unit: ms}
""")  # fmt: skip
    check = company.check("okrs", "--today", "2026-12-20")
    assert check.code == 0, check.out
    assert (
        "okrs/2027-Q1/platform.yaml:6:19: warning [reference-pending] 'acme/O1': acme has no "
        "OKRs for 2027-Q1 yet (2027-Q1 starts on 2027-01-01); the link is checked once "
        "okrs/2027-Q1/acme.yaml exists"
    ) in check.out
    drafting = (_build(company, tmp_path / "a" / "site", "2026-12-20") / "index.html").read_text()
    assert "2027-Q1 starts on 1 January: 1 of 2 teams have drafted their OKRs." in drafting
    # once the period has started, a link that does not resolve is an error again
    early = company.check("okrs", "--today", "2027-01-05")
    assert early.code == 1
    assert (
        "okrs/2027-Q1/platform.yaml:6:19: error [reference-resolves] 'acme/O1': team 'acme' has "
        "no OKRs for 2027-Q1 (no okrs/2027-Q1/acme.yaml)"
    ) in early.out
    # ... and resolves once the company publishes its objective
    company.write("okrs/2027-Q1/acme.yaml", """\
team: acme
period: 2027-Q1
objectives:
  - id: O1
    title: Win the enterprise segment
    key_results:
      - {id: KR1, title: Sign 5 enterprise customers, metric: {start: 0, target: 5}}
      - {id: KR2, title: The enterprise plan is on sale, milestone: true}
""")  # fmt: skip
    published = company.check("okrs/2027-Q1", "--today", "2027-01-05")
    assert published.code == 0 and published.ran is None
    assert "okrs/2027-Q1/platform.yaml" not in published.out
    assert "2 files" in published.out  # both were checked
    everyone = (_build(company, tmp_path / "b" / "site", "2027-01-05") / "index.html").read_text()
    assert "Win the enterprise segment" in everyone
    assert "2027-Q1 started on" not in everyone  # nobody is missing: no notice for it
    # the company's annual OKRs are due too (it had 2026's): that notice stays
    assert "2027 started on 1 January: 0 of 1 teams have published." in everyone
    (company.root / "okrs/2027-Q1/platform.yaml").unlink()
    started = (_build(company, tmp_path / "c" / "site", "2027-01-05") / "index.html").read_text()
    assert "2027-Q1 started on 1 January: 1 of 2 teams have published." in started
