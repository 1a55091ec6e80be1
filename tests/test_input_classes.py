"""Classes of hostile and careless input, each tried with several members through the real
entry points: echoed values stay bounded, numbers in configuration are validated, positions
hold under every line break, the environment may be poor (LANG=C, read-only, no HOME)."""

from __future__ import annotations

import json
import re

import pytest
from conftest import ROOT, run_okr
from helpers import PLATFORM

PF = "okrs/2026-Q4/platform.yaml"
BIG = 100_000
FORMATS = ["text", "json", "sarif", "github", "markdown"]


# ---- nothing a user wrote is echoed without a bound --------------------------------------

HUGE = "k" * BIG
# YAML allows 1,024 characters in an implicit key; an explicit one (`? key`) has no limit
ECHOES = {
    "an unknown key": PLATFORM.replace("team: platform", f"team: platform\n? {HUGE}\n: 1"),
    "a duplicate key": PLATFORM.replace(
        "team: platform", f"? {HUGE}\n: 1\nteam: platform\n? {HUGE}\n: 2"
    ),
    "an unknown reference": PLATFORM.replace("[acme/O1]", f"[acme/{'O' * 30}, acme/{HUGE}]"),
    "a tag": PLATFORM.replace("key_results:", f"tags: [{HUGE}]\n    key_results:", 1),
    "an owner": PLATFORM.replace("title: Make", f"owner: {'a' * BIG}\n    title: Make", 1),
    "an enum value": PLATFORM.replace(
        "title: Make", f"type: {'committed' * (BIG // 9)}\n    title: Make", 1
    ),
    "an explicit tag": PLATFORM.replace("team: platform", f"team: !{'t' * BIG} platform"),
    "a wrong type": PLATFORM.replace("[acme/O1]", "{? " + HUGE + ": 1}"),
}


@pytest.mark.parametrize("what", list(ECHOES))
@pytest.mark.parametrize("fmt", FORMATS)
def test_echoed_values_are_bounded_in_every_format(company, what, fmt):
    company.write(PF, ECHOES[what])
    result = company.check("okrs", "--format", fmt)
    assert result.code == 1, result.out[:2000]
    # beyond what the format always holds (SARIF lists every rule): a few lines of findings
    company.write(PF, PLATFORM)
    clean = company.check("okrs", "--format", fmt)
    assert len(result.out) - len(clean.out) < 5_000, (what, fmt, len(result.out))
    # at most the first 60 characters of any value, and where it was cut, the cut says so
    assert not re.search(r"(.)\1{61}", result.out), what
    if re.search(r"(.)\1{59}", result.out):
        assert re.search(r"(…|\\u2026)'? \([\d,]+ characters\)", result.out), result.out[:3000]


def test_a_huge_key_in_the_configuration_is_one_bounded_line(company):
    company.write("okr-check.yaml", f"rules:\n  ? {HUGE}\n  : off\n")
    result = company.check("okrs")
    assert result.code == 2
    assert len(result.err) < 1000 and "100,000 characters" in result.err, result.err[:500]


def test_okr_diff_bounds_every_value(repo):
    from conftest import git

    note = "n" * BIG
    repo.write(
        PF,
        PLATFORM.replace(
            "          - {date: 2026-11-16, done: true}",
            f"          - {{date: 2026-11-16, done: true}}\n"
            f"          - {{date: 2026-11-17, done: true, note: {note}}}",
        ).replace("title: Make the platform boringly reliable", f"title: {'T' * 5000}"),
    )
    git(repo.root, "add", "-A")
    for fmt in ("text", "markdown", "json"):
        result = run_okr("diff", "HEAD", "--format", fmt, cwd=repo.root)
        assert result.code == 0, result.err
        assert len(result.out) < 10_000, (fmt, len(result.out))
        assert "100,000 characters" in result.out.replace("\\", "")
    payload = json.loads(run_okr("diff", "HEAD", "--format", "json", cwd=repo.root).out)
    assert payload


# ---- every number in configuration is input ------------------------------------------------


def _count_options():
    from generator.rules import RULES

    return [
        (rid, name, opt.maximum)
        for rid, rule in RULES.items()
        for name, opt in rule.OPTIONS.items()
        if opt.kind == "count"
    ]


@pytest.mark.parametrize(("rule", "option", "maximum"), _count_options())
def test_every_count_option_is_checked_against_its_range(company, rule, option, maximum):
    assert maximum and maximum < 100_000_000
    for bad in (maximum + 1, 10**20, -1, 1.5, "12", True, "null", "[3]"):
        value = json.dumps(bad) if not isinstance(bad, str) or bad in ("12",) else bad
        company.write("okr-check.yaml", f"rules:\n  {rule}:\n    {option}: {value}\n")
        result = company.check("okrs")
        assert result.code == 2, (bad, result.out, result.err)
        (line,) = result.err.splitlines()
        assert line.startswith("okr: invalid config: okr-check.yaml:3:"), line
        assert f"from 0 to {maximum:,}" in line, line
    paired = f"    max: {maximum}\n" if option == "min" else ""  # min <= max is checked too
    company.write("okr-check.yaml", f"rules:\n  {rule}:\n    {option}: {maximum}\n{paired}")
    result = company.check("okrs")
    assert result.code in (0, 1) and result.out.splitlines()[-1].endswith(
        "in 5 files (today: 2026-11-22)"
    ), result.err


def test_word_lists_are_bounded_and_never_a_regex(company):
    from generator.options import MAX_WORDS

    company.write(
        "okr-check.yaml",
        f"rules:\n  key-result-not-activity:\n    verbs: {json.dumps(['x'] * (MAX_WORDS + 1))}\n",
    )
    assert company.check("okrs").code == 2
    # a word full of regex syntax is a word: compared as a word, never compiled
    company.write(
        "okr-check.yaml",
        'rules:\n  key-result-not-activity:\n    verbs: ["(a+)+$", "[", "shipx"]\n',
    )
    title = "title: Cut p99 API latency from 850 ms to 300 ms"
    company.write(PF, PLATFORM.replace(title, "title: Shipx the new pooler").replace(
        "title: Keep monthly", f"title: '(a+)+$ {'a' * 40}!' # Keep monthly"
    ))  # fmt: skip
    result = company.lint("okrs")
    assert result.checked(PF, "key-result-not-activity")
    (line,) = [x for x in result.lines if "[key-result-not-activity]" in x]
    assert "'Shipx ...' describes an activity" in line, line


def test_the_deepest_nesting_allowed_is_survived_by_every_command(repo):
    from conftest import git

    from generator.loader import MAX_DEPTH

    repo.write("okr-check.yaml", f"rules:\n  syntax: {{max-depth: {MAX_DEPTH}}}\n")
    depth = MAX_DEPTH - 6  # inside objectives[0].key_results[0].description
    deep = PLATFORM.replace(
        "title: Cut p99 API latency from 850 ms to 300 ms",
        "title: Cut p99 API latency\n        description: " + "[" * depth + "]" * depth,
    )
    repo.write(PF, deep)
    result = repo.check("okrs")
    assert result.code == 1 and "'description' must be text, not a list" in result.out
    git(repo.root, "add", "-A")
    assert run_okr("diff", "HEAD", cwd=repo.root).code == 0
    built = repo.build()
    assert built.code == 1 and "not publishing" in built.err
    nested = "[" * (MAX_DEPTH + 10) + "]" * (MAX_DEPTH + 10)
    repo.write(PF, PLATFORM.replace("Cut p99 API latency from 850 ms to 300 ms", nested))
    result = repo.check("okrs")
    assert result.code == 1 and f"nesting deeper than {MAX_DEPTH} levels" in result.out


@pytest.mark.parametrize("epoch", ["abc", "", "-5", "1e9", "99999999999999", "١٢٣", "12 34"])
@pytest.mark.parametrize(
    "command",
    [["check", "okrs"], ["build"], ["diff", "HEAD"], ["codeowners", "--check"],
     ["init", "new", "--company", "X"]],
)  # fmt: skip
def test_a_bad_source_date_epoch_is_one_line_for_every_command(repo, epoch, command):
    args = ["build", "--okrs", str(repo.root / "okrs")] if command == ["build"] else command
    cwd = ROOT if command == ["build"] else repo.root
    result = run_okr(*args, cwd=cwd, env={"SOURCE_DATE_EPOCH": epoch})
    assert result.code == 2, result.err
    (line,) = result.err.splitlines()
    assert line.startswith("okr: SOURCE_DATE_EPOCH must be a whole number of seconds"), line
    assert not (repo.root / "new").exists()


# ---- a poor environment: LANG=C and an ASCII stdout, no HOME, a read-only checkout ----------

POOR = r"""
set -u
mount --bind "$REPO" "$REPO" && mount -o remount,bind,ro "$REPO" || { echo mount-failed; exit 97; }
touch "$REPO/probe" 2>/dev/null && { echo still-writable; exit 98; }
cd "$REPO"
run() { name=$1; shift; env -u HOME -u XDG_CACHE_HOME -u MPLCONFIGDIR LANG=C LC_ALL=C \
  PYTHONIOENCODING=ascii PYTHONCOERCECLOCALE=0 PYTHONUTF8=0 TMPDIR="$WORK/tmp" \
  "$OKR" "$@" > "$WORK/$name.out" 2> "$WORK/$name.err"; echo $? > "$WORK/$name.rc"; }
run check check okrs --today "$DAY"
run json check okrs --today "$DAY" --format json
run build-here build --today "$DAY"
run build build --today "$DAY" --out "$WORK/site"
run diff diff HEAD
run codeowners codeowners --check
run init init "$WORK/new" --company "新公司" --language zh --today "$DAY"
env -u HOME LANG=C LC_ALL=C PYTHONIOENCODING=ascii PYTHONCOERCECLOCALE=0 TMPDIR="$WORK/tmp" \
  "$OKR" serve --today "$DAY" --address "127.0.0.1:$PORT" > "$WORK/serve.log" 2>&1 &
pid=$!
"$PY" - "$PORT" "$WORK/served.html" <<'PYEOF'
import sys, time, urllib.request
for _ in range(120):
    try:
        body = urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/index.html", timeout=5).read()
        open(sys.argv[2], "wb").write(body)
        break
    except OSError:
        time.sleep(0.5)
PYEOF
kill -TERM $pid; wait $pid; echo $? > "$WORK/serve.rc"
"""


def test_every_command_works_under_lang_c_without_home_from_a_read_only_checkout(tmp_path):
    import os
    import socket
    import subprocess
    import sys

    from conftest import OKR, git

    day = "2026-11-22"
    made = run_okr("init", "co", "--company", "只读公司", "--language", "zh", "--today", day,
                   cwd=tmp_path)  # fmt: skip
    assert made.code == 0, made.err
    repo = tmp_path / "co"
    starter = repo / "okrs/2026-Q4/company.yaml"  # a name without Latin letters: `company`
    starter.write_text(
        starter.read_text(encoding="utf-8").replace(
            "让公开透明成为我们制定计划的方式", "把收入提高到 3 倍"
        ),
        encoding="utf-8",
    )
    for args in (("init", "-q", "-b", "main"), ("config", "user.email", "a@b.c"),
                 ("config", "user.name", "T"), ("add", "-A"), ("commit", "-q", "-m", "x")):  # fmt: skip
        git(repo, *args)
    work = tmp_path / "work"
    (work / "tmp").mkdir(parents=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "REPO": str(repo), "WORK": str(work), "OKR": str(OKR), "DAY": day,
           "PORT": str(port), "PY": sys.executable}  # fmt: skip
    env.pop("SOURCE_DATE_EPOCH", None)
    if os.geteuid() == 0:  # root ignores file modes: a read-only bind mount, in a namespace
        command = ["unshare", "--mount", "bash", "-c", POOR]
    else:
        subprocess.run(["chmod", "-R", "a-w", str(repo)], check=True)
        command = ["bash", "-c", POOR.split('cd "$REPO"', 1)[1].join(['cd "$REPO"', ""])]
    proc = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr

    def out(name: str) -> tuple[int, str, str]:
        return (int((work / f"{name}.rc").read_text()), (work / f"{name}.out").read_text(),
                (work / f"{name}.err").read_text())  # fmt: skip

    for name in ("check", "json", "build-here", "build", "diff", "codeowners", "init"):
        code, stdout, stderr = out(name)
        assert "Traceback" not in stderr and "Error" not in stderr.replace("error [", ""), (
            name, stderr)  # fmt: skip
    code, stdout, _ = out("check")
    assert code == 0 and "('3 \\u500d')" in stdout, stdout  # 3 倍, escaped for ASCII
    assert json.loads(out("json")[1])["problems"]
    code, _, stderr = out("build-here")
    assert code == 2 and "choose a folder you can write with --out" in stderr, stderr
    code, stdout, stderr = out("build")
    assert code == 0 and (work / "site/index.html").is_file(), stderr
    assert "matplotlib" not in stderr.lower(), stderr  # no warning about its config folder
    assert out("diff")[0] == 0
    assert out("codeowners")[0] in (0, 1)
    assert out("init")[0] == 0 and (work / "new/okrs/org.yaml").is_file()
    served = (work / "served.html").read_text(encoding="utf-8")
    assert "只读公司" in served
    assert not list(repo.glob(".cache")) and not (repo / "site").exists()


# ---- positions under every line break and encoding --------------------------------------------


def editor_position(text: str, needle: str) -> tuple[int, int]:
    """Where an editor shows `needle`: lines end at LF, CRLF or a lone CR (never at NEL, LS
    or PS); columns count characters."""
    index = text.index(needle)
    before = re.split(r"\r\n|\r|\n", text[:index])
    return len(before), len(before[-1]) + 1


TITLE = "title: Make the platform boringly reliable"
OWNER = "\n    owner: nobody-here"  # an unknown owner on the line after the title
POSITION_CASES = {
    # an invalid character after multi-byte ones: CJK (3 bytes), emoji (4 bytes), accents
    "control after CJK": ("title: 中文中文\x01 reliable", "\x01", "syntax"),
    "control after emoji": ("title: 😀😀\x07x", "\x07", "syntax"),
    "C1 control after accents": ("title: Ünïcödé\x9b reliable", "\x9b", "syntax"),
    "DEL after Arabic": ("title: مرحبا\x7f", "\x7f", "syntax"),
    # a byte-order mark inside the file, before a key
    "BOM before a key": (TITLE + "\n    \ufeffowner: alice", "\ufeffowner", "schema"),
    # NEL, LS and PS are characters inside a line, in YAML 1.2 and in editors: the file is valid
    # and the finding after them keeps its line
    "NEL in a title": ("title: Make\x85the platform" + OWNER, "nobody", "reference-resolves"),
    "LS in a title": ("title: Make\u2028the platform" + OWNER, "nobody", "reference-resolves"),
    "PS in a title": ("title: Make\u2029the platform" + OWNER, "nobody", "reference-resolves"),
    "all three, and emoji": ("title: 😀\x85\u2028\u2029😀" + OWNER, "nobody", "reference-resolves"),
}


@pytest.mark.parametrize("line_end", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
@pytest.mark.parametrize("case", list(POSITION_CASES))
def test_positions_are_where_an_editor_shows_them(company, case, line_end):
    new, needle, rule = POSITION_CASES[case]
    text = PLATFORM.replace(TITLE, new).replace("\n", line_end)
    (company.root / PF).write_bytes(text.encode("utf-8"))
    result = company.check("okrs")
    line, column = editor_position(text, needle)
    found = [x for x in result.lines if x.startswith(PF) and f"[{rule}]" in x]
    assert found, result.out
    assert found[0].startswith(f"{PF}:{line}:{column}: "), (found[0], line, column)
    if rule == "reference-resolves":  # the unusual characters were read as characters
        assert "[syntax]" not in result.out, result.out


def test_unusual_breaks_survive_into_the_site_as_characters(company, tmp_path):
    title = "Make\u2028the\x85platform\u2029hum"
    company.write(PF, PLATFORM.replace(TITLE, f"title: {title}"))
    assert company.check("okrs").code == 0
    out = tmp_path / "site"
    built = company.build("--out", str(out))
    assert built.code == 0, built.err
    model = json.loads((out / "okrs.json").read_text(encoding="utf-8"))
    titles = [o["title"] for p in model["periods"] for t in p["teams"] for o in t["objectives"]]
    assert title in titles


# ---- custom periods that make no sense ------------------------------------------------------

NONSENSE_PERIODS = [
    ("{id: 2027-T3, start: 2027-09-01, end: 2027-08-01}", "2027-08-01}", "period-dates",
     "ends (2027-08-01) before it starts"),
    ("{id: 2027-T4, start: 2027-12-01, end: 2027-12-01}", "2027-12-01}", "period-dates",
     "starts and ends on 2027-12-01: one day"),
    ("{id: 2027-T2, start: 2027-04-30, end: 2027-08-31}", "2027-04-30,", "period-dates",
     "shares 2027-04-30 to 2027-04-30 with 2027-T1"),
    ("{id: 2028-T1, start: 2026-12-01, end: 2027-03-31}", "2026-12-01,", "period-dates",
     "shares 2027-01-01 to 2027-03-31 with 2027-T1"),
    ("{id: 2027-t1, start: 2028-01-01, end: 2028-04-30}", "2027-t1", "unique-ids",
     "differs from '2027-T1' only in letter case"),
    ("{id: 2027-T1, start: 2028-01-01, end: 2028-04-30}", "2027-T1, start: 2028", "unique-ids",
     "is used twice"),
    ("{id: 2027-h1, start: 2029-01-01, end: 2029-04-30}", "2027-h1", "unique-ids",
     "standard period id with calendar dates (in other letter case)"),
]  # fmt: skip


@pytest.mark.parametrize(("entry", "needle", "rule", "says"), NONSENSE_PERIODS)
def test_custom_periods_that_make_no_sense_are_findings_at_their_line(company, entry, needle,
                                                                        rule, says):  # fmt: skip
    from helpers import at

    org = (company.root / "okrs/org.yaml").read_text()
    org += f"periods:\n  - {{id: 2027-T1, start: 2027-01-01, end: 2027-04-30}}\n  - {entry}\n"
    company.write("okrs/org.yaml", org)
    result = company.lint("okrs/org.yaml")
    assert result.checked("okrs/org.yaml", rule)
    line, column = at(org, needle)
    found = [x for x in result.lines if f"[{rule}]" in x]
    assert len(found) == 1, result.out
    assert found[0].startswith(f"okrs/org.yaml:{line}:{column}: error [{rule}] "), found[0]
    assert says in found[0]


def test_sensible_custom_periods_pass(company):
    org = (company.root / "okrs/org.yaml").read_text() + (
        "periods:\n"
        "  - {id: FY2027, start: 2027-04-01, end: 2028-03-31}\n"
        "  - {id: FY2027-Q1, start: 2027-04-01, end: 2027-06-30}\n"
        "  - {id: FY2027-Q2, start: 2027-07-01, end: 2027-09-30}\n"
        "  - {id: 2027-T1, start: 2027-01-01, end: 2027-04-30}\n"
        "  - {id: 2027-T2, start: 2027-05-01, end: 2027-08-31}\n"
    )
    company.write("okrs/org.yaml", org)
    result = company.lint("okrs/org.yaml")
    assert result.checked("okrs/org.yaml", "period-dates")
    assert result.checked("okrs/org.yaml", "unique-ids")
    assert "[period-dates]" not in result.out and "[unique-ids]" not in result.out, result.out
