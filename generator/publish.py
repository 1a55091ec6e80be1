"""`okr build` and `okr serve`: check once, then hand the checked files to MkDocs.

The check runs here, once; its result, the OKR folder and the day travel to the MkDocs hooks
inside the MkDocs configuration (`extra`), never through environment variables. The site is
built into a fresh folder beside the output and swapped in only when it is complete.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

from . import outputs
from .check import Checked, check_tree
from .formats import text
from .workspace import find_root

# Keys under the MkDocs config's `extra` that the hooks read (see mkdocs_hooks.py).
EXTRA_OKRS, EXTRA_TODAY, EXTRA_CHECKED = "okrs_dir", "okr_today", "okr_checked"
CACHE = Path(".cache") / "okr-charts"


def okrs_folder(config_file: Path, okrs: Path | None) -> Path:
    """--okrs when given, else okrs/ beside mkdocs.yml."""
    return Path(os.path.abspath(okrs or config_file.parent / "okrs"))


def _checked(okrs: Path, today: str | None) -> Checked | None:
    """Check the OKR folder. Errors stop publishing. Warnings never do: a stale check-in must
    not take the company's site offline; they are shown on the program-health page."""
    if find_root(okrs) != okrs.resolve():
        print(f"okr: no org.yaml in {okrs}", file=sys.stderr)
        return None
    checked = check_tree(okrs, today=today)
    if checked.report.problems:
        sys.stderr.write(text.render(checked.report))
    if checked.report.errors:
        print("okr: not publishing: fix the errors above first", file=sys.stderr)
        return None
    return checked


def _logging() -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s - %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)  # the check above already reported the OKR findings


def _handoff(config: Any, okrs: Path, checked: Checked | None, today: str | None) -> None:
    config.extra[EXTRA_OKRS] = str(okrs)
    if today:
        config.extra[EXTRA_TODAY] = today
    if checked is not None:
        config.extra[EXTRA_CHECKED] = checked


def build(
    out: Path | None, today: str | None, strict: bool, config_file: Path, okrs: Path | None
) -> int:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    folder = okrs_folder(config_file, okrs)
    checked = _checked(folder, today)
    if checked is None:
        return 1
    day = checked.ctx.today.isoformat()
    _logging()
    try:
        config = load_config(str(config_file), strict=strict)
    except MkDocsException as exc:
        print(f"okr: {config_file}: {exc}", file=sys.stderr)
        return 2
    project = Path(config.config_file_path).resolve().parent
    site = Path(out) if out else Path(config.site_dir)
    outputs.check_site_folder(
        site,
        apart_from=[folder, project / ".git", Path(config.docs_dir)],
        not_over=[project, Path(config.config_file_path)],
    )
    outputs.check_cache_folder(project / CACHE, project)
    building = outputs.new_site_folder(site)
    config.site_dir = str(building)
    _handoff(config, folder, checked, day)
    try:
        mkdocs_build(config)
        outputs.swap_in(building, site)
    except MkDocsException as exc:
        outputs.discard(building)
        print(f"okr: the site was not built: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        outputs.discard(building)
        print(f"okr: the site was not built: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except BaseException:
        outputs.discard(building)
        raise
    shown = os.path.relpath(site) if not os.path.relpath(site).startswith("..") else site
    print(f"Site built for {day}: open {Path(shown) / 'index.html'} in a browser")
    return 0


def serve(today: str | None, address: str, config_file: Path, okrs: Path | None) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    folder = okrs_folder(config_file, okrs)
    checked = _checked(folder, today)
    if checked is None:
        return 1
    _logging()
    try:
        extra = dict(load_config(str(config_file)).extra)
        extra[EXTRA_OKRS] = str(folder)
        if today:  # without --today, every rebuild takes the day anew
            extra[EXTRA_TODAY] = checked.ctx.today.isoformat()
        mkdocs_serve(
            str(config_file), livereload=True, dev_addr=address, watch=[str(folder)], extra=extra
        )
    except MkDocsException as exc:
        print(f"okr: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    return 0
