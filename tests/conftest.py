from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

# `pytest --hypothesis-profile=thorough` digs deeper than the default run in CI
settings.register_profile("thorough", max_examples=2000, deadline=None)

FIXTURE = Path(__file__).parent / "fixtures" / "company"
TODAY = "2026-11-22"
OKR = Path(sys.executable).parent / "okr"


@dataclass
class Result:
    code: int
    out: str
    err: str
    # With Company.lint: the rules that ran on each file, by its path as shown.
    ran: dict[str, set[str]] | None = None

    def checked(self, path: str, rule: str) -> bool:
        """Whether `rule` looked at `path` (so its silence means something)."""
        return self.ran is not None and rule in self.ran.get(path, set())

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()


def run_okr(*args: str, cwd: Path, env: dict[str, str] | None = None) -> Result:
    """Run the installed `okr` console script, as a user would."""
    environment = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS",)}
    environment.pop("SOURCE_DATE_EPOCH", None)
    environment.update(env or {})
    proc = subprocess.run(
        [str(OKR), *args], cwd=cwd, env=environment, capture_output=True, text=True, timeout=120
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return Result(proc.returncode, proc.stdout, proc.stderr)


class Company:
    """A copy of the small, clean fixture company in a temporary folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        shutil.copytree(FIXTURE, root, dirs_exist_ok=True)

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def build(self, *args: str) -> Result:
        """`okr build` of this company with the project's own mkdocs.yml, theme and help."""
        repo = Path(__file__).resolve().parent.parent
        return run_okr(
            "build", "--okrs", str(self.root / "okrs"), "--today", TODAY, *args, cwd=repo
        )

    def lint(self, *paths: str, today: str = TODAY, base: str | None = None,
             strict: bool = False) -> Result:  # fmt: skip
        """okr check in-process (the rule tests' harness): the same checker, formatter and
        exit code as the command, without starting a process, and with the rules that ran."""
        from generator.check import check_paths
        from generator.formats import text

        previous = os.getcwd()
        os.chdir(self.root)
        try:
            report = check_paths(list(paths) or ["okrs"], today=today, base=base)
        finally:
            os.chdir(previous)
        failed = report.errors > 0 or (strict and report.warnings > 0)
        return Result(int(failed), text.render(report), "", report.ran)

    def check(self, *args: str, env: dict[str, str] | None = None) -> Result:
        has_today = any(a.startswith("--today") for a in args)
        extra = [] if has_today or env else ["--today", TODAY]
        return run_okr("check", *args, *extra, cwd=self.root, env=env)


@pytest.fixture
def company(tmp_path: Path) -> Company:
    return Company(tmp_path / "repo")


ROOT = Path(__file__).resolve().parent.parent


def mkdocs_config(folder: Path, docs: Path | None = None, extra: str = "") -> Path:
    """A mkdocs.yml in `folder` using this project's theme and hooks (for a custom docs
    folder or extra settings such as repo_url), to pass to `okr build --config`."""
    config = (ROOT / "mkdocs.yml").read_text().split("\nwatch:")[0]
    # the theme and the plugin come from the installed package; only the docs are a path
    config = config.replace("docs_dir: docs", f"docs_dir: {docs or ROOT / 'docs'}")
    path = folder / "mkdocs.yml"
    path.write_text(config + "\n" + extra)
    return path


def site_files(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The example company's site, built once through `okr build`."""
    out = tmp_path_factory.mktemp("site") / "site"
    result = run_okr("build", "--today", TODAY, "--out", str(out), cwd=ROOT)
    assert result.code == 0, result.err
    return out


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": "2026-11-20T10:00:00Z",
        "GIT_COMMITTER_DATE": "2026-11-20T10:00:00Z",
    }
    proc = subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True
    )
    return proc.stdout


@pytest.fixture
def repo(company) -> Company:
    """The fixture company as a git repository with one commit."""
    git(company.root, "init", "-q", "-b", "main")
    git(company.root, "config", "user.email", "okr@example.com")
    git(company.root, "config", "user.name", "OKR Tests")
    git(company.root, "add", "-A")
    git(company.root, "commit", "-q", "-m", "base")
    return company


CHROMIUM = "/usr/bin/chromium"  # Debian's; no test tool ever downloads a browser
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """One Debian chromium for the whole run (Playwright's sync API allows one per process)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder without a log line per request."""

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def serve_folder(folder: Path, handler: type = QuietHandler) -> Iterator[str]:
    """A static server for `folder` on 127.0.0.1 while the block runs: its base URL."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(folder))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
