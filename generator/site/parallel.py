"""Pages made in forked worker processes and merged back in order.

A site of 1,000 teams is thousands of pages; on a machine with several cores they are made by
worker processes, each job (a page, or a list of pages) from ids, and what each job made
(pages, with their key results' charts, chart specs and files) is merged in the
order of the jobs, so the site is the same, byte for byte, with or without workers. Workers
are forked only from a process running one thread (generator/forking.py): `okr serve` makes
its pages in order.

A job with a key (site/depends.py) whose output an earlier build kept (site/jobcache.py) is
not made again: what it made then is merged in its place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from .. import charts, forking
from ..progress import Progress
from .jobcache import JobCache
from .page import Job, Made

# jobs worth starting worker processes for: few, since a job left to make after the others
# were taken from the last build is one of the heavy ones (a dashboard, a list of every key
# result, the exports)
PARALLEL_PAGES = 16
PAGE_CHUNK = 25  # jobs a worker does at a time, at most
PER_ITEM = frozenset({"team", "person"})  # the jobs there are one of per team or person
_R = TypeVar("_R")
# a job to make, with its key in the job cache (None: not kept)
Task = tuple[Job, str | None]


class Maker(Protocol):
    """What makes the pages: pages.Builder."""

    site: Any  # its `pages` and `files`
    store: charts.ChartStore

    def do(self, job: Job) -> None: ...

    def before_fork(self) -> None: ...


_forked: tuple[Maker, JobCache | None] | None = None  # what a forked worker makes pages with


def make(
    maker: Maker,
    jobs: list[Job],
    keys: list[str | None] | None = None,
    cache: JobCache | None = None,
) -> None:
    """Every page of `jobs`, in worker processes when there are many; a job whose key
    `cache` holds is taken from it. The jobs with no key (the company-wide pages) are made
    while the kept ones are read: reading 3,000 entries is half a second of a one-file build."""
    keys = keys if keys is not None and cache is not None else [None] * len(jobs)
    made: dict[int, Made] = {}
    unkeyed = [index for index, key in enumerate(keys) if key is None]
    keyed = [index for index, key in enumerate(keys) if key is not None]
    missing: list[int] = []

    def read_kept() -> list[Task]:
        assert cache is not None
        for index in keyed:
            kept = cache.get(jobs[index], keys[index] or "")
            if kept is None:
                missing.append(index)
            else:
                made[index] = kept
        return [(jobs[index], keys[index]) for index in missing]

    tasks = [(jobs[index], keys[index]) for index in unkeyed]
    results = _run(maker, tasks, cache, read_kept if keyed else None, len(keyed))
    made.update(zip(unkeyed + missing, results, strict=True))
    for index in range(len(jobs)):
        pages, specs, files = made[index]
        for page in pages:
            maker.site.pages[page.src] = page
        maker.store.specs.update(specs)
        maker.site.files.update(files)


def _run(
    maker: Maker,
    tasks: list[Task],
    cache: JobCache | None,
    later: Callable[[], list[Task]] | None = None,
    at_most: int = 0,
) -> list[Made]:
    """What `tasks` make, then what the tasks `later` returns make (it is called once the
    workers have started on `tasks`; `at_most`: how many it may return)."""
    workers = forking.workers(len(tasks) + at_most, PARALLEL_PAGES)
    if not workers:
        tasks = tasks + (later() if later else [])
        shown = Progress("Making pages", len(tasks))
        try:
            out = []
            for task in tasks:
                out.append(_one(maker, cache, task))
                shown.step()
            return out
        finally:
            shown.finish()
    global _forked
    _forked = (maker, cache)
    maker.before_fork()
    shown = None
    try:
        with forking.pool(workers) as pool:
            first = _chunks(tasks, workers)
            started = pool.imap(_chunk, ([tasks[i] for i in chunk] for chunk in first))
            more = later() if later else []
            everything = tasks + more
            shown = Progress("Making pages", len(everything))
            second = [[len(tasks) + i for i in chunk] for chunk in _chunks(more, workers)]
            then = pool.imap(_chunk, ([everything[i] for i in chunk] for chunk in second))
            made: dict[int, Made] = {}
            for chunks, results in ((first, started), (second, then)):
                for chunk, out in zip(chunks, results, strict=True):
                    made.update(zip(chunk, out, strict=True))
                    shown.step(len(chunk))
        return [made[i] for i in range(len(everything))]
    finally:
        _forked = None
        if shown is not None:
            shown.finish()


def _chunks(tasks: list[Task], workers: int) -> list[list[int]]:
    """The order the workers take `tasks` in, as chunks of their indexes: the company-wide
    jobs first, each alone (one of them last, the exports took a second at 1,000 teams,
    would keep one worker busy while the others wait), then small chunks, handed out as
    workers free up: balanced, and progress to show."""
    order = sorted(range(len(tasks)), key=lambda i: tasks[i][0][0] in PER_ITEM)
    lone = sum(1 for i in order if tasks[i][0][0] not in PER_ITEM)
    size = max(1, min(PAGE_CHUNK, len(tasks) // (4 * workers)))
    return [[i] for i in order[:lone]] + [
        order[i : i + size] for i in range(lone, len(order), size)
    ]


def _one(maker: Maker, cache: JobCache | None, task: Task) -> Made:
    """What one job makes, apart from what was made before it (each job starts from empty
    collections, which are put back afterwards), kept in `cache` when it has a key."""
    job, key = task
    site, store = maker.site, maker.store
    before = site.pages, store.specs, site.files
    site.pages, store.specs, site.files = {}, {}, {}
    try:
        maker.do(job)
        made: Made = (list(site.pages.values()), store.specs, site.files)
    finally:
        site.pages, store.specs, site.files = before
    if cache is not None and key is not None:
        cache.put(job, key, made)
    return made


def _chunk(tasks: list[Task]) -> list[Made]:
    """In a worker: do these jobs, each with what it made."""
    assert _forked is not None
    maker, cache = _forked
    return [_one(maker, cache, task) for task in tasks]


_each: Callable[[str], Any] | None = None  # what a forked worker does to each item


def each(function: Callable[[str], _R], items: list[str], label: str) -> list[_R]:
    """`function` of every item, for what it writes (worker processes when there are many),
    and what it returned for each, in the items' order."""
    global _each
    workers = forking.workers(len(items), PARALLEL_PAGES)
    shown = Progress(label, len(items))
    out: list[_R] = []
    try:
        if not workers:
            for item in items:
                out.append(function(item))
                shown.step()
            return out
        _each = function
        size = max(1, min(PAGE_CHUNK * 4, len(items) // (4 * workers)))
        chunks = [items[i : i + size] for i in range(0, len(items), size)]
        with forking.pool(workers) as pool:
            for chunk, results in zip(chunks, pool.imap(_each_chunk, chunks), strict=True):
                out.extend(results)
                shown.step(len(chunk))
        return out
    finally:
        _each = None
        shown.finish()


def _each_chunk(items: list[str]) -> list[Any]:
    assert _each is not None
    return [_each(item) for item in items]
