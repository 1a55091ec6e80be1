"""Hostile text in every user-controlled field, built by the real `okr build` and loaded in a
real browser (Debian's chromium driven by Playwright, as in test_browser.py).

One company is written with script, attribute, URL, template, mathtext, regex-replacement,
XML and bidi payloads in every field the schemas let them into; `okr check` must accept it,
`okr build` must build it, and then every .html page and every .svg file of the output is
loaded in one browser tab. Nothing may run (no dialog, `window.__xss` never set, no injected
element or handler in the DOM), user text must show exactly as written (the company name in
every <title>, team and person names in their headings, no template evaluated), and every SVG
must be well-formed XML.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import posixpath
import re
import subprocess
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from conftest import OKR, ROOT, TODAY, Company, Result, git, run_okr

from generator.loader import load

# ---- the payloads -----------------------------------------------------------------------------

SCRIPT = "<script>window.__xss=1</script>"
IMG = '"><img src=x onerror="window.__xss=1">'
SVG = "'><svg onload=window.__xss=1>"
JS = "javascript:window.__xss=1"
JS_LINK = "[x](javascript:window.__xss=1)"
TITLE = "</title><script>window.__xss=1</script>"
TPL = "{{ 7*7 }} {% raw %}"  # template injection: must never show as 49
MATH_BAD = "$\\foo$"  # matplotlib mathtext: an unknown symbol
MATH = "$x^{2}$"  # matplotlib mathtext: valid, would be drawn as x²
RLO = "\u202e"  # right-to-left override
BACKSLASH = "\\1 \\g<0>"  # a regex replacement template, if it ever reaches one
XMLISH = "]]><!-- &lt;"
NL = "\n"
# beyond the list: what real text holds and YAML escapes allow
WINPATH = "C:\\files\\new \\d+"  # backslash sequences a regex template would act on
CTRL = "\x0b\x1b[31m"  # control characters (YAML "\\v\\e[31m"): not allowed in XML


def padded(text: str, length: int, fill: str = "L") -> str:
    """`text` padded to exactly `length` characters (a schema maxLength)."""
    assert len(text) <= length, (len(text), text)
    return text + fill * (length - len(text))


LONG = padded(f"{SCRIPT} {IMG} {TPL} ", 5000, "W")  # a 5,000-character run: Markdown only
MARKDOWN = (
    f'{JS_LINK} and <a href="{JS}">y</a> {SCRIPT}\n\n{IMG} {SVG}\n\n{TITLE}\n\n'
    f"{TPL} {MATH_BAD} {MATH} {BACKSLASH} {XMLISH} {RLO}reversed\n\n"
    f"<!-- {XMLISH} --> [ok](https://ok.example/?q='{JS}) **bold**"
)

# ---- the company ------------------------------------------------------------------------------

COMPANY_NAME = f"Acme {TITLE} {IMG} {TPL} {XMLISH} {SVG} {BACKSLASH} {RLO}evil"
# team id -> display name (ids are slugs: odd but valid ones, the name carries the payload)
LONG_TEAM = "a" * 64  # the longest slug
TEAM_NAMES = {
    "acme": f"Root {SCRIPT} {SVG} {BACKSLASH} {TPL}",
    "platform": f"Platform {IMG} {MATH_BAD} {XMLISH}",
    "0-1": f"Data{NL}second line {TITLE} {MATH} {RLO}rtl",
    LONG_TEAM: padded(f"{TPL} {XMLISH} {JS} {IMG} ", 200),
}
PERSON_NAMES = {
    "dana": f"Dana {IMG} {MATH}",
    "alice": f"Alice {TITLE} {RLO}reversed {TPL}",
    "bob": f"Bob {SVG} {TPL} {BACKSLASH}",
    "z-9": f"Zed{NL}second line {SCRIPT} {MATH_BAD} {XMLISH}",
}
PERIOD_NAME = padded(f"{TITLE} {IMG} {TPL}", 100, "P")
# initiative URLs: valid http(s) URLs whose query strings carry the payloads. Raw quotes and
# angle brackets are used where the schema in force accepts them (see _schema_allows).
ALWAYS_VALID_URLS = [
    "https://tracker.example.com/PLAT-1?q=javascript:window.__xss=1&x='onmouseover=window.__xss=1//"
    "&r=%22%3E%3Cimg%20src%3Dx%20onerror%3Dwindow.__xss%3D1%3E&amp;lt;",
    "https://e.example/%27%3E%3Csvg%20onload%3Dwindow.__xss%3D1%3E?u=%7B%7B7*7%7D%7D",
    "http://x.example/javascript:window.__xss=1#'-window.__xss=1-'",
]
RAW_URLS = [
    'https://e.example/?q="><img/src=x/onerror=window.__xss=1>',
    "https://e.example/x?q='><svg/onload=window.__xss=1>",
    "https://e.example/?q=</title><script>window.__xss=1</script>&t={{7*7}}",
]


def _schema_allows(url: str) -> bool:
    from generator.validation import is_valid

    kr = {"id": "K", "title": "k", "milestone": True, "initiatives": [{"title": "t", "url": url}]}
    probe = {
        "team": "a",
        "period": "2026-Q4",
        "objectives": [{"id": "O1", "title": "t", "key_results": [kr]}],
    }
    return is_valid("team", probe)


URLS = ALWAYS_VALID_URLS + [url for url in RAW_URLS if _schema_allows(url)]
EXTRA_URLS = URLS[3:] or URLS[:1]  # more initiatives for the raw ones (or a repeat)

ORG: dict[str, Any] = {
    "company": {"name": COMPANY_NAME, "timezone": "UTC"},
    "periods": [
        {"id": "FY26-27", "name": PERIOD_NAME, "start": "2026-07-01", "end": "2027-06-30"},
    ],
    "teams": [
        {
            "id": "acme",
            "name": TEAM_NAMES["acme"],
            "lead": "dana",
            "github": "@a-0/x_-y",
            "description": MARKDOWN,
        },
        {
            "id": "platform",
            "name": TEAM_NAMES["platform"],
            "parent": "acme",
            "lead": "alice",
            "github": ["@0", "@acme/_9-x"],
            "description": f"{SVG} {JS_LINK} {TPL}",
        },
        {
            "id": "0-1",
            "name": TEAM_NAMES["0-1"],
            "parent": "platform",
            "lead": "z-9",
            "description": f"{TITLE} {MATH_BAD} {BACKSLASH}",
        },
        {
            "id": LONG_TEAM,
            "name": TEAM_NAMES[LONG_TEAM],
            "parent": "acme",
            "lead": "bob",
            "description": LONG,
        },
    ],
    "people": [
        {"id": "dana", "name": PERSON_NAMES["dana"], "team": "acme", "github": "@dana"},
        {"id": "alice", "name": PERSON_NAMES["alice"], "team": "platform"},
        {"id": "bob", "name": PERSON_NAMES["bob"], "team": "platform", "github": "@b-0"},
        {"id": "z-9", "name": PERSON_NAMES["z-9"], "team": "0-1"},
    ],
}

TITLE_300 = padded(f"Be {SCRIPT} {IMG} {SVG} {TITLE} {TPL} {XMLISH} {BACKSLASH} {RLO}x ", 300)


def metric(start: float, target: float, unit: str) -> dict[str, Any]:
    return {"start": start, "target": target, "unit": unit}


TEAM_FILES: dict[str, dict[str, Any]] = {
    "2026/acme.yaml": {
        "team": "acme",
        "period": "2026",
        "objectives": [
            {
                "id": "O1",
                "title": f"Become trusted {TITLE} {TPL}",
                "description": MARKDOWN,
                "key_results": [
                    {
                        "id": "KR1",
                        "title": f"Grow retention {IMG} {BACKSLASH}",
                        "metric": metric(104, 115, MATH),
                        "owner": "dana",
                        "check_ins": [
                            {"date": "2026-11-16", "value": 111, "note": f"{JS_LINK} {TPL}"}
                        ],
                    },
                    {
                        "id": "KR2",
                        "title": f"Pass the audit {SVG} {XMLISH}",
                        "milestone": True,
                        "check_ins": [{"date": "2026-11-16", "done": False, "note": SCRIPT}],
                    },
                ],
            }
        ],
        "recognition": [
            {
                "date": "2026-11-02",
                "to": "platform",
                "from": "dana",
                "message": f"{SCRIPT} {JS_LINK} {SVG} **ok** {TPL}",
            }
        ],
    },
    "2026-Q4/acme.yaml": {
        "team": "acme",
        "period": "2026-Q4",
        "objectives": [
            {
                "id": "O1",
                "title": TITLE_300,
                "type": "committed",
                "aligns_with": ["2026:acme/O1"],
                "description": LONG,
                "key_results": [
                    {
                        "id": "KR1",
                        "title": f"Cut incidents {BACKSLASH} {TITLE}",
                        "metric": metric(12, 4, MATH_BAD),
                        "check_ins": [
                            {"date": "2026-10-05", "value": 11, "by": "bob", "note": IMG},
                            {
                                "date": "2026-11-16",
                                "value": 7,
                                "status": "at_risk",
                                "by": "z-9",
                                "note": f"{TITLE} {XMLISH} {BACKSLASH} {MATH_BAD}",
                            },
                        ],
                    },
                    {
                        "id": "k_r-2",
                        "title": padded(f"Status page {IMG} {TPL} {RLO}", 300),
                        "milestone": True,
                        "owner": "alice",
                        "check_ins": [{"date": "2026-11-16", "done": True, "note": JS_LINK}],
                        "initiatives": [
                            {
                                "title": f"{SVG} {TITLE}",
                                "url": URLS[0],
                                "owner": "dana",
                                "status": "in_progress",
                            }
                        ],
                    },
                ],
            }
        ],
        "recognition": [
            {"date": "2026-11-10", "to": "bob", "from": "alice", "message": MARKDOWN},
            {"date": "2026-11-11", "to": "0-1", "message": f"{IMG} {XMLISH}"},
        ],
    },
    "2026-Q4/platform.yaml": {
        "team": "platform",
        "period": "2026-Q4",
        "objectives": [
            {
                "id": "O1",
                "title": f"Reliable {IMG} {TPL} {RLO}rtl",
                "owner": "alice",
                "aligns_with": ["acme/O1"],
                "description": f"{TITLE}\n\n{JS_LINK}\n\n{BACKSLASH}",
                "key_results": [
                    {
                        "id": "KR1",
                        "title": f"Cut p99 latency {SCRIPT} {TPL} {CTRL}",
                        "owner": "bob",
                        "metric": metric(850, 300, BACKSLASH),
                        "check_ins": [
                            {
                                "date": "2026-10-06",
                                "value": 790,
                                "status": "on_track",
                                "by": "bob",
                                "note": f"{SVG} {BACKSLASH}",
                            },
                            {"date": "2026-11-16", "value": 520, "note": f"{TPL} {RLO}x {XMLISH}"},
                        ],
                        "initiatives": [
                            {"title": f"{JS} {MATH} {TPL}", "url": URLS[1], "owner": "bob"},
                            {"title": f"{IMG} {XMLISH}", "url": URLS[2], "status": "done"},
                        ]
                        + [
                            {"title": f"Raw URL {SVG}", "url": url, "owner": "alice"}
                            for url in EXTRA_URLS
                        ],
                    },
                    {
                        "id": "9",
                        "title": f"Keep availability {SVG} {TITLE} {WINPATH}",
                        "threshold": {"at_least": 99.95, "unit": "&lt;%"},
                        "check_ins": [
                            {
                                "date": "2026-11-16",
                                "value": 99.97,
                                "by": "alice",
                                "note": f"{IMG} {MATH}",
                            }
                        ],
                    },
                ],
            },
            {
                "id": "o-1_X",
                "title": f"Odd id {SVG} {XMLISH} {BACKSLASH}",
                "aligns_with": ["acme/O1/KR1"],
                "key_results": [
                    {
                        "id": "KR1",
                        "title": f"Ship {TITLE} {RLO}",
                        "owner": "z-9",
                        "metric": metric(0, 10, "{{ 7*7 }}"),
                        "check_ins": [{"date": "2026-11-16", "value": 4, "by": "z-9"}],
                    },
                    {
                        "id": "KR2",
                        "title": f"Another {XMLISH} {IMG}",
                        "metric": metric(0, 100, "]]><!--"),
                        "check_ins": [{"date": "2026-11-16", "value": 40}],
                    },
                ],
            },
        ],
        "recognition": [
            {
                "date": "2026-10-20",
                "to": "bob",
                "from": "alice",
                "message": f"{IMG} {TPL} {BACKSLASH} {RLO}",
            }
        ],
    },
    "2026-Q4/0-1.yaml": {
        "team": "0-1",
        "period": "2026-Q4",
        "objectives": [
            {
                "id": "0",
                "title": f"Numbers {TITLE} {MATH}",
                "owner": "z-9",
                "aligns_with": ["platform/O1"],
                "key_results": [
                    {
                        "id": "KR1",
                        "title": f"Dashboards {SCRIPT} {RLO}",
                        "owner": "z-9",
                        "metric": metric(0, 5, f"{RLO}ms"),
                        "check_ins": [
                            {
                                "date": "2026-11-16",
                                "value": 2,
                                "by": "z-9",
                                "note": f"{SCRIPT} {TPL}",
                            }
                        ],
                    },
                    {
                        "id": "KR2",
                        "title": f"Freshness {IMG}",
                        "metric": metric(0, 1, "<b>\"'&"),
                        "check_ins": [{"date": "2026-11-16", "value": 0.5}],
                    },
                ],
            }
        ],
        "retrospective": MARKDOWN,
    },
    f"2026-Q4/{LONG_TEAM}.yaml": {
        "team": LONG_TEAM,
        "period": "2026-Q4",
        "objectives": [
            {
                "id": "O1",
                "title": TITLE_300,
                "owner": "bob",
                "aligns_with": [],
                "key_results": [
                    {
                        "id": "KR1",
                        "title": padded(f"Long {SVG} {JS} ", 300),
                        "metric": metric(1, 2, "$\\foo$ unit"),
                        "check_ins": [{"date": "2026-11-16", "value": 1.5, "note": LONG}],
                    },
                    {"id": "KR2", "title": f"Milestone {TPL}", "milestone": True},
                ],
            }
        ],
    },
    "2026-Q3/platform.yaml": {
        "team": "platform",
        "period": "2026-Q3",
        "objectives": [
            {
                "id": "O1",
                "title": f"Deploys {SCRIPT} {BACKSLASH}",
                "aligns_with": ["2026:acme/O1"],
                "key_results": [
                    {
                        "id": "KR1",
                        "title": f"Deploy time {TITLE} {TPL}",
                        "metric": metric(40, 10, f"min {BACKSLASH}"),
                        "check_ins": [{"date": "2026-09-28", "value": 14, "note": IMG}],
                        "score": 0.87,
                    },
                    {
                        "id": "KR2",
                        "title": f"Roll back {SVG}",
                        "milestone": True,
                        "check_ins": [{"date": "2026-09-14", "done": True}],
                        "score": 1.0,
                    },
                ],
            }
        ],
        "recognition": [{"date": "2026-09-20", "to": "alice", "message": f"{TITLE} {JS_LINK}"}],
        "retrospective": f"{LONG}\n\n{MARKDOWN}",
    },
    "FY26-27/0-1.yaml": {
        "team": "0-1",
        "period": "FY26-27",
        "objectives": [
            {
                "id": "O1",
                "title": f"Custom period {IMG} {TPL}",
                "aligns_with": [],
                "key_results": [
                    {
                        "id": "KR1",
                        "title": f"Ratio {SVG} {BACKSLASH}",
                        "owner": "z-9",
                        "metric": metric(0, 1, MATH),
                        "check_ins": [{"date": "2026-11-16", "value": 0.25, "note": MARKDOWN}],
                    },
                    {"id": "KR2", "title": f"Other {TITLE}", "milestone": True, "owner": "dana"},
                ],
            }
        ],
    },
}

COMMIT_SUBJECT = f"Hostile {TITLE} {IMG} {TPL} {BACKSLASH}"
COMMIT_AUTHOR = f'Mallory "{JS}" {TPL} {BACKSLASH}'  # git drops < and > from names

# Plain-text fields (escaped, never Markdown) that must appear verbatim wherever shown.
PLAIN_TEXTS = [COMPANY_NAME, *TEAM_NAMES.values(), *PERSON_NAMES.values()] + [
    text
    for data in TEAM_FILES.values()
    for o in data["objectives"]
    for text in (o["title"], *(kr["title"] for kr in o["key_results"]))
]

# ---- writing the files ------------------------------------------------------------------------


def _scalar(value: Any) -> str:
    if value is True or value is False:
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | dict):
        assert not value
        return "[]" if isinstance(value, list) else "{}"
    return json.dumps(value)  # a JSON string is a YAML double-quoted scalar


def to_yaml(value: Any, indent: int = 0) -> str:
    """Block-style YAML; every string double-quoted, so any payload stays one plain string."""
    pad = " " * indent
    out = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict | list) and item:
                out.append(f"{pad}{key}:\n{to_yaml(item, indent + 2)}")
            else:
                out.append(f"{pad}{key}: {_scalar(item)}\n")
    else:
        for item in value:
            if isinstance(item, dict) and item:
                out.append(f"{pad}- {to_yaml(item, indent + 2)[indent + 2 :]}")
            else:
                out.append(f"{pad}- {_scalar(item)}\n")
    return "".join(out)


# ---- build once -------------------------------------------------------------------------------


@dataclass
class Built:
    root: Path
    out: Path
    check: Result
    build: Result | None = None
    crash: str | None = None


def _tail(text: str, lines: int = 25) -> str:
    return "\n".join(text.splitlines()[-lines:])


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Built:
    company = Company(tmp_path_factory.mktemp("hostile") / "repo")
    # the fixture company first, then the hostile one on top: "What changed" shows the diff
    git(company.root, "init", "-q", "-b", "main")
    git(company.root, "config", "user.email", "okr@example.com")
    git(company.root, "config", "user.name", "OKR Tests")
    git(company.root, "add", "-A")
    git(company.root, "commit", "-q", "-m", "base")
    for old in (company.root / "okrs").glob("*/*.yaml"):
        old.unlink()
    for relative, data in {"org.yaml": ORG, **TEAM_FILES}.items():
        text = to_yaml(data)
        assert load(text) == data, relative  # every payload arrives exactly as written
        company.write(f"okrs/{relative}", text)
    git(company.root, "add", "-A")
    git(company.root, "-c", f"user.name={COMMIT_AUTHOR}", "commit", "-q", "-m", COMMIT_SUBJECT)
    check = company.check()
    built = Built(company.root, company.root.parent / "site", check)
    print("okr check:", check.code, "\n", check.out, check.err)
    args = [
        "build",
        "--okrs",
        str(company.root / "okrs"),
        "--today",
        TODAY,
        "--out",
        str(built.out),
    ]
    try:
        built.build = run_okr(*args, cwd=ROOT)
    except AssertionError:  # run_okr refuses a traceback; its message is cut short, so
        built.crash = _traceback(args)  # run the same command again for the whole of it
    return built


def _traceback(args: list[str]) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "SOURCE_DATE_EPOCH")}
    proc = subprocess.run(
        [str(OKR), *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    lines = proc.stderr.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("Traceback")), 0)
    ours = [line for line in lines[start:] if "/generator/" in line]
    return "\n".join([*ours, "...", *lines[-8:]])


def test_okr_check_accepts_the_hostile_company(hostile):
    errors = [line for line in hostile.check.lines if ": error [" in line]
    assert hostile.check.code == 0 and not errors, hostile.check.out + hostile.check.err


def test_okr_build_builds_what_okr_check_accepts(hostile):
    if hostile.crash is not None:
        pytest.fail("okr build crashed:\n" + hostile.crash, pytrace=False)
    assert hostile.build is not None
    assert hostile.build.code == 0, _tail(hostile.build.err)
    assert (hostile.out / "index.html").is_file()


def _site(hostile: Built) -> Path:
    if not (hostile.out / "index.html").is_file():
        pytest.fail(
            "no site to look at: okr build failed (see test_okr_build_builds_what_okr_check_accepts)",
            pytrace=False,
        )
    return hostile.out


# ---- SVG files are XML ------------------------------------------------------------------------

# drawn into the page: the alignment diagram and every key result's chart
_INLINE_SVG = re.compile(
    r'<svg (?:class="diagram"|xmlns="http://www.w3.org/2000/svg").*?</svg>', re.S
)


def test_every_svg_is_well_formed_xml(hostile):
    out = _site(hostile)
    bad = []
    svgs = sorted(out.rglob("*.svg"))
    assert svgs
    for svg in svgs:
        try:
            ET.fromstring(svg.read_bytes())
        except ET.ParseError as exc:
            bad.append(f"{svg.relative_to(out)}: {exc}")
    inline = 0
    for page in sorted(out.rglob("*.html")):  # the diagram and key results' charts, inline
        for block in _INLINE_SVG.findall(page.read_text(encoding="utf-8")):
            inline += 1
            try:
                ET.fromstring(block)
            except ET.ParseError as exc:
                bad.append(f"{page.relative_to(out)} (inline): {exc}")
    assert inline > len(TEAM_FILES)  # every hostile team's key results are drawn
    assert not bad, "\n".join(bad)


def _svg_text(root: ET.Element) -> str:
    ns = "{http://www.w3.org/2000/svg}"
    skip = {f"{ns}title", f"{ns}desc", f"{ns}style"}
    parts = []
    for element in root.iter():
        if element.tag not in skip and element.text:
            parts.append(element.text)
    return "".join(parts)


# Invisible bidi isolates (U+2066..U+2069) may wrap user text so that an override inside it
# cannot reorder what follows, and characters XML forbids may show as U+FFFD: neither changes
# what a reader sees, so comparisons ignore both. Anything else must match exactly.
_ISOLATES = re.compile("[\u2066-\u2069]")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _visible(text: str | None) -> str:
    return _NOT_XML.sub("\ufffd", _ISOLATES.sub("", text or ""))


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", _visible(text))


def test_chart_text_is_drawn_as_written(hostile):
    """Units (axis labels) and team names (bar labels) are drawn as text, not as mathtext."""
    out = _site(hostile)
    ns = "{http://www.w3.org/2000/svg}"
    units = {
        kr["metric"]["unit"] if "metric" in kr else kr["threshold"].get("unit", "")
        for data in TEAM_FILES.values()
        for o in data["objectives"]
        for kr in o["key_results"]
        if "milestone" not in kr
    }
    problems = []
    drawings = [(svg.name, svg.read_text()) for svg in sorted((out / "charts").glob("*.svg"))]
    drawings += [
        (f"{page.name} (inline)", block)
        for page in sorted(out.rglob("*.html"))
        for block in _INLINE_SVG.findall(page.read_text(encoding="utf-8"))
    ]
    assert any("(inline)" in name for name, _ in drawings)
    for name, svg in drawings:
        try:
            root = ET.fromstring(svg)
        except ET.ParseError:
            continue  # reported by test_every_svg_is_well_formed_xml
        desc = root.findtext(f"{ns}desc") or ""
        drawn = _squeeze(_svg_text(root))
        for text in [u for u in units if u and f" {u}" in desc] + [
            n for n in TEAM_NAMES.values() if n in desc
        ]:
            if _squeeze(text) not in drawn:
                problems.append(f"{name}: {text!r} is not drawn as written")
    assert not problems, "\n".join(sorted(set(problems)))


# ---- the browser ------------------------------------------------------------------------------


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


_INSPECT = """() => {
  const doc = document;
  const snippet = (el) => {  // the element in the markup around it
    const outer = el.outerHTML, around = (el.parentElement || el).outerHTML;
    const at = Math.max(0, around.indexOf(outer));
    return around.slice(Math.max(0, at - 100), at + Math.min(outer.length, 140)).replace(/\\s+/g, ' ');
  };
  const injected = [];
  // the 404 page's own root-finding script and stylesheet (the theme marks them; a host
  // serves that page at any depth, so it cannot link them) are the only ones allowed
  const own = (el) => (location.pathname.endsWith('/404.html')
    && el.attributes.length === 1 && (el.hasAttribute('data-okr-root') || el.hasAttribute('data-okr-inline')))
    // the search page loads Pagefind's interface and ours, by file, never inline
    || (location.pathname.endsWith('/search.html') && el.tagName === 'SCRIPT' && el.attributes.length === 1
        && ['pagefind/pagefind-ui.js', 'assets/search.js'].includes(el.getAttribute('src')) && !el.textContent)
    // every page's table enhancement, by file, with its two interface words
    || (el.tagName === 'SCRIPT' && /(^|\\/)assets\\/tables\\.js$/.test(el.getAttribute('src') || '') && !el.textContent
        && Array.from(el.attributes).every(a => ['src', 'defer', 'data-filter', 'data-shown'].includes(a.name)));
  for (const s of doc.querySelectorAll('script'))
    if (!own(s)) injected.push('<script> in ' + snippet(s));
  for (const el of doc.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (a.name.toLowerCase().startsWith('on'))
        injected.push(el.tagName.toLowerCase() + '[' + a.name + '] in ' + snippet(el));
      // Pagefind's own search form (made by its script, not from any file) submits nowhere
      const pagefind = el.matches('form.pagefind-ui__form') && a.value === 'javascript:void(0);';
      if (['href', 'src', 'xlink:href', 'action', 'formaction'].includes(a.name.toLowerCase())
          && /^\\s*(javascript|data|vbscript):/i.test(a.value) && !pagefind)
        injected.push(el.tagName.toLowerCase() + '[' + a.name + '=' + a.value.slice(0, 60)
                      + '] (runs when clicked) in ' + snippet(el));
    }
  }
  // an .svg that is not XML shows chromium's error page (with its own <style>): not injected
  const page = !location.pathname.endsWith('.svg');
  for (const el of doc.querySelectorAll(page ? 'iframe, object, embed, img:not(figure.chart img), style, svg image, foreignObject'
                                             : 'iframe, object, embed, img, image, foreignObject'))
    if (!own(el)) injected.push('<' + el.tagName.toLowerCase() + '> in ' + snippet(el));
  const q = (s) => { const e = doc.querySelector(s); return e ? e.textContent : null; };
  return {
    xss: typeof window.__xss === 'undefined' ? null : String(window.__xss),
    title: doc.title,
    brand: q('header a.brand'),
    h1: q('h1'),
    text: (doc.body || doc.documentElement).textContent || '',
    injected: injected,
    figures: Array.from(doc.querySelectorAll('figure.chart')).map(f => ({
      src: f.querySelector('img') ? f.querySelector('img').getAttribute('src') : null,
      // a key result's chart is drawn into the page: its title and description, as parsed
      title: f.querySelector('svg > title') ? f.querySelector('svg > title').textContent : null,
      desc: f.querySelector('svg > desc') ? f.querySelector('svg > desc').textContent : null,
      caption: f.querySelector('figcaption').textContent,
    })),
    links: Array.from(doc.querySelectorAll('ul.initiatives a, .feed a[rel~=nofollow]'))
      .map(a => a.getAttribute('href')),
  };
}"""


@dataclass
class Visit:
    path: str
    status: int | None = None
    info: dict[str, Any] = field(default_factory=dict)
    dialogs: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def visits(hostile, browser) -> Iterator[dict[str, Visit]]:
    out = _site(hostile)
    handler = functools.partial(_Quiet, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    files = sorted(
        p.relative_to(out).as_posix() for p in out.rglob("*") if p.suffix in (".html", ".svg")
    )
    results: dict[str, Visit] = {}
    try:
        if True:  # one Playwright per process: the session's browser (conftest.py)
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            tab = context.new_page()
            current: list[Visit] = []

            def on_dialog(dialog: Any) -> None:
                current[-1].dialogs.append(f"{dialog.type}: {dialog.message}")
                dialog.dismiss()

            tab.on("dialog", on_dialog)
            tab.on("console", lambda m: current[-1].console.append(f"{m.type}: {m.text}"))
            tab.on("pageerror", lambda e: current[-1].errors.append(str(e)))
            tab.on("request", lambda r: current[-1].requests.append(r.url))
            for path in files:
                visit = Visit(path)
                current.append(visit)
                response = tab.goto(base + path, wait_until="load")
                visit.status = response.status if response else None
                tab.wait_for_timeout(20)  # let late error/load handlers run
                visit.info = tab.evaluate(_INSPECT)
                results[path] = visit
            context.close()
        yield results
    finally:
        server.shutdown()


def test_every_page_and_svg_loads(visits):
    assert len(visits) > 20
    bad = [f"{v.path}: HTTP {v.status}" for v in visits.values() if v.status != 200]
    assert not bad, "\n".join(bad)


def _listing(items: list[str], limit: int = 80) -> str:
    more = f"\n... and {len(items) - limit} more" if len(items) > limit else ""
    return f"{len(items)}:\n" + "\n".join(items[:limit]) + more


def test_no_payload_executes(visits):
    executed = []
    for v in visits.values():
        for message in v.console:  # recorded for the failure report (shown as captured output)
            print(f"console {v.path}: {message[:200]}")
        if v.info.get("xss") is not None:
            executed.append(f"{v.path}: window.__xss = {v.info['xss']}")
        executed += [f"{v.path}: dialog {d}" for d in v.dialogs]
        executed += [f"{v.path}: page error {e}" for e in v.errors]
    assert not executed, "executions " + _listing(executed)


def test_no_injected_elements_handlers_or_script_urls(visits):
    found = []
    for v in visits.values():
        found += [f"{v.path}: {item}" for item in v.info.get("injected", [])]
        # an injected <img src=x> asks the server for ./x
        found += [f"{v.path}: requested {url}" for url in v.requests if url.endswith("/x")]
    assert not found, "injected " + _listing(found)


def _norm(text: str | None) -> str:
    """What a reader sees: whitespace as HTML collapses it, isolates ignored (see _visible)."""
    return re.sub(r"[ \t\n\f\r]+", " ", _visible(text)).strip()


def test_company_name_shows_as_text_in_every_title_and_header(visits):
    want = _norm(COMPANY_NAME)
    lost = []
    for v in visits.values():
        if not v.path.endswith(".html"):
            continue
        if want not in _norm(v.info["title"]):
            lost.append(f"{v.path}: <title> is {v.info['title']!r}")
        if _norm(v.info["brand"]) != want:
            lost.append(f"{v.path}: header link is {v.info['brand']!r}")
    assert not lost, f"company name {want!r} lost on {len(lost)} place(s):\n" + "\n".join(lost)


def test_team_and_person_names_show_as_written(visits):
    lost = []
    for v in visits.values():
        team = re.fullmatch(r"periods/[^/]+/teams/(.+)\.html", v.path)
        person = re.fullmatch(r"people/(.+)\.html", v.path)
        name = (
            TEAM_NAMES.get(team.group(1))
            if team
            else PERSON_NAMES.get(person.group(1))
            if person
            else None
        )
        if name is None:
            continue
        if not _norm(v.info["h1"]).startswith(_norm(name)):
            lost.append(f"{v.path}: <h1> is {v.info['h1']!r}, expected {name!r}")
        if _norm(name) not in _norm(v.info["title"]):
            lost.append(f"{v.path}: <title> is {v.info['title']!r}, expected {name!r}")
    assert not lost, "\n".join(lost)


def test_plain_text_fields_are_shown_verbatim(visits):
    """Every title and name appears somewhere exactly as written (escaped, not interpreted)."""
    pages = "\n".join(_norm(v.info["text"]) for v in visits.values() if v.path.endswith(".html"))
    missing = [text for text in PLAIN_TEXTS if _norm(text) not in pages]
    assert not missing, "never shown as written:\n" + "\n".join(map(repr, missing))


def test_templates_are_never_evaluated(visits):
    """Where `{{ 7*7 }}` was written, the page never shows 49 (nor drops `{% raw %}`)."""
    probes = {}
    for source in PLAIN_TEXTS:
        if "{{ 7*7 }}" in source:
            evaluated = _norm(source.replace("{{ 7*7 }}", "49").replace("{% raw %}", ""))
            at = evaluated.find("49")
            probes[evaluated[max(0, at - 12) : at + 14]] = source
    evaluated = []
    for v in visits.values():
        text = _norm(v.info["title"]) + "\n" + _norm(v.info["text"])
        evaluated += [
            f"{v.path}: {probe!r} (from {source[:50]!r})"
            for probe, source in probes.items()
            if probe in text
        ]
    assert not evaluated, "\n".join(evaluated)


def test_chart_titles_match_their_captions(visits, hostile):
    """A chart's SVG <title> (or, for a key result's, its <desc>) is the text of its caption:
    nothing substituted into it."""
    out = _site(hostile)
    ns = "{http://www.w3.org/2000/svg}"
    wrong = []
    inline = 0
    for v in visits.values():
        for figure in v.info.get("figures", []):
            if figure["src"] is None:  # drawn into the page
                inline += 1
                if _norm(figure["caption"]) not in (_norm(figure["title"]), _norm(figure["desc"])):
                    wrong.append(f"{v.path}: drawn chart {figure!r}")
                continue
            svg = out / posixpath.normpath(posixpath.join(posixpath.dirname(v.path), figure["src"]))
            try:
                root = ET.fromstring(svg.read_bytes())
            except ET.ParseError as exc:
                wrong.append(f"{v.path} -> {figure['src']}: not XML ({exc})")
                continue
            title, desc = root.findtext(f"{ns}title"), root.findtext(f"{ns}desc")
            # a key result's chart is captioned by its description (what the chart cannot
            # show: latest figure, pace); the others by their title
            if _norm(figure["caption"]) not in (_norm(title), _norm(desc)):
                wrong.append(
                    f"{v.path} -> {figure['src']}: <title> {title!r} / <desc> {desc!r} != "
                    f"{figure['caption']!r}"
                )
    assert inline > 0  # key results' charts were among them
    assert not wrong, "\n".join(sorted(set(wrong)))


def test_initiative_links_keep_their_urls(visits):
    shown = {href for v in visits.values() for href in v.info.get("links", [])}
    missing = [url for url in URLS if url not in shown]
    assert not missing, f"initiative URLs changed or dropped: {missing}; shown: {sorted(shown)}"
