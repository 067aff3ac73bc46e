"""The pages: register (a refusal beside the field, nothing written), the list, the case page with the hearing and the
remedy, a step through the kernel's page, the intake's route page offering 转行政裁决; the demo, twice."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.cases.models import Case
from fazhi.cases.services import PartyInput, today_local

from .conftest import RULING

pytestmark = pytest.mark.django_db


def _form(unit, **kw):
    return {
        "submit_token": "9a0c6a8e-1111-4222-8333-444455556688",
        "handling_unit": unit.pk,
        "received_on": today_local().isoformat(),
        "matter": "land",
        "applicant_name": "东华村民委员会",
        "applicant_phone": "13812345678",
        "respondent_name": "西岭村民委员会",
        "request": "请求确认土地所有权",
        **kw,
    }


def test_register_list_and_case_page(login_client, handler, land):
    client = login_client(handler)
    refused = client.post("/admin-ruling/register/", _form(land, respondent_name=" "))
    assert refused.status_code == 200 and Case.objects.count() == 0
    assert list(refused.context["form"].errors) == ["respondent_name"]
    resp = client.post("/admin-ruling/register/", _form(land))
    case = Case.objects.get(docket="admin_ruling")
    assert resp.status_code == 302 and resp["Location"] == f"/admin-ruling/{case.pk}/"
    assert case.case_number in client.get("/admin-ruling/").content.decode()
    page = client.get(f"/admin-ruling/{case.pk}/").content.decode()
    assert "土地所有权和使用权争议" in page and "《中华人民共和国土地管理法》第十四条" in page
    assert "行政裁决申请受理审查期限（届满" in page and f"/admin-ruling/{case.pk}/do/accept/" in page
    assert "/do/reject/" not in page  # the head's step


def test_a_step_page_and_the_ruled_case(login_client, heard, head, handler):
    case = heard(matter="other")
    client = login_client(head)
    url = f"/admin-ruling/{case.pk}/do/rule/"
    assert "送达日期" in client.get(url).content.decode()
    early = client.post(url, {"version": case.version, "on": "2025-03-24", **RULING})
    assert early.status_code == 200 and "不能早于" in early.content.decode()
    resp = client.post(url, {"version": case.version, "on": "2025-04-01", **RULING})
    assert resp.status_code == 302
    case.refresh_from_db()
    assert case.state == "ruled"
    page = login_client(handler).get(f"/admin-ruling/{case.pk}/").content.decode()
    assert "双方村委会主任" in page and "申请行政复议：至 2025-06-03" in page and "提起行政诉讼：至 2025-10-09" in page
    assert f"/admin-ruling/{case.pk}/do/record_remedy/" in page and f"/admin-ruling/{case.pk}/do/record_final/" in page
    # 1 Apr + 60 days = Sat 31 May 2025, 端午 (31 May – 2 Jun off) → Tue 3 Jun; the windows still shown running
    assert "不服行政裁决申请行政复议期限（届满2025-06-03）" in page


def test_the_intake_route_page_offers_the_docket(login_client, persona, city, land):
    from fazhi.dockets.intake.services import intake_register

    intake = intake_register(
        by=None,
        handling_unit=city["justice"],
        channel="window",
        dispute_type="land",
        applicants=[PartyInput(role="applicant", name="王某")],
        respondents=[PartyInput(role="respondent", name="李某")],
        account="宅基地界址争议",
        received_on=today_local() - dt.timedelta(days=1),
    )
    client = login_client(persona("mediation_manager", "justice"))
    url = f"/intake/{intake.pk}/route/"
    page = client.get(url).content.decode()
    assert "转行政裁决" in page and "行政裁决机关" in page and "土地所有权和使用权争议" in page
    post = {"version": intake.version, "on": today_local().isoformat(), "to_admin_ruling": "on", "ruling_unit": land.pk}
    refused = client.post(url, post)
    assert refused.status_code == 200 and list(refused.context["form"].errors) == ["ruling_matter"]
    assert Case.objects.filter(docket="admin_ruling").count() == 0
    assert client.post(url, {**post, "ruling_matter": "land"}).status_code == 302
    case = Case.objects.get(docket="admin_ruling")
    assert (case.handling_unit, case.extra["request"]) == (land, "宅基地界址争议")


def test_the_demo_is_idempotent_and_dated_from_today(city):
    from fazhi.dockets.admin_ruling.demo import demo_admin_ruling
    from fazhi.orgs.tests.factories import UnitFactory

    UnitFactory(code="C011", name="示范市自然资源和规划局", parent=city["gov"])
    UnitFactory(code="C031", name="示范市林业局", parent=city["gov"])
    said: list[str] = []
    demo_admin_ruling(said.append)
    demo_admin_ruling(said.append)
    assert said == ["已创建行政裁决示范申请5件。", "行政裁决示范申请已存在，跳过。"]
    cases = Case.objects.filter(docket="admin_ruling")
    assert sorted(cases.values_list("state", flat=True)) == ["accepted", "applied", "rejected", "ruled", "withdrawn"]
    assert all(c.received_on <= today_local() for c in cases)
    ruled = cases.get(state="ruled")
    assert ruled.extra["ruling"]["suit_due"] >= today_local().isoformat()  # the land dispute's 30 days still run
