"""The release workflow, run on a temporary copy of the repository: its steps as GitHub would
run them, with what reaches the network (installing the build tools, GitHub's release, PyPI)
left out or checked by shape. A tag that is not the package's version stops it first."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from generator import __version__

BIN = Path(sys.executable).parent
WORKFLOW = ROOT / ".github/workflows/release.yml"


def _workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text())


def _step(step_id: str) -> dict:
    return next(s for s in _workflow()["jobs"]["build"]["steps"] if s.get("id") == step_id)


@pytest.fixture(scope="module")
def checkout(tmp_path_factory) -> Path:
    """The repository's tracked files, as actions/checkout would give them."""
    repo = tmp_path_factory.mktemp("release") / "repo"
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
    for name in tracked.stdout.decode().split("\0"):
        source = ROOT / name
        if name and (source.is_file() or source.is_symlink()):
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            if source.is_symlink():
                (repo / name).symlink_to(os.readlink(source))
            else:
                shutil.copy2(source, repo / name)
    return repo


def run_step(step_id: str, repo: Path, tmp: Path, **env: str) -> subprocess.CompletedProcess:
    output = tmp / f"{step_id}.output"
    output.write_text("")
    environment = {
        **{k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"},
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",  # setup-python's python, with tools
        "GITHUB_OUTPUT": str(output),
        **env,
    }
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", _step(step_id)["run"]],
        cwd=repo, env=environment, capture_output=True, text=True, timeout=900,
    )  # fmt: skip


@pytest.mark.parametrize("tag", [f"v{__version__}.1", "v9.9.9", __version__, f"v{__version__}x"])
def test_a_tag_that_is_not_the_version_stops_the_release_first(checkout, tmp_path, tag):
    proc = run_step("tag", checkout, tmp_path, TAG=tag)
    assert proc.returncode == 1
    assert f"::error::the tag {tag} is not v{__version__}" in proc.stdout
    assert not (checkout / "release-notes.md").exists()
    # it is the first step after the checkout: nothing is built or published before it
    steps = _workflow()["jobs"]["build"]["steps"]
    assert [s.get("id") for s in steps].index("tag") == 2


def test_a_release_without_a_changelog_section_stops(checkout, tmp_path):
    changelog = checkout / "CHANGELOG.md"
    saved = changelog.read_text()
    changelog.write_text(saved.replace(f"## {__version__}", "## 0.0.0"))
    try:
        proc = run_step("tag", checkout, tmp_path, TAG=f"v{__version__}")
    finally:
        changelog.write_text(saved)
    assert proc.returncode == 1 and "CHANGELOG.md has no section" in proc.stdout


def test_the_release_builds_checks_and_smoke_tests_the_packages(checkout, tmp_path):
    tag = run_step("tag", checkout, tmp_path, TAG=f"v{__version__}")
    assert tag.returncode == 0, tag.stdout + tag.stderr
    assert (tmp_path / "tag.output").read_text() == f"version={__version__}\n"
    notes = (checkout / "release-notes.md").read_text()
    changelog = (ROOT / "CHANGELOG.md").read_text()
    assert notes.strip() and notes.strip() in changelog and "## " not in notes
    built = run_step("build", checkout, tmp_path, VERSION=__version__)
    assert built.returncode == 0, built.stdout + built.stderr
    assert sorted(p.name for p in (checkout / "dist").iterdir()) == [
        f"okr_pipeline-{__version__}-py3-none-any.whl",
        f"okr_pipeline-{__version__}.tar.gz",
    ]
    assert "PASSED" in built.stdout  # twine check --strict
    smoke = run_step("smoke", checkout, tmp_path, VERSION=__version__)
    assert smoke.returncode == 0, smoke.stdout + smoke.stderr
    # the step would fail on a wheel that printed another version
    wrong = run_step("smoke", checkout, tmp_path, VERSION="9.9.9")
    assert wrong.returncode != 0


def test_publishing_is_trusted_publishing_in_its_own_environment():
    jobs = _workflow()["jobs"]
    assert _workflow()[True]["push"]["tags"] == ["v*"]  # YAML 1.1 reads `on` as true
    assert _workflow()["permissions"] == {"contents": "read"}
    pypi = jobs["pypi"]
    assert pypi["needs"] == "build" and pypi["environment"]["name"] == "pypi"
    assert pypi["permissions"] == {"id-token": "write"}
    (publish,) = [s for s in pypi["steps"] if "gh-action-pypi-publish" in s.get("uses", "")]
    assert "password" not in publish.get("with", {})  # no token: OIDC
    assert "secrets." not in WORKFLOW.read_text()
    release = jobs["github-release"]
    assert release["needs"] == "build" and release["permissions"] == {"contents": "write"}
    assert "--notes-file release-notes.md" in release["steps"][-1]["run"]
    assert "--verify-tag" in release["steps"][-1]["run"]
    assert "permissions" not in jobs["build"]  # the workflow's read-only default
