from __future__ import annotations

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
