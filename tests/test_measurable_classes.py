"""Classes of milestone titles the measurability reading must get right beyond any word list:
a named thing delivered beside a hope, a clause that says what a thing is for, and a
comparison word inside a name. Written as classes (phrasings of their own), not as items of
the corpus in tests/fixtures/real."""

from __future__ import annotations

import pytest

from generator.measurable import why_unmeasurable

VERIFIABLE = [
    # a named thing delivered, in a done state or by a date, beside what it should improve
    "Grow community reach, with a first mentoring programme launched with two universities",
    "Strengthen our evaluation practice, starting by publishing a new impact framework by June 2024",
    "Deepen ties with schools, with the reading partnership agreed by March 2025",
    # what a thing is for, after the thing
    "Commission murals that improve the look of our branches by 2025",
    "Undertake a space audit by May 2024, and pick layouts that reduce noise",
    "Redesign the settings page, improving discoverability",
    "上线快捷筛选功能，提高筛选使用率",
    "重构详情页布局，提升信息获取效率",
    # a comma clause that states an amount is the result's
    "Improve checkout, reducing drop-off by 20%",
    "优化结算流程，降低流失率 20%",
    # an amount after "that" is the result's, not a side clause's
    "Increase the share of customers that renew to 90%",
    # a comparison word inside a name
    "Host the first Better Together summit in 2025",
    "Support the launch of the Higher Ground Festival",
]
VAGUE = [
    # the comparison is the result itself, and nothing delivered is named
    "Better onboarding",
    "Improve partnerships with galleries by December 2024",
    "Enhance learning by developing better habits",
    "Ensure that onboarding is faster",
    "Increase usage of the new dashboard",
    "Make support more responsive, with a programme to be decided",
    # a capital in a title written in title case names nothing; a subset counted is no clause
    "Achieve Higher Customer Satisfaction",
    "Increase traffic to the new portal launched in 2024",
    "Improve retention by developing a new onboarding program in 2024",
    "Agree that the roadmap is better aligned",
    # a side clause after a result that is itself a comparison leaves it one
    "Improve onboarding, reducing churn",
    "降低延迟，提升稳定性",
]


@pytest.mark.parametrize("title", VERIFIABLE)
def test_a_milestone_that_names_what_is_delivered_is_measurable(title):
    assert why_unmeasurable({"title": title, "milestone": True}) is None, title


@pytest.mark.parametrize("title", VAGUE)
def test_a_milestone_whose_result_is_a_comparison_is_not(title):
    why = why_unmeasurable({"title": title, "milestone": True})
    assert why is not None and why.startswith("vague:"), (title, why)


@pytest.mark.parametrize("title", ["Have [redacted] in savings", "Reach [REDACTED] paying teams",
                                   "Grow MRR to $[tbd]k"])  # fmt: skip
def test_a_redacted_amount_is_no_amount(title):
    assert why_unmeasurable({"title": title, "metric": {}}) == "target", title


@pytest.mark.parametrize("title", ["Keep publishing the weekly digest",
                                   "Continue mentoring new hires", "Keep improving the docs",
                                   "Continue to mentor new hires"])  # fmt: skip
def test_keeping_up_an_effort_is_open_ended(title):
    """ "continue to mentor" was open-ended; "continue mentoring" says the same."""
    assert why_unmeasurable({"title": title, "milestone": True}) == "open-ended", title


@pytest.mark.parametrize("title", ["Keep uptime above 99.9%", "Begin tracking each funnel stage",
                                   "Keepsake shop opens in March"])  # fmt: skip
def test_what_is_kept_or_begun_is_not_an_effort_kept_up(title):
    """A level kept is a result; a practice begun is in place or not (a verifiable state)."""
    assert why_unmeasurable({"title": title, "milestone": True}) != "open-ended", title
