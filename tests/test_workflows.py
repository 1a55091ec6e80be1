"""The GitHub workflows: linted, pinned, least-privilege, and the pull-request workflow's shell
steps run for real against a temporary repository with a base and a head commit."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURE, ROOT, git

BIN = Path(sys.executable).parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def _load(name: str) -> dict:
    data = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text())
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the `on:` key as true
    return data


def test_actionlint_passes():
    proc = subprocess.run(
        [str(BIN / "actionlint"), *map(str, WORKFLOWS)], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_github_workflow_schema_passes():
    proc = subprocess.run(
        [
            str(BIN / "check-jsonschema"),
            "--builtin-schema",
            "vendor.github-workflows",
            *map(str, WORKFLOWS),
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_every_action_is_pinned_to_a_full_commit_with_its_version():
    found = 0
    for workflow in WORKFLOWS:
        for uses, version in re.findall(r"uses:\s*(\S+)(?:\s+#\s*(\S+))?", workflow.read_text()):
            found += 1
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", uses), (workflow.name, uses)
            assert re.fullmatch(r"v\d+\.\d+\.\d+", version), (workflow.name, uses, version)
    assert found >= 8


def test_publish_workflow_is_least_privilege_and_scheduled():
    publish = _load("publish.yml")
    assert set(publish["on"]) == {"push", "workflow_dispatch", "schedule"}
    assert publish["on"]["push"]["branches"] == ["main"]
    assert publish["permissions"] == {"contents": "read"}
    assert publish["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    deploy = publish["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    uses = [s.get("uses", "") for job in publish["jobs"].values() for s in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)


def test_pull_request_workflows_are_fork_safe():
    pr = _load("pr.yml")
    assert set(pr["on"]) == {"pull_request"} and pr["permissions"] == {"contents": "read"}
    for step in pr["jobs"]["check"]["steps"]:
        assert "${{" not in step.get("run", ""), step  # untrusted values only via env
    comment = _load("pr-comment.yml")
    assert set(comment["on"]) == {"workflow_run"}
    text = (ROOT / ".github/workflows/pr-comment.yml").read_text()
    assert "actions/checkout" not in text and "pull_request_target" not in text
    for workflow in WORKFLOWS:
        assert "pull_request_target" not in _load(workflow.name)["on"]


def test_pre_commit_manifest():
    proc = subprocess.run(
        [str(BIN / "pre-commit"), "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["entry"] == "okr check --pre-commit" and hook["always_run"] is True
    pattern = re.compile(hook["files"])
    assert pattern.search("okrs/2026-Q4/platform.yaml") and pattern.search("okrs/org.yaml")
    assert not pattern.search("docs/guide.md") and not pattern.search("mkdocs.yml")


# ---- the pull-request workflow, run locally --------------------------------------------


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of this project (its tracked files) holding the small fixture company."""
    repo = tmp_path / "project"
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
    for name in tracked.stdout.decode().split("\0"):
        if name and not name.startswith("okrs/") and (ROOT / name).is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, repo / name)
    shutil.copytree(FIXTURE / "okrs", repo / "okrs")
    org = repo / "okrs/org.yaml"  # the company's OKR admins own the configuration
    org.write_text(
        org.read_text().replace(
            "    lead: dana\n", '    lead: dana\n    github: "@example/okr-admins"\n', 1
        )
    )
    subprocess.run([str(BIN / "okr"), "codeowners"], cwd=repo, check=True, capture_output=True)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "okr@example.com")
    git(repo, "config", "user.name", "OKR Tests")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    return repo


def run_pr_workflow(repo: Path, base: str, tmp: Path) -> dict[str, int]:
    """Each `run:` step of pr.yml in order, with the environment GitHub would give it."""
    job = _load("pr.yml")["jobs"]["check"]
    output, summary = tmp / "github_output", tmp / "step_summary"
    output.write_text("")
    summary.write_text("")
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("OKR_TODAY", "SOURCE_DATE_EPOCH")},
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_ACTIONS": "true",
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(summary),
        "BASE_SHA": base,  # job env: ${{ github.event.pull_request.base.sha }}
        "SOURCE_DATE_EPOCH": "1795305600",  # 2026-11-22
    }
    codes: dict[str, int] = {}
    for step in job["steps"]:
        if "run" not in step or step.get("id") == "install":  # okr is installed already
            continue
        step_env = dict(env)
        outputs = dict(
            line.split("=", 1) for line in output.read_text().splitlines() if "=" in line
        )
        outcomes = {"preview": "success" if codes.get("Build the site preview") == 0 else "failure"}
        for key, value in (step.get("env") or {}).items():
            value = re.sub(
                r"\$\{\{\s*steps\.check\.outputs\.status\s*\}\}", outputs.get("status", ""), value
            )
            step_env[key] = re.sub(
                r"\$\{\{\s*steps\.(\w+)\.outcome\s*\}\}", lambda m, o=outcomes: o[m.group(1)], value
            )
        proc = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=repo,
            env=step_env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        codes[step["name"]] = proc.returncode
        assert "Traceback" not in proc.stderr, proc.stderr
    return codes


def test_pr_workflow_annotates_summarises_and_comments(project, tmp_path):
    base = git(project, "rev-parse", "HEAD").strip()
    platform = project / "okrs/2026-Q4/platform.yaml"
    text = platform.read_text().replace("target: 300, unit: ms", "target: 400, unit: ms")
    text = text.replace(
        "          - {date: 2026-11-16, value: 520, note: Pooling on 6 of 9 services.}\n",
        "          - {date: 2026-11-16, value: 520, note: Pooling on 6 of 9 services.}\n"
        "          - {date: 2026-11-20, value: 470, status: on_track}\n",
    )
    platform.write_text(text)
    git(project, "commit", "-qam", "platform: move the latency target")

    codes = run_pr_workflow(project, base, tmp_path)
    assert set(codes.values()) == {0}, codes
    check = (project / "okr-check.txt").read_text().splitlines()
    line = next(i for i, s in enumerate(text.splitlines(), 1) if "target: 400" in s)
    column = text.splitlines()[line - 1].index("400") + 1
    assert (
        f"::warning file=okrs/2026-Q4/platform.yaml,line={line},col={column},"
        "title=okr [target-moved]::target moved from 300 to 400" in "\n".join(check)
    )
    summary = (tmp_path / "step_summary").read_text()
    # the title still says 300 ms, but the target lives in the fields: only target-moved
    assert summary.startswith(
        "## OKR check\n\n**0 errors, 1 warning in 5 files (today: 2026-11-22)**"
    )
    assert "[key-result-is-measurable]" not in summary and "[target-moved]" in summary
    assert "### OKR changes" in summary and "1 check\\-ins" not in summary
    assert "1 OKR file changed · 1 check-in · 1 target moved" in summary
    comment = (project / "okr-pr/comment.md").read_text()
    assert comment.startswith("<!-- okr-diff -->\n### OKR changes")
    assert "⚠️ O1/KR1 target: 300 → 400 \\(moved after the period started\\)" in comment
    assert (project / "site/index.html").is_file()
    assert "download the `site-preview` artifact" in summary and "open `index.html`" in summary


def test_pr_workflow_fails_on_errors_after_reporting_them(project, tmp_path):
    base = git(project, "rev-parse", "HEAD").strip()
    platform = project / "okrs/2026-Q4/platform.yaml"
    platform.write_text(
        platform.read_text().replace("aligns_with: [acme/O1]", "aligns_with: [acme/O9]")
    )
    git(project, "commit", "-qam", "dangling alignment")
    codes = run_pr_workflow(project, base, tmp_path)
    assert codes["Check OKR files"] == 0  # the status is recorded, the summary still runs
    assert codes["Job summary"] == 0 and codes["Comment body"] == 0
    assert codes["Build the site preview"] == 1  # okr build refuses to publish errors
    assert codes["Fail when the check found errors"] == 1
    assert "::error file=okrs/2026-Q4/platform.yaml" in (project / "okr-check.txt").read_text()
    summary = (tmp_path / "step_summary").read_text()
    assert (
        "**1 error, 0 warnings in 5 files (today: 2026-11-22)**" in summary
        and "**No site preview**" in summary
    )


def test_pr_summary_and_comment_never_show_a_confidential_objective(project, tmp_path):
    base = git(project, "rev-parse", "HEAD").strip()
    platform = project / "okrs/2026-Q4/platform.yaml"
    secret = (
        "  - id: S1\n    title: Buy Globex for 3 million\n    confidential: true\n"
        "    aligns_with: []\n    key_results:\n"
        "      - {id: K1, title: Sign with Globex, milestone: true}\n"
    )
    platform.write_text(platform.read_text().replace("recognition:", secret + "recognition:"))
    git(project, "commit", "-qam", "a secret objective")
    run_pr_workflow(project, base, tmp_path)
    summary = (tmp_path / "step_summary").read_text()
    comment = (project / "okr-pr/comment.md").read_text()
    for text in (summary, comment):
        assert "Globex" not in text and "S1" not in text, text
    assert "a confidential objective changed" in comment
    assert "about confidential objectives (see the log)" in summary


def _comment_step(name: str) -> dict:
    return next(
        s for s in _load("pr-comment.yml")["jobs"]["comment"]["steps"] if s.get("name") == name
    )


def test_comment_text_from_the_pull_request_is_untrusted(tmp_path):
    """The PR's run wrote the text (a PR can change pr.yml): it is capped, never mentions
    anyone, and cannot plant the marker that decides which comment gets edited."""
    (tmp_path / "okr-pr").mkdir()
    hostile = "<!-- okr-diff -->\n@everyone look\x1b[31m\n" + "ü" * 100_000
    (tmp_path / "okr-pr/comment.md").write_text(hostile, encoding="utf-8")
    proc = subprocess.run(
        ["bash", "-eo", "pipefail", "-c", _comment_step("Sanitize the comment text")["run"]],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    body = (tmp_path / "body.md").read_text(encoding="utf-8")
    assert body.startswith("<!-- okr-diff -->\n") and body.count("<!-- okr-diff -->") == 1
    assert "@everyone" not in body and "@\u200beveryone" in body and "\x1b" not in body
    assert len(body) < 65_536 and body.rstrip().endswith("the run's job summary has everything)")


def test_comment_workflow_skips_cancelled_runs_and_edits_only_its_own_comment():
    job = _load("pr-comment.yml")["jobs"]["comment"]
    assert "conclusion == 'success'" in job["if"] and "conclusion == 'failure'" in job["if"]
    assert "cancelled" not in job["if"]  # cancelled and skipped runs have no artifact
    post = _comment_step("Post or update the comment")["run"]
    assert 'select(.user.login == "github-actions[bot]")' in post
    assert "-f head=" in post and "pulls?" not in post  # gh encodes the branch name


def test_a_wheel_install_checks_files_as_pre_commit_does(tmp_path, company):
    """pre-commit pip-installs the repository (not editable): the wheel must carry the schemas."""
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
    )
    unpacked = tmp_path / "unpacked"
    shutil.unpack_archive(next(wheels.glob("*.whl")), unpacked, "zip")
    assert (unpacked / "generator/schemas/okr-file.schema.json").is_file()
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]); import generator; "
        "assert generator.__file__.startswith(sys.argv[1]), generator.__file__; "
        "from generator.cli import main; sys.exit(main(sys.argv[2:]))"
    )
    planted = (
        (company.root / "okrs/2026-Q4/platform.yaml").read_text().replace("[acme/O1]", "[acme/O9]")
    )
    company.write("okrs/2026-Q4/platform.yaml", planted)
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            script,
            str(unpacked),
            "check",
            "okrs/2026-Q4/platform.yaml",
            "--today",
            "2026-11-22",
        ],
        cwd=company.root,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1, proc.stderr
    assert "[reference-resolves]" in proc.stdout and "Traceback" not in proc.stderr
