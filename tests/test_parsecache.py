"""`okr serve` rebuilds parse only the files whose text changed (generator/parsecache.py),
and the check comes out the same as a check that parses everything."""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT, TODAY

from generator import parsecache, workspace
from generator.check import check_tree


@pytest.fixture
def parses(monkeypatch):
    """How many texts were parsed, and a fresh, empty cache for the test."""
    monkeypatch.setattr(parsecache, "_current", {})
    monkeypatch.setattr(parsecache, "_previous", {})
    count = [0]
    real = workspace.load_tree

    def counted(*args, **kwargs):
        count[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(workspace, "load_tree", counted)
    return count


def report(checked):
    return [(p.format(), p.confidential) for p in checked.report.problems]


def test_a_second_check_parses_only_the_changed_file(tmp_path, monkeypatch, parses):
    okrs = tmp_path / "okrs"
    shutil.copytree(ROOT / "okrs", okrs)
    monkeypatch.setattr(parsecache, "_kept", True)
    first = check_tree(okrs, TODAY)
    files = first.report.files
    assert parses[0] == files > 10  # every file parsed once

    team = okrs / "2026-Q4" / "mobile.yaml"
    text = team.read_text(encoding="utf-8")
    team.write_text(text.replace("check_ins:", "check_ins:\n          - {date: 2026-11-20, value: 1.0}", 1),
                    encoding="utf-8")  # fmt: skip
    parses[0] = 0
    second = check_tree(okrs, TODAY)
    assert parses[0] == 1  # only mobile.yaml
    # the same findings, positions and data as a check that parses every file
    monkeypatch.setattr(parsecache, "_kept", False)
    parses[0] = 0
    fresh = check_tree(okrs, TODAY)
    assert parses[0] == files
    assert report(second) == report(fresh)
    assert [(d.relative, d.data) for d in second.ctx.workspace.documents] == [
        (d.relative, d.data) for d in fresh.ctx.workspace.documents
    ]
    mobile = [
        doc.data
        for checked in (first, second)
        for doc in checked.ctx.workspace.documents
        if doc.relative.endswith("mobile.yaml")
    ]
    assert mobile[0] != mobile[1]  # the edit is seen, not the file as it was


def test_what_comes_back_is_a_copy(tmp_path, monkeypatch, parses):
    okrs = tmp_path / "okrs"
    shutil.copytree(ROOT / "okrs", okrs)
    monkeypatch.setattr(parsecache, "_kept", True)
    first = check_tree(okrs, TODAY)
    doc = next(d for d in first.ctx.workspace.documents if d.kind == "team")
    doc.data["objectives"].clear()  # a caller changing what it got
    second = check_tree(okrs, TODAY)
    again = next(d for d in second.ctx.workspace.documents if d.relative == doc.relative)
    assert again.data["objectives"] and again.data is not doc.data


def test_a_plain_check_keeps_nothing(tmp_path, monkeypatch, parses):
    okrs = tmp_path / "okrs"
    shutil.copytree(ROOT / "okrs", okrs)
    monkeypatch.setattr(parsecache, "_kept", False)
    first = check_tree(okrs, TODAY)
    parses[0] = 0
    check_tree(okrs, TODAY)
    assert parses[0] == first.report.files  # parsed again: `okr check` and `okr build` keep nothing
    assert parsecache._current == {} and parsecache._previous == {}
