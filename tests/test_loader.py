"""The fast loader: YAML 1.2 semantics, strings for dates, refusals with positions."""

from __future__ import annotations

import pytest

from generator.loader import Limits, LoadError, decode, load
from generator.locate import Locator


def test_yaml_1_2_scalars():
    data = load(
        "a: no\nb: on\nc: 2026-01-01\nd: 0o17\ne: 0x1F\nf: 1.5e3\ng: ~\nh: 2026\ni: True\nj: '3'\nk: 010\n"
    )
    assert data == {
        "a": "no",
        "b": "on",
        "c": "2026-01-01",
        "d": 15,
        "e": 31,
        "f": 1500.0,
        "g": None,
        "h": 2026,
        "i": True,
        "j": "3",
        "k": 10,
    }


def test_duplicate_key_at_the_second_key():
    with pytest.raises(LoadError) as caught:
        load("a: 1\nb:\n  c: 1\n  c: 2\n")
    assert (caught.value.line, caught.value.column) == (4, 3)
    assert "first at line 3" in caught.value.message


@pytest.mark.parametrize(
    "text, where, words",
    [
        ("a: &a [*a]\n", (1, 4), "nesting deeper"),
        ("[" * 100 + "]" * 100, (1, 66), "nesting deeper"),
        ("a: !!binary aGk=\n", (1, 4), "unsupported YAML tag"),
        ("a: 1\n---\nb: 2\n", (2, 1), "syntax"),
        ("? [a]\n: 1\n", (1, 3), "plain word"),
        ("a: \x07\n", (1, 4), "not allowed"),
    ],
)
def test_refusals_carry_positions(text, where, words):
    with pytest.raises(LoadError) as caught:
        load(text)
    assert (caught.value.line, caught.value.column) == where
    assert words in caught.value.message


def test_size_limit():
    with pytest.raises(LoadError, match="larger than 100 bytes"):
        load("a: " + "x" * 200, Limits(max_bytes=100))


def test_node_limit_stops_alias_expansion_early():
    bomb = "a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    with pytest.raises(LoadError, match="expands to more than 1000 values"):
        load(bomb, Limits(max_nodes=1000))


def test_decode_bom_and_bad_bytes():
    assert decode("\ufeffa: 1".encode()) == "a: 1"
    with pytest.raises(LoadError) as caught:
        decode(b"a: 1\nb: caf\xe9\n")
    assert (caught.value.line, caught.value.column) == (2, 7)


def test_empty_document_is_none():
    assert load("# only a comment\n") is None


def test_locator_points_at_keys_values_and_items():
    text = "a:\n  - x: 1\n    y: [10, 20]\nb: text\n"
    locator = Locator(text)
    assert locator.position(("a", 0, "y"), "key") == (3, 5)
    assert locator.position(("a", 0, "y", 1)) == (3, 13)
    assert locator.position(("b",)) == (4, 4)
    assert locator.position(("a", 5, "x")) == (2, 3)  # deepest existing ancestor: the list
    assert Locator("a: [unclosed").position(("a",)) == (1, 1)
