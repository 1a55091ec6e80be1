"""Where a build may keep what it can compute again (drawn charts, matplotlib's font list).

The cache is an optimisation, never a requirement: a read-only checkout, an unwritable home or
no HOME at all must still build. The first folder that can really be written is used:

1. `.cache/okr` beside `mkdocs.yml` (what CI caches between runs);
2. the user's cache folder (`$XDG_CACHE_HOME`, else `~/.cache`), under `okr/<project>`;
3. a private folder of this user in the system's temporary folder;

else nothing is cached. A cached chart is published as it is, so a cache folder must be the
user's own: a folder owned by someone else (a shared /tmp) or reached through a symbolic link
is never used.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
from pathlib import Path

PROJECT_CACHE = Path(".cache") / "okr"


def _own_folder(folder: Path) -> bool:
    """The folder exists (made private when created here), is ours, is no link, and a file
    can be written in it."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        info = os.lstat(folder)
    except OSError:
        return False
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        return False
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return False
    try:
        fd, name = tempfile.mkstemp(prefix=".probe-", dir=folder)
    except OSError:
        return False
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(name)
    return True


def _no_links_below(folder: Path, top: Path) -> bool:
    here = Path(os.path.abspath(folder))
    root = Path(os.path.abspath(top))
    while here != root and root in here.parents:
        if here.is_symlink():
            return False
        here = here.parent
    return True


def _user_cache() -> Path | None:
    configured = os.environ.get("XDG_CACHE_HOME")
    if configured and os.path.isabs(configured):
        return Path(configured)
    try:
        return Path.home() / ".cache"
    except (RuntimeError, KeyError, OSError):
        return None


def private_temp() -> Path | None:
    """This user's own folder in the system's temporary folder, or None."""
    uid = os.getuid() if hasattr(os, "getuid") else 0
    base = Path(tempfile.gettempdir()) / f"okr-{uid}"
    return base if _own_folder(base) else None


def cache_folder(project: Path) -> Path | None:
    """The folder for this project's cache, or None when nothing can be written anywhere."""
    local = project / PROJECT_CACHE
    if _no_links_below(local, project) and _own_folder(local):
        return local
    name = hashlib.sha256(os.fsencode(os.path.abspath(project))).hexdigest()[:16]
    user = _user_cache()
    if user is not None and _own_folder(user / "okr") and _own_folder(user / "okr" / name):
        return user / "okr" / name
    temp = private_temp()
    return temp / name if temp is not None and _own_folder(temp / name) else None


def store(path: Path, data: bytes) -> None:
    """Write a cache file atomically: an interrupted build never leaves half an entry. The
    cache only saves time: a full disk or a folder that turned read-only loses nothing."""
    partial = path.with_suffix(f".{os.getpid()}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        os.replace(partial, path)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink()


def prune(folder: Path | None, suffix: str, keep: set[str]) -> None:
    """Remove the entries (files named `*<suffix>`) of `folder` that are not in `keep`: what
    the last build neither read nor wrote is of no use to the next."""
    if folder is None or not folder.is_dir():
        return
    for path in folder.iterdir():
        if path.name.endswith(suffix) and path.name not in keep:
            with contextlib.suppress(OSError):
                path.unlink()
