"""The checker's configuration file, `okr-check.yaml` beside the `okrs/` folder.

    rules:
      objective-count: {max: 4}            # change options
      stale-check-in: {severity: error}    # change severity
      key-result-is-measurable: off        # turn a rule off

Its own mistakes raise ConfigError with `invalid config: path:line:col: ...`.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .errors import ConfigError
from .fsread import Refused, read_regular
from .loader import LoadError, decode, load
from .locate import Locator
from .problem import Severity
from .settings import RuleSettings
from .textsafe import quote
from .workspace import CONFIG_FILE


def default_settings() -> dict[str, RuleSettings]:
    from .rules import RULES

    return {
        rid: RuleSettings(
            rule.SEVERITY,
            MappingProxyType({name: opt.default for name, opt in rule.OPTIONS.items()}),
        )
        for rid, rule in RULES.items()
    }


def find_config(okrs_root: Path) -> Path | None:
    candidate = okrs_root.parent / CONFIG_FILE
    return candidate if candidate.is_file() else None


def load_config(path: Path | None) -> dict[str, RuleSettings]:
    settings = default_settings()
    if path is None:
        return settings
    shown = _shown(path)
    try:
        text = decode(read_regular(path, 1024 * 1024))
        data = load(text)
    except Refused as exc:
        raise ConfigError(f"invalid config: {shown}: the file {exc}") from None
    except LoadError as exc:
        raise ConfigError(
            f"invalid config: {shown}:{exc.line}:{exc.column}: {exc.message}"
        ) from None
    return _apply(settings, data, text, shown)


def _shown(path: Path) -> str:
    relative = os.path.relpath(path)
    return Path(relative if not relative.startswith("..") else path).as_posix()


def _apply(
    settings: dict[str, RuleSettings], data: Any, text: str, shown: str
) -> dict[str, RuleSettings]:
    from .rules import RULES

    locator = Locator(text)

    def fail(path: tuple[str | int, ...], message: str, at: str = "value") -> ConfigError:
        line, column = locator.position(path, at)  # type: ignore[arg-type]
        return ConfigError(f"invalid config: {shown}:{line}:{column}: {message}")

    if data is None:
        return settings
    if not isinstance(data, dict):
        raise fail((), "the configuration must be a mapping with a `rules:` key")
    for key in data:
        if key != "rules":
            raise fail((key,), f"unknown key {quote(key)}; the only key is `rules:`", "key")
    rules = data.get("rules") or {}
    if not isinstance(rules, dict):
        raise fail(("rules",), "`rules:` must map rule ids to a severity or to options")
    for rid, value in rules.items():
        if rid not in RULES:
            raise fail(
                ("rules", rid), f"unknown rule {quote(rid)}; known rules: {', '.join(RULES)}", "key"
            )
        current = settings[rid]
        severity, options = current.severity, dict(current.options)
        if isinstance(value, str) or value is None or isinstance(value, bool):
            severity = _severity(value, lambda m, r=rid: fail(("rules", r), m))
        elif isinstance(value, dict):
            for opt, opt_value in value.items():
                where = ("rules", rid, opt)
                if opt == "severity":
                    severity = _severity(opt_value, lambda m, w=where: fail(w, m))
                elif opt not in options:
                    known = ", ".join(["severity", *options]) or "severity"
                    raise fail(
                        where,
                        f"rule {quote(rid)} has no option {quote(opt)} (it has: {known})",
                        "key",
                    )
                else:
                    problem = RULES[rid].OPTIONS[opt].problem(opt_value)
                    if problem:
                        raise fail(where, f"option {quote(opt)} {problem}")
                    options[opt] = opt_value
        else:
            raise fail(
                ("rules", rid), "give a severity (error, warning, off) or a mapping of options"
            )
        problem = getattr(RULES[rid], "check_options", lambda _o: None)(options)
        if problem:
            raise fail(("rules", rid), problem)
        settings[rid] = RuleSettings(severity, MappingProxyType(options))
    return settings


def _severity(value: Any, fail: Any) -> Severity:
    if value is False:  # `off` is a string in YAML 1.2, but be kind to `false`
        return Severity.OFF
    try:
        return Severity(value)
    except ValueError:
        raise fail(f"severity must be error, warning or off, not {quote(repr(value))}") from None
