"""Reading one source's current value: running its command, or reading its JSON or CSV file
or URL.

The security model, since okr-sources.yaml is code that runs in CI with the repository's
secrets:

- Nothing is run by a shell. A command line is split into words (`shlex`) and executed
  directly, so `;`, `|`, `$(...)` and globs in it are plain arguments. A relative program
  (`./scripts/p99.sh`) must resolve, symbolic links followed, to a file inside the repository.
- The command sees a minimal environment: PATH, HOME, LANG and LC_ALL, plus exactly the
  variables the source lists in `env`. Nothing else reaches it (not GITHUB_TOKEN, unless
  listed), so one source cannot read another's secret.
- Only declared secrets are used: a header's `${NAME}` is filled in only for a NAME the source
  lists, and a source's headers are not sent on when a redirect leads to another origin.
- Everything is bounded: the command's run time (its whole process group is killed when it
  takes too long) and output, a download's time and size, a file's size.
- Messages are one line for a team lead, never a traceback, and never hold a secret's value:
  a secret a command or server echoes back is replaced with `***`. They are written to follow
  the source's id (`api-latency-p99: took longer than 30 s`).
"""

from __future__ import annotations

import contextlib
import contextvars
import csv
import http.client
import io
import json
import math
import os
import re
import selectors
import shlex
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from email.message import Message
from pathlib import Path
from typing import IO, Any

from .. import entered
from ..fsread import Refused, inside, read_regular
from ..numbers import show
from ..textsafe import BIDI, INVISIBLE, clip, listing, quote
from .deadline import Deadline
from .source import Source, SourceError

MAX_OUTPUT = 64 * 1024  # a command prints one number; anything near this is a mistake
MAX_DOCUMENT = 5 * 1024 * 1024  # a JSON or CSV file or download
USER_AGENT = "okr-sync"
MESSAGE_LINE = 200  # how much of a command's error line is quoted
SECRET_MIN = 4  # shorter values are not redacted: "***" in place of every "1" helps no one
SECRET_RUN = 8  # so many characters of a secret, anywhere in a message, are masked too
PASSED_THROUGH = ("PATH", "HOME", "LANG", "LC_ALL")

_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")  # colour codes, so no "[31m" is left behind
_CONTROL = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{BIDI}{INVISIBLE}]+")
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
# the secrets of the source read_value is reading (what _clean masks)
_SECRETS: contextvars.ContextVar[tuple[str, ...]] = contextvars.ContextVar("secrets", default=())
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://")
_REFERENCE = re.compile(r"\$\{([^}]*)\}")
_HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")


def read_value(source: Source, root: Path, environ: Mapping[str, str]) -> float:
    """The source's current value, a finite float, or SourceError saying why not in one line.

    `root` is the repository (commands run there, file paths are read inside it); `environ`
    is where declared secrets and PATH/HOME/LANG come from (os.environ in `okr sync`)."""
    secrets = tuple(
        sorted(
            {environ[n] for n in source.env if len(environ.get(n, "")) >= SECRET_MIN},
            key=len,
            reverse=True,
        )
    )
    # every text a message quotes from the source is masked as it is cleaned (_clean),
    # before anything cuts it: a secret cut first would no longer match, and leave its start
    masking = _SECRETS.set(secrets)
    try:
        if source.kind == "command":
            return _run(source, root, environ, secrets)
        data = _document(source, root, environ)
        if source.kind == "json":
            return _json_value(data, source.field, _name(source.location))
        if source.kind == "csv":
            return _csv_value(data, source.field, _name(source.location))
        raise SourceError(f"has an unknown kind {quote(source.kind)}")
    except SourceError as exc:
        # `from None`: the reason is in the message; a chained traceback would only add noise
        raise SourceError(_redact(str(exc), secrets)) from None
    finally:
        _SECRETS.reset(masking)


# --- commands ---------------------------------------------------------------------------


def _run(source: Source, root: Path, environ: Mapping[str, str], secrets: tuple[str, ...]) -> float:
    try:
        argv = shlex.split(source.location)
    except ValueError as exc:  # "No closing quotation"
        raise SourceError(f"has a command that cannot be split into words: {exc}") from None
    if not argv:
        raise SourceError("has an empty command")
    program = argv[0]
    argv[0] = _program(program, root)
    env = _child_environment(source, environ)
    try:
        proc = subprocess.Popen(
            argv,
            shell=False,
            cwd=root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            # its own process group, so a timeout kills what it started too (`sleep` in a
            # script would otherwise hold the output pipe open long after the script died)
            start_new_session=True,
        )
    except FileNotFoundError:
        where = "" if "/" in program else " on PATH"
        raise SourceError(
            f"cannot run {quote(_clean(program))}: no such program{where} (or its #! interpreter "
            "is missing)"
        ) from None
    except PermissionError:
        raise SourceError(
            f"cannot run {quote(_clean(program))}: it is not executable (chmod +x it and "
            "commit that)"
        ) from None
    except OSError as exc:
        raise SourceError(f"cannot run {quote(_clean(program))}: {exc.strerror}") from None

    deadline = time.monotonic() + source.timeout
    try:
        out, err, outcome = _collect(proc, deadline)
        if outcome == "done":
            try:
                proc.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:  # closed its output but kept running
                outcome = "timeout"
    finally:
        _kill_group(proc)  # also what it left running in the background
        proc.wait()
        for pipe in (proc.stdout, proc.stderr):
            if pipe is not None:
                pipe.close()

    if outcome == "timeout":
        raise SourceError(f"took longer than {show(source.timeout)} s and was stopped")
    if outcome == "too much":
        raise SourceError(
            f"printed more than {MAX_OUTPUT // 1024} KiB; a command prints one number"
        )
    if proc.returncode < 0:
        try:
            name = signal.Signals(-proc.returncode).name
        except ValueError:
            name = str(-proc.returncode)
        raise SourceError(f"was stopped by signal {name}")
    if proc.returncode > 0:
        line = _last_line(_redact(err.decode("utf-8", "replace"), secrets))
        said = f": {line}" if line else " without an error message"
        raise SourceError(f"exited with code {proc.returncode}{said}")

    text = _redact(out.decode("utf-8", "replace"), secrets).strip()
    if not text:
        raise SourceError("printed nothing; a command prints one number")
    shown = _clean(text)
    if shown != text and entered.is_number(shown):  # what the message shows would pass
        raise SourceError(
            f"printed {quote(shown)} with escape codes or invisible characters around it; a "
            "command prints one plain number"
        )
    return _parse(text, "printed", "not one number")


def _program(program: str, root: Path) -> str:
    """The program to execute: a name looked up on PATH, an absolute path, or a path relative
    to the repository that must stay inside it (a link out of it is not followed)."""
    if "/" not in program or os.path.isabs(program):
        return program
    base = root.resolve()
    try:
        target = (base / program).resolve(strict=True)
    except FileNotFoundError:
        raise SourceError(
            f"runs {quote(_clean(program))}, which does not exist in the repository"
        ) from None
    except (OSError, RuntimeError, ValueError):
        raise SourceError(f"runs {quote(_clean(program))}, which cannot be resolved") from None
    if not inside(target, base):
        raise SourceError(
            f"runs {quote(_clean(program))}, which leads out of the repository; a command is a "
            "program on PATH or a script inside the repository"
        )
    return str(target)


def _child_environment(source: Source, environ: Mapping[str, str]) -> dict[str, str]:
    env = {name: environ[name] for name in PASSED_THROUGH if name in environ}
    env.setdefault("PATH", os.defpath)
    for name in source.env:
        env[name] = _secret(name, environ)
    return env


def _secret(name: str, environ: Mapping[str, str]) -> str:
    # An unset repository secret reaches a workflow as an empty string, so empty is unset.
    value = environ.get(name, "")
    if not value:
        raise SourceError(
            f"needs the environment variable {name} (a repository secret), which is not set"
        )
    return value


def _collect(proc: subprocess.Popen[bytes], deadline: float) -> tuple[bytes, bytes, str]:
    """Standard output (at most MAX_OUTPUT) and the tail of standard error, until both end
    or the deadline passes. The outcome is "done", "timeout" or "too much"."""
    assert proc.stdout is not None and proc.stderr is not None
    out, err = bytearray(), bytearray()
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ, out)
        selector.register(proc.stderr, selectors.EVENT_READ, err)
        while selector.get_map():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return bytes(out), bytes(err), "timeout"
            for key, _ in selector.select(remaining):
                chunk = os.read(key.fd, 65536)
                if not chunk:
                    selector.unregister(key.fileobj)
                    continue
                key.data.extend(chunk)
                if key.data is out and len(out) > MAX_OUTPUT:
                    return bytes(out), bytes(err), "too much"
                if key.data is err:
                    del err[:-MAX_OUTPUT]  # its last line is the one that says what failed
    return bytes(out), bytes(err), "done"


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    # gone already: ProcessLookupError; only a zombie leader is left (macOS): PermissionError
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)


def _last_line(text: str) -> str:
    lines = [_clean(line) for line in text.splitlines()]
    last = next((line for line in reversed(lines) if line), "")
    return last if len(last) <= MESSAGE_LINE else last[: MESSAGE_LINE - 1] + "…"


def _clean(text: str) -> str:
    """Text from a source, safe on one line of a log and in a report: no escape sequences,
    control or invisible characters, and no secret of the source being read (whole, or any
    run of SECRET_RUN of its characters), masked before the text is cut."""
    visible = _INVISIBLE.sub("", _ANSI.sub("", text))  # a secret split by a zero-width space
    return " ".join(_CONTROL.sub(" ", _redact(visible, _SECRETS.get())).split())


def _redact(text: str, secrets: tuple[str, ...]) -> str:
    for secret in secrets:  # longest first, so one that contains another goes whole
        text = text.replace(secret, "***")
    for secret in secrets:  # what is left of one that was echoed in part
        for start in range(len(secret) - SECRET_RUN + 1):
            text = text.replace(secret[start : start + SECRET_RUN], "***")
    return text


# --- numbers ----------------------------------------------------------------------------


def _parse(text: str, what: str, otherwise: str) -> float:
    """The number written in `text` (entered.py; thousands may be grouped with commas, as
    spreadsheets print them); `what` starts the message when it is not one."""
    try:
        return float(entered.number(text, grouped=True))
    except ValueError as exc:
        if entered.is_number(text, grouped=True):
            raise SourceError(f"{what} {quote(_clean(text))}, {exc}") from None
        raise SourceError(f"{what} {quote(_clean(text))}, {otherwise}") from None


def _finite(value: float | int, what: str) -> float:
    try:
        number = float(value)
    except OverflowError:  # an integer beyond any float
        number = math.inf if value > 0 else -math.inf
    if math.isnan(number):
        raise SourceError(f"{what} NaN, which is not a number")
    if math.isinf(number):
        raise SourceError(f"{what} a number too large to be a value (infinite as a float)")
    if abs(number) > entered.MAX_MAGNITUDE:
        raise SourceError(
            f"{what} {show(number)}, too large to be a key result's value (more than 10^15 "
            "in size); check the source"
        )
    return number


# --- documents: files and URLs ----------------------------------------------------------


def _name(location: str) -> str:
    return clip(_clean(location), 100)


def _document(source: Source, root: Path, environ: Mapping[str, str]) -> bytes:
    scheme = _SCHEME.match(source.location)
    if scheme is None:
        return _read_file(source.location, root)
    if scheme.group(1).lower() not in ("http", "https"):
        raise SourceError(
            f"reads {_name(source.location)}; only http and https URLs and files in the "
            "repository are read"
        )
    return _download(source, environ)


def _read_file(location: str, root: Path) -> bytes:
    base = root.resolve()
    name = _name(location)
    try:
        target = (base / location).resolve(strict=True)
    except FileNotFoundError:
        raise SourceError(f"{name} does not exist in the repository") from None
    except (OSError, RuntimeError, ValueError):
        raise SourceError(f"{name} cannot be resolved (a symbolic link that loops?)") from None
    if not inside(target, base):
        raise SourceError(f"{name} leads out of the repository; only files inside it are read")
    try:
        return read_regular(target, MAX_DOCUMENT, base)
    except Refused as exc:
        raise SourceError(f"{name} {exc}") from None


def _origin(parts: urllib.parse.SplitResult) -> tuple[str, str, int | None]:
    scheme = parts.scheme.lower()
    try:
        port = parts.port or {"http": 80, "https": 443}.get(scheme)
    except ValueError:  # a port that is not a number; urllib refuses the URL later
        port = None
    return scheme, (parts.hostname or "").lower(), port


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects to http(s) only, within the deadline, and sends the source's own
    headers (which may hold secrets) only to the origin the source names."""

    def __init__(
        self,
        origin: tuple[str, str, int | None],
        private: tuple[str, ...],
        deadline: float,
        timeout: str,
    ) -> None:
        super().__init__()
        self.origin = origin
        self.private = private
        self.deadline = deadline
        self.timeout = timeout

    def http_error_302(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: Message,
    ) -> IO[bytes] | None:
        # checked before urllib's own handling, which would follow ftp:// too
        location = headers.get("location") or headers.get("uri")
        if location:
            scheme = urllib.parse.urlsplit(urllib.parse.urljoin(req.full_url, location)).scheme
            if scheme.lower() not in ("http", "https"):
                fp.close()
                raise SourceError(
                    f"was redirected to {quote(_clean(location))}; only http and https "
                    "redirects are followed"
                )
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: Message,
        newurl: str,
    ) -> urllib.request.Request | None:
        # urllib would read a redirect's body to its end, however long; it is never needed
        fp.close()
        if time.monotonic() > self.deadline:
            raise SourceError(f"took longer than {self.timeout} s (following redirects)")
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and _origin(urllib.parse.urlsplit(newurl)) != self.origin:
            for name in self.private:
                new.remove_header(name.capitalize())  # Request stores names so
        return new


def _headers(source: Source, environ: Mapping[str, str]) -> dict[str, str]:
    headers = {"User-Agent": USER_AGENT}
    for name, template in source.headers:
        if not _HEADER_NAME.fullmatch(name):
            raise SourceError(f"has a header name {quote(_clean(name))} that HTTP does not allow")
        value = _REFERENCE.sub(
            lambda match, n=name: _fill(n, match.group(1), source, environ), template
        )
        if _CONTROL.search(value):
            # a line break would start a header of its own; the value is not shown: it may
            # hold a secret
            raise SourceError(f"header {name} holds a line break or control character")
        headers[name] = value
    return headers


def _fill(header: str, name: str, source: Source, environ: Mapping[str, str]) -> str:
    if name not in source.env:
        raise SourceError(
            f"header {header} uses ${{{clip(_clean(name), 40)}}}, which is not in the "
            "source's env list; only listed variables are filled in"
        )
    return _secret(name, environ)


def _download(source: Source, environ: Mapping[str, str]) -> bytes:
    url = source.location
    name = _name(url)
    parts = urllib.parse.urlsplit(url)
    if not parts.hostname:
        raise SourceError(f"reads {name}, a URL without a host")
    for variable in source.env:  # a declared secret that is not set is said before any request
        _secret(variable, environ)
    timeout = show(source.timeout)
    deadline = time.monotonic() + source.timeout
    request = urllib.request.Request(url, method="GET", headers=_headers(source, environ))
    within = Deadline(source.timeout)
    opener = urllib.request.build_opener(
        _Redirects(_origin(parts), tuple(n for n, _ in source.headers), deadline, timeout),
        *within.handlers(),
    )
    return within.run(
        lambda: _fetch(opener, request, source.timeout, name, deadline, timeout),
        lambda: SourceError(f"took longer than {timeout} s ({name})"),
    )


def _fetch(
    opener: urllib.request.OpenerDirector,
    request: urllib.request.Request,
    seconds: float,
    name: str,
    deadline: float,
    timeout: str,
) -> bytes:
    try:
        with opener.open(request, timeout=seconds) as response:
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > MAX_DOCUMENT:
                raise SourceError(f"{name} is larger than {MAX_DOCUMENT // 2**20} MB")
            body = _read_body(response, name, deadline, timeout)
            if length.isdigit() and len(body) < int(length):  # the connection closed early
                raise SourceError(
                    f"{name} was cut short ({len(body):,} of the {int(length):,} bytes it "
                    "announced): nothing read"
                )
            return body
    except urllib.error.HTTPError as exc:
        exc.close()
        reason = clip(_clean(str(exc.reason)), 60)
        said = f" ({reason})" if reason else ""
        raise SourceError(f"{name} answered HTTP {exc.code}{said}") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise SourceError(f"took longer than {timeout} s ({name})") from None
        raise SourceError(f"could not fetch {name}: {_reason(exc.reason)}") from None
    except TimeoutError:  # while waiting for the answer or reading it
        raise SourceError(f"took longer than {timeout} s ({name})") from None
    except (http.client.HTTPException, OSError) as exc:
        raise SourceError(f"could not fetch {name}: {_reason(exc)}") from None
    except ValueError:
        # http.client's messages quote header values, which may hold a secret
        raise SourceError(f"could not fetch {name}: the URL or a header is not valid") from None


def _read_body(
    response: http.client.HTTPResponse, name: str, deadline: float, timeout: str
) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        # the socket's timeout bounds each read; this bounds them all, against a server that
        # sends a byte at a time
        if time.monotonic() > deadline:
            raise SourceError(f"took longer than {timeout} s ({name})")
        chunk = response.read1(65536)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > MAX_DOCUMENT:
            raise SourceError(f"{name} is larger than {MAX_DOCUMENT // 2**20} MB")
        chunks.append(chunk)


def _reason(error: object) -> str:
    if isinstance(error, OSError) and error.strerror:
        text = error.strerror
    else:
        text = str(error) or type(error).__name__
    return clip(_clean(text), 120)


# --- JSON -------------------------------------------------------------------------------


def _json_value(data: bytes, field: str | None, name: str) -> float:
    try:
        # bytes: UTF-8 (with or without a BOM), UTF-16, UTF-32; numbers as entered.py reads
        # them (1e-400 is not 0)
        document = json.loads(data, parse_float=_json_number, object_pairs_hook=_no_twice)
    except json.JSONDecodeError as exc:
        raise SourceError(
            f"{name} is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    except UnicodeDecodeError:
        raise SourceError(f"{name} is not valid JSON: it is not UTF-8 text") from None
    except _Twice as exc:
        raise SourceError(f"{name} is not one reading of JSON: {exc}") from None
    except ValueError as exc:  # an integer of thousands of digits
        raise SourceError(f"{name} is not valid JSON: {clip(str(exc), 80)}") from None
    except RecursionError:
        raise SourceError(f"{name} is nested too deeply to read") from None
    path = field or ""
    value = _walk(document, path, name)
    what = f"{name}: {quote(path)} is" if path else f"{name} is"
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise SourceError(f"{what} {_describe(value)}, not a number")
    if isinstance(value, str):
        return _parse(value, what, "text that is not a number")
    if isinstance(value, _Refused):
        raise SourceError(f"{what} {quote(_clean(value.text))}, {value.why}")
    return _finite(value, what)


class _Twice(ValueError):
    """An object names a key twice: which value is meant cannot be told."""


def _no_twice(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise _Twice(f"the key {quote(_clean(key))} is there twice")
        found[key] = value
    return found


class _Refused(float):
    """A JSON number entered.py refuses (too small to be told from 0): kept with why, for
    the message, should the field name it."""

    text: str
    why: str


def _json_number(text: str) -> float:
    try:
        return float(entered.number(text))
    except ValueError as exc:
        refused = _Refused(0.0)
        refused.text, refused.why = text, str(exc)
        return refused


def _walk(document: Any, path: str, name: str) -> Any:
    """The value at a dotted path: keys of objects, indexes (from the end when negative) of
    lists. An empty path is the whole document."""
    value = document
    steps = path.split(".") if path else []
    for i, step in enumerate(steps):
        here = quote(".".join(steps[:i])) if i else "the document"
        where = f"{name}: {quote(path)}:"
        if isinstance(value, dict):
            if step not in value:
                keys = listing(sorted(_clean(str(k)) for k in value)) or "none"
                raise SourceError(f"{where} {here} has no key {quote(step)} (its keys: {keys})")
            value = value[step]
        elif isinstance(value, list):
            if not re.fullmatch(r"-?[0-9]{1,9}", step):
                raise SourceError(
                    f"{where} {here} is a list, so {quote(step)} should be an index "
                    "(0 for the first item, -1 for the last)"
                )
            index = int(step)
            if not -len(value) <= index < len(value):
                raise SourceError(
                    f"{where} {here} is a list of {len(value)} items; it has no item {index}"
                )
            value = value[index]
        else:
            raise SourceError(f"{where} {here} is {_describe(value)}, which has no {quote(step)}")
    return value


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"the text {quote(_clean(value))}"
    return show(value)


# --- CSV --------------------------------------------------------------------------------


def _csv_value(data: bytes, field: str | None, name: str) -> float:
    if not field or not field.strip():
        raise SourceError(f"reads {name} but names no column")
    try:
        text = data.decode("utf-8-sig")  # Excel writes a byte-order mark
    except UnicodeDecodeError:
        raise SourceError(f"{name} is not UTF-8 text") from None
    try:
        rows = [
            row for row in csv.reader(io.StringIO(text, newline="")) if any(c.strip() for c in row)
        ]
    except csv.Error as exc:
        raise SourceError(f"{name} is not a CSV file this tool reads: {exc}") from None
    if not rows:
        raise SourceError(f"{name} is empty")
    columns = [cell.strip() for cell in rows[0]]
    column = field.strip()
    if column not in columns:
        present = listing([quote(_clean(c), 30) for c in columns if c]) or "none"
        raise SourceError(f"{name} has no column {quote(column)}; its columns are {present}")
    if len(rows) == 1:
        raise SourceError(f"{name} has a header but no rows")
    if columns.count(column) > 1:  # which one is meant cannot be told
        raise SourceError(f"{name} has {columns.count(column)} columns named {quote(column)}")
    index = columns.index(column)
    last = rows[-1]
    cell = last[index].strip() if index < len(last) else ""
    if not cell:
        raise SourceError(f"{name}: the last row has no value in column {quote(column)}")
    return _parse(cell, f"{name}: the last row's {quote(column)} is", "not a number")
