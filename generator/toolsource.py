"""Where a company repository gets the tool: the one line of `okr-requirements.txt` that the
workflows and pre-commit install.

Three kinds of source, each given to `okr init --tool` (and kept in `.okr/manifest.json`):

- a release on a package index: `okr-pipeline==0.3.0` (PyPI, or a private index given with
  `--index-url`, which then serves every dependency too);
- a git URL at a tag: `okr-pipeline @ git+https://github.com/acme/okr-pipeline@v0.3.0`;
- a wheel committed to the company repository: a path to `okr_pipeline-<version>-*.whl`;
  `okr init` copies the file into `.okr/dist/` and pins that path.

A source is one requirement and nothing else: no pip option (`--extra-index-url` would let
any index serve a package of the same name), no second requirement, no environment marker.
The manifest is data a pull request can change, so it is validated exactly like the
command line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from .errors import UsageError
from .textsafe import quote

PROJECT = "okr-pipeline"
DIST = ".okr/dist"  # where a committed wheel lives in a company repository
_WHEEL = re.compile(r"okr_pipeline-[0-9][0-9A-Za-z.+!_-]*\.whl\Z")
_URL_SCHEMES = ("git+https", "git+ssh", "git+file", "https", "file")
_MAX = 500


@dataclass(frozen=True)
class Source:
    kind: str  # index | url | wheel
    text: str  # as given (a wheel: its path inside the repository)

    @property
    def requirement(self) -> str:
        """The line of okr-requirements.txt."""
        return f"./{self.text}" if self.kind == "wheel" else self.text


def wheel_path(name: str) -> str:
    return f"{DIST}/{name}"


def is_wheel(text: str) -> bool:
    return text.endswith(".whl")


def committed(text: str) -> bool:
    """Whether a wheel source already names the copy in the repository."""
    return PurePosixPath(text.removeprefix("./")).parent.as_posix() == DIST


def check_wheel_name(given: str) -> str:
    """The file name of a wheel named on the command line, if it is the tool's."""
    name = PurePosixPath(given.replace("\\", "/")).name
    if not _WHEEL.fullmatch(name):
        raise UsageError(
            f"--tool {quote(given)}: the tool's wheel is named okr_pipeline-<version>-...whl"
        )
    return name


def parse(text: str) -> Source:
    """The source `text` names, or UsageError saying why it is not one."""
    if not isinstance(text, str) or not text.strip() or len(text) > _MAX or "\n" in text:
        raise UsageError(f"--tool must be one requirement, at most {_MAX} characters")
    text = text.strip()
    if text.startswith("-"):
        raise UsageError(
            f"--tool {quote(text)}: a pip option is not a source; give the requirement alone "
            "(use --index-url for a private index)"
        )
    if is_wheel(text):
        path = PurePosixPath(text.removeprefix("./"))
        if path.parent.as_posix() != DIST or not _WHEEL.fullmatch(path.name):
            raise UsageError(
                f"--tool {quote(text)}: a committed wheel is {DIST}/okr_pipeline-<version>-"
                "...whl (okr init copies the one you name there)"
            )
        return Source("wheel", path.as_posix())
    try:
        requirement = Requirement(text)
    except InvalidRequirement as exc:
        raise UsageError(f"--tool {quote(text)} is not a pip requirement: {exc}") from None
    if canonicalize_name(requirement.name) != PROJECT:
        raise UsageError(f"--tool {quote(text)} does not install {PROJECT}")
    if requirement.marker is not None:
        raise UsageError(f"--tool {quote(text)}: leave out the environment marker")
    if requirement.url:
        scheme = urlsplit(requirement.url).scheme
        if scheme not in _URL_SCHEMES or any(c.isspace() for c in requirement.url):
            raise UsageError(
                f"--tool {quote(text)}: the URL must start with one of "
                + ", ".join(f"{s}://" for s in _URL_SCHEMES)
            )
        return Source("url", text)
    if not requirement.specifier:
        raise UsageError(f"--tool {quote(text)}: pin a version, e.g. {PROJECT}==0.3.0")
    return Source("index", text)


def check_index_url(url: str | None) -> None:
    """A private index for `--index-url`: an http(s) address without credentials (those come
    from pip's keyring or netrc support, or the PIP_INDEX_URL secret, never the repository)."""
    if url is None:
        return
    parts = urlsplit(url)
    if (
        parts.scheme not in ("https", "http")
        or not parts.hostname
        or len(url) > _MAX
        or any(c.isspace() for c in url)
    ):
        raise UsageError(f"--index-url {quote(url)} is not an http(s) address")
    if parts.username or parts.password:
        raise UsageError(
            "--index-url must not hold a user or password: it is committed to the "
            "repository; give pip the credentials through keyring, netrc or PIP_INDEX_URL"
        )
