"""Adopting the tool as a company would: the wheel, installed into a fresh virtual environment
outside this checkout, creates, checks, builds and updates a company repository of its own;
and the publish workflow's visibility step, run against a local stand-in for GitHub's API,
deploys only what may be deployed."""

from __future__ import annotations

import http.server
import json
import os
import subprocess
import sys
import threading
import zipfile
from pathlib import Path
from typing import ClassVar

import pytest
import yaml
from conftest import ROOT, git

from generator import __version__

BIN = Path(sys.executable).parent
DAY = "2026-12-01"


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh virtual environment, outside the checkout, with only the built wheel (and the
    locked dependencies it declares)."""
    base = tmp_path_factory.mktemp("adopt")
    wheels = base / "wheels"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(ROOT)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    assert "Deprecat" not in built.stdout + built.stderr  # packaging hygiene
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    wheel = next(wheels.glob("okr_pipeline-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for needed in ("generator/theme/main.html", "generator/pages/team.html",
                   "generator/help/rules.md", "generator/help/zh/guide.md",
                   "generator/locale/zh/LC_MESSAGES/reports.po",
                   "generator/schemas/okr-file.schema.json",
                   "generator/init/workflows/publish.yml", "generator/constraints.txt"):  # fmt: skip
        assert needed in names, needed
    pip = subprocess.run(
        [str(venv / "bin/python"), "-m", "pip", "install", "-q", str(wheel),
         "-c", str(ROOT / "constraints.txt")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert pip.returncode == 0, pip.stderr
    assert "Deprecat" not in pip.stdout + pip.stderr
    return venv


def okr(venv: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "PYTHONPATH")}
    proc = subprocess.run(
        [str(venv / "bin/okr"), *args], cwd=cwd, env=env, capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def files_of(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".git/" not in p.as_posix()
    }


def test_the_wheel_alone_runs_a_company_repository(installed, tmp_path):
    version = okr(installed, "--version", cwd=tmp_path)
    assert version.stdout.strip() == f"okr {__version__}"
    where = subprocess.run(
        [str(installed / "bin/python"), "-c", "import generator; print(generator.__file__)"],
        cwd=tmp_path, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert str(installed) in where and str(ROOT) not in where

    made = okr(installed, "init", "acme", "--company", "Acme Test <Co>", "--timezone",
               "Europe/Berlin", "--owners", "@acme/okr-admins", "--today", DAY, cwd=tmp_path)  # fmt: skip
    assert made.returncode == 0, made.stderr
    repo = tmp_path / "acme"
    tracked = files_of(repo)
    # a company repository, not the tool
    for absent in ("generator", "tests", "benchmarks", "site_templates", ".ci", "Makefile",
                   ".github/workflows/tests.yml", "pyproject.toml"):  # fmt: skip
        assert not any(p == absent or p.startswith(absent + "/") for p in tracked), absent
    for present in ("okrs/org.yaml", "okrs/2026-Q4/acme-test-co.yaml", "mkdocs.yml",
                    "okr-check.yaml", ".pre-commit-config.yaml", ".github/workflows/pr.yml",
                    ".github/workflows/pr-comment.yml", ".github/workflows/publish.yml",
                    ".github/CODEOWNERS", ".github/dependabot.yml", "README.md",
                    "okr-requirements.txt", ".okr/constraints.txt"):  # fmt: skip
        assert present in tracked, present
    pin = f"okr-pipeline=={__version__}"
    assert pin in tracked["okr-requirements.txt"].decode()
    hooks = yaml.safe_load(tracked[".pre-commit-config.yaml"])["repos"][0]["hooks"][0]
    # pre-commit runs the tool okr-requirements.txt pins, on every commit (deletions too)
    assert hooks["entry"] == "python3 .okr/pre-commit.py" and hooks["always_run"] is True
    assert ".okr/pre-commit.py" in tracked
    assert b"TODAY" not in tracked.get("Makefile", b"") and "Makefile" not in tracked
    codeowners = tracked[".github/CODEOWNERS"].decode()
    for path in ("/okrs/org.yaml", "/okr-check.yaml", "/okr-sources.yaml", "/.github/"):
        assert f"{path} @acme/okr-admins" in codeowners

    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "okr@example.com")
    git(repo, "config", "user.name", "OKR Tests")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "okr init")
    check = okr(installed, "check", "--today", DAY, cwd=repo)
    assert check.returncode == 0 and check.stdout.splitlines()[-1].startswith(
        ("no problems", "0 errors")
    ), check.stdout
    built = okr(installed, "build", "--today", DAY, cwd=repo)
    assert built.returncode == 0, built.stderr
    home = (repo / "site/index.html").read_text()
    assert "Acme Test &lt;Co&gt;" in home
    assert '<meta name="robots" content="noindex, nofollow">' in home
    assert (repo / "site/robots.txt").read_text() == "User-agent: *\nDisallow: /\n"
    assert (repo / "site/rules.html").is_file()  # the help pages come with the tool

    lint = subprocess.run(
        [str(BIN / "actionlint"), *map(str, sorted((repo / ".github/workflows").glob("*.yml")))],
        capture_output=True, text=True,
    )  # fmt: skip
    assert lint.returncode == 0, lint.stdout + lint.stderr


def test_a_public_site_is_indexable(installed, tmp_path):
    made = okr(installed, "init", "pub", "--company", "Open Co", "--visibility", "public",
               "--today", DAY, cwd=tmp_path)  # fmt: skip
    assert made.returncode == 0, made.stderr
    built = okr(installed, "build", "--today", DAY, cwd=tmp_path / "pub")
    assert built.returncode == 0, built.stderr
    assert "noindex" not in (tmp_path / "pub/site/index.html").read_text()
    assert not (tmp_path / "pub/site/robots.txt").exists()


def test_init_is_byte_identical_and_refuses_what_it_must_not_touch(installed, tmp_path):
    args = ["--company", "Same Co", "--language", "zh", "--today", DAY]
    for name in ("a", "b"):
        assert okr(installed, "init", name, *args, cwd=tmp_path).returncode == 0
    assert files_of(tmp_path / "a") == files_of(tmp_path / "b")
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy/notes.txt").write_text("mine\n")
    refused = okr(installed, "init", "busy", *args, cwd=tmp_path)
    assert refused.returncode == 2 and "not empty" in refused.stderr
    assert files_of(tmp_path / "busy") == {"notes.txt": b"mine\n"}
    bad = okr(installed, "init", "bad", "--company", "X", "--timezone", "Mars/Olympus",
              cwd=tmp_path)  # fmt: skip
    assert bad.returncode == 2 and not (tmp_path / "bad").exists()
    assert not [p for p in tmp_path.iterdir() if ".init-" in p.name]  # nothing half-made


def test_update_rewrites_only_unedited_generated_files(installed, tmp_path):
    assert okr(installed, "init", "co", "--company", "Up Co", "--today", DAY,
               cwd=tmp_path).returncode == 0  # fmt: skip
    repo = tmp_path / "co"
    manifest = json.loads((repo / ".okr/manifest.json").read_text())
    # as if made by an older version: an outdated (but unedited) mkdocs.yml and pin
    old = (
        (repo / "mkdocs.yml")
        .read_text()
        .replace("use_directory_urls: false", "# old\nuse_directory_urls: false")
    )
    (repo / "mkdocs.yml").write_text(old)
    import hashlib

    manifest["files"]["mkdocs.yml"] = hashlib.sha256(old.encode()).hexdigest()
    manifest["version"] = "0.1.0"
    manifest["params"]["tool"] = "okr-pipeline==0.1.0"
    (repo / ".okr/manifest.json").write_text(json.dumps(manifest))
    pin = (repo / "okr-requirements.txt").read_text().replace(__version__, "0.1.0")
    (repo / "okr-requirements.txt").write_text(pin)
    manifest["files"]["okr-requirements.txt"] = hashlib.sha256(pin.encode()).hexdigest()
    (repo / ".okr/manifest.json").write_text(json.dumps(manifest))
    # a company edit of a generated file, and of a company file
    edited = (repo / "okr-check.yaml").read_text() + "# ours\n"
    (repo / "okr-check.yaml").write_text(edited)
    org = (repo / "okrs/org.yaml").read_text() + "# our note\n"
    (repo / "okrs/org.yaml").write_text(org)

    result = okr(installed, "init", "--update", "co", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "-# old" in result.stdout  # the diff is printed
    assert "# old" not in (repo / "mkdocs.yml").read_text()
    assert f"okr-pipeline=={__version__}" in (repo / "okr-requirements.txt").read_text()
    assert (repo / "okr-check.yaml").read_text() == edited  # edited: reported, kept
    assert "left as is: okr-check.yaml was edited" in result.stderr
    # the new version is beside it, and the difference between the two was printed
    beside = (repo / "okr-check.yaml.okr-new").read_text()
    assert "# ours" not in beside and beside.startswith("# Generated by okr")
    assert "--- okr-check.yaml\n+++ okr-check.yaml.okr-new\n" in result.stdout
    assert "-# ours" in result.stdout
    assert (repo / "okrs/org.yaml").read_text() == org  # the company's own: never touched
    again = okr(installed, "init", "--update", "co", cwd=tmp_path)
    assert "0 generated files updated" in again.stdout


# ---- the publish workflow's visibility step against a local stand-in for GitHub's API --------


def _gate_step() -> str:
    workflow = yaml.safe_load((ROOT / "generator/init/workflows/publish.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    return next(s for s in steps if s.get("id") == "visibility")["run"]


class _Pages(http.server.BaseHTTPRequestHandler):
    answer: ClassVar[tuple[int, dict]] = (404, {})
    seen: ClassVar[list[tuple[str, str]]] = []

    def do_GET(self) -> None:
        type(self).seen.append((self.path, self.headers.get("Authorization", "")))
        status, body = type(self).answer
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def api():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.parametrize(
    ("chosen", "status", "body", "deploys", "says"),
    [
        ("private", 200, {"public": False}, True, "Deployed to a private Pages site"),
        ("private", 200, {"public": True}, False, "Not deployed: the Pages site would be public"),
        ("private", 404, {"message": "Not Found"}, False, "GitHub Pages is not enabled"),
        ("private", 500, {}, False, "did not say whether the Pages site is private"),
        ("public", 200, {"public": True}, True, "This site is public"),
        ("public", 404, {}, False, "GitHub Pages is not enabled"),
        ("public", 500, {}, False, "did not say whether"),
    ],
)
def test_the_publish_workflow_deploys_only_what_may_be_deployed(
    api, tmp_path, chosen, status, body, deploys, says
):
    _Pages.answer, _Pages.seen = (status, body), []
    (tmp_path / "site").mkdir()
    (tmp_path / "site/okrs.json").write_text(json.dumps({"company": {"visibility": chosen}}))
    output, summary = tmp_path / "output", tmp_path / "summary"
    env = {**os.environ, "GITHUB_API_URL": api, "REPO": "acme/okrs", "GH_TOKEN": "t0ken",
           "GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(summary)}  # fmt: skip
    proc = subprocess.run(["bash", "-eo", "pipefail", "-c", _gate_step()], cwd=tmp_path, env=env,
                          capture_output=True, text=True)  # fmt: skip
    assert proc.returncode == 0, proc.stderr  # never a red run for a safe refusal
    assert _Pages.seen == [("/repos/acme/okrs/pages", "Bearer t0ken")]
    assert output.read_text() == f"deploy={'true' if deploys else 'false'}\n"
    text = summary.read_text()
    assert says in text
    if not deploys:
        assert "`okr-site` artifact" in text
