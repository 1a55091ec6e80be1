"""`okr sync` end to end, through the real command: sources declared in okr-sources.yaml (a
command, a JSON file, a CSV file, an HTTP URL on 127.0.0.1, one failing, one too slow) feed
check-ins; initiatives that link GitHub issues and pull requests get their status from a fake
GitHub API on 127.0.0.1; files keep their layout; nothing a team file says is run."""

from __future__ import annotations

import http.server
import json
import os
import shutil
import stat
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from conftest import TODAY, run_okr

PLATFORM = "okrs/2026-Q4/platform.yaml"

SOURCES = """\
sources:
  - id: latency
    command: ./scripts/p99.sh
    env: [METRICS_TOKEN]
  - id: availability
    json: data/availability.json
    field: months.-1.value
  - id: incidents
    csv: data/incidents.csv
    column: total
  - id: remote-nps
    url: __BASE__/nps.json
    field: latest.value
    env: [NPS_TOKEN]
    headers: {Authorization: "Bearer ${NPS_TOKEN}"}
  - id: broken
    url: __BASE__/down.json
    field: value
  - id: slow
    command: ./scripts/slow.sh
    timeout: 1
"""

ISSUES = {
    "/repos/acme/platform/issues/12": {
        "state": "closed",
        "state_reason": "completed",
        "assignees": [],
    },
    "/repos/acme/platform/pulls/13": {
        "state": "closed",
        "merged": True,
        "merged_at": "2026-11-20T10:00:00Z",
    },
    "/repos/acme/platform/issues/14": {
        "state": "open",
        "state_reason": None,
        "assignees": [{"login": "bob"}],
    },
    "/repos/acme/platform/issues/15": {"state": "open", "state_reason": None, "assignees": []},
}


class Api(http.server.BaseHTTPRequestHandler):
    seen: ClassVar[list[tuple[str, str | None]]] = []

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        Api.seen.append((self.path, self.headers.get("Authorization")))
        if self.path == "/nps.json":
            ok = self.headers.get("Authorization") == "Bearer nps-secret"
            body, code = (
                (json.dumps({"latest": {"value": 41}}).encode(), 200) if ok else (b"{}", 401)
            )
        elif self.path == "/down.json":
            body, code = b"oops", 500
        elif self.path in ISSUES:
            body, code = json.dumps(ISSUES[self.path]).encode(), 200
        else:
            body, code = b'{"message": "Not Found"}', 404
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def api() -> Iterator[str]:
    Api.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Api)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def script(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


def setup(company, base: str) -> Path:
    root = company.root
    company.write("okr-sources.yaml", SOURCES.replace("__BASE__", base))
    # the command sees the secret it lists, and nothing else of the environment
    script(
        root / "scripts/p99.sh",
        '[ "$METRICS_TOKEN" = s3cret ] || { echo "no token" >&2; exit 3; }\n'
        '[ -z "$GITHUB_TOKEN" ] || { echo "leaked" >&2; exit 4; }\necho " 480.0 "\n',
    )
    script(root / "scripts/slow.sh", "sleep 30\necho 1\n")
    company.write(
        "data/availability.json", json.dumps({"months": [{"value": 99.9}, {"value": 99.98}]})
    )
    company.write("data/incidents.csv", "\ufeffmonth,total\n2026-10,5\n2026-11,3\n")
    path = root / PLATFORM
    text = path.read_text()
    text = (
        text.replace(
            "        metric: {start: 850, target: 300, unit: ms}\n",
            "        metric: {start: 850, target: 300, unit: ms}\n        source: latency   # p99\n",
        )
        .replace(
            '        threshold: {at_least: 99.95, unit: "%"}\n',
            '        threshold: {at_least: 99.95, unit: "%"}\n        source: availability\n',
        )
        .replace(
            "            status: in_progress\n            owner: bob\n",
            "            status: in_progress\n            owner: bob\n"
            "          - {title: Pool the jobs DB, url: https://github.com/acme/platform/issues/12,"
            " status: in_progress}\n"
            "          - title: Pool the cache\n            url: https://github.com/acme/platform/pull/13\n"
            "            status: in_progress   # the PR\n"
            "          - {title: Pool the queue, url: https://github.com/acme/platform/issues/14,"
            " status: planned}\n"
            "          - {title: Pool the rest, url: https://github.com/acme/platform/issues/15,"
            " status: planned}\n"
            "          - {title: Elsewhere, url: https://example.com/acme/platform/issues/16,"
            " status: planned}\n",
        )
    )
    path.write_text(text)
    acme = root / "okrs/2026-Q4/acme.yaml"
    lines = acme.read_text()
    assert "        metric:" in lines
    # the first metric of acme's first key result reads the CSV; a second one the failing URL
    acme.write_text(
        lines.replace("        metric:", "        source: incidents\n        metric:", 1)
    )
    return path


def env(base: str, **extra: str) -> dict[str, str]:
    return {
        "GITHUB_API_URL": base,
        "GITHUB_TOKEN": "gh-token",
        "METRICS_TOKEN": "s3cret",
        "NPS_TOKEN": "nps-secret",
        **extra,
    }


def test_sync_records_values_and_states_and_keeps_the_file_layout(company, api):
    path = setup(company, api)
    before = path.read_text()
    result = run_okr("sync", "--today", TODAY, cwd=company.root, env=env(api))
    assert result.code == 0, result.out + result.err
    after = path.read_text()
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert "          - {date: 2026-11-22, value: 480, by: latency}" in added
    assert "          - {date: 2026-11-22, value: 99.98, by: availability}" in added
    # states: closed as completed and merged are done; an assigned open issue has started;
    # an unassigned one stays planned; a URL elsewhere is never fetched
    assert (
        "          - {title: Pool the jobs DB, url: https://github.com/acme/platform/issues/12,"
        " status: done}" in after
    )
    assert "            status: done          # the PR\n" in after  # the comment stays put
    assert "/issues/14, status: in_progress}" in after and "/issues/15, status: planned}" in after
    paths = [p for p, _ in Api.seen]
    assert "/repos/acme/platform/pulls/13" in paths and not any("16" in p for p in paths)
    assert all(auth == "Bearer gh-token" for p, auth in Api.seen if p.startswith("/repos"))
    # nothing else moved: every other line is where it was, comments included
    removed = [line for line in before.splitlines() if line not in after.splitlines()]
    assert len(removed) == 3 and all("status:" in line for line in removed), removed
    assert "source: latency   # p99" in after
    assert (
        "Recorded" in result.out
        and "2026-Q4:platform/O1/KR1: recorded 480 from latency" in result.out
    )
    assert "incidents" in result.out and "recorded 3 from incidents" in result.out
    # okr check accepts `by: latency` (a declared source), and the site marks it automatic
    check = company.lint("okrs")
    assert (
        check.checked(PLATFORM, "reference-resolves") and "[reference-resolves]" not in check.out
    ), check.out
    assert check.checked("okr-sources.yaml", "source-declared")
    assert "error" not in check.out.split("\n")[-2], check.out
    built = company.build("--out", str(company.root / "site"))
    assert built.code == 0, built.err
    page = (company.root / "site/periods/2026-Q4/teams/platform.html").read_text()
    assert 'class="tag automatic"' in page and "automatic · latency" in page
    # a second run: values unchanged, nothing written, states already current
    again = run_okr("sync", "--today", TODAY, cwd=company.root, env=env(api))
    assert again.code == 0 and path.read_text() == after
    assert "unchanged" in again.out.lower()


def test_a_failing_source_is_reported_and_the_others_still_recorded(company, api):
    path = setup(company, api)
    text = path.read_text().replace("source: availability", "source: broken")
    path.write_text(text.replace("source: latency   # p99", "source: slow   # p99"))
    result = run_okr("sync", "--today", TODAY, "--no-initiatives", cwd=company.root, env=env(api))
    assert result.code == 1, result.out + result.err
    assert "### Could not be read" in result.out
    assert "source broken:" in result.out and "500" in result.out
    assert "source slow:" in result.out and "1 s" in result.out
    assert "recorded 3 from incidents" in result.out  # acme's, from the CSV, still written
    assert "by: incidents" in (company.root / "okrs/2026-Q4/acme.yaml").read_text()
    assert "by: broken" not in path.read_text() and "by: slow" not in path.read_text()


def test_secrets_come_from_okr_secrets_and_go_only_where_listed(company, api):
    path = setup(company, api)
    text = path.read_text().replace("source: availability", "source: remote-nps")
    path.write_text(text)
    secrets = json.dumps({"METRICS_TOKEN": "s3cret", "NPS_TOKEN": "nps-secret"})
    result = run_okr(
        "sync",
        "--today",
        TODAY,
        "--no-initiatives",
        cwd=company.root,
        env={"GITHUB_API_URL": api, "OKR_SECRETS": secrets},
    )
    assert result.code == 0, result.out + result.err
    after = path.read_text()
    assert "value: 480, by: latency}" in after and "value: 41, by: remote-nps}" in after
    # the report never holds a secret
    assert "s3cret" not in result.out + result.err and "nps-secret" not in result.out
    # without the secret the command fails, and says which variable it needs
    path.write_text(text)
    result = run_okr(
        "sync",
        "--today",
        TODAY,
        "--no-initiatives",
        cwd=company.root,
        env={"GITHUB_API_URL": api, "NPS_TOKEN": "nps-secret"},
    )
    assert result.code == 1 and "METRICS_TOKEN" in result.out


def test_a_team_file_cannot_make_sync_run_anything(company, api, tmp_path):
    path = setup(company, api)
    marker = tmp_path / "ran"
    script(company.root / "scripts/evil.sh", f"touch {marker}\necho 1\n")
    text = path.read_text().replace("source: latency   # p99", "source: ./scripts/evil.sh")
    path.write_text(text.replace("source: availability", "source: undeclared"))
    result = run_okr("sync", "--today", TODAY, "--no-initiatives", cwd=company.root, env=env(api))
    assert not marker.exists()
    # the file fails the schema (a source is an id), so sync leaves it alone entirely; the
    # checker says why
    assert "undeclared" not in path.read_text().split("source: undeclared", 1)[1].split("\n", 1)[0]
    check = company.lint("okrs")
    assert any(line.startswith(PLATFORM) and "[schema]" in line for line in check.lines)
    assert result.code in (0, 1)
    # a declared-looking but undeclared id in a valid file: reported, nothing run
    path.write_text(text.replace("source: ./scripts/evil.sh", "source: evil"))
    result = run_okr("sync", "--today", TODAY, "--no-initiatives", cwd=company.root, env=env(api))
    assert result.code == 1 and "source evil is not declared in okr-sources.yaml" in result.out
    assert not marker.exists()
    check = company.lint("okrs")
    line = next(x for x in check.lines if "[source-declared]" in x)
    assert line.startswith(PLATFORM) and "'evil'" in line


def test_a_dry_run_writes_nothing(company, api):
    path = setup(company, api)
    before = path.read_text()
    result = run_okr(
        "sync", "--today", TODAY, "--dry-run", "--no-initiatives", cwd=company.root, env=env(api)
    )
    assert result.code == 0 and path.read_text() == before
    assert "+          - {date: 2026-11-22, value: 480, by: latency}" in result.out
    assert "dry run: nothing was written" in result.out


def test_a_change_that_would_add_an_error_is_not_written(company, api):
    """A file already holds a check-in dated after today (an error of its own); appending
    today's would also put the list out of order, a new error: that file is left as it is,
    the others are written, and the report says why."""
    path = setup(company, api)
    text = path.read_text().replace(
        "          - {date: 2026-11-16, value: 99.97}\n",
        "          - {date: 2026-11-16, value: 99.97}\n          - {date: 2026-11-30, value: 99.9}\n",
    )
    path.write_text(text)
    acme = company.root / "okrs/2026-Q4/acme.yaml"
    result = run_okr("sync", "--today", TODAY, "--no-initiatives", cwd=company.root, env=env(api))
    assert result.code == 1, result.out + result.err
    assert path.read_text() == text  # nothing of platform's written, not even KR1's value
    assert "by: incidents" in acme.read_text()
    assert "### Not written (the change would add an error)" in result.out
    assert (
        "okrs/2026-Q4/platform.yaml: not changed, it would add okrs/2026-Q4/platform.yaml:"
        in result.out
    )


def test_confidential_key_results_are_synced_but_never_named(company, api):
    path = setup(company, api)
    secret = (
        "  - id: S1\n    title: Buy Globex for 3 million\n    confidential: true\n"
        "    aligns_with: []\n    key_results:\n"
        "      - id: K1\n        title: Sign with Globex\n"
        "        metric: {start: 0, target: 10}\n        source: incidents\n"
    )
    path.write_text(path.read_text().replace("recognition:", secret + "recognition:"))
    report = company.root / "report.md"
    result = run_okr(
        "sync",
        "--today",
        TODAY,
        "--no-initiatives",
        "--report",
        str(report),
        cwd=company.root,
        env=env(api),
    )
    assert result.code == 0, result.out + result.err
    assert path.read_text().endswith(
        "        source: incidents\n        check_ins:\n"
        "          - {date: 2026-11-22, value: 3, by: incidents}\n"
        "recognition:\n  - {date: 2026-10-20, to: bob, from: alice, message: Rolled pooling"
        " out a week early.}\n"
    )
    text = report.read_text()
    assert text == result.out.split("## okr sync", 1)[1].join(["## okr sync", ""])
    assert "Globex" not in text and "S1" not in text and "K1" not in text
    assert "- a key result of a confidential objective of platform: recorded\n" in text
    # nor in the log: the file's diff would show the objective around the new check-in
    assert "Globex" not in result.out and "S1" not in result.out, result.out
    assert (
        "okrs/2026-Q4/platform.yaml: changed; it holds a confidential objective, so no diff\n"
        in result.out
    )


def test_the_report_is_inert_markdown_and_never_written_through_a_link(company, api):
    """What a source says reaches the pull request's body as literal text; a report path
    that is a link (or cannot be written) is refused before any file is changed."""
    path = setup(company, api)
    company.write(
        "data/availability.json",
        json.dumps({"months": [{"value": "[click](http://evil.example/) <img src=x>"}]}),
    )
    before = path.read_text()
    (company.root / "okr-sync.md").symlink_to(company.root / "okrs/org.yaml")
    org = (company.root / "okrs/org.yaml").read_text()
    linked = run_okr("sync", "--today", TODAY, "--no-initiatives", "--report", "okr-sync.md",
                     cwd=company.root, env=env(api))  # fmt: skip
    assert linked.code == 2 and "symbolic link" in linked.err, linked.err
    assert "Traceback" not in linked.err
    assert path.read_text() == before and (company.root / "okrs/org.yaml").read_text() == org
    (company.root / "okr-sync.md").unlink()
    result = run_okr("sync", "--today", TODAY, "--no-initiatives", "--report", "okr-sync.md",
                     cwd=company.root, env=env(api))  # fmt: skip
    assert result.code == 1, result.out + result.err  # the availability source failed
    report = (company.root / "okr-sync.md").read_text()
    assert "availability" in report and "<img" not in report and "](http" not in report
    assert "&lt;img src=x&gt;" in report and "\\[click\\]" in report


def test_okr_check_reports_mistakes_in_okr_sources_at_their_line(company):
    company.write(
        "okr-sources.yaml",
        "sources:\n  - id: a\n    csv: x.csv\n"
        "  - id: a\n    url: https://x.example/a.json\n    colour: red\n",
    )
    result = company.lint("okrs")
    lines = [x for x in result.lines if x.startswith("okr-sources.yaml:")]
    assert any(x.startswith("okr-sources.yaml:2:5:") and "column" in x for x in lines), lines
    assert any(x.startswith("okr-sources.yaml:4:") and "twice" in x for x in lines), lines
    assert any("'colour'" in x for x in lines), lines
    assert all("[source-declared]" in x for x in lines)
    assert result.code == 1


def test_sync_without_sources_or_github_links_changes_nothing(company):
    before = {p: p.read_bytes() for p in (company.root / "okrs").rglob("*.yaml")}
    result = run_okr(
        "sync", "--today", TODAY, cwd=company.root, env={"GITHUB_API_URL": "http://127.0.0.1:9"}
    )
    assert result.code == 0, result.err
    assert "No key result names a source" in result.out
    assert before == {p: p.read_bytes() for p in (company.root / "okrs").rglob("*.yaml")}


def test_the_example_company_syncs_as_the_readme_says(tmp_path, api):
    """The README's walk-through: declare a source beside the example company's okrs/, name it
    on a key result, run okr sync."""
    root = tmp_path / "acme"
    shutil.copytree(Path(__file__).resolve().parent.parent / "okrs", root / "okrs")
    (root / "okr-sources.yaml").write_text(
        "sources:\n  - id: api-availability\n    command: ./scripts/availability.sh\n"
    )
    script(root / "scripts/availability.sh", "echo 99.96\n")
    path = root / PLATFORM
    path.write_text(
        path.read_text().replace(
            '        threshold: {at_least: 99.95, unit: "%"}\n',
            '        threshold: {at_least: 99.95, unit: "%"}\n        source: api-availability\n',
        )
    )
    result = run_okr(
        "sync",
        "--today",
        "2026-11-23",
        cwd=root,
        env={"GITHUB_API_URL": api, "PATH": os.environ["PATH"]},
    )
    assert result.code == 0, result.out + result.err
    assert "value: 99.96, by: api-availability" in path.read_text()
    check = run_okr("check", "okrs", "--today", "2026-11-23", cwd=root)
    assert check.code == 0 and "0 errors" in check.out


def test_sync_shows_progress_over_many_sources_and_says_what_took_how_long(company):
    """Twelve sources (each a command): a log gets a line at each quarter, and the end says
    how many sources were read in how long."""
    ids = [f"s{i:02d}" for i in range(1, 13)]
    company.write("okr-sources.yaml", "sources:\n" + "".join(
        f"  - id: {sid}\n    command: ./scripts/value.sh\n" for sid in ids))  # fmt: skip
    script(company.root / "scripts/value.sh", "echo 42\n")
    krs = "".join(
        f"      - id: KR{n}\n        title: Reach 42 on measure {n}\n"
        f"        metric: {{start: 0, target: 42}}\n        source: {sid}\n"
        for n, sid in enumerate(ids, start=1)
    )
    team = (
        "team: platform\nperiod: 2026-Q4\nobjectives:\n  - id: O1\n"
        "    title: Make the platform boringly reliable\n    aligns_with: [acme/O1]\n"
        f"    key_results:\n{krs}"
    )
    company.write(PLATFORM, team)
    result = run_okr("sync", "--today", TODAY, "--dry-run", cwd=company.root, env={})
    assert result.code == 0, result.out + result.err
    lines = result.err.splitlines()
    assert [line for line in lines if line.startswith("Reading data sources")] == [
        "Reading data sources: 3 of 12", "Reading data sources: 6 of 12",
        "Reading data sources: 9 of 12"]  # fmt: skip
    summary = lines[-1]
    assert summary.startswith("okr sync: 12 data sources read in ") and "s in all" in summary
    assert "1 file changed" in summary and result.out.count("recorded 42 from s") == 12


def test_a_few_sources_show_no_progress_but_still_the_timing(company, api):
    setup(company, api)
    result = run_okr("sync", "--today", TODAY, "--dry-run", cwd=company.root, env=env(api))
    assert "Reading data sources" not in result.err and "Asking GitHub" not in result.err
    summary = result.err.splitlines()[-1]
    assert summary.startswith("okr sync: 3 data sources read in "), summary  # the wanted ones
    assert "4 GitHub links asked in " in summary, summary  # not the example.com one
