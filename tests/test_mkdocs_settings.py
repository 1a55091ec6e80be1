"""The settings MkDocs documents for mkdocs.yml, as a company may change them: each one works
(every link of the built site resolves, pages render) or is refused with one clear line.
And no id a user picks can take the place of a page, an asset or a folder of the site."""

from __future__ import annotations

import gzip
import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import ROOT, TODAY, run_okr
from helpers import PLATFORM

PF = "okrs/2026-Q4/platform.yaml"
BASE = (ROOT / "mkdocs.yml").read_text().split("\nwatch:")[0]


def config(folder: Path, *changes: tuple[str, str], extra: str = "") -> Path:
    """This project's mkdocs.yml with `changes` (old line, new line) and `extra` lines."""
    text = BASE.replace("docs_dir: docs", f"docs_dir: {ROOT / 'docs'}")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new)
    path = folder / "mkdocs.yml"
    path.write_text(text + "\n" + extra)
    return path


def build(company, cfg: Path, out: Path, *args: str):
    return run_okr("build", "--okrs", str(company.root / "okrs"), "--today", TODAY,
                   "--config", str(cfg), "--out", str(out), *args, cwd=ROOT)  # fmt: skip


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in ("href", "src") and value and tag != "base":
                self.links.append(value)


def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def broken_links(site: Path) -> list[str]:
    """Every relative link of every page that leads to no file (or to no such anchor)."""
    pages = {p: parse(p) for p in site.rglob("*.html")}
    broken = []
    for page, parsed in pages.items():
        if page.name == "404.html":
            continue  # served at any address: its links are absolute (tested on their own)
        for link in parsed.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith(("//", "mailto:")) or not (parts.path or
                                                                            parts.fragment):  # fmt: skip
                continue
            if parts.path.startswith("/"):
                broken.append(f"{page.relative_to(site)}: absolute {link}")
                continue
            target = (page.parent / unquote(parts.path)) if parts.path else page
            target = Path(posixpath.normpath(target.as_posix()))
            if parts.path.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.is_file() or site.resolve() not in target.resolve().parents:
                broken.append(f"{page.relative_to(site)}: {link}")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page.relative_to(site)}: {link} (no such anchor)")
    return broken


# ---- both URL styles --------------------------------------------------------------------------


@pytest.mark.parametrize("directory", [False, True], ids=["file-urls", "directory-urls"])
def test_every_link_resolves_in_both_url_styles(tmp_path, directory):
    cfg = config(tmp_path, ("use_directory_urls: false",
                            f"use_directory_urls: {str(directory).lower()}"))  # fmt: skip
    out = tmp_path / "site"
    result = run_okr("build", "--today", TODAY, "--config", str(cfg), "--okrs",
                     str(ROOT / "okrs"), "--out", str(out), cwd=ROOT)  # fmt: skip
    assert result.code == 0, result.err
    assert (out / ("teams/index.html" if directory else "teams.html")).is_file()
    pages = list(out.rglob("*.html"))
    assert len(pages) > 40
    assert broken_links(out) == []
    # the 404 page is served at any address: its links start at the site's root
    for link in parse(out / "404.html").links:
        assert link.startswith(("/", "http", "#")), link


# ---- ids that equal the site's own names --------------------------------------------------------

RESERVED = ["index", "readme", "assets", "charts", "search", "404", "teams", "people", "periods",
            "help", "guide", "rules", "format", "checking", "editor", "exports", "exports-format",
            "alignment", "archive", "health", "changes", "okrs", "schema", "sitemap", "robots",
            "pagefind", "site"]  # fmt: skip


def _team_file(team: str, period: str, owner: str, title: str) -> str:
    return (
        f"team: '{team}'\nperiod: '{period}'\nobjectives:\n  - id: O1\n    title: {title}\n"
        f"    owner: '{owner}'\n    aligns_with: []\n    key_results:\n"
        "      - {id: KR1, title: Reach 10 users, metric: {start: 0, target: 10},"
        " check_ins: [{date: 2026-11-20, value: 3}]}\n"
        "      - {id: KR2, title: Reach 20 users, metric: {start: 0, target: 20},"
        " check_ins: [{date: 2026-11-20, value: 3}]}\n"
    )


def _reserved_company(root: Path, kind: str) -> dict[str, str]:
    """A company whose teams, people or custom periods are named like the site's own pages;
    returns, by each one's page (its source path), the text that page must show."""
    from generator.site import urls

    teams = RESERVED if kind == "team" else ["t1"]
    people = RESERVED if kind == "person" else []
    # custom period ids may hold capitals (MkDocs' index names are `index` and `README`); ids
    # equal but for letter case are refused (unique-ids), so each name is tried once
    lower = [p for p in RESERVED if p not in ("index", "readme")]
    periods = [*lower, "Index", "README"] if kind == "period" else []
    org = "company: {name: Co}\nteams:\n  - {id: acme, name: Co, lead: boss}\n"
    org += "".join(f"  - {{id: '{t}', name: 'Team {t}', parent: acme}}\n" for t in teams)
    org += "people:\n  - {id: boss, name: Boss}\n"
    org += "".join(f"  - {{id: '{p}', name: 'Person {p}'}}\n" for p in people)
    if periods:
        org += "periods:\n" + "".join(
            f"  - {{id: '{p}', start: 2026-10-01, end: 2026-12-31}}\n" for p in periods
        )
    (root / "okrs").mkdir(parents=True)
    (root / "okrs/org.yaml").write_text(org)
    expected: dict[str, str] = {}
    for period in ["2026-Q4", *periods]:
        (root / "okrs" / period).mkdir()
        for index, team in enumerate(["acme", *teams]):
            owner = people[index % len(people)] if people else "boss"
            title = f"Be great {team} in {period}"
            (root / f"okrs/{period}/{team}.yaml").write_text(_team_file(team, period, owner, title))
            expected[urls.team_page(period, team)] = title
        expected[urls.period_home(period)] = f"· {period}<"
    for person in people:
        expected[urls.person(person)] = f"<h1>Person {person}</h1>"
    assert len(expected) == len(set(expected))
    return expected


@pytest.mark.parametrize("directory", [False, True], ids=["file-urls", "directory-urls"])
@pytest.mark.parametrize("kind", ["team", "person", "period"])
def test_no_id_takes_the_place_of_a_page_of_the_site(tmp_path, kind, directory):
    from conftest import Company

    from generator.site import urls

    root = tmp_path / "co"
    expected = _reserved_company(root, kind)
    company = Company.__new__(Company)
    company.root = root
    cfg = config(tmp_path, ("use_directory_urls: false",
                            f"use_directory_urls: {str(directory).lower()}"))  # fmt: skip
    out = tmp_path / "site"
    result = build(company, cfg, out)
    assert result.code == 0, result.err
    files = {}
    for src, text in expected.items():
        page = urls.url(src, directory)
        path = out / (page + "index.html" if page.endswith("/") or not page else page)
        assert path.is_file(), src
        assert text in path.read_text(encoding="utf-8"), (src, text)
        files[path] = src
    assert len(files) == len(expected)  # every page a file of its own
    html = {p: p.read_text(encoding="utf-8") for p in out.rglob("*.html")}
    # the site's own pages and files are all still there, and still themselves
    people_index = out / ("people/index.html" if directory else "people.html")
    assert "<h1>People</h1>" in html[people_index]
    teams_index = out / ("teams/index.html" if directory else "teams.html")
    assert "<h1>Teams</h1>" in html[teams_index]
    for name in ("assets/okr.css", "assets/states.css", "okrs.json", "okrs.csv", "404.html",
                 "schema/okr-file.schema.json"):  # fmt: skip
        assert (out / name).is_file(), name
    assert (out / "assets/okr.css").read_bytes() == (
        ROOT / "site_templates/theme/assets/okr.css"
    ).read_bytes()
    help_page = out / ("help/index.html" if directory else "help.html")
    assert "okr check" in html[help_page]
    assert broken_links(out) == []


# ---- settings a company is likely to change -------------------------------------------------


def _site(company, tmp_path, *changes: tuple[str, str], extra: str = "", args=()):
    cfg = config(tmp_path, *changes, extra=extra)
    out = tmp_path / "site"
    result = build(company, cfg, out, *args)
    assert result.code == 0, result.err
    return out


@pytest.mark.parametrize("directory", [False, True], ids=["file-urls", "directory-urls"])
def test_site_url_with_a_sub_path(company, tmp_path, directory):
    out = _site(company, tmp_path, ("use_directory_urls: false",
                                    f"use_directory_urls: {str(directory).lower()}"),
                extra="site_url: https://acme.github.io/okrs/\n")  # fmt: skip
    assert broken_links(out) == []
    home = (out / "index.html").read_text()
    assert '<link rel="canonical" href="https://acme.github.io/okrs/' in home
    # the 404 page is served at any depth under /okrs/: its links start there
    links = [x for x in parse(out / "404.html").links if not x.startswith("#")]
    assert links and all(x.startswith("/okrs/") for x in links), links


def test_site_settings_from_org_yaml_without_editing_mkdocs_yml(company, tmp_path):
    org = (
        (company.root / "okrs/org.yaml")
        .read_text()
        .replace(
            "company:\n",
            "site:\n  url: https://okrs.example.com/sub\n  repository: https://github.com/acme/okrs\n"
            "  branch: release/2026\ncompany:\n",
        )
    )
    company.write("okrs/org.yaml", org)
    assert company.check("okrs").code == 0
    out = _site(company, tmp_path)
    team = (out / "periods/2026-Q4/teams/platform.html").read_text()
    assert (
        'href="https://github.com/acme/okrs/edit/release/2026/okrs/2026-Q4/platform.yaml"' in team
    )
    assert 'href="https://github.com/acme/okrs"' in team
    assert '<link rel="canonical" href="https://okrs.example.com/sub/' in team
    # pages that show no single file have no edit link
    assert "/edit/" not in (out / "teams.html").read_text()
    company.write("okrs/org.yaml", org.replace("  branch: release/2026\n",
                                                "  edit_links: false\n"))  # fmt: skip
    (tmp_path / "again").mkdir()
    again = _site(company, tmp_path / "again")
    assert "/edit/" not in (again / "periods/2026-Q4/teams/platform.html").read_text()


@pytest.mark.parametrize(
    "branch", ["x/../../../../evil/phish/blob/main", "-x", "a//b", "/main", "a.lock", ".hidden"]
)
def test_a_branch_git_would_refuse_is_a_finding_not_a_link_elsewhere(company, branch):
    """The edit links are `<repository>/edit/<branch>/<file>`: a branch with `..` led them to
    another repository. What git refuses as a branch name is a finding at its line."""
    org = (company.root / "okrs/org.yaml").read_text()
    site = f"site:\n  repository: https://github.com/acme/okrs\n  branch: '{branch}'\ncompany:\n"
    company.write("okrs/org.yaml", org.replace("company:\n", site))
    check = company.check("okrs")
    assert check.code == 1 and "okrs/org.yaml:4:11: error [schema]" in check.out, check.out
    assert "a branch name git accepts" in check.out, check.out


def test_mkdocs_yml_wins_over_org_yaml(company, tmp_path):
    org = (
        (company.root / "okrs/org.yaml")
        .read_text()
        .replace(
            "company:\n", "site:\n  repository: https://github.com/org/from-org-yaml\ncompany:\n"
        )
    )
    company.write("okrs/org.yaml", org)
    out = _site(company, tmp_path, extra="repo_url: https://github.com/org/from-mkdocs\n")
    team = (out / "periods/2026-Q4/teams/platform.html").read_text()
    assert "from-mkdocs/edit/main/okrs/2026-Q4/platform.yaml" in team
    assert "from-org-yaml" not in team


@pytest.mark.parametrize(
    ("org_language", "locale", "html_lang", "word"),
    [
        (None, "zh", "zh-Hans", "团队"),  # org.yaml is silent: theme.locale decides
        (None, "en", "en", "Teams"),
        ("zh", "en", "zh-Hans", "团队"),  # org.yaml speaks: it decides
        ("en", "zh", "en", "Teams"),
    ],
)
def test_the_site_language(company, tmp_path, org_language, locale, html_lang, word):
    if org_language:
        org = (company.root / "okrs/org.yaml").read_text()
        company.write("okrs/org.yaml", org.replace(
            "company:\n", f"company:\n  language: {org_language}\n", 1
        ))  # fmt: skip
    out = _site(company, tmp_path, ("  locale: en", f"  locale: {locale}"))
    home = (out / "index.html").read_text()
    assert f'<html lang="{html_lang}">' in home and f">{word}</a>" in home


def test_extra_css_and_javascript_on_every_page(company, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for page in (ROOT / "docs").glob("*.md"):
        (docs / page.name).write_text(page.read_text())
    (docs / "css").mkdir()
    (docs / "css/brand.css").write_text("body { border-top: 4px solid #c00; }\n")
    (docs / "js").mkdir()
    (docs / "js/extra.js").write_text("document.documentElement.dataset.extra = 'yes';\n")
    cfg = config(tmp_path, (f"docs_dir: {ROOT / 'docs'}", f"docs_dir: {docs}"),
                 extra="extra_css: [css/brand.css]\nextra_javascript: [js/extra.js]\n")  # fmt: skip
    out = tmp_path / "site"
    assert build(company, cfg, out).code == 0
    assert (out / "css/brand.css").is_file() and (out / "js/extra.js").is_file()
    for page in ("index.html", "periods/2026-Q4/teams/platform.html", "help.html", "404.html"):
        text = (out / page).read_text()
        assert "css/brand.css" in text and "js/extra.js" in text, page
    assert broken_links(out) == []


def test_description_author_copyright_and_extra_are_shown_as_text(company, tmp_path):
    out = _site(company, tmp_path, extra=(
        "site_description: 'Our OKRs <b>in the open</b>'\nsite_author: Ops & Co\n"
        "copyright: '© 2026 Acme <script>alert(1)</script>'\n"
        "extra:\n  okrs_dir: okrs\n  analytics: none\n"
    ))  # fmt: skip
    home = (out / "index.html").read_text()
    assert '<meta name="description" content="Our OKRs &lt;b&gt;in the open&lt;/b&gt;">' in home
    assert '<meta name="author" content="Ops &amp; Co">' in home
    assert "© 2026 Acme &lt;script&gt;" in home and "<script>alert" not in home


def test_a_custom_nav_is_the_header(company, tmp_path):
    nav = BASE[BASE.index("nav:\n") : BASE.index("# Generated team")]
    custom = ("nav:\n  - Start: index.md\n  - Health: health.md\n  - Teams: teams.md\n"
              "  - Intranet: https://intranet.example.com/\n  - Help: help.md\n")  # fmt: skip
    out = _site(company, tmp_path, (nav, custom))
    home = (out / "index.html").read_text()
    header = home[home.index('<nav class="sections wide"') : home.index("</nav>")]
    assert re.findall(r">([^<]+)</a>", header) == ["Home", "Program health", "Teams",
                                                   "Intranet", "Help"]  # fmt: skip
    assert 'href="https://intranet.example.com/"' in header
    # pages left out of the nav are still built and linked from the pages that show them
    assert (out / "alignment.html").is_file()
    assert broken_links(out) == []


def test_no_nav_at_all_lists_the_top_pages_only(company, tmp_path):
    nav = BASE[BASE.index("nav:\n") : BASE.index("# Generated team")]
    out = _site(company, tmp_path, (nav, ""))
    home = (out / "index.html").read_text()
    header = home[home.index('<nav class="sections wide"') : home.index("</nav>")]
    assert "Teams" in header and "platform" not in header.lower()
    assert header.count("<a ") < 25
    assert broken_links(out) == []


@pytest.mark.parametrize(
    "extra",
    [
        "strict: true\n",
        "validation: {links: {not_found: warn, anchors: warn}}\n",
        "exclude_docs: |\n  drafts/\n",
        "draft_docs: |\n  drafts/\n",
        "markdown_extensions: [admonition, tables, toc]\n",
        "plugins: [search, okr]\n",
        "dev_addr: 127.0.0.1:8123\n",
        "remote_branch: pages\nremote_name: upstream\n",
        "repo_name: Acme OKRs\nrepo_url: https://github.com/acme/okrs\nedit_uri: edit/main/docs/\n",
        "theme:\n  name: okr\n  locale: en\n  custom_dir: {custom}\n",
    ],
    ids=["strict", "validation", "exclude_docs", "draft_docs", "markdown_extensions", "search",
         "dev_addr", "remote", "repo", "custom_dir"],
)  # fmt: skip
def test_other_documented_settings_build(company, tmp_path, extra):
    custom = tmp_path / "overrides"
    custom.mkdir()
    (custom / "404.html").write_text('{% extends "main.html" %}{% block content %}<h1>Gone</h1>'
                                     "{% endblock %}")  # fmt: skip
    text = BASE.replace("docs_dir: docs", f"docs_dir: {ROOT / 'docs'}")
    if extra.startswith("plugins:"):
        text = text.replace(
            "plugins:                         # no search plugin: its index would grow ~22 KB per team page\n  - okr                          # the OKR pages, charts and exports (generator/mkdocs_hooks.py)\n",
            "",
        )
    if extra.startswith("theme:"):
        text = re.sub(r"theme:\n(  .*\n)+", "", text)
    if extra.startswith("markdown_extensions"):
        text = re.sub(r"markdown_extensions:\n(  .*\n)+", "", text)
    cfg = tmp_path / "mkdocs.yml"
    cfg.write_text(text + "\n" + extra.replace("{custom}", str(custom)))
    out = tmp_path / "site"
    result = build(company, cfg, out)
    assert result.code == 0, result.err
    assert (out / "periods/2026-Q4/teams/platform.html").is_file()
    assert broken_links(out) == []
    if "custom_dir" in extra:
        assert "<h1>Gone</h1>" in (out / "404.html").read_text()
    if "search" in extra:
        # another plugin sees every page go through MkDocs' own pass (mkdocs_hooks
        # _only_ours): MkDocs' search indexes the team pages too
        index = json.loads((out / "search/search_index.json").read_text())
        assert any("periods/2026-Q4/teams/platform" in d["location"] for d in index["docs"])


def _searched_text(site: Path) -> dict[str, str]:
    """What Pagefind indexed of each page, by URL (its fragments are gzipped JSON)."""
    found = {}
    for fragment in (site / "pagefind/fragment").glob("*.pf_fragment"):
        data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        found[data["url"]] = data["content"]
    return found


def test_a_custom_main_template_is_searched_as_readers_see_it(company, tmp_path):
    """Pagefind indexes a generated page's body before the theme wraps it, unless a
    custom_dir's main.html could show more inside <main>: then each page as written."""
    custom = tmp_path / "overrides"
    custom.mkdir()
    theme = (ROOT / "generator/theme/main.html").read_text()
    marker = "{% block content %}"
    assert marker in theme
    (custom / "main.html").write_text(
        theme.replace(marker, "<p>Quarterly review on Friday</p>" + marker)
    )
    text = re.sub(
        r"theme:\n(  .*\n)+", "", BASE.replace("docs_dir: docs", f"docs_dir: {ROOT / 'docs'}")
    )
    cfg = tmp_path / "mkdocs.yml"
    cfg.write_text(text + f"\ntheme:\n  name: okr\n  locale: en\n  custom_dir: {custom}\n")
    out = tmp_path / "site"
    result = build(company, cfg, out)
    assert result.code == 0, result.err
    searched = _searched_text(out)
    team = searched["/periods/2026-Q4/teams/platform.html"]
    assert "Quarterly review on Friday" in team and "Platform" in team
    (tmp_path / "plain").mkdir()
    plain = _site(company, tmp_path / "plain")
    assert "Quarterly review" not in _searched_text(plain)["/periods/2026-Q4/teams/platform.html"]


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (("  name: okr ", "  name: mkdocs "), "the OKR site needs `theme: {name: okr}`"),
        (("  - okr  ", "  - search  "), "`plugins:` must list `okr`"),
        (("  locale: en", "  locale: fr"), "theme.locale 'fr': the site speaks en or zh"),
        (("extra:\n  okrs_dir: okrs", "extra:\n  okrs_dir: okrs\n  okr_today: someday"),
         "extra.okr_today must be a date"),
    ],
)  # fmt: skip
def test_settings_that_cannot_work_are_refused_in_one_line(company, tmp_path, change, says):
    cfg = config(tmp_path, change)
    out = tmp_path / "site"
    result = build(company, cfg, out)
    assert result.code == 2, result.err
    (line,) = result.err.strip().splitlines()[-1:]
    assert says in line, result.err
    assert not out.exists()


# ---- confidentiality does not depend on the company's MkDocs configuration ---------------------

SECRET = ("  - id: S1\n    title: Buy Globex quietly\n    confidential: true\n    aligns_with: []\n"
          "    key_results:\n      - {id: K1, title: Sign the Globex letter of intent,"
          " milestone: true, check_ins: [{date: 2026-10-01, done: false, note: Globex slow}]}\n")  # fmt: skip


@pytest.mark.parametrize(
    "setup",
    ["docs_dir: okrs", "docs_dir: a period folder", "a link to okrs in docs",
     "extra_templates", "nothing excluded", "docs_dir: okrs, directory urls"],
)  # fmt: skip
def test_no_raw_okr_file_reaches_the_site_through_any_configuration(company, tmp_path, setup):
    okrs = company.root / "okrs"
    company.write(PF, PLATFORM.replace("recognition:", "") + SECRET)
    help_text = (ROOT / "docs/help.md").read_text()
    changes: list[tuple[str, str]] = []
    extra = ""
    docs = okrs
    if setup == "docs_dir: a period folder":
        docs = okrs / "2026-Q4"
    elif setup == "a link to okrs in docs":
        docs = tmp_path / "docs"
        docs.mkdir()
        (docs / "okrs").symlink_to(okrs)
    (docs / "help.md").write_text(help_text)
    changes.append((f"docs_dir: {ROOT / 'docs'}", f"docs_dir: {docs}"))
    if setup == "extra_templates":
        extra = "extra_templates: [2026-Q4/platform.yaml, org.yaml]\n"
    if setup == "nothing excluded":
        extra = "exclude_docs: '!*'\n"
    if setup.endswith("directory urls"):
        changes.append(("use_directory_urls: false", "use_directory_urls: true"))
    cfg = config(tmp_path, *changes, extra=extra)
    out = tmp_path / "site"
    result = build(company, cfg, out)
    assert result.code == 0, result.err
    files = [p for p in out.rglob("*") if p.is_file()]
    assert any(p.name == "index.html" for p in files)
    assert not [p for p in files if p.suffix in (".yaml", ".yml")], [
        p.relative_to(out) for p in files if p.suffix in (".yaml", ".yml")
    ]
    for path in files:
        data = path.read_bytes()
        assert b"Globex" not in data, path.relative_to(out)
