"""The district map and the leaders' page: the shipped boundary is drawn as inline SVG coloured by the chosen figure
per district (with subordinates, in the viewer's scope), each district links to its records; an administrator's
boundary file is checked on upload (a refused file changes nothing, with a Chinese message naming the field)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.audit.models import AuditEvent
from fazhi.cases.services import case_create
from fazhi.core.errors import DomainError
from fazhi.dashboards.geo import boundary_parse, demo_boundary, svg_shapes
from fazhi.dashboards.models import Boundary
from fazhi.dashboards.selectors import district_map, leader_table
from fazhi.dashboards.services import boundary_upload

NOW = dt.datetime(2026, 6, 10, 2, 0, tzinfo=dt.UTC)


def square(code, name, x, y):
    ring = [[x, y], [x + 0.1, y], [x + 0.1, y + 0.1], [x, y + 0.1], [x, y]]
    return {
        "type": "Feature",
        "properties": {"code": code, "name": name},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def geojson(*features):
    return json.dumps({"type": "FeatureCollection", "features": list(features)}, ensure_ascii=False).encode()


def test_the_shipped_demo_boundary_has_the_four_districts():
    data = demo_boundary()
    assert [f["properties"]["code"] for f in data["features"]] == ["D400", "D200", "D100", "D300"]
    shapes = svg_shapes(data)
    assert all(s["d"].startswith("M") and s["d"].endswith("Z") for s in shapes)
    assert all(0 <= s["x"] <= 600 and 0 <= s["y"] <= 480 for s in shapes)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not json", "文件不是有效的 JSON（GeoJSON）。"),
        (b'{"type": "Feature"}', "文件应为 GeoJSON 要素集合"),
        (geojson(), "文件中没有任何区域（features 为空）。"),
        (
            geojson({"type": "Feature", "properties": {}, "geometry": None}),
            "第1个区域：缺少单位编码（properties.code）。",
        ),
        (
            geojson(
                {
                    "type": "Feature",
                    "properties": {"code": "C002"},
                    "geometry": {"type": "Point", "coordinates": [1, 2]},
                }
            ),
            "第1个区域（C002）：几何类型应为 Polygon 或 MultiPolygon，而不是“Point”。",
        ),
        (
            geojson(
                {
                    "type": "Feature",
                    "properties": {"code": "C002"},
                    "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]},
                }
            ),
            "第1个区域（C002）：多边形的环没有闭合（首尾坐标应相同）。",
        ),
        (
            geojson(
                {
                    "type": "Feature",
                    "properties": {"code": "C002"},
                    "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [181, 0], [1, 1], [0, 0]]]},
                }
            ),
            "第1个区域（C002）：坐标 [181, 0] 超出经纬度范围。",
        ),
        (geojson(square("C002", "甲", 1, 1), square("C002", "乙", 2, 2)), "第2个区域（C002）：单位编码“C002”重复。"),
    ],
)
def test_a_bad_boundary_file_is_refused_with_a_chinese_message(content, message):
    with pytest.raises(DomainError) as exc:
        boundary_parse(content)
    assert exc.value.message.startswith(message) and exc.value.field == "file"


def test_an_upload_naming_an_unknown_unit_changes_nothing(city, persona):
    admin = persona("sys_admin", "gov")
    f = SimpleUploadedFile(
        "区县界.geojson", geojson(square("C002", "市场监管局", 1, 1), square("X999", "无此单位", 2, 2))
    )
    with pytest.raises(DomainError) as exc:
        boundary_upload(file=f, name="新边界", by=admin)
    assert exc.value.message == "文件中的单位编码在单位库中不存在：X999。"
    assert Boundary.objects.count() == 0
    with pytest.raises(DomainError) as exc:
        boundary_upload(file=SimpleUploadedFile("区县界.kml", b"<kml/>"), name="新边界", by=admin)
    assert exc.value.field == "file" and "不支持的文件类型“.kml”" in exc.value.message


def test_an_uploaded_boundary_replaces_the_demo_one_and_is_audited(city, persona):
    admin = persona("sys_admin", "gov")
    f = SimpleUploadedFile(
        "区县界.geojson", geojson(square("D100", "东城区", 1, 1), square("C002", "市场监管局", 1.1, 1))
    )
    b = boundary_upload(
        file=f, name="东城区和市场监管局", by=admin, submit_token="3f1f0c2e-0000-4000-8000-000000000001"
    )
    again = boundary_upload(
        file=f, name="东城区和市场监管局", by=admin, submit_token="3f1f0c2e-0000-4000-8000-000000000001"
    )
    assert again.pk == b.pk and Boundary.objects.count() == 1
    assert (b.features, b.codes, b.active) == (2, ["D100", "C002"], True)
    assert AuditEvent.objects.filter(action="dashboards.boundary.upload", object_id=str(b.pk)).count() == 1
    leader = persona("leader", "gov")
    with time_machine.travel(NOW, tick=False):
        got = district_map(leader, "cases.open")
    assert [s["code"] for s in got["shapes"]] == ["D100", "C002"]


def test_the_map_colours_each_district_by_its_figure_with_subordinates(city, persona):
    leader = persona("leader", "gov")
    with time_machine.travel(NOW, tick=False):
        for _ in range(2):
            case_create(
                docket="hotline",
                handling_unit=city["district_market"],  # under 东城区 (D100 in the test city)
                received_on=dt.date(2026, 5, 1),
                by=None,
                extra={"type": "complaint", "category": "housing"},
            )
        got = district_map(leader, "cases.open")
        table = leader_table(leader)
    by_code = {s["code"]: s for s in got["shapes"]}
    assert by_code["D100"]["value"] == 2
    assert by_code["D100"]["url"] == "/metrics/cases.open/?year=2026&unit=D100&subordinates=1"
    assert by_code["D100"]["fill"] == "#6baed6"  # the only value: the middle of the scale
    assert by_code["D200"]["value"] is None and by_code["D200"]["url"] == ""  # no such unit in the test city
    row = [r for r in table["rows"] if r["code"] == "D100"][0]
    assert [c["value"] for c in row["cells"]] == [2, 2, 0, 0, None]
    assert [c["label"] for c in table["columns"]] == ["新收案件", "在办案件", "超期案件", "逾期督办事项", "销号率"]


def test_the_leader_page_draws_the_map_and_refuses_an_unknown_figure(city, persona, login_client):
    c = login_client(persona("leader", "gov"))
    with time_machine.travel(NOW, tick=False):
        page = c.get("/dashboards/leader/?metric=cases.received").content.decode()
        assert "<svg" in page and "东城区" in page and "分区县：新收案件" in page
        bad = c.get("/dashboards/leader/?metric=reconsideration.nope").content.decode()
    assert "地图不能按“reconsideration.nope”着色，请从列表中选择指标。" in bad
    assert "分区县：在办案件" in bad  # falls back to the first figure


def test_the_boundary_page_is_the_administrators(city, persona, login_client):
    admin = login_client(persona("sys_admin", "gov"))
    assert admin.get("/dashboards/boundaries/").status_code == 200
    resp = admin.post("/dashboards/boundaries/", {"name": "坏文件", "file": SimpleUploadedFile("a.geojson", b"{")})
    body = resp.content.decode()
    assert resp.status_code == 400 and "文件不是有效的 JSON（GeoJSON）。" in body and 'value="坏文件"' in body
    assert Boundary.objects.count() == 0
    f = SimpleUploadedFile("b.geojson", geojson(square("C002", "市场监管局", 1, 1)))
    assert admin.post("/dashboards/boundaries/", {"name": "好文件", "file": f}).status_code == 302
    assert Boundary.objects.get().name == "好文件"
    other = login_client(persona("leader", "gov"))
    assert other.get("/dashboards/boundaries/").status_code == 404
