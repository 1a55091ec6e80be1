"""Every page of the site, rendered from the model with the Jinja2 templates in
`site_templates/pages/`. Autoescaping is on for every template; user Markdown reaches a page
only through `richtext`, and no user string is ever used as a template."""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote as quote_url

from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    select_autoescape,
)
from markupsafe import Markup, escape

from .. import alignment, charts, grading, numbers, richtext, status, svgchart
from ..model import KeyResult, Model, Objective, PeriodView, TeamPeriod
from ..okrdiff import Change
from ..problem import Problem, Severity
from ..textsafe import markup_text
from . import checkin_rows, depends, exports, figures, kr_article, parallel, tree, urls
from .changes import Entry
from .checkin_line import check_in_line
from .depends import Reuse
from .diagram import alignment_svg
from .health_rows import health_rows
from .i18n import counted, day_text, said, said_change, strings
from .jobcache import JobCache, prune
from .page import Job, Page
from .people_pages import PeoplePages
from .period_pages import PeriodPages, running

# generator/pages links to site_templates/pages (a wheel carries a copy)
TEMPLATES = Path(__file__).resolve().parent.parent / "pages"
MAX_CRUMBS = 6  # the nearest parent teams a team page links to (a chain may be longer)
# where a team job leaves its part of okrs.json and okrs.csv among the files it made: a name
# no file of the site can have (a NUL), taken out before anything is written
EXPORT_PART = "\0exports/"
MAX_BANNER = 20  # errors listed on every page (the terminal and the health page list all)


@dataclass
class Site:
    model: Model
    ui: dict[str, str]
    pages: dict[str, Page] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    edit_base: str | None = None  # where a team page's "Edit this file" link points
    # the errors in the OKR files, on every page (okr serve)
    banner: Markup = field(default_factory=Markup)
    languages: tuple[str, ...] = ()  # the default first; each other one's pages under <code>/
    reused: int = 0  # pages taken as the last build made them (site/jobcache.py)


def safe_value(value: Any) -> Any:
    """Every `{{ value }}` of a template: text with valid characters and isolated directions
    (markup already made safe, such as sanitized Markdown, passes as it is)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return markup_text(value)
    return value


@functools.cache
def environment(compiled: Path | None = None) -> Environment:
    """The page templates' environment, one per process: a build in two languages compiles
    them once. `compiled`: a folder where compiled templates are kept between builds (the
    project's cache; compiling is most of a small company's build)."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        bytecode_cache=FileSystemBytecodeCache(str(compiled)) if compiled else None,
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=safe_value,
    )
    env.filters["md"] = richtext.to_html
    env.filters["md_inline"] = richtext.to_inline_html
    env.globals["check_in_line"] = check_in_line
    return env


fmt_number = numbers.show


class Builder(PeriodPages, PeoplePages):
    def __init__(
        self,
        model: Model,
        problems: list[Problem],
        store: charts.ChartStore,
        schemas: dict[str, bytes],
        changes: list[Entry] | None = None,
        repo_url: str | None = None,
        directory_urls: bool = False,
        edit_base: str | None = None,
        language: str | None = None,
        compiled: Path | None = None,
        reuse: Reuse | None = None,
    ) -> None:
        """`language`: the site's language for these pages (the model's by default); another
        language's pages live under `<language>/`. `reuse`: where the pages of the last build
        are kept, to be taken again when nothing they show changed."""
        self.language = language or model.language
        self.prefix = "" if self.language == model.language else f"{self.language}/"
        self.edit_base = edit_base
        self.directory_urls = directory_urls
        self.changes = changes
        self.repo_url = repo_url.rstrip("/") if repo_url else None
        self.model = model
        self.problems = problems
        self.store = store
        self.ui = strings(self.language)
        self.site = Site(model, self.ui)
        self.labels = kr_article.Labels(self.ui, self.text, self.pct, self.score_text)
        self.env = environment(compiled)
        self.schemas = schemas
        self.reuse = reuse
        self.kept: set[str] = set()  # the entries of the job cache this builder's jobs have
        # what the checker found, by file, without what concerns a confidential objective
        self.findings: dict[str, list[Problem]] = defaultdict(list)
        for problem in problems:
            if not problem.confidential:
                self.findings[problem.path].append(problem)

    # ---- helpers shared by the templates ----------------------------------------------------

    def pct(self, value: float | None) -> str:
        if value is None:
            return "–"
        sep = "" if self.language == "zh" else " "
        return f"{round(value * 100)}{sep}%"

    def text(self, key: str, **values: Any) -> str:
        """An interface string with its values; a counted one in the form `n` needs."""
        n = values.get("n")
        form = counted(self.language, key, n) if isinstance(n, int) else None
        return (form or self.ui[key]).format(**values)

    def day_text(self, day: date) -> str:
        return day_text(day, self.language)

    def said(self, item: Problem | Change) -> Markup:
        """What the checker found, or a sentence of what changed, in this page's language;
        one that has no translation yet keeps its English, marked as English for screen
        readers and the browser's translation."""
        english = item.message if isinstance(item, Problem) else item.text
        text = (
            said(item, self.language)
            if isinstance(item, Problem)
            else said_change(item, self.language)
        )
        shown = escape(safe_value(text))
        if self.language != "en" and text == english:
            return Markup('<span lang="en">{}</span>').format(shown)
        return Markup(shown)

    def score_text(self, value: float | None) -> str:
        """A score as the site writes it: two decimals, like the grades people give."""
        return numbers.MISSING if value is None else str(grading.rounded(value))

    def kr_chart(self, view: PeriodView, kr: KeyResult, ids: str) -> charts.Chart | None:
        return figures.kr_chart(self, view, kr, ids)

    def href(self, src: str, to: str) -> str:
        """A link from page `src` to `to`: another language's pages link within their own tree;
        the help pages, charts, exports and assets are shared."""
        target = self.prefix + to if urls.generated(to.partition("#")[0]) else to
        return urls.relative(self.prefix + src, target, self.directory_urls)

    def context(self, src: str) -> dict[str, Any]:
        """What every page's template gets, for page `src`."""

        def link(to: str) -> str:
            return self.href(src, to)

        def chart(item: charts.Chart | None, css: str = "chart") -> Markup:
            return figures.figure(item, link, css)

        def check_in_rows(kr: KeyResult, columns: tuple[str, ...]) -> Markup:
            return checkin_rows.rows(self.model, kr, self.ui, link, columns)

        def check_in_columns(kr: KeyResult) -> tuple[str, ...]:
            return checkin_rows.columns(self.model, kr)

        def check_in_author(kr: KeyResult) -> Markup:
            return checkin_rows.author_line(self.model, kr, self.ui, link)

        return {
            "m": self.model,
            "ui": self.ui,
            "t": self.text,
            "pct": self.pct,
            "num": fmt_number,
            "link": link,
            "check_in_rows": check_in_rows,
            "check_in_columns": check_in_columns,
            "check_in_author": check_in_author,
            "score": self.score_text,
            "day_text": self.day_text,
            "said": self.said,
            "urls": urls,
            "chart": chart,
            "src": src,
            "today": self.model.today,
        }

    def render(
        self, src: str, template: str, title: str, source: str | None = None, **context: Any
    ) -> None:
        html = self.env.get_template(template).render(
            **self.context(src), page_title=title, **context
        )
        here = self.prefix + src
        self.site.pages[here] = Page(here, title, html, source, _searchable(src))

    # ---- pages ------------------------------------------------------------------------------

    def build(self, files: bool = True) -> Site:
        """Every page; with `files`, the shared files too (charts, exports, stylesheet)."""
        model = self.model
        jobs: list[Job] = []
        for view in model.periods:
            jobs += [("dashboard", (urls.period_home(view.id), view.id)),
                     ("alignment", (urls.alignment(view.id), view.id)),
                     ("state_lists", (view.id,))]  # fmt: skip
            if running(view, model.today):
                jobs.append(("attention", (view.id,)))
        jobs += [("team", (v.id, tid)) for v in model.periods for tid in v.teams]
        current = model.current
        if current is not None:
            jobs += [("dashboard", (urls.HOME, current.id)),
                     ("alignment", (urls.ALIGNMENT, current.id))]  # fmt: skip
        else:
            jobs += [("empty", (urls.HOME, model.company)),
                     ("empty", (urls.ALIGNMENT, self.ui["alignment"]))]  # fmt: skip
        jobs += [("teams_index", ()), ("people_index", ())]
        jobs += [("person", (person.id,)) for person in self._people]
        jobs += [("archive", ()), ("health", ()), ("what_changed", ()), ("exports", ()),
                 ("search", ())]  # fmt: skip
        self.make(jobs)
        if not self.prefix:
            self._exports()
        self.site.banner = self.banner()
        self.site.files["assets/states.css"] = (
            status.stylesheet() + svgchart.stylesheet()
        ).encode()
        if model.visibility != "public":  # private unless chosen public: not for crawlers
            self.site.files["robots.txt"] = b"User-agent: *\nDisallow: /\n"
        if files:
            self.site.files.update(self.store.files())
        return self.site

    def banner(self) -> Markup:
        """The errors in the OKR files (`okr serve` and plain `mkdocs serve` build despite
        them; `okr build` does not publish them), shown on every page."""
        errors = [p for ps in self.findings.values() for p in ps if p.severity is Severity.ERROR]
        if not errors:
            return Markup("")
        template = self.env.get_template("_banner.html")
        return Markup(template.render(ui=self.ui, t=self.text, errors=sorted(errors)[:MAX_BANNER],
                                      total=len(errors), said=self.said))  # fmt: skip

    def make(self, jobs: list[Job]) -> None:
        if self.reuse is None:
            parallel.make(self, jobs)
            return
        shared = depends.digest(self.reuse.inputs, depends.company(self.model), self.prefix,
                                self.directory_urls, self.edit_base, self.repo_url)  # fmt: skip
        keys = depends.Depends(self.model, shared, self.reuse.texts, self.findings, self._owned)
        cache = JobCache(self.reuse.folder, self.prefix)
        parallel.make(self, jobs, [keys.key(job) for job in jobs], cache)
        self.kept = cache.names(jobs)
        self.site.reused = cache.reused

    def before_fork(self) -> None:
        self._owned  # noqa: B018 (computed once, before the fork, for every person page)

    def do(self, job: Job) -> None:
        """One job: the pages it names, from ids (a job crosses to a worker process)."""
        name, args = job
        if name == "team":
            view = self._view(args[0])
            self.team(view, view.teams[args[1]])
        elif name in ("dashboard", "alignment"):
            getattr(self, name)(args[0], self._view(args[1]))
        elif name in ("state_lists", "attention"):
            getattr(self, name)(self._view(args[0]))
        elif name == "person":
            self.person(self.model.people[args[0]])
        elif name == "empty":
            self.render(args[0], "empty.html", args[1])
        elif name == "search":
            root = urls.relative(self.prefix + urls.SEARCH, urls.HOME, self.directory_urls)
            self.render(urls.SEARCH, "search.html", self.ui["search"], site_root=root)
        else:
            getattr(self, name)()

    def _view(self, period: str) -> PeriodView:
        view = self.model.period(period)
        assert view is not None
        return view

    def team(self, view: PeriodView, tp: TeamPeriod) -> None:
        src = urls.team_page(view.id, tp.team.id)
        kr_charts = {
            (o.id, kr.id): self.kr_chart(view, kr, urls.chart_ids(o.id, kr.id))
            for o, kr in tp.key_results()
        }
        ancestors, seen = [], {tp.team.id}
        parent = tp.team.parent
        while parent and parent not in seen and len(ancestors) < MAX_CRUMBS:
            seen.add(parent)
            ancestors.insert(0, self.model.teams[parent])
            parent = self.model.teams[parent].parent
        other_periods = [v for v in self.model.periods if tp.team.id in v.teams]
        edit_url = f"{self.edit_base}/{quote_url(tp.source)}" if self.edit_base else None
        link = functools.partial(self.href, src)
        if not self.prefix:  # its part of the exports, kept with the page in the job cache
            part = f"{EXPORT_PART}{view.id}/{tp.team.id}/"
            self.site.files[part + "json"] = exports.team_json(tp)
            self.site.files[part + "csv"] = exports.team_rows(view, tp).encode("utf-8")
        page = kr_article.TeamPage(self.model, view, tp, link, edit_url, kr_charts)
        self.render(
            src,
            "team.html",
            f"{tp.team.name} · {view.name}",
            source=tp.source,
            view=view,
            tp=tp,
            own_findings=sorted(self.findings.get(f"okrs/{tp.source}", [])),
            edit_url=edit_url,
            kr_article=kr_article.Writer(self.labels, page),
            ancestors=ancestors,
            other_periods=other_periods,
            children=[self.model.teams[c] for c in tp.team.children],
            finished=view.finished,
        )

    def alignment(self, src: str, view: PeriodView) -> None:
        # the kinds come from alignment.classify (through the model), like everywhere else
        objectives = [o for tp in view.teams.values() for o in tp.objectives]
        annual: dict[str, tuple[Objective, list[Objective]]] = {}
        for o in objectives:
            if o.kind is alignment.Kind.OUTSIDE:
                for link in o.supports:
                    annual.setdefault(link.target.key, (link.target, []))[1].append(o)
        roots = [o for o in objectives if o.kind is alignment.Kind.COMPANY]
        bottom_up = [o for o in objectives if o.kind is alignment.Kind.BOTTOM_UP]

        def node_link(o: Objective) -> str:
            return self.href(src, urls.objective_link(o.period, o.team, o.id))

        svg, drawn = alignment_svg(view, self.model, annual, roots, self.ui, node_link)
        self.render(
            src,
            "alignment.html",
            f"{self.ui['alignment']} · {view.name}",
            view=view,
            annual=[
                (target, tree.rows(supporters, view.id)) for target, supporters in annual.values()
            ],
            roots=tree.rows(roots, view.id),
            bottom_up=tree.rows(bottom_up, view.id),
            diagram=Markup(svg),
            drawn=drawn,
            total=len(objectives),
            periods=self.model.periods,
        )

    def teams_index(self) -> None:
        by_team: dict[str, list[PeriodView]] = defaultdict(list)
        for view in self.model.periods:
            for tid in view.teams:
                by_team[tid].append(view)
        self.render(urls.TEAMS, "teams.html", self.ui["teams"], by_team=by_team)

    def archive(self) -> None:
        finished = [v for v in self.model.periods if v.finished]
        grade_charts = {}
        for view in finished:
            committed, aspirational = [], []
            for tp in view.teams.values():
                for _o, kr in tp.key_results():
                    (committed if kr.type == "committed" else aspirational).append(kr.score)
            labels = {
                "committed": self.ui["committed"],
                "aspirational": self.ui["aspirational"],
                "healthy": "0.7",
                "committed_goal": "1.0",
            }
            graded, total = view.graded_count
            description = (
                f"{len(committed)} {self.ui['committed']}, {len(aspirational)} "
                f"{self.ui['aspirational']}; " + self.text("graded_of", graded=graded, total=total)
            )
            grade_charts[view.id] = self.store.add(
                charts.grades_spec(
                    f"{self.ui['kr_grades']} · {view.name}",
                    description,
                    committed,
                    aspirational,
                    labels,
                )
            )
        self.render(
            urls.ARCHIVE,
            "archive.html",
            self.ui["archive"],
            finished=finished,
            grade_charts=grade_charts,
        )

    def health(self) -> None:
        rows, hidden = health_rows(self.model, self.problems)
        self.render(
            urls.HEALTH,
            "health.html",
            self.ui["health"],
            rows=rows,
            current=self.model.current,
            hidden_findings=hidden,
            policy=self.model.policy,
        )

    def what_changed(self) -> None:
        def commit_url(sha: str) -> str | None:
            return f"{self.repo_url}/commit/{sha}" if self.repo_url else None

        self.render(
            urls.CHANGES,
            "changes.html",
            self.ui["changes"],
            entries=self.changes,
            commit_url=commit_url,
        )

    def _exports(self) -> None:
        """okrs.json and okrs.csv, from the parts each team page's job made (or kept)."""
        json_parts: dict[tuple[str, str], bytes] = {}
        csv_parts: dict[tuple[str, str], bytes] = {}
        for name in [name for name in self.site.files if name.startswith(EXPORT_PART)]:
            period, team, kind = name[len(EXPORT_PART) :].rsplit("/", 2)
            parts = json_parts if kind == "json" else csv_parts
            parts[(period, team)] = self.site.files.pop(name)
        self.site.files["okrs.json"] = exports.to_json(self.model, json_parts)
        self.site.files["okrs.csv"] = exports.to_csv(self.model, csv_parts)

    def exports(self) -> None:
        if not self.prefix:  # the files are shared: another language's page links to them
            for name, data in sorted(self.schemas.items()):
                self.site.files[f"schema/{name}"] = data
        self.render(urls.EXPORTS, "exports.html", self.ui["exports"], schemas=sorted(self.schemas))


def _searchable(src: str) -> bool:
    """Team and person pages and their indexes: where a search result should lead."""
    return src in (urls.TEAMS, urls.PEOPLE) or src.startswith("people/") or "/teams/" in src


def build_site(
    model: Model,
    problems: list[Problem],
    store: charts.ChartStore,
    schemas: dict[str, bytes],
    changes: list[Entry] | None = None,
    repo_url: str | None = None,
    directory_urls: bool = False,
    edit_base: str | None = None,
    languages: tuple[str, ...] = (),
    compiled: Path | None = None,
    reuse: Reuse | None = None,
) -> Site:
    """The site in the model's language, and under `<code>/` in each other of `languages`
    (their charts in the same store, drawn once at the end)."""
    others = [code for code in languages if code != model.language]
    pages: dict[str, Page] = {}
    kept: set[str] = set()
    reused = 0
    for code in others:
        builder = Builder(model, problems, store, schemas, changes, repo_url, directory_urls,
                          edit_base, language=code, compiled=compiled, reuse=reuse)  # fmt: skip
        made = builder.build(files=False)
        pages.update(made.pages)
        reused += made.reused
        kept |= builder.kept
    main = Builder(model, problems, store, schemas, changes, repo_url, directory_urls,
                   edit_base, compiled=compiled, reuse=reuse)  # fmt: skip
    site = main.build()
    site.pages.update(pages)
    site.edit_base = edit_base
    site.languages = (model.language, *others)
    site.reused += reused
    if reuse is not None:
        prune(reuse.folder, kept | main.kept)
    return site
