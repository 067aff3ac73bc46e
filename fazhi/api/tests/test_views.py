"""The API applies the same policies as the pages: same scope, same 404 for forbidden, PII masked; one error format."""

import pytest
from django.test import Client

from fazhi.orgs.models import DataScope
from fazhi.orgs.tests.factories import RoleFactory, UserFactory


@pytest.mark.django_db
def test_anonymous_callers_get_a_json_401():
    resp = Client().get("/api/v1/units/")
    assert resp.status_code == 401
    assert resp.json() == {
        "error": {
            "code": "unauthenticated",
            "message": "请先登录，或在 Authorization 请求头中提供接口密钥（Bearer fzk_…）。",
            "field": None,
        }
    }


@pytest.mark.django_db
def test_the_schema_and_the_docs_page_are_public_and_local():
    schema = Client().get("/api/v1/openapi.json")
    assert schema.status_code == 200 and schema.json()["openapi"] == "3.1.0"
    assert schema.json()["info"]["title"] == "法治政府建设平台接口"
    page = Client().get("/api/v1/docs").content.decode()
    assert '<html lang="zh-CN">' in page
    assert "/static/ninja/swagger-ui-bundle.js" in page and "/static/ninja/swagger-ui.css" in page
    assert "cdn" not in page.lower() and "http://" not in page and "https://" not in page


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
    assert data["next_cursor"] is None


@pytest.mark.django_db
def test_without_the_action_the_api_answers_404_like_a_missing_resource(persona, login_client):
    client = login_client(persona("dept_liaison", "market"))
    missing = {"error": {"code": "not_found", "message": "资源不存在。", "field": None}}
    assert client.get("/api/v1/units/").json() == missing
    assert client.get("/api/v1/users/").json() == missing
    assert client.get("/api/v1/units/1/").json() == missing


@pytest.mark.django_db
def test_resolve_finds_a_unit_by_alias_and_reports_bad_input(persona, login_client):
    client = login_client(persona("office_staff", "justice"))
    assert client.get("/api/v1/units/resolve/", {"name": "市司法局"}).json()["units"][0]["name"] == "示范市司法局"
    assert client.get("/api/v1/units/resolve/").json()["error"] == {
        "code": "invalid",
        "message": "name：缺少必填项。",
        "field": "name",
    }
    assert client.get("/api/v1/units/resolve/", {"name": "不存在的局"}).json()["error"]["message"] == (
        "未找到名为“不存在的局”的单位或单位分组。"
    )
    assert client.get("/api/v1/units/?limit=0").json()["error"] == {
        "code": "invalid",
        "message": "limit：应不小于 1。",
        "field": "limit",
    }


@pytest.mark.django_db
def test_unit_list_pages_by_cursor_and_selects_fields(persona, login_client):
    client = login_client(persona("office_staff", "justice"))
    first = client.get("/api/v1/units/", {"limit": 4, "fields": "code"}).json()
    assert [sorted(i) for i in first["items"]] == [["code", "id"]] * 4
    assert [i["code"] for i in first["items"]] == ["C000", "C001", "C002", "C003"]
    rest = client.get("/api/v1/units/", {"limit": 4, "fields": "code", "cursor": first["next_cursor"]}).json()
    assert [i["code"] for i in rest["items"]] == ["D100", "D101"] and rest["next_cursor"] is None
    assert client.get("/api/v1/units/", {"fields": "code,secret"}).json()["error"]["field"] == "fields"
    other_order = client.get("/api/v1/units/", {"ordering": "-id", "cursor": first["next_cursor"]}).json()
    assert other_order["error"]["field"] == "cursor"


@pytest.mark.django_db
def test_unknown_parameters_paths_and_methods_answer_in_the_error_format(persona, login_client):
    client = login_client(persona("office_staff", "justice"))
    assert client.get("/api/v1/units/", {"colour": "red"}).json()["error"] == {
        "code": "unknown_parameter",
        "message": "不认识的查询参数：colour。",
        "field": "colour",
    }
    assert client.get("/api/v1/no-such-thing/").status_code == 404
    resp = client.delete("/api/v1/units/")
    assert (resp.status_code, resp["Allow"], resp.json()["error"]["code"]) == (405, "GET", "method_not_allowed")


@pytest.mark.django_db
def test_a_session_without_its_otp_step_or_with_a_forced_password_change_gets_401(persona, client):
    import time

    sec = persona("sec_admin", "justice")  # a 三员 role: the OTP step is required
    client.force_login(sec)
    session = client.session
    session["fazhi_login_at"] = session["fazhi_last_seen"] = time.time()
    session.save()
    resp = client.get("/api/v1/users/")
    assert (resp.status_code, resp.json()["error"]["code"]) == (401, "unauthenticated")
    staff = persona("office_staff", "justice")
    staff.must_change_password = True
    staff.save()
    client.force_login(staff)
    assert client.get("/api/v1/units/").status_code == 401


@pytest.mark.django_db
def test_an_idle_session_is_signed_out_and_answered_401_not_redirected(persona, login_client):
    import time

    client = login_client(persona("office_staff", "justice"))
    session = client.session
    session["fazhi_last_seen"] = time.time() - 31 * 60
    session.save()
    resp = client.get("/api/v1/units/")
    assert (resp.status_code, resp.json()["error"]["code"]) == (401, "unauthenticated")
