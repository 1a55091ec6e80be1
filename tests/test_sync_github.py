"""okr sync's GitHub reader (`generator.sync.github`) against a fake GitHub API: a real HTTP
server on 127.0.0.1 in a thread, so urllib's requests, headers, redirects, timeouts and errors
are the real ones, and the tests can see exactly what was asked for and with which token."""

from __future__ import annotations

import datetime as dt
import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from generator.sync.github import (
    MAX_BYTES,
    GitHubError,
    RemoteState,
    Work,
    fetch_state,
    new_status,
    parse_url,
    states,
    token_from,
)

TOKEN = "ghp_Secret0123456789abcdefTOKEN"
ISSUE = Work("acme", "api", 1, False)


# --- the fake API --------------------------------------------------------------------------


@dataclass
class Answer:
    status: int = 200
    body: Any = None  # bytes as they are, anything else as JSON
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the status line
    trickle: float = 0.0  # seconds between the body's bytes
    length: bool = True  # send Content-Length

    def payload(self) -> bytes:
        return self.body if isinstance(self.body, bytes) else json.dumps(self.body).encode()


@dataclass
class Seen:
    path: str
    headers: dict[str, str]  # names in lower case


class FakeGitHub:
    def __init__(self) -> None:
        self.routes: dict[str, Answer] = {}
        self.seen: list[Seen] = []
        # set at teardown: a handler still sleeping for a slow answer ends at once
        self.release = threading.Event()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                headers = {k.lower(): v for k, v in self.headers.items()}
                fake.seen.append(Seen(self.path, headers))
                answer = fake.routes.get(self.path, Answer(404, {"message": "Not Found"}))
                if answer.delay:
                    fake.release.wait(answer.delay)
                body = answer.payload()
                try:
                    self.send_response(answer.status)
                    for name, value in answer.headers.items():
                        self.send_header(name, value)
                    if answer.length:
                        self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if not answer.trickle:
                        self.wfile.write(body)
                    for byte in body if answer.trickle else b"":
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        if fake.release.wait(answer.trickle):
                            return
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout under test)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        # shutdown() waits for the poll: a short one keeps each test's teardown short
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    def paths(self) -> list[str]:
        return [seen.path for seen in self.seen]


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    # urllib sends every request through a proxy named in the environment, 127.0.0.1 included
    for name in ("http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)


@pytest.fixture
def github() -> Iterator[FakeGitHub]:
    fake = FakeGitHub()
    yield fake
    fake.close()


def issue(
    state: str,
    reason: str | None = None,
    assignees: tuple[str, ...] = (),
    pull_request: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """An issue as the REST API gives it, cut down to what matters here and a little more."""
    data: dict[str, Any] = {
        "number": 1,
        "title": "Connection pooling",
        "state": state,
        "state_reason": reason,
        "assignee": {"login": assignees[0]} if assignees else None,
        "assignees": [{"login": login} for login in assignees],
        "labels": [],
    }
    if pull_request is not None:
        data["pull_request"] = pull_request
    return data


def pull(state: str, merged: bool, draft: bool = False) -> dict[str, Any]:
    return {
        "number": 1,
        "state": state,
        "draft": draft,
        "merged": merged,
        "merged_at": "2026-11-02T10:00:00Z" if merged else None,
        "assignees": [],
    }


def error_of(call: Any) -> GitHubError:
    with pytest.raises(GitHubError) as caught:
        call()
    message = str(caught.value)
    assert TOKEN not in message and "Secret" not in message
    assert "\n" not in message and "\r" not in message
    return caught.value


# --- requests ------------------------------------------------------------------------------


def test_an_issue_is_asked_for_with_the_token(github: FakeGitHub) -> None:
    github.routes["/repos/acme/api/issues/1"] = Answer(body=issue("open"))
    assert fetch_state(ISSUE, github.url, TOKEN) == RemoteState("open", None, False, False, False)
    [seen] = github.seen
    assert seen.path == "/repos/acme/api/issues/1"
    assert seen.headers["authorization"] == f"Bearer {TOKEN}"
    assert seen.headers["accept"] == "application/vnd.github+json"
    assert seen.headers["x-github-api-version"] == "2022-11-28"
    assert seen.headers["user-agent"].startswith("okr-pipeline/")


def test_without_a_token_no_authorization_is_sent(github: FakeGitHub) -> None:
    github.routes["/repos/acme/api/issues/1"] = Answer(body=issue("open"))
    for token in (None, "", "   "):
        fetch_state(ISSUE, github.url, token)
    assert [seen.path for seen in github.seen] == ["/repos/acme/api/issues/1"] * 3
    assert all("authorization" not in seen.headers for seen in github.seen)


def test_a_pull_request_is_asked_for_at_pulls(github: FakeGitHub) -> None:
    github.routes["/repos/Acme-Corp/api.v2_x/pulls/7"] = Answer(body=pull("closed", True))
    work = Work("Acme-Corp", "api.v2_x", 7, True)
    assert fetch_state(work, github.url, TOKEN) == RemoteState("closed", None, True, False, True)
    assert github.paths() == ["/repos/Acme-Corp/api.v2_x/pulls/7"]


def test_an_enterprise_api_path_and_a_trailing_slash(github: FakeGitHub) -> None:
    github.routes["/api/v3/repos/acme/api/issues/1"] = Answer(body=issue("closed", "completed"))
    state = fetch_state(ISSUE, github.url + "/api/v3/", TOKEN)
    assert (state.state, state.reason) == ("closed", "completed")
    assert github.paths() == ["/api/v3/repos/acme/api/issues/1"]


def test_a_redirect_within_the_api_is_followed_with_the_token(github: FakeGitHub) -> None:
    # a transferred or renamed repository: GitHub answers 301 to the API URL by id
    github.routes["/repos/acme/api/issues/1"] = Answer(
        301, b"", {"Location": github.url + "/repositories/42/issues/1"}
    )
    github.routes["/repositories/42/issues/1"] = Answer(body=issue("closed", "not_planned"))
    assert fetch_state(ISSUE, github.url, TOKEN).reason == "not_planned"
    assert github.paths() == ["/repos/acme/api/issues/1", "/repositories/42/issues/1"]
    assert github.seen[1].headers["authorization"] == f"Bearer {TOKEN}"


def test_a_redirect_elsewhere_is_not_followed(github: FakeGitHub) -> None:
    other = FakeGitHub()
    try:
        other.routes["/steal"] = Answer(body=issue("open"))
        github.routes["/repos/acme/api/issues/1"] = Answer(
            302, b"", {"Location": other.url + "/steal"}
        )
        error = error_of(lambda: fetch_state(ISSUE, github.url, TOKEN))
        port = other.server.server_address[1]
        assert str(error) == f"the API redirected to 127.0.0.1:{port}, which is not followed"
        assert other.seen == []
    finally:
        other.close()


# --- the mapping ---------------------------------------------------------------------------

MAPPING = [
    # (what GitHub says, a pull request URL?, current status, new status)
    (issue("open"), False, "planned", "planned"),
    (issue("open"), False, "in_progress", "in_progress"),
    (issue("open", assignees=("carol",)), False, "planned", "in_progress"),
    (issue("open", "reopened"), False, "done", "in_progress"),
    (issue("open", "reopened"), False, "dropped", "in_progress"),
    (issue("open", "reopened"), False, "planned", "planned"),
    (issue("closed", "completed"), False, "planned", "done"),
    (issue("closed", "completed"), False, "in_progress", "done"),
    (issue("closed"), False, "in_progress", "done"),  # closed before GitHub kept reasons
    (issue("closed", "not_planned"), False, "in_progress", "dropped"),
    (issue("closed", "not_planned"), False, "done", "dropped"),
    (issue("closed", "duplicate"), False, "in_progress", "in_progress"),
    (pull("open", False, draft=True), True, "planned", "in_progress"),
    (pull("open", False), True, "done", "in_progress"),
    (pull("closed", True), True, "in_progress", "done"),
    (pull("closed", False), True, "in_progress", "dropped"),
    # an /issues/N URL of a pull request: the issues API says so
    (issue("closed", pull_request={"merged_at": "2026-11-02T10:00:00Z"}), False, "planned", "done"),
    (issue("closed", pull_request={"merged_at": None}), False, "in_progress", "dropped"),
    (issue("open", pull_request={"merged_at": None}), False, "planned", "in_progress"),
]


@pytest.mark.parametrize("answer, is_pull, current, status", MAPPING)
def test_each_state_maps_to_a_status(
    github: FakeGitHub, answer: dict[str, Any], is_pull: bool, current: str, status: str
) -> None:
    work = Work("acme", "api", 5, is_pull)
    github.routes[f"/repos/acme/api/{'pulls' if is_pull else 'issues'}/5"] = Answer(body=answer)
    state = fetch_state(work, github.url, TOKEN)
    assert new_status(current, state, work.pull) == status


# --- errors --------------------------------------------------------------------------------

RESET = int(dt.datetime(2026, 11, 23, 12, 34, tzinfo=dt.UTC).timestamp())

ERRORS = [
    # (the answer, the message, whether states() stops asking)
    (Answer(404, {"message": "Not Found"}), "not found, or the token cannot see it", False),
    (
        Answer(401, {"message": "Bad credentials"}),
        "the token was refused (401: Bad credentials): it is wrong or expired",
        True,
    ),
    (
        Answer(
            403,
            {"message": "API rate limit exceeded for installation ID 1."},
            {"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(RESET)},
        ),
        "GitHub's rate limit is used up until 12:34 UTC",
        True,
    ),
    (
        Answer(
            403, {"message": "You have exceeded a secondary rate limit."}, {"Retry-After": "60"}
        ),
        "GitHub's rate limit is used up; retry in 60 s",
        True,
    ),
    (Answer(429, b""), "GitHub's rate limit is used up", True),
    (
        Answer(403, {"message": "Resource not accessible by integration"}),
        "forbidden (403: Resource not accessible by integration): the token lacks access to it",
        False,
    ),
    # GitHub's words are quoted, on one line, and never with the token in them
    (
        Answer(403, {"message": f"token {TOKEN}\nis not\r\nallowed\x1b[31m"}),
        "forbidden (403: token *** is not allowed [31m): the token lacks access to it",
        False,
    ),
    (Answer(410, {"message": "This issue was deleted"}), "the issue was deleted (410 Gone)", False),
    (Answer(500, b"oops"), "127.0.0.1 answered 500 Internal Server Error", False),
    (
        Answer(502, {"message": "Server Error"}),
        "127.0.0.1 answered 502 Bad Gateway: Server Error",
        False,
    ),
    (Answer(body=b"<html>sign in</html>"), "GitHub's answer is not JSON", False),
    (Answer(body=b"\xff\xfe\x00"), "GitHub's answer is not JSON", False),
    (Answer(body=b"[" * 100_000), "GitHub's answer is not JSON", False),
    (
        Answer(body=[issue("open")]),
        "GitHub's answer is not an issue (no open or closed state)",
        False,
    ),
    (
        Answer(body={"state": "merged"}),
        "GitHub's answer is not an issue (no open or closed state)",
        False,
    ),
    (Answer(body=b" " * (MAX_BYTES + 1)), "127.0.0.1 sent more than 2 MB, not an issue", False),
    (
        Answer(body=b" " * (MAX_BYTES + 1), length=False),
        "127.0.0.1 sent more than 2 MB, not an issue",
        False,
    ),
]


@pytest.mark.parametrize("answer, message, stops", ERRORS)
def test_errors_are_one_line_without_the_token(
    github: FakeGitHub, answer: Answer, message: str, stops: bool
) -> None:
    github.routes["/repos/acme/api/issues/1"] = answer
    error = error_of(lambda: fetch_state(ISSUE, github.url, TOKEN))
    assert (str(error), error.stops) == (message, stops)


def test_not_found_and_rate_limit_without_a_token_say_a_token_helps(github: FakeGitHub) -> None:
    error = error_of(lambda: fetch_state(ISSUE, github.url, None))
    assert str(error) == (
        "not found, or it is private and no token was given (set OKR_GITHUB_TOKEN or GITHUB_TOKEN)"
    )
    github.routes["/repos/acme/api/issues/1"] = Answer(403, b"", {"x-ratelimit-remaining": "0"})
    error = error_of(lambda: fetch_state(ISSUE, github.url, None))
    assert str(error) == (
        "GitHub's rate limit is used up (a token in OKR_GITHUB_TOKEN raises the limit)"
    )


def test_a_slow_answer_times_out(github: FakeGitHub) -> None:
    github.routes["/repos/acme/api/issues/1"] = Answer(body=issue("open"), delay=5)
    began = time.monotonic()
    error = error_of(lambda: fetch_state(ISSUE, github.url, TOKEN, timeout=0.3))
    assert time.monotonic() - began < 2
    assert (str(error), error.stops) == ("127.0.0.1 did not answer within 0.3 s", True)


def test_an_answer_that_trickles_in_times_out_as_a_whole(github: FakeGitHub) -> None:
    # every byte comes well within the timeout, the whole answer does not
    github.routes["/repos/acme/api/issues/1"] = Answer(body=issue("open"), trickle=0.05)
    began = time.monotonic()
    error = error_of(lambda: fetch_state(ISSUE, github.url, TOKEN, timeout=0.4))
    assert time.monotonic() - began < 2
    assert str(error) == "127.0.0.1 did not answer within 0.4 s"


def test_an_api_that_cannot_be_reached() -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    error = error_of(lambda: fetch_state(ISSUE, f"http://127.0.0.1:{port}", TOKEN, timeout=5))
    assert str(error).startswith("cannot reach 127.0.0.1: ")
    assert error.stops


@pytest.mark.parametrize(
    "api, token, message",
    [
        ("ftp://api.example.com", None, "GITHUB_API_URL is not an http(s) URL"),
        ("api.github.com", None, "GITHUB_API_URL is not an http(s) URL"),
        ("https://user:pw@api.example.com", TOKEN, "GITHUB_API_URL is not an http(s) URL"),
        ("https://api.example.com/?x=1", TOKEN, "GITHUB_API_URL is not an http(s) URL"),
        ("https://api.exa mple.com", TOKEN, "GITHUB_API_URL is not an http(s) URL"),
        ("https://api.example.com:99999", TOKEN, "GITHUB_API_URL is not an http(s) URL"),
        (
            "http://api.example.com",
            TOKEN,
            "GITHUB_API_URL is plain http: the token is only sent over https",
        ),
        ("https://api.example.com", f"{TOKEN}\nX-Evil: 1", "the GitHub token holds spaces"),
    ],
)
def test_bad_settings_are_refused_before_any_request(api: str, token: str, message: str) -> None:
    error = error_of(lambda: fetch_state(ISSUE, api, token))
    assert str(error).startswith(message)
    assert error.stops


# --- states: every initiative at once ------------------------------------------------------


def test_states_fetch_each_work_item_once(github: FakeGitHub) -> None:
    github.routes["/repos/acme/api/issues/1"] = Answer(body=issue("open", assignees=("bob",)))
    github.routes["/repos/acme/api/pulls/2"] = Answer(body=pull("closed", True))
    urls = [
        "https://github.com/acme/api/issues/1",
        "https://github.com/acme/api/issues/1#issuecomment-5",  # the same issue
        "https://github.com/ACME/API/issues/1/",  # GitHub's names ignore case
        "https://github.com/acme/api/issues/1",  # the same URL twice
        "https://github.com/acme/api/pull/2",
        "https://github.com/acme/api/issues/3",  # not found
        "https://tracker.acme.example/PLAT-123",  # not GitHub work: left out
        "https://github.com/acme/api",
    ]
    env = {"GITHUB_API_URL": github.url, "GITHUB_TOKEN": TOKEN}
    found = states(urls, env)
    assert sorted(github.paths()) == sorted(
        ["/repos/acme/api/issues/1", "/repos/acme/api/pulls/2", "/repos/acme/api/issues/3"]
    )
    assert list(found) == [*urls[:3], *urls[4:6]]
    assert (
        found[urls[0]]
        == found[urls[1]]
        == found[urls[2]]
        == RemoteState("open", None, False, True, False)
    )
    assert found[urls[4]] == RemoteState("closed", None, True, False, True)
    assert isinstance(found[urls[5]], GitHubError)
    assert str(found[urls[5]]) == "not found, or the token cannot see it"


def test_states_stop_asking_after_the_rate_limit(github: FakeGitHub) -> None:
    limited = Answer(403, {"message": "API rate limit exceeded"}, {"x-ratelimit-remaining": "0"})
    for number in (1, 2, 3):
        github.routes[f"/repos/acme/api/issues/{number}"] = limited
    urls = [f"https://github.com/acme/api/issues/{n}" for n in (1, 2, 3)]
    found = states(urls, {"GITHUB_API_URL": github.url})
    assert github.paths() == ["/repos/acme/api/issues/1"]
    assert {str(error) for error in found.values()} == {
        "GitHub's rate limit is used up (a token in OKR_GITHUB_TOKEN raises the limit)"
    }


def test_states_on_github_enterprise(github: FakeGitHub) -> None:
    github.routes["/api/v3/repos/team/x/issues/3"] = Answer(body=issue("closed", "completed"))
    env = {
        "GITHUB_SERVER_URL": "https://ghe.acme.example/",
        "GITHUB_API_URL": github.url + "/api/v3",
        "GH_TOKEN": TOKEN,
    }
    urls = ["https://github.com/team/x/issues/3", "https://ghe.acme.example/team/x/issues/3"]
    found = states(urls, env)
    assert list(found) == [urls[1]]
    assert github.paths() == ["/api/v3/repos/team/x/issues/3"]
    assert github.seen[0].headers["authorization"] == f"Bearer {TOKEN}"


def test_states_without_any_work_ask_nothing() -> None:
    env = {"GITHUB_API_URL": "http://127.0.0.1:9"}  # nothing listens: a request would fail
    assert states(["https://example.com/a/b/issues/1", "not a url"], env) == {}


@pytest.mark.parametrize(
    "env, token",
    [
        ({"OKR_GITHUB_TOKEN": "okr", "GITHUB_TOKEN": "gh-actions", "GH_TOKEN": "gh"}, "okr"),
        ({"OKR_GITHUB_TOKEN": " ", "GITHUB_TOKEN": "gh-actions", "GH_TOKEN": "gh"}, "gh-actions"),
        ({"GH_TOKEN": " gh\n"}, "gh"),
        ({"GITHUB_TOKEN": ""}, None),
        ({}, None),
    ],
)
def test_the_token_comes_from_the_environment(env: dict[str, str], token: str | None) -> None:
    assert token_from(env) == token


def test_states_send_the_first_token_set(github: FakeGitHub) -> None:
    github.routes["/repos/acme/api/issues/1"] = Answer(body=issue("open"))
    env = {"GITHUB_API_URL": github.url, "OKR_GITHUB_TOKEN": "okr", "GITHUB_TOKEN": "other"}
    states(["https://github.com/acme/api/issues/1"], env)
    assert github.seen[0].headers["authorization"] == "Bearer okr"


# --- URLs ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, work",
    [
        ("https://github.com/acme/api/issues/12", Work("acme", "api", 12, False)),
        ("https://github.com/acme/api/pull/7", Work("acme", "api", 7, True)),
        ("https://github.com/acme/api/pull/7/", Work("acme", "api", 7, True)),
        ("https://github.com/acme/api/issues/12#issuecomment-1", Work("acme", "api", 12, False)),
        ("https://github.com/acme/api/issues/12?q=1", Work("acme", "api", 12, False)),
        (
            "https://GitHub.COM/Acme-Corp/My.Repo_2/issues/1",
            Work("Acme-Corp", "My.Repo_2", 1, False),
        ),
        ("http://github.com/acme/api/issues/12", Work("acme", "api", 12, False)),
        ("https://github.com:443/acme/api/issues/12", Work("acme", "api", 12, False)),
        ("https://github.com/octo_acme/api/issues/1", Work("octo_acme", "api", 1, False)),
        ("https://github.com/acme/.github/issues/1", Work("acme", ".github", 1, False)),
        ("https://github.com/acme/api/issues/999999999", Work("acme", "api", 999999999, False)),
        # not a work item
        ("https://github.com/acme/api/pulls/7", None),
        ("https://github.com/acme/api/pull/7/files", None),
        ("https://github.com/acme/api/issues", None),
        ("https://github.com/acme/api/issues/0", None),
        ("https://github.com/acme/api/issues/012", None),
        ("https://github.com/acme/api/issues/-1", None),
        ("https://github.com/acme/api/issues/1000000000", None),
        ("https://github.com/acme/api/issues/1.0", None),
        ("https://github.com/acme/api/Issues/1", None),
        ("https://github.com/acme/api/discussions/1", None),
        ("https://github.com/acme/api/issues/1/issues/2", None),
        # another host
        ("https://gitlab.com/acme/api/issues/12", None),
        ("https://github.com.evil.example/acme/api/issues/12", None),
        ("https://evil.example/github.com/acme/api/issues/12", None),
        ("https://api.github.com/repos/acme/api/issues/12", None),
        ("https://github.com:8443/acme/api/issues/12", None),
        ("https://user@github.com/acme/api/issues/12", None),
        ("ftp://github.com/acme/api/issues/12", None),
        ("github.com/acme/api/issues/12", None),
        # odd characters: nothing odd may reach the API's URL path
        ("https://github.com/acme/../issues/12", None),
        ("https://github.com/acme/./issues/12", None),
        ("https://github.com/../api/issues/12", None),
        ("https://github.com/acme/api%2F..%2F/issues/12", None),
        ("https://github.com/-acme/api/issues/12", None),
        ("https://github.com/ac me/api/issues/12", None),
        ("https://github.com/acme/api\n/issues/12", None),
        ("https://github.com/acme/api/issues/12\t", None),
        ("https://github.com/acme/ap%69/issues/12", None),
        ("https://github.com/acme/api;x/issues/12", None),
        ("https://github.com/ácme/api/issues/12", None),
        ("https://github.com/acme/api/issues/１２", None),
        ("https://github.com/" + "a" * 101 + "/api/issues/12", None),
        ("https://github.com/acme/" + "r" * 101 + "/issues/12", None),
        ("https://github.com:x/acme/api/issues/12", None),
        ("", None),
    ],
)
def test_parse_url(url: str, work: Work | None) -> None:
    assert parse_url(url) == work


@pytest.mark.parametrize(
    "server, url, work",
    [
        (
            "https://ghe.acme.example",
            "https://ghe.acme.example/team/x/pull/3",
            Work("team", "x", 3, True),
        ),
        (
            "https://ghe.acme.example/",
            "https://GHE.acme.example/team/x/issues/3",
            Work("team", "x", 3, False),
        ),
        ("https://ghe.acme.example", "https://github.com/team/x/issues/3", None),
        (
            "https://ghe.acme.example:8443",
            "https://ghe.acme.example:8443/team/x/issues/3",
            Work("team", "x", 3, False),
        ),
        ("https://ghe.acme.example:8443", "https://ghe.acme.example/team/x/issues/3", None),
        (
            "https://acme.example/git",
            "https://acme.example/git/team/x/issues/3",
            Work("team", "x", 3, False),
        ),
        ("https://acme.example/git", "https://acme.example/team/x/issues/3", None),
        ("https://acme.example/git", "https://acme.example/github/team/x/issues/3", None),
        ("not a server", "https://github.com/team/x/issues/3", None),
    ],
)
def test_parse_url_on_another_server(server: str, url: str, work: Work | None) -> None:
    assert parse_url(url, server) == work


@pytest.mark.parametrize(
    "owner, repo, number",
    [
        ("acme/x", "api", 1),
        ("acme", "..", 1),
        ("acme", "a/b", 1),
        ("", "api", 1),
        ("acme", "api", 0),
        ("acme", "api", 10**9),
        ("acme", "api", True),
        ("acme", "api", "1"),
    ],
)
def test_work_made_by_hand_is_checked_too(owner: str, repo: str, number: Any) -> None:
    with pytest.raises(ValueError, match="not a GitHub work item"):
        Work(owner, repo, number, False)


def test_work_names_itself() -> None:
    work = Work("Acme", "API", 12, True)
    assert (work.ref, work.api_path) == ("Acme/API#12", "/repos/Acme/API/pulls/12")
    assert work.key == Work("acme", "api", 12, True).key != Work("acme", "api", 12, False).key
