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
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote as quote_url

from markupsafe import Markup, escape
from mkdocs import utils as mkdocs_utils
from mkdocs.commands.build import build as _mkdocs_build
from mkdocs.commands.build import get_context
from mkdocs.commands.serve import serve as _mkdocs_serve
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException, PluginError
from mkdocs.localization import parse_locale
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage

from generator import buildstamp, findcache, outputs, parsecache, themecache
from generator.cache import cache_folder
from generator.charts import ChartStore
from generator.check import Checked, check_tree
from generator.codeowners import okrs_prefix
from generator.errors import OkrError
from generator.localhost import allowed_hosts, host_allowed
from generator.model_builder import build_model
from generator.org import Org
from generator.problem import Severity
from generator.search import BUNDLE as SEARCH_BUNDLE
from generator.search import Indexing, LaterIndex, SearchError, join_all, stop_all
from generator.searchcache import Copies, index_settings, inputs_of
from generator.searchcopy import searchable
from generator.site import parallel, urls
from generator.site.changes import recent_changes
from generator.site.depends import reuse
from generator.site.i18n import languages, strings, translations
from generator.site.page import body_digest
from generator.site.pages import Site, build_site, safe_value
from generator.snapshots import confidential_now
from generator.textsafe import quote
from generator.today import parse_day, zone
from generator.validation import SCHEMA_DIR
from generator.workspace import Document, release

log = logging.getLogger("mkdocs.plugins.okr")
_site: Site | None = None
_okrs: Path | None = None  # the OKR folder, resolved: nothing in it is copied into the site
_last_readable: dict[str, Document] = {}  # by path in okrs/: what `okr serve` showed last
# help pages translated under docs/<code>/: those kept under <code>/ (another language's) and
# those served at the root in the site's own language
_translated: set[str] = set()
_at_root: set[str] = set()
_theme_env: list[Any] = []  # the theme's Jinja2 environment, for each page's translations
# the site's navigation and documentation pages, for the generated pages written here
_nav: list[Any] = []
_doc_pages: list[Any] = []
_direct = [True]  # whether generated pages outside the nav are written here (_written_here)
_copies: list[Copies] = []  # this build's copies of the searched pages, for Pagefind
_copied: set[str] = set()  # pages (by dest_uri) whose copy was made from their body
_cache: list[Path] = []  # the project's cache folder, when it has one
timings: dict[str, float] = {}  # what the last build's own steps took, for `okr build` to say
THEME, PLUGIN = "okr", "okr"
LANGUAGES = languages()  # one per message catalog (generator/locale)
# The pages of the nav the header names in the site's language (other pages keep their title)
NAV_LABELS = {
    "index.md": "home", "teams.md": "teams", "alignment.md": "alignment", "people.md": "people",
    "archive.md": "archive", "health.md": "health", "changes.md": "changes",
    "exports.md": "exports", "help.md": "help",
}  # fmt: skip
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
    # what the site is made from besides the OKRs: mkdocs.yml, the docs, a theme's custom_dir
    inputs: tuple[Path, ...] = ()
    # digests of what else it reads: the settings as loaded (an INHERIT file's and !ENV
    # values included), and how the search index is made (Pagefind's own settings)
    settings: tuple[str, ...] = ()


def load(config_file: Path, strict: bool = False) -> Project:
    try:
        config = load_config(str(config_file), strict=strict)
    except MkDocsException as exc:
        raise SiteError(f"{config_file}: {exc}") from None
    problem = settings_problem(config)
    if problem:
        raise SiteError(f"{config_file}: {problem}")
    folder = Path(config.config_file_path).resolve().parent
    custom = config.theme.custom_dir
    inputs = (Path(config.config_file_path), Path(config.docs_dir))
    return Project(
        config, folder, Path(config.site_dir), Path(config.docs_dir),
        Path(config.config_file_path), inputs + ((Path(custom),) if custom else ()),
        (_settings(config), index_settings()),
    )  # fmt: skip


def _settings(config: Any) -> str:
    """The settings as MkDocs loaded them, as the theme's frame reads them (a value of no
    known kind makes a digest no other build has: then no build is up to date)."""
    return themecache.digest(*_loaded_settings(config))[0]


def _loaded_settings(config: Any) -> list[Any]:
    """What a build reads of MkDocs' loaded configuration: its values, the plugins with
    theirs, and the theme's."""
    theme = config.theme
    plugins = [(name, type(plugin).__qualname__, dict(getattr(plugin, "config", {}) or {}))
               for name, plugin in config.plugins.items()]  # fmt: skip
    return [
        [(key, value) for key, value in sorted(config.items()) if key not in _NOT_READ],
        plugins,
        theme.name,
        # the locale is a Babel object: by its name
        {key: str(value) if key == "locale" else value for key, value in theme.items()},
    ]


def settings_problem(config: Any) -> str | None:
    """Why this mkdocs.yml cannot build the OKR site, or None. Every other setting MkDocs
    documents works (tests/test_mkdocs_settings.py builds the site with each)."""
    theme = config.theme.name
    if theme != THEME:
        return (
            f"theme {quote(theme or 'none')}: the OKR site needs `theme: {{name: okr}}` (its "
            "pages, charts and escaping are made for it); `theme.custom_dir` can override "
            "its templates"
        )
    if PLUGIN not in config.plugins:
        return "`plugins:` must list `okr`, which makes the OKR pages (plugins: [okr])"
    locale = str(config.theme.get("locale") or "en")
    if locale not in LANGUAGES:
        return f"theme.locale {quote(locale)}: the site speaks {' or '.join(LANGUAGES)}"
    today = config.extra.get(EXTRA_TODAY)
    if today is not None and not _is_day(today):
        return f"extra.{EXTRA_TODAY} must be a date like 2026-11-22, not {quote(today)}"
    return None


def _is_day(value: Any) -> bool:
    try:
        parse_day(str(value))
    except OkrError:
        return False
    return True


def build(
    project: Project,
    into: Path,
    okrs: Path,
    today: str,
    checked: Checked,
    earlier: Path | None = None,
) -> None:
    """Build the site into `into`, from files `okr build` has checked already; a generated
    page with the same bytes as in the `earlier` site is linked to it, not written again."""
    config = project.config
    config.site_dir = str(into)
    config.extra[EXTRA_OKRS] = str(okrs)
    config.extra[EXTRA_TODAY] = today
    config.extra[EXTRA_CHECKED] = checked
    _earlier[:] = [earlier] if earlier is not None else []
    _publishing[0] = True
    try:
        _mkdocs_build(config)
    except MkDocsException as exc:
        raise SiteError(f"the site was not built: {exc}") from None
    finally:
        _earlier.clear()
        _publishing[0] = False


_earlier: list[Path] = []  # the site an earlier build published, while a build runs
# okr serve is running: [the pages its last build wrapped, as themecache records them]
_serving: list[dict[str, tuple[str, str]]] = []
_publishing = [False]  # okr build is running (not okr serve, nor plain mkdocs)
# okr serve: what its last rebuild made each page's search copy from (searchcache.Copies.made):
# a page whose body did not change is not copied again (its kept copy is linked when its bytes
# are still the ones recorded)
_serve_copies: dict[str, tuple[str, str]] = {}


def serve(config_file: Path, address: str | None, okrs: Path, today: str | None) -> None:
    parsecache.keep()  # each rebuild parses only the files whose text changed
    findcache.keep()  # and runs the rules only on files whose findings may have changed
    extra = dict(load(config_file).config.extra)
    extra[EXTRA_OKRS] = str(okrs)
    if today:  # without --today, every rebuild takes the day anew
        extra[EXTRA_TODAY] = today
    where = {"dev_addr": address} if address else {}  # else mkdocs.yml's dev_addr
    _serving[:] = [{}]
    try:
        # the files the checker reads besides the OKRs rebuild the preview too (a new
        # okr-check.yaml or CODEOWNERS is seen from the next start: MkDocs watches paths)
        beside = [str(path) for _name, path in buildstamp.checker_files(okrs) if path.exists()]
        watch = [str(okrs), *beside]
        _mkdocs_serve(str(config_file), livereload=True, watch=watch, extra=extra, **where)
    except MkDocsException as exc:
        raise SiteError(str(exc)) from None
    finally:
        join_all()  # okr serve's last search index (search.LaterIndex)
        # a rebuild stopped by Ctrl-C raises past MkDocs' error event: its aside goes here
        while _earlier:
            shutil.rmtree(_earlier.pop(), ignore_errors=True)
        _serving.clear()
        _serve_copies.clear()


def on_config(config: Any) -> Any:
    global _site, _okrs
    problem = settings_problem(config)
    if problem:  # plain `mkdocs build` comes here without okr build's check of the settings
        raise PluginError(problem)
    project = Path(config.config_file_path).resolve().parent
    if not (Path(config.docs_dir) / "help.md").is_file():
        config.docs_dir = str(HELP_DIR)  # the help pages come with the tool
    okrs = project / str(config.extra.get(EXTRA_OKRS, "okrs"))
    _okrs = okrs.resolve()
    today = config.extra.get(EXTRA_TODAY)
    # okr build hands over what it checked; plain `mkdocs build` and serve rebuilds check here
    checked = config.extra.pop(EXTRA_CHECKED, None)
    handed = isinstance(checked, Checked) and checked.root == okrs
    if not handed:
        checked = check_tree(okrs, today=str(today) if today else None)
    ctx, report = checked.ctx, checked.report
    for problem in report.problems:
        if problem.severity is Severity.ERROR:
            log.warning(problem.format())
        else:
            log.info(problem.format())
    language = _apply_site_settings(config, ctx.org)
    documents, earlier = _with_last_readable(ctx.workspace.documents)
    model = build_model(ctx.org, documents, ctx.today, ctx.settings, ctx.sources.ids)
    model.language = language
    for view in model.periods:  # a file that broke while `okr serve` ran: its last version
        for tp in view.teams.values():
            if tp.source in earlier:
                tp.readable = "earlier"
    cache = cache_folder(project)
    _cache[:] = [cache] if cache is not None else []
    if cache is not None:  # matplotlib's font list too; its own default may not be writable
        os.environ.setdefault("MPLCONFIGDIR", str(cache / "matplotlib"))
    store = ChartStore(cache / "charts" if cache else None)
    schemas = {p.name: p.read_bytes() for p in sorted(SCHEMA_DIR.glob("*.schema.json"))}
    # history is filtered by what is confidential now, as well as at each commit
    secret = confidential_now({d.relative: d.data for d in ctx.workspace.teams}, "")
    changes = recent_changes(okrs, model.today, ctx.org.periods, zone(ctx.org.timezone), secret)
    reused = reuse(cache / "pages" if cache else None, okrs, documents)
    if handed:  # okr build: the pages are made from the model; the files' data can go
        _last_readable.clear()  # (okr serve keeps them, for its next rebuild)
        release(ctx.workspace.teams)
    started = time.perf_counter()
    _site = build_site(
        model, report.problems, store, schemas, changes, config.repo_url,
        directory_urls=bool(config.use_directory_urls),
        edit_base=_edit_base(config, ctx.org, okrs),
        languages=tuple(code for code in ctx.org.site.languages if code in LANGUAGES),
        compiled=_compiled_templates(cache),
        reuse=reused,
    )  # fmt: skip
    config.site_name = model.company
    log.info(f"OKR site: {len(_site.pages)} pages, {store.drawn} charts drawn")
    timings["pages"] = time.perf_counter() - started
    timings["page_count"] = len(_site.pages)
    timings["pages_reused"] = _site.reused
    return config


def _compiled_templates(cache: Path | None) -> Path | None:
    """Where compiled page templates are kept between builds, inside the project's cache."""
    if cache is None:
        return None
    folder = cache / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a cache that cannot be written is only slower
    return folder


def _with_last_readable(documents: list[Document]) -> tuple[list[Document], set[str]]:
    """While `okr serve` runs, a team file that stops loading is shown as it last could be
    read (and says so), instead of vanishing from the preview while its author types."""
    shown, earlier = [], set()
    for doc in documents:
        if doc.kind != "team":
            shown.append(doc)
        elif doc.readable:
            _last_readable[doc.relative] = doc
            shown.append(doc)
        elif doc.relative in _last_readable:
            shown.append(_last_readable[doc.relative])
            earlier.add(doc.relative)
        else:
            shown.append(doc)  # nothing ever read: the model gives it a page that says so
    return shown, earlier


def _apply_site_settings(config: Any, org: Org) -> str:
    """org.yaml's `site:` and `company.language`, where mkdocs.yml does not say otherwise."""
    if not config.site_url and org.site.url:
        config.site_url = org.site.url if org.site.url.endswith("/") else org.site.url + "/"
    if not config.repo_url and org.site.repository:
        config.repo_url = org.site.repository
        config.repo_name = config.repo_name or org.site.repository.rstrip("/").rsplit("/")[-1]
    # the site's language: company.language when written, else theme.locale (en by default)
    language = org.language if org.language_set else str(config.theme.get("locale") or "en")
    # MkDocs would look for the theme's strings in .mo files of its own and warn (fatal under
    # --strict) for any language but English; they come from generator/locale instead,
    # installed into the same Jinja2 i18n extension by on_env and on_page_context
    config.theme["locale"] = parse_locale("en")
    return language


def _edit_base(config: Any, org: Org, okrs: Path) -> str | None:
    """Where "Edit this file" opens a team's file: GitHub's editor on the configured branch."""
    if not config.repo_url or not org.site.edit_links:
        return None
    prefix = okrs_prefix(okrs)
    branch = quote_url(org.site.branch, safe="/")
    return f"{config.repo_url.rstrip('/')}/edit/{branch}/{quote_url(prefix, safe='/')}"


def _inside_okrs(file: File) -> bool:
    """Whether a file of the docs folder is (or reaches) the OKR folder: raw OKR files are
    never published, whatever docs_dir, links or exclude_docs say."""
    if _okrs is None or not file.abs_src_path:
        return False
    try:
        Path(file.abs_src_path).resolve().relative_to(_okrs)
    except ValueError:
        return False
    return True


def on_files(files: Files, config: Any) -> Files:
    assert _site is not None
    _direct[0] = _only_ours(config)
    generated = {urls.url(p.src, bool(config.use_directory_urls)) for p in _site.pages.values()}
    for file in list(files):
        if _inside_okrs(file) and not file.src_uri.endswith(".md"):
            files.remove(file)  # OKR data reaches the site only through the model
        elif file.src_uri not in _site.pages and file.url.lstrip("/") in generated:
            log.info(f"{file.src_uri} is replaced by the generated page at {file.url}")
            files.remove(file)
    for page in _site.pages.values():
        existing = files.get_file_from_path(page.src)
        if existing is not None:
            log.warning(f"docs/{page.src} is replaced by the generated page of the same name")
            files.remove(existing)
        if _written_here(page.src):
            continue  # wrapped in the theme and written by _write_generated
        # the body is swapped for the rendered page, and the title comes from the model
        # (on_page_markdown), never from Markdown that would read `<` in a name as a tag
        top = page.src != urls.SEARCH
        inclusion = InclusionLevel.INCLUDED if top else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.src, content="", inclusion=inclusion))
    for name, data in sorted(_site.files.items()):
        files.append(File.generated(config, name, content=data))
    _place_translations(files, config)
    return files


def _place_translations(files: Files, config: Any) -> None:
    """Help pages translated as docs/<code>/<page>.md: published under <code>/ for another
    language of the site (its pages link to them), served at the root when <code> is the
    site's own language, and left out for a language the site does not speak. A translation
    links to a page not translated yet as `../<page>.md`, which works from both places."""
    assert _site is not None
    _translated.clear()
    _at_root.clear()
    default = _site.languages[0]
    for file in list(files):
        code, _, rest = file.src_uri.partition("/")
        if not rest or code not in LANGUAGES or file.generated_by or _inside_okrs(file):
            continue
        if code not in _site.languages:
            files.remove(file)
        elif code == default and file.is_documentation_page():
            files.remove(file)
            replaced = files.get_file_from_path(rest)
            if replaced is not None:
                files.remove(replaced)
            moved = File.generated(config, rest, abs_src_path=file.abs_src_path)
            moved.inclusion = replaced.inclusion if replaced is not None else moved.inclusion
            files.append(moved)
            _at_root.add(rest)
        elif file.is_documentation_page():
            file.inclusion = InclusionLevel.NOT_IN_NAV  # reached from its language's pages
            _translated.add(file.src_uri)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    assert _site is not None
    generated = _site.pages.get(page.file.src_uri)
    if generated is not None:
        page.meta["title"] = generated.title
        page.title = generated.title  # over the nav's label: the site's language, not mkdocs.yml's
    elif page.file.src_uri in _at_root:  # a translation served at the root: `../x.md` is `x.md`
        markdown = _UP_LINK.sub("](", markdown)
    return markdown


_UP_LINK = re.compile(r"\]\(\.\./(?=[^)\s]+\.md\b)")


def on_page_content(html: str, page: Any, config: Any, files: Files) -> str:
    assert _site is not None
    generated = _site.pages.get(page.file.src_uri)
    if generated is not None:
        return generated.html
    # a help page's tables (the format reference has wide ones) scroll inside themselves on a
    # phone, in a region the keyboard reaches, like the generated pages' tables
    what = strings(_language_of(page.file.src_uri))["scroll_region"]
    label = escape(what.format(what=page.title or ""))
    start = f'<div class="table-wrap" tabindex="0" role="region" aria-label="{label}"><table>'
    return _TABLE.sub(lambda m: f"{start}{m.group(1)}</table></div>", html)


_TABLE = re.compile(r"<table>(.*?)</table>", re.S)  # Markdown's own tables


def on_env(env: Any, config: Any, files: Files) -> Any:
    assert _site is not None
    # MkDocs' theme environment does not autoescape; the site name and page titles come from
    # users' files, so every value is escaped (page.content is marked safe in the theme)
    env.autoescape = True
    env.finalize = safe_value
    env.globals["ui"] = _site.ui  # the theme needs them on every page, 404 included
    env.globals["okr_today"] = _site.model.today.isoformat()
    env.globals["okr_private"] = _site.model.visibility != "public"
    env.globals["okr_labels"] = NAV_LABELS
    env.globals["okr_banner"] = _site.banner
    env.globals["okr_inline_css"] = _inline_css(config)
    env.globals["okr_default_lang"] = _html_lang(_site.languages[0])
    # the 404 page has no language of its own: a bilingual site says it in each
    env.globals["okr_other_languages"] = [
        (_html_lang(code), strings(code)["not_found"], strings(code)["home"], f"{code}/{urls.HOME}")
        for code in _site.languages[1:]
    ]
    env.add_extension("jinja2.ext.i18n")  # MkDocs adds it too when Babel is installed
    env.install_gettext_translations(translations(_site.languages[0]), newstyle=True)
    _theme_env.clear()
    _theme_env.append(env)
    _doc_pages[:] = files.documentation_pages()
    directory = bool(config.use_directory_urls)

    def okr_href(target: str, page: Any = None, base_url: str = "") -> str:
        """A link from the page being rendered to a page of the site (by its source path);
        on pages without a file of their own (404) relative to the site's root."""
        if page is not None and getattr(page, "file", None) is not None:
            src = page.file.src_uri
            language = _language_of(src)
            mine = f"{language}/{target}"  # the same page in this page's language, if made
            page_of = mine.partition("#")[0]
            if language != _site.languages[0] and (
                page_of in _site.pages or page_of in _translated
            ):
                target = mine
            return urls.relative(src, target, directory)
        return f"{base_url.rstrip('/')}/{urls.url(target, directory)}"

    env.globals["okr_href"] = okr_href
    return env


def _inline_css(config: Any) -> Markup:
    """The site's stylesheets as one, for the 404 page (which cannot link them relatively):
    the theme's okr.css (or a custom_dir's) and the state colours. `</` cannot end the
    <style> element early."""
    found = [Path(d) / "assets" / "okr.css" for d in config.theme.dirs]
    sheet = next((p for p in found if p.is_file()), None)
    css = sheet.read_text(encoding="utf-8") if sheet else ""
    css += _site.files.get("assets/states.css", b"").decode() if _site else ""
    return Markup(css.replace("</", "<\\/"))


def _html_lang(language: str) -> str:
    """The `lang` attribute of a page in `language` (Chinese is written in simplified script)."""
    return "zh-Hans" if language == "zh" else language


# each language's name in itself, for the switch between them
ENDONYMS = {"en": "English", "zh": "中文"}


def _language_of(src: str) -> str:
    """A page's language: another language's pages live under `<code>/`."""
    assert _site is not None
    head, _, rest = src.partition("/")
    return head if rest and head in _site.languages[1:] else _site.languages[0]


def _switch(src: str, directory: bool) -> list[tuple[str, str, str, bool]]:
    """(code, name, link, current) for each language of the site: the same page in it, else
    that language's home page."""
    assert _site is not None
    default, here = _site.languages[0], _language_of(src)
    base = src if here == default else src[len(here) + 1 :]
    out = []
    for code in _site.languages:
        target = base if code == default else f"{code}/{base}"
        if code != default and target not in _site.pages and target not in _translated:
            target = f"{code}/{urls.HOME}"
        out.append((code, ENDONYMS.get(code, code), urls.relative(src, target, directory),
                    code == here))  # fmt: skip
    return out


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    assert _site is not None
    generated = _site.pages.get(page.file.src_uri)
    language = _language_of(page.file.src_uri)
    context["ui"] = strings(language)  # over the site's default: this page's language
    context["okr_lang"] = _html_lang(language)
    for env in _theme_env:  # pages are rendered one at a time, each just after this hook
        env.install_gettext_translations(translations(language), newstyle=True)
    base = page.file.src_uri.removeprefix(f"{language}/")
    context["okr_searching"] = generated is not None and base == urls.SEARCH
    context["okr_here"] = base  # the page in the nav's terms: zh/teams.md is Teams too
    if len(_site.languages) > 1:
        context["okr_switch"] = _switch(page.file.src_uri, bool(config.use_directory_urls))
    context["okr_generated"] = generated is not None
    # the help pages and the team and person pages are searched; pages that gather them not
    context["okr_searchable"] = generated.searchable if generated is not None else True
    if generated is not None:
        # MkDocs would point a generated page at a Markdown file that does not exist; a team
        # page's edit link opens its YAML file instead, and other generated pages have none
        page.edit_url = (
            f"{_site.edit_base}/{quote_url(generated.source)}"
            if _site.edit_base and generated.source
            else None
        )
    return context


def on_nav(nav: Any, config: Any, files: Files) -> Any:
    _nav[:] = [nav]
    return nav


def _written_here(src: str) -> bool:
    """The generated pages outside the nav's top level (every period's, person's and other
    language's page: nearly all of a large site) are written by _write_generated, unless
    another plugin is configured."""
    return _direct[0] and "/" in src


def _only_ours(config: Any) -> bool:
    """Whether the okr plugin (or these hooks) is the only plugin: one that gathers every page
    across a build (MkDocs' search, a sitemap) must see each go through MkDocs' own pass, in
    one process."""
    return all(
        isinstance(plugin, OkrPlugin) or getattr(plugin, "__file__", None) == __file__
        for plugin in config.plugins.values()
    )


def _write_generated(config: Any) -> None:
    """Every page _written_here, wrapped in the theme and written in worker processes as
    MkDocs' page pass writes a page: the same context, the same `on_page_context` and
    `on_post_page` events for every plugin, the same bytes. That pass costs about 1.5 ms a
    page in one process (4.5 s of a 1,000-team build), so a page whose wrapping reads what
    it read in the last build is that build's file, linked (themecache.py)."""
    assert _site is not None
    if not _theme_env or not _nav:
        return
    srcs = [src for src in sorted(_site.pages) if _written_here(src)]
    # okr build records the pages it wrapped in the cache and takes them from the site it
    # published; okr serve keeps its own record in memory and takes them from its last
    # build, set aside (its pages would replace the record of the published site)
    themed = None
    if _cache and _publishing[0]:
        themed = themecache.Themed(_cache[0], _frame(config))
    elif _serving:
        # a value the frame cannot see into has one token per process, the same in every
        # rebuild of okr serve: then nothing is taken from the last one
        frame, opaque = _frame_and_opacity(config)
        themed = themecache.Themed(None, frame, {} if opaque else _serving[0])
    # a page not wrapped has no search copy made from it: only when copies come from bodies
    taking = themed is not None and bool(_earlier) and _bodies_are_what_is_searched(config)
    _write_config[:] = [config, themed, taking]
    try:
        wrapped = parallel.each(_write_page, srcs, "Writing pages")
    finally:
        _write_config.clear()
    if themed is not None:
        record = themed.save(written for written, _again in wrapped if written is not None)
        if _serving:
            _serving[0] = record
    timings["pages_wrapped"] = sum(again for _written, again in wrapped)


def _frame(config: Any) -> str:
    """What wrapping any generated page in the theme reads besides the page (themecache.py)."""
    return _frame_and_opacity(config)[0]


def _frame_and_opacity(config: Any) -> tuple[str, bool]:
    """The frame, and whether it holds a value of no known kind."""
    assert _site is not None
    parts = (
        buildstamp.tool(),
        *_loaded_settings(config),
        [buildstamp.tree(Path(folder)) for folder in config.theme.dirs],
        _navigation(_nav[0].items),
        [(f.src_uri, f.url, str(getattr(f.page, "title", ""))) for f in _doc_pages],
        dict(_theme_env[0].globals),
        sorted(_site.pages), sorted(_translated), _site.languages, _site.edit_base,
    )  # fmt: skip
    frame, opaque = themecache.digest(*parts)
    if opaque:
        log.info("the theme's inputs hold a value of no known kind: every page is wrapped again")
    return frame, opaque


def _navigation(items: Any) -> list[Any]:
    """The navigation as the theme reads it: each item's kind, title, address and children."""
    return [
        [item.is_section, item.is_page, item.is_link, str(item.title or ""),
         str(getattr(item, "url", "") or ""),
         str(getattr(getattr(item, "file", None), "src_uri", "") or ""),
         _navigation(getattr(item, "children", None) or [])]
        for item in items
    ]  # fmt: skip


# configuration no generated page's wrapping reads: the folder being built (new each build),
# the plugins and the theme (in the frame on their own), which documentation pages are left
# out (the navigation and the documentation pages are in the frame)
_NOT_READ = ("site_dir", "plugins", "theme", "not_in_nav", "exclude_docs", "draft_docs")
# what _write_page writes with (in a worker too): the configuration, the pages the last build
# wrapped, and whether a page may be taken from it
_write_config: list[Any] = []


def _write_page(src: str) -> tuple[tuple[str, str, str] | None, bool]:
    """Write one page; what to record of it for okr build's next run (its path, key and
    the stamp of its file), and whether it was wrapped in the theme (not taken from the last
    build)."""
    assert _site is not None
    config, themed, taking = _write_config
    nav, env = _nav[0], _theme_env[0]
    generated = _site.pages[src]
    file = File.generated(config, src, content="", inclusion=InclusionLevel.NOT_IN_NAV)
    parts = file.dest_uri.split("/")
    target = Path(file.abs_dest_path)
    key = themed.key(generated) if themed is not None else ""
    earlier = _earlier[0].joinpath(*parts) if _earlier and ".." not in parts else None
    if taking and earlier is not None:
        taken = themed.take(file.dest_uri, key, earlier, target)
        if taken is not None:
            return (file.dest_uri, key, taken), False
    page = MkDocsPage(generated.title, file, config)
    page.content = generated.html
    page.meta["title"] = generated.title
    config._current_page = page
    page.active = True
    try:
        context = get_context(nav, _doc_pages, config, page)
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        output = env.get_template(page.meta.get("template", "main.html")).render(context)
        output = config.plugins.on_post_page(output, page=page, config=config)
        data = output.encode("utf-8", errors="xmlcharrefreplace")
        if not (earlier is not None and outputs.link_if_same(data, target, earlier)):
            mkdocs_utils.write_file(data, file.abs_dest_path)
    finally:
        page.active = False
        config._current_page = None
    if themed is None:
        return None, True
    return (file.dest_uri, key, outputs.file_stamp(target)), True


def on_pre_build(config: Any) -> None:
    timings["pages_wrapped"] = 0
    timings["search_index_kept"] = 0
    join_all()  # okr serve's last search index is in place before anything moves
    if _serving and _serving[0] and not _publishing[0]:
        # MkDocs empties the site folder next: okr serve's last build is moved aside first,
        # for the pages whose wrapping did not change to be linked from it
        aside = outputs.set_aside(Path(config.site_dir))
        _earlier[:] = [aside] if aside is not None else []
    _forget_search_pages()
    _copies.append(Copies(_cache[0] if _cache else None, _serve_copies if _serving else {}))


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Each written page that is searched, as Pagefind needs it, beside the site."""
    if not _copies or page.file.dest_uri in _copied:
        return output
    copy = searchable(output)
    if copy is not None:
        _copies[0].put(page.file.dest_uri, copy)
    return output


def on_post_build(config: Any) -> None:
    """The pages _written_here, and the search index of the pages just written (okr build
    and every okr serve rebuild alike) into the site's pagefind/: Pagefind starts first, on
    copies of the generated pages' bodies, and indexes while the theme wraps them."""
    indexing = None
    output = Path(config.site_dir) / SEARCH_BUNDLE
    # okr serve, with an index from its last build: that one is served until the new one is
    # made, and the rebuild does not wait for Pagefind
    later = _serving and not _publishing[0] and _earlier and _moved(_earlier[0], output)
    reused = False
    try:
        if later:
            if _copies and _bodies_are_what_is_searched(config):
                _copy_bodies(config)  # (else made as MkDocs wrote each page)
            _write_generated(config)
            if _copies:
                reused = _copies[0].reuse_index(output)
                if not reused:
                    LaterIndex(_copies[0].folder, output, _copies[0])
                    _copies.pop()  # the index's now: it keeps or drops them
        else:
            # the copies made from the bodies: Pagefind starts now, while the pages are
            # wrapped (else the copies are made as MkDocs writes each page, and it starts after)
            early = bool(_copies) and _bodies_are_what_is_searched(config)
            if early:
                _copy_bodies(config)
                indexing = _index_unless_kept(output)
            _write_generated(config)
            if _copies:
                if not early:
                    indexing = _index_unless_kept(output)
                reused = indexing is None
                if indexing is not None:
                    indexing.wait()
                    indexing = None
                    _copies.pop().keep(output)
    except SearchError as exc:
        raise PluginError(str(exc)) from None
    finally:
        if indexing is not None:
            indexing.stop()
        _forget_search_pages()
        _drop_aside()
    timings["search_index_kept"] = int(reused)  # no searched text changed
    if _serving and _site is not None:  # what a rebuild did again, for whoever waits on it
        log.info(
            f"Pages: {len(_site.pages)}, {len(_site.pages) - _site.reused} made again, "
            f"{int(timings.get('pages_wrapped', 0))} wrapped in the theme"
            + (", the search index as it was" if reused else "")
        )


def _index_unless_kept(output: Path) -> Indexing | None:
    """Pagefind at work on this build's copies, or None when the kept index is put at
    `output` instead (nothing searched changed)."""
    if _copies[0].reuse_index(output):
        return None
    return Indexing(_copies[0].folder, output)


def _bodies_are_what_is_searched(config: Any) -> bool:
    """Whether a generated page's body is all Pagefind reads of it once wrapped: the pages
    are written here, in this theme's main.html (a custom_dir's main.html could add
    anything inside <main>; then each page is copied as written)."""
    custom = config.theme.custom_dir
    return _direct[0] and not (custom and (Path(custom) / "main.html").exists())


def _copy_bodies(config: Any) -> None:
    """The search copy of each generated page _written_here, from its body as the theme's
    main.html places it (after the banner) and its language and title as the theme writes
    them."""
    assert _site is not None
    site = _site
    directory = bool(config.use_directory_urls)

    banner = body_digest(site.banner)

    def copy_one(src: str) -> tuple[str, str, str] | None:
        generated = site.pages[src]
        dest = File(src, config.docs_dir, config.site_dir, directory).dest_uri
        title = f"{generated.title} · {config.site_name}"
        lang = _html_lang(_language_of(src))
        inputs = inputs_of(lang, title, banner, generated.digest)
        return _copies[0].put_body(
            dest, lang, title, inputs, lambda: f"{site.banner}\n{generated.html}"
        )

    # in worker processes when there are many (each copy is its own file): 0.7 s in one
    # process at 1,000 teams, before Pagefind can start
    srcs = [src for src in sorted(site.pages) if _written_here(src) and site.pages[src].searchable]
    for made in parallel.each(copy_one, srcs, "Copying pages"):
        if made is not None:
            dest, inputs, digest = made
            _copied.add(dest)
            _copies[0].made[dest] = (inputs, digest)
    if _serving:
        _serve_copies.clear()
        _serve_copies.update(_copies[0].made)


def on_build_error(error: Exception) -> None:
    _forget_search_pages()
    _drop_aside()
    if _serving:
        _serving[0] = {}  # what the failed build left is no record
        _serve_copies.clear()


def _moved(earlier: Path, output: Path) -> bool:
    """Whether the last build's search index is now at `output` (else it is made anew)."""
    try:
        os.rename(earlier / SEARCH_BUNDLE, output)
    except OSError:
        return False
    return True


def on_shutdown() -> None:
    """okr serve ends (MkDocs removes the preview's folder next): Pagefind stops."""
    stop_all()


def _drop_aside() -> None:
    """okr serve's last build, set aside for this one (okr build's earlier site is the
    published one: never removed here)."""
    if _serving and _earlier and not _publishing[0]:
        shutil.rmtree(_earlier.pop(), ignore_errors=True)


def _forget_search_pages() -> None:
    while _copies:
        _copies.pop().drop()
    _copied.clear()


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

    def on_nav(self, nav: Any, *, config: Any, files: Files) -> Any:
        return on_nav(nav, config, files)

    def on_env(self, env: Any, *, config: Any, files: Files) -> Any:
        return on_env(env, config, files)

    def on_page_context(
        self, context: dict[str, Any], *, page: Any, config: Any, nav: Any
    ) -> dict[str, Any]:
        return on_page_context(context, page, config, nav)

    def on_pre_build(self, *, config: Any) -> None:
        on_pre_build(config)

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        return on_post_page(output, page, config)

    def on_post_build(self, *, config: Any) -> None:
        on_post_build(config)

    def on_build_error(self, *, error: Exception) -> None:
        on_build_error(error)

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        return on_serve(server, config, builder)

    def on_shutdown(self) -> None:
        on_shutdown()
