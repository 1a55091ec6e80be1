"""The check-in line a team page offers to copy into the file: valid YAML as it stands (a
line pasted unchanged is a real "nothing moved" check-in, never a placeholder that breaks
the file), indented for `check_ins:` in the usual layout."""

from __future__ import annotations

from datetime import date

from ..model import KeyResult
from ..yamledit import scalar

INDENT = " " * 10  # key_results items' fields sit at 8; their check-ins' dashes at 10


def check_in_line(kr: KeyResult, today: date) -> str:
    """`- {date: <today>, value: <the latest value>}`: what to change is the value."""
    measured = kr.measured
    if kr.kind == "milestone":
        field = f"done: {scalar(bool(measured and measured.done))}"
    else:
        known = [measured.value if measured else None, kr.start, kr.limit]
        value = next((v for v in known if v is not None), 0)
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
            value = int(value)  # the model holds floats; the file said 520, not 520.0
        field = f"value: {scalar(value)}"
    return f"{INDENT}- {{date: {today.isoformat()}, {field}}}"
