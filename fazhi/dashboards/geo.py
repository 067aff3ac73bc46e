"""District boundaries (区县界) for the map: read and check a GeoJSON FeatureCollection, and draw it as inline SVG
paths on the server — no online map service, no tiles, no script needed to see it.

A feature is one unit's area: `properties.code` is the unit's code (`orgs.Unit.code`), `properties.name` its label,
geometry a Polygon or MultiPolygon in longitude/latitude (WGS-84 or GCJ-02: the drawing only scales the bounding box,
so either works). The shipped file `geo/demo-districts.geojson` is a hand-drawn sketch of the demo city's four
districts (not a survey: a real city loads its own file on the boundary page).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from fazhi.core.errors import DomainError

DEMO_FILE = Path(__file__).resolve().parent / "geo" / "demo-districts.geojson"
MAX_FEATURES = 500
MAX_POINTS = 200_000


def _refuse(message: str) -> DomainError:
    return DomainError("dashboards.bad_boundary", message, field="file")


def _ring_ok(ring: Any, where: str) -> int:
    if not isinstance(ring, list) or len(ring) < 4:
        raise _refuse(f"{where}：多边形的每个环至少要有4个坐标点（首尾相同）。")
    for point in ring:
        if (
            not isinstance(point, list)
            or len(point) < 2
            or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in point[:2])
        ):
            raise _refuse(f"{where}：坐标应为 [经度, 纬度] 数字对。")
        lon, lat = point[0], point[1]
        if not (-180 <= lon <= 180 and -90 <= lat <= 90) or not (math.isfinite(lon) and math.isfinite(lat)):
            raise _refuse(f"{where}：坐标 [{lon}, {lat}] 超出经纬度范围。")
    if ring[0][:2] != ring[-1][:2]:
        raise _refuse(f"{where}：多边形的环没有闭合（首尾坐标应相同）。")
    return len(ring)


def boundary_parse(text: str | bytes) -> dict[str, Any]:
    """The FeatureCollection, checked: every feature a (Multi)Polygon with a unit code; a Chinese message naming what is
    wrong otherwise (DomainError, field "file"). Unit codes are checked against the unit tree by the service."""
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError):
        raise _refuse("文件不是有效的 JSON（GeoJSON）。") from None
    if (
        not isinstance(data, dict)
        or data.get("type") != "FeatureCollection"
        or not isinstance(data.get("features"), list)
    ):
        raise _refuse('文件应为 GeoJSON 要素集合（"type": "FeatureCollection"，含 features）。')
    features = data["features"]
    if not features:
        raise _refuse("文件中没有任何区域（features 为空）。")
    if len(features) > MAX_FEATURES:
        raise _refuse(f"区域过多：{len(features)} 个，上限 {MAX_FEATURES} 个。")
    seen: set[str] = set()
    points = 0
    for n, f in enumerate(features, start=1):
        props = (f or {}).get("properties") or {} if isinstance(f, dict) else {}
        code = str(props.get("code") or "").strip()
        where = f"第{n}个区域" + (f"（{code}）" if code else "")
        if not code:
            raise _refuse(f"{where}：缺少单位编码（properties.code）。")
        if code in seen:
            raise _refuse(f"{where}：单位编码“{code}”重复。")
        seen.add(code)
        geom = f.get("geometry") or {}
        kind, coords = geom.get("type"), geom.get("coordinates")
        if kind == "Polygon":
            polygons = [coords]
        elif kind == "MultiPolygon":
            polygons = coords if isinstance(coords, list) else None
        else:
            raise _refuse(f"{where}：几何类型应为 Polygon 或 MultiPolygon，而不是“{kind}”。")
        if not polygons or not all(isinstance(p, list) and p for p in polygons):
            raise _refuse(f"{where}：缺少坐标。")
        for polygon in polygons:
            for ring in polygon:
                points += _ring_ok(ring, where)
        if points > MAX_POINTS:
            raise _refuse(f"坐标点过多（超过 {MAX_POINTS} 个），请先简化边界。")
    return data


def codes_of(data: dict[str, Any]) -> list[str]:
    return [str(f["properties"]["code"]).strip() for f in data["features"]]


def demo_boundary() -> dict[str, Any]:
    return boundary_parse(DEMO_FILE.read_text(encoding="utf-8"))


def _polygons(geom: dict[str, Any]) -> list[list[list[list[float]]]]:
    return [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]


def svg_shapes(data: dict[str, Any], *, width: int = 600, height: int = 480, pad: int = 10) -> list[dict[str, Any]]:
    """[{"code", "name", "d" (SVG path), "x", "y" (label point)}] fitted into width × height (north up; longitude
    scaled by cos(latitude) so the shapes are not stretched)."""
    lons, lats = [], []
    for f in data["features"]:
        for polygon in _polygons(f["geometry"]):
            for ring in polygon:
                lons += [p[0] for p in ring]
                lats += [p[1] for p in ring]
    lon0, lon1, lat0, lat1 = min(lons), max(lons), min(lats), max(lats)
    k = math.cos(math.radians((lat0 + lat1) / 2)) or 1.0
    span_x, span_y = max((lon1 - lon0) * k, 1e-9), max(lat1 - lat0, 1e-9)
    scale = min((width - 2 * pad) / span_x, (height - 2 * pad) / span_y)
    off_x = (width - span_x * scale) / 2
    off_y = (height - span_y * scale) / 2

    def xy(p: list[float]) -> tuple[float, float]:
        return off_x + (p[0] - lon0) * k * scale, off_y + (lat1 - p[1]) * scale

    shapes = []
    for f in data["features"]:
        parts, best, best_area = [], (0.0, 0.0), -1.0
        for polygon in _polygons(f["geometry"]):
            for i, ring in enumerate(polygon):
                pts = [xy(p) for p in ring]
                parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in pts) + "Z")
                if i == 0:  # the outer ring: label at the centroid of the largest one
                    area = abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(pts, pts[1:], strict=False))) / 2
                    if area > best_area:
                        best_area = area
                        best = (
                            sum(x for x, _ in pts[:-1]) / (len(pts) - 1),
                            sum(y for _, y in pts[:-1]) / (len(pts) - 1),
                        )
        props = f.get("properties") or {}
        shapes.append(
            {
                "code": str(props["code"]).strip(),
                "name": str(props.get("name") or props["code"]),
                "d": " ".join(parts),
                "x": round(best[0], 1),
                "y": round(best[1], 1),
            }
        )
    return shapes


# Sequential blues for the choropleth (light → dark); a unit with no value is grey.
PALETTE = ("#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
NO_VALUE = "#9e9e9e"


def colour_for(value: Any, low: float, high: float) -> str:
    if value is None:
        return NO_VALUE
    if high <= low:
        return PALETTE[len(PALETTE) // 2]
    step = (float(value) - low) / (high - low)
    return PALETTE[min(len(PALETTE) - 1, int(step * len(PALETTE)))]
