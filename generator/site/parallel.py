"""Pages made in forked worker processes and merged back in order.

A site of 1,000 teams is thousands of pages; on a machine with several cores they are made by
worker processes, each job (a page, or a list of pages) from ids, and what each job made
(pages, chart specs, files, key results' charts drawn from the SVG template) is merged in the
order of the jobs, so the site is the same, byte for byte, with or without workers. Workers
are forked only from a process running one thread (generator/forking.py): `okr serve` makes
its pages in order.
"""

from __future__ import annotations

from typing import Any, Protocol

from .. import charts, forking
from ..progress import Progress

PARALLEL_PAGES = 64  # jobs worth starting worker processes for
PAGE_CHUNK = 25  # jobs a worker does at a time
# what makes a page or a few: a Builder method and the ids it makes them from
Job = tuple[str, tuple[str, ...]]
# what a job made: its pages (in order), chart specs, files, and its charts drawn from the
# SVG template (thousands of key results' charts: drawn beside their pages, in the workers)
Made = tuple[list[Any], dict[str, dict[str, Any]], dict[str, bytes], dict[str, bytes]]


class Maker(Protocol):
    """What makes the pages: pages.Builder."""

    site: Any  # its `pages` and `files`
    store: charts.ChartStore

    def do(self, job: Job) -> None: ...

    def before_fork(self) -> None: ...


_forked: Maker | None = None  # the maker a forked worker makes pages with


def make(maker: Maker, jobs: list[Job]) -> None:
    """Every page of `jobs`, in worker processes when there are many."""
    workers = forking.workers(len(jobs), PARALLEL_PAGES)
    shown = Progress("Making pages", len(jobs))
    if not workers:
        for job in jobs:
            maker.do(job)
            shown.step()
        shown.finish()
        return
    global _forked
    _forked = maker
    maker.before_fork()
    # small chunks, handed out as workers free up: balanced, and progress to show
    chunks = [jobs[i : i + PAGE_CHUNK] for i in range(0, len(jobs), PAGE_CHUNK)]
    made: list[Made] = []
    try:
        with forking.context().Pool(workers) as pool:
            for chunk, results in zip(chunks, pool.imap(_chunk, chunks), strict=True):
                made.extend(results)
                shown.step(len(chunk))
    finally:
        _forked = None
        shown.finish()
    for pages, specs, files, drawn in made:
        for page in pages:
            maker.site.pages[page.src] = page
        maker.store.specs.update(specs)
        maker.store.ready.update(drawn)  # drawn in the worker, beside its pages
        maker.site.files.update(files)


def _chunk(jobs: list[Job]) -> list[Made]:
    """In a worker: do these jobs, each with what it made (each job starts from empty
    collections: a worker keeps nothing between jobs)."""
    maker = _forked
    assert maker is not None
    out: list[Made] = []
    for job in jobs:
        maker.site.pages, maker.store.specs, maker.site.files = {}, {}, {}
        maker.do(job)
        specs = maker.store.specs
        out.append((list(maker.site.pages.values()), specs, maker.site.files,
                    charts.templated(specs)))  # fmt: skip
    return out
