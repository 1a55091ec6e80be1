"""The state of a GitHub issue or pull request, for an initiative whose `url` names one.

`okr sync` keeps such an initiative's `status` current from it (the mapping is `new_status`).
The API's base URL comes from GITHUB_API_URL, so GitHub Enterprise and tests work, and the
token from OKR_GITHUB_TOKEN, GITHUB_TOKEN or GH_TOKEN. Nothing is fetched but the issue or pull
request itself, once per work item; the token goes only to the API's own origin (a redirect
elsewhere is refused, not followed) and over https unless the API is on this machine; no
message ever holds it.
"""

from __future__ import annotations

import datetime as dt
import http
import http.client
import json
import re
import time
import unicodedata
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from email.message import Message
from typing import IO, Any
from urllib.parse import SplitResult, urlsplit

from .. import __version__
from .deadline import Deadline

__all__ = [
    "DEFAULT_API",
    "DEFAULT_SERVER",
    "DEFAULT_TIMEOUT",
    "MAX_BYTES",
    "TOKEN_VARIABLES",
    "GitHubError",
    "RemoteState",
    "Work",
    "fetch_state",
    "new_status",
    "parse_url",
    "states",
    "token_from",
]

DEFAULT_API = "https://api.github.com"
DEFAULT_SERVER = "https://github.com"
# The first one set wins: a token just for okr sync, then the ones workflows and gh set.
TOKEN_VARIABLES = ("OKR_GITHUB_TOKEN", "GITHUB_TOKEN", "GH_TOKEN")
DEFAULT_TIMEOUT = 20.0  # seconds, for each request as a whole
MAX_BYTES = 2 * 1024 * 1024  # an issue is a few kilobytes; more is not GitHub answering

# GitHub account names are letters, digits and hyphens (managed users add `_shortcode`);
# repository names add dots and underscores. Old accounts break today's rules on hyphens
# and length, so only the characters are held to: they are what keeps a URL path exact.
_OWNER = r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}"
_REPO = r"[A-Za-z0-9._-]{1,100}"
_NUMBER = r"[1-9][0-9]{0,8}"  # positive, below 10**9: no leading zeros, no sign
_WORK_PATH = re.compile(
    rf"/(?P<owner>{_OWNER})/(?P<repo>{_REPO})/(?P<kind>issues|pull)/(?P<number>{_NUMBER})/?"
)
# Plain http is for a fake API in tests or a proxy on the same machine, never for a token
# that crosses a network.
_LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Printable ASCII without spaces: what GitHub's tokens are made of, and what cannot split or
# forge a header line.
_TOKEN = re.compile(r"[\x21-\x7e]+")
_CHUNK = 64 * 1024
_MESSAGE_MAX = 300


class GitHubError(Exception):
    """GitHub could not say what state a work item is in. The message is one line, names no
    token, and says what to do when there is something to do.

    `stops`: every other request would meet the same error (a refused token, the rate limit,
    an API that cannot be reached or does not answer in time), so `states` asks no more."""

    def __init__(self, message: str, *, stops: bool = False) -> None:
        super().__init__(_one_line(message))
        self.stops = stops


def _one_line(text: str) -> str:
    # GitHub's own words go into some messages: no line breaks or control characters from
    # them reach a terminal or a pull-request comment
    text = "".join(" " if unicodedata.category(c)[0] in "CZ" else c for c in text)
    text = " ".join(text.split())
    return text if len(text) <= _MESSAGE_MAX else text[: _MESSAGE_MAX - 1] + "…"


# --- URLs of work items --------------------------------------------------------------------


@dataclass(frozen=True)
class Work:
    """An issue or pull request, as an initiative's `url` names it."""

    owner: str
    repo: str
    number: int
    pull: bool

    def __post_init__(self) -> None:
        # a Work made by hand gets the same checks as one read from a URL: its parts go
        # into the API's URL path as they are
        if not (
            isinstance(self.owner, str)
            and re.fullmatch(_OWNER, self.owner)
            and isinstance(self.repo, str)
            and re.fullmatch(_REPO, self.repo)
            and self.repo not in (".", "..")
            and type(self.number) is int
            and 0 < self.number < 10**9
        ):
            raise ValueError(
                f"not a GitHub work item: {self.owner!r}/{self.repo!r}#{self.number!r}"
            )

    @property
    def ref(self) -> str:
        """`owner/repo#12`, as GitHub writes a reference."""
        return f"{self.owner}/{self.repo}#{self.number}"

    @property
    def api_path(self) -> str:
        return f"/repos/{self.owner}/{self.repo}/{'pulls' if self.pull else 'issues'}/{self.number}"

    @property
    def key(self) -> tuple[str, str, int, bool]:
        """The same for every URL of this item (GitHub's names ignore case)."""
        return self.owner.lower(), self.repo.lower(), self.number, self.pull


def _origin(parts: SplitResult) -> tuple[str, str, int] | None:
    """(scheme, host, port) of an http(s) URL without user information; None otherwise.
    Raises ValueError for a port that is not a number."""
    if parts.scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    if parts.username is not None or parts.password is not None:
        return None
    port = parts.port
    return parts.scheme, parts.hostname.rstrip("."), port or _DEFAULT_PORTS[parts.scheme]


def _site(parts: SplitResult) -> tuple[str, int | None] | None:
    """(host, port) of an http(s) URL, the port None when it is its scheme's default: links
    to github.com are written with either scheme."""
    origin = _origin(parts)
    if origin is None:
        return None
    scheme, host, port = origin
    return host, None if port == _DEFAULT_PORTS[scheme] else port


def _clean(text: str) -> bool:
    return text.isprintable() and not any(c.isspace() for c in text)


def parse_url(url: str, server: str = DEFAULT_SERVER) -> Work | None:
    """The issue or pull request `url` names on `server` (https://github.com, or a GitHub
    Enterprise server's URL), or None for any other URL.

    Recognised: `<server>/OWNER/REPO/issues/N` and `<server>/OWNER/REPO/pull/N`, with an
    optional trailing slash, `?query` or `#fragment`; http or https alike, the host in any
    case. Anything else (another host, another page of the repository such as /pull/N/files,
    characters GitHub does not allow in names, a number that is not a positive integer below
    10**9) is not a work item."""
    if not isinstance(url, str) or not isinstance(server, str) or not _clean(url):
        return None
    try:
        parts, home = urlsplit(url), urlsplit(server.strip())
        site = _site(parts)
        if site is None or site != _site(home):
            return None
    except ValueError:
        return None
    prefix = home.path.rstrip("/")
    if not parts.path.startswith(prefix + "/"):
        return None
    match = _WORK_PATH.fullmatch(parts.path[len(prefix) :])
    if match is None or match["repo"] in (".", ".."):
        return None
    return Work(match["owner"], match["repo"], int(match["number"]), match["kind"] == "pull")


# --- the state of a work item --------------------------------------------------------------


@dataclass(frozen=True)
class RemoteState:
    """What GitHub says about an issue or pull request."""

    state: str  # "open" or "closed"
    # an issue's state_reason: completed, not_planned, duplicate, reopened, or None (closed
    # before GitHub kept reasons, or a pull request)
    reason: str | None
    merged: bool
    assigned: bool  # someone is assigned: the work has started
    pull: bool  # a pull request, also when the URL named it as an issue (/issues/N)


def new_status(current: str, state: RemoteState, pull: bool) -> str:
    """The initiative's status given GitHub's state; `current` is its status now ("planned"
    when it has none), `pull` whether its URL names a pull request.

    =============================================  ===========================================
    GitHub says                                    status
    =============================================  ===========================================
    pull request merged                            done
    pull request closed without merging            dropped
    pull request open (a draft too)                in_progress
    issue closed as completed, or with no reason   done
    issue closed as not planned                    dropped
    issue closed for another reason (duplicate)    unchanged: the work goes on elsewhere
    issue open and assigned                        in_progress: work has started
    issue open, status done or dropped             in_progress: it was reopened
    issue open otherwise                           unchanged: planned stays planned
    =============================================  ===========================================
    """
    if pull or state.pull:
        if state.merged:
            return "done"
        return "dropped" if state.state == "closed" else "in_progress"
    if state.state == "closed":
        if state.reason in (None, "completed"):
            return "done"
        return "dropped" if state.reason == "not_planned" else current
    if state.assigned or current in ("done", "dropped"):
        return "in_progress"
    return current


# --- fetching ------------------------------------------------------------------------------


class _SameOrigin(urllib.request.HTTPRedirectHandler):
    """Follows a redirect (a renamed or transferred repository) only within the API's origin:
    the request carries the token, and urllib would send it to any host."""

    def __init__(self, origin: tuple[str, str, int]) -> None:
        super().__init__()
        self.origin = origin

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        try:
            target = _origin(urlsplit(newurl))
        except ValueError:
            target = None
        if target != self.origin:
            fp.close()
            host = f"{target[1]}:{target[2]}" if target else "an address that is not http(s)"
            raise GitHubError(f"the API redirected to {host}, which is not followed")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _api_base(api: str, token: str | None) -> tuple[str, tuple[str, str, int]]:
    """The API's base URL without a trailing slash, and its origin."""
    wrong = GitHubError(
        "GITHUB_API_URL is not an http(s) URL like https://api.github.com "
        "(GitHub Enterprise: https://HOST/api/v3)",
        stops=True,
    )
    if not isinstance(api, str) or not _clean(api.strip()):
        raise wrong
    base = api.strip().rstrip("/")
    try:
        parts = urlsplit(base)
        origin = _origin(parts)
    except ValueError:
        raise wrong from None
    if origin is None or parts.query or parts.fragment:
        raise wrong
    if token is not None and origin[0] == "http" and origin[1] not in _LOOPBACK:
        raise GitHubError(
            "GITHUB_API_URL is plain http: the token is only sent over https", stops=True
        )
    return base, origin


def _checked_token(token: str | None) -> str | None:
    if token is None or not token.strip():
        return None
    token = token.strip()
    if not _TOKEN.fullmatch(token):
        raise GitHubError(
            "the GitHub token holds spaces, line breaks or other characters no token has",
            stops=True,
        )
    return token


def fetch_state(
    work: Work, api: str, token: str | None, timeout: float = DEFAULT_TIMEOUT
) -> RemoteState:
    """GitHub's state of `work`: GET {api}/repos/OWNER/REPO/issues/N, or /pulls/N for a pull
    request (which says whether it was merged). `token` is sent as a bearer token when given;
    without one only public repositories answer, 60 times an hour.

    Raises GitHubError for every failure: no answer within `timeout` seconds, HTTP errors
    (not found, refused token, rate limit), an answer that is not an issue or pull request
    as JSON, or one over MAX_BYTES."""
    checked: str | None = None
    try:
        checked = _checked_token(token)
        base, origin = _api_base(api, checked)
        headers = {
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28",
            "User-Agent": f"okr-pipeline/{__version__} (okr sync)",
        }
        if checked is not None:
            headers["Authorization"] = f"Bearer {checked}"
        request = urllib.request.Request(base + work.api_path, headers=headers)
        body = _get(request, origin, timeout, checked is not None)
        return _state(body, work)
    except GitHubError as exc:
        # GitHub's words and the reasons of errors are quoted in messages: none may carry it
        secret = checked or (token.strip() if isinstance(token, str) else "")
        if secret and secret in str(exc):
            raise GitHubError(str(exc).replace(secret, "***"), stops=exc.stops) from None
        raise


def _get(
    request: urllib.request.Request, origin: tuple[str, str, int], timeout: float, auth: bool
) -> bytes:
    host = origin[1]
    within = Deadline(timeout)
    opener = urllib.request.build_opener(_SameOrigin(origin), *within.handlers())
    return within.run(
        lambda: _read(opener, request, origin, timeout, auth),
        lambda: GitHubError(f"{host} did not answer within {timeout:g} s", stops=True),
    )


def _read(
    opener: urllib.request.OpenerDirector,
    request: urllib.request.Request,
    origin: tuple[str, str, int],
    timeout: float,
    auth: bool,
) -> bytes:
    host = origin[1]
    late = GitHubError(f"{host} did not answer within {timeout:g} s", stops=True)
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > MAX_BYTES:
                raise _too_big(host)
            chunks: list[bytes] = []
            size = 0
            # each read may wait `timeout`; the deadline stops an answer that trickles in
            while chunk := response.read1(_CHUNK):
                size += len(chunk)
                if size > MAX_BYTES:
                    raise _too_big(host)
                if time.monotonic() > deadline:
                    raise late
                chunks.append(chunk)
            return b"".join(chunks)
    except urllib.error.HTTPError as exc:
        with exc:
            raise _http_error(exc, host, auth) from None
    except TimeoutError:
        raise late from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise late from None
        raise GitHubError(f"cannot reach {host}: {exc.reason}", stops=True) from None
    except http.client.HTTPException as exc:
        raise GitHubError(f"{host} sent a broken answer ({type(exc).__name__})") from None
    except OSError as exc:
        raise GitHubError(f"cannot reach {host}: {exc.strerror or exc}", stops=True) from None


def _too_big(host: str) -> GitHubError:
    return GitHubError(f"{host} sent more than {MAX_BYTES // (1024 * 1024)} MB, not an issue")


def _http_error(exc: urllib.error.HTTPError, host: str, auth: bool) -> GitHubError:
    code = exc.code
    headers = exc.headers
    said = _github_message(exc)
    if code == 404:
        if auth:
            return GitHubError("not found, or the token cannot see it")
        return GitHubError(
            "not found, or it is private and no token was given "
            f"(set {TOKEN_VARIABLES[0]} or {TOKEN_VARIABLES[1]})"
        )
    if code == 410:
        return GitHubError("the issue was deleted (410 Gone)")
    if code == 401:
        return GitHubError(f"the token was refused (401{said}): it is wrong or expired", stops=True)
    limited = headers.get("x-ratelimit-remaining") == "0" or headers.get("retry-after")
    if code == 429 or (code == 403 and limited):
        return GitHubError(_rate_limited(headers, auth), stops=True)
    if code == 403:
        return GitHubError(f"forbidden (403{said}): the token lacks access to it")
    try:
        phrase = http.HTTPStatus(code).phrase
    except ValueError:
        phrase = "error"
    return GitHubError(f"{host} answered {code} {phrase}{said}")


def _github_message(exc: urllib.error.HTTPError) -> str:
    """`: GitHub's message` from an error's JSON body, or ""."""
    try:
        data = json.loads(exc.read(16 * 1024))
    except (OSError, ValueError, RecursionError, http.client.HTTPException):
        return ""
    message = data.get("message") if isinstance(data, dict) else None
    return f": {message}" if isinstance(message, str) and message.strip() else ""


def _rate_limited(headers: Message, auth: bool) -> str:
    text = "GitHub's rate limit is used up"
    reset = headers.get("x-ratelimit-reset", "")
    retry = headers.get("retry-after", "")
    if reset.isdigit() and headers.get("x-ratelimit-remaining") == "0":
        at = dt.datetime.fromtimestamp(int(reset), dt.UTC)
        text += f" until {at:%H:%M} UTC"
    elif retry.isdigit():
        text += f"; retry in {int(retry)} s"
    if not auth:
        text += f" (a token in {TOKEN_VARIABLES[0]} raises the limit)"
    return text


def _state(body: bytes, work: Work) -> RemoteState:
    try:
        data: Any = json.loads(body)
    except (ValueError, RecursionError):
        raise GitHubError("GitHub's answer is not JSON") from None
    state = data.get("state") if isinstance(data, dict) else None
    if state not in ("open", "closed"):
        kind = "a pull request" if work.pull else "an issue"
        raise GitHubError(f"GitHub's answer is not {kind} (no open or closed state)")
    reason = data.get("state_reason")
    assignees = data.get("assignees")
    assigned = bool(assignees) if isinstance(assignees, list) else bool(data.get("assignee"))
    if work.pull:
        merged = data.get("merged") is True or isinstance(data.get("merged_at"), str)
        return RemoteState(state, None, merged, assigned, True)
    # an /issues/N URL may name a pull request: the issues API says so, and when it merged
    pull_request = data.get("pull_request")
    pull = isinstance(pull_request, dict)
    merged = pull and isinstance(pull_request.get("merged_at"), str)
    return RemoteState(state, reason if isinstance(reason, str) else None, merged, assigned, pull)


# --- every initiative at once --------------------------------------------------------------


def token_from(environ: Mapping[str, str]) -> str | None:
    """The first of OKR_GITHUB_TOKEN, GITHUB_TOKEN and GH_TOKEN that is set and not empty."""
    for name in TOKEN_VARIABLES:
        value = environ.get(name, "").strip()
        if value:
            return value
    return None


def states(
    urls: Iterable[str],
    environ: Mapping[str, str],
    timeout: float = DEFAULT_TIMEOUT,
    step: Callable[[], None] | None = None,
) -> dict[str, RemoteState | GitHubError]:
    """GitHub's state for each URL that names an issue or pull request on the server
    (GITHUB_SERVER_URL, default https://github.com), asked of GITHUB_API_URL (default
    https://api.github.com) with the token from `token_from`. URLs that are not GitHub work
    are left out. Each work item is fetched once however many URLs name it; after an error
    that every request would meet (`GitHubError.stops`) nothing more is fetched, and the
    remaining items get that error."""
    api = environ.get("GITHUB_API_URL", "").strip() or DEFAULT_API
    server = environ.get("GITHUB_SERVER_URL", "").strip() or DEFAULT_SERVER
    token = token_from(environ)
    found: dict[str, RemoteState | GitHubError] = {}
    fetched: dict[tuple[str, str, int, bool], RemoteState | GitHubError] = {}
    stopped: GitHubError | None = None
    for url in urls:
        if url in found:
            continue
        work = parse_url(url, server)
        if work is None:
            continue
        if work.key not in fetched:
            if stopped is not None:
                fetched[work.key] = stopped
            else:
                try:
                    fetched[work.key] = fetch_state(work, api, token, timeout)
                except GitHubError as exc:
                    fetched[work.key] = exc
                    if exc.stops:
                        stopped = exc
        found[url] = fetched[work.key]
        if step is not None:
            step()
    return found
