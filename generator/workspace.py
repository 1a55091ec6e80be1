"""Find and load the files of an `okrs/` tree: org.yaml and okrs/<period>/<team>.yaml."""

from __future__ import annotations

import functools
import os
import stat
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from yaml.nodes import Node

from . import forking, parsecache
from .errors import UsageError
from .fsread import Refused, check_link, read_regular, unreadable
from .loader import Limits, LoadError, decode, load_tree
from .progress import Progress
from .said import Message, say

Kind = Literal["org", "team", "stray"]
ORG_FILE = "org.yaml"
YAML_SUFFIXES = (".yaml", ".yml")
# Team files are okrs/<period>/<team>.yaml; anything deeper is misplaced. Folders are not
# searched beyond this depth, so a deep tree costs nothing (the folder is reported instead).
MAX_FOLDER_DEPTH = 8


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
    refused: bool = False  # not a file we read (a link out, a FIFO, a folder link...)
    # For a team file that fails the schema: what rules can still read (see `readable`).
    sound_header: bool = False
    sound_objectives: frozenset[int] = frozenset()
    sound_key_results: frozenset[tuple[int, int]] = frozenset()
    extras: dict[str, Any] = field(default_factory=dict)
    # every mapping key in the file, at any depth, as it was loaded (None: not known)
    keys: frozenset[str] | None = None
    # the node tree the data was built from, kept only while the file is checked right after
    # it is read (positions without a second parse); never for a whole tree of files
    tree: Node | None = None

    @property
    def loaded(self) -> bool:
        return self.load_error is None

    @property
    def readable(self) -> bool:
        """Whether rules that read OKR content can check this document: it is schema-valid,
        or it is a team file whose header is sound (then they read its sound parts only)."""
        return self.valid or (self.kind == "team" and self.sound_header)

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
    here = (start if start.is_dir() else start.parent).resolve()
    for folder in (here, *here.parents):
        if os.path.lexists(folder / ORG_FILE):  # a FIFO or a link is reported, not skipped
            return folder
    return None


def classify(root: Path, path: Path) -> tuple[Kind, str, str]:
    rel = path.relative_to(root).parts
    if rel == (ORG_FILE,):
        return "org", "", ""
    if len(rel) == 2 and path.suffix in YAML_SUFFIXES:
        return "team", rel[0], path.stem
    return "stray", "", path.stem


def discover(root: Path, max_files: int | None = None) -> list[Path]:
    """The YAML files under `root`, sorted, plus what must be reported rather than read:
    links to folders, folders nested too deep. Iterative: no depth reaches the recursion
    limit, and no link to a folder is followed."""
    found: list[Path] = []
    stack: list[tuple[Path, int]] = [(root, 0)]
    while stack:
        folder, depth = stack.pop()
        try:
            with os.scandir(folder) as entries:
                listing = sorted(entries, key=lambda e: e.name)
        except OSError:
            continue
        subfolders = []
        for entry in listing:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                is_link = entry.is_symlink()
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                continue
            if is_link and path.is_dir():
                found.append(path)  # reported: folders are read only when they are real
            elif is_dir:
                if depth + 1 >= MAX_FOLDER_DEPTH:
                    found.append(path)  # reported, not searched
                else:
                    subfolders.append((path, depth + 1))
            elif entry.name.endswith(YAML_SUFFIXES):
                found.append(path)
        stack.extend(reversed(subfolders))
    found.sort(key=lambda p: p.relative_to(root).parts)
    return found if max_files is None else found[: max_files + 1]


def _refusal(path: Path, root: Path) -> Message | None:
    """Why a discovered path is reported instead of read, or None for a file to read."""
    try:
        info = os.lstat(path)
    except OSError as exc:
        return unreadable(exc)
    if stat.S_ISLNK(info.st_mode):
        if path.is_dir():
            return say(
                "is a symbolic link to a folder; OKR folders are read only when they are real"
            )
        try:
            check_link(path, root)
        except Refused as exc:
            return exc.why
    elif stat.S_ISDIR(info.st_mode):
        return say(
            "is nested more than {depth} folders deep; OKR files live at "
            "okrs/<period>/<team>.yaml, so nothing below it is read",
            depth=MAX_FOLDER_DEPTH,
        )
    return None


def read(
    path: Path,
    root: Path,
    display: str,
    limits: Limits,
    text: str | None = None,
    keep_tree: bool = False,
) -> Document:
    """Load one file; `text`, when given, is its content instead of what is on disk (an edit
    checked before it is written); `keep_tree` keeps its node tree (see Document.tree)."""
    kind, folder, stem = classify(root, path)
    doc = Document(path=path, display=display, kind=kind, folder=folder, stem=stem)
    limits = _bounds(kind, limits)
    if text is not None:
        try:
            doc.text = text
            doc.data, doc.keys, tree = load_tree(text, limits)
            doc.tree = tree if keep_tree else None
        except LoadError as exc:
            doc.load_error = exc
        return doc
    refusal = _refusal(path, root)
    if refusal is not None:
        doc.refused = True
        doc.load_error = LoadError(1, 1, say("this path {why}", why=refusal))
        return doc
    try:
        raw = read_regular(path, limits.max_bytes, root)
    except Refused as exc:
        doc.refused = not exc.too_large
        doc.load_error = LoadError(1, 1, say("the file {why}", why=exc.why))
        return doc
    try:
        doc.text = decode(raw)
        parsed = None if keep_tree else parsecache.get(doc.text, limits)
        if parsed is not None:
            doc.data, doc.keys = parsed
        else:
            doc.data, doc.keys, tree = load_tree(doc.text, limits)
            doc.tree = tree if keep_tree else None
            if not keep_tree:
                parsecache.put(doc.text, limits, (doc.data, doc.keys))
    except LoadError as exc:
        doc.load_error = exc
    return doc


def open_workspace(
    root: Path,
    displays: dict[Path, str],
    limits: Limits,
    overrides: Mapping[Path, str] | None = None,
    keep_tree: bool = False,
    prepare: Callable[[Document], None] | None = None,
) -> Workspace:
    """Load every file under `root`; `displays` maps file keys (see `key`) to how they are
    shown. Past `limits.max_files`, the first file left out is reported and the rest ignored.

    `overrides` maps files under `root` to the text to check instead of what is on disk, for
    new files too: an authoring command checks its change before it writes anything.
    `keep_tree` keeps each file's node tree (see Document.tree); `prepare` is done to each
    document as it is read (in the worker that read it)."""
    texts = {key(path): text for path, text in (overrides or {}).items()}
    paths = reading_list(root, limits, overrides)
    progress = Progress("reading OKR files", min(len(paths), limits.max_files))
    docs = []
    if keep_tree or not forking.workers(len(paths), PARALLEL_READ):
        for index in range(len(paths)):
            docs.append(_load(index, paths, root, displays, limits, texts, prepare, keep_tree))
            progress.step()
    else:
        global _reading
        _reading = (paths, root, displays, limits, texts, prepare)
        try:
            for chunk in forking.in_chunks(_read_chunk, range(len(paths)), READ_CHUNK):
                for doc in chunk:
                    _adopt(doc, limits, texts)
                docs.extend(chunk)
                progress.step(len(chunk))
        finally:
            _reading = None
    progress.finish()
    return Workspace(root=root, documents=docs)


# Reading (parsing, or decoding what the parse cache kept) is most of a check's time: the
# files are read in forked workers, in order, and sent back whole. Not with `keep_tree`: a
# node tree is several times its file's memory, and only a few files keep one.
PARALLEL_READ = 50
READ_CHUNK = 25
_reading: (
    tuple[
        list[Path],
        Path,
        Mapping[Path, str],
        Limits,
        dict[Path, str],
        Callable[[Document], None] | None,
    ]
    | None
) = None


def _read_chunk(indexes: Iterable[int]) -> list[Document]:
    assert _reading is not None
    return [_load(index, *_reading) for index in indexes]


def _load(
    index: int,
    paths: list[Path],
    root: Path,
    displays: Mapping[Path, str],
    limits: Limits,
    texts: Mapping[Path, str],
    prepare: Callable[[Document], None] | None,
    keep_tree: bool = False,
) -> Document:
    """The `index`th file of `paths`, read (its text from `texts` when given) and prepared."""
    path = paths[index]
    doc = document(index, path, root, displays, limits, texts.get(key(path)), keep_tree)
    if prepare is not None:
        prepare(doc)
    return doc


def _adopt(doc: Document, limits: Limits, texts: Mapping[Path, str]) -> None:
    """What a worker parsed or took from the parse cache is this process's too: it stays
    kept for the next check, as if read here."""
    if doc.text is not None and doc.loaded and key(doc.path) not in texts:
        parsecache.adopt(doc.text, _bounds(doc.kind, limits), (doc.data, doc.keys))


def _bounds(kind: Kind, limits: Limits) -> Limits:
    return limits.for_org() if kind == "org" else limits


def release(documents: Iterable[Document]) -> None:
    """Let the documents' text and data go: once the site's model is made from them, a
    10,000-team company's files would take more memory than its pages."""
    for doc in documents:
        doc.text = doc.data = doc.keys = doc.tree = None


def reading_list(
    root: Path, limits: Limits, overrides: Mapping[Path, str] | None = None
) -> list[Path]:
    """The files under `root` in reading order (new files of `overrides` among them), up to
    one past `limits.max_files`: that one is reported as the first left out."""
    paths = discover(root, limits.max_files)
    known = {key(path) for path in paths}
    added = [path for path in overrides or {} if key(path) not in known]
    if added:
        paths = sorted([*paths, *added], key=lambda p: p.relative_to(root).parts)
    return paths[: limits.max_files + 1]


def document(
    index: int,
    path: Path,
    root: Path,
    displays: Mapping[Path, str],
    limits: Limits,
    text: str | None = None,
    keep_tree: bool = False,
) -> Document:
    """The `index`th file of the reading list, loaded (or the first one past the limit)."""
    display = displays.get(key(path), path.as_posix())
    if index >= limits.max_files:
        return _too_many(path, root, display, limits.max_files)
    return read(path, root, display, limits, text, keep_tree)


def _too_many(path: Path, root: Path, display: str, limit: int) -> Document:
    kind, folder, stem = classify(root, path)
    return Document(
        path=path,
        display=display,
        kind=kind,
        folder=folder,
        stem=stem,
        refused=True,
        load_error=LoadError(
            1,
            1,
            say(
                "the OKR folder holds more than {limit} files; this one and the rest are "
                "not read (archive old periods elsewhere, or raise the syntax rule's "
                "max-files)",
                limit=limit,
            ),
        ),
    )


def key(path: Path) -> Path:
    """How a file is identified: its folder resolved, its own name kept (a link stays itself)."""
    absolute = Path(os.path.abspath(path))
    return _resolved(absolute.parent) / absolute.name


@functools.lru_cache(maxsize=4096)
def _resolved(folder: Path) -> Path:
    # every file of a folder shares its resolution (a system call per path component);
    # forget_folders() clears it when a command starts, as links may have changed since
    return folder.resolve()


def forget_folders() -> None:
    """Resolve folders afresh (a long-running process: `okr serve`, the tests), and keep
    parsed files of this check and the last one only."""
    _resolved.cache_clear()
    parsecache.next_check()


def whole_tree(okrs: Path, added: Iterable[Path] = ()) -> dict[Path, str]:
    """Every file of an okrs/ folder (and the `added` ones not written yet), shown as
    `okrs/<period>/<team>.yaml`: the site's and `okr build`'s view, whatever the folder is
    called or wherever it lives."""
    return {key(p): f"okrs/{p.relative_to(okrs).as_posix()}" for p in (*discover(okrs), *added)}


CONFIG_FILE = "okr-check.yaml"  # beside the OKR folder (config.py reads it)


def _whole_tree_shown(root: Path, shown: dict[Path, str]) -> None:
    """Add every file of the tree, shown relative to the current folder."""
    for path in discover(root):
        shown.setdefault(key(path), os.path.relpath(path))


def targets_for(args: list[str]) -> dict[Path, dict[Path, str]]:
    """Group command-line paths by their okrs root, mapping each file to its display path.

    Given org.yaml or okr-check.yaml (pre-commit passes only the changed files), the whole
    tree is reported on: removing a person from org.yaml can break eleven other files."""
    groups: dict[Path, dict[Path, str]] = {}
    for arg in args:
        given = Path(arg)
        if not given.exists() and not given.is_symlink():
            raise UsageError(f"{arg}: no such file or directory")
        if given.name == CONFIG_FILE and not given.is_dir():
            beside = key(given).parent
            root = next(
                (f.resolve() for f in sorted(beside.iterdir()) if (f / ORG_FILE).is_file()), None
            )
            if root is None:
                raise UsageError(f"{arg}: no OKR folder (with {ORG_FILE}) beside it")
            _whole_tree_shown(root, groups.setdefault(root, {}))
            continue
        root = find_root(given if given.is_dir() else key(given).parent)
        if root is None and given.is_dir() and (given / "okrs" / ORG_FILE).is_file():
            # the repository's root ("okr check ." there): its okrs/ folder
            given = given / "okrs"
            arg = "okrs" if arg in (".", "./") else f"{arg.rstrip('/')}/okrs"
            root = find_root(given)
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
                shown.setdefault(key(path), display)
        else:
            shown.setdefault(key(given), arg)
            if given.name == ORG_FILE:
                _whole_tree_shown(root, shown)
    return groups
