"""`okr build` with nothing changed does nothing, and anything that changes the site rebuilds
it: the real command, on a copy of the example company."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT, git, mkdocs_config, run_okr


def build(okrs: Path, out: Path, today: str = "2026-11-22", *extra: str):
    return run_okr("build", "--okrs", str(okrs), "--out", str(out), "--today", today, *extra,
                   cwd=ROOT)  # fmt: skip


def files(site: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(site).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in site.rglob("*") if p.is_file()}  # fmt: skip


def test_nothing_changed_nothing_rebuilt_and_every_change_rebuilds(tmp_path):
    okrs = tmp_path / "okrs"
    shutil.copytree(ROOT / "okrs", okrs)
    site = tmp_path / "site"
    first = build(okrs, site)
    assert first.code == 0 and "Site built for 2026-11-22" in first.out, first.err
    before = files(site)
    again = build(okrs, site)
    assert again.code == 0 and "Site up to date for 2026-11-22" in again.out
    assert "[stale-check-in]" in again.err  # the findings are still reported
    assert files(site) == before  # not a byte rewritten

    # an OKR file changed: built again, and the page shows it
    platform = okrs / "2026-Q4/platform.yaml"
    platform.write_text(platform.read_text().replace("Cut p99 API latency", "Cut p95 API latency"))
    changed = build(okrs, site)
    assert "Site built" in changed.out
    page = (site / "periods/2026-Q4/teams/platform.html").read_text()
    assert "Cut p95 API latency" in page

    # another day: built again (pace and staleness move)
    assert "Site built for 2026-11-23" in build(okrs, site, "2026-11-23").out
    assert "Site up to date" in build(okrs, site, "2026-11-23").out

    # the output folder was touched: built again, whole
    (site / "teams.html").unlink()
    assert "Site built" in build(okrs, site, "2026-11-23").out
    assert (site / "teams.html").is_file()

    # a build option: --strict is part of what was built
    assert "Site built" in build(okrs, site, "2026-11-23", "--strict").out


def test_a_failed_build_keeps_the_site_and_leaves_no_stamp(tmp_path):
    okrs = tmp_path / "okrs"
    shutil.copytree(ROOT / "okrs", okrs)
    site = tmp_path / "site"
    assert build(okrs, site).code == 0
    before = files(site)
    platform = okrs / "2026-Q4/platform.yaml"
    good = platform.read_text()
    platform.write_text(good.replace("aligns_with: [engineering/O1]", "aligns_with: [nope/O1]"))
    failed = build(okrs, site)
    assert failed.code == 1 and "not publishing" in failed.err
    assert files(site) == before  # the previous site, untouched
    platform.write_text(good)
    # the stamp of the good build was dropped with the failure: this one builds, not skips
    assert "Site built" in build(okrs, site).out


def test_every_input_the_build_reads_is_in_what_is_up_to_date(tmp_path):
    """What the build reads outside the OKR folder and mkdocs.yml counts too: CODEOWNERS at
    the root of a repository whose OKR folder lies deeper, the commit of the OKR folder's own
    repository (the "What changed" page), a file mkdocs.yml INHERITs, a value it takes with
    !ENV, and Pagefind's settings in the environment. Each change builds the site again."""
    repo = tmp_path / "repo"
    okrs = repo / "company" / "okrs"
    shutil.copytree(ROOT / "okrs", okrs)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=A", "-c", "user.email=a@example.com", "commit", "-qm", "start")
    project = tmp_path / "project"  # mkdocs.yml in a folder of its own, outside the repository
    project.mkdir()
    (project / "base.yml").write_text("copyright: First owner\n")
    config = mkdocs_config(
        project, extra='INHERIT: base.yml\nsite_description: !ENV [OKR_TEST_DESCRIPTION, "one"]\n'
    )
    site = tmp_path / "site"
    env = {"OKR_TEST_DESCRIPTION": "one"}

    def again(expect: str, **extra: str) -> str:
        result = run_okr("build", "--okrs", str(okrs), "--config", str(config), "--out",
                         str(site), "--today", "2026-11-22", cwd=project, env={**env, **extra})  # fmt: skip
        assert result.code == 0, result.err
        assert expect in result.out, (expect, result.out)
        return (site / "index.html").read_text()

    again("Site built")
    again("Site up to date")
    (repo / ".github").mkdir()
    (repo / ".github/CODEOWNERS").write_text("/company/okrs/ @acme/okr-admins\n")
    again("Site built")
    again("Site up to date")
    (okrs / "2026-Q4/platform.yaml").write_text(
        (okrs / "2026-Q4/platform.yaml").read_text().replace("Cut p99", "Cut p95"))  # fmt: skip
    again("Site built")
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=A", "-c", "user.email=a@example.com", "commit", "-qm", "p95")
    changes = again("Site built")  # the same files, a new commit for "What changed"
    assert "p95" in (site / "changes.html").read_text()
    (project / "base.yml").write_text("copyright: Second owner\n")
    assert "Second owner" in again("Site built")
    env["OKR_TEST_DESCRIPTION"] = "two"
    assert 'content="two"' in again("Site built")
    again("Site up to date")
    again("Site built", PAGEFIND_EXCLUDE_SELECTORS="h2")
    assert changes
