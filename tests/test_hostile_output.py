"""What the pipeline writes: only its own folders, whole or not at all; git history read as
data; confidential objectives nowhere; every change named by okr diff."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from conftest import OKR, ROOT, TODAY, git, mkdocs_config, run_okr, site_files
from helpers import PLATFORM

PF = "okrs/2026-Q4/platform.yaml"


def build(company, out, *args: str, **kw):
    return run_okr(
        "build",
        "--okrs",
        str(company.root / "okrs"),
        "--today",
        TODAY,
        "--out",
        str(out),
        *args,
        cwd=ROOT,
        **kw,
    )


# ---- output folders: ours to replace, nothing else ----------------------------------------


def test_a_failed_build_leaves_the_previous_site_byte_identical(company, tmp_path):
    out = tmp_path / "site"
    assert build(company, out).code == 0
    before = site_files(out)
    assert ".okr-site" in before
    # --strict fails on a person name that looks like a broken Markdown link: not any more,
    # titles are data; a broken link in the help pages still fails strict mode
    docs = tmp_path / "docs"
    subprocess.run(["cp", "-r", str(ROOT / "docs"), str(docs)], check=True)
    (docs / "help.md").write_text("# Help\n\n[missing](missing.md)\n")
    config = mkdocs_config(tmp_path, docs=docs)
    failed = build(company, out, "--config", str(config), "--strict")
    assert failed.code == 1 and "missing.md" in failed.err
    assert site_files(out) == before
    errors = company.write(PF, PLATFORM.replace("[acme/O1]", "[acme/O9]"))
    assert build(company, out).code == 1 and errors.is_file()
    assert site_files(out) == before
    assert not [p for p in tmp_path.iterdir() if ".building-" in p.name]


def test_a_killed_build_leaves_the_previous_site(company, tmp_path):
    out = tmp_path / "site"
    assert build(company, out).code == 0
    before = site_files(out)
    proc = subprocess.Popen(
        [
            str(OKR),
            "build",
            "--okrs",
            str(company.root / "okrs"),
            "--today",
            TODAY,
            "--out",
            str(out),
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".site.building-*")) and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert site_files(out) == before
    assert build(company, out).code == 0  # the next build cleans up and succeeds
    assert not list(tmp_path.glob(".site.building-*"))


@pytest.mark.parametrize(
    "where", ["okrs", "okrs/2026-Q4", ".", ".git", "..", "docs", "foreign", "a-file", "link"]
)
def test_build_refuses_folders_it_did_not_make(repo, tmp_path, where):
    config = mkdocs_config(repo.root)  # its docs_dir is this project's docs/
    (repo.root / "foreign").mkdir()
    (repo.root / "foreign/keep.txt").write_text("mine\n")
    (repo.root / "a-file").write_text("mine\n")
    (repo.root / "link").symlink_to(repo.root / "foreign")
    target = str(ROOT / "docs") if where == "docs" else where

    def files() -> dict:
        found = {p: p.read_bytes() for p in repo.root.rglob("*") if p.is_file()}
        found.update({p: p.read_bytes() for p in (ROOT / "docs").rglob("*") if p.is_file()})
        return found

    before = files()
    result = run_okr(
        "build", "--config", str(config), "--today", TODAY, "--out", target, cwd=repo.root
    )
    assert result.code == 2, result.err
    assert result.err.startswith("okr: ") and result.err.count("\n") == 1, result.err
    assert files() == before


def test_cache_and_site_links_are_refused(company, tmp_path):
    target = tmp_path / "elsewhere"
    target.mkdir()
    (tmp_path / "site").symlink_to(target)
    result = build(company, tmp_path / "site")
    assert result.code == 2 and "symbolic link" in result.err
    assert list(target.iterdir()) == []


def test_codeowners_output_errors_are_one_clear_message(repo, tmp_path):
    (repo.root / "folder").mkdir()
    for target, words in (
        ("folder", "is a folder"),
        ("okrs/org.yaml/CODEOWNERS", "is a file, not a folder"),
    ):
        result = run_okr("codeowners", "--output", target, cwd=repo.root)
        assert result.code == 2 and words in result.err, result.err
    (tmp_path / "ro").mkdir()
    (tmp_path / "ro").chmod(0o500)
    try:
        if os.geteuid() != 0:  # root may write anywhere
            result = run_okr(
                "codeowners", "--output", str(tmp_path / "ro/CODEOWNERS"), cwd=repo.root
            )
            assert result.code == 2 and "permission denied" in result.err
    finally:
        (tmp_path / "ro").chmod(0o700)
    if os.path.exists("/dev/full"):
        (tmp_path / "full").symlink_to("/dev/full")
        result = run_okr("codeowners", "--output", str(tmp_path / "full"), cwd=repo.root)
        assert result.code == 2 and "symbolic link" in result.err


# ---- generated files cannot be injected ----------------------------------------------------


def test_a_handle_with_a_newline_never_reaches_codeowners(repo):
    org = repo.root / "okrs/org.yaml"
    org.write_text(
        org.read_text().replace(
            "lead: alice\n", 'lead: alice\n    github: "@acme/x\\n* @attacker"\n'
        )
    )
    check = repo.check("okrs")
    assert "okrs/org.yaml:" in check.out and "error [schema]" in check.out and "github" in check.out
    result = run_okr("codeowners", cwd=repo.root)
    assert result.code == 1 and "has errors" in result.err
    assert not (repo.root / ".github/CODEOWNERS").exists()


def test_codeowners_paths_follow_an_okr_folder_below_the_root(tmp_path):
    repo = tmp_path / "repo"
    from conftest import FIXTURE

    subprocess.run(
        ["cp", "-r", str(FIXTURE / "okrs"), str(repo / "planning" / "okrs")], check=False
    )
    (repo / "planning").mkdir(parents=True, exist_ok=True)
    subprocess.run(["cp", "-r", str(FIXTURE / "okrs"), str(repo / "planning")], check=True)
    git(repo, "init", "-q", "-b", "main")
    org = repo / "planning/okrs/org.yaml"
    org.write_text(
        org.read_text().replace("lead: alice\n", 'lead: alice\n    github: "@acme/platform"\n')
    )
    result = run_okr("codeowners", "--okrs", "planning/okrs", cwd=repo)
    assert result.code == 0, result.err
    text = (repo / ".github/CODEOWNERS").read_text()
    assert "/planning/okrs/*/platform.yaml @acme/platform" in text


# ---- git history is data -------------------------------------------------------------------


def test_commit_subjects_cannot_forge_entries_and_odd_names_are_survived(repo, tmp_path):
    text = (repo.root / PF).read_text().replace("value: 520", "value: 500")
    repo.write(PF, text)
    subject = "check-in\x1f2026-11-21\x1fMallory\x1fforged\x1e\ndeadbeef blob 12"
    git(repo.root, "commit", "-qam", subject)
    (repo.root / "okrs/2026-Q4/odd\nname.yaml").write_text("team: odd\n")
    (repo.root / os.fsdecode(b"okrs/2026-Q4/\xff\xfe.yaml")).write_text("team: x\n")
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-qm", "odd names")
    out = tmp_path / "site"
    config = mkdocs_config(tmp_path)
    for name in ("odd\nname.yaml",):
        os.remove(repo.root / "okrs/2026-Q4" / name)
    os.remove(repo.root / os.fsdecode(b"okrs/2026-Q4/\xff\xfe.yaml"))
    git(repo.root, "commit", "-qam", "remove odd names")
    result = build(repo, out, "--config", str(config))
    assert result.code == 0, result.err
    page = (out / "changes.html").read_text()
    sections = page.split('<section class="change"')[1:]
    assert len([s for s in sections if "forged" in s]) == 1  # one commit, one entry
    assert 'datetime="2026-11-21"' not in page  # the forged date never dates an entry
    assert all('<time datetime="2026-11-20">' in s for s in sections)
    diff = run_okr("diff", "HEAD~3", "HEAD~1", "--today", TODAY, cwd=repo.root)
    assert diff.code == 0, diff.err
    assert "odd\\u000aname.yaml" in diff.out and "\ufffd\ufffd.yaml" in diff.out


def test_what_changed_does_not_depend_on_the_time_zone(repo, tmp_path):
    text = (repo.root / PF).read_text().replace("value: 520", "value: 500")
    repo.write(PF, text)
    git(repo.root, "commit", "-qam", "late check-in")
    config = mkdocs_config(tmp_path)
    pages = []
    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"):
        out = tmp_path / zone.replace("/", "-")
        result = build(repo, out, "--config", str(config), env={"TZ": zone})
        assert result.code == 0, result.err
        pages.append((out / "changes.html").read_bytes())
    assert pages[0] == pages[1] == pages[2]
    assert b"late check-in" in pages[0]


def test_a_file_only_in_history_that_would_kill_a_parser(repo, tmp_path):
    repo.write(
        "okrs/2026-Q4/deep.yaml", "team: deep\nperiod: 2026-Q4\nobjectives: " + "[" * 100_000
    )
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-qm", "deep")
    os.remove(repo.root / "okrs/2026-Q4/deep.yaml")
    git(repo.root, "commit", "-qam", "undeep")
    diff = run_okr("diff", "HEAD~2", "HEAD~1", "--today", TODAY, cwd=repo.root)
    assert diff.code == 0 and "does not load" in diff.out and "nesting" in diff.out
    config = mkdocs_config(tmp_path)
    result = build(repo, tmp_path / "site", "--config", str(config))
    assert result.code == 0, result.err


# ---- okr diff names every change -----------------------------------------------------------


def test_diff_names_every_kind_of_change(repo):
    text = (repo.root / PF).read_text()
    text = text.replace(
        "        owner: bob\n        metric",
        "        owner: bob\n        weight: 3\n        metric",
        1,
    )
    text = text.replace(
        "    owner: alice\n",
        "    owner: alice\n    type: committed\n    description: Why now.\n",
        1,
    )
    text = text.replace(
        "          - {date: 2026-10-06, value: 790, status: on_track, by: bob}\n", ""
    )
    text = text.replace("            status: in_progress\n", "            status: done\n")
    text = text.replace("recognition:", "retrospective: Learned a lot.\nrecognition:")
    text = text.replace(
        "        threshold: {at_least: 99.95",
        "        tags: [p0]\n        due: 2026-12-15\n        threshold: {at_least: 99.95",
        1,
    )
    text = text.replace(
        "{date: 2026-11-16, value: 99.97}",
        "{date: 2026-11-16, value: 99.97}\n          - {date: 2026-11-20, status: at_risk, confidence: 4}",
    )
    repo.write(PF, text)
    org = repo.root / "okrs/org.yaml"
    org.write_text(
        org.read_text()
        .replace("name: Platform\n", 'name: Platform Eng\n    github: "@acme/platform"\n')
        .replace("  - {id: bob, name: Bob Okafor, team: platform}\n", "")
    )
    git(repo.root, "commit", "-qam", "many changes")
    out = run_okr("diff", "HEAD~1", "HEAD", "--today", TODAY, cwd=repo.root).out
    for words in (
        "O1/KR1 weight: none → 3",
        "O1 type: none → “committed”",
        "O1 description added",
        "O1/KR1 check-in removed 2026-10-06: 790 ms (on track)",
        "initiative “Connection pooling everywhere” status: “in_progress” → “done”",
        "retrospective added",
        "organisation: changed okrs/org.yaml",
        "team platform name: “Platform” → “Platform Eng”",
        "team platform github: none → “@acme/platform”",
        "person bob removed: “Bob Okafor”",
        "O1/KR2 tags: none → [“p0”]",
        "O1/KR2 due: none → “2026-12-15”",
        "O1/KR2 check-in 2026-11-20: no new value (at risk) confidence 4/10",
    ):
        assert words in out, (words, out)


def test_diff_reports_a_head_that_does_not_load(repo):
    repo.write(PF, (repo.root / PF).read_text() + "team: again\n")
    git(repo.root, "commit", "-qam", "duplicate key")
    out = run_okr("diff", "HEAD~1", "HEAD", "--today", TODAY, cwd=repo.root).out
    assert "does not load" in out and "duplicate key 'team'" in out and "removed" not in out


def test_diff_and_okr_folder_below_the_repository_root(tmp_path):
    from conftest import FIXTURE

    repo = tmp_path / "repo"
    (repo / "sub").mkdir(parents=True)
    subprocess.run(["cp", "-r", str(FIXTURE / "okrs"), str(repo / "sub")], check=True)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "t@example.com")
    git(repo, "config", "user.name", "T")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    pf = repo / "sub/okrs/2026-Q4/platform.yaml"
    pf.write_text(pf.read_text().replace("target: 300", "target: 250"))
    out = run_okr("diff", "HEAD", "--okrs", "sub/okrs", "--today", TODAY, cwd=repo).out
    assert "O1/KR1 target: 300 → 250" in out


# ---- confidential objectives appear in no output but the YAML itself -----------------------

SECRET = "  - id: S1\n    title: Buy Globex quietly\n    confidential: true\n    aligns_with: []\n    key_results:\n      - {id: K1, title: Sign the letter of intent with Globex, milestone: true, check_ins: [{date: 2026-10-01, done: false, note: Globex lawyers slow}]}\n"


def test_confidential_objectives_in_diff_formats_and_history(repo, tmp_path):
    text = (repo.root / PF).read_text()
    repo.write(PF, text.replace("recognition:", SECRET + "recognition:"))
    git(repo.root, "commit", "-qam", "plans")
    for fmt in ("text", "markdown", "json"):
        out = run_okr(
            "diff", "HEAD~1", "HEAD", "--format", fmt, "--today", TODAY, cwd=repo.root
        ).out
        assert "Globex" not in out and "S1" not in out, out
        assert "a confidential objective changed" in out
    # an objective made confidential later vanishes from the history of the site
    public = text.replace(
        "recognition:", SECRET.replace("    confidential: true\n", "") + "recognition:"
    )
    repo.write(PF, public)
    git(repo.root, "commit", "-qam", "public first")
    repo.write(
        PF,
        public.replace(
            "    aligns_with: []\n    key_results:\n      - {id: K1",
            "    confidential: true\n    aligns_with: []\n    key_results:\n      - {id: K1",
        ),
    )
    git(repo.root, "commit", "-qam", "now secret")
    out = tmp_path / "site"
    config = mkdocs_config(tmp_path)
    result = build(repo, out, "--config", str(config))
    assert result.code == 0, result.err
    for path, data in site_files(out).items():
        assert b"Globex" not in data, path


def test_checker_messages_about_confidential_objectives_stay_off_the_site(company, tmp_path):
    secret = SECRET.replace("title: Buy Globex quietly", "title: Buy Globex for 42 million")
    company.write(PF, PLATFORM.replace("recognition:", "") + secret)
    check = company.check("okrs")
    assert "Globex" not in check.out and "[objective-is-qualitative]" in check.out  # S1's title
    out = tmp_path / "site"
    assert build(company, out).code == 0
    health = (out / "health.html").read_text()
    assert "checker findings about confidential objectives are not shown" in health
    for path, data in site_files(out).items():
        assert b"Globex" not in data and b"42 million" not in data, path


# Every character class a spreadsheet skips before deciding a cell is a formula: ASCII and
# Unicode blanks, line and paragraph separators, zero-width and direction marks, the BOM;
# and the full-width and small forms of = + - @.
FORMULA_CELLS = [
    "=HYPERLINK(1)", " =1+1", "\u00a0=1", "\u2003+1", "\u3000@SUM(1)", "\u200b-1",
    "\ufeff=1", "\u2028=1", "\u202e=1", "\u00a0\u200b\u3000=1", "＝1", "﹦1", "＋1", "﹫x",
    "－1",
]  # fmt: skip


def test_csv_cells_cannot_start_rows_or_formulas(company, tmp_path):
    notes = "".join(
        f"          - {{date: 2026-11-{1 + i:02d}, status: on_track, note: {json.dumps(cell)}}}\n"
        for i, cell in enumerate(FORMULA_CELLS)
    )
    titles = "".join(
        f"  - id: F{i}\n    title: {json.dumps(cell)}\n    aligns_with: []\n    key_results:\n"
        f"      - {{id: KR1, title: {json.dumps(cell)}, milestone: true}}\n"
        for i, cell in enumerate(FORMULA_CELLS)
    )
    text = (
        PLATFORM.replace(
            "title: The failover runbook is published", 'title: "Ship it\\r=HYPERLINK(1)"'
        ).replace("          - {date: 2026-11-16, done: true}\n", notes)
        + titles
    )
    company.write(PF, text)
    out = tmp_path / "site"
    assert build(company, out).code == 0
    data = (out / "okrs.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM: Excel then reads UTF-8, Chinese included
    assert b'"Ship it\r=HYPERLINK(1)"' in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][0] == "period"
    cells = {cell for row in rows for cell in row}
    for cell in FORMULA_CELLS:
        assert "'" + cell in cells, cell  # the objective title and the key result title
        assert cell not in cells, cell
    json.loads((out / "okrs.json").read_text())


def test_fuzzed_output_paths_never_touch_what_is_not_theirs(repo, tmp_path):
    """A seeded sample of odd --out targets, in-process: each builds a site of its own or is
    refused with one clear message; the OKR files, the project and .git never change."""
    import random

    from generator import publish
    from generator.errors import OkrError

    config = mkdocs_config(repo.root)
    (repo.root / "a-file").write_text("mine\n")
    (repo.root / "holder").mkdir()
    (repo.root / "holder/keep.txt").write_text("mine\n")
    (repo.root / "to-okrs").symlink_to(repo.root / "okrs")
    candidates = [
        "okrs", "okrs/2026-Q4", "okrs/new-site", ".", "..", ".git", ".git/site", "a-file",
        "a-file/site", "holder", "to-okrs", "to-okrs/x", "site", "site/inner", "odd\nname",
        "spaced out", "ünïcödé", "../outside-site", "site/../site", str(repo.root / "okrs"),
    ]  # fmt: skip

    def snapshot() -> dict[str, bytes]:
        return {
            p.relative_to(repo.root).as_posix(): p.read_bytes()
            for p in repo.root.rglob("*")
            if p.is_file() and not p.is_symlink() and not {"site", ".cache"} & set(p.relative_to(repo.root).parts)
            and not p.relative_to(repo.root).as_posix().startswith(("odd", "spaced", "ünï"))
        }  # fmt: skip

    before = snapshot()
    rng = random.Random(20261201)
    previous = os.getcwd()
    os.chdir(repo.root)
    try:
        for target in rng.sample(candidates, len(candidates)):
            try:
                code = publish.build(Path(target), TODAY, False, config, repo.root / "okrs")
            except OkrError as exc:
                assert (str(exc) and "\n" not in str(exc).strip()) or "odd" in target, exc
                continue
            assert code == 0, target
            assert (Path(target) / ".okr-site").is_file(), target
    finally:
        os.chdir(previous)
    assert snapshot() == before


def test_links_and_submodule_like_entries_in_history_are_reported_not_read(repo):
    (repo.root / "okrs/2026-Q4/linked.yaml").symlink_to("/etc/passwd")
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-qm", "a link in history")
    out = run_okr("diff", "HEAD~1", "HEAD", "--today", TODAY, cwd=repo.root)
    assert out.code == 0, out.err
    assert (
        "does not load okrs/2026-Q4/linked.yaml" in out.out and "a symbolic link in git" in out.out
    )
    assert "root:" not in out.out


def test_long_parent_chains_need_no_recursion(tmp_path):
    """A 3,000-team parent chain (deeper than Python's recursion limit) is checked, modelled
    and rendered like any other tree."""
    import sys

    from generator.charts import ChartStore
    from generator.check import check_tree
    from generator.model_builder import build_model
    from generator.site.pages import build_site

    okrs = tmp_path / "okrs"
    okrs.mkdir()
    teams = [f"t-{i:05d}" for i in range(3000)]
    lines = ["company: {name: Chain Co}", "teams:"]
    lines += [f"  - {{id: {t}, name: Team {i}" + (f", parent: {teams[i - 1]}}}" if i else "}")
              for i, t in enumerate(teams)]  # fmt: skip
    (okrs / "org.yaml").write_text("\n".join(lines) + "\n")
    assert len(teams) > sys.getrecursionlimit()
    checked = check_tree(okrs, today=TODAY)
    assert checked.report.errors == 0, [p.format() for p in checked.report.problems][:3]
    ctx = checked.ctx
    model = build_model(ctx.org, ctx.workspace.documents, ctx.today, ctx.settings)
    assert model.teams[teams[-1]].depth == 2999
    site = build_site(model, checked.report.problems, ChartStore(None), {}, None, None)
    assert "teams.md" in site.pages


# ---- two builds at once ------------------------------------------------------------------


def test_two_builds_into_one_folder_take_turns(tmp_path):
    """Two `okr build` runs into the same folder: the second waits for the first, says so, and
    both end with a complete site; no half-built folder is left behind or swapped in."""
    from benchmarks.synth import TODAY as DAY
    from benchmarks.synth import generate

    generate(60, tmp_path / "co")
    out = tmp_path / "site"
    args = [str(OKR), "build", "--okrs", str(tmp_path / "co/okrs"), "--today", DAY,
            "--out", str(out)]  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    first = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)  # fmt: skip
    deadline = time.monotonic() + 60
    while not any(p.name.startswith(".site.building-") for p in tmp_path.iterdir()):
        assert time.monotonic() < deadline and first.poll() is None, "the first build never began"
        time.sleep(0.05)
    second = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert first.wait(timeout=300) == 0, first.stderr.read()
    assert second.returncode == 0, second.stderr
    assert "waiting for another okr build" in second.stderr, second.stderr
    assert (out / "index.html").is_file() and (out / ".okr-site").is_file()
    assert len(list((out / "periods/2026-Q3/teams").glob("*.html"))) == 60
    assert not [p.name for p in tmp_path.iterdir() if ".building-" in p.name]


def test_a_build_that_cannot_get_the_folder_says_so_and_touches_nothing(company, tmp_path):
    import fcntl

    from generator import outputs

    out = tmp_path / "site"
    assert build(company, out).code == 0
    before = site_files(out)
    with open(outputs.lock_file(out), "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        held.truncate(0)
        held.write("4242\n")
        held.flush()
        refused = pytest.raises(outputs.OutputError, match=r"another okr build \(process 4242\)")
        with refused, outputs.site_lock(out, wait=0.5):
            pass  # pragma: no cover - never reached
    assert site_files(out) == before


def test_findings_that_reveal_a_confidential_objective_stay_off_the_site(company, tmp_path):
    """Findings located outside a confidential objective that still reveal it: a share over
    every aspirational key result of the file, which the hidden ones tip over the limit (it
    tells what they scored), and a reference into a confidential objective of another file
    (its message quotes the objective's id). The terminal shows both; the site neither, while
    the same findings about public objectives stay on the site."""
    company.write(
        "okrs/org.yaml",
        (company.root / "okrs/org.yaml").read_text()
        + "periods:\n  - {id: X1, start: 2026-11-01, end: 2027-02-28}\n",
    )
    kr = "{{id: {k}, title: Reach {n} deals, metric: {{start: 0, target: {n}}}, score: {s}}}"
    graded = lambda score, *ids: "".join(  # noqa: E731
        "      - " + kr.format(k=k, n=i + 2, s=score) + "\n" for i, k in enumerate(ids)
    )
    company.write(
        "okrs/2026-Q3/platform.yaml",
        "team: platform\nperiod: 2026-Q3\nretrospective: Fine.\nobjectives:\n"
        "  - id: O1\n    title: Keep the platform calm\n    aligns_with: []\n    key_results:\n"
        + graded(1.0, "KR1")
        + graded(0.5, "KR2")
        + "  - id: acquire-rival-corp\n    title: Hidden\n    confidential: true\n"
        "    aligns_with: []\n    key_results:\n" + graded(1.0, "KR1", "KR2", "KR3", "KR4"),
    )
    company.write(
        "okrs/X1/acme.yaml",
        "team: acme\nperiod: X1\nobjectives:\n"
        "  - id: buy-globex\n    title: Hidden too\n    confidential: true\n    key_results:\n"
        "      - {id: KR1, title: Reach 3 deals, metric: {start: 0, target: 3}}\n"
        "  - id: grow-quietly\n    title: Grow in the open\n    key_results:\n"
        "      - {id: KR1, title: Reach 5 deals, metric: {start: 0, target: 5}}\n",
    )
    company.write(
        PF,
        PLATFORM.replace("aligns_with: [acme/O1]", 'aligns_with: ["X1:acme/buy-globex"]')
        + '  - id: O2\n    title: Stay in the open\n    aligns_with: ["X1:acme/grow-quietly"]\n'
        "    key_results:\n      - {id: KR1, title: Reach 9 deals, metric: {start: 0, target: 9}}\n",
    )
    check = company.check("okrs")
    assert "[sandbagging] 5 of 6 aspirational key results" in check.out, check.out
    assert "'X1:acme/buy-globex': X1" in check.out and "'X1:acme/grow-quietly': X1" in check.out
    out = tmp_path / "site"
    assert build(company, out).code == 0
    team = (out / "periods/2026-Q4/teams/platform.html").read_text()
    assert "X1:acme/grow-quietly" in team  # the public reference's finding is shown
    for path, data in site_files(out).items():
        assert b"buy-globex" not in data and b"acquire-rival-corp" not in data, path
        assert b"aspirational key results scored" not in data, path
    # a share the public objectives reach alone, word for word the same without the hidden
    # (committed) one, is public
    company.write(
        "okrs/2026-Q3/platform.yaml",
        "team: platform\nperiod: 2026-Q3\nretrospective: Fine.\nobjectives:\n"
        "  - id: O1\n    title: Keep the platform calm\n    aligns_with: []\n    key_results:\n"
        + graded(1.0, "KR1", "KR2", "KR3", "KR4")
        + "  - id: acquire-rival-corp\n    title: Hidden\n    confidential: true\n"
        "    type: committed\n    aligns_with: []\n    key_results:\n" + graded(1.0, "KR1"),
    )
    check = company.check("okrs")
    assert "[sandbagging] 4 of 4 aspirational key results" in check.out, check.out
    assert build(company, out).code == 0
    shown = (out / "periods/2026-Q3/teams/platform.html").read_text()
    assert "4 of 4 aspirational key results scored 1.0" in shown
    assert "acquire-rival-corp" not in shown


def test_a_file_that_does_not_parse_keeps_its_confidential_objective_off_the_summary(company):
    """A confidential key result whose title has the common `: ` slip: the file does not
    parse, so where the finding lies cannot be told, and the slip's advice quotes the line.
    The log (text) shows it; the job summary (markdown) and the site only count it, as every
    finding about a confidential objective."""
    path = company.root / "okrs/2026-Q4/platform.yaml"
    secret = (
        "  - id: S1\n    title: Win a secret deal\n    confidential: true\n"
        "    aligns_with: []\n    key_results:\n"
        "      - id: K1\n        title: Close the Globex deal: at 3 bn\n"
        "        milestone: true\n"
    )
    path.write_text(path.read_text().replace("recognition:", secret + "recognition:"))
    logged = run_okr("check", "--today", TODAY, cwd=company.root)
    assert logged.code == 1 and "Globex" in logged.out  # the file's own readers see it
    summary = run_okr("check", "--today", TODAY, "--format", "markdown", cwd=company.root)
    assert summary.code == 1 and "Globex" not in summary.out, summary.out
    assert "about confidential objectives (see the log)" in summary.out
    # a file that does not parse and declares no confidential objective shows its slip
    path.write_text(path.read_text().replace("    confidential: true\n", ""))
    plain = run_okr("check", "--today", TODAY, "--format", "markdown", cwd=company.root)
    assert "Globex" in plain.out and "confidential" not in plain.out
