"""The `okr` command."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__, programcmd
from .errors import OkrError, UsageError
from .today import source_date_epoch

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="okr", description="Check and publish OKRs kept as YAML files in git."
    )
    parser.add_argument("--version", action="version", version=f"okr {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "check",
        help="check OKR files against the schema and the quality rules",
        description="Check OKR files. Exit 0: no errors; 1: errors (or warnings with "
        "--strict); 2: usage or configuration error.",
    )
    check.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files or folders (default: okrs)",
    )
    check.add_argument(
        "--format",
        choices=["auto", "text", "github", "json", "sarif", "markdown"],
        default="auto",
        help="output format; auto means github under GitHub Actions, else text",
    )
    check.add_argument("--strict", action="store_true", help="warnings also fail the check")
    check.add_argument(
        "--base", metavar="REV", help="git revision to compare with (enables target-moved)"
    )
    check.add_argument("--today", metavar="YYYY-MM-DD", help="the date to check against")
    check.add_argument(
        "--pre-commit",
        action="store_true",
        help="the pre-commit hook: check the whole okrs/ tree when the commit adds, changes, "
        "deletes or renames an OKR file (PATHs are the files pre-commit passes), else nothing",
    )
    check.add_argument(
        "--config", type=Path, metavar="FILE", help="configuration file (default: okr-check.yaml)"
    )

    diff = commands.add_parser(
        "diff",
        help="what changed in OKR terms between two git revisions",
        description="Compare okrs/ at BASE with HEAD (or with the working tree), reading "
        "files through git without checking anything out.",
    )
    diff.add_argument("base", metavar="BASE", help="the base revision (e.g. origin/main)")
    diff.add_argument("head", metavar="HEAD", nargs="?", help="default: the working tree")
    diff.add_argument("--format", choices=["text", "markdown", "json"], default="text")
    diff.add_argument("--today", metavar="YYYY-MM-DD", help="decides whether periods started")
    diff.add_argument("--okrs", type=Path, default=Path("okrs"), metavar="DIR")

    codeowners = commands.add_parser(
        "codeowners", help="write .github/CODEOWNERS from the github: handles in org.yaml"
    )
    codeowners.add_argument("--okrs", type=Path, default=Path("okrs"), metavar="DIR")
    codeowners.add_argument(
        "--output", type=Path, metavar="FILE", help="default: .github/CODEOWNERS in the repository"
    )
    codeowners.add_argument(
        "--check", action="store_true", help="exit 1 when the file is out of date, write nothing"
    )

    init = commands.add_parser(
        "init",
        help="create a company's own OKR repository (or --update one)",
        description="Create DIR as a company OKR repository: okrs/, mkdocs.yml, okr-check.yaml, "
        "pre-commit, workflows, CODEOWNERS, dependabot, a README and the tool's pin. With "
        "--update, rewrite the generated files of an existing one for this version.",
    )
    init.add_argument("dir", type=Path, metavar="DIR")
    init.add_argument("--company", metavar="NAME", help="the company's name (required)")
    init.add_argument("--language", choices=["en", "zh"], default="en")
    init.add_argument("--timezone", default="UTC", metavar="TZ", help="IANA name (default UTC)")
    init.add_argument("--visibility", choices=["private", "public"], default="private")
    init.add_argument(
        "--owners", nargs="*", default=[], metavar="HANDLE",
        help="GitHub handles of the OKR admins (the root team's reviewers)",
    )  # fmt: skip
    init.add_argument(
        "--tool", metavar="SOURCE",
        help="where the tool comes from: okr-pipeline==VERSION (the default, from PyPI or "
        "--index-url), okr-pipeline @ git+https://...@vX.Y.Z, or a path to a wheel (copied "
        "into .okr/dist/); with --update, switches the source",
    )  # fmt: skip
    init.add_argument(
        "--index-url", metavar="URL",
        help="a private package index that serves the tool and its dependencies (with "
        "--update, '' goes back to PyPI)",
    )  # fmt: skip
    init.add_argument("--today", metavar="YYYY-MM-DD", help="the day (for the first period)")
    init.add_argument("--update", action="store_true", help="update an existing repository")

    build = commands.add_parser(
        "build",
        help="check okrs/ and build the site",
        description="Check okrs/, refuse to publish on errors, then build the MkDocs site.",
    )
    build.add_argument("--out", type=Path, metavar="DIR", help="output folder (default: site)")
    build.add_argument("--today", metavar="YYYY-MM-DD", help="the date the site shows")
    build.add_argument(
        "--strict", action="store_true", help="MkDocs warnings (e.g. broken links) fail the build"
    )
    build.add_argument(
        "--config",
        type=Path,
        default=Path("mkdocs.yml"),
        metavar="FILE",
        help="MkDocs configuration (default: mkdocs.yml)",
    )
    build.add_argument(
        "--okrs", type=Path, metavar="DIR", help="the OKR folder (default: okrs/ beside it)"
    )

    _authoring(commands)
    programcmd.add_parsers(commands)

    serve = commands.add_parser(
        "serve", help="preview the site, rebuilding when OKR files, templates or schemas change"
    )
    serve.add_argument("--today", metavar="YYYY-MM-DD", help="the date the site shows")
    serve.add_argument(
        "--address",
        help="host:port to listen on (default: dev_addr in mkdocs.yml, else 127.0.0.1:8000)",
    )
    serve.add_argument("--config", type=Path, default=Path("mkdocs.yml"), metavar="FILE")
    serve.add_argument("--okrs", type=Path, metavar="DIR", help="the OKR folder")
    return parser


def _common(command: argparse.ArgumentParser) -> None:
    """What every authoring command takes, as `okr check` does."""
    command.add_argument("--okrs", type=Path, default=Path("okrs"), metavar="DIR")
    command.add_argument("--today", metavar="YYYY-MM-DD", help="the date to work from")
    command.add_argument(
        "--config", type=Path, metavar="FILE", help="checker configuration (okr-check.yaml)"
    )
    command.add_argument(
        "--dry-run", action="store_true", help="check and show the change, write nothing"
    )


def _authoring(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    new = commands.add_parser(
        "new",
        help="start a team's OKR file for a period (--from carries over what was not delivered)",
        description="Write okrs/PERIOD/TEAM.yaml: a commented start, or with --from the "
        "objectives PERIOD did not deliver (score below 0.7), starting where they ended.",
    )
    new.add_argument("team", metavar="TEAM")
    new.add_argument("period", metavar="PERIOD")
    new.add_argument("--from", dest="source", metavar="PERIOD", help="carry over from PERIOD")
    _common(new)

    checkin = commands.add_parser(
        "checkin",
        help="record a check-in on a key result",
        description="Append a check-in to REF ([PERIOD:]TEAM/OBJECTIVE/KEY-RESULT; the period "
        "running today by default). VALUE is a number, done, not-done, or - for an update "
        "without a new measurement. The file keeps its comments and layout.",
    )
    checkin.add_argument("ref", metavar="REF")
    checkin.add_argument("value", metavar="VALUE")
    checkin.add_argument("--status", metavar="S", help="on_track, at_risk or off_track")
    checkin.add_argument("--confidence", metavar="N", help="1-10: 5 is a coin flip")
    checkin.add_argument("--note", metavar="TEXT", help="what moved, or why not")
    checkin.add_argument("--by", metavar="PERSON", help="who checks in (a person id)")
    checkin.add_argument("--date", metavar="YYYY-MM-DD", help="default: today")
    _common(checkin)

    grade = commands.add_parser(
        "grade",
        help="grade a key result, or suggest a team's grades from progress",
        description="okr grade REF SCORE sets a key result's score (0.0-1.0). okr grade TEAM "
        "[PERIOD] --suggest writes each ungraded key result's progress as its score, marked "
        "provisional, and a retrospective to fill in (PERIOD: by default the latest ended "
        "period with ungraded key results, else the running one).",
    )
    grade.add_argument("target", metavar="REF|TEAM")
    grade.add_argument("value", metavar="SCORE|PERIOD", nargs="?")
    grade.add_argument("--suggest", action="store_true", help="suggest the team's grades")
    _common(grade)


def _author(args: argparse.Namespace) -> int:
    from .authoring import change, checkin, grade, new
    from .check import check_tree

    if not (args.okrs / "org.yaml").is_file():
        raise UsageError(f"{args.okrs}: no org.yaml here; point --okrs at the OKR folder")
    if args.today:
        from .today import parse_day

        parse_day(args.today)
    checked = check_tree(args.okrs, args.today, args.config)
    if args.command == "new":
        edit = new.create(checked, args.team, args.period, args.source)
    elif args.command == "checkin":
        options = checkin.Options(
            status=checkin.status(args.status) if args.status is not None else None,
            confidence=(
                checkin.confidence(args.confidence) if args.confidence is not None else None
            ),
            note=args.note,
            by=args.by,
            day=args.date,
        )
        edit = checkin.record(checked, args.ref, args.value, options)
    elif args.suggest:
        edit = grade.suggest(checked, args.target, args.value)
    elif args.value is None:
        raise UsageError("okr grade REF SCORE, or okr grade TEAM [PERIOD] --suggest")
    else:
        edit = grade.set_score(checked, args.target, args.value)
    return change.apply(checked, edit, today=args.today, config=args.config, dry_run=args.dry_run)


def _check(args: argparse.Namespace) -> int:
    from .check import check_paths
    from .formats import pick

    paths = args.paths or ["okrs"]
    if args.pre_commit:
        from .precommit import tree_to_check

        tree = tree_to_check(args.paths, Path(args.paths[0]) if args.paths else Path("okrs"))
        if tree is None:
            return EXIT_OK  # the commit touches nothing the checker reads
        paths = [os.path.relpath(tree)]
    report = check_paths(paths, today=args.today, config=args.config, base=args.base)
    sys.stdout.write(pick(args.format)(report))
    failed = report.errors > 0 or (args.strict and report.warnings > 0)
    return EXIT_FINDINGS if failed else EXIT_OK


def _init(args: argparse.Namespace) -> int:
    from . import scaffold
    from .today import resolve_today

    if args.update:
        from .upgrade import update

        return update(args.dir, args.tool, args.index_url)
    if not args.company:
        raise UsageError("okr init needs --company NAME")
    params = scaffold.Params(
        args.company, args.language, args.timezone, args.visibility, tuple(args.owners),
        args.tool or scaffold.Params.tool, args.index_url or None,
    )  # fmt: skip
    return scaffold.init(args.dir, params, resolve_today(args.today, args.timezone))


def _tolerant_output() -> None:
    """Under LANG=C or an ASCII pipe, a Chinese title must not kill the command: what the
    terminal cannot show is written as a \\u escape instead."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _utf8(arg: str) -> str:
    """An argument as UTF-8 text, whatever the locale: under LANG=C, Python hands `新公司` over
    as escaped bytes. Bytes that are not UTF-8 stay escaped (a file name may hold them)."""
    try:
        return os.fsencode(arg).decode("utf-8")
    except UnicodeDecodeError:
        return arg


# The cyclic collector's default first threshold (700 new objects) makes it walk a 1,000-team
# model (millions of objects, almost none in a cycle) over and over: about a tenth of every
# okr serve rebuild at that size. Raised for the run; what it frees stays the same.
GC_THRESHOLDS = (50_000, 20, 100)


def run() -> int:
    """The `okr` command (its console script, and `python -m generator`)."""
    code = main()
    # the process ends next: the collector's last pass over a 1,000-team model (millions of
    # objects, none of them garbage) took 0.6 s after the build had finished; frozen objects
    # are not walked (they are still freed, and every exit function still runs)
    gc.freeze()
    return code


def main(argv: Sequence[str] | None = None) -> int:
    gc.set_threshold(*GC_THRESHOLDS)
    _tolerant_output()
    args = _parser().parse_args([_utf8(a) for a in (sys.argv[1:] if argv is None else argv)])
    try:
        source_date_epoch()  # MkDocs reads it too: refuse a bad one before anything runs
        if args.command == "check":
            return _check(args)
        if args.command == "diff":
            from .diffcmd import run_diff

            return run_diff(args.base, args.head, args.format, args.today, args.okrs)
        if args.command == "init":
            return _init(args)
        if args.command in ("new", "checkin", "grade"):
            return _author(args)
        if args.command in ("remind", "sync"):
            return programcmd.run(args)
        if args.command == "codeowners":
            from .codeowners_cmd import run_codeowners

            return run_codeowners(args.okrs, args.output, args.check)
        if args.command in ("build", "serve"):
            from . import publish

            if args.today:
                from .today import parse_day

                parse_day(args.today)
            if not args.config.is_file():
                raise UsageError(f"{args.config}: no such MkDocs configuration")
            if args.command == "build":
                return publish.build(args.out, args.today, args.strict, args.config, args.okrs)
            return publish.serve(args.today, args.address, args.config, args.okrs)
    except OkrError as exc:
        print(exc.said(), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        # Ctrl-C: one line, not a traceback; edits are written whole or not at all
        print("okr: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `okr ... | head` closed the pipe: the reader has what it wanted. Later writes (at
        # exit) go nowhere instead of raising again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    return EXIT_USAGE  # pragma: no cover - argparse requires a command


if __name__ == "__main__":
    sys.exit(main())
