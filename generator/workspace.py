"""Find and load the files of an `okrs/` tree: org.yaml and okrs/<period>/<team>.yaml."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .errors import UsageError
from .loader import Limits, LoadError, decode, load

Kind = Literal["org", "team", "stray"]
ORG_FILE = "org.yaml"
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class Document:
    path: Path
    display: str
    kind: Kind
    text: str | None = None
    data: Any = None
    load_error: LoadError | None = None
    valid: bool = False
    folder: str = ""  # the period folder of a team file
    stem: str = ""  # the file name without suffix (the team of a team file)
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def loaded(self) -> bool:
        return self.load_error is None

    @property
    def relative(self) -> str:
        """The path inside okrs/, with forward slashes: `2026-Q4/platform.yaml`."""
        return f"{self.folder}/{self.path.name}" if self.kind == "team" else self.path.name


@dataclass
class Workspace:
    root: Path
    documents: list[Document]

    @property
    def org(self) -> Document | None:
        return next((d for d in self.documents if d.kind == "org"), None)

    @property
    def teams(self) -> list[Document]:
        return [d for d in self.documents if d.kind == "team"]


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds org.yaml."""
    here = start if start.is_dir() else start.parent
    for folder in (here, *here.parents):
        if (folder / ORG_FILE).is_file():
            return folder
    return None


def classify(root: Path, path: Path) -> tuple[Kind, str, str]:
    rel = path.relative_to(root).parts
    if rel == (ORG_FILE,):
        return "org", "", ""
    if len(rel) == 2 and path.suffix in YAML_SUFFIXES:
        return "team", rel[0], path.stem
    return "stray", "", path.stem


def discover(root: Path) -> list[Path]:
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(
            Path(folder, name)
            for name in sorted(files)
            if name.endswith(YAML_SUFFIXES) and not name.startswith(".")
        )
    return found


def read(path: Path, root: Path, display: str, limits: Limits) -> Document:
    kind, folder, stem = classify(root, path)
    doc = Document(path=path, display=display, kind=kind, folder=folder, stem=stem)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        doc.load_error = LoadError(1, 1, f"cannot read the file: {exc.strerror}")
        return doc
    if len(raw) > limits.max_bytes:
        doc.load_error = LoadError(
            1, 1, f"the file is larger than {limits.max_bytes} bytes; split it or shorten it"
        )
        return doc
    try:
        doc.text = decode(raw)
        doc.data = load(doc.text, limits)
    except LoadError as exc:
        doc.load_error = exc
    return doc


def open_workspace(root: Path, displays: dict[Path, str], limits: Limits) -> Workspace:
    """Load every file under `root`; `displays` maps resolved paths to how they are shown."""
    docs = []
    for path in discover(root):
        resolved = path.resolve()
        display = displays.get(resolved, path.as_posix())
        docs.append(read(path, root, display, limits))
    return Workspace(root=root, documents=docs)


def whole_tree(okrs: Path) -> dict[Path, str]:
    """Every file of an okrs/ folder, shown as `okrs/<period>/<team>.yaml` (the site's and
    `okr build`'s view, whatever the folder is called or wherever it lives)."""
    return {p.resolve(): f"okrs/{p.relative_to(okrs).as_posix()}" for p in discover(okrs)}


def targets_for(args: list[str]) -> dict[Path, dict[Path, str]]:
    """Group command-line paths by their okrs root, mapping each file to its display path."""
    groups: dict[Path, dict[Path, str]] = {}
    for arg in args:
        given = Path(arg)
        if not given.exists():
            raise UsageError(f"{arg}: no such file or directory")
        root = find_root(given.resolve())
        if root is None:
            raise UsageError(
                f"{arg}: no {ORG_FILE} here or in a parent folder; "
                "point okr check at an okrs/ folder"
            )
        shown = groups.setdefault(root, {})
        if given.is_dir():
            for path in discover(given):
                rel = path.relative_to(given).as_posix()
                display = rel if arg in (".", "./") else f"{arg.rstrip('/')}/{rel}"
                shown.setdefault(path.resolve(), display)
        else:
            shown.setdefault(given.resolve(), arg)
    return groups
