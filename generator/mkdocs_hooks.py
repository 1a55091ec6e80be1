"""MkDocs glue, and the only module that knows MkDocs (`hooks:` in mkdocs.yml).

on_config takes the checked OKR files (handed over by `okr build` in the config's `extra`, or
checked here under plain `mkdocs build`) and builds the site in memory; on_files hands MkDocs
the generated pages and files (File.generated: nothing is ever written into docs/);
on_page_content swaps each generated page's body for its rendered HTML. Checker errors are
logged as warnings on a `mkdocs.plugins.*` logger, so `mkdocs build --strict` fails on them.
`load`, `build` and `serve` are how `okr build` and `okr serve` (publish.py) drive MkDocs.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build as _mkdocs_build
from mkdocs.commands.serve import serve as _mkdocs_serve
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from generator.cache import cache_folder
from generator.charts import ChartStore
from generator.check import Checked, check_tree
from generator.errors import OkrError
from generator.localhost import allowed_hosts, host_allowed
from generator.model_builder import build_model
from generator.problem import Severity
from generator.site.changes import recent_changes
from generator.site.pages import Site, build_site, safe_value
from generator.snapshots import confidential_now
from generator.today import zone
from generator.validation import SCHEMA_DIR

log = logging.getLogger("mkdocs.plugins.okr")
_site: Site | None = None
# Keys under the MkDocs config's `extra` that okr build fills and on_config reads.
EXTRA_OKRS, EXTRA_TODAY, EXTRA_CHECKED = "okrs_dir", "okr_today", "okr_checked"
# generator/help links to docs/: a company repository without docs of its own gets these
HELP_DIR = Path(__file__).resolve().parent / "help"


class SiteError(OkrError):
    """MkDocs refused the configuration or failed to build (the message says why)."""


@dataclass
class Project:
    """A loaded mkdocs.yml, with the paths okr build must keep apart from its output."""

    config: Any
    folder: Path
    site_dir: Path
    docs_dir: Path
    config_file: Path


def load(config_file: Path, strict: bool = False) -> Project:
    try:
        config = load_config(str(config_file), strict=strict)
    except MkDocsException as exc:
        raise SiteError(f"{config_file}: {exc}") from None
    folder = Path(config.config_file_path).resolve().parent
    return Project(
        config, folder, Path(config.site_dir), Path(config.docs_dir), Path(config.config_file_path)
    )


def build(project: Project, into: Path, okrs: Path, today: str, checked: Checked) -> None:
    """Build the site into `into`, from files `okr build` has checked already."""
    config = project.config
    config.site_dir = str(into)
    config.extra[EXTRA_OKRS] = str(okrs)
    config.extra[EXTRA_TODAY] = today
    config.extra[EXTRA_CHECKED] = checked
    try:
        _mkdocs_build(config)
    except MkDocsException as exc:
        raise SiteError(f"the site was not built: {exc}") from None


def serve(config_file: Path, address: str, okrs: Path, today: str | None) -> None:
    extra = dict(load(config_file).config.extra)
    extra[EXTRA_OKRS] = str(okrs)
    if today:  # without --today, every rebuild takes the day anew
        extra[EXTRA_TODAY] = today
    try:
        _mkdocs_serve(
            str(config_file), livereload=True, dev_addr=address, watch=[str(okrs)], extra=extra
        )
    except MkDocsException as exc:
        raise SiteError(str(exc)) from None


def on_config(config: Any) -> Any:
    global _site
    project = Path(config.config_file_path).resolve().parent
    if not (Path(config.docs_dir) / "help.md").is_file():
        config.docs_dir = str(HELP_DIR)  # the help pages come with the tool
    okrs = project / str(config.extra.get(EXTRA_OKRS, "okrs"))
    today = config.extra.get(EXTRA_TODAY)
    # okr build hands over what it checked; plain `mkdocs build` and serve rebuilds check here
    checked = config.extra.pop(EXTRA_CHECKED, None)
    if not isinstance(checked, Checked) or checked.root != okrs:
        checked = check_tree(okrs, today=str(today) if today else None)
    ctx, report = checked.ctx, checked.report
    for problem in report.problems:
        if problem.severity is Severity.ERROR:
            log.warning(problem.format())
        else:
            log.info(problem.format())
    model = build_model(ctx.org, ctx.workspace.documents, ctx.today, ctx.settings)
    cache = cache_folder(project)
    if cache is not None:  # matplotlib's font list too; its own default may not be writable
        os.environ.setdefault("MPLCONFIGDIR", str(cache / "matplotlib"))
    store = ChartStore(cache / "charts" if cache else None)
    schemas = {p.name: p.read_bytes() for p in sorted(SCHEMA_DIR.glob("*.schema.json"))}
    # history is filtered by what is confidential now, as well as at each commit
    secret = confidential_now({d.relative: d.data for d in ctx.workspace.teams}, "")
    changes = recent_changes(okrs, model.today, ctx.org.periods, zone(ctx.org.timezone), secret)
    _site = build_site(model, report.problems, store, schemas, changes, config.repo_url)
    config.site_name = model.company
    config.theme["locale"] = model.language
    log.info(f"OKR site: {len(_site.pages)} pages, {store.drawn} charts drawn")
    return config


def on_files(files: Files, config: Any) -> Files:
    assert _site is not None
    for page in _site.pages.values():
        existing = files.get_file_from_path(page.src)
        if existing is not None:
            log.warning(f"docs/{page.src} is replaced by the generated page of the same name")
            files.remove(existing)
        # the body is swapped for the rendered page, and the title comes from the model
        # (on_page_markdown), never from Markdown that would read `<` in a name as a tag
        files.append(File.generated(config, page.src, content=""))
    for name, data in sorted(_site.files.items()):
        files.append(File.generated(config, name, content=data))
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    assert _site is not None
    generated = _site.pages.get(page.file.src_uri)
    if generated is not None:
        page.meta["title"] = generated.title
    return markdown


def on_page_content(html: str, page: Any, config: Any, files: Files) -> str:
    assert _site is not None
    generated = _site.pages.get(page.file.src_uri)
    return generated.html if generated is not None else html


def on_env(env: Any, config: Any, files: Files) -> Any:
    assert _site is not None
    # MkDocs' theme environment does not autoescape; the site name and page titles come from
    # users' files, so every value is escaped (page.content is marked safe in the theme)
    env.autoescape = True
    env.finalize = safe_value
    env.globals["ui"] = _site.ui  # the theme needs them on every page, 404 included
    env.globals["okr_today"] = _site.model.today.isoformat()
    env.globals["okr_private"] = _site.model.visibility != "public"
    return env


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    assert _site is not None
    context["okr_generated"] = page.file.src_uri in _site.pages
    return context


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    """The preview answers only the host names it listens on (DNS rebinding: localhost.py)."""
    allowed, any_address = allowed_hosts(str(config.dev_addr.host))
    serve_site = server.get_app()

    def guarded(environ: dict[str, Any], start_response: Any) -> Any:
        if host_allowed(environ.get("HTTP_HOST"), allowed, any_address):
            return serve_site(environ, start_response)
        body = b"400 Bad Request: this preview answers only the host names it listens on.\n"
        start_response(
            "400 Bad Request",
            [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))],
        )
        return [body]

    server.set_app(guarded)
    return server


class OkrPlugin(BasePlugin):  # type: ignore[type-arg]
    """`plugins: [okr]` in mkdocs.yml: the same glue, for a repository that installs the tool
    as a package (a `hooks:` file path cannot point into site-packages)."""

    def on_config(self, config: Any) -> Any:
        return on_config(config)

    def on_files(self, files: Files, *, config: Any) -> Files:
        return on_files(files, config)

    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Files) -> str:
        return on_page_markdown(markdown, page, config, files)

    def on_page_content(self, html: str, *, page: Any, config: Any, files: Files) -> str:
        return on_page_content(html, page, config, files)

    def on_env(self, env: Any, *, config: Any, files: Files) -> Any:
        return on_env(env, config, files)

    def on_page_context(
        self, context: dict[str, Any], *, page: Any, config: Any, nav: Any
    ) -> dict[str, Any]:
        return on_page_context(context, page, config, nav)

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        return on_serve(server, config, builder)
