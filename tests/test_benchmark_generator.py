"""The benchmark's synthetic company is deterministic and clean."""

from __future__ import annotations

from benchmarks.synth import TODAY, generate
from generator.check import check_paths


def _snapshot(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


def test_same_size_gives_the_same_bytes_and_passes(tmp_path):
    a = generate(12, tmp_path / "a")
    b = generate(12, tmp_path / "b")
    assert _snapshot(a) == _snapshot(b)
    assert len(_snapshot(a)) == 13  # org.yaml + 12 team files
    report = check_paths([str(a)], today=TODAY)
    assert report.problems == []
