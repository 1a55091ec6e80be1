"""`okr init --update DIR [--tool SOURCE] [--index-url URL]`: bring a company repository to this
version of the tool, or switch where it gets the tool from.

Nothing in the repository is trusted: `.okr/manifest.json` is data that a pull request can
change, so it is read within a size limit and validated exactly like the command line (a
`tool` that smuggles in `--extra-index-url` is refused, not written into
okr-requirements.txt). Only the files this version generates are written, at their fixed
paths, never through a symbolic link anywhere below DIR. A generated file is rewritten only
while it is as recorded; a file the company edited, or one at a generated path that was never
recorded, is left as it is: the new version is written beside it as `<name>.okr-new` and
the difference between the two is printed, to merge by hand. The company's own files
(`okrs/`, CODEOWNERS) are never touched.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import sys
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import Any

from . import __version__, outputs, toolsource
from .errors import UsageError
from .fsread import Refused, read_regular
from .scaffold import MANIFEST, Params, adopt_wheel, digest, generated_files, manifest_text

NEW = ".okr-new"
MAX_MANIFEST = 1024 * 1024
MAX_FILE = 128 * 1024 * 1024  # a generated file or a committed wheel
_SHA256 = re.compile(r"[0-9a-f]{64}\Z")
_VERSION = re.compile(r"[0-9]+(\.[0-9]+){1,3}([A-Za-z0-9.+-]{0,20})\Z")


def _refuse(message: str) -> UsageError:
    return UsageError(f"{MANIFEST}: {message}; it is not as okr init wrote it (restore it from "
                      "git history, or run okr init in a new folder)")  # fmt: skip


def _in_repository(root: Path, relative: str) -> Path:
    """`root/relative`, refusing a symbolic link at any step below `root`."""
    path = root
    for part in PurePosixPath(relative).parts:
        if part in ("", ".", ".."):
            raise UsageError(f"{relative}: not a path inside the repository")
        path = path / part
        if path.is_symlink():
            raise UsageError(
                f"{path} is a symbolic link; okr init --update never writes through one "
                "(replace it with the real folder or file)"
            )
    return path


def read_manifest(root: Path) -> tuple[Params, str, dict[str, str]]:
    """The parameters, version and recorded hashes of a repository okr init made."""
    path = _in_repository(root, MANIFEST)
    try:
        data: Any = json.loads(read_regular(path, MAX_MANIFEST).decode("utf-8"))
    except Refused as exc:
        raise UsageError(
            f"{path}: not a repository made by okr init (the manifest {exc})"
        ) from None
    except (UnicodeDecodeError, ValueError):
        raise _refuse("not valid JSON") from None
    if not isinstance(data, dict):
        raise _refuse("not a JSON object")
    version, raw, files = data.get("version"), data.get("params"), data.get("files")
    if not isinstance(version, str) or not _VERSION.fullmatch(version):
        raise _refuse("`version` is not a version number")
    if not isinstance(raw, dict) or not isinstance(files, dict):
        raise _refuse("`params` and `files` must be objects")
    if any(not isinstance(k, str) or not isinstance(v, str) or not _SHA256.fullmatch(v)
           for k, v in files.items()):  # fmt: skip
        raise _refuse("`files` must map paths to SHA-256 hashes")
    owners = raw.get("owners", [])
    text = {k: raw.get(k) for k in ("company", "language", "timezone", "visibility", "tool")}
    index_url = raw.get("index_url")
    if (any(not isinstance(v, str) for v in text.values())
            or not isinstance(owners, list) or not all(isinstance(o, str) for o in owners)
            or not (index_url is None or isinstance(index_url, str))):  # fmt: skip
        raise _refuse("`params` holds a value of the wrong type")
    params = Params(
        str(text["company"]), str(text["language"]), str(text["timezone"]),
        str(text["visibility"]), tuple(owners), str(text["tool"]), index_url or None,
    )  # fmt: skip
    try:
        params.check()
    except UsageError as exc:  # the command line's own checks, on data a pull request wrote
        raise _refuse(str(exc).replace("--", "")) from None
    return params, version, dict(files)


def _current(path: Path) -> bytes | None:
    if not os.path.lexists(path):
        return None
    try:
        return read_regular(path, MAX_FILE)
    except Refused as exc:
        raise UsageError(f"{path} {exc}") from None


def _diff(relative: str, before: bytes, after: bytes, new_label: str) -> str:
    try:
        old, new = before.decode("utf-8"), after.decode("utf-8")
    except UnicodeDecodeError:
        return f"Binary files {relative} and {new_label} differ\n"
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), relative, new_label
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def update(target: Path, tool: str | None = None, index_url: str | None = None) -> int:
    """`index_url`: None keeps the recorded one, "" goes back to PyPI."""
    root = Path(os.path.abspath(target))
    params, version, recorded = read_manifest(root)
    if tool is not None:
        params = replace(params, tool=tool)
    elif params.tool == f"{toolsource.PROJECT}=={version}":  # the default pin moves with the tool
        params = replace(params, tool=f"{toolsource.PROJECT}=={__version__}")
    if index_url is not None:
        params = replace(params, index_url=index_url or None)
    params, blobs = adopt_wheel(params)
    params.check()
    fresh: dict[str, bytes] = {p: t.encode("utf-8") for p, t in generated_files(params).items()}
    fresh.update(blobs)
    changed, kept = 0, []
    for relative, data in sorted(fresh.items()):
        path = _in_repository(root, relative)
        current = _current(path)
        if current == data:
            recorded[relative] = digest(data)
            continue
        if current is not None and (
            relative not in recorded or digest(current) != recorded[relative]
        ):
            beside = _in_repository(root, relative + NEW)
            outputs.write_file(beside, data)
            sys.stdout.write(_diff(relative, current, data, relative + NEW))
            kept.append(relative)
            continue
        if current is not None:
            sys.stdout.write(_diff(relative, current, data, relative))
        else:
            print(f"new file: {relative}")
        outputs.write_file(path, data)
        recorded[relative] = digest(data)
        changed += 1
    dropped = _drop_old_wheels(root, recorded, fresh)
    outputs.write_file(_in_repository(root, MANIFEST),
                       manifest_text(params, recorded).encode("utf-8"))  # fmt: skip
    for relative in kept:
        print(f"left as is: {relative} was edited after okr init (or was never generated); "
              f"okr {__version__}'s version is beside it as {relative}{NEW}: merge the "
              f"difference shown above by hand, then delete {relative}{NEW}",
              file=sys.stderr)  # fmt: skip
    print(f"okr {__version__}: {changed} generated files updated, {len(kept)} edited ones left"
          + (f", {dropped} old wheel removed" if dropped else ""))  # fmt: skip
    print(f"the tool now comes from: {params.source.requirement}"
          + (f" (index {params.index_url})" if params.index_url else ""))  # fmt: skip
    return 0


def _drop_old_wheels(root: Path, recorded: dict[str, str], fresh: dict[str, bytes]) -> int:
    """A committed wheel that is no longer pinned is removed, if it is as okr init wrote it."""
    dropped = 0
    for relative in sorted(recorded):
        if not relative.startswith(toolsource.DIST + "/") or relative in fresh:
            continue
        path = _in_repository(root, relative)
        current = _current(path)
        if current is not None and digest(current) == recorded[relative]:
            path.unlink()
            dropped += 1
        del recorded[relative]
    return dropped
