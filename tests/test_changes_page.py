"""The "What changed" page, built from git history at build time."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser

from conftest import ROOT, TODAY, git, mkdocs_config, run_okr

PF = "okrs/2026-Q4/platform.yaml"


class Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.links: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")


def _page(out) -> Text:
    parser = Text()
    parser.feed((out / "changes.html").read_text())
    return parser


def test_recent_changes_and_check_ins_link_to_their_commits(repo, tmp_path):
    text = (
        (repo.root / PF)
        .read_text()
        .replace(
            "note: Pooling on 6 of 9 services.}\n",
            "note: Pooling on 6 of 9 services.}\n          - {date: 2026-11-20, value: 480}\n",
        )
    )
    repo.write(PF, text)
    git(repo.root, "commit", "-qam", "platform: weekly check-in")
    secret = "  - id: S1\n    title: Buy a rival quietly\n    confidential: true\n"
    secret += "    aligns_with: []\n    key_results:\n      - {id: K1, title: Sign 1 letter, milestone: true}\n"
    repo.write(PF, text.replace("recognition:", secret + "recognition:"))
    git(repo.root, "commit", "-qam", "growth: secret plan")
    acme = "okrs/2026-Q4/acme.yaml"
    repo.write(
        acme,
        (repo.root / acme)
        .read_text()
        .replace("value: 7}", "value: 7}\n          - {date: 2026-11-21, value: 6}"),
    )
    git(repo.root, "commit", "-qam", "acme: new check-in")
    sha = git(repo.root, "rev-parse", "HEAD~2").strip()
    config = mkdocs_config(tmp_path, extra="repo_url: https://github.com/example/okrs\n")
    out = tmp_path / "out"
    result = run_okr(
        "build",
        "--config",
        str(config),
        "--okrs",
        str(repo.root / "okrs"),
        "--today",
        TODAY,
        "--out",
        str(out),
        cwd=ROOT,
    )
    assert result.code == 0, result.err
    page = _page(out)
    shown = " ".join(page.parts)
    assert "platform: weekly check-in" in shown
    assert "O1/KR1 check-in 2026-11-20: 480 ms" in shown
    assert f"https://github.com/example/okrs/commit/{sha}" in page.links
    assert "Buy a rival" not in (out / "changes.html").read_text()  # confidential
    # a commit that only touched a confidential objective is left out, subject and all
    assert "secret plan" not in (out / "changes.html").read_text()
    assert shown.index("acme: new check-in") < shown.index("platform: weekly check-in")


def test_build_without_git_history_says_so(company, tmp_path):
    plain = tmp_path / "tarball"
    shutil.copytree(company.root / "okrs", plain / "okrs")
    out = tmp_path / "out"
    result = run_okr(
        "build", "--okrs", str(plain / "okrs"), "--today", TODAY, "--out", str(out), cwd=ROOT
    )
    assert result.code == 0, result.err
    assert "No git history is available for this build" in " ".join(_page(out).parts)


def test_what_changed_is_said_in_each_language_of_the_site(repo, tmp_path):
    org = (repo.root / "okrs/org.yaml").read_text() + "site:\n  languages: [en, zh]\n"
    repo.write("okrs/org.yaml", org)
    git(repo.root, "commit", "-qam", "both languages")
    text = (repo.root / PF).read_text()
    line = "          - {date: 2026-11-20, value: 480, status: at_risk, note: Cache warmed.}\n"
    assert "note: Pooling on 6 of 9 services.}\n" in text and "    title: " in text
    text = text.replace("note: Pooling on 6 of 9 services.}\n",
                        "note: Pooling on 6 of 9 services.}\n" + line)  # fmt: skip
    repo.write(PF, text)
    git(repo.root, "commit", "-qam", "platform: weekly check-in")
    out = tmp_path / "out"
    result = repo.build("--out", str(out))
    assert result.code == 0, result.err
    english = " ".join(_page(out).parts)
    chinese = " ".join(_zh_parts(out))
    sentence = "O1/KR1 check-in 2026-11-20: 480 ms (at risk) — Cache warmed."
    assert sentence in english and "changed" in english
    assert "O1/KR1 签到 2026-11-20：480 ms（有风险） —— Cache warmed." in chinese
    assert "O1/KR1 check-in" not in chinese and "修改" in chinese  # the file status too


def _zh_parts(out) -> list[str]:
    parser = Text()
    parser.feed((out / "zh" / "changes.html").read_text())
    return parser.parts
