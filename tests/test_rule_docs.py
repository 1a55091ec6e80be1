"""The examples in every rule's documentation are true: the failing one fails that rule and the
passing one does not. The same docstrings are the user documentation in docs/rules.md."""

from __future__ import annotations

import re

import pytest

from generator.rules import RULES

FENCE = re.compile(r"```yaml (\S+)\n(.*?)```", re.S)


def examples(doc: str, label: str) -> list[tuple[str, str]]:
    section = doc.split(f"**{label}:**", 1)[1].split("**", 1)[0]
    return FENCE.findall(section)


@pytest.mark.parametrize("rid", list(RULES))
def test_rule_documents_itself(rid):
    doc = RULES[rid].__doc__ or ""
    assert examples(doc, "Fails") and examples(doc, "Passes"), f"{rid} needs both examples"
    for name, option in RULES[rid].OPTIONS.items():
        assert f"`{name}`" in doc, f"{rid} does not document its option {name}"
        assert option.problem(option.default) is None, f"{rid}: the default of {name} is invalid"


@pytest.mark.parametrize("rid", list(RULES))
def test_failing_example_fails_and_passing_example_passes(request, company, rid):
    doc = RULES[rid].__doc__ or ""
    base = None
    if rid == "target-moved":  # compares with the fixture company as committed
        request.getfixturevalue("repo")
        base = "HEAD"
    if RULES[rid].SEVERITY.value == "off":  # a rule that is off by default, switched on
        company.write("okr-check.yaml", f"rules:\n  {rid}: warning\n")
    for label, should_fire in (("Fails", True), ("Passes", False)):
        for path, text in examples(doc, label):
            company.write(path, text)
            if rid == "codeowners-coverage" and not should_fire:  # as okr codeowners writes it
                from generator.codeowners import render
                from generator.loader import load
                from generator.org import build_org

                company.write(".github/CODEOWNERS", render(build_org(load(text))))
            result = company.lint(base=base)
            fired = any(f"[{rid}]" in line and line.startswith(path) for line in result.lines)
            assert fired is should_fire, f"{rid} {label} example:\n{result.out}"
            assert result.checked(path, rid), f"{rid} never looked at {path}"
