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
    assert result.code in (0, 1) and result.out.splitlines()[-1].endswith("in 5 files"), result.err


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
