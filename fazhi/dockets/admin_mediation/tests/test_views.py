"""The pages: register (a refusal beside the field, nothing written), the list, the case page, the agreement's step
page (a missing signature refused beside parties_signed, nothing written), the agreed case page; the demo, twice."""

from __future__ import annotations

import pytest

from fazhi.cases.models import Case, CaseDocument
from fazhi.cases.services import today_local

from .conftest import AGREEMENT

pytestmark = pytest.mark.django_db


def _form(unit, **kw):
    return {
        "submit_token": "9a0c6a8e-1111-4222-8333-444455556699",
        "handling_unit": unit.pk,
        "received_on": today_local().isoformat(),
        "dispute_type": "contract",
        "applicant_name": "钱小明",
        "applicant_phone": "13812345678",
        "respondent_name": "某电器商场",
        "request": "冰箱质量问题，请求退货",
        **kw,
    }


def test_register_list_and_case_page(login_client, mediator, market):
    client = login_client(mediator)
    refused = client.post("/admin-mediation/register/", _form(market, respondent_name=" "))
    assert refused.status_code == 200 and Case.objects.count() == 0
    assert list(refused.context["form"].errors) == ["respondent_name"]
    resp = client.post("/admin-mediation/register/", _form(market))
    case = Case.objects.get(docket="admin_mediation")
    assert resp.status_code == 302 and resp["Location"] == f"/admin-mediation/{case.pk}/"
    assert case.case_number in client.get("/admin-mediation/").content.decode()
    page = client.get(f"/admin-mediation/{case.pk}/").content.decode()
    assert "合同" in page and "行政调解申请受理审查期限（届满" in page
    assert f"/admin-mediation/{case.pk}/do/accept/" in page and f"/admin-mediation/{case.pk}/do/reject/" in page


def test_the_agreement_page_refuses_a_missing_signature_beside_the_field(login_client, mediated, mediator):
    case = mediated()
    client = login_client(mediator)
    url = f"/admin-mediation/{case.pk}/do/agree/"
    form = client.get(url).content.decode()
    applicant = case.parties.get(role="applicant")
    assert "已签名（盖章、按指印）的当事人" in form and applicant.masked_name in form
    post = {"version": case.version, "on": "2025-03-10", "copies": 3, **AGREEMENT}
    refused = client.post(url, {**post, "parties_signed": [applicant.pk]})
    assert refused.status_code == 200 and list(refused.context["form"].errors) == ["parties_signed"]
    case.refresh_from_db()
    assert (case.state, CaseDocument.objects.filter(case=case).count()) == ("accepted", 0)
    ok = client.post(url, {**post, "parties_signed": [p.pk for p in case.parties.all()]})
    assert ok.status_code == 302
    case.refresh_from_db()
    assert case.state == "agreed"
    page = client.get(f"/admin-mediation/{case.pk}/").content.decode()
    assert "陈科长、李干事" in page and "司法确认申请期限至 2025-04-09" in page
    assert f"/admin-mediation/{case.pk}/do/follow_up/" in page
    assert f"/admin-mediation/{case.pk}/do/close/" not in page  # open until followed up (and the window is over)


def test_the_terminate_page_tells_the_routes(login_client, mediated, mediator):
    case = mediated()
    client = login_client(mediator)
    url = f"/admin-mediation/{case.pk}/do/terminate/"
    assert "依法申请行政裁决" in client.get(url).content.decode()
    refused = client.post(url, {"version": case.version, "on": "2025-03-12", "ground": "failed", "reason": "分歧大"})
    assert refused.status_code == 200 and list(refused.context["form"].errors) == ["routes"]
    ok = client.post(
        url,
        {"version": case.version, "on": "2025-03-12", "ground": "failed", "reason": "分歧大", "routes": ["litigation"]},
    )
    assert ok.status_code == 302
    page = client.get(f"/admin-mediation/{case.pk}/").content.decode()
    assert "已告知：依法向人民法院提起诉讼" in page


def test_the_pages_are_denied_to_other_roles(login_client, persona, apply):
    case = apply()
    client = login_client(persona("mediator", "market"))
    assert client.get("/admin-mediation/").status_code == 404  # the kernel's answer to a missing action
    assert client.get(f"/admin-mediation/{case.pk}/").status_code == 404
    assert client.get("/admin-mediation/register/").status_code == 404


def test_the_demo_is_idempotent_and_dated_from_today(city):
    from fazhi.dockets.admin_mediation.demo import demo_admin_mediation
    from fazhi.orgs.tests.factories import UnitFactory

    UnitFactory(code="C024", name="示范市市场监督管理局（示范）", parent=city["gov"])
    UnitFactory(code="C019", name="示范市卫生健康委员会", parent=city["gov"])
    said: list[str] = []
    demo_admin_mediation(said.append)
    demo_admin_mediation(said.append)
    assert said == ["已创建行政调解示范申请6件。", "行政调解示范申请已存在，跳过。"]
    cases = Case.objects.filter(docket="admin_mediation")
    assert sorted(cases.values_list("state", flat=True)) == [
        "accepted",
        "agreed",
        "applied",
        "closed",
        "rejected",
        "terminated",
    ]
    assert all(c.received_on <= today_local() for c in cases)
    open_ = cases.get(state="agreed")
    assert open_.extra["agreement"]["confirmation_due"] >= today_local().isoformat()  # its window still runs
    assert CaseDocument.objects.filter(case__docket="admin_mediation", template_code="agreement").count() == 2
