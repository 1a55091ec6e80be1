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
    monkeypatch.setattr(parsecache, "_found", {})
    monkeypatch.setattr(parsecache, "_found_before", {})
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


def test_a_second_check_validates_only_the_changed_file(tmp_path, monkeypatch, parses):
    """The schema validity of a text is kept beside it: a rebuild validates the file that
    changed, and a file that stops being valid is read as invalid, with its readable parts."""
    from generator import validation

    okrs = tmp_path / "okrs"
    shutil.copytree(ROOT / "okrs", okrs)
    monkeypatch.setattr(parsecache, "_kept", True)
    validated = []
    real = validation.is_valid
    monkeypatch.setattr(
        validation, "is_valid", lambda kind, data: validated.append(kind) or real(kind, data)
    )
    first = check_tree(okrs, TODAY)
    assert len(validated) == first.report.files > 10 and first.report.errors == 0
    platform = okrs / "2026-Q4" / "platform.yaml"
    good = platform.read_text(encoding="utf-8")
    platform.write_text(good.replace("        title: Keep monthly", "        titel: Keep monthly"),
                        encoding="utf-8")  # fmt: skip
    validated.clear()
    second = check_tree(okrs, TODAY)
    assert validated == ["team"]  # only platform.yaml
    broken = next(
        d for d in second.ctx.workspace.documents if d.relative.endswith("2026-Q4/platform.yaml")
    )
    assert broken.valid is False and broken.sound_header and broken.sound_objectives
    assert any(p.rule == "schema" for p in second.report.problems)
    # the same findings as a check that validates every file
    monkeypatch.setattr(parsecache, "_kept", False)
    fresh = check_tree(okrs, TODAY)
    assert report(second) == report(fresh)
    assert [(d.relative, d.valid, d.sound_objectives, d.sound_key_results)
            for d in second.ctx.workspace.documents] == [
        (d.relative, d.valid, d.sound_objectives, d.sound_key_results)
        for d in fresh.ctx.workspace.documents
    ]  # fmt: skip


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


def test_okr_build_keeps_parsed_files_on_disk_between_builds(tmp_path, monkeypatch, parses):
    """`okr build` keeps parsed files in the project's cache (compressed JSON): the next
    build parses only what changed, finds the same, and a damaged entry is parsed again."""
    okrs = tmp_path / "okrs"
    shutil.copytree(ROOT / "okrs", okrs)
    # a file with what JSON must hold exactly: NaN, a big integer, -0.0, non-ASCII text
    odd = okrs / "2026-Q4" / "odd.yaml"
    odd.write_text('team: odd\nperiod: 2026-Q4\nnote: "\\U0001F600 é"\nn: .nan\n'
                   "big: 123456789012345678901\nz: -0.0\n")  # fmt: skip
    folder = tmp_path / "parsed"
    monkeypatch.setattr(parsecache, "_disk", None)
    parsecache.keep_on_disk(folder)
    try:
        first = check_tree(okrs, TODAY)
        parsecache.prune_disk()
        files = first.report.files
        assert parses[0] == files > 10 and len(list(folder.glob("*.json.z"))) == files
        team = okrs / "2026-Q4" / "mobile.yaml"
        team.write_text(team.read_text().replace("check_ins:", "check_ins:\n          - {date: 2026-11-20, value: 1.0}", 1))  # fmt: skip
        entries = sorted(folder.glob("*.json.z"))
        entries[0].write_bytes(b"not compressed JSON")
        parsecache.keep_on_disk(folder)  # the next build, in a new process
        parses[0] = 0
        second = check_tree(okrs, TODAY)
        parsecache.prune_disk()
        assert parses[0] == 2  # mobile.yaml, and the file whose entry was damaged
        assert len(list(folder.glob("*.json.z"))) == files  # mobile's old entry pruned
        parsecache.keep_on_disk(folder, "another version of the tool")
        parses[0] = 0
        check_tree(okrs, TODAY)
        assert parses[0] == files  # its loader may read a text differently: nothing reused
    finally:
        parsecache.keep_on_disk(None)
    parses[0] = 0
    fresh = check_tree(okrs, TODAY)
    assert parses[0] == files  # nothing kept or read once the build is over
    assert report(second) == report(fresh)
    # repr: NaN is not equal to itself, and -0.0 must stay -0.0
    data = [(d.relative, repr(d.data), d.keys) for d in second.ctx.workspace.documents]
    assert data == [(d.relative, repr(d.data), d.keys) for d in fresh.ctx.workspace.documents]
    assert "-0.0" in repr(data) and "nan" in repr(data) and "123456789012345678901" in repr(data)


def test_okr_build_keeps_validity_on_disk_and_reads_only_what_is_one(tmp_path, monkeypatch, parses):
    """`okr build` keeps each text's schema validity beside its parsed data: the next build
    (a new process) validates only the file that changed, an invalid file keeps its readable
    parts, an entry that is not a validity is validated again, and the findings and the
    documents' parts are those of a check that validates everything."""
    from generator import validation

    okrs = tmp_path / "okrs"
    shutil.copytree(ROOT / "okrs", okrs)
    platform = okrs / "2026-Q4" / "platform.yaml"
    platform.write_text(platform.read_text(encoding="utf-8").replace(
        "        title: Keep monthly", "        titel: Keep monthly"), encoding="utf-8")  # fmt: skip
    validated = []
    real = validation.is_valid
    monkeypatch.setattr(
        validation, "is_valid", lambda kind, data: validated.append(kind) or real(kind, data)
    )
    folder = tmp_path / "parsed"
    monkeypatch.setattr(parsecache, "_disk", None)

    def build() -> object:
        parsecache.keep_on_disk(folder)  # a new process: nothing kept in memory
        monkeypatch.setattr(parsecache, "_found", {})
        monkeypatch.setattr(parsecache, "_found_before", {})
        try:
            checked = check_tree(okrs, TODAY)
            parsecache.prune_disk()
            return checked
        finally:
            parsecache.keep_on_disk(None)

    first = build()
    files = first.report.files
    assert len(validated) == files > 10 and len(list(folder.glob("*.facts.json"))) == files
    mobile = okrs / "2026-Q4" / "mobile.yaml"
    mobile.write_text(mobile.read_text().replace("check_ins:", "check_ins:\n          - {date: 2026-11-20, value: 1.0}", 1))  # fmt: skip
    facts = sorted(folder.glob("*.facts.json"))
    facts[0].write_text('{"validity of a team file": [1, null]}')  # not a validity
    facts[1].write_text("[not json")
    validated.clear()
    second = build()
    assert 1 <= len(validated) <= 3  # mobile.yaml and the two damaged entries' files, at most
    assert len(list(folder.glob("*.facts.json"))) == files  # mobile's old entry pruned
    validated.clear()
    third = build()
    assert validated == []  # every validity kept
    broken = next(
        d for d in third.ctx.workspace.documents if d.relative.endswith("2026-Q4/platform.yaml")
    )
    assert broken.valid is False and broken.sound_header and broken.sound_objectives
    fresh = check_tree(okrs, TODAY)
    assert any(p.rule == "schema" for p in fresh.report.problems)
    for checked in (second, third):
        assert report(checked) == report(fresh)
        assert [(d.relative, d.valid, d.sound_header, d.sound_objectives, d.sound_key_results)
                for d in checked.ctx.workspace.documents] == [
            (d.relative, d.valid, d.sound_header, d.sound_objectives, d.sound_key_results)
            for d in fresh.ctx.workspace.documents
        ]  # fmt: skip
