"""Reading a matplotlib chart's SVG back: its axes box, tick labels and legend, as drawn."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


def _group(root: ET.Element, suffix: str) -> ET.Element:
    """The one <g> whose id ends with `suffix` (ids carry the chart's key as a prefix)."""
    found = [g for g in root.iter(f"{SVG}g") if (g.get("id") or "").endswith(suffix)]
    assert len(found) == 1, f"{len(found)} groups end with {suffix!r}"
    return found[0]


def axes_box(svg: str) -> tuple[float, float, float, float]:
    """The axes' background rectangle: left, top, right, bottom, in SVG units."""
    path = _group(ET.fromstring(svg), "-patch_2").find(f"{SVG}path")
    assert path is not None
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path.get("d") or "")]
    xs, ys = numbers[0::2], numbers[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def ticks(svg: str, axis: str) -> dict[str, float]:
    """Each tick's label and its position along the axis ("x" or "y")."""
    group = _group(
        ET.fromstring(svg), "-matplotlib.axis_1" if axis == "x" else "-matplotlib.axis_2"
    )
    result = {}
    for tick in group:
        if not (tick.get("id") or "").split("-")[-1].startswith(f"{axis}tick_"):
            continue
        mark = tick.find(f".//{SVG}use")
        text = tick.find(f".//{SVG}text")
        assert mark is not None and text is not None
        result[text.text or ""] = float(mark.get(axis) or "nan")
    return result


def legend(svg: str) -> list[str]:
    """The legend's entries, in order; none when the chart has no legend."""
    root = ET.fromstring(svg)
    groups = [g for g in root.iter(f"{SVG}g") if (g.get("id") or "").endswith("-legend_1")]
    if not groups:
        return []
    return [t.text or "" for t in groups[0].iter(f"{SVG}text")]


def texts(svg: str) -> list[str]:
    """Every piece of text drawn on the chart (labels on lines, band names, values)."""
    return [t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text")]


def size_in(svg: str) -> tuple[float, float]:
    """The chart's drawn size in inches, from its viewBox (72 points to the inch)."""
    box = ET.fromstring(svg).get("viewBox") or ""
    _x, _y, width, height = (float(n) for n in box.split())
    return width / 72, height / 72
