"""The workflows `okr init` writes for the OKR program, remind.yml and sync.yml: linted, pinned,
least-privilege, and their shell steps run for real, with the environment GitHub would give
them, against a copy of the fixture company (and, for sync, a real git repository with a bare
`origin`). `gh` is a fake that logs every call and answers the listings as the GitHub API
would (its `--jq` filters go through the real jq), so what the steps send can be checked."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import Company, git

from generator.scaffold import workflow

BIN = Path(sys.executable).parent
INSTALL = "python -m pip install -e ."
# GitHub's default shell for a `run:` step on Linux
GITHUB_BASH = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c"]
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}", re.S)
NOV_22 = 1795305600  # 2026-11-22: every key result of the fixture company is recent
DEC_01 = NOV_22 + 9 * 86400  # 2026-12-01: the 2026-11-16 check-ins are 15 days old
BOT = "github-actions[bot]"
TITLE = "OKR check-ins due"
MARKER = "<!-- okr-remind -->"
REPO = "acme/okrs"
WORKFLOW_TOKEN = "ghs-workflow-token"
PR_TOKEN = "okr-pr-token"
PLATFORM = "okrs/2026-Q4/platform.yaml"


def render(name: str) -> dict[str, Any]:
    data = yaml.safe_load(workflow(name, INSTALL))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the `on:` key as true
    return data


# ---- static: lint, pins, permissions ---------------------------------------------------


@pytest.fixture
def rendered(tmp_path: Path) -> list[Path]:
    paths = []
    for name in ("remind.yml", "sync.yml"):
        path = tmp_path / name
        path.write_text(workflow(name, INSTALL), encoding="utf-8")
        paths.append(path)
    return paths


def test_actionlint_passes(rendered: list[Path]) -> None:
    proc = subprocess.run(
        [str(BIN / "actionlint"), *map(str, rendered)], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_github_workflow_schema_passes(rendered: list[Path]) -> None:
    proc = subprocess.run(
        [
            str(BIN / "check-jsonschema"),
            "--builtin-schema",
            "vendor.github-workflows",
            *map(str, rendered),
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("name", ["remind.yml", "sync.yml"])
def test_every_action_is_pinned_to_a_full_commit_with_its_version(name: str) -> None:
    text = workflow(name, INSTALL)
    found = re.findall(r"uses:\s*(\S+)(?:\s+#\s*(\S+))?", text)
    # checkout and setup-python at least: an empty match would make the loop vacuous
    assert len(found) >= 2 and len(found) == text.count("uses:"), found
    for uses, version in found:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", uses), uses
        assert re.fullmatch(r"v\d+\.\d+\.\d+", version), (uses, version)


@pytest.mark.parametrize(
    ("name", "permissions"),
    [
        ("remind.yml", {"contents": "read", "issues": "write"}),
        ("sync.yml", {"contents": "write", "pull-requests": "write", "issues": "read"}),
    ],
)
def test_least_privilege_and_only_scheduled_or_by_hand(
    name: str, permissions: dict[str, str]
) -> None:
    data = render(name)
    assert data["permissions"] == permissions
    # a job-level block would replace the workflow's: none may widen it
    assert all("permissions" not in job for job in data["jobs"].values())
    assert set(data["on"]) == {"schedule", "workflow_dispatch"}
    assert data["on"]["workflow_dispatch"] is None  # no inputs: nothing a caller can inject
    for job in data["jobs"].values():
        checkout = [s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@")]
        assert len(checkout) == 1
        # no token in .git/config while okr (and, in sync, a source's command) runs
        assert checkout[0]["with"]["persist-credentials"] is False


@pytest.mark.parametrize("name", ["remind.yml", "sync.yml"])
def test_no_expression_is_spliced_into_a_script(name: str) -> None:
    """Values from GitHub reach the scripts only through `env:`, never as shell text."""
    runs = [s["run"] for job in render(name)["jobs"].values() for s in job["steps"] if "run" in s]
    assert len(runs) >= 3
    for script in runs:
        assert "${{" not in script, script


# ---- running the steps -----------------------------------------------------------------


def evaluate(expression: str, context: dict[str, Any]) -> str:
    """The part of GitHub's expression language these workflows use: context paths,
    `a || b` (the first truthy one), toJSON(secrets). A missing property is null, which
    renders as an empty string, as on GitHub; anything else is refused so that a new
    expression in a template cannot be silently mis-modelled."""
    for alternative in (part.strip() for part in expression.split("||")):
        value: Any
        if alternative == "toJSON(secrets)":
            value = json.dumps(context["secrets"], indent=2)
        elif re.fullmatch(r"(github|secrets)(\.[\w-]+)+", alternative):
            value = context
            for key in alternative.split("."):
                value = value.get(key) if isinstance(value, dict) else None
        else:
            raise AssertionError(f"expression not modelled by this test: {expression}")
        if value:
            return value if isinstance(value, str) else json.dumps(value)
    return ""


def github_context(event: str, secrets: dict[str, str] | None = None) -> dict[str, Any]:
    """What a run on the default branch `main` of acme/okrs sees. A scheduled run's event
    payload holds only the cron line: no `repository` (unlike workflow_dispatch's)."""
    payload: dict[str, Any] = (
        {"schedule": "41 5 * * *"}
        if event == "schedule"
        else {
            "ref": "refs/heads/main",
            "inputs": None,
            "repository": {"full_name": REPO, "default_branch": "main"},
        }
    )
    github = {
        "token": WORKFLOW_TOKEN,
        "repository": REPO,
        "repository_owner": "acme",
        "event_name": event,
        "ref": "refs/heads/main",
        "ref_name": "main",
        "event": payload,
    }
    return {"github": github, "secrets": {"GITHUB_TOKEN": WORKFLOW_TOKEN, **(secrets or {})}}


def run_steps(
    data: dict[str, Any], cwd: Path, env: dict[str, str], context: dict[str, Any]
) -> dict[str, subprocess.CompletedProcess[str]]:
    """Each `run:` step of the workflow's one job, in order, as GitHub runs it; a failed step
    ends the job (no step here has an `if:`, checked below)."""
    (job,) = data["jobs"].values()
    done: dict[str, subprocess.CompletedProcess[str]] = {}
    for step in job["steps"]:
        if "run" not in step or step.get("id") == "install":  # okr is installed already
            continue
        assert "if" not in step, step  # this runner does not model conditions
        step_env = dict(env)
        for scope in (data, job, step):
            for key, value in (scope.get("env") or {}).items():
                step_env[key] = EXPRESSION.sub(lambda m: evaluate(m.group(1), context), value)
        proc = subprocess.run(
            [*GITHUB_BASH, step["run"]],
            cwd=cwd,
            env=step_env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert "Traceback" not in proc.stderr, proc.stderr
        done[step["name"]] = proc
        if proc.returncode != 0:
            break
    return done


FAKE_GH = r'''
"""A fake `gh`: `gh api` only. Logs each call as a JSON line (with -F body=@FILE read, as gh
reads it, and the token it was given) and answers the two listings from FAKE_ISSUES and
FAKE_PULLS the way the GitHub API does (state, creator, head are filtered by the server),
through the real jq for --jq. Writes must carry the fields GitHub requires."""
import json, os, re, subprocess, sys


def fail(message):
    print(f"fake gh: {message}", file=sys.stderr)
    sys.exit(1)


def typed(value):
    if value.startswith("@"):
        with open(value[1:], encoding="utf-8") as handle:
            return handle.read()
    if value in ("true", "false", "null") or re.fullmatch(r"-?\d+", value):
        return json.loads(value)
    return value


argv = sys.argv[1:]
if not argv or argv[0] != "api":
    fail(f"only `gh api` is modelled: {argv}")
method, endpoint, jq, paginate, fields = None, None, None, False, {}
args = iter(argv[1:])
for arg in args:
    if arg in ("-X", "--method"):
        method = next(args)
    elif arg in ("-f", "--raw-field"):
        key, value = next(args).split("=", 1)
        fields[key] = value
    elif arg in ("-F", "--field"):
        key, value = next(args).split("=", 1)
        fields[key] = typed(value)
    elif arg in ("-q", "--jq"):
        jq = next(args)
    elif arg == "--paginate":
        paginate = True
    elif arg.startswith("-") or endpoint is not None:
        fail(f"argument not modelled: {arg}")
    else:
        endpoint = arg
# gh: GET, or POST as soon as a field is given, unless --method says otherwise
method = method or ("POST" if fields else "GET")
if not os.environ.get("GH_TOKEN"):
    fail("not logged in (no GH_TOKEN)")
with open(os.environ["FAKE_GH_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps({"method": method, "endpoint": endpoint, "fields": fields,
                          "paginate": paginate, "jq": jq,
                          "token": os.environ["GH_TOKEN"]}) + "\n")
listing = re.fullmatch(r"repos/[^/]+/[^/]+/(issues|pulls)", endpoint or "")
if method == "GET":
    if listing is None:
        fail(f"no answer for GET {endpoint}")
    items = json.loads(os.environ.get("FAKE_" + listing.group(1).upper(), "[]"))
    state = fields.get("state", "open")
    items = [i for i in items if state == "all" or i["state"] == state]
    if "creator" in fields:
        items = [i for i in items if i["user"]["login"] == fields["creator"]]
    if "head" in fields:
        items = [i for i in items if i["head"]["label"] == fields["head"]]
    answer = items
else:
    required = {"issues": ["title"], "pulls": ["title", "head", "base"]}
    for key in required.get(listing.group(1), []) if listing else []:
        if not fields.get(key):
            fail(f"HTTP 422: {key} is missing (POST {endpoint})")
    answer = {"number": 999, **fields}
text = json.dumps(answer)
if jq is None:
    print(text)
    sys.exit(0)
proc = subprocess.run(["/usr/bin/jq", "-r", jq], input=text, text=True)
sys.exit(proc.returncode)
'''


@dataclass
class FakeGh:
    bin: Path
    log: Path

    def calls(self) -> list[dict[str, Any]]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text().splitlines()]

    def writes(self) -> list[dict[str, Any]]:
        return [c for c in self.calls() if c["method"] != "GET"]

    def reset(self) -> None:
        self.log.unlink(missing_ok=True)


@pytest.fixture
def fake_gh(tmp_path: Path) -> FakeGh:
    folder = tmp_path / "fakebin"
    folder.mkdir()
    gh = folder / "gh"
    gh.write_text(f"#!{sys.executable}\n{FAKE_GH}", encoding="utf-8")
    gh.chmod(gh.stat().st_mode | stat.S_IEXEC)
    return FakeGh(folder, tmp_path / "gh-calls.jsonl")


def runner_env(tmp: Path, fake: FakeGh, epoch: int, **extra: str) -> dict[str, str]:
    """The runner's environment: no token or secret of this machine, the fake gh first."""
    output, summary = tmp / "github_output", tmp / "step_summary"
    output.write_text("")
    summary.write_text("")
    dropped = ("OKR_TODAY", "SOURCE_DATE_EPOCH", "GH_TOKEN", "GITHUB_TOKEN", "OKR_SECRETS",
               "METRICS_TOKEN", "GH_HOST", "GH_REPO")  # fmt: skip
    return {
        **{k: v for k, v in os.environ.items() if k not in dropped},
        "PATH": os.pathsep.join([str(fake.bin), str(BIN), os.environ["PATH"]]),
        "GITHUB_ACTIONS": "true",
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(summary),
        "SOURCE_DATE_EPOCH": str(epoch),
        "FAKE_GH_LOG": str(fake.log),
        **extra,
    }


# ---- remind.yml ------------------------------------------------------------------------


def issue(number: int, *, by: str = BOT, title: str = TITLE, marked: bool = True,
          state: str = "open", pull: bool = False) -> dict[str, Any]:  # fmt: skip
    """An item as GET repos/{owner}/{repo}/issues lists it (pull requests are listed too)."""
    item: dict[str, Any] = {
        "number": number,
        "title": title,
        "state": state,
        "user": {"login": by},
        "body": (MARKER + "\n## OKR check-ins due\n") if marked else "Please check in!",
    }
    if pull:
        item["pull_request"] = {"url": f"https://api.github.com/repos/{REPO}/pulls/{number}"}
    return item


@dataclass
class Reminded:
    steps: dict[str, subprocess.CompletedProcess[str]]
    markdown: str
    summary: str
    writes: list[dict[str, Any]]


def run_remind(
    company: Company, tmp: Path, fake: FakeGh, epoch: int, issues: list[dict[str, Any]]
) -> Reminded:
    env = runner_env(tmp, fake, epoch, FAKE_ISSUES=json.dumps(issues))
    steps = run_steps(render("remind.yml"), company.root, env, github_context("schedule"))
    assert list(steps) == ["What is due", "Update the reminder issue"]
    assert all(p.returncode == 0 for p in steps.values()), {n: p.stderr for n, p in steps.items()}
    # one listing, of open issues the bot opened, every page, with the token of the run
    reads = [c for c in fake.calls() if c["method"] == "GET"]
    assert len(reads) == 1, fake.calls()
    assert reads[0]["endpoint"] == f"repos/{REPO}/issues" and reads[0]["paginate"] is True
    assert reads[0]["fields"] == {"state": "open", "per_page": "100", "creator": BOT}
    assert {c["token"] for c in fake.calls()} == {WORKFLOW_TOKEN}
    markdown = (company.root / "okr-remind.md").read_text(encoding="utf-8")
    summary = (tmp / "step_summary").read_text(encoding="utf-8")
    return Reminded(steps, markdown, summary, fake.writes())


def test_remind_opens_the_issue_when_something_is_due(
    company: Company, tmp_path: Path, fake_gh: FakeGh
) -> None:
    # last week's issue was closed: a new one is opened, not the closed one edited
    done = run_remind(company, tmp_path, fake_gh, DEC_01, [issue(3, state="closed")])
    assert done.markdown.startswith(MARKER + "\n## OKR check-ins due\n")
    assert "As of 2026-12-01" in done.markdown
    assert "`2026-Q4:platform/O1/KR1`" in done.markdown and "15 days" in done.markdown
    assert done.summary == done.markdown  # the job summary got the same Markdown
    assert done.writes == [
        {
            "method": "POST",
            "endpoint": f"repos/{REPO}/issues",
            "fields": {"title": TITLE, "body": done.markdown},
            "paginate": False,
            "jq": None,
            "token": WORKFLOW_TOKEN,
        }
    ]
    assert "opened the reminder issue: 3 due" in done.steps["Update the reminder issue"].stdout


def test_remind_updates_its_own_open_issue(
    company: Company, tmp_path: Path, fake_gh: FakeGh
) -> None:
    # a pull request with the same title and marker is listed first: it is not the issue
    items = [issue(4, pull=True), issue(7)]
    done = run_remind(company, tmp_path, fake_gh, DEC_01, items)
    assert [(w["method"], w["endpoint"], w["fields"]) for w in done.writes] == [
        ("PATCH", f"repos/{REPO}/issues/7", {"body": done.markdown})
    ]
    assert "updated issue #7: 3 due" in done.steps["Update the reminder issue"].stdout
    assert done.summary == done.markdown


def test_remind_never_edits_an_issue_it_did_not_open(
    company: Company, tmp_path: Path, fake_gh: FakeGh
) -> None:
    """Anyone can open an issue with this title and even the marker; the bot's own issue
    without the marker, or with another title, is not the reminder either."""
    items = [
        issue(5, by="mallory"),
        issue(6, marked=False),
        issue(8, title="OKR check-ins due (old)"),
    ]
    done = run_remind(company, tmp_path, fake_gh, DEC_01, items)
    assert [(w["method"], w["endpoint"]) for w in done.writes] == [("POST", f"repos/{REPO}/issues")]
    assert done.writes[0]["fields"] == {"title": TITLE, "body": done.markdown}


def test_remind_closes_its_issue_when_nothing_is_due(
    company: Company, tmp_path: Path, fake_gh: FakeGh
) -> None:
    done = run_remind(company, tmp_path, fake_gh, NOV_22, [issue(7)])
    assert "As of 2026-11-22" in done.markdown and "Nothing is due" in done.markdown
    assert [(w["method"], w["endpoint"], w["fields"]) for w in done.writes] == [
        (
            "PATCH",
            f"repos/{REPO}/issues/7",
            {"body": done.markdown, "state": "closed", "state_reason": "completed"},
        )
    ]
    assert "closed issue #7: nothing is due" in done.steps["Update the reminder issue"].stdout
    assert done.summary == done.markdown


def test_remind_writes_nothing_when_nothing_is_due_and_no_issue_is_open(
    company: Company, tmp_path: Path, fake_gh: FakeGh
) -> None:
    done = run_remind(company, tmp_path, fake_gh, NOV_22, [issue(3, state="closed")])
    assert done.writes == []
    assert "nothing is due, and no reminder issue is open" in (
        done.steps["Update the reminder issue"].stdout
    )
    assert done.summary == done.markdown and "Nothing is due" in done.summary


# ---- sync.yml --------------------------------------------------------------------------

SOURCES = "sources:\n  - id: latency\n    command: ./scripts/value.sh\n    env: [METRICS_TOKEN]\n"
# the command fails unless it got the secret okr-sources.yaml lists for it
VALUE_SH = (
    "#!/bin/sh\n"
    '[ "$METRICS_TOKEN" = s3cret ] || { echo "no METRICS_TOKEN" >&2; exit 3; }\n'
    "echo 480\n"
)
METRIC = "        metric: {start: 850, target: 300, unit: ms}\n"
SECRETS = {"METRICS_TOKEN": "s3cret", "OKR_PR_TOKEN": PR_TOKEN}


def added_line(day: str) -> str:
    return f"          - {{date: {day}, value: 480, by: latency}}"


@pytest.fixture
def origin(tmp_path: Path) -> Path:
    """A bare `origin` whose main holds the fixture company, with a command source named by
    platform's O1/KR1."""
    seed = Company(tmp_path / "seed")
    seed.write("okr-sources.yaml", SOURCES)
    value = seed.write("scripts/value.sh", VALUE_SH)
    value.chmod(value.stat().st_mode | stat.S_IEXEC)
    platform = seed.root / PLATFORM
    text = platform.read_text()
    assert text.count(METRIC) == 1
    platform.write_text(text.replace(METRIC, METRIC + "        source: latency\n"))
    git(seed.root, "init", "-q", "-b", "main")
    git(seed.root, "config", "user.email", "okr@example.com")
    git(seed.root, "config", "user.name", "OKR Tests")
    git(seed.root, "add", "-A")
    git(seed.root, "commit", "-q", "-m", "base")
    bare = tmp_path / "origin.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(bare))
    git(seed.root, "push", "-q", str(bare), "main")
    return bare


def checkout(origin: Path, tmp: Path, name: str) -> Path:
    """What actions/checkout leaves on the runner: a clone of the default branch."""
    work = tmp / name
    git(tmp, "clone", "-q", str(origin), str(work))
    return work


def run_sync(
    work: Path,
    tmp: Path,
    fake: FakeGh,
    *,
    epoch: int = NOV_22,
    event: str = "schedule",
    secrets: dict[str, str] | None = None,
    pulls: list[dict[str, Any]] | None = None,
) -> dict[str, subprocess.CompletedProcess[str]]:
    env = runner_env(
        tmp,
        fake,
        epoch,
        FAKE_PULLS=json.dumps(pulls or []),
        GITHUB_API_URL="http://127.0.0.1:9",  # no initiative links a GitHub issue
    )
    context = github_context(event, SECRETS if secrets is None else secrets)
    return run_steps(render("sync.yml"), work, env, context)


def refs(origin: Path) -> dict[str, str]:
    out = git(origin, "for-each-ref", "--format=%(refname) %(objectname)")
    return dict(line.split(" ", 1) for line in out.splitlines())


def branch_diff(origin: Path) -> tuple[list[str], list[str], list[str]]:
    """What okr/sync changes on top of main: files, added lines, removed lines."""
    files = git(origin, "diff", "--name-only", "main", "okr/sync").split()
    diff = git(origin, "diff", "--unified=0", "main", "okr/sync").splitlines()
    added = [x[1:] for x in diff if x.startswith("+") and not x.startswith("+++")]
    removed = [x[1:] for x in diff if x.startswith("-") and not x.startswith("---")]
    return files, added, removed


@pytest.mark.parametrize("event", ["schedule", "workflow_dispatch"])
def test_sync_pushes_the_branch_and_opens_the_pull_request(
    origin: Path, tmp_path: Path, fake_gh: FakeGh, event: str
) -> None:
    main = refs(origin)["refs/heads/main"]
    work = checkout(origin, tmp_path, "run1")
    steps = run_sync(work, tmp_path, fake_gh, event=event)
    assert {n: p.returncode for n, p in steps.items()} == {
        "Read the sources and initiatives": 0,
        "Open or update the pull request": 0,
    }, {n: p.stdout + p.stderr for n, p in steps.items()}
    assert "::warning" not in steps["Read the sources and initiatives"].stdout
    # okr/sync is one commit on top of main, adding exactly the new check-in
    assert refs(origin)["refs/heads/main"] == main
    assert git(origin, "rev-parse", "okr/sync^").strip() == main
    assert git(origin, "log", "-1", "--format=%an", "okr/sync").strip() == BOT
    assert branch_diff(origin) == ([PLATFORM], [added_line("2026-11-22")], [])
    # the report went to the job summary and is the pull request's body; no secret in it
    report = (work / "okr-sync.md").read_text(encoding="utf-8")
    assert "2026-Q4:platform/O1/KR1: recorded 480 from latency" in report
    assert report in (tmp_path / "step_summary").read_text(encoding="utf-8")
    assert "s3cret" not in report and all("s3cret" not in p.stdout for p in steps.values())
    calls = fake_gh.calls()
    assert [(c["method"], c["endpoint"]) for c in calls] == [
        ("GET", f"repos/{REPO}/pulls"),
        ("POST", f"repos/{REPO}/pulls"),
    ]
    assert calls[0]["fields"] == {"state": "open", "head": "acme:okr/sync"}
    assert calls[1]["fields"] == {
        "title": "OKR sync: new values and initiative states",
        "head": "okr/sync",
        "base": "main",
        "body": report,
    }
    # the OKR_PR_TOKEN secret, so that the pull request's own checks run
    assert {c["token"] for c in calls} == {PR_TOKEN}
    assert "opened the sync pull request" in steps["Open or update the pull request"].stdout


def test_sync_updates_the_open_pull_request(origin: Path, tmp_path: Path, fake_gh: FakeGh) -> None:
    run_sync(checkout(origin, tmp_path, "run1"), tmp_path, fake_gh)
    assert [c["method"] for c in fake_gh.writes()] == ["POST"]
    fake_gh.reset()
    # the next day, from a fresh checkout of main (the pull request is not merged yet); a
    # fork's pull request from a branch of the same name is not ours
    pulls = [
        {"number": 11, "state": "open", "head": {"label": "mallory:okr/sync"}},
        {"number": 12, "state": "open", "head": {"label": "acme:okr/sync"}},
    ]
    work = checkout(origin, tmp_path, "run2")
    steps = run_sync(work, tmp_path, fake_gh, epoch=NOV_22 + 86400, pulls=pulls)
    assert all(p.returncode == 0 for p in steps.values()), steps
    report = (work / "okr-sync.md").read_text(encoding="utf-8")
    assert [(w["method"], w["endpoint"], w["fields"]) for w in fake_gh.writes()] == [
        ("PATCH", f"repos/{REPO}/pulls/12", {"body": report})
    ]
    assert "updated pull request #12" in steps["Open or update the pull request"].stdout
    # the branch was replaced (force-pushed), still one commit on top of main
    assert git(origin, "rev-parse", "okr/sync^").strip() == refs(origin)["refs/heads/main"]
    assert branch_diff(origin) == ([PLATFORM], [added_line("2026-11-23")], [])


def test_sync_after_the_merge_records_nothing_and_pushes_nothing(
    origin: Path, tmp_path: Path, fake_gh: FakeGh
) -> None:
    run_sync(checkout(origin, tmp_path, "run1"), tmp_path, fake_gh)
    git(origin, "update-ref", "refs/heads/main", "refs/heads/okr/sync")  # merged (fast-forward)
    fake_gh.reset()
    before = refs(origin)
    work = checkout(origin, tmp_path, "run2")
    assert added_line("2026-11-22") in (work / PLATFORM).read_text()
    steps = run_sync(work, tmp_path, fake_gh)
    assert all(p.returncode == 0 for p in steps.values()), steps
    assert "### Unchanged" in (work / "okr-sync.md").read_text(encoding="utf-8")
    assert "nothing new to record" in steps["Open or update the pull request"].stdout
    assert refs(origin) == before and fake_gh.calls() == []
    assert git(work, "rev-parse", "--abbrev-ref", "HEAD").strip() == "main"  # no commit made


def test_a_failing_source_warns_and_the_run_goes_on(
    origin: Path, tmp_path: Path, fake_gh: FakeGh
) -> None:
    """Without the secret the command exits 3: okr sync exits 1, which warns and does not fail
    the step (the step fails from 2 up, so warning plus success means exit 1)."""
    work = checkout(origin, tmp_path, "run1")
    steps = run_sync(work, tmp_path, fake_gh, secrets={"OKR_PR_TOKEN": PR_TOKEN})
    read = steps["Read the sources and initiatives"]
    assert read.returncode == 0, read.stdout + read.stderr
    assert "::warning title=okr sync::" in read.stdout
    report = (work / "okr-sync.md").read_text(encoding="utf-8")
    assert "### Could not be read" in report and "source latency" in report
    assert report in (tmp_path / "step_summary").read_text(encoding="utf-8")
    assert steps["Open or update the pull request"].returncode == 0
    assert "nothing new to record" in steps["Open or update the pull request"].stdout
    assert "refs/heads/okr/sync" not in refs(origin) and fake_gh.calls() == []


def test_a_configuration_error_fails_the_run(origin: Path, tmp_path: Path, fake_gh: FakeGh) -> None:
    work = checkout(origin, tmp_path, "run1")
    (work / "okr-check.yaml").write_text("rules: [\n")  # okr sync exits 2
    steps = run_sync(work, tmp_path, fake_gh)
    read = steps["Read the sources and initiatives"]
    assert read.returncode != 0 and "okr: invalid config: okr-check.yaml" in read.stderr
    assert "::warning title=okr sync::" in read.stdout
    # the job stops there: nothing committed, pushed or opened
    assert list(steps) == ["Read the sources and initiatives"]
    assert "refs/heads/okr/sync" not in refs(origin) and fake_gh.calls() == []
    assert git(work, "status", "--porcelain", "--", "okrs") == ""
