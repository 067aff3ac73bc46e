"""涉企行政检查计划: a body's plan items imported from Excel (every bad row named by row and column, nothing written),
the plans in the API, and the plan figures of the registry on a known set."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook, load_workbook

from fazhi.api.tests.factories import account_with, bearer, key_for
from fazhi.enforcement.imports import PLAN_COLUMNS, plan_import_template, plan_items_import
from fazhi.enforcement.models import InspectionPlanItem
from fazhi.enforcement.services import inspection_record, matter_save, plan_approve, plan_item_add, plan_save
from fazhi.metrics.periods import Period
from fazhi.metrics.selectors import metric_value

from .factories import body_with_staff

D = dt.date
CODE = "91350100M000100Y43"
pytestmark = pytest.mark.django_db


def _xlsx(rows: list[tuple], header: tuple = PLAN_COLUMNS) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.append(list(header))
    for r in rows:
        ws.append(list(r))
    buf = BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("plan.xlsx", buf.getvalue())


def _matters(b):
    for code, name, kind in (
        ("JC-001", "食品经营检查", "inspection"),
        ("JC-002", "特种设备检查", "inspection"),
        ("JC-003", "广告发布检查", "inspection"),
    ):
        matter_save(by="t", body=b, code=code, name=name, kind=kind, basis="x", published_on=D(2026, 1, 1))
    return b


@pytest.fixture
def body(city):
    return _matters(body_with_staff(city["market"])["body"])


def _approve(plan, approved_on, filed_on):
    return plan_approve(
        by="t",
        plan=plan,
        approved_on=approved_on,
        approved_by="示范市人民政府",
        filed_on=filed_on,
        expected_version=plan.version,
    )


def test_every_row_is_imported_through_the_service(body):
    plan = plan_save(by="t", body=body, year=2026, special_quota=2)
    rows = [("JC-002", "特种设备使用单位", 2), ("JC-001", "辖区内食品经营者", "1")]
    result = plan_items_import(file=_xlsx(rows), plan=plan, by="t")
    assert result.ok and len(result.cases) == 2
    assert [(i.matter.code, i.subjects, i.frequency) for i in plan.items.order_by("matter__code")] == [
        ("JC-001", "辖区内食品经营者", 1),
        ("JC-002", "特种设备使用单位", 2),
    ]


def test_bad_rows_name_their_row_and_column_and_nothing_is_written(body):
    plan = plan_save(by="t", body=body, year=2026)
    rows = [
        ("JC-001", "食品经营者", 1),
        ("JC-002", "", 1),
        ("JC-003", "广告发布者", "每年一次"),
        ("JC-001", "食品经营者", 2),
        ("", "x", 1.5),
    ]
    result = plan_items_import(file=_xlsx(rows), plan=plan, by="t")
    assert result.errors == [
        (3, "检查对象", "必填"),
        (4, "每户年度检查频次", "应为1至366的整数"),
        (5, "事项编码", "与第2行重复"),
        (6, "事项编码", "必填"),
        (6, "每户年度检查频次", "应为1至366的整数"),
    ]
    assert InspectionPlanItem.objects.count() == 0


def test_a_service_refusal_names_its_column_and_rolls_back(body):
    plan = plan_save(by="t", body=body, year=2026)
    rows = [("JC-001", "食品经营者", 1), ("CF-001", "x", 1), ("NOPE", "x", 1)]
    result = plan_items_import(file=_xlsx(rows), plan=plan, by="t")
    assert result.errors == [(3, "事项编码", "事项“CF-001”不是行政检查事项。")]
    assert InspectionPlanItem.objects.count() == 0
    missing = plan_items_import(file=_xlsx([("JC-001", "x")], header=PLAN_COLUMNS[:2]), plan=plan, by="t")
    assert missing.errors == [(1, "表头", "缺少列：每户年度检查频次")]


def test_an_approved_plan_takes_no_import(body):
    plan = plan_save(by="t", body=body, year=2026)
    plan_item_add(by="t", plan=plan, matter_code="JC-001", subjects="x", frequency=1)
    plan = _approve(plan, D(2026, 1, 5), D(2026, 1, 6))
    result = plan_items_import(file=_xlsx([("JC-002", "x", 1)]), plan=plan, by="t")
    assert result.errors == [(0, "文件", "检查计划已经批准，不能再增加事项。")]
    assert plan.items.count() == 1


def test_the_template_has_every_column():
    assert [c.value for c in load_workbook(BytesIO(plan_import_template())).active[1]] == list(PLAN_COLUMNS)


def test_the_import_page_stages_the_upload_and_the_worker_imports_or_lists_the_errors(
    body, city, persona, login_client
):
    from fazhi.audit.models import AuditEvent
    from fazhi.jobs.models import Job
    from fazhi.jobs.services import jobs_run_pending

    plan = plan_save(by="t", body=body, year=2026)
    user = persona("dept_liaison", unit="market")
    c = login_client(user)
    url = f"/enforcement/plans/{plan.pk}/import/"
    assert f'href="{url}"' in c.get(f"/enforcement/plans/{plan.pk}/").content.decode()
    assert c.get(url).status_code == 200
    template = c.get("/enforcement/plans/import/template.xlsx")
    assert template["Content-Type"].startswith("application/vnd.openxml")
    bad = c.post(url, {"file": _xlsx([("JC-001", "食品经营者", 1), ("NOPE", "x", 1)])})
    job = Job.objects.get(kind="enforcement.plan_import")
    assert bad.status_code == 302 and bad["Location"] == f"{url}?job={job.pk}"
    assert job.params["plan"] == plan.pk and job.params["user"] == user.pk
    assert jobs_run_pending() == 1
    html = c.get(f"{url}?job={job.pk}").content.decode()
    assert "未导入：共1处错误" in html
    assert (
        '<td data-label="行">3</td><td data-label="列">事项编码</td>'
        '<td data-label="错误">事项编码“NOPE”不在该执法主体的执法事项清单中。</td>'
    ) in html
    assert InspectionPlanItem.objects.count() == 0
    ok = c.post(url, {"file": _xlsx([("JC-001", "食品经营者", 1), ("JC-002", "特种设备使用单位", 2)])})
    assert jobs_run_pending() == 1
    done = c.get(ok["Location"])
    assert done.status_code == 302 and done["Location"] == f"/enforcement/plans/{plan.pk}/"
    assert plan.items.count() == 2
    assert AuditEvent.objects.filter(action="enforcement.inspection_plan.imported").count() == 1
    # not an xlsx: refused beside the field, nothing queued
    refused = c.post(url, {"file": SimpleUploadedFile("plan.xlsx", b"not a workbook")})
    assert refused.status_code == 400 and "不是有效的.xlsx文件" in refused.content.decode()
    assert Job.objects.filter(kind="enforcement.plan_import").count() == 2
    # an approved plan: the upload is refused, nothing queued
    _approve(plan, D(2026, 1, 5), D(2026, 1, 6))
    late = c.post(url, {"file": _xlsx([("JC-003", "x", 1)])})
    assert late.status_code == 400 and "检查计划已经批准，不能再增加事项。" in late.content.decode()
    assert Job.objects.filter(kind="enforcement.plan_import").count() == 2
    # another body's liaison sees no import page, nor this user's job (the same test client, logged in again)
    other = login_client(persona("dept_liaison", unit="finance"))
    assert other.get(url).status_code == 404
    assert other.get(f"{url}?job={job.pk}").status_code == 404


@pytest.fixture
def known(city):
    """Market: the 2026 plan (JC-001; 专项 quota 1) approved 1 Feb, filed 10 Feb; five inspections:
    15 Jan JC-001 (no plan in effect: outside), 1 Mar JC-001 专项 (1st of 1), 2 Mar JC-002 专项 (outside; 2nd of 1:
    over quota), 3 Mar JC-001, 1 Apr JC-003 专项 (outside; 3rd: over quota). Finance: its 2026 plan filed on
    20 Dec 2025 (another year's figure), its 2027 plan not approved; one inspection on 1 Mar outside plan."""
    market = _matters(body_with_staff(city["market"])["body"])
    finance = _matters(body_with_staff(city["finance"], prefix="CZ")["body"])
    plan = plan_save(by="t", body=market, year=2026, special_quota=1)
    plan_item_add(by="t", plan=plan, matter_code="JC-001", subjects="食品经营者", frequency=3)
    plan = _approve(plan, D(2026, 2, 1), D(2026, 2, 10))
    other = plan_save(by="t", body=finance, year=2026)
    plan_item_add(by="t", plan=other, matter_code="JC-002", subjects="x", frequency=1)
    _approve(other, D(2025, 12, 18), D(2025, 12, 20))
    plan_save(by="t", body=finance, year=2027)
    out = {"plan": plan, "other": other}
    for key, b, on, matter, special, officers in (
        ("jan", market, D(2026, 1, 15), "JC-001", False, ["SJ-A"]),
        ("s1", market, D(2026, 3, 1), "JC-001", True, ["SJ-A"]),
        ("s2", market, D(2026, 3, 2), "JC-002", True, ["SJ-A"]),
        ("routine", market, D(2026, 3, 3), "JC-001", False, ["SJ-A"]),
        ("s3", market, D(2026, 4, 1), "JC-003", True, ["SJ-B"]),
        ("fin", finance, D(2026, 3, 1), "JC-001", False, ["CZ-A"]),
    ):
        out[key] = inspection_record(
            by="t",
            body=b,
            on=on,
            matter_code=matter,
            enterprise_code=CODE,
            enterprise_name="示范市某某商贸有限公司",
            officer_numbers=officers,
            special=special,
            confirm_over_cap=True,
        )
    return out


def _v(key, **kw):
    return metric_value(f"enforcement.{key}", period=kw.pop("period", 2026), **kw)


def test_the_plan_figures_on_a_known_set(known):
    assert [(k, known[k].outside_plan, known[k].over_quota) for k in ("jan", "s1", "s2", "routine", "s3", "fin")] == [
        ("jan", True, False),
        ("s1", False, False),
        ("s2", True, True),
        ("routine", False, False),
        ("s3", True, True),
        ("fin", True, False),
    ]
    assert _v("inspections")["value"] == 6
    assert _v("inspections_outside_plan")["value"] == 4
    assert _v("inspections_special")["value"] == 3
    assert _v("inspections_over_quota")["value"] == 2
    assert _v("plans_filed")["value"] == 1
    assert _v("plans_filed", period=2025)["value"] == 1
    assert _v("plans_filed", period=2027)["value"] == 0
    # the records behind them
    assert _v("inspections_over_quota", records=True)["records"] == sorted([known["s2"].pk, known["s3"].pk])
    assert _v("inspections_outside_plan", records=True)["records"] == sorted(
        known[k].pk for k in ("jan", "s2", "s3", "fin")
    )
    assert _v("plans_filed", records=True)["records"] == [known["plan"].pk]
    # one unit; a part of the year
    assert _v("inspections_outside_plan", unit="C003")["value"] == 1
    assert _v("inspections_over_quota", unit="C003")["value"] == 0
    assert _v("plans_filed", unit="C003")["value"] == 0
    assert _v("plans_filed", period=Period(2026, "Q1"))["value"] == 1
    assert _v("inspections_outside_plan", period=Period(2026, "Q1"))["value"] == 3
    assert _v("inspections_over_quota", period=Period(2026, "Q2"))["value"] == 1


def test_the_plan_figures_follow_the_viewers_scope(known, persona):
    liaison = persona("dept_liaison", unit="finance")
    assert _v("inspections_outside_plan", viewer=liaison)["value"] == 1
    assert _v("plans_filed", viewer=liaison, period=2025)["value"] == 1
    assert _v("plans_filed", viewer=liaison)["value"] == 0
    office = persona("office_staff")
    assert _v("inspections_over_quota", viewer=office)["value"] == 2
    assert _v("plans_filed", viewer=office)["value"] == 1


def test_plans_in_the_api_in_scope(known, city):
    key = bearer(key_for(account_with(["enforcement.view"], unit=city["market"], scope="unit"))[1])
    c = Client()
    items = c.get("/api/v1/enforcement/plans/", **key).json()["items"]
    assert items == [
        {
            "id": known["plan"].pk,
            "body_id": known["plan"].body_id,
            "unit": "示范市市场监督管理局",
            "unit_code": "C002",
            "year": 2026,
            "special_quota": 1,
            "approved_on": "2026-02-01",
            "approved_by": "示范市人民政府",
            "filed_on": "2026-02-10",
            "published_on": "2026-02-10",
            "items": [{"matter_code": "JC-001", "matter": "食品经营检查", "subjects": "食品经营者", "frequency": 3}],
            "version": 2,
        }
    ]
    assert c.get(f"/api/v1/enforcement/plans/{known['plan'].pk}/", **key).json()["year"] == 2026
    assert c.get(f"/api/v1/enforcement/plans/{known['other'].pk}/", **key).status_code == 404
    office = bearer(key_for(account_with(["enforcement.view"], unit=city["justice"], scope="all"))[1])
    assert [x["year"] for x in c.get("/api/v1/enforcement/plans/?filed=false", **office).json()["items"]] == [2027]
    assert [
        x["unit_code"] for x in c.get("/api/v1/enforcement/plans/?year=2026&ordering=id", **office).json()["items"]
    ] == [
        "C002",
        "C003",
    ]
    none = bearer(key_for(account_with(["decisions.view"], unit=city["market"], scope="unit"))[1])
    assert c.get("/api/v1/enforcement/plans/", **none).status_code == 404
