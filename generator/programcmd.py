"""`okr remind` and `okr sync`: the commands that run the OKR program for its owner."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import UsageError

if TYPE_CHECKING:
    from .check import Checked
    from .problem import Problem


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    remind = commands.add_parser(
        "remind",
        help="list what is due: stale key results, ungraded periods, missing files",
        description="What is due, by team, with owners, GitHub handles and the team's OKR "
        "ambassador: key results nobody checked in on within the stale-check-in limit, finished "
        "periods not graded or reviewed, running periods a team has no file for. Exit 0 "
        "whatever is due (the JSON says how much).",
    )
    remind.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    _common(remind)

    sync = commands.add_parser(
        "sync",
        help="record values from data sources and initiative states from GitHub",
        description="For every key result of a running period that names a `source`, read "
        "the source declared in okr-sources.yaml and append a check-in with its value (by the "
        "source's id; unchanged values are skipped); set the status of initiatives whose url "
        "is a GitHub issue or pull request. Files keep their comments and layout; a change "
        "that would add an error is not written. Exit 0: all read; 1: some source or "
        "initiative could not be read (the others were still recorded).",
    )
    sync.add_argument("--report", type=Path, metavar="FILE", help="also write a Markdown report")
    sync.add_argument("--sources", type=Path, metavar="FILE",
                      help="okr-sources.yaml to use (default: beside the OKR folder)")  # fmt: skip
    sync.add_argument("--no-initiatives", action="store_true",
                      help="do not read initiative states from GitHub")  # fmt: skip
    _common(sync)
    sync.add_argument(
        "--dry-run", action="store_true", help="read and show the changes, write nothing"
    )


def _common(command: argparse.ArgumentParser) -> None:
    command.add_argument("--okrs", type=Path, default=Path("okrs"), metavar="DIR")
    command.add_argument("--today", metavar="YYYY-MM-DD", help="the date to work from")
    command.add_argument(
        "--config", type=Path, metavar="FILE", help="checker configuration (okr-check.yaml)"
    )


def run(args: argparse.Namespace) -> int:
    from .check import check_tree
    from .today import parse_day

    if not (args.okrs / "org.yaml").is_file():
        raise UsageError(f"{args.okrs}: no org.yaml here; point --okrs at the OKR folder")
    if args.today:
        parse_day(args.today)
    checked = check_tree(args.okrs, args.today, args.config)
    if args.command == "remind":
        from . import remind
        from .model_builder import build_model

        ctx = checked.ctx
        unread = _unreadable(checked)
        if unread:
            # from a partial view "nothing is due" could be false (and the reminder workflow
            # would close the company's issue): say what cannot be read instead
            for problem in unread:
                print(problem.format(), file=sys.stderr)
            print("okr remind: cannot tell what is due while these files cannot be read; fix "
                  "them first", file=sys.stderr)  # fmt: skip
            return 1
        model = build_model(ctx.org, ctx.workspace.documents, ctx.today, ctx.settings,
                            ctx.sources.ids)  # fmt: skip
        sys.stdout.write(remind.FORMATS[args.format](remind.Reminders(model, ctx.org)))
        return 0
    from .sync.run import run_sync

    return run_sync(checked, args)


def _unreadable(checked: Checked) -> list[Problem]:
    """The errors of the files the reminders cannot read: org.yaml when it gives no teams, a
    team file that does not load or whose header is unsound."""
    ctx = checked.ctx
    if ctx.workspace.org is None:
        return []  # refused before: no org.yaml at all
    return checked.report.errors_in(
        {
            d.display
            for d in ctx.workspace.documents
            if (d.kind == "org" and not ctx.org_readable) or (d.kind == "team" and not d.readable)
        }
    )
