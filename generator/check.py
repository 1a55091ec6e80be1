"""The checking pipeline: load every file, validate, run the rules, then locate the findings.

Loading and rules work on plain data for speed; exact positions are looked up afterwards with
the round-trip parser, only for the files that have findings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import gitio, validation
from .config import find_config, load_config
from .context import Context
from .locate import Locator
from .org import build_org
from .problem import Finding, Problem, Severity
from .rules import RULES
from .rules.syntax import limits
from .snapshots import snapshot_at
from .today import resolve_today
from .workspace import Document, key, open_workspace, targets_for, whole_tree


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    # The rules that ran on each reported file (by its display path): a test that expects no
    # finding can tell "checked and clean" from "never looked at".
    ran: dict[str, set[str]] = field(default_factory=dict)

    def count(self, severity: Severity) -> int:
        return sum(1 for p in self.problems if p.severity is severity)

    @property
    def errors(self) -> int:
        return self.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        return self.count(Severity.WARNING)


@dataclass
class Checked:
    """A whole OKR folder, checked: what `okr build` and the site are made from."""

    root: Path
    ctx: Context
    report: Report


def check_tree(okrs: Path, today: str | None = None, config: Path | None = None) -> Checked:
    """Check every file of an OKR folder, shown as `okrs/<period>/<team>.yaml`."""
    report = Report()
    ctx = check_root(okrs, whole_tree(okrs), today=today, config=config, into=report)
    report.problems.sort()
    return Checked(okrs, ctx, report)


def check_paths(
    paths: Sequence[str],
    *,
    today: str | None = None,
    config: Path | None = None,
    base: str | None = None,
) -> Report:
    report = Report()
    for root, displays in targets_for(list(paths)).items():
        check_root(root, displays, today=today, config=config, into=report, base=base)
    report.problems.sort()
    return report


def check_root(
    root: Path,
    displays: dict[Path, str],
    *,
    today: str | None = None,
    config: Path | None = None,
    into: Report | None = None,
    base: str | None = None,
) -> Context:
    """Load and check one okrs/ tree, adding problems of the files in `displays` to `into`.

    Returns the context (documents marked valid, the organisation, today) for whoever builds
    on the checked files, such as the site generator.
    """
    settings = load_config(config or find_config(root))
    workspace = open_workspace(root, displays, limits(settings["syntax"].options))
    for doc in workspace.documents:
        if doc.loaded and doc.kind != "stray":
            doc.valid = validation.is_valid(doc.kind, doc.data)
            if not doc.valid and doc.kind == "team":
                header, objectives, key_results = validation.readable_parts(doc.data)
                doc.sound_header = header
                doc.sound_objectives = frozenset(objectives)
                doc.sound_key_results = frozenset(key_results)
    org_doc = workspace.org
    org = build_org(org_doc.data if org_doc is not None and org_doc.loaded else None)
    ctx = Context(workspace, org, resolve_today(today, org.timezone), settings)
    if base is not None:
        _load_base(ctx, root, base)
    if into is not None:
        reported = [d for d in workspace.documents if key(d.path) in displays]
        into.files += len(reported)
        for doc in reported:
            ran = into.ran.setdefault(doc.display, set())
            into.problems.extend(_check_document(doc, ctx, ran))
    return ctx


def _load_base(ctx: Context, root: Path, base: str) -> None:
    """The okrs/ files at `base`, for rules that compare against it (target-moved)."""
    repo = gitio.toplevel(root)
    prefix = root.resolve().relative_to(repo.resolve()).as_posix().removeprefix(".")
    sha = gitio.resolve(base, repo)
    strip = len(prefix) + 1 if prefix else 0
    ctx.base = {path[strip:]: data for path, data in snapshot_at(sha, repo, prefix).items()}
    ctx.base_renames = {
        new[strip:]: old[strip:] for new, old in gitio.renames(sha, None, prefix, repo).items()
    }


def _secret_objectives(doc: Document) -> set[int]:
    """Indexes of the file's confidential objectives, even in a file with schema errors."""
    data = doc.data if isinstance(doc.data, dict) else {}
    items = data.get("objectives") if isinstance(data.get("objectives"), list) else []
    return {i for i, o in enumerate(items) if isinstance(o, dict) and o.get("confidential") is True}


def _check_document(doc: Document, ctx: Context, ran: set[str]) -> list[Problem]:
    found: list[tuple[str, Severity, Finding]] = []
    for rid, rule in RULES.items():
        setting = ctx.settings[rid]
        if setting.severity is Severity.OFF or (rule.NEEDS_VALID and not doc.readable):
            continue
        ran.add(rid)
        found.extend((rid, setting.severity, f) for f in rule.check(doc, ctx, setting.options))
    if not found:
        return []
    locator = Locator(doc.text or "")
    secret = _secret_objectives(doc) if doc.kind == "team" else set()
    problems = []
    for rid, severity, finding in found:
        line, column = finding.position or locator.position(finding.path, finding.at)
        inside = finding.path[:1] == ("objectives",) and len(finding.path) > 1
        confidential = finding.confidential or (inside and finding.path[1] in secret)
        problems.append(
            Problem(doc.display, line, column, rid, severity, finding.message, confidential)
        )
    return problems
