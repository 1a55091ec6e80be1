"""What a built site was made from, so that `okr build` with nothing changed does nothing.

A build records, in the project's cache folder, a fingerprint of everything its output depends
on, and a snapshot of the output folder it wrote (each file's path, size and modification
time). When the next build finds the same fingerprint and the output folder as it was left,
the site it would build is the one already there, byte for byte (builds are deterministic),
so it says so and stops: no check, no MkDocs, no write.

The fingerprint covers the OKR folder and the files outside it that the checker reads
(okr-check.yaml and okr-sources.yaml beside it, CODEOWNERS at its repository's root),
mkdocs.yml, the docs folder and a theme's custom_dir, the MkDocs settings as loaded (what an
INHERIT file and !ENV values gave them), how the search index is made (Pagefind's settings),
the git commit the "What changed" page reads (the OKR folder's repository's), "today", the
build's options, and the tool itself: its version and every file of the package (templates, theme,
schemas), and the version of every installed distribution (MkDocs plugins included). Anything
else changes nothing in the output. A stamp that cannot be read or written is no stamp: the
build simply runs.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from . import __version__, codeowners, gitio

PACKAGE = Path(__file__).resolve().parent
STAMP = "last-build.json"


def _tree(digest: hashlib._Hash, folder: Path, label: str) -> None:
    """Every file below `folder` (links followed, as the build follows them), by path and
    content, in a fixed order."""
    if not folder.exists():
        digest.update(f"{label}:absent\0".encode())
        return
    if folder.is_file():
        digest.update(f"{label}:file\0".encode())
        digest.update(folder.read_bytes())
        return
    for root, dirs, files in os.walk(folder, followlinks=True):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")  # compiled copies of sources
        for name in sorted(files):
            path = Path(root, name)
            rel = path.relative_to(folder).as_posix()
            digest.update(f"{label}/{rel}\0".encode("utf-8", "surrogateescape"))
            try:
                digest.update(hashlib.sha256(path.read_bytes()).digest())
            except OSError as exc:
                digest.update(f"unreadable {exc.errno}".encode())


def _distributions() -> list[str]:
    """Every installed distribution, as its metadata folder names it (`name-version.dist-info`):
    the folder names, not each METADATA file parsed (a quarter of a second a build). The
    working directory's entry of sys.path is left out: where `okr` runs from is no part of it."""
    found: set[str] = set()
    for entry in sys.path:
        if not entry:
            continue
        try:
            with os.scandir(entry) as listing:
                found.update(
                    e.name for e in listing if e.name.endswith((".dist-info", ".egg-info"))
                )
        except OSError:
            continue
    return sorted(found)


def tree(folder: Path) -> str:
    """A digest of every file below `folder` by path and content (or of the file itself)."""
    digest = hashlib.sha256()
    _tree(digest, folder, "tree")
    return digest.hexdigest()


@functools.cache
def tool() -> str:
    """The tool itself: its version, every file of the package (code, templates, theme,
    schemas) and every installed distribution's version (once per process)."""
    digest = hashlib.sha256()
    digest.update(json.dumps([__version__, sys.version]).encode())
    _tree(digest, PACKAGE, "package")
    digest.update("\n".join(_distributions()).encode())
    return digest.hexdigest()


def checker_files(okrs: Path) -> list[tuple[str, Path]]:
    """The files outside the OKR folder that checking it reads, where it reads them: the
    rule settings and the data sources beside it, and CODEOWNERS at its repository's root
    (which is not beside it when the OKR folder is deeper in the repository)."""
    return [
        ("okr-check.yaml", okrs.parent / "okr-check.yaml"),
        ("okr-sources.yaml", okrs.parent / "okr-sources.yaml"),
        ("CODEOWNERS", codeowners.location(okrs)),
    ]


def fingerprint(
    okrs: Path,
    inputs: Iterable[Path],
    day: str,
    options: dict[str, object],
    settings: Iterable[str] = (),
) -> str:
    """`inputs`: files and folders the site is made from besides the OKRs (mkdocs.yml, the
    docs, a theme's folder); `settings`: digests of what else it reads (the MkDocs settings
    as loaded, with what INHERIT and !ENV gave them; how the search index is made)."""
    digest = hashlib.sha256()
    data = [__version__, sys.version, day, options, list(settings)]
    digest.update(json.dumps(data, sort_keys=True).encode())
    _tree(digest, okrs, "okrs")
    for name, path in checker_files(okrs):
        _tree(digest, path, name)
    for index, path in enumerate(inputs):
        _tree(digest, path, f"input{index}")
    digest.update(tool().encode())
    try:  # the commit the "What changed" page reads: the OKR folder's repository's
        head = gitio.git(["rev-parse", "HEAD"], okrs).strip()
    except gitio.GitError:
        head = b"no git"
    digest.update(head)
    return digest.hexdigest()


def snapshot(site: Path) -> str | None:
    """The output folder as it is: every file's path, size and modification time."""
    if not site.is_dir():
        return None
    digest = hashlib.sha256()
    for root, dirs, files in os.walk(site):
        dirs.sort()
        for name in sorted(files):
            path = Path(root, name)
            info = path.lstat()
            rel = path.relative_to(site).as_posix()
            entry = f"{rel}\0{info.st_size}\0{info.st_mtime_ns}\0"
            digest.update(entry.encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _key(site: Path) -> str:
    return hashlib.sha256(os.fsencode(os.path.abspath(site))).hexdigest()[:16]


def unchanged(cache: Path | None, site: Path, inputs: str) -> dict[str, str] | None:
    """The stamp of the last build into `site`, when it was made from these inputs and the
    folder is as that build left it."""
    if cache is None:
        return None
    try:
        stamp = json.loads((cache / STAMP).read_text(encoding="utf-8")).get(_key(site))
    except (OSError, ValueError, AttributeError):
        return None
    if not isinstance(stamp, dict) or stamp.get("inputs") != inputs:
        return None
    return stamp if stamp.get("site") == snapshot(site) else None


def record(cache: Path | None, site: Path, inputs: str, report: str, day: str) -> None:
    if cache is None:
        return
    path = cache / STAMP
    try:
        stamps = json.loads(path.read_text(encoding="utf-8"))
        stamps = stamps if isinstance(stamps, dict) else {}
    except (OSError, ValueError):
        stamps = {}
    stamps[_key(site)] = {"inputs": inputs, "site": snapshot(site), "report": report, "day": day}
    partial = path.with_suffix(f".{os.getpid()}.part")
    with contextlib.suppress(OSError):
        partial.write_text(json.dumps(stamps, sort_keys=True), encoding="utf-8")
        os.replace(partial, path)


def forget(cache: Path | None, site: Path) -> None:
    """A build that failed leaves no stamp for its folder."""
    if cache is None:
        return
    path = cache / STAMP
    with contextlib.suppress(OSError, ValueError, AttributeError):
        stamps = json.loads(path.read_text(encoding="utf-8"))
        if stamps.pop(_key(site), None) is not None:
            path.write_text(json.dumps(stamps, sort_keys=True), encoding="utf-8")
