"""Where a company repository gets the tool, tried as a company would: for each source `okr init
--tool` offers (a package index, a git URL at a tag, a wheel committed to the repository) the
workflows' Install step and their shell steps run, and pre-commit runs its hook, with the
tool installed from that source. `okr init --update` switches sources, and trusts nothing
in the repository it updates."""

from __future__ import annotations

import hashlib
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import ClassVar

import pytest
import yaml
from conftest import ROOT, git, run_okr

from generator import __version__

BIN = Path(sys.executable).parent
DAY = "2026-12-01"
QUARTER = "2026-Q4"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(folder), str(ROOT)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    return next(folder.glob("okr_pipeline-*.whl"))


class _Index(http.server.BaseHTTPRequestHandler):
    """A private package index on 127.0.0.1 that serves okr-pipeline itself and, like a
    proxying index (devpi, Artifactory), sends every other project on to PyPI."""

    wheel: ClassVar[Path]
    served: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).served.append(self.path)
        name = self.wheel.name
        if self.path.rstrip("/") == "/simple/okr-pipeline":
            sha = hashlib.sha256(self.wheel.read_bytes()).hexdigest()
            body = f'<a href="/files/{name}#sha256={sha}">{name}</a>'.encode()
            self._send(200, body, "text/html")
        elif self.path == f"/files/{name}":
            self._send(200, self.wheel.read_bytes(), "application/octet-stream")
        elif self.path.startswith("/simple/"):
            self.send_response(302)
            self.send_header("Location", "https://pypi.org" + self.path)
            self.end_headers()
        else:
            self._send(404, b"not found", "text/plain")

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def index(wheel):
    _Index.wheel = wheel
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Index)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/simple/"
    server.shutdown()


@pytest.fixture(scope="module")
def tool_repo(tmp_path_factory) -> Path:
    """The tool's repository as a bare git repository with the release tag, as a company would
    find it on GitHub (here reached by a file:// URL)."""
    work = tmp_path_factory.mktemp("tool") / "work"
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
    for name in tracked.stdout.decode().split("\0"):
        source = ROOT / name
        if name and (source.is_file() or source.is_symlink()):
            (work / name).parent.mkdir(parents=True, exist_ok=True)
            if source.is_symlink():
                (work / name).symlink_to(os.readlink(source))
            else:
                shutil.copy2(source, work / name)
    git(work, "init", "-q", "-b", "main")
    git(work, "config", "user.email", "okr@example.com")
    git(work, "config", "user.name", "OKR Tests")
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "the tool")
    git(work, "tag", f"v{__version__}")
    bare = work.parent / "okr-pipeline.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(bare)], check=True)
    return bare


def _env(path_first: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "PYTHONPATH",
                                                             "VIRTUAL_ENV")}  # fmt: skip
    if path_first is not None:
        env["PATH"] = f"{path_first}{os.pathsep}{env['PATH']}"
    return env


def _steps(repo: Path, workflow: str) -> list[dict]:
    return yaml.safe_load((repo / ".github/workflows" / workflow).read_text())["jobs"][
        "check" if workflow == "pr.yml" else "build"
    ]["steps"]


def _run(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=900)  # fmt: skip


def _company(tmp_path: Path, *tool_args: str) -> Path:
    made = run_okr("init", "co", "--company", "Source Co", "--today", DAY, *tool_args,
                   cwd=tmp_path)  # fmt: skip
    assert made.code == 0, made.err
    repo = tmp_path / "co"
    # a second team whose objective aligns with the company's
    org = repo / "okrs/org.yaml"
    org.write_text(org.read_text().replace(
        "  # - id: platform", "  - {id: platform, name: Platform, parent: source-co}\n  # - id: x"
    ))  # fmt: skip
    (repo / f"okrs/{QUARTER}/platform.yaml").write_text(
        f"team: platform\nperiod: {QUARTER}\nobjectives:\n  - id: O1\n    title: Make deploys"
        " calm\n    aligns_with: [source-co/O1]\n    key_results:\n      - id: KR1\n        title:"
        " Cut failed deploys from 12 to 2 a month\n        metric: {start: 12, target: 2}\n"
        f"        check_ins: [{{date: {DAY}, value: 9}}]\n      - id: KR2\n        title: The"
        " rollback runbook is rehearsed\n        milestone: true\n"
    )
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "okr@example.com")
    git(repo, "config", "user.name", "OKR Tests")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "okr init")
    return repo


@pytest.mark.parametrize("source", ["index", "git", "wheel"])
def test_every_tool_source_works_in_the_workflows_and_in_pre_commit(
    tmp_path, source, wheel, index, tool_repo
):
    args = {
        "index": ["--tool", f"okr-pipeline=={__version__}", "--index-url", index],
        "git": ["--tool", f"okr-pipeline @ git+file://{tool_repo}@v{__version__}"],
        "wheel": ["--tool", str(wheel)],
    }[source]
    repo = _company(tmp_path, *args)
    requirements = (repo / "okr-requirements.txt").read_text()
    if source == "wheel":
        assert f"./.okr/dist/{wheel.name}" in requirements
        assert (repo / ".okr/dist" / wheel.name).read_bytes() == wheel.read_bytes()
    if source == "index":
        assert f"--index-url {index}" in requirements

    # the workflows' Install step, in a fresh environment (setup-python's, on a runner)
    ci = tmp_path / "ci"
    subprocess.run([sys.executable, "-m", "venv", str(ci)], check=True)
    installs = {wf: next(s["run"] for s in _steps(repo, wf) if s.get("name") == "Install")
                for wf in ("pr.yml", "publish.yml")}  # fmt: skip
    assert len(set(installs.values())) == 1  # both install the same way
    installed = _run(installs["pr.yml"], repo, _env(ci / "bin"))
    assert installed.returncode == 0, installed.stderr[-3000:]
    version = subprocess.run([str(ci / "bin/okr"), "--version"], capture_output=True, text=True)
    assert version.stdout.strip() == f"okr {__version__}"
    where = subprocess.run([str(ci / "bin/python"), "-c", "import generator; print(generator.__file__)"],
                           cwd=repo, capture_output=True, text=True)  # fmt: skip
    assert str(ci) in where.stdout and str(ROOT) not in where.stdout
    if source == "index":
        assert any(p.startswith("/files/okr_pipeline-") for p in _Index.served)

    # the pull-request workflow's shell steps with that tool
    output, summary = tmp_path / "output", tmp_path / "summary"
    output.write_text("")
    summary.write_text("")
    env = {**_env(ci / "bin"), "GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": str(output),
           "GITHUB_STEP_SUMMARY": str(summary), "BASE_SHA": git(repo, "rev-parse", "HEAD").strip(),
           "SOURCE_DATE_EPOCH": "1796083200"}  # fmt: skip
    for step in _steps(repo, "pr.yml"):
        if step.get("name") in ("Check OKR files", "Semantic diff", "Build the site preview"):
            done = _run(step["run"], repo, env)
            assert done.returncode == 0, (step["name"], done.stdout[-2000:], done.stderr[-2000:])
    assert "status=0" in output.read_text()
    assert (repo / "site/index.html").is_file()
    shutil.rmtree(repo / "site")

    # pre-commit, from the repository's own configuration, with the tool it pins
    hook_env = _env(BIN)
    assert subprocess.run([str(BIN / "pre-commit"), "install"], cwd=repo, env=hook_env,
                          capture_output=True).returncode == 0  # fmt: skip
    platform = repo / f"okrs/{QUARTER}/platform.yaml"
    platform.write_text(platform.read_text().replace("value: 9", "value: 8"))
    git(repo, "add", "-A")
    ok = subprocess.run(["git", "commit", "-q", "-m", "check-in"], cwd=repo, env=hook_env,
                        capture_output=True, text=True, timeout=900)  # fmt: skip
    assert ok.returncode == 0, ok.stdout[-3000:] + ok.stderr[-3000:]
    assert (repo / ".okr/venv").is_dir()  # the hook installed the pinned tool
    hook_okr = repo / ".okr/venv/bin/okr"
    assert subprocess.run([str(hook_okr), "--version"], capture_output=True,
                          text=True).stdout.strip() == f"okr {__version__}"  # fmt: skip
    # deleting a file that another references: pre-commit passes no file name, the hook
    # still checks the whole tree and refuses the commit
    git(repo, "rm", "-q", f"okrs/{QUARTER}/source-co.yaml")
    refused = subprocess.run(["git", "commit", "-q", "-m", "remove"], cwd=repo, env=hook_env,
                             capture_output=True, text=True, timeout=900)  # fmt: skip
    assert refused.returncode != 0, refused.stdout + refused.stderr
    assert "[reference-resolves]" in refused.stdout + refused.stderr
    assert "source-co/O1" in refused.stdout + refused.stderr


def test_the_hook_checks_nothing_when_no_okr_file_changed(tmp_path):
    repo = _company(tmp_path)
    (repo / "notes.txt").write_text("not an OKR file\n")
    broken = repo / f"okrs/{QUARTER}/platform.yaml"
    broken.write_text(broken.read_text().replace("[source-co/O1]", "[source-co/O9]"))
    git(repo, "add", "notes.txt")  # the broken file is not part of this commit
    quiet = run_okr("check", "--pre-commit", cwd=repo)
    assert quiet.code == 0 and quiet.out == ""
    git(repo, "add", "-A")
    loud = run_okr("check", "--pre-commit", cwd=repo)
    assert loud.code == 1 and "source-co/O9" in loud.out
    # between two revisions, as `pre-commit run --from-ref A --to-ref B` asks
    git(repo, "commit", "-q", "--no-verify", "-m", "broken")
    ranged = run_okr("check", "--pre-commit", cwd=repo,
                     env={"PRE_COMMIT_FROM_REF": "HEAD~1", "PRE_COMMIT_TO_REF": "HEAD"})  # fmt: skip
    assert ranged.code == 1 and "source-co/O9" in ranged.out


# ---- switching the source, and an update that trusts nothing ------------------------------------


def _manifest(repo: Path) -> dict:
    return json.loads((repo / ".okr/manifest.json").read_text())


def test_update_switches_the_tool_source_everywhere(tmp_path, wheel):
    repo = _company(tmp_path)
    assert f"okr-pipeline=={__version__}" in (repo / "okr-requirements.txt").read_text()
    to_wheel = run_okr("init", "--update", "co", "--tool", str(wheel), cwd=tmp_path)
    assert to_wheel.code == 0, to_wheel.err
    requirements = (repo / "okr-requirements.txt").read_text()
    assert f"./.okr/dist/{wheel.name}" in requirements and "okr-pipeline==" not in requirements
    assert (repo / ".okr/dist" / wheel.name).is_file()
    assert _manifest(repo)["params"]["tool"] == f".okr/dist/{wheel.name}"
    assert f".okr/dist/{wheel.name}" in _manifest(repo)["files"]
    url = f"okr-pipeline @ git+https://github.com/acme/okr-pipeline@v{__version__}"
    to_git = run_okr("init", "--update", "co", "--tool", url, "--index-url",
                     "https://pypi.internal.example/simple/", cwd=tmp_path)  # fmt: skip
    assert to_git.code == 0, to_git.err
    requirements = (repo / "okr-requirements.txt").read_text()
    assert (
        url in requirements and "--index-url https://pypi.internal.example/simple/" in requirements
    )
    assert not (repo / ".okr/dist" / wheel.name).exists()  # the old wheel is gone
    assert "1 old wheel removed" in to_git.out
    back = run_okr("init", "--update", "co", "--tool", f"okr-pipeline=={__version__}",
                   "--index-url", "", cwd=tmp_path)  # fmt: skip
    assert back.code == 0, back.err
    requirements = (repo / "okr-requirements.txt").read_text()
    assert "--index-url" not in requirements and f"okr-pipeline=={__version__}" in requirements
    again = run_okr("init", "--update", "co", cwd=tmp_path)
    assert "0 generated files updated, 0 edited ones left" in again.out


@pytest.mark.parametrize(
    "tool",
    ["okr-pipeline==1.0 --extra-index-url https://evil.example/simple",
     "--extra-index-url=https://evil.example/simple", "okr-pipeline==1.0\nrequests",
     "requests==2.0", "okr-pipeline", "okr-pipeline==1.0; python_version > '3'",
     "okr-pipeline @ http://evil.example/x.whl", "../outside/okr_pipeline-1.0-py3-none-any.whl",
     "/etc/okr_pipeline-1.0-py3-none-any.whl", "okr-pipeline @ git+https://a b@v1"],
)  # fmt: skip
def test_a_tool_that_is_not_one_requirement_is_refused(tmp_path, tool):
    made = run_okr("init", "co", "--company", "X", f"--tool={tool}", cwd=tmp_path)
    assert made.code == 2 and made.err.startswith("okr: --tool"), made.err
    assert not (tmp_path / "co").exists()


def test_credentials_never_go_into_the_repository(tmp_path):
    made = run_okr("init", "co", "--company", "X", "--index-url",
                   "https://user:secret@pypi.internal/simple/", cwd=tmp_path)  # fmt: skip
    assert made.code == 2 and "must not hold a user or password" in made.err
    assert not (tmp_path / "co").exists()


def _tamper(repo: Path, change) -> None:
    data = _manifest(repo)
    change(data)
    (repo / ".okr/manifest.json").write_text(json.dumps(data))


HOSTILE_MANIFESTS = {
    "a tool with a pip option": lambda d: d["params"].update(
        tool="okr-pipeline==1.0 --extra-index-url https://evil.example/simple"),
    "a second requirement": lambda d: d["params"].update(tool="okr-pipeline==1.0\nevil==6.6.6"),
    "an index with credentials": lambda d: d["params"].update(
        index_url="https://u:p@evil.example/simple"),
    "a wheel outside": lambda d: d["params"].update(tool="../../okr_pipeline-1.0-py3-none-any.whl"),
    "a company name with a newline": lambda d: d["params"].update(company="X\nrepo_url: evil"),
    "a company name with a carriage return": lambda d: d["params"].update(
        company="X\r## Injected\r<script>alert(1)</script>"),
    "a company name with escapes": lambda d: d["params"].update(company="X\x1b]0;t\x07\u202e"),
    "owners that are not handles": lambda d: d["params"].update(owners=["@ok", "* @evil"]),
    "a hash that is not one": lambda d: d["files"].update({"mkdocs.yml": "x"}),
    "a version that is not one": lambda d: d.update(version="0.2.0\n"),
    "params of the wrong type": lambda d: d.update(params=["tool"]),
}  # fmt: skip


@pytest.mark.parametrize("what", list(HOSTILE_MANIFESTS))
def test_update_refuses_a_manifest_it_did_not_write(tmp_path, what):
    repo = _company(tmp_path)
    _tamper(repo, HOSTILE_MANIFESTS[what])
    before = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file() and ".git/" not in str(p)}
    result = run_okr("init", "--update", "co", cwd=tmp_path)
    assert result.code == 2, result.out + result.err
    assert result.err.startswith("okr: .okr/manifest.json:"), result.err
    after = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file() and ".git/" not in str(p)}
    assert after == before


@pytest.mark.parametrize("where", [".github", ".github/workflows", ".okr", "okr-check.yaml",
                                   ".okr/manifest.json"])  # fmt: skip
def test_update_never_writes_through_a_link(tmp_path, where):
    repo = _company(tmp_path)
    outside = tmp_path / "outside"
    real = repo / where
    if real.is_dir():
        shutil.copytree(real, outside)
        shutil.rmtree(real)
    else:
        outside.write_bytes(real.read_bytes())
        real.unlink()
    real.symlink_to(outside)
    snapshot = {p: p.read_bytes() for p in outside.rglob("*") if p.is_file()} if outside.is_dir() \
        else outside.read_bytes()  # fmt: skip
    _tamper_version = _manifest(repo) if where != ".okr" and where != ".okr/manifest.json" else None
    result = run_okr("init", "--update", "co", cwd=tmp_path)
    assert result.code == 2 and "symbolic link" in result.err, result.out + result.err
    now = {p: p.read_bytes() for p in outside.rglob("*") if p.is_file()} if outside.is_dir() \
        else outside.read_bytes()  # fmt: skip
    assert now == snapshot
    assert _tamper_version is None or _tamper_version == _manifest(repo)


def test_update_never_overwrites_a_file_it_did_not_record(tmp_path):
    repo = _company(tmp_path)
    _tamper(repo, lambda d: d["files"].pop(".github/dependabot.yml"))
    ours = "# our own dependabot configuration\nversion: 2\nupdates: []\n"
    (repo / ".github/dependabot.yml").write_text(ours)
    result = run_okr("init", "--update", "co", cwd=tmp_path)
    assert result.code == 0, result.err
    assert (repo / ".github/dependabot.yml").read_text() == ours
    new = (repo / ".github/dependabot.yml.okr-new").read_text()
    assert new.startswith("# Generated by okr")
    assert re.search(r"^-# our own dependabot configuration$", result.out, re.M)
    assert "left as is: .github/dependabot.yml" in result.err


@pytest.mark.parametrize(
    "name",
    ["Acme\r## Injected\r<script>alert(1)</script>", "Acme\x1b]0;title\x07", "Acme\u202egnp.exe",
     "Acme\u200b Co", "Acme\tCo"],
)  # fmt: skip
def test_init_refuses_a_company_name_that_is_not_plain_text(tmp_path, name):
    result = run_okr("init", "co", "--company", name, "--today", DAY, cwd=tmp_path)
    assert result.code == 2 and "--company must be plain text" in result.err, result.err
    assert "\x1b" not in result.err and "\r" not in result.err and "\u202e" not in result.err
    assert not (tmp_path / "co").exists()


def test_the_readme_shows_the_company_name_as_text(tmp_path):
    """The README is Markdown: a name with markup is literal text there, and a `<!--` in it
    does not hide the instructions below."""
    name = "Acme <img src=x onerror=alert(1)> <!-- [x](http://evil.example) *Co*"
    made = run_okr("init", "co", "--company", name, "--today", DAY, cwd=tmp_path)
    assert made.code == 0, made.err
    readme = (tmp_path / "co/README.md").read_text()
    heading = next(line for line in readme.splitlines() if line.startswith("# "))
    assert "<img" not in readme and "<!--" not in heading and "](http" not in heading
    assert "&lt;img src=x onerror=alert\\(1\\)&gt;" in heading and "\\*Co\\*" in heading
    assert "CHANGELOG" in readme.split(heading, 1)[1]  # the instructions are still there
    org = (tmp_path / "co/okrs/org.yaml").read_text()
    assert json.dumps(name, ensure_ascii=False) in org  # the data keeps the name as written
