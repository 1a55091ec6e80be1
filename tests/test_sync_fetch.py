"""`read_value` for real: commands run as processes, files read from a temporary repository,
URLs fetched from an HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
import os
import shlex
import socket
import stat
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from generator.sync.fetch import MAX_DOCUMENT, read_value
from generator.sync.source import Kind, Source, SourceError

SECRET = "s3cret-grafana-token"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    (tmp_path / "outside").mkdir()
    return root


@pytest.fixture
def environ(tmp_path: Path) -> dict[str, str]:
    return {"PATH": os.environ.get("PATH", os.defpath), "HOME": str(tmp_path), "LANG": "C.UTF-8"}


def script(path: Path, body: str, executable: bool = True) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n" + body)
    if executable:
        path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def command(location: str, env: tuple[str, ...] = (), timeout: float = 10) -> Source:
    return Source(id="probe", kind="command", location=location, env=env, timeout=timeout)


def failure(source: Source, root: Path, environ: dict[str, str]) -> str:
    """The message of the SourceError that reading `source` must raise: always one line."""
    with pytest.raises(SourceError) as caught:
        read_value(source, root, environ)
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    return message


def gone(pid: int, within: float = 3.0) -> bool:
    """Whether process `pid` has ended (a zombie waiting for init to reap it counts)."""
    end = time.monotonic() + within
    while time.monotonic() < end:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return True
        if state in ("Z", "X"):
            return True
        time.sleep(0.05)
    return False


# --- commands ---------------------------------------------------------------------------


def test_a_command_prints_a_number(repo: Path, environ: dict[str, str]) -> None:
    script(repo / "scripts" / "p99.sh", 'printf "  \\n 245.5 \\n\\n"\n')
    assert read_value(command("./scripts/p99.sh"), repo, environ) == 245.5


def test_a_command_runs_in_the_repository(repo: Path, environ: dict[str, str]) -> None:
    # the script reads a path relative to the repository root, wherever okr sync runs from
    (repo / "data").mkdir()
    (repo / "data" / "count.txt").write_text("17\n")
    script(repo / "scripts" / "count.sh", "cat data/count.txt\n")
    assert read_value(command("scripts/count.sh"), repo, environ) == 17


def test_a_command_is_never_run_by_a_shell(repo: Path, environ: dict[str, str]) -> None:
    script(repo / "count.sh", 'echo "$#"\n')
    source = command("./count.sh ; touch pwned $(touch pwned2) | tee copied")
    # every shell word reaches the script as an argument: ; touch pwned $(touch pwned2) | tee copied
    assert read_value(source, repo, environ) == 8
    assert not any((repo / name).exists() for name in ("pwned", "pwned2", "copied"))


def test_a_program_on_path(repo: Path, environ: dict[str, str]) -> None:
    assert read_value(command("echo 1,234"), repo, environ) == 1234


def test_a_failing_command_says_its_exit_code_and_last_error_line(
    repo: Path, environ: dict[str, str]
) -> None:
    script(
        repo / "fail.sh",
        "echo 'warming up' >&2\n"
        "printf '\\033[31mcurl: (6) Could not resolve host: grafana\\033[0m\\a\\n\\n' >&2\n"
        "exit 6\n",
    )
    message = failure(command("./fail.sh"), repo, environ)
    assert message == "exited with code 6: curl: (6) Could not resolve host: grafana"


def test_a_long_error_line_is_cut(repo: Path, environ: dict[str, str]) -> None:
    script(repo / "fail.sh", "printf 'x%.0s' $(seq 1 5000) >&2\nexit 2\n")
    message = failure(command("./fail.sh"), repo, environ)
    assert message.startswith("exited with code 2: xxx")
    assert len(message) < 240


def test_a_failing_command_without_an_error_message(repo: Path, environ: dict[str, str]) -> None:
    script(repo / "fail.sh", "exit 3\n")
    assert failure(command("./fail.sh"), repo, environ) == (
        "exited with code 3 without an error message"
    )


def test_a_command_killed_by_a_signal(repo: Path, environ: dict[str, str]) -> None:
    script(repo / "die.sh", "kill -9 $$\n")
    assert failure(command("./die.sh"), repo, environ) == "was stopped by signal SIGKILL"


def test_a_slow_command_is_stopped_with_what_it_started(
    repo: Path, environ: dict[str, str]
) -> None:
    # the sleep holds the output pipe: killing only the script would leave us waiting 30 s
    script(repo / "slow.sh", "sleep 30 &\necho $! > sleeper.pid\nwait\n")
    started = time.monotonic()
    message = failure(command("./slow.sh", timeout=1), repo, environ)
    assert time.monotonic() - started < 5
    assert message.startswith("took longer than 1 s")
    assert gone(int((repo / "sleeper.pid").read_text()))


def test_what_a_command_leaves_running_is_stopped(repo: Path, environ: dict[str, str]) -> None:
    script(repo / "bg.sh", "sleep 30 >/dev/null 2>&1 &\necho $! > sleeper.pid\necho 5\n")
    started = time.monotonic()
    assert read_value(command("./bg.sh"), repo, environ) == 5
    assert time.monotonic() - started < 5
    assert gone(int((repo / "sleeper.pid").read_text()))


def test_endless_output_is_cut_off(repo: Path, environ: dict[str, str]) -> None:
    started = time.monotonic()
    message = failure(command("yes 1"), repo, environ)
    assert message == "printed more than 64 KiB; a command prints one number"
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        ("about 42", "printed 'about 42', not one number"),
        ("1\n2", "printed '1 2', not one number"),
        ("12%", "printed '12%', not one number"),
        ("nan", "printed 'nan', not one number"),
        ("", "printed nothing; a command prints one number"),
        ("\x1b[32m42\x1b[0m", "printed '42' with escape codes or invisible characters"),
        ("\u200b42", "printed '42' with escape codes or invisible characters"),
        ("1e20", "printed '1e20', too large (more than 10^15 in size)"),
        ("1e999", "printed '1e999', too large (more than 10^15 in size)"),
        ("1e-400", "printed '1e-400', too small to be told from 0"),
    ],
)
def test_output_that_is_not_one_number(
    repo: Path, environ: dict[str, str], output: str, expected: str
) -> None:
    (repo / "out.txt").write_text(output)
    script(repo / "print.sh", "cat out.txt\n")
    assert failure(command("./print.sh"), repo, environ).startswith(expected)


def test_the_environment_holds_only_what_the_source_lists(
    repo: Path, environ: dict[str, str]
) -> None:
    (repo / "dump.py").write_text(
        "import json, os\n"
        "json.dump({'env': dict(os.environ), 'cwd': os.getcwd()}, open('env.json', 'w'))\n"
        "print(1)\n"
    )
    environ |= {"GRAFANA_TOKEN": SECRET, "GITHUB_TOKEN": "ghs_abc", "AWS_SECRET": "x"}
    source = command(f"{shlex.quote(sys.executable)} dump.py", env=("GRAFANA_TOKEN",))
    assert read_value(source, repo, environ) == 1
    seen = json.loads((repo / "env.json").read_text())
    # Python itself may add LC_CTYPE when the locale is missing (PEP 538)
    assert set(seen["env"]) - {"LC_CTYPE"} == {"PATH", "HOME", "LANG", "GRAFANA_TOKEN"}
    assert seen["env"]["GRAFANA_TOKEN"] == SECRET
    assert seen["env"]["HOME"] == environ["HOME"]
    assert Path(seen["cwd"]) == repo.resolve()


@pytest.mark.parametrize("value", [None, ""])
def test_a_missing_secret_stops_the_command_before_it_runs(
    repo: Path, environ: dict[str, str], value: str | None
) -> None:
    script(repo / "p99.sh", "touch ran\necho 1\n")
    if value is not None:
        environ["GRAFANA_TOKEN"] = value  # an unset repository secret reaches a job empty
    message = failure(command("./p99.sh", env=("GRAFANA_TOKEN",)), repo, environ)
    assert message == (
        "needs the environment variable GRAFANA_TOKEN (a repository secret), which is not set"
    )
    assert not (repo / "ran").exists()


def test_a_secret_echoed_by_a_command_is_not_shown(repo: Path, environ: dict[str, str]) -> None:
    script(repo / "p99.sh", 'echo "401 Unauthorized for token $GRAFANA_TOKEN" >&2\nexit 1\n')
    environ["GRAFANA_TOKEN"] = SECRET
    message = failure(command("./p99.sh", env=("GRAFANA_TOKEN",)), repo, environ)
    assert message == "exited with code 1: 401 Unauthorized for token ***"


def test_a_script_outside_the_repository_is_refused(
    repo: Path, tmp_path: Path, environ: dict[str, str]
) -> None:
    script(tmp_path / "outside" / "run.sh", "touch ran\necho 1\n")
    (repo / "scripts").mkdir()
    (repo / "scripts" / "run.sh").symlink_to(tmp_path / "outside" / "run.sh")
    for location in ("../outside/run.sh", "./scripts/run.sh", "scripts/../../outside/run.sh"):
        message = failure(command(location), repo, environ)
        assert "leads out of the repository" in message, location
    assert not (repo / "ran").exists() and not (tmp_path / "outside" / "ran").exists()


def test_a_link_inside_the_repository_is_followed(repo: Path, environ: dict[str, str]) -> None:
    script(repo / "scripts" / "real.sh", "echo 3\n")
    (repo / "bin").mkdir()
    (repo / "bin" / "p99").symlink_to("../scripts/real.sh")
    assert read_value(command("./bin/p99"), repo, environ) == 3


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ("./scripts/missing.sh", "runs './scripts/missing.sh', which does not exist in the"),
        (
            "no-such-program-okr-test",
            "cannot run 'no-such-program-okr-test': no such program on PATH",
        ),
        ("./plain.sh", "cannot run './plain.sh': it is not executable"),
        ('./plain.sh "unclosed', "has a command that cannot be split into words"),
        ("   ", "has an empty command"),
    ],
)
def test_a_command_that_cannot_run(
    repo: Path, environ: dict[str, str], location: str, expected: str
) -> None:
    script(repo / "plain.sh", "echo 1\n", executable=False)
    assert failure(command(location), repo, environ).startswith(expected)


# --- JSON and CSV files -----------------------------------------------------------------

DOCUMENT = {
    "latest": {"value": 41.5, "label": "NPS", "flag": True, "none": None, "text": "1,234.5"},
    "items": [{"count": 3}, {"count": 5}, {"count": "7"}],
    "big": 1e16,
    "huge": 10**400,
    "limit": 1e15,
}


def json_source(location: str, field: str | None) -> Source:
    return Source(id="nps", kind="json", location=location, field=field)


def csv_source(location: str, column: str) -> Source:
    return Source(id="signups", kind="csv", location=location, field=column)


@pytest.fixture
def document(repo: Path) -> Path:
    (repo / "data").mkdir()
    path = repo / "data" / "nps.json"
    # a literal no float holds apart from 0, as a source may print it
    path.write_text(json.dumps(DOCUMENT)[:-1] + ', "tiny": 1e-400}')
    return path


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("latest.value", 41.5),
        ("latest.text", 1234.5),
        ("items.0.count", 3),
        ("items.-1.count", 7),
        ("items.-3.count", 3),
        ("limit", 1e15),
    ],
)
def test_a_dotted_path_into_json(
    repo: Path, document: Path, environ: dict[str, str], field: str, expected: float
) -> None:
    assert read_value(json_source("data/nps.json", field), repo, environ) == expected


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("items.3.count", "'items' is a list of 3 items; it has no item 3"),
        ("items.-4.count", "'items' is a list of 3 items; it has no item -4"),
        ("items.last", "'items' is a list, so 'last' should be an index"),
        (
            "latest.missing",
            "'latest' has no key 'missing' (its keys: flag, label, none, text, value)",
        ),
        ("nps", "the document has no key 'nps'"),
        ("latest.value.x", "'latest.value' is 41.5, which has no 'x'"),
        ("latest", "'latest' is an object, not a number"),
        ("items", "'items' is a list, not a number"),
        ("latest.flag", "'latest.flag' is true, not a number"),
        ("latest.none", "'latest.none' is null, not a number"),
        ("latest.label", "'latest.label' is 'NPS', text that is not a number"),
        ("big", "'big' is '1e+16', too large (more than 10^15 in size)"),
        ("tiny", "'tiny' is '1e-400', too small to be told from 0"),
        ("huge", "'huge' is a number too large to be a value"),
    ],
)
def test_a_json_field_that_gives_no_number(
    repo: Path, document: Path, environ: dict[str, str], field: str, expected: str
) -> None:
    message = failure(json_source("data/nps.json", field), repo, environ)
    assert message.startswith("data/nps.json: ")
    assert expected in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234.5", 1234.5),
        ("1,234", 1234),
        ("1,234,567.25", 1234567.25),
        (" -3 ", -3),
        (".5", 0.5),
        ("1e-05", 0.00001),
        ("+2", 2),
        ("1_000", 1000),  # the command line's grammar too (generator/entered.py)
        ("-0", 0),
    ],
)
def test_numbers_written_as_text(
    repo: Path, environ: dict[str, str], text: str, expected: float
) -> None:
    (repo / "v.json").write_text(json.dumps({"v": text}))
    assert read_value(json_source("v.json", "v"), repo, environ) == expected


@pytest.mark.parametrize(
    "text", ["1,5", "1,2345", "12%", "1__000", "1 234", "nan", "Infinity", "٣", "1.2.3", "0x10", ""]
)
def test_text_that_is_not_a_number(repo: Path, environ: dict[str, str], text: str) -> None:
    (repo / "v.json").write_text(json.dumps({"v": text}))
    assert "text that is not a number" in failure(json_source("v.json", "v"), repo, environ)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"v": NaN}', "v.json: 'v' is NaN, which is not a number"),
        (b'{"v": -Infinity}', "v.json: 'v' is a number too large to be a value"),
        (b"[" * 200_000, "v.json is nested too deeply to read"),
        (b'{"v": "\xff"}', "v.json is not valid JSON: it is not UTF-8 text"),
    ],
)
def test_json_that_cannot_be_read(
    repo: Path, environ: dict[str, str], content: bytes, expected: str
) -> None:
    (repo / "v.json").write_bytes(content)
    assert failure(json_source("v.json", "v"), repo, environ).startswith(expected)


def test_invalid_json_says_where(repo: Path, environ: dict[str, str]) -> None:
    (repo / "v.json").write_bytes(b'{"v": 1,\n}')
    message = failure(json_source("v.json", "v"), repo, environ)
    # the reason's words differ between Python versions; where it is does not
    assert message.startswith("v.json is not valid JSON: ")
    assert message.endswith("(line 2, column 1)")


def test_a_json_document_that_is_one_number_with_a_byte_order_mark(
    repo: Path, environ: dict[str, str]
) -> None:
    (repo / "v.json").write_bytes(b"\xef\xbb\xbf 12 ")
    assert read_value(json_source("v.json", None), repo, environ) == 12


def test_files_outside_the_repository_are_refused(
    repo: Path, tmp_path: Path, environ: dict[str, str]
) -> None:
    (tmp_path / "outside" / "secret.json").write_text('{"v": 1}')
    (repo / "linked.json").symlink_to(tmp_path / "outside" / "secret.json")
    (repo / "data").symlink_to(tmp_path / "outside")
    for location in (
        "../outside/secret.json",
        "linked.json",
        "data/secret.json",
        str(tmp_path / "outside" / "secret.json"),
    ):
        message = failure(json_source(location, "v"), repo, environ)
        assert "leads out of the repository" in message, location


def test_a_link_to_a_file_inside_the_repository_is_read(
    repo: Path, environ: dict[str, str]
) -> None:
    (repo / "real.json").write_text('{"v": 9}')
    (repo / "linked.json").symlink_to("real.json")
    assert read_value(json_source("linked.json", "v"), repo, environ) == 9


def test_a_file_that_is_not_there_or_not_regular_or_too_large(
    repo: Path, environ: dict[str, str]
) -> None:
    assert failure(json_source("nope.json", "v"), repo, environ) == (
        "nope.json does not exist in the repository"
    )
    os.mkfifo(repo / "pipe.json")  # would block a plain open() forever
    assert "named pipe" in failure(json_source("pipe.json", "v"), repo, environ)
    (repo / "dir.json").mkdir()
    assert "a folder" in failure(json_source("dir.json", "v"), repo, environ)
    (repo / "big.json").write_bytes(b" " * MAX_DOCUMENT + b"1")
    assert "is larger than" in failure(json_source("big.json", None), repo, environ)


def test_only_http_urls_are_read(repo: Path, environ: dict[str, str]) -> None:
    for location in ("file:///etc/passwd", "ftp://example.com/v.json"):
        message = failure(json_source(location, "v"), repo, environ)
        assert "only http and https URLs" in message


def test_the_last_row_of_a_csv_file_with_a_byte_order_mark(
    repo: Path, environ: dict[str, str]
) -> None:
    # the first column is the one read: it only matches when the BOM is not part of its name
    (repo / "signups.csv").write_bytes(
        "\ufefftotal,date\r\n10,2026-01-01\r\n12,2026-02-01\r\n\r\n , \r\n".encode()
    )
    assert read_value(csv_source("signups.csv", "total"), repo, environ) == 12


def test_a_csv_value_with_thousands_separators_and_a_padded_header(
    repo: Path, environ: dict[str, str]
) -> None:
    (repo / "s.csv").write_text('date, total \n2026-01-01,"1,000"\n2026-02-01,"1,234"\n')
    assert read_value(csv_source("s.csv", "total"), repo, environ) == 1234


def test_a_missing_column_lists_the_columns(repo: Path, environ: dict[str, str]) -> None:
    (repo / "s.csv").write_text("date,count\n2026-01-01,3\n")
    assert failure(csv_source("s.csv", "total"), repo, environ) == (
        "s.csv has no column 'total'; its columns are 'date', 'count'"
    )
    many = ",".join(f"c{i}" for i in range(40))
    (repo / "wide.csv").write_text(f"{many}\n{','.join('1' * 40)}\n")
    message = failure(csv_source("wide.csv", "total"), repo, environ)
    assert "'c0', 'c1'" in message and "… 28 more" in message and "c39" not in message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            b"date,total\n2026-01-01,5\n2026-02-01,\n",
            "s.csv: the last row has no value in column 'total'",
        ),
        (
            b"date,total\n2026-01-01,5\n2026-02-01\n",
            "s.csv: the last row has no value in column 'total'",
        ),
        (b"date,total\n2026-01-01,n/a\n", "s.csv: the last row's 'total' is 'n/a', not a number"),
        (b"date,total\n", "s.csv has a header but no rows"),
        (b"\n\n", "s.csv is empty"),
        (b"total\n\xff\n", "s.csv is not UTF-8 text"),
    ],
)
def test_csv_that_gives_no_number(
    repo: Path, environ: dict[str, str], content: bytes, expected: str
) -> None:
    (repo / "s.csv").write_bytes(content)
    assert failure(csv_source("s.csv", "total"), repo, environ) == expected


# --- HTTP -------------------------------------------------------------------------------

Route = Callable[[BaseHTTPRequestHandler], None]


class Server:
    def __init__(self, port: int) -> None:
        self.port = port
        self.seen: list[dict[str, str]] = []  # each request: its path and headers

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def answer(
    handler: BaseHTTPRequestHandler,
    code: int,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
) -> None:
    try:
        handler.send_response(code)
        for name, value in (headers or {"Content-Length": str(len(body))}).items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(body)
    except OSError:
        pass  # the client gave up, as it should in the tests that time out


def drip(handler: BaseHTTPRequestHandler) -> None:
    """A body sent one byte at a time: every read is quick, the whole never ends."""
    answer(handler, 200, b"", {"Content-Type": "application/json"})
    try:
        for _ in range(50):
            handler.wfile.write(b" ")
            handler.wfile.flush()
            time.sleep(0.1)
    except OSError:
        pass


def drip_headers(handler: BaseHTTPRequestHandler) -> None:
    """Headers sent one line at a time: every read is quick, the headers never end."""
    try:
        handler.send_response_only(200)
        handler.flush_headers()  # the status line now, the headers one by one
        for n in range(60):
            handler.wfile.write(f"X-Line-{n}: more\r\n".encode())
            handler.wfile.flush()
            time.sleep(0.1)
    except OSError:
        pass


def slow(handler: BaseHTTPRequestHandler) -> None:
    """An answer that starts after three seconds."""
    time.sleep(3)
    answer(handler, 200, b"1")


def declared_big(handler: BaseHTTPRequestHandler) -> None:
    """A Content-Length over the limit, then a pause before the body: a client that checks
    the length refuses at once, one that reads first waits."""
    size = MAX_DOCUMENT + 1
    answer(handler, 200, b"", {"Content-Length": str(size), "Content-Type": "text/csv"})
    try:
        handler.wfile.flush()
        time.sleep(2)
        handler.wfile.write(b" " * size)
    except OSError:
        pass


def stream(handler: BaseHTTPRequestHandler, size: int) -> None:
    """A body with no Content-Length (HTTP/1.0: it ends when the connection closes)."""
    answer(handler, 200, b"", {"Content-Type": "text/csv"})
    try:
        sent = 0
        while sent < size:
            chunk = b" " * min(65536, size - sent)
            handler.wfile.write(chunk)
            sent += len(chunk)
    except OSError:
        pass


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    for name in (
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
    ):
        monkeypatch.delenv(name, raising=False)  # 127.0.0.1 is reached directly
    state = Server(0)
    routes: dict[str, Route] = {
        "/nps.json": lambda h: answer(h, 200, b'{"latest": {"value": 41.5}}'),
        "/signups.csv": lambda h: answer(h, 200, b'date,total\n2026-01-01,"1,234"\n'),
        "/fail": lambda h: answer(h, 500, b"boom"),
        "/slow": slow,
        "/drip": drip,
        "/drip-headers": drip_headers,
        "/big": declared_big,
        "/big-stream": lambda h: stream(h, MAX_DOCUMENT + 1),
        "/auth": lambda h: answer(h, 200, b"7"),
        # what a hostile or careless server answers: the secret echoed (cut, as a key),
        # keys that would start lines of their own, a body cut short
        "/echo": lambda h: answer(
            h,
            200,
            json.dumps(
                {
                    "v": h.headers.get("Authorization", "")[:60],
                    h.headers.get("Authorization", "")[7:40]: 1,
                    "a\n::error file=x,line=1::forged": 2,
                    "b\n\n### Recorded\n- fake": 3,
                }
            ).encode(),
        ),
        "/short": lambda h: answer(
            h, 200, b"date,total\n2026-11-01,1000\n2026-11-22,13", {"Content-Length": "1000"}
        ),
        "/to-same": lambda h: answer(h, 302, b"", {"Location": "/auth", "Content-Length": "0"}),
        "/to-other": lambda h: answer(
            h, 302, b"", {"Location": f"http://localhost:{state.port}/auth", "Content-Length": "0"}
        ),
        "/to-file": lambda h: answer(
            h, 302, b"", {"Location": "file:///etc/passwd", "Content-Length": "0"}
        ),
    }

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.seen.append(
                {"path": self.path, **{k.lower(): v for k, v in self.headers.items()}}
            )
            routes.get(self.path, lambda h: answer(h, 404, b"no"))(self)

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep the test output clean

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.port = httpd.server_address[1]
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
    )
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()


def url_source(
    url: str,
    kind: Kind = "json",
    field: str | None = None,
    env: tuple[str, ...] = (),
    headers: tuple[tuple[str, str], ...] = (),
    timeout: float = 5,
) -> Source:
    return Source(
        id="remote",
        kind=kind,
        location=url,
        field=field,
        env=env,
        headers=headers,
        timeout=timeout,
    )


def test_a_json_url(server: Server, repo: Path, environ: dict[str, str]) -> None:
    source = url_source(server.url("/nps.json"), field="latest.value")
    assert read_value(source, repo, environ) == 41.5
    assert server.seen[0]["user-agent"] == "okr-sync"


def test_a_csv_url(server: Server, repo: Path, environ: dict[str, str]) -> None:
    source = url_source(server.url("/signups.csv"), kind="csv", field="total")
    assert read_value(source, repo, environ) == 1234


@pytest.mark.parametrize(("path", "code"), [("/fail", 500), ("/missing", 404)])
def test_an_http_error_says_its_status(
    server: Server, repo: Path, environ: dict[str, str], path: str, code: int
) -> None:
    message = failure(url_source(server.url(path), field="v"), repo, environ)
    assert message.startswith(f"{server.url(path)} answered HTTP {code}")


@pytest.mark.parametrize("path", ["/slow", "/drip", "/drip-headers"])
def test_a_slow_answer_times_out(
    server: Server, repo: Path, environ: dict[str, str], path: str
) -> None:
    started = time.monotonic()
    message = failure(url_source(server.url(path), timeout=1), repo, environ)
    assert message.startswith("took longer than 1 s")
    assert time.monotonic() - started < 2.5


@pytest.mark.parametrize("path", ["/big", "/big-stream"])
def test_a_too_large_answer_is_refused(
    server: Server, repo: Path, environ: dict[str, str], path: str
) -> None:
    started = time.monotonic()
    message = failure(url_source(server.url(path), kind="csv", field="v"), repo, environ)
    assert message == f"{server.url(path)} is larger than 5 MB"
    assert time.monotonic() - started < 1.5


def test_what_a_server_echoes_is_one_line_and_no_part_of_a_secret(
    server: Server, repo: Path, environ: dict[str, str]
) -> None:
    """Text a source answers is cleaned and masked before a message quotes or cuts it: a
    secret echoed in part (as a value, as a key) leaves no run of 8 of its characters, and a
    key with line breaks cannot start a line of its own (a workflow command in the CI log, a
    heading in the pull request's body)."""
    token = "eyJhbGciOiJIUzI1NiJ9.A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1v2W3x4Y5z6A7b8C9d0E1f2"
    environ["TOKEN"] = token
    headers = (("Authorization", "Bearer ${TOKEN}"),)
    for field in ("v", "missing"):
        source = url_source(server.url("/echo"), field=field, env=("TOKEN",), headers=headers)
        message = failure(source, repo, environ)
        assert "\n" not in message and "\r" not in message, message
        assert "***" in message, message  # the echo was there, and masked
        runs = {token[i : i + 8] for i in range(len(token) - 7)}
        assert not any(run in message for run in runs), message


def test_a_secret_split_by_an_invisible_character_is_masked(
    repo: Path, environ: dict[str, str]
) -> None:
    # the secret with a zero-width space inside: masking the raw text would miss it, and
    # cleaning the message would then join it again
    path = repo / "p99.sh"
    path.write_text(
        '#!/bin/bash\necho "denied: ${GRAFANA_TOKEN:0:6}\u200b${GRAFANA_TOKEN:6}" >&2\nexit 1\n'
    )
    path.chmod(0o755)
    environ["GRAFANA_TOKEN"] = SECRET
    message = failure(command("./p99.sh", env=("GRAFANA_TOKEN",)), repo, environ)
    assert message.startswith("exited with code 1: denied:") and SECRET[6:] not in message


def test_a_body_cut_short_is_not_read(server: Server, repo: Path, environ: dict[str, str]) -> None:
    message = failure(url_source(server.url("/short"), kind="csv", field="total"), repo, environ)
    assert (
        message
        == f"{server.url('/short')} was cut short (40 of the 1,000 bytes it announced): nothing read"
    )


def test_a_header_is_filled_in_with_a_listed_secret(
    server: Server, repo: Path, environ: dict[str, str]
) -> None:
    # re.sub with a template would read "\1" in the secret as a group reference
    token = r"t0ken\1$&{x}"
    environ |= {"TOKEN": token, "GITHUB_TOKEN": "ghs_abc"}
    source = url_source(
        server.url("/auth"),
        env=("TOKEN",),
        headers=(("Authorization", "Bearer ${TOKEN}"), ("X-Team", "growth")),
    )
    assert read_value(source, repo, environ) == 7
    assert server.seen[0]["authorization"] == f"Bearer {token}"
    assert server.seen[0]["x-team"] == "growth"
    assert "ghs_abc" not in json.dumps(server.seen)


@pytest.mark.parametrize(
    ("headers", "environ_extra", "expected"),
    [
        (
            (("Authorization", "Bearer ${GITHUB_TOKEN}"),),
            {"GITHUB_TOKEN": "ghs_abc", "TOKEN": "abcd"},
            "header Authorization uses ${GITHUB_TOKEN}, which is not in the source's env list",
        ),
        (
            (("Authorization", "Bearer ${TOKEN}"),),
            {},
            "needs the environment variable TOKEN (a repository secret), which is not set",
        ),
        (
            (("Authorization", "Bearer ${TOKEN}"),),
            {"TOKEN": "abcd\r\nX-Evil: yes"},
            "header Authorization holds a line break or control character",
        ),
        ((("Bad Name", "x"),), {"TOKEN": "abcd"}, "has a header name 'Bad Name' that HTTP"),
    ],
)
def test_a_header_that_cannot_be_sent_stops_the_request(
    server: Server,
    repo: Path,
    environ: dict[str, str],
    headers: tuple[tuple[str, str], ...],
    environ_extra: dict[str, str],
    expected: str,
) -> None:
    environ |= environ_extra
    source = url_source(server.url("/auth"), env=("TOKEN",), headers=headers)
    message = failure(source, repo, environ)
    assert message.startswith(expected)
    assert "X-Evil" not in message and "ghs_abc" not in message
    assert server.seen == []


def test_a_redirect_within_the_origin_keeps_the_headers(
    server: Server, repo: Path, environ: dict[str, str]
) -> None:
    environ["TOKEN"] = "abcd1234"
    source = url_source(
        server.url("/to-same"), env=("TOKEN",), headers=(("Authorization", "Bearer ${TOKEN}"),)
    )
    assert read_value(source, repo, environ) == 7
    assert [r["path"] for r in server.seen] == ["/to-same", "/auth"]
    assert server.seen[1]["authorization"] == "Bearer abcd1234"


def test_a_redirect_to_another_origin_drops_the_headers(
    server: Server, repo: Path, environ: dict[str, str]
) -> None:
    environ["TOKEN"] = "abcd1234"
    source = url_source(
        server.url("/to-other"), env=("TOKEN",), headers=(("Authorization", "Bearer ${TOKEN}"),)
    )
    assert read_value(source, repo, environ) == 7
    assert [r["path"] for r in server.seen] == ["/to-other", "/auth"]
    assert server.seen[0]["authorization"] == "Bearer abcd1234"
    assert server.seen[1]["host"].startswith("localhost:")
    assert "authorization" not in server.seen[1]
    assert server.seen[1]["user-agent"] == "okr-sync"


def test_a_redirect_to_a_file_is_not_followed(
    server: Server, repo: Path, environ: dict[str, str]
) -> None:
    message = failure(url_source(server.url("/to-file"), field="v"), repo, environ)
    assert message == (
        "was redirected to 'file:///etc/passwd'; only http and https redirects are followed"
    )


def test_a_server_that_is_not_there(repo: Path, environ: dict[str, str]) -> None:
    with socket.socket() as probe:  # a port nothing listens on once it is closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    message = failure(url_source(f"http://127.0.0.1:{port}/v.json", field="v"), repo, environ)
    assert message.startswith(f"could not fetch http://127.0.0.1:{port}/v.json: ")
    assert "refused" in message.lower()


def test_a_document_that_reads_two_ways_is_refused(repo: Path, environ: dict[str, str]) -> None:
    """A JSON key or a CSV column named twice: which value is meant cannot be told."""
    (repo / "v.json").write_text('{"v": 1, "v": 2}')
    assert "the key 'v' is there twice" in failure(json_source("v.json", "v"), repo, environ)
    (repo / "v.csv").write_text("v,v\n1,2\n")
    source = Source(id="c", kind="csv", location="v.csv", field="v")
    assert "has 2 columns named 'v'" in failure(source, repo, environ)
    (repo / "w.json").write_text('{"w": 1, "v": {"x": 1, "y": 2}}')  # no key twice: read
    assert read_value(json_source("w.json", "w"), repo, environ) == 1
