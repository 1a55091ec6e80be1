"""The quality rules. Each module holds one rule: its id, default severity, options, and its
user documentation (with a failing and a passing example) in the module docstring."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import ModuleType
from typing import Any, Protocol

from ..context import Context
from ..options import Option
from ..problem import Finding, Severity
from ..workspace import Document
from . import (
    alignment_cycle,
    check_in_dates,
    check_in_kind,
    codeowners_coverage,
    codeowners_current,
    key_result_count,
    key_result_is_measurable,
    key_result_not_activity,
    metric_range,
    milestones_only,
    no_appraisal_fields,
    objective_count,
    objective_is_qualitative,
    path_matches,
    period_cover,
    period_dates,
    reference_pending,
    reference_resolves,
    sandbagging,
    schema,
    source_declared,
    stale_check_in,
    status_matches_progress,
    syntax,
    target_moved,
    target_not_set,
    team_tree,
    title_names_target,
    unaligned_objective,
    ungraded,
    unique_ids,
)


class Rule(Protocol):
    ID: str
    SEVERITY: Severity
    OPTIONS: Mapping[str, Option]
    # Whether the rule needs a schema-valid document (most do: they trust its shape).
    NEEDS_VALID: bool

    def check(
        self, doc: Document, ctx: Context, options: Mapping[str, Any]
    ) -> Iterator[Finding]: ...


_MODULES: tuple[ModuleType, ...] = (
    syntax,
    schema,
    path_matches,
    unique_ids,
    period_dates,
    reference_resolves,
    reference_pending,
    alignment_cycle,
    team_tree,
    period_cover,
    no_appraisal_fields,
    check_in_dates,
    check_in_kind,
    metric_range,
    objective_count,
    key_result_count,
    objective_is_qualitative,
    key_result_is_measurable,
    target_not_set,
    title_names_target,
    key_result_not_activity,
    milestones_only,
    source_declared,
    stale_check_in,
    status_matches_progress,
    unaligned_objective,
    ungraded,
    sandbagging,
    target_moved,
    codeowners_current,
    codeowners_coverage,
)

RULES: dict[str, Rule] = {module.ID: module for module in _MODULES}  # type: ignore[misc]


def summary(rule: Rule) -> str:
    """The first paragraph of the rule's documentation, on one line."""
    return " ".join((rule.__doc__ or "").strip().split("\n\n")[0].split())
