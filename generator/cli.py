"""The `okr` command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import OkrError

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
        default=["okrs"],
        metavar="PATH",
        help="files or folders (default: okrs)",
    )
    check.add_argument(
        "--format",
        choices=["auto", "text", "github", "json", "sarif"],
        default="auto",
        help="output format; auto means github under GitHub Actions, else text",
    )
    check.add_argument("--strict", action="store_true", help="warnings also fail the check")
    check.add_argument("--today", metavar="YYYY-MM-DD", help="the date to check against")
    check.add_argument(
        "--config", type=Path, metavar="FILE", help="configuration file (default: okr-check.yaml)"
    )
    return parser


def _check(args: argparse.Namespace) -> int:
    from .check import check_paths
    from .formats import pick

    report = check_paths(args.paths, today=args.today, config=args.config)
    sys.stdout.write(pick(args.format)(report))
    failed = report.errors > 0 or (args.strict and report.warnings > 0)
    return EXIT_FINDINGS if failed else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            return _check(args)
    except OkrError as exc:
        print(f"okr: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_USAGE  # pragma: no cover - argparse requires a command


if __name__ == "__main__":
    sys.exit(main())
