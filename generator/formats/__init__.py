"""Output formats for a check report; each turns a Report into text, nothing else."""

from __future__ import annotations

import os
from collections.abc import Callable

from ..check import Report
from . import github, json_format, markdown, sarif, text

Formatter = Callable[[Report], str]

FORMATS: dict[str, Formatter] = {
    "text": text.render,
    "github": github.render,
    "json": json_format.render,
    "sarif": sarif.render,
    "markdown": markdown.render,
}


def pick(name: str) -> Formatter:
    if name == "auto":
        name = "github" if os.environ.get("GITHUB_ACTIONS") else "text"
    return FORMATS[name]
