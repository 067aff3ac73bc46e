"""诉访分离 with the kernel's hand-over (《信访工作条例》第三十一条; fazhi/cases/handover.py): a 复议 or 公开申请 matter
routed from 信访 becomes an application on that docket without re-typing, in the same transaction as the routing;
the petition handler needs no 复议/公开 register permission (the routing step's own covers it); a refused hand-over
routes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.cases.models import Case, Handover
from fazhi.core.errors import DomainError
from fazhi.dockets.petitions import services as s
from fazhi.orgs.scopes import grants_for

from .conftest import VALID_ID

pytestmark = pytest.mark.django_db
D = dt.date


def test_a_reconsideration_matter_is_routed_and_handed_to_the_reconsideration_office(petition, handler, city):
    case = petition(request="撤销市场监管局作出的罚款决定")
    assert not grants_for(handler).has("reconsideration.case.intake")  # a 信访 handler, not a 复议 clerk
    s.case_route(
        case=case,
        by=handler,
        on=D(2025, 3, 5),
        route="reconsideration",
        hand_over=True,
        handling_unit=city["justice"],
        act="市场监管局2025年2月10日罚款决定",
    )
    case.refresh_from_db()
    assert (case.state, case.outcome) == ("routed", "routed.reconsideration")
    moved = Handover.objects.get(source_case=case).case
    assert (moved.docket, moved.state, moved.handling_unit, moved.channel) == (
        "reconsideration",
        "received",
        city["justice"],
        "transfer",
    )
    assert moved.received_on == D(2025, 3, 3)  # the petition's received date carries over (spec: received="source")
    assert moved.extra["act"] == "市场监管局2025年2月10日罚款决定"
    assert moved.extra["request"] == "撤销市场监管局作出的罚款决定"
    # the petitioner applies; the 信访对象 is the 被申请人
    assert list(moved.parties.order_by("id").values_list("role", "name", "unit")) == [
        ("applicant", "张三", None),
        ("respondent", "示范市市场监督管理局", city["market"].pk),
    ]
    assert moved.parties.get(role="applicant").id_number == VALID_ID
    assert moved.respondent_unit == city["market"]
    labels = list(case.events.filter(kind="handover_out").values_list("label", flat=True))
    assert labels == [f"转行政复议：行政复议案件{moved.case_number}"]
    assert moved.events.filter(kind="handover_in", label=f"由信访案件{case.case_number}转来").count() == 1


def test_a_disclosure_request_is_received_by_the_agency_on_the_routing_day(petition, handler, city):
    case = petition(type="suggestion", content="申请公开2024年旧城改造补偿标准文件")
    s.case_route(
        case=case, by=handler, on=D(2025, 3, 6), route="disclosure", hand_over=True, handling_unit=city["market"]
    )
    moved = Handover.objects.get(source_case=case).case
    assert (moved.docket, moved.state, moved.handling_unit) == ("disclosure", "received", city["market"])
    assert moved.received_on == D(2025, 3, 6)  # 条例 第三十一条: the agency's receipt date (spec: received="handover")
    assert moved.extra["content"] == "申请公开2024年旧城改造补偿标准文件"


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"route": "reconsideration", "handling_unit": None, "act": "某决定"}, "handling_unit"),
        ({"route": "reconsideration", "act": ""}, "act"),
        ({"route": "litigation"}, "hand_over"),
    ],
    ids=["no office", "no act", "a route the platform does not take"],
)
def test_a_refused_hand_over_names_the_field_and_routes_nothing(petition, handler, city, kw, field):
    case = petition(request="撤销罚款决定")
    args = {"handling_unit": city["justice"], **kw}
    with pytest.raises(DomainError) as exc:
        s.case_route(case=case, by=handler, on=D(2025, 3, 5), hand_over=True, **args)
    assert exc.value.field == field
    case.refresh_from_db()
    assert case.state == "received" and not case.events.filter(kind="routed").exists()
    assert Handover.objects.count() == 0 and Case.objects.exclude(pk=case.pk).count() == 0


def test_routing_twice_is_refused_by_the_state_and_hands_over_once(petition, handler, city):
    case = petition(request="撤销罚款决定")
    kw = dict(route="reconsideration", hand_over=True, handling_unit=city["justice"], act="某罚款决定")
    s.case_route(case=case, by=handler, on=D(2025, 3, 5), **kw)
    with pytest.raises(DomainError):
        s.case_route(case=Case.objects.get(pk=case.pk), by=handler, on=D(2025, 3, 5), **kw)
    assert Handover.objects.filter(source_case=case).count() == 1


def test_the_route_page_keeps_what_was_typed_and_shows_the_error_beside_the_field(
    petition, handler, city, login_client
):
    case = petition(request="撤销罚款决定")
    c = login_client(handler)
    data = {
        "version": case.version,
        "on": "2025-03-05",
        "route": "reconsideration",
        "note": "请向复议机构申请",
        "hand_over": "on",
        "handling_unit": city["justice"].pk,
        "act": "",
    }
    r = c.post(f"/petitions/{case.pk}/do/route/", data)
    assert r.status_code == 200
    assert r.context["form"].errors["act"] == ["请填写被申请复议的行政行为。"]
    assert "请向复议机构申请" in r.content.decode()
    data["act"] = "某罚款决定"
    r = c.post(f"/petitions/{case.pk}/do/route/", data)
    assert r.status_code == 302
    moved = Handover.objects.get(source_case=case).case
    assert moved.docket == "reconsideration"
    assert f"已移交行政复议案件{moved.case_number}（2025-03-05，不必重新录入）" in c.get(r["Location"]).content.decode()
