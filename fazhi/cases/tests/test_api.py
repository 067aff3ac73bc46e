"""Case endpoints through the kernel's policy and selectors: a district key sees only its districts' cases, a caller
without a view code gets the 404 of a missing record, parties come masked, clocks come with their explanation."""

import datetime as dt

import pytest
from django.test import Client

from fazhi.api.tests.factories import account_with, bearer, key_for
from fazhi.cases.models import PartyRole
from fazhi.cases.services import PartyInput

VIEW = ["cases.case.view", "litigation.case.view", "reconsideration.case.view"]
MISSING = {"error": {"code": "not_found", "message": "资源不存在。", "field": None}}


@pytest.fixture
def lawsuits(city, persona):
    """Three 行政应诉 cases: two handled by the city's justice bureau, one by the district's market bureau."""
    from fazhi.dockets.litigation.services import litigation_register

    handler = persona("reconsideration_handler", "justice")

    def make(n, unit, served):
        return litigation_register(
            by=handler,
            handling_unit=city[unit],
            court="示范市东城区人民法院",
            court_case_number=f"（2025）示0101行初{n}号",
            plaintiff=PartyInput(
                role=PartyRole.APPLICANT, name="张三丰", id_number="11010519491231002X", phone="13812345678"
            ),
            cause=f"不服行政处罚决定{n}",
            instance="first",
            served_on=served,
            defendant_unit=city["market"],
        )

    return [
        make(1, "justice", dt.date(2025, 3, 3)),
        make(2, "justice", dt.date(2025, 4, 1)),
        make(3, "district_market", dt.date(2025, 5, 6)),
    ]


def _key(city, actions, unit="district", **kw):
    _k, full = key_for(account_with(actions, unit=city[unit], **kw))
    return bearer(full)


@pytest.mark.django_db
def test_a_district_key_sees_only_its_districts_cases(city, lawsuits):
    district = _key(city, VIEW, unit="district", scope="unit_and_below")
    city_wide = _key(city, VIEW, unit="justice", scope="all")
    c = Client()
    seen = c.get("/api/v1/cases/", {"docket": "litigation", "fields": "case_number,handling_unit"}, **district).json()
    assert [(i["handling_unit"]) for i in seen["items"]] == ["示范市东城区市场监督管理局"]
    assert c.get(f"/api/v1/cases/{lawsuits[0].pk}/", **district).json() == MISSING
    assert c.get(f"/api/v1/cases/{lawsuits[0].pk}/timeline/", **district).json() == MISSING
    assert c.get(f"/api/v1/cases/{lawsuits[2].pk}/", **district).status_code == 200
    everything = c.get("/api/v1/cases/", {"docket": "litigation"}, **city_wide).json()["items"]
    assert [i["id"] for i in everything] == [lawsuits[2].pk, lawsuits[1].pk, lawsuits[0].pk]  # newest received first


@pytest.mark.django_db
def test_a_key_without_a_view_code_gets_the_404_of_a_missing_case(city, lawsuits):
    no_docket = _key(city, ["cases.case.view", "reconsideration.case.view"], scope="all")
    c = Client()
    assert c.get(f"/api/v1/cases/{lawsuits[0].pk}/", **no_docket).json() == MISSING
    assert c.get("/api/v1/cases/999999/", **no_docket).json() == MISSING
    assert c.get("/api/v1/cases/", {"docket": "litigation"}, **no_docket).json() == MISSING
    assert c.get("/api/v1/cases/", {"docket": "reconsideration"}, **no_docket).json() == {
        "items": [],
        "next_cursor": None,
    }


@pytest.mark.django_db
def test_the_list_filters_orders_and_pages_by_cursor(city, lawsuits):
    key = _key(city, VIEW, scope="all")
    c = Client()
    first = c.get("/api/v1/cases/", {"docket": "litigation", "ordering": "received_on", "limit": 2}, **key).json()
    assert [i["received_on"] for i in first["items"]] == ["2025-03-03", "2025-04-01"]
    rest = c.get(
        "/api/v1/cases/",
        {"docket": "litigation", "ordering": "received_on", "limit": 2, "cursor": first["next_cursor"]},
        **key,
    ).json()
    assert [i["received_on"] for i in rest["items"]] == ["2025-05-06"] and rest["next_cursor"] is None
    by_unit = c.get("/api/v1/cases/", {"docket": "litigation", "handling_unit": city["justice"].pk}, **key).json()
    assert len(by_unit["items"]) == 2
    q = c.get("/api/v1/cases/", {"docket": "litigation", "q": "处罚决定2"}, **key).json()
    assert [i["title"] for i in q["items"]] == ["不服行政处罚决定2"]
    window = c.get(
        "/api/v1/cases/", {"docket": "litigation", "received_from": "2025-03-04", "received_to": "2025-05-05"}, **key
    ).json()
    assert [i["received_on"] for i in window["items"]] == ["2025-04-01"]
    assert c.get("/api/v1/cases/", {"docket": "litigation", "state": "nope"}, **key).json()["error"]["field"] == "state"
    assert (
        c.get("/api/v1/cases/", {"docket": "litigation", "sort": "x"}, **key).json()["error"]["code"]
        == "unknown_parameter"
    )
    assert c.get("/api/v1/cases/", {"docket": "litigation", "received_from": "5月"}, **key).json()["error"] == {
        "code": "invalid",
        "message": "received_from：应为日期（YYYY-MM-DD）。",
        "field": "received_from",
    }


@pytest.mark.django_db
def test_a_case_shows_its_parties_masked_and_its_clock_explained(city, lawsuits):
    key = _key(city, VIEW, scope="all")
    c = Client()
    case = c.get(f"/api/v1/cases/{lawsuits[0].pk}/", **key).json()
    plaintiff = case["parties"][0]
    assert (plaintiff["name"], plaintiff["id_number"], plaintiff["phone"]) == (
        "张**",
        "110105********002X",
        "138****5678",
    )
    assert "address" not in plaintiff
    assert case["docket_data"]["court_case_number"] == "（2025）示0101行初1号"
    assert case["docket_data"]["defence_due"] == "2025-03-18"
    clocks = c.get(f"/api/v1/cases/{lawsuits[0].pk}/clocks/", **key).json()["items"]
    assert [(k["key"], k["due_date"]) for k in clocks] == [("defense", "2025-03-18")]
    assert "行政诉讼法" in clocks[0]["basis"] and clocks[0]["explanation"]
    timeline = c.get(f"/api/v1/cases/{lawsuits[0].pk}/timeline/", **key).json()["items"]
    assert timeline[0]["occurred_on"] == "2025-03-03" and timeline[0]["label"].startswith("收到起诉状副本")


@pytest.mark.django_db
def test_a_signed_in_handler_sees_the_same_as_on_the_pages(city, lawsuits, persona, login_client):
    client = login_client(persona("reconsideration_handler", "justice"))  # 本单位: the justice bureau's cases
    items = client.get("/api/v1/cases/", {"docket": "litigation"}).json()["items"]
    assert sorted(i["id"] for i in items) == sorted([lawsuits[0].pk, lawsuits[1].pk])
    assert client.get(f"/api/v1/cases/{lawsuits[2].pk}/").json() == MISSING


@pytest.mark.django_db
def test_a_kept_list_is_never_served_after_a_case_changes(city, lawsuits, persona, login_client, pages_cache):
    # given a signed-in handler whose list is kept (the pages cache on, as in production)
    from fazhi.cases.models import Case

    client = login_client(persona("reconsideration_handler", "justice"))
    client.get("/api/v1/cases/", {"docket": "litigation", "fields": "title"})  # loads the user with its stamps
    first = client.get("/api/v1/cases/", {"docket": "litigation", "fields": "title"}).json()["items"]
    assert any(":cases:api:litigation:" in k for k in pages_cache._cache)  # the answer was kept
    # when a case is saved (its docket stamp changes in the same transaction)
    case = Case.objects.get(pk=lawsuits[1].pk)
    case.title = "改过的案由"
    case.save(update_fields=["title"])
    # then the next answer shows it
    again = client.get("/api/v1/cases/", {"docket": "litigation", "fields": "title"}).json()["items"]
    assert [i["title"] for i in first] != [i["title"] for i in again]
    assert "改过的案由" in [i["title"] for i in again]
