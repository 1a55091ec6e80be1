"""Progress on long work, on standard error: a line redrawn in place on a terminal, a plain
line at each quarter in a log (CI), nothing for small jobs (most companies never see it)."""

from __future__ import annotations

import sys
import time
from typing import TextIO

SHOWN_FROM = 300  # items: below this the work takes a second or two
REDRAW = 0.1  # seconds between two redraws on a terminal


class Progress:
    def __init__(
        self, what: str, total: int, stream: TextIO | None = None, shown_from: int | None = None
    ) -> None:
        """`shown_from`: the number of items from which the work is long enough to show (a
        few slow items, such as requests over the network, need a lower one)."""
        self.what = what
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.shown = total >= (SHOWN_FROM if shown_from is None else shown_from)
        self.tty = self.shown and bool(getattr(self.stream, "isatty", lambda: False)())
        self.started = time.perf_counter()
        self.drawn = 0.0
        self.quarter = 0
        self.done = 0

    def step(self, count: int = 1) -> None:
        if not self.shown:
            return
        self.done += count
        if self.tty:
            now = time.perf_counter()
            if now - self.drawn >= REDRAW or self.done >= self.total:
                self.drawn = now
                width = 24
                filled = width * self.done // max(1, self.total)
                bar = "#" * filled + "-" * (width - filled)
                self.stream.write(f"\r{self.what} [{bar}] {self.done}/{self.total}")
                self.stream.flush()
        else:
            quarter = 4 * self.done // max(1, self.total)
            if quarter > self.quarter and quarter < 4:
                self.quarter = quarter
                self.stream.write(f"{self.what}: {self.done} of {self.total}\n")

    def finish(self) -> None:
        if self.shown and self.tty:
            self.stream.write("\r\x1b[K")  # the line is cleared; the summary follows
            self.stream.flush()
