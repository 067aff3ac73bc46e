"""The API applies the same policies as the pages: same scope, same 404 for forbidden, PII masked."""

import pytest
from django.test import Client

from fazhi.orgs.models import DataScope
from fazhi.orgs.tests.factories import RoleFactory, UserFactory


@pytest.mark.django_db
def test_anonymous_callers_get_a_json_401():
    resp = Client().get("/api/v1/units/")
    assert resp.status_code == 401
    assert resp.json() == {"error": {"code": "unauthenticated", "message": "请先登录。"}}


@pytest.mark.django_db
def test_user_list_is_limited_to_the_data_scope_and_masks_phones(city, login_client):
    viewer = UserFactory(
        unit=city["market"],
        username="viewer",
        roles=[RoleFactory(actions=["orgs.user.view"], data_scope=DataScope.UNIT)],
    )
    UserFactory(unit=city["market"], username="colleague", mobile="13812345678")
    UserFactory(unit=city["finance"], username="stranger")
    data = login_client(viewer).get("/api/v1/users/").json()
    assert [(u["username"], u["mobile"]) for u in data["items"]] == [("viewer", ""), ("colleague", "138****5678")]


@pytest.mark.django_db
def test_without_the_action_the_api_answers_404_like_a_missing_resource(persona, login_client):
    client = login_client(persona("dept_liaison", "market"))
    assert client.get("/api/v1/units/").status_code == 404
    assert client.get("/api/v1/users/").json() == {"items": []}


@pytest.mark.django_db
def test_resolve_finds_a_unit_by_alias_and_reports_bad_input(persona, login_client):
    client = login_client(persona("office_staff", "justice"))
    assert client.get("/api/v1/units/resolve/", {"name": "市司法局"}).json()["units"][0]["name"] == "示范市司法局"
    assert client.get("/api/v1/units/resolve/").json()["error"]["code"] == "bad_request"
    assert client.get("/api/v1/units/?limit=0").status_code == 400
