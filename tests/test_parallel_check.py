"""`okr check` over many files uses worker processes: the report is the same as one process
makes, finding for finding and in the same order, positions included."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

from benchmarks.synth import generate
from generator import check, forking, loader, parsecache, workspace

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(check.PARALLEL_CHECK + 40, tmp_path_factory.mktemp("big"))


def test_workers_report_what_one_process_reports(big: Path, monkeypatch) -> None:
    # after the period ended every file has findings (ungraded key results), so every file's
    # positions are looked up, in the workers too
    monkeypatch.setattr(forking.threading, "active_count", lambda: 1)
    used: list[int] = []
    real = forking.workers
    monkeypatch.setattr(forking, "workers", lambda jobs, worth: used.append(real(jobs, worth))
                        or used[-1])  # fmt: skip
    forked = check.check_tree(big, "2026-10-05").report
    assert used and used[-1] >= 2  # the workers did the checking
    monkeypatch.setattr(check, "PARALLEL_CHECK", 10**9)
    alone = check.check_tree(big, "2026-10-05").report
    assert forked.problems and [p.format() for p in forked.problems] == [
        p.format() for p in alone.problems
    ]
    assert [p.confidential for p in forked.problems] == [p.confidential for p in alone.problems]
    assert forked.ran == alone.ran and forked.files == alone.files
    assert any("[ungraded]" in p.format() for p in forked.problems)


def _loads(text: str) -> str:
    try:
        loader.load(text)
    except loader.LoadError:
        return "does not load"
    return "loads, but its tree was not kept"


def _broken_tree(tmp_path: Path) -> Path:
    """The real published corpus plus files that reference each other across files and
    periods, fail the schema, fail to parse, and are confidential."""
    import shutil

    root = Path(__file__).resolve().parent.parent
    okrs = tmp_path / "okrs"
    shutil.copytree(root / "okrs", okrs)
    for source in sorted((root / "tests" / "fixtures" / "real" / "okrs").glob("*/*.yaml")):
        target = okrs / source.parent.name / source.name
        target.parent.mkdir(exist_ok=True)
        if not target.exists():
            shutil.copy(source, target)
    q4 = okrs / "2026-Q4"
    (q4 / "mobile.yaml").write_text(
        "team: mobile\nperiod: 2026-Q4\nobjectives:\n  - id: O1\n    title: Fix: it\n"
    )
    (q4 / "data.yaml").write_text(
        "team: data\nperiod: 2026-Q4\nobjectives:\n  - id: O1\n    title: Faster answers\n"
        "    owner: nobody\n    confidential: true\n"
        "    aligns_with: [engineering/O9, platform/O1, data/O1]\n    key_results:\n"
        "      - {id: KR1, title: Ship it, milestone: true, aligns_with: [ghost/O1/KR2]}\n"
    )
    return okrs


@pytest.mark.parametrize("mode", ["streamed", "read once", "one process"])
def test_a_check_in_bounded_memory_reports_what_the_whole_tree_check_reports(
    tmp_path: Path, monkeypatch, mode: str
) -> None:
    """`okr check` over many megabytes keeps each file's summary, not the file, and reads
    every file twice in the workers; over fewer it reads each file once in the workers and
    composes again only the files with findings; over a few files, in one process, it
    locates findings in the node trees kept from reading them. Each way the report is the
    same, finding for finding and position for position, as a check that holds every
    document and parses a file again to locate its findings (what `okr build` does), on real
    files and broken ones."""
    streaming = mode == "streamed"
    okrs = _broken_tree(tmp_path)
    monkeypatch.setattr(forking.threading, "active_count", lambda: 1)
    streamed: list[bool] = []
    real = check._check_streamed
    monkeypatch.setattr(check, "_check_streamed", lambda *a: streamed.append(True) or real(*a))
    monkeypatch.setattr(check, "PARALLEL_CHECK", 10**9 if mode == "one process" else 20)
    # a small tree, read as a large one is (or as a small one)
    monkeypatch.setattr(check, "STREAM_FROM", 0 if streaming else 10**12)
    located = tmp_path / "located"  # written by the workers too: whether a tree was kept
    locator = check.Locator

    def recording(text: str, tree: object = None) -> object:
        with located.open("a") as record:
            record.write("kept\n" if tree is not None else f"{_loads(text)}\n")
        return locator(text, tree)

    monkeypatch.setattr(check, "Locator", recording)
    monkeypatch.chdir(tmp_path)
    bounded = check.check_paths(["okrs"], today="2026-11-20")
    assert streamed == ([True] if streaming else [])
    lines = located.read_text().splitlines()
    if mode == "read once":  # read in the workers, sent back without trees: composed again
        again = "loads, but its tree was not kept"
        assert lines.count(again) > 50 and set(lines) <= {again, "does not load"}, set(lines)
    else:  # every file that loads is located in the tree it was read into, never parsed again
        assert lines.count("kept") > 50 and set(lines) <= {"kept", "does not load"}, set(lines)
    located.unlink()
    monkeypatch.setattr(check, "PARALLEL_CHECK", 10**9)
    whole = check.check_tree(okrs, "2026-11-20").report
    assert bounded.files == whole.files > 50
    assert [p.format() for p in bounded.problems] == [p.format() for p in whole.problems]
    assert [(p.confidential, p.values, p.source) for p in bounded.problems] == [
        (p.confidential, p.values, p.source) for p in whole.problems
    ]
    assert bounded.ran == whole.ran
    rules = {p.rule for p in whole.problems}
    assert {"reference-resolves", "syntax", "ungraded", "alignment-cycle"} <= rules


def _workers_in_a_pool_worker(jobs: int) -> int:
    return forking.workers(jobs, 1)


def test_a_pool_worker_starts_no_workers_of_its_own(monkeypatch) -> None:
    """A daemonic process (a pool's worker, such as the fuzzer's) may not have children:
    pages or checks made there are made in that process (the fuzzer found it)."""
    monkeypatch.setattr(forking.threading, "active_count", lambda: 1)
    assert forking.workers(100, 1) >= 2 or (os.cpu_count() or 1) < 2  # here: it may
    with forking.context().Pool(1) as pool:
        assert pool.map(_workers_in_a_pool_worker, [100]) == [0]


def test_files_read_in_workers_are_the_files_one_process_reads(big: Path, tmp_path, monkeypatch):
    """A build's check reads its files in worker processes and keeps them whole (the site is
    made from them): every document comes back as one process reads it, in order, and the
    parse cache the workers read and wrote stays the build's (nothing it used is pruned, and
    a file whose text did not change is not parsed again)."""
    monkeypatch.setattr(forking.threading, "active_count", lambda: 1)
    assert forking.workers(len(list(big.rglob("*.yaml"))), workspace.PARALLEL_READ) >= 2
    folder = tmp_path / "parsed"
    parsecache.keep_on_disk(folder)
    try:
        forked = check.check_tree(big, "2026-10-05").ctx.workspace.documents
        parsecache.prune_disk()
        entries = {p.name: p.stat().st_ino for p in folder.glob("*.json.z")}
        assert len(entries) == len(forked) > workspace.PARALLEL_READ
        team = sorted((big / "2026-Q3").glob("*.yaml"))[5]
        team.write_text(team.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
        parsecache.keep_on_disk(folder)  # the next build
        again = check.check_tree(big, "2026-10-05").ctx.workspace.documents
        parsecache.prune_disk()
        after = {p.name: p.stat().st_ino for p in folder.glob("*.json.z")}
    finally:
        parsecache.keep_on_disk(None)
    # one entry replaced (the edited file's); every other one read, kept and never rewritten
    assert len(after) == len(entries) and len(set(after) - set(entries)) == 1
    assert all(after[name] == inode for name, inode in entries.items() if name in after)
    monkeypatch.setattr(workspace, "PARALLEL_READ", 10**9)
    alone = check.check_tree(big, "2026-10-05").ctx.workspace.documents
    assert [d.display for d in again] == [d.display for d in alone]
    assert again == alone  # every field: text, data, keys, validity, readable parts
    assert any(d.valid for d in alone) and any(d.text and "# edited" in d.text for d in alone)


def _fields(doc: workspace.Document) -> tuple[object, ...]:
    return (doc.display, doc.kind, doc.text, repr(doc.data), doc.keys, doc.valid, doc.refused,
            repr(doc.load_error), doc.sound_header, doc.sound_objectives,
            doc.sound_key_results, doc.extras)  # fmt: skip


def test_broken_linked_and_oversized_files_read_in_workers_are_read_as_one_process_reads(
    tmp_path: Path, monkeypatch
) -> None:
    """Files that fail to parse or the schema, links inside and outside the tree, a file
    past the size limit: read in the workers, each comes back as one process reads it."""
    okrs = _broken_tree(tmp_path)
    q4 = okrs / "2026-Q4"
    (q4 / "inside.yaml").symlink_to(q4 / "platform.yaml")
    outside = tmp_path / "outside.yaml"
    outside.write_text("team: outside\nperiod: 2026-Q4\n")
    (q4 / "outside.yaml").symlink_to(outside)
    (q4 / "huge.yaml").write_text("team: huge\nperiod: 2026-Q4\n# " + "x" * (3 << 20) + "\n")
    monkeypatch.setattr(forking.threading, "active_count", lambda: 1)
    used: list[int] = []
    real = forking.workers
    monkeypatch.setattr(forking, "workers", lambda jobs, worth: used.append(real(jobs, worth))
                        or used[-1])  # fmt: skip
    forked = check.check_tree(okrs, "2026-11-20")
    assert used and max(used) >= 2
    monkeypatch.setattr(workspace, "PARALLEL_READ", 10**9)
    monkeypatch.setattr(check, "PARALLEL_CHECK", 10**9)
    alone = check.check_tree(okrs, "2026-11-20")
    docs = [_fields(d) for d in forked.ctx.workspace.documents]
    assert docs == [_fields(d) for d in alone.ctx.workspace.documents]
    refused = {d.path.name for d in alone.ctx.workspace.documents if d.load_error is not None}
    assert {"outside.yaml", "huge.yaml"} <= refused and "inside.yaml" not in refused
    assert [p.format() for p in forked.report.problems] == [
        p.format() for p in alone.report.problems
    ]


def test_workers_end_when_the_process_that_made_them_is_killed(tmp_path) -> None:
    """A build killed with SIGKILL must not leave its workers writing into a folder the next
    build is clearing: they end with it (Linux's parent-death signal)."""
    import signal
    import subprocess
    import sys
    import time

    pids = tmp_path / "pids"
    script = tmp_path / "parent.py"
    script.write_text(
        "import os, sys, time\n"
        "from generator import forking\n"
        "def work(_):\n"
        f"    with open({str(pids)!r}, 'a') as f: f.write(f'{{os.getpid()}}\\n')\n"
        "    time.sleep(60)\n"
        "with forking.pool(2) as pool:\n"
        "    pool.map(work, range(2))\n"
    )
    parent = subprocess.Popen([sys.executable, str(script)], cwd=ROOT)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if pids.exists() and len(pids.read_text().split()) == 2:
                break
            time.sleep(0.05)
        workers = [int(pid) for pid in pids.read_text().split()]
        assert len(workers) == 2
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        deadline = time.monotonic() + 10
        alive = workers
        while alive and time.monotonic() < deadline:
            alive = [pid for pid in workers if _alive(pid)]
            time.sleep(0.05)
        assert not alive, alive
    finally:
        if parent.poll() is None:
            parent.kill()
        for pid in [int(p) for p in pids.read_text().split()] if pids.exists() else []:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ", 1)[1][0] != "Z"  # a zombie has ended
    except OSError:
        return False
