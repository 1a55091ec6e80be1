"""`okr build` and `okr serve`: check first, then hand over to MkDocs (mkdocs.yml)."""

from __future__ import annotations

import logging
import os
import sys
from datetime import UTC, datetime, time
from pathlib import Path

from .check import Report, check_root
from .formats import text
from .workspace import find_root, whole_tree


def okrs_folder(config_file: Path, okrs: Path | None) -> Path:
    """--okrs when given, else okrs/ beside mkdocs.yml; the hooks read it from OKR_DIR."""
    folder = (okrs or config_file.parent / "okrs").resolve()
    os.environ["OKR_DIR"] = str(folder)
    return folder


def _checked(okrs: Path, today: str | None) -> tuple[bool, str]:
    """Check the OKR folder; return (publishable, the resolved today).

    Errors stop publishing. Warnings never do: a stale check-in must not take the company's
    site offline; they are shown on the program-health page instead.
    """
    if find_root(okrs) != okrs:
        print(f"okr: no org.yaml in {okrs}", file=sys.stderr)
        return False, ""
    displays = whole_tree(okrs)
    report = Report()
    ctx = check_root(okrs, displays, today=today, into=report)
    report.problems.sort()
    if report.problems:
        sys.stderr.write(text.render(report))
    if report.errors:
        print("okr: not publishing: fix the errors above first", file=sys.stderr)
        return False, ""
    return True, ctx.today.isoformat()


def _environment(today: str) -> None:
    # The hooks read OKR_TODAY; MkDocs dates its sitemap from SOURCE_DATE_EPOCH, so the same
    # files and the same day give byte-identical output.
    os.environ["OKR_TODAY"] = today
    midnight = datetime.combine(datetime.fromisoformat(today).date(), time(), tzinfo=UTC)
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(midnight.timestamp())))


def _logging() -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s - %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)  # the check above already reported the OKR findings


def build(
    out: Path | None, today: str | None, strict: bool, config_file: Path, okrs: Path | None
) -> int:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    ok, day = _checked(okrs_folder(config_file, okrs), today)
    if not ok:
        return 1
    _environment(day)
    _logging()
    try:
        config = load_config(str(config_file), site_dir=str(out) if out else None, strict=strict)
        mkdocs_build(config)
    except MkDocsException as exc:
        print(f"okr: the site was not built: {exc}", file=sys.stderr)
        return 1
    site = Path(config.site_dir)
    shown = os.path.relpath(site) if not os.path.relpath(site).startswith("..") else site
    print(f"Site built for {day}: open {Path(shown) / 'index.html'} in a browser")
    return 0


def serve(today: str | None, address: str, config_file: Path, okrs: Path | None) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import MkDocsException

    folder = okrs_folder(config_file, okrs)
    ok, day = _checked(folder, today)
    if not ok:
        return 1
    if today:  # without --today, every rebuild takes the day anew
        os.environ["OKR_TODAY"] = day
    _logging()
    try:
        mkdocs_serve(str(config_file), livereload=True, dev_addr=address, watch=[str(folder)])
    except MkDocsException as exc:
        print(f"okr: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    return 0
