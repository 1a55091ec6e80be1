"""`okr build` and `okr serve`: check once, then hand the checked files to MkDocs.

The check runs here, once; its result, the OKR folder and the day travel to the MkDocs hooks
inside the MkDocs configuration (`extra`), never through environment variables. The site is
built into a fresh folder beside the output and swapped in only when it is complete. MkDocs
itself is known only to mkdocs_hooks.py, which this module drives.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import time
from pathlib import Path

from . import buildstamp, findcache, outputs, parsecache
from .cache import cache_folder
from .check import Checked, check_tree
from .formats import text
from .fsread import Refused, read_regular
from .loader import Limits, LoadError, decode, load
from .org import build_org
from .textsafe import one_line
from .today import parse_day, resolve_today
from .workspace import ORG_FILE, find_root


def okrs_folder(config_file: Path, okrs: Path | None) -> Path:
    """--okrs when given, else okrs/ beside mkdocs.yml."""
    return Path(os.path.abspath(okrs or config_file.parent / "okrs"))


def _checked(okrs: Path, today: str | None, publishing: bool = True) -> Checked | None:
    """Check the OKR folder. Errors stop publishing. Warnings never do: a stale check-in must
    not take the company's site offline; they are shown on the program-health page. A
    preview (`publishing=False`) goes on despite errors: it shows what can be read, with
    every error on a banner."""
    if find_root(okrs) != okrs.resolve():
        print(f"okr: no org.yaml in {one_line(str(okrs))}", file=sys.stderr)
        return None
    checked = check_tree(okrs, today=today)
    if checked.report.problems:
        sys.stderr.write(text.render(checked.report))
    if checked.report.errors and publishing:
        print("okr: not publishing: fix the errors above first", file=sys.stderr)
        return None
    if checked.report.errors:
        print("okr: previewing what can be read; every page shows the errors until they are "
              "fixed", file=sys.stderr)  # fmt: skip
    return checked


# what okr serve says besides warnings: where it serves, and each change it rebuilt for
_SERVE_NEWS = ("Serving on ", "Detected file changes", "Pages: ", "Documentation built in ")


def _logging(serving: bool = False) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s - %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    # the check above already reported the OKR findings: only warnings, and for okr serve
    # the address and the rebuilds (a preview that says nothing looks stuck)
    logger.setLevel(logging.INFO if serving else logging.WARNING)
    if serving:
        handler.addFilter(_serve_news)


def _serve_news(record: logging.LogRecord) -> bool:
    # the live-reload server stamps its messages with the time: "[10:02:13] Serving on ..."
    message = re.sub(r"^\[[\d:]+\] ", "", record.getMessage())
    return record.levelno >= logging.WARNING or message.startswith(_SERVE_NEWS)


def build(
    out: Path | None, today: str | None, strict: bool, config_file: Path, okrs: Path | None
) -> int:
    from . import mkdocs_hooks as site

    folder = okrs_folder(config_file, okrs)
    if find_root(folder) != folder.resolve():
        print(f"okr: no org.yaml in {one_line(str(folder))}", file=sys.stderr)
        return 1
    _logging()
    project = site.load(config_file, strict)
    target = Path(out) if out else project.site_dir
    outputs.check_site_folder(
        target,
        apart_from=[folder, project.folder / ".git", project.docs_dir],
        not_over=[project.folder, project.config_file],
    )
    shown = os.path.relpath(target) if not os.path.relpath(target).startswith("..") else target
    cache = cache_folder(project.folder)
    with outputs.site_lock(target):
        day = _day(folder, today)
        inputs = buildstamp.fingerprint(
            folder, project.inputs, day, {"strict": strict}, project.settings
        )
        stamp = buildstamp.unchanged(cache, target, inputs)
        if stamp is not None:  # the site there is the one this build would make
            sys.stderr.write(stamp.get("report", ""))
            print(f"Site up to date for {day} (nothing changed since it was built): open "
                  f"{Path(shown) / 'index.html'} in a browser")  # fmt: skip
            return 0
        buildstamp.forget(cache, target)
        started = time.perf_counter()
        # a file whose text did not change since the last build is not parsed again
        parsecache.keep_on_disk(cache / "parsed" if cache else None, buildstamp.tool())
        # nor are the rules run again on a file when nothing they read of it changed
        findcache.keep_on_disk(cache / "findings.json.z" if cache else None, buildstamp.tool())
        try:
            checked = _checked(folder, today)
            if checked is not None:
                parsecache.prune_disk()
        finally:
            parsecache.keep_on_disk(None)
            findcache.keep_on_disk(None)
        if checked is None:
            return 1
        checking = time.perf_counter() - started
        building = outputs.new_site_folder(target)
        try:
            site.build(project, building, folder, day, checked, outputs.earlier_site(target))
            outputs.swap_in(building, target)
        except site.SiteError as exc:
            outputs.discard(building)
            print(exc.said(), file=sys.stderr)
            return 1
        except OSError as exc:
            outputs.discard(building)
            print(f"okr: the site was not built: {exc.strerror or exc}", file=sys.stderr)
            return 1
        except BaseException:
            outputs.discard(building)
            raise
        report = text.render(checked.report) if checked.report.problems else ""
        buildstamp.record(cache, target, inputs, report, day)
    total = time.perf_counter() - started
    pages = site.timings.get("pages", 0.0)
    print(f"Site built for {day}: open {Path(shown) / 'index.html'} in a browser")
    # what took how long: the figures a slow build is asked about first
    reused = int(site.timings.get("pages_reused", 0))
    again = f" ({reused} as the last build made them)" if reused else ""
    wrapped = int(site.timings.get("pages_wrapped", 0))
    kept = ", the search index as it was" if site.timings.get("search_index_kept") else ""
    print(f"okr build: {checked.report.files} files checked in {checking:.1f} s, "
          f"{int(site.timings.get('page_count', 0))} pages made in {pages:.1f} s{again}, "
          f"written by MkDocs in {max(0.0, total - checking - pages):.1f} s "
          f"({wrapped} wrapped in the theme{kept}); {total:.1f} s in all",
          file=sys.stderr)  # fmt: skip
    return 0


def _day(okrs: Path, today: str | None) -> str:
    """The day the site is built for, as the check will take it (org.yaml's time zone)."""
    if today is not None:
        return parse_day(today).isoformat()
    org, limits = okrs / ORG_FILE, Limits().for_org()  # the check reads it within these
    try:
        data = load(decode(read_regular(org, limits.max_bytes)), limits)
    except (Refused, LoadError):
        data = None
    return resolve_today(None, build_org(data).timezone).isoformat()


def serve(today: str | None, address: str | None, config_file: Path, okrs: Path | None) -> int:
    from . import mkdocs_hooks as site

    folder = okrs_folder(config_file, okrs)
    checked = _checked(folder, today, publishing=False)
    if checked is None:
        return 1
    _logging(serving=True)
    try:
        site.serve(config_file, address, folder, checked.ctx.today.isoformat() if today else None)
    except site.SiteError as exc:
        print(exc.said(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    return 0
