"""The checking pipeline: load every file, validate, run the rules, then locate the findings.

Loading and rules work on plain data for speed; exact positions are looked up afterwards with
the round-trip parser, only for the files that have findings.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from . import alignment, confidential, findcache, forking, gitio, parsecache, validation
from .config import find_config, load_config
from .context import Context
from .loader import Limits
from .locate import Locator
from .org import build_org
from .problem import Finding, Problem, Severity
from .progress import Progress
from .rules import RULES
from .rules.syntax import limits
from .settings import RuleSettings
from .slips import source_line
from .snapshots import snapshot_at
from .textsafe import listing
from .today import resolve_today
from .workspace import (
    ORG_FILE,
    Document,
    Workspace,
    document,
    forget_folders,
    key,
    open_workspace,
    reading_list,
    targets_for,
    whole_tree,
)


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    # The rules that ran on each reported file (by its display path): a test that expects no
    # finding can tell "checked and clean" from "never looked at".
    ran: dict[str, set[str]] = field(default_factory=dict)
    # The day staleness, pace and "not in the future" were judged on (the summary says it)
    today: date | None = None

    def sort(self) -> None:
        """By file and position, with org.yaml's errors first: the cause before what it
        causes (every team file is judged against the organisation)."""

        def order(p: Problem) -> tuple[bool, str, bool, Problem]:
            blocking = p.path.endswith(ORG_FILE) and p.severity is Severity.ERROR
            return (not blocking, p.path, blocking and p.rule not in ("syntax", "schema"), p)

        self.problems.sort(key=order)

    def count(self, severity: Severity) -> int:
        return sum(1 for p in self.problems if p.severity is severity)

    def errors_in(self, paths: Container[str]) -> list[Problem]:
        """The errors found in the files shown as `paths` (what a command that cannot read
        them says, as `okr check` says it)."""
        return [p for p in self.problems if p.path in paths and p.severity is Severity.ERROR]

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


def check_tree(
    okrs: Path,
    today: str | None = None,
    config: Path | None = None,
    overrides: Mapping[Path, str] | None = None,
) -> Checked:
    """Check every file of an OKR folder, shown as `okrs/<period>/<team>.yaml`; `overrides`
    (files under `okrs` and their text) are checked as if written."""
    forget_folders()
    report = Report()
    displays = whole_tree(okrs, overrides or {})
    ctx = check_root(okrs, displays, today=today, config=config, into=report, overrides=overrides)
    report.sort()
    return Checked(okrs, ctx, report)


def check_paths(
    paths: Sequence[str],
    *,
    today: str | None = None,
    config: Path | None = None,
    base: str | None = None,
) -> Report:
    forget_folders()
    report = Report()
    for root, displays in targets_for(list(paths)).items():
        check_root(root, displays, today=today, config=config, into=report, base=base, keep=False)
    report.sort()
    return report


def check_root(
    root: Path,
    displays: dict[Path, str],
    *,
    today: str | None = None,
    config: Path | None = None,
    into: Report | None = None,
    base: str | None = None,
    overrides: Mapping[Path, str] | None = None,
    keep: bool = True,
) -> Context:
    """Load and check one okrs/ tree, adding problems of the files in `displays` to `into`.

    Returns the context (documents marked valid, the organisation, today) for whoever builds
    on the checked files, such as the site generator. With `keep=False` (a check that only
    reports), a large tree is checked in bounded memory: the context keeps what cross-file
    rules need of each file (its summary), not the file.
    """
    settings = load_config(config or find_config(root))
    bounds = limits(settings["syntax"].options)
    trees = False
    if not keep and overrides is None and into is not None:
        paths = reading_list(root, bounds)
        if forking.workers(len(paths), PARALLEL_CHECK) and _size(paths) > STREAM_FROM:
            return _check_streamed(root, displays, paths, bounds, settings, today, base, into)
        # a few files: their node trees are kept, so findings are located without a second
        # parse (a tree takes several times its file's memory: never for a large tree)
        trees = len(paths) < PARALLEL_CHECK
    workspace = open_workspace(root, displays, bounds, overrides, trees, _mark_valid)
    ctx = _context(workspace, settings, today, base)
    if into is not None:
        reported = [d for d in workspace.documents if key(d.path) in displays]
        progress = Progress("checking OKR files", len(reported))
        _report(ctx, reported, _found(reported, ctx, progress), into)
        progress.finish()
    return ctx


def _found(
    reported: list[Document], ctx: Context, progress: Progress
) -> Iterable[tuple[list[Problem], set[str]]]:
    """Each reported document's problems and the rules that ran: those of a file whose
    findings the last build kept (findcache.py) as they were, the others found now."""
    kept = findcache.kept(ctx, ctx.workspace.documents)
    if kept is None:
        return _check_all(reported, ctx, progress)
    earlier = [kept.get(doc) for doc in reported]
    todo = [doc for doc, result in zip(reported, earlier, strict=True) if result is None]
    progress.step(len(reported) - len(todo))
    fresh = iter(list(_check_all(todo, ctx, progress)))
    results = [result if result is not None else next(fresh) for result in earlier]
    for doc, result in zip(reported, results, strict=True):
        kept.put(doc, result)
    kept.save()
    return results


def _mark_valid(doc: Document) -> None:
    if not doc.loaded or doc.kind == "stray":
        return
    # okr serve validates the same texts on every save, okr build the same files on every
    # build: kept by text (parsecache; on disk for okr build)
    what = f"validity of a {doc.kind} file"
    known = parsecache.recall(doc.text, what, _from_plain) if doc.text is not None else None
    if known is None:
        known = _validity(doc)
        if doc.text is not None:
            parsecache.remember(doc.text, what, known, _plain(known))
    doc.valid, parts = known
    if parts is not None:
        doc.sound_header = parts[0]
        doc.sound_objectives, doc.sound_key_results = parts[1], parts[2]


# a document's validity, and for a team file that is not valid its readable parts
Validity = tuple[bool, tuple[bool, frozenset[int], frozenset[tuple[int, int]]] | None]


def _plain(validity: Validity) -> list[Any]:
    valid, parts = validity
    if parts is None:
        return [valid, None]
    header, objectives, key_results = parts
    return [valid, [header, sorted(objectives), sorted([i, k] for i, k in key_results)]]


def _from_plain(plain: Any) -> Validity | None:
    """A validity kept by _plain, or None when `plain` is not one."""
    match plain:
        case [bool(valid), None]:
            return valid, None
        case [False, [bool(header), list(objectives), list(key_results)]] if all(
            type(i) is int for i in objectives
        ) and all(
            isinstance(pair, list) and len(pair) == 2 and all(type(n) is int for n in pair)
            for pair in key_results
        ):
            return False, (
                header,
                frozenset(objectives),
                frozenset((i, k) for i, k in key_results),
            )
    return None


def _validity(doc: Document) -> Validity:
    """Whether the document is valid; for a team file that is not, its readable parts."""
    valid = validation.is_valid(doc.kind, doc.data)
    if valid or doc.kind != "team":
        return valid, None
    header, objectives, key_results = validation.readable_parts(doc.data)
    return False, (header, frozenset(objectives), frozenset(key_results))


def _context(
    workspace: Workspace, settings: Mapping[str, RuleSettings], today: str | None, base: str | None
) -> Context:
    org_doc = workspace.org
    org = build_org(org_doc.data if org_doc is not None and org_doc.loaded else None)
    ctx = Context(workspace, org, resolve_today(today, org.timezone), settings)
    if base is not None:
        _load_base(ctx, workspace.root, base)
    return ctx


def _report(
    ctx: Context,
    reported: list[Document],
    results: Iterable[tuple[list[Problem], set[str]]],
    into: Report,
) -> None:
    into.today = ctx.today
    into.files += len(reported)
    for doc, (problems, ran) in zip(reported, results, strict=True):
        into.ran.setdefault(doc.display, set()).update(ran)
        into.problems.extend(problems)
    waiting = _waiting_for_org(ctx, reported)
    if waiting is not None:
        into.problems.append(waiting)
    if any(d.kind == "org" for d in reported):  # checked with the tree, as org.yaml is
        into.problems.extend(_sources_problems(ctx, into))


def _sources_problems(ctx: Context, into: Report) -> list[Problem]:
    """okr-sources.yaml's own mistakes, at their line and column."""
    declared, setting = ctx.sources, ctx.settings["source-declared"]
    if not declared.present or setting.severity is Severity.OFF:
        return []
    into.files += 1
    into.ran.setdefault(declared.display, set()).add("source-declared")
    return [
        Problem(declared.display, p.line, p.column, "source-declared", setting.severity, p.message)
        for p in declared.problems
    ]


def _waiting_for_org(ctx: Context, reported: list[Document]) -> Problem | None:
    """One line for every team file org.yaml blocks, instead of one error each."""
    org = ctx.workspace.org
    setting = ctx.settings["path-matches"]
    if ctx.org_readable or org is None or setting.severity is Severity.OFF:
        return None
    teams = [d.display for d in reported if d.kind == "team"]
    if not teams:
        return None
    shown = org.display if any(d is org for d in reported) else "okrs/org.yaml"
    return Problem(
        shown, 1, 1, "path-matches", setting.severity,
        f"until {ORG_FILE} can be read, {len(teams)} team "
        f"{'file is' if len(teams) == 1 else 'files are'} checked on their own only (their "
        f"teams, people, periods and references wait for it): {listing(teams, 3)}",
    )  # fmt: skip


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


PARALLEL_CHECK = 50  # files worth starting worker processes for
# Bytes of YAML past which a check that only reports keeps summaries, not documents (read in
# memory, a file takes about ten times its size): below, each file is read once, not twice
STREAM_FROM = 32 << 20


def _size(paths: list[Path]) -> int:
    total = 0
    for path in paths:
        with contextlib.suppress(OSError):  # reported when it is read
            total += os.stat(path).st_size  # a link is read as what it points to
    return total


CHUNK = 25  # files a worker checks at a time: progress moves, results stay in order
_forked: tuple[list[Document], Context] | None = None  # what forked workers check


def _check_all(
    docs: list[Document], ctx: Context, progress: Progress
) -> Iterator[tuple[list[Problem], set[str]]]:
    """Each document's problems and the rules that ran, in the documents' order; in worker
    processes when there are many (the same results: each document is checked on its own
    against the same context, which is completed before the fork)."""
    count = forking.workers(len(docs), PARALLEL_CHECK)
    if not count:
        for doc in docs:
            ran: set[str] = set()
            yield _check_document(doc, ctx, ran), ran
            doc.tree = None  # located: its memory goes back
            progress.step()
        return
    _shared(ctx)
    global _forked
    _forked = (docs, ctx)
    try:
        for results in forking.in_chunks(_check_chunk, range(len(docs)), CHUNK):
            yield from results
            progress.step(len(results))
    finally:
        _forked = None


def _shared(ctx: Context) -> None:
    """What every rule shares, computed once before the fork rather than once per worker."""
    _ = ctx.alignment, ctx.codeowners, ctx.sources, ctx.org_readable, ctx.team_file("", "")


# Bounded memory: files are read twice, each time in the workers. The first pass keeps of
# each file what the cross-file rules need (alignment.Summary) and a document without its
# text and data; the second reads each file again and checks it against the completed
# context. Reading in the workers costs the same wall time on two cores as reading once in
# the parent, and no process ever holds more than a chunk of parsed files.
_planned: tuple[list[Path], Path, dict[Path, str], Limits] | None = None
_streaming: Context | None = None


def _check_streamed(
    root: Path,
    displays: dict[Path, str],
    paths: list[Path],
    bounds: Limits,
    settings: Mapping[str, RuleSettings],
    today: str | None,
    base: str | None,
    into: Report,
) -> Context:
    global _planned, _streaming
    _planned = (paths, root, displays, bounds)
    try:
        light: list[Document] = []
        summaries: list[alignment.Summary] = []
        progress = Progress("reading OKR files", len(paths))
        for results in forking.in_chunks(_summarise_chunk, range(len(paths)), CHUNK):
            for doc, summary in results:
                light.append(doc)
                if summary is not None:
                    summaries.append(summary)
            progress.step(len(results))
        progress.finish()
        ctx = _context(Workspace(root, light), settings, today, base)
        ctx.__dict__["alignment"] = alignment.facts_from(summaries)
        _shared(ctx)
        indexes = [i for i, d in enumerate(light) if key(d.path) in displays]
        reported = [light[i] for i in indexes]
        _streaming = ctx
        progress = Progress("checking OKR files", len(reported))
        results = []
        for chunk in forking.in_chunks(_check_read_chunk, indexes, CHUNK):
            results.extend(chunk)
            progress.step(len(chunk))
        progress.finish()
        _report(ctx, reported, results, into)
        return ctx
    finally:
        _planned = _streaming = None


def _read(index: int, keep_tree: bool = False) -> Document:
    assert _planned is not None
    paths, root, displays, bounds = _planned
    doc = document(index, paths[index], root, displays, bounds, keep_tree=keep_tree)
    _mark_valid(doc)
    return doc


def _summarise_chunk(indexes: Sequence[int]) -> list[tuple[Document, alignment.Summary | None]]:
    out = []
    for index in indexes:
        doc = _read(index)
        # org.yaml is the context itself; of a team file only its summary stays
        light = doc if doc.kind == "org" else replace(doc, text=None, data=None, keys=None)
        out.append((light, alignment.summary(doc)))
    return out


def _check_read_chunk(indexes: Sequence[int]) -> list[tuple[list[Problem], set[str]]]:
    assert _streaming is not None
    out = []
    for index in indexes:
        ran: set[str] = set()
        # checked right after it is read: its findings are located in the tree it was read from
        out.append((_check_document(_read(index, keep_tree=True), _streaming, ran), ran))
    return out


def _check_chunk(indexes: Sequence[int]) -> list[tuple[list[Problem], set[str]]]:
    assert _forked is not None
    docs, ctx = _forked
    out = []
    for index in indexes:
        ran: set[str] = set()
        out.append((_check_document(docs[index], ctx, ran), ran))
    return out


def _check_document(doc: Document, ctx: Context, ran: set[str]) -> list[Problem]:
    found: list[tuple[str, Severity, Finding]] = []
    for rid, rule in RULES.items():
        setting = ctx.settings[rid]
        if setting.severity is Severity.OFF or (rule.NEEDS_VALID and not doc.readable):
            continue
        if doc.kind == "team" and getattr(rule, "NEEDS_ORG", False) and not ctx.org_readable:
            continue  # judged against an org.yaml that cannot be read: skipped, not wrong
        ran.add(rid)
        found.extend((rid, setting.severity, f) for f in rule.check(doc, ctx, setting.options))
    if not found:
        return []
    locator = Locator(doc.text or "", doc.tree)
    hidden = _confidential(doc, ctx, found)
    problems = []
    for index, (rid, severity, finding) in enumerate(found):
        line, column = finding.position or locator.position(finding.path, finding.at)
        problems.append(
            Problem(doc.display, line, column, rid, severity, finding.message, index in hidden)
        )
    return _worded_as_slips(problems, doc.text or "")


def _confidential(
    doc: Document, ctx: Context, found: list[tuple[str, Severity, Finding]]
) -> set[int]:
    """The indexes in `found` of the findings that concern confidential objectives
    (confidential.py): the site counts them and shows none."""
    hidden = {i for i, (_, _, finding) in enumerate(found) if finding.confidential}
    if doc.kind != "team":
        return hidden
    if not doc.loaded and confidential.declared_in_text(doc.text):
        return set(range(len(found)))
    secret = confidential.secret_objectives(doc)
    pointing = confidential.secret_references(doc, ctx.alignment) if ctx.alignment.secret else []
    whole_file = []
    for i, (_, _, finding) in enumerate(found):
        path = finding.path
        where = confidential.objective_of(path)
        if where in secret or any(path[: len(p)] == p for p in pointing):
            hidden.add(i)
        elif secret and where is None:
            whole_file.append(i)
    if whole_file:
        # a finding about the whole file stays public only if the file without its
        # confidential objectives raises it too, word for word
        public = confidential.public_view(doc, secret)
        again: set[tuple[str, object, str]] = set()
        for rid in {found[i][0] for i in whole_file}:
            options = ctx.settings[rid].options
            again.update(
                (rid, f.path, str(f.message)) for f in RULES[rid].check(public, ctx, options)
            )
        hidden.update(
            i
            for i in whole_file
            if (found[i][0], found[i][2].path, str(found[i][2].message)) not in again
        )
    return hidden


def _worded_as_slips(problems: list[Problem], text: str) -> list[Problem]:
    """Syntax findings come with their offending line (the text format shows it with a
    caret); a schema error on the line of a YAML slip is the slip's consequence, and the
    syntax finding already names the slip and its fix."""
    slipped = {p.line for p in problems if p.rule == "syntax"}
    if not slipped:
        return problems
    return [
        replace(p, source=source_line(text, p.line)) if p.rule == "syntax" else p
        for p in problems
        if not (p.rule == "schema" and p.line in slipped)
    ]
