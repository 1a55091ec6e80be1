"""`okr sync`: read every source a running key result names, and the state of every initiative
that is a GitHub issue or pull request, then edit the team files in place.

Security model: only okr-sources.yaml (owned by the root team) says what is run or fetched; a
team file names a source id and nothing else, and an initiative's url is only ever read
through the GitHub API at `GITHUB_API_URL`. A command runs without a shell, from the
repository root, with a minimal environment plus the variables its source lists (in CI they
come from the repository's secrets, which the workflow hands over as `OKR_SECRETS`). Values are
numbers and states are one of four words: nothing read is ever written into a file as text.
Every change is checked like an author's (a file the change would give an error is left
alone) and reviewed as a pull request.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .. import outputs
from ..authoring.change import Change, added, diff, read_text, write
from ..check import Checked, check_tree
from ..confidential import secret_objectives
from ..numbers import plural
from ..problem import Severity
from ..progress import Progress
from ..remind import BODY_LIMIT, text_only
from ..textsafe import inert_markdown, no_mentions
from ..walk import check_ins
from ..walk import kind as kr_kind
from ..yamledit import EditError, append_check_in, set_initiative_field
from . import github
from .fetch import read_value
from .source import SourceError
from .sources import Declared, read_declared, read_file

EXIT_OK, EXIT_SOME_FAILED = 0, 1
SECRETS = "OKR_SECRETS"  # JSON of the repository's secrets: `${{ toJSON(secrets) }}`


@dataclass
class Target:
    """A key result (or initiative) of a running period, in a file sync may edit."""

    path: Path
    team: str
    objective: int
    key_result: int
    ref: str  # platform/O1/KR2 (with the period)
    confidential: bool
    data: dict[str, Any]


@dataclass
class Outcome:
    recorded: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    states: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    # what took how long ("sources", "github") and how many items each had
    seconds: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


SLOW_SHOWN_FROM = 10  # a source or a GitHub request takes up to seconds: shown from ten


def environment(environ: Mapping[str, str]) -> dict[str, str]:
    """The process environment, plus the secrets the workflow passed as one JSON object
    (strings only; the process's own variables win)."""
    merged: dict[str, str] = {}
    try:
        secrets = json.loads(environ.get(SECRETS, "") or "{}")
    except ValueError:
        secrets = {}
    if isinstance(secrets, dict):
        merged.update({k: v for k, v in secrets.items() if isinstance(v, str)})
    merged.update(environ)
    merged.pop(SECRETS, None)
    return merged


def _running_files(checked: Checked) -> list[tuple[Any, Any]]:
    ctx = checked.ctx
    found = []
    for doc in ctx.workspace.teams:
        if not doc.valid:
            continue
        period = ctx.org.periods.get(doc.folder)
        if period is not None and period.contains(ctx.today):
            found.append((doc, period))
    return found


def _targets(checked: Checked) -> list[Target]:
    targets = []
    for doc, period in _running_files(checked):
        for oi, objective in enumerate(doc.data["objectives"]):
            for ki, kr in enumerate(objective.get("key_results") or []):
                ref = f"{period.id}:{doc.data['team']}/{objective['id']}/{kr['id']}"
                targets.append(
                    Target(doc.path, doc.data["team"], oi, ki, ref,
                           bool(objective.get("confidential")), kr)
                )  # fmt: skip
    return targets


def _shown(target: Target, what: str) -> str:
    """A line for the report; a confidential objective's key result is never named there."""
    if target.confidential:
        # its value, title and even its id stay in the file: only what happened is said
        return f"a key result of a confidential objective of {target.team}: {what.split()[0]}"
    return f"{target.ref}: {what}"


def _number(value: float) -> int | float:
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def _check_in(target: Target, source: str, value: float, today: date) -> dict[str, Any] | str:
    """The check-in to append, or why there is none."""
    kind = kr_kind(target.data)
    entry: dict[str, Any] = {"date": today.isoformat(), "by": source}
    history = check_ins(target.data)
    if kind == "milestone":
        if value not in (0, 1):
            return f"failed: source {source} gave {value:g}; a milestone takes 1 (done) or 0"
        done = value == 1
        said = [c["done"] for c in history if isinstance(c.get("done"), bool)]
        if said and said[-1] == done:
            return "unchanged"
        entry["done"] = done
    else:
        measured = [c["value"] for c in history if isinstance(c.get("value"), int | float)]
        if measured and math.isclose(float(measured[-1]), value, rel_tol=0, abs_tol=1e-12):
            return "unchanged"
        entry["value"] = _number(value)
    if any(c.get("date") == today.isoformat() for c in history):
        return "unchanged: already checked in today; the next run records the new value"
    return entry


def _read_sources(
    declared: Declared, root: Path, env: Mapping[str, str], wanted: set[str]
) -> dict[str, float | str]:
    values: dict[str, float | str] = {}
    progress = Progress("Reading data sources", len(wanted), shown_from=SLOW_SHOWN_FROM)
    for sid in sorted(wanted):
        values[sid] = _read_source(declared, root, env, sid)
        progress.step()
    progress.finish()
    return values


def _read_source(declared: Declared, root: Path, env: Mapping[str, str], sid: str) -> float | str:
    """A source's value, or why it has none."""
    source = declared.sources.get(sid)
    if source is None:
        why = "broken in" if sid in declared.ids else "not declared in"
        return f"source {sid} is {why} {declared.display}; run okr check"
    try:
        return read_value(source, root, env)
    except SourceError as exc:
        return f"source {sid}: {exc}"


def _initiatives(
    checked: Checked, env: Mapping[str, str], texts: dict[Path, str], outcome: Outcome
) -> None:
    server = env.get("GITHUB_SERVER_URL", "https://github.com")
    found = []
    for target in _targets(checked):
        for ii, initiative in enumerate(target.data.get("initiatives") or []):
            url = initiative.get("url")
            work = github.parse_url(url, server) if isinstance(url, str) else None
            if work is not None:
                found.append((target, ii, initiative, url, work))
    if not found:
        return
    urls = [url for *_, url, _ in found]
    progress = Progress("Asking GitHub", len(urls), shown_from=SLOW_SHOWN_FROM)
    started = time.perf_counter()
    states = github.states(urls, env, step=progress.step)
    progress.finish()
    outcome.seconds["github"] = time.perf_counter() - started
    outcome.counts["github"] = len(urls)
    for target, ii, initiative, url, work in found:
        state = states.get(url)
        title = initiative.get("title", "")
        label = f"initiative {text_only(str(title), 80)} ({work.ref})"
        if isinstance(state, github.GitHubError) or state is None:
            outcome.failed.append(_shown(target, f"{label}: {state or 'not read'}"))
            continue
        current = initiative.get("status", "planned")
        new = github.new_status(current, state, work.pull)
        if new == current:
            continue
        try:
            texts[target.path] = set_initiative_field(
                texts[target.path], target.objective, target.key_result, ii, "status", new
            )
        except EditError as exc:
            outcome.failed.append(_shown(target, f"{label}: cannot edit the file: {exc}"))
            continue
        outcome.states.append(_shown(target, f"{label}: {current} → {new}"))


def collect(checked: Checked, declared: Declared, env: Mapping[str, str],
            initiatives: bool) -> tuple[dict[Path, str], dict[Path, str], Outcome]:  # fmt: skip
    """The text of every file sync reads as it was, the new text of those it changes, and
    what happened."""
    outcome = Outcome()
    today = checked.ctx.today
    targets = [t for t in _targets(checked) if isinstance(t.data.get("source"), str)]
    root = declared.path.parent
    wanted = {t.data["source"] for t in targets}
    started = time.perf_counter()
    values = _read_sources(declared, root, env, wanted)
    outcome.seconds["sources"] = time.perf_counter() - started
    outcome.counts["sources"] = len(wanted)
    texts: dict[Path, str] = {}
    for target in targets:
        texts.setdefault(target.path, read_text(target.path))
    for target in targets:
        sid = target.data["source"]
        value = values[sid]
        if isinstance(value, str):
            outcome.failed.append(_shown(target, value))
            continue
        entry = _check_in(target, sid, value, today)
        if isinstance(entry, str):
            bucket = outcome.failed if entry.startswith("failed") else outcome.unchanged
            bucket.append(_shown(target, entry))
            continue
        try:
            texts[target.path] = append_check_in(
                texts[target.path], target.objective, target.key_result, entry
            )
        except EditError as exc:
            outcome.failed.append(_shown(target, f"failed: cannot edit the file: {exc}"))
            continue
        shown = entry.get("value", "done" if entry.get("done") else "not done")
        outcome.recorded.append(_shown(target, f"recorded {shown} from {sid}"))
    if initiatives:
        for doc, _period in _running_files(checked):
            texts.setdefault(doc.path, read_text(doc.path))
        _initiatives(checked, env, texts, outcome)
    originals = {p: read_text(p) for p in texts}
    return originals, {p: t for p, t in texts.items() if t != originals[p]}, outcome


def checked_changes(
    checked: Checked, changed: dict[Path, str], args: argparse.Namespace, outcome: Outcome
) -> dict[Path, str]:
    """The changes that add no error to the folder; a file whose change would is left as it
    is, and said so."""
    while changed:
        after = check_tree(checked.root, args.today, args.config, overrides=changed)
        errors = added(checked.report.problems, after.report.problems, Severity.ERROR)
        bad = {p.path for p in errors}
        keep = {}
        for path, text in changed.items():
            display = f"okrs/{path.relative_to(checked.root).as_posix()}"
            if display in bad:
                first = next(p for p in errors if p.path == display)
                outcome.refused.append(f"{display}: not changed, it would add {first.format()}")
            else:
                keep[path] = text
        if len(keep) == len(changed):
            return keep
        changed = keep
    return changed


def report(outcome: Outcome, today: date, markdown: bool = True) -> str:
    """What sync did, by kind: Markdown for the report file (the pull request's body and the
    job's summary), where what a source or the GitHub API said is literal text whatever
    Markdown or HTML it holds; plain lines for the log (each item is one clean line)."""
    lines = [f"## okr sync, {today.isoformat()}", ""]
    for title, items in (
        ("Recorded", outcome.recorded),
        ("Initiative states", outcome.states),
        ("Could not be read", outcome.failed),
        ("Not written (the change would add an error)", outcome.refused),
        ("Unchanged", outcome.unchanged),
    ):
        if items:
            lines.append(f"### {title}")
            shown = inert_markdown if markdown else no_mentions
            lines.extend("- " + shown(item) for item in items)
            lines.append("")
    if len(lines) == 2:
        lines.append("No key result names a source and no initiative links a GitHub issue.")
    text = "\n".join(lines) + "\n"
    if len(text) > BODY_LIMIT:  # the pull request's body; the diff holds everything
        text = text[: text.rfind("\n", 0, BODY_LIMIT)] + "\n\n… (cut: see the changes)\n"
    return text


def run_sync(checked: Checked, args: argparse.Namespace) -> int:
    started = time.perf_counter()
    env = environment(os.environ)
    if args.sources is not None:
        declared = read_file(args.sources, args.sources.resolve().parent)
    else:
        declared = read_declared(checked.root)
    for problem in declared.problems:
        print(f"{declared.display}:{problem.line}:{problem.column}: {problem.message}",
              file=sys.stderr)  # fmt: skip
    if args.report is not None:
        outputs.check_output_file(args.report)  # before any edit, not after
    originals, changed, outcome = collect(checked, declared, env, not args.no_initiatives)
    changed = checked_changes(checked, changed, args, outcome)
    out = sys.stdout
    secret = {doc.path for doc in checked.ctx.workspace.documents if secret_objectives(doc)}
    for path, text in sorted(changed.items()):
        change = Change(path, originals[path], text, "okr sync")
        if not args.dry_run:
            write(change)
        shown = f"okrs/{path.relative_to(checked.root).as_posix()}"
        if path in secret:  # the log is read beyond the file's reviewers, as the report is
            out.write(f"{shown}: changed; it holds a confidential objective, so no diff\n")
        else:
            out.write(diff(change, shown))
    out.write(report(outcome, checked.ctx.today, markdown=False))
    if args.report is not None:
        outputs.write_file(args.report, report(outcome, checked.ctx.today).encode("utf-8"))
    if args.dry_run and changed:
        out.write("dry run: nothing was written\n")
    print(timing(outcome, len(changed), time.perf_counter() - started), file=sys.stderr)
    return EXIT_SOME_FAILED if outcome.failed or outcome.refused else EXIT_OK


def timing(outcome: Outcome, changed: int, seconds: float) -> str:
    """What took how long, said at the end as okr build and okr check do."""
    parts = [f"{plural(outcome.counts.get('sources', 0), 'data source')} read in "
             f"{outcome.seconds.get('sources', 0.0):.1f} s"]  # fmt: skip
    if "github" in outcome.counts:
        parts.append(f"{plural(outcome.counts['github'], 'GitHub link')} asked in "
                     f"{outcome.seconds['github']:.1f} s")  # fmt: skip
    return (
        f"okr sync: {', '.join(parts)}; {plural(changed, 'file')} changed; {seconds:.1f} s in all"
    )
