from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from generator.search import in_order

PLATFORM = """\
team: platform
period: 2026-Q4
objectives:
  - id: O1
    title: Make the platform boringly reliable
    aligns_with: [acme/O1]
    key_results:
      - id: KR1
        title: Cut p99 API latency from 850 ms to 300 ms
        metric: {start: 850, target: 300, unit: ms}
        check_ins:
          - {date: 2026-10-06, value: 790}
          - {date: 2026-11-16, value: 520}
      - id: KR2
        title: The failover runbook is published
        milestone: true
        check_ins:
          - {date: 2026-11-16, done: true}
"""


def at(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    """1-based line and column where the nth occurrence of `needle` starts in `text`."""
    start = -1
    for _ in range(nth):
        start = text.index(needle, start + 1)
    before = text[:start]
    return before.count("\n") + 1, start - (before.rfind("\n") + 1) + 1


def expect(path: str, text: str, needle: str, severity: str, rule: str, nth: int = 1) -> str:
    line, column = at(text, needle, nth)
    return f"{path}:{line}:{column}: {severity} [{rule}] "


def assert_index_is_pagefinds(site: Path, whole: Path) -> None:
    """The site's search index is byte for byte what Pagefind makes of the whole site (a copy
    of it in `whole`, every page as written)."""
    built = site / "pagefind"
    assert (built / "pagefind.js").is_file()
    shutil.copytree(site, whole, ignore=shutil.ignore_patterns("pagefind"))
    command = [sys.executable, "-m", "pagefind", "--site", str(whole), "--output-subdir",
               "pagefind", "--keep-index-url", "--silent"]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    made = whole / "pagefind"
    # Pagefind orders a bilingual entry file's languages as a hash map does; the build sorts it
    entry = made / "pagefind-entry.json"
    entry.write_bytes(in_order(entry.read_bytes()))
    ours = sorted(p.relative_to(built) for p in built.rglob("*") if p.is_file())
    theirs = sorted(p.relative_to(made) for p in made.rglob("*") if p.is_file())
    assert ours == theirs and len(ours) > 20
    assert any(p.parts[0] == "index" for p in ours)  # the index chunks themselves
    for path in ours:
        assert (built / path).read_bytes() == (made / path).read_bytes(), path
