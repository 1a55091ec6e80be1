"""`okr codeowners`: write .github/CODEOWNERS, from an org.yaml that passes `okr check`."""

from __future__ import annotations

import sys
from pathlib import Path

from . import outputs
from .check import Report, check_root
from .codeowners import location, okrs_prefix, render
from .formats import text
from .textsafe import one_line
from .workspace import ORG_FILE, find_root, key


def run_codeowners(okrs: Path, output: Path | None, check: bool) -> int:
    if find_root(okrs) != okrs.resolve():
        print(f"okr: no {ORG_FILE} in {one_line(str(okrs))}", file=sys.stderr)
        return 2
    org_file = okrs / ORG_FILE
    report = Report()
    ctx = check_root(okrs.resolve(), {key(org_file): org_file.as_posix()}, into=report)
    if report.errors:  # the same verdict as okr check: no CODEOWNERS from an invalid org.yaml
        report.problems.sort()
        sys.stderr.write(text.render(report))
        print(f"okr: {one_line(str(org_file))} has errors; fix them first", file=sys.stderr)
        return 1
    expected = render(ctx.org, okrs_prefix(okrs))
    target = output or location(okrs)
    current = target.read_text(encoding="utf-8") if target.is_file() else None
    if check:
        if current != expected:
            print(f"{target} is out of date; run okr codeowners", file=sys.stderr)
            return 1
        print(f"{target} is up to date")
        return 0
    outputs.write_file(target, expected.encode("utf-8"))
    print(f"wrote {target}")
    return 0
