"""`okr diff` against real git repositories made in temporary folders."""

from __future__ import annotations

import json

from conftest import TODAY, git, run_okr
from helpers import PLATFORM, expect

PF = "okrs/2026-Q4/platform.yaml"


def diff(repo, *args: str):
    return run_okr("diff", *args, "--today", TODAY, cwd=repo.root)


def commit(repo, message: str = "change") -> None:
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-q", "-m", message)


def test_objectives_added_removed_retitled_realigned_reowned(repo):
    text = (repo.root / PF).read_text()
    text = text.replace(
        "title: Make the platform boringly reliable", "title: Make the platform dull"
    )
    text = text.replace("aligns_with: [acme/O1]", 'aligns_with: ["2026:acme/O1"]')
    text = text.replace("    owner: alice\n", "    owner: bob\n")
    text = text.replace(
        "recognition:",
        "  - id: O2\n    title: Make deploys a non-event\n    aligns_with: []\n    key_results: []\nrecognition:",
    )
    repo.write(PF, text)
    acme = (repo.root / "okrs/2026-Q4/acme.yaml").read_text()
    repo.write(
        "okrs/2026-Q4/acme.yaml",
        acme.replace("objectives:\n", "objectives: []\nx_removed:\n").split("x_removed:")[0] + "\n",
    )
    commit(repo)
    result = diff(repo, "HEAD~1", "HEAD")
    assert result.code == 0, result.err
    out = result.out
    assert "2026-Q4 platform: changed okrs/2026-Q4/platform.yaml" in out
    assert "~ O1 retitled: “Make the platform boringly reliable” → “Make the platform dull”" in out
    assert "~ O1 realigned: [“acme/O1”] → [“2026:acme/O1”]" in out
    assert "~ O1 owner: “alice” → “bob”" in out
    assert "+ objective O2 added: “Make deploys a non-event” (0 key results)" in out
    assert "- objective O1 removed: “Make reliability our best sales argument”" in out
    assert out.strip().endswith("2 OKR files changed · 1 objective added · 1 objective removed")


def test_moved_target_and_new_check_ins(repo):
    text = (repo.root / PF).read_text()
    text = text.replace("target: 300, unit: ms", "target: 400, unit: ms")
    text = text.replace(
        "          - {date: 2026-11-16, value: 520, note: Pooling on 6 of 9 services.}\n",
        "          - {date: 2026-11-16, value: 520, note: Pooling on 6 of 9 services.}\n"
        "          - {date: 2026-11-20, value: 480, status: at_risk, note: Cache misses.}\n",
    )
    repo.write(PF, text)
    commit(repo)
    out = diff(repo, "HEAD~1", "HEAD").out
    assert "~ O1/KR1 target: 300 → 400 (moved after the period started)" in out
    assert "+ O1/KR1 check-in 2026-11-20: 480 ms (at risk) — Cache misses." in out
    assert "1 check-in · 1 target moved" in out
    before_start = run_okr("diff", "HEAD~1", "HEAD", "--today", "2026-09-20", cwd=repo.root).out
    assert "~ O1/KR1 target: 300 → 400\n" in before_start and "moved" not in before_start


def test_renamed_file_and_deleted_team(repo):
    git(repo.root, "mv", "okrs/2026-Q3/platform.yaml", "okrs/2026-Q3/platform-old.yaml")
    git(repo.root, "rm", "-q", "okrs/2026-Q4/acme.yaml")
    commit(repo)
    out = diff(repo, "HEAD~1", "HEAD").out
    assert (
        "2026-Q3 platform: renamed okrs/2026-Q3/platform-old.yaml (from okrs/2026-Q3/platform.yaml)"
        in out
    )
    assert "2026-Q4 acme: deleted okrs/2026-Q4/acme.yaml" in out
    assert "- objective O1 removed: “Make reliability our best sales argument”" in out


def test_working_tree_is_compared_and_never_touched(repo):
    text = (
        (repo.root / PF)
        .read_text()
        .replace("Make the platform boringly reliable", "Uncommitted title")
    )
    repo.write(PF, text)
    repo.write("okrs/2026-Q4/new.yaml", "team: new\nperiod: 2026-Q4\nobjectives: []\n")
    status = git(repo.root, "status", "--porcelain")
    out = diff(repo, "HEAD").out
    assert "~ O1 retitled: “Make the platform boringly reliable” → “Uncommitted title”" in out
    assert "2026-Q4 new: new file okrs/2026-Q4/new.yaml" in out
    assert git(repo.root, "status", "--porcelain") == status
    assert (repo.root / PF).read_text() == text


def test_scores_and_retrospective(repo):
    q3 = "okrs/2026-Q3/platform.yaml"
    text = (repo.root / q3).read_text().replace("        score: 0.87\n", "        score: 0.9\n")
    text = text.replace(
        "retrospective: |\n  Deploy time fell faster than planned once builds were cached.\n",
        "retrospective: |\n  Caching builds was the turning point.\n",
    )
    repo.write(q3, text)
    commit(repo)
    out = diff(repo, "HEAD~1", "HEAD").out
    assert "+ O1/KR1 regraded: 0.9" in out and "~ retrospective updated" in out


def test_markdown_is_short_grouped_and_escaped(repo):
    text = (repo.root / PF).read_text()
    text = text.replace("Make the platform boringly reliable", "Ping @everyone <b>now</b>")
    kudos = "".join(
        f"  - {{date: 2026-11-{day:02d}, to: bob, message: Thanks number {day}}}\n"
        for day in range(1, 16)
    )
    repo.write(PF, text.replace("recognition:\n", "recognition:\n" + kudos))
    commit(repo)
    md = diff(repo, "HEAD~1", "HEAD", "--format", "markdown").out
    assert md.startswith("### OKR changes\n\n**1 OKR file changed**")
    assert "#### 2026-Q4 · platform — changed `okrs/2026-Q4/platform.yaml`" in md
    assert (
        "@\u2060everyone &lt;b&gt;now&lt;/b&gt;" in md and "<b>" not in md and "@everyone" not in md
    )
    bullets = [line for line in md.splitlines() if line.startswith("- ")]
    assert len(bullets) == 13 and bullets[-1] == "- … and 4 more"  # 16 changes, 12 shown
    full = diff(repo, "HEAD~1", "HEAD").out
    assert full.count("recognition for bob") == 15  # text lists everything


def test_json_format(repo):
    repo.write(PF, (repo.root / PF).read_text().replace("target: 300", "target: 250"))
    commit(repo)
    data = json.loads(diff(repo, "HEAD~1", "HEAD", "--format", "json").out)
    assert data["version"] == 1 and len(data["base"]) == 40 and len(data["head"]) == 40
    change = data["files"][0]["changes"][0]
    assert change["kind"] == "kr-target-changed" and change["old"] == 300 and change["new"] == 250
    assert change["moved_after_start"] is True
    assert data["summary"]["target-moved"] == 1


def test_usage_errors(repo, tmp_path):
    bad = diff(repo, "no-such-rev")
    assert bad.code == 2 and "unknown revision 'no-such-rev'" in bad.err
    (tmp_path / "okrs").mkdir()
    outside = run_okr("diff", "HEAD", cwd=tmp_path)
    assert outside.code == 2 and "not inside a git repository" in outside.err


def test_check_base_reports_moved_target_at_the_new_value(repo):
    text = PLATFORM.replace("target: 300", "target: 400")
    repo.write(PF, PLATFORM)
    commit(repo, "platform as in the helpers")
    repo.write(PF, text)
    result = repo.check("okrs", "--base", "HEAD")
    prefix = expect(PF, text, "400", "warning", "target-moved")
    line = next(s for s in result.lines if s.startswith(prefix))
    assert "target moved from 300 to 400 after 2026-Q4 started (2026-10-01)" in line
    assert "[target-moved]" not in repo.check("okrs").out  # only against a base
    assert "[target-moved]" not in repo.check("okrs", "--base", "HEAD", "--today", "2026-09-30").out


def test_a_file_that_does_not_load_is_a_change_only_when_it_changed(repo):
    """A broken file and a symbolic link, added in one commit, are listed there; a later
    commit that touches neither does not list them again (every pull request's summary
    repeated them); editing the broken file lists it again."""
    broken = repo.root / "okrs/2026-Q4/broken.yaml"
    broken.write_text("team: broken\nperiod: 2026-Q4\n  bad: [\n")
    (repo.root / "okrs/2026-Q4/link.yaml").symlink_to("../org.yaml")
    commit(repo, "add two files that do not load")
    added = diff(repo, "HEAD~1", "HEAD").out
    assert "2 files that do not load" in added and "link.yaml" in added, added
    (repo.root / "NOTES.md").write_text("not an OKR file\n")
    commit(repo, "notes")
    quiet = diff(repo, "HEAD~1", "HEAD").out
    assert "no okr changes" in quiet.lower() and "load" not in quiet, quiet
    broken.write_text("team: broken\nperiod: 2026-Q4\n  worse: [\n")
    commit(repo, "still broken, otherwise")
    edited = diff(repo, "HEAD~1", "HEAD").out
    assert "broken.yaml" in edited and "link.yaml" not in edited, edited
