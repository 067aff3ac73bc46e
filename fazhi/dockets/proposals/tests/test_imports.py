"""`fazhi cases import proposals FILE.xlsx` and the web import: the 交办 list's columns, units through
units_resolve (aliases remembered), every row or none, rows and columns named in Chinese."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from fazhi.cases.models import Case
from fazhi.dockets.proposals.imports import COLUMNS, unresolved_names
from fazhi.dockets.proposals.models import Assignment, Item, ItemProposer, Proposer

pytestmark = pytest.mark.django_db

S = "示范市第十八届人民代表大会第四次会议"
ROW = ["人大", S, "第十八届", 2026, "1", "关于加强老旧小区停车管理的建议", "大会期间", "城乡建设", "张代表", "东城区代表团",
       "李代表、王代表", "示范市市场监督管理局", "", "市财政局", "2026-03-02", "建议内容"]  # fmt: skip


def rows(*changes):
    out = []
    for i, change in enumerate(changes):
        r = list(ROW)
        r[4] = str(i + 1)
        for col, value in change.items():
            r[COLUMNS.index(col)] = value
        out.append(r)
    return out


def xlsx(tmp_path, data, name="jiaoban.xlsx"):
    wb = Workbook()
    ws = wb.active
    ws.append(COLUMNS)
    for r in data:
        ws.append(r)
    path = tmp_path / name
    wb.save(path)
    return str(path)


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("cases", "import", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def test_a_handover_list_of_three_items_is_imported(city, tmp_path):
    data = rows({}, {"分办单位": "东城区政府", "协办单位": ""}, {"人大/政协": "政协", "会次": "政协示范市第十四届委员会第四次会议",
                                                         "届次": "第十四届", "提出时间": "闭会期间", "领衔人": "赵委员"})  # fmt: skip
    code, out, _ = run("proposals", xlsx(tmp_path, data), "--json")
    assert (code, json.loads(out)) == (0, {"ok": True, "imported": 3})
    items = {(i.session.body, i.number): i for i in Item.objects.select_related("session", "case")}
    first = items[("npc", "1")]
    assert first.case.handling_unit == city["market"]
    assert first.case.state == "assigned"
    assert sorted((a.unit.code, a.role) for a in Assignment.objects.filter(case=first.case)) == [
        ("C002", "lead"),
        ("C003", "assist"),  # 市财政局 by its short name
    ]
    assert [(p.proposer.name, p.role) for p in ItemProposer.objects.filter(item=first)] == [
        ("张代表", "lead"),
        ("李代表", "co"),
        ("王代表", "co"),
    ]
    assert items[("npc", "2")].case.extra["open_parts"] == 1
    third = items[("cppcc", "3")]
    assert (third.kind, third.source) == ("proposal", "recess")
    assert Proposer.objects.filter(name="张代表").count() == 1  # the registry holds each person once


def test_an_unresolved_unit_is_named_and_nothing_is_imported(city, tmp_path):
    data = rows({}, {"主办单位": "示范市停车办"})
    code, out, _ = run("proposals", xlsx(tmp_path, data), "--json")
    assert code == 2
    errors = json.loads(out)["errors"]
    assert [(e["row"], e["field"]) for e in errors] == [(3, "主办单位")]
    assert "未找到单位“示范市停车办”" in errors[0]["message"]
    assert Case.objects.filter(docket="proposals").count() == 0


def test_a_name_mapped_once_is_remembered_as_an_alias(city, tmp_path):
    from fazhi.orgs.services import unit_alias_add

    assert unresolved_names([dict(zip(COLUMNS, r, strict=True)) for r in rows({"主办单位": "市场监管"})]) == [
        "市场监管"
    ]
    unit_alias_add(unit=city["market"], alias="市场监管", by=None, source="import")
    code, out, _ = run("proposals", xlsx(tmp_path, rows({"主办单位": "市场监管"})), "--json")
    assert (code, json.loads(out)) == (0, {"ok": True, "imported": 1})


def test_an_item_number_twice_in_a_session_is_refused(city, tmp_path):
    data = rows({}, {})
    data[1][4] = "1"
    code, out, _ = run("proposals", xlsx(tmp_path, data), "--json")
    assert code == 2
    assert [(e["row"], e["field"], e["message"]) for e in json.loads(out)["errors"]] == [(3, "编号", "与第2行重复")]
    assert run("proposals", xlsx(tmp_path, rows({})), "--json")[0] == 0
    code, out, _ = run("proposals", xlsx(tmp_path, rows({}), "again.xlsx"), "--json")
    assert code == 2
    assert json.loads(out)["errors"][0]["message"] == f"{S}已有第1号，同一会次编号不能重复"
    assert Item.objects.count() == 1


@pytest.mark.parametrize(
    ("col", "value", "message"),
    [
        ("交办日期", "2099-01-01", "不能晚于今天"),
        ("交办日期", "3月2日", "日期格式应为YYYY-MM-DD"),
        ("人大/政协", "法院", "应为“人大”或“政协”"),
        ("提出时间", "会后", "应为“大会期间”或“闭会期间”"),
        ("主办单位", "市市场监管局、市财政局", "主办单位只能有一个"),
        ("领衔人", "", "请填写领衔代表/委员"),
    ],
)
def test_bad_input_names_the_field(city, tmp_path, col, value, message):
    code, out, _ = run("proposals", xlsx(tmp_path, rows({col: value})), "--json")
    assert code == 2
    e = json.loads(out)["errors"][0]
    assert (e["row"], e["field"]) == (2, col)
    assert message in e["message"]
    assert Case.objects.count() == 0


def test_the_import_page_maps_an_unknown_name_once_and_the_same_file_then_imports(city, tmp_path, login_client, office):
    """The kernel's import page: a refused import lists the unit names the file used that match no unit; the office
    maps each once (remembered as the unit's alias, audited) and uploads the same file again."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from fazhi.audit.models import AuditEvent
    from fazhi.jobs.models import Job
    from fazhi.jobs.services import jobs_run_pending
    from fazhi.orgs.models import UnitAlias

    with open(xlsx(tmp_path, rows({"主办单位": "市停车办", "协办单位": "市财政局、市停车管理办公室"})), "rb") as f:
        data = f.read()
    c = login_client(office)
    c.post("/proposals/import/", {"file": SimpleUploadedFile("jiaoban.xlsx", data)})
    jobs_run_pending()
    job = Job.objects.get(kind="cases.import")
    assert job.result["unknown_units"] == ["市停车办", "市停车管理办公室"]
    page = c.get(f"/proposals/import/?job={job.pk}").content.decode()
    assert "“市停车办”对应的单位" in page and 'id="unit-mapping"' in page
    refused = c.post(f"/proposals/import/?job={job.pk}", {"map": "1"}).content.decode()
    assert "请至少为一个单位名称选择对应的单位。" in refused and UnitAlias.objects.filter(name="市停车办").count() == 0
    resp = c.post(
        f"/proposals/import/?job={job.pk}", {"map": "1", "unit_0": city["market"].pk, "unit_1": city["district"].pk}
    )
    assert (resp.status_code, resp["Location"]) == (302, "/proposals/import/")
    alias = UnitAlias.objects.get(name="市停车办")
    assert (alias.unit, alias.source) == (city["market"], "case_import")
    assert AuditEvent.objects.filter(action="unit.alias_added").count() == 2
    c.post("/proposals/import/", {"file": SimpleUploadedFile("jiaoban.xlsx", data)})
    jobs_run_pending()
    again = Job.objects.filter(kind="cases.import").latest("id")
    assert (again.result["ok"], again.result["imported"], again.result["errors"]) == (True, 1, [])
    case = Case.objects.get(docket="proposals")
    assert case.handling_unit == city["market"]
    assert sorted(Assignment.objects.filter(case=case).values_list("unit__code", "role")) == [
        ("C002", "lead"),
        ("C003", "assist"),
        ("D100", "assist"),
    ]
