"""A whole HTTP request within its time, headers included.

urllib's `timeout` bounds each socket operation, not the request: a server that sends one
header line a second kept a source with `timeout: 3` for 101 s (http.client stops only at
its hundredth header), and longer lines could stretch it to hours. A Deadline shuts the
request's sockets (the first and those of any redirect) when its time is up, so whatever
read is waiting fails at once; the caller then says the request took too long.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import urllib.request
from collections.abc import Callable
from types import TracebackType
from typing import Any, TypeVar

_T = TypeVar("_T")


class Deadline:
    """`with Deadline(seconds) as deadline:` then build the opener with its handlers."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> Deadline:
        self._timer.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._timer.cancel()

    def handlers(self) -> list[urllib.request.BaseHandler]:
        return [_Http(self), _Https(self)]

    def run(self, work: Callable[[], _T], late: Callable[[], Exception]) -> _T:
        """What `work` (a request through an opener with these handlers) returns, within
        the time; `late()` is raised when the time was up, whatever the request did then
        (its sockets shut, it failed or returned what had come)."""
        try:
            with self:
                done = work()
        except Exception:
            if self.expired:
                raise late() from None
            raise
        if self.expired:  # shut while the body came: what was read is not all of it
            raise late()
        return done

    def watch(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self._lock:
            self._sockets.append(sock)
            if self.expired:  # connected just as the time ran out
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


def _watched(base: type[http.client.HTTPConnection], deadline: Deadline) -> Any:
    """`base` (HTTP or HTTPS), whose socket `deadline` shuts when its time is up."""

    class Connection(base):  # type: ignore[valid-type,misc]
        def connect(self) -> None:
            super().connect()
            deadline.watch(self.sock)

    return Connection


class _Http(urllib.request.HTTPHandler):
    def __init__(self, deadline: Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_watched(http.client.HTTPConnection, self.deadline), req)


class _Https(urllib.request.HTTPSHandler):
    def __init__(self, deadline: Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        # what HTTPSHandler.https_open passes (check_hostname: where this Python has it)
        kwargs: dict[str, Any] = {"context": getattr(self, "_context", None)}
        if hasattr(self, "_check_hostname"):
            kwargs["check_hostname"] = self._check_hostname
        return self.do_open(_watched(http.client.HTTPSConnection, self.deadline), req, **kwargs)
