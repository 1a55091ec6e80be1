"""The key-result chart template: what it draws, accessible, escaped, deterministic, fast, and
never matplotlib."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import charts
from generator.chartstyle import COLORS
from generator.svgchart import BOTTOM, LEFT, RIGHT, TOP, key_result_svg, nice_ticks, stylesheet

NS = "{http://www.w3.org/2000/svg}"
Q4 = (date(2026, 10, 1), date(2026, 12, 31))


def spec(**overrides: object) -> dict:
    base = {
        "title": 'KR1: Cut p99 <latency> & "jitter"',
        "description": "850 ms → 300 ms. 3 check-ins",
        "kind": "metric",
        "period": Q4,
        "points": [
            (date(2026, 10, 5), 850.0),
            (date(2026, 10, 12), 790.0),
            (date(2026, 11, 16), 520.0),
        ],
        "start": 850.0,
        "target": 300.0,
        "unit": "ms",
    }
    base.update(overrides)
    return charts.key_result_spec(**base)  # type: ignore[arg-type]


def parse(data: str) -> ET.Element:
    return ET.fromstring(data)


def test_metric_chart_draws_the_ideal_pace_the_check_ins_and_the_months() -> None:
    root = parse(key_result_svg(spec(), "c-O1/KR1"))
    assert root.get("role") == "img" and root.get("aria-labelledby") == "c-O1/KR1-t c-O1/KR1-d"
    assert [root.find(f"{NS}{tag}").get("id") for tag in ("title", "desc")] == [
        "c-O1/KR1-t",
        "c-O1/KR1-d",
    ]  # unique within the page it is drawn into
    assert root.find(f"{NS}style") is None  # the page's stylesheet sizes its text on a phone
    assert root.find(f"{NS}title").text == 'KR1: Cut p99 <latency> & "jitter"'
    assert root.find(f"{NS}desc").text.startswith("850 ms")
    texts = [t.text for t in root.iter(f"{NS}text")]
    # the year once, then the months: labels stay apart when enlarged on a phone
    ticks = [t for t in texts if t and re.fullmatch(r"(\d{4}-)?\d\d", t)]
    assert ticks == ["2026-10", "11", "12"]
    assert "ms" in texts
    dashed = [e for e in root.iter(f"{NS}path") if e.get("class") == "pace"]
    assert len(dashed) == 1  # the ideal pace from start to target over the period
    ideal = re.fullmatch(r"M([\d.]+) ([\d.]+)L([\d.]+) ([\d.]+)", dashed[0].get("d"))
    assert ideal is not None, dashed[0].get("d")
    x1, y1, x2, y2 = map(float, ideal.groups())
    assert x1 == LEFT and x2 == RIGHT and y1 < y2  # 850 above 300
    polyline = root.find(f"{NS}polyline")
    coords = [tuple(map(float, p.split(","))) for p in polyline.get("points").split()]
    assert len(coords) == 4 and coords[0] == (LEFT, y1)  # the line starts at the baseline
    markers = next(e for e in root.iter(f"{NS}path") if e.get("class") == "check-ins")
    dots = re.findall(r"M([\d.]+) ([\d.]+)h0", markers.get("d"))
    assert [tuple(map(float, d)) for d in dots] == coords[1:]  # a marker per check-in
    assert all(TOP - 0.05 <= y <= BOTTOM + 0.05 and LEFT <= x <= RIGHT for x, y in coords)
    assert len(key_result_svg(spec())) < 1400  # thousands are published: it stays small
    assert not [e for e in root.iter(f"{NS}path") if e.get("class") in ("today", "due")]


def test_today_and_due_markers_sit_on_their_days_and_annual_months_name_a_new_year() -> None:
    marked = spec(today=date(2026, 11, 22), due=date(2026, 12, 15))
    root = parse(key_result_svg(marked))
    span = (date(2026, 12, 31) - date(2026, 10, 1)).days
    for cls, day in (("today", date(2026, 11, 22)), ("due", date(2026, 12, 15))):
        (mark,) = [e for e in root.iter(f"{NS}path") if e.get("class") == cls]
        at = float(re.fullmatch(r"M([\d.]+) .*", mark.get("d")).group(1))
        expected = LEFT + (RIGHT - LEFT) * (day - date(2026, 10, 1)).days / span
        assert abs(at - expected) <= 0.05, (cls, at, expected)  # a tenth of a unit
    year = spec(period=(date(2026, 7, 1), date(2027, 6, 30)))
    texts = [t.text for t in parse(key_result_svg(year)).iter(f"{NS}text")]
    ticks = [t for t in texts if t and re.fullmatch(r"(\d{4}-)?\d\d", t)]
    assert ticks[0] == "2026-07" and "2027-01" in ticks and "08" not in ticks  # thinned to 8


def test_threshold_and_band_draw_their_levels() -> None:
    one = parse(
        key_result_svg(
            spec(kind="threshold", start=None, target=None, bound="at_least", limit=99.95, unit="%")
        )
    )
    level = next(e for e in one.iter(f"{NS}path") if e.get("class") == "pace")
    assert level.get("d").count("M") == 1
    band = parse(
        key_result_svg(
            spec(
                kind="threshold",
                start=None,
                target=None,
                bound="at_least",
                limit=20,
                upper_limit=40,
                unit="",
            )
        )
    )
    levels = next(e for e in band.iter(f"{NS}path") if e.get("class") == "pace")
    assert levels.get("d").count("M") == 2


def test_user_text_is_escaped_and_the_svg_stays_well_formed() -> None:
    hostile = spec(
        title="</title><script>alert(1)</script>",
        unit="<tspan onload=alert(1)>",
        description="]]><!--",
    )
    data = key_result_svg(hostile, 'x"><script>alert(2)</script>')
    root = ET.fromstring(data)
    assert "<script" not in data and "<tspan" not in data and "alert(2)" not in root.get("id", "")
    assert root.find(f"{NS}title").text == "</title><script>alert(1)</script>"
    assert not any(el.tag.endswith(("script", "foreignObject")) for el in root.iter())


def test_same_spec_same_bytes_in_a_new_process() -> None:
    code = (
        "from datetime import date;from generator import charts, svgchart;"
        "import sys;sys.stdout.write(svgchart.key_result_svg(charts.key_result_spec('t','d',"
        "'metric',(date(2026,10,1),date(2026,12,31)),[(date(2026,10,5),3.0)],1.0,9.0,None,"
        "None,'x')))"
    )
    first = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        check=True,
        text=True,
        env={"TZ": "Asia/Tokyo", "LC_ALL": "C", "PATH": "/usr/bin"},
    ).stdout
    here = key_result_svg(
        charts.key_result_spec(
            "t", "d", "metric", Q4, [(date(2026, 10, 5), 3.0)], 1.0, 9.0, None, None, "x"
        )
    )
    assert first == here and first.startswith("<svg")
    # drawing it never loads matplotlib: that is what makes thousands cheap
    probe = code.replace("sys.stdout.write(", "(") + ";print('matplotlib' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


def test_long_custom_periods_get_yearly_ticks_thinned_to_eight() -> None:
    root = parse(
        key_result_svg(
            spec(period=(date(2000, 1, 1), date(2030, 12, 31)), points=[(date(2010, 1, 1), 500.0)])
        )
    )
    years = [t.text for t in root.iter(f"{NS}text") if t.text and re.fullmatch(r"\d{4}", t.text)]
    assert 2 <= len(years) <= 8 and years[0] == "2000"


@pytest.mark.parametrize("values", [[5.0], [0.0, 0.0], [-3.0, -3.0], [1e14, 1e14 + 1]])
def test_flat_and_extreme_values_give_a_valid_chart(values: list[float]) -> None:
    points = [(date(2026, 10, 5 + i), v) for i, v in enumerate(values)]
    data = key_result_svg(spec(points=points, start=None, target=None))
    root = parse(data)
    numbers = re.findall(r' (?:x|y)="([^"]*)"', data)
    assert numbers and all(re.fullmatch(r"-?\d+(\.\d+)?", n) for n in numbers), numbers
    markers = next(e for e in root.iter(f"{NS}path") if e.get("class") == "check-ins")
    for _x, y in re.findall(r"M([\d.]+) ([\d.]+)h0", markers.get("d")):
        assert TOP - 0.05 <= float(y) <= BOTTOM + 0.05


@given(st.floats(-1e12, 1e12), st.floats(1e-6, 1e12))
def test_ticks_are_round_and_cover_the_range(low: float, width: float) -> None:
    high = low + width
    ticks = nice_ticks(low, high)
    assert 1 <= len(ticks) <= 12
    assert all(a < b for a, b in itertools.pairwise(ticks))
    slack = width * 1e-9 + 1e-9 * max(abs(low), abs(high))  # what a float can tell apart
    assert ticks[0] >= low - slack and ticks[-1] <= high + slack


def test_every_part_the_chart_draws_is_styled_once_by_the_site_stylesheet() -> None:
    """The chart's look lives in the site's stylesheet, not in each chart: every class a chart
    of any kind uses has its rule there, with the charts' colours, and no chart repeats one."""
    marked = spec(today=date(2026, 11, 22), due=date(2026, 12, 15))
    band = spec(kind="threshold", start=None, target=None, bound="at_least", limit=20,
                upper_limit=40, unit="%")  # fmt: skip
    used = {e.get("class") for s in (marked, band) for e in parse(key_result_svg(s)).iter()}
    used.discard(None)
    assert used == {"kr-chart", "grid", "axis", "y", "x", "pace", "today", "due", "line",
                    "check-ins", "unit"}  # fmt: skip
    sheet = stylesheet()
    for name in used - {"kr-chart"}:
        assert re.search(rf"svg\.kr-chart \.{name}\b[^{{]*\{{", sheet), name
    assert f"stroke: {COLORS['accent']}" in sheet and f"stroke: {COLORS['off_track']}" in sheet
    assert "@media (max-width: 480px) { svg.kr-chart { font-size: 13.5px; } }" in sheet
    drawn = key_result_svg(marked)
    for attribute in ("stroke=", "fill=", "font-", "stroke-width", "text-anchor"):
        assert attribute not in drawn, attribute
