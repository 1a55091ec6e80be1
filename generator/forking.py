"""When to use the machine's other cores: forked worker processes, for work that is large
enough, and only from a process running one thread (a fork copies only the calling thread,
and a lock another thread held would stay locked in the child forever)."""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import multiprocessing.pool
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.context import BaseContext
from typing import TypeVar

_T = TypeVar("_T")

MAX_WORKERS = 8


def workers(jobs: int, worth_it: int) -> int:
    """How many worker processes `jobs` pieces of work should use: 0 for none."""
    count = min(os.cpu_count() or 1, MAX_WORKERS)
    if (
        jobs < worth_it
        or count < 2
        or threading.active_count() > 1
        or "fork" not in multiprocessing.get_all_start_methods()
        or multiprocessing.current_process().daemon  # a pool's worker may not start its own
    ):
        return 0
    return count


def context() -> BaseContext:
    return multiprocessing.get_context("fork")


def pool(processes: int) -> multiprocessing.pool.Pool:
    """A pool of forked workers that end with the process that made them: a build killed
    with SIGKILL left its workers writing into the folder the next build was clearing."""
    return context().Pool(processes, initializer=_end_with_parent)


_PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent ends


def _end_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return  # elsewhere a worker ends when its task queue closes
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def in_chunks(
    work: Callable[[Sequence[int]], list[_T]], indexes: Sequence[int], chunk: int
) -> Iterator[list[_T]]:
    """`work` over chunks of `indexes` in forked workers, the results in order (a chunk at a
    time: progress moves, and a caller can start on the first results)."""
    chunks = [indexes[i : i + chunk] for i in range(0, len(indexes), chunk)]
    with pool(max(workers(len(indexes), 0), 1)) as workers_pool:
        yield from workers_pool.imap(work, chunks)
