"""A rule's effective settings: its severity and its options (defaults, or okr-check.yaml)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .problem import Severity


@dataclass(frozen=True)
class RuleSettings:
    severity: Severity
    options: Mapping[str, Any]
