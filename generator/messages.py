"""The checker's message catalogs: `generator/locale/reports.pot`, extracted with Babel from
every `say(...)` in the generator (the rules, the loader and its slips, the OKR diff) and the
schemas' own `errorMessage` texts, merged into each language's `LC_MESSAGES/reports.po`.
`python -m generator.docgen` writes them with the other generated files (and `--check` fails
while they are out of date); a translator then fills the new entries, which arrive
untranslated (the site shows those in English)."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

from .site.i18n import LOCALE_DIR, translated
from .validation import SCHEMA_DIR

GENERATOR = Path(__file__).resolve().parent
LOCALE = LOCALE_DIR
TEMPLATE = LOCALE / "reports.pot"
DOCS_TEMPLATE = LOCALE / "docs.pot"
_OWN_SAY = re.compile(r"^def say\(", re.MULTILINE)
KEYWORDS = {"say": None, "_no_such": None}
# a fixed date: the same sources give the same catalog, byte for byte
_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
_HEADER = """\
# What the checker found and what changed, as the site shows them in each language (okr
# check, okr diff and CI speak English). msgid is the English template passed to say();
# {names} are what was found. Regenerate with `python -m generator.docgen`, then translate
# the new entries."""
_DOCS_HEADER = """\
# The prose of the format and rule references (docs/format.md, docs/rules.md), generated
# from the schemas and the rules; docgen writes docs/<language>/ from each language's
# docs.po. Regenerate with `python -m generator.docgen`, then translate the new entries."""


def _python_files() -> Iterator[Path]:
    # every module that says something: a message is worded where it is found (the rules,
    # the loader, its slips, the diff...); a script shipped to companies has its own say()
    for path in sorted(GENERATOR.rglob("*.py"), key=lambda p: p.relative_to(GENERATOR).parts):
        text = path.read_text(encoding="utf-8")
        if "say(" in text and not _OWN_SAY.search(text):
            yield path


def _schema_messages(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        custom = node.get("errorMessage")
        if isinstance(custom, dict):
            yield from (str(v) for v in custom.values())
        for value in node.values():
            yield from _schema_messages(value)
    elif isinstance(node, list):
        for value in node:
            yield from _schema_messages(value)


def template() -> Catalog:
    catalog = _empty("okr-pipeline reports")
    for path in _python_files():
        for _line, message, _comments, _context in extract_from_file(
            "python", str(path), keywords=KEYWORDS
        ):
            catalog.add(message, flags=("python-brace-format",))
    for schema in sorted(SCHEMA_DIR.glob("*.schema.json")):
        for message in _schema_messages(json.loads(schema.read_text(encoding="utf-8"))):
            catalog.add(message.replace("{", "{{").replace("}", "}}"))
    return catalog


def _text(catalog: Catalog) -> str:
    out = io.BytesIO()
    write_po(out, catalog, width=0, no_location=True, omit_header=False, sort_output=True,
             ignore_obsolete=True)  # fmt: skip
    return out.getvalue().decode("utf-8")


def outputs(docs: Catalog | None = None) -> dict[Path, str]:
    """Each template and each language's catalog merged with it (translations kept, entries
    nothing says any more dropped): the reports, and with `docs` (the prose of the generated
    format and rule references, collected by docgen) the docs catalog."""
    files = _merged(template(), TEMPLATE, "reports.po", _HEADER)
    if docs is not None:
        files.update(_merged(docs, DOCS_TEMPLATE, "docs.po", _DOCS_HEADER))
    return files


def _merged(pot: Catalog, template_path: Path, name: str, header: str) -> dict[Path, str]:
    pot.header_comment = header
    files = {template_path: _text(pot)}
    for path in sorted(LOCALE.glob(f"*/LC_MESSAGES/{name}")):
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=path.parent.parent.name)
        catalog.update(pot, no_fuzzy_matching=True, update_creation_date=False)
        catalog.revision_date = _EPOCH
        catalog.header_comment = header
        files[path] = _text(catalog)
    return files


def _empty(project: str) -> Catalog:
    """A catalog with fixed dates: the same sources give the same file, byte for byte."""
    return Catalog(
        project=project, version="1", creation_date=_EPOCH, revision_date=_EPOCH, fuzzy=False
    )


def docs_catalog(texts: list[str]) -> Catalog:
    catalog = _empty("okr-pipeline docs")
    for text in texts:
        catalog.add(text)
    return catalog


def translator(language: str) -> Callable[[str], str] | None:
    """The docs catalog of `language` as a function from English prose to its translation
    (English where an entry is not translated yet), or None without a catalog."""
    said = translated(language, "docs")
    return None if said is None else lambda text: said.get(text, text)
