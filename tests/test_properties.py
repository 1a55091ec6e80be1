"""Property-based: whatever YAML text or structure a file holds, the checker answers with a
report (clean or with problems), never an exception."""

from __future__ import annotations

import json
import posixpath
import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.check import check_paths
from generator.loader import LoadError, load
from generator.site.urls import _relpath
from generator.textsafe import isolate, markup_text, xml_text

FIXTURE = Path(__file__).parent / "fixtures" / "company"

KEYS = st.sampled_from(
    [
        "team",
        "period",
        "objectives",
        "id",
        "title",
        "key_results",
        "metric",
        "start",
        "target",
        "milestone",
        "threshold",
        "at_least",
        "check_ins",
        "date",
        "value",
        "done",
        "status",
        "aligns_with",
        "owner",
        "score",
        "weight",
        "recognition",
        "to",
        "rating",
        "x",
    ]
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.sampled_from(
        ["2026-10-06", "2026-02-30", "platform", "acme/O1", "O1", "2026-Q4", "on_track"]
    ),
)
STRUCTURES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(KEYS, children, max_size=5)
    ),
    max_leaves=30,
)


def _company(factory) -> Path:
    tmp = factory.mktemp("c")
    shutil.copytree(FIXTURE, tmp, dirs_exist_ok=True)
    return tmp


def _check_with(tmp: Path, text: str) -> None:
    target = tmp / "okrs" / "2026-Q4" / "platform.yaml"
    target.write_text(text, encoding="utf-8")
    report = check_paths([str(tmp / "okrs")], today="2026-11-22")
    for problem in report.problems:
        assert problem.line >= 1 and problem.column >= 1 and problem.message


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.text(
        alphabet=st.sampled_from(list("ab:- []{}#&*!|>'\"\n\t,?%@`0123456789 ")), max_size=120
    )
)
def test_arbitrary_yaml_text(tmp_path_factory, text):
    tmp = _company(tmp_path_factory)
    _check_with(tmp, text)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=STRUCTURES)
def test_arbitrary_structures(tmp_path_factory, data):
    tmp = _company(tmp_path_factory)
    _check_with(tmp, yaml.safe_dump(data, allow_unicode=True))


@settings(max_examples=150, deadline=None)
@given(data=STRUCTURES)
def test_structures_inside_a_valid_shell(tmp_path_factory, data):
    """Arbitrary values where the rules look: objectives, key results, check-ins."""
    tmp = _company(tmp_path_factory)
    doc = {
        "team": "platform",
        "period": "2026-Q4",
        "objectives": [
            {
                "id": "O1",
                "title": "t",
                "aligns_with": [],
                "key_results": [
                    {
                        "id": "KR1",
                        "title": "x",
                        "metric": {"start": 0, "target": 1},
                        "check_ins": data,
                    }
                ],
            },
            {"id": "O2", "title": "t", "key_results": data},
        ],
    }
    _check_with(tmp, json.dumps(doc))


@given(data=STRUCTURES)
def test_loader_round_trips_plain_data(data):
    text = yaml.safe_dump(data, allow_unicode=True)
    try:
        loaded = load(text)
    except LoadError:
        return  # refusals are allowed (e.g. nesting); crashes are not
    assert json.dumps(loaded, sort_keys=True, default=str) is not None


_SEGMENTS = st.lists(st.sampled_from(["a", "b", "people", "2026-Q3", "teams", "x.html", "."]),
                     max_size=5).map(lambda parts: "/".join(parts) or ".")  # fmt: skip


@given(_SEGMENTS, _SEGMENTS)
def test_site_links_are_what_posixpath_relpath_makes(path: str, start: str) -> None:
    """The site's own relative-path function (no os.getcwd per link) agrees with posixpath."""
    assert _relpath(path, start) == posixpath.relpath(path, start)


@given(st.text())
def test_markup_text_fast_path_changes_nothing(text: str) -> None:
    """Plain ASCII text skips the cleaning; any text comes out as cleaning and isolating make it."""
    assert markup_text(text) == isolate(xml_text(text))
