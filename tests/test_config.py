"""The configuration file changes severities and options; its mistakes are exit 2."""

from __future__ import annotations

from helpers import PLATFORM

PF = "okrs/2026-Q4/platform.yaml"
UNALIGNED = PLATFORM.replace("    aligns_with: [acme/O1]\n", "")


def test_severity_and_off(company):
    company.write(PF, UNALIGNED)
    company.write("okr-check.yaml", "rules:\n  unaligned-objective: {severity: error}\n")
    result = company.check("okrs")
    assert "error [unaligned-objective]" in result.out and result.code == 1
    company.write("okr-check.yaml", "rules:\n  unaligned-objective: off\n")
    result = company.check("okrs")
    assert "[unaligned-objective]" not in result.out and result.code == 0


def test_options_change_behaviour(company):
    company.write("okr-check.yaml", "rules:\n  key-result-count: {min: 3}\n")
    assert "[key-result-count]" in company.check("okrs").out
    company.write("okr-check.yaml", "rules:\n  stale-check-in: {max-days: 3}\n")
    assert "[stale-check-in]" in company.check("okrs").out


def test_explicit_config_path(company):
    company.write("elsewhere.yaml", "rules:\n  key-result-count: {min: 3}\n")
    assert "[key-result-count]" in company.check("okrs", "--config", "elsewhere.yaml").out


def test_config_mistakes_are_invalid_config_errors(company):
    cases = {
        "rules:\n  no-such-rule: off\n": "okr-check.yaml:2:3: unknown rule 'no-such-rule'",
        "rules:\n  objective-count: {maxx: 3}\n": "okr-check.yaml:2:21: rule 'objective-count' has no option 'maxx'",
        "rules:\n  objective-count: {max: many}\n": "okr-check.yaml:2:26: option 'max' must be a whole number",
        "rules:\n  objective-count: {min: 6, max: 2}\n": "okr-check.yaml:2:20: `min` must not be larger than `max`",
        "rules:\n  syntax: fatal\n": "okr-check.yaml:2:11: severity must be error, warning or off",
        "rulez: {}\n": "okr-check.yaml:1:1: unknown key 'rulez'",
        "rules: [\n": "okr-check.yaml:2:1: YAML syntax error",
        "rules:\n  key-result-is-measurable: {vague-words: [1, 2]}\n": "must be a list of at most 1000 words",
    }
    for text, message in cases.items():
        company.write("okr-check.yaml", text)
        result = company.check("okrs")
        assert result.code == 2, text
        assert result.err.startswith("okr: invalid config: okr-check.yaml:"), result.err
        assert message in result.err, (text, result.err)
