"""The site's interface in each language, from gettext message catalogs
(`generator/locale/<language>/LC_MESSAGES/site.po`, read with Babel).

Each entry's context (`msgctxt`) is the key the templates use (`ui['teams']`, `t('hidden',
n=2)`), its `msgid` the English text, its `msgstr` the translation; an entry not translated
yet shows in English. Entries that count something carry plural forms, chosen by the
catalog's own `Plural-Forms` rule. Dates are written by Babel from CLDR data, the same
whatever the machine's locale. A third language is a translation file: copy the English
catalog to `<code>/LC_MESSAGES/site.po`, translate it, and allow the code in
`company.language` (schema/org.schema.json).
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path

from babel.dates import format_skeleton
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from ..okrdiff import CHANGE_LIMIT, Change
from ..problem import Message, Problem, Values
from ..textsafe import MESSAGE_LIMIT, clip, one_line

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DEFAULT = "en"
# the CLDR locale a language's dates follow ("22 November" rather than "November 22")
_DATE_LOCALE = {"en": "en_GB"}


def languages() -> tuple[str, ...]:
    """The languages the site speaks: one per catalog."""
    return tuple(sorted(p.parent.parent.name for p in LOCALE_DIR.glob("*/LC_MESSAGES/site.po")))


@cache
def _catalog(language: str) -> Catalog:
    path = LOCALE_DIR / language / "LC_MESSAGES" / "site.po"
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


@cache
def strings(language: str) -> dict[str, str]:
    """Every interface string by key (a counted one in its general form)."""
    catalog = _catalog(language if language in languages() else DEFAULT)
    out: dict[str, str] = {}
    for message in catalog:
        if not message.context:
            continue
        if message.pluralizable:
            forms = [s for s in message.string if s] or [message.id[1]]
            out[message.context] = forms[-1]
        else:
            out[message.context] = message.string or str(message.id)
    return out


@cache
def _plurals(language: str) -> tuple[dict[str, tuple[str, ...]], Callable[[int], int]]:
    catalog = _catalog(language if language in languages() else DEFAULT)
    forms = {
        m.context: tuple(m.string) if all(m.string) else tuple(m.id)
        for m in catalog
        if m.context and m.pluralizable
    }
    return forms, gettext.c2py(catalog.plural_expr)


def counted(language: str, key: str, n: int) -> str | None:
    """The form of a counted string for `n` ("1 person", "2 people"), or None when the
    string does not count."""
    forms, rule = _plurals(language)
    if key not in forms:
        return None
    choice = forms[key]
    return choice[min(rule(n), len(choice) - 1)]


def day_text(day: date, language: str) -> str:
    """A day as people say it ("22 November", "11月22日"), by CLDR: the same whatever the
    machine's locale (strftime would follow it)."""
    return format_skeleton("MMMMd", day, locale=_DATE_LOCALE.get(language, language))


@cache
def translated(language: str, domain: str) -> dict[str, str] | None:
    """A catalog keyed by its English text (`<language>/LC_MESSAGES/<domain>.po`: the
    reports, the docs): English → translation for every entry translated and not fuzzy, or
    None when the language has no such catalog."""
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"
    if not path.is_file():
        return None
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    return {str(m.id): str(m.string) for m in catalog if m.id and m.string and not m.fuzzy}


def _reports(language: str) -> dict[str, str]:
    """The templates of what the checker found and what changed, in `language`."""
    return translated(language, "reports") or {}


def said(problem: Problem, language: str) -> str:
    """What the checker found, in `language`: the rule's template translated and filled with
    what it found (a value that is a message of its own is translated too); the English
    message where a translation is missing or does not fit its values."""
    return _said(problem.message, problem.template, problem.values, language, MESSAGE_LIMIT)


def said_change(change: Change, language: str) -> str:
    """A sentence of the OKR diff ("What changed") in `language`, the same way."""
    if change.said is None:
        return change.text
    message = change.said
    return _said(change.text, message.template, message.values, language, CHANGE_LIMIT)


def _said(english: str, template: str, values: Values, language: str, limit: int) -> str:
    if not template:
        return english
    text = _fill(template, values, _reports(language))
    return english if text is None else clip(one_line(text), limit)


def _fill(template: str, values: Values, translated: dict[str, str]) -> str | None:
    filled: dict[str, str] = {}
    for name, value in values:
        if isinstance(value, Message):
            inner = _fill(value.template, value.values, translated)
            filled[name] = str(value) if inner is None else inner
        else:
            filled[name] = value
    try:
        # the template is ours (the catalog's); the values only fill it
        return translated.get(template, template).format_map(filled)
    except (KeyError, IndexError, ValueError, AttributeError):
        return None


@cache
def translations(language: str) -> Translations:
    """The site's catalog as gettext translations (compiled in memory), for Jinja2's i18n
    extension: the theme's templates say `pgettext("menu", "Menu")`."""
    buffer = io.BytesIO()
    write_mo(buffer, _catalog(language if language in languages() else DEFAULT))
    buffer.seek(0)
    return Translations(buffer, domain="site")
