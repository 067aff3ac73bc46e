"""One place refuses what no view serves (issue #10 findings 6 and 11), for every route of every module, the API
included, whatever builds it:

- a control character (NUL and the other C0 codes but tab, LF and CR; DEL) in a query parameter, a form field, a
  JSON body or the path → 400 naming the field, before any view or query runs (NUL gave psycopg.DataError → 500);
- a method the view does not serve (TRACE, OPTIONS, PUT… on a page) → 405 with an Allow header (the API answered
  TRACE and OPTIONS with 200 and data).
"""

from __future__ import annotations

import json

import pytest

from fazhi.audit.models import AuditEvent
from fazhi.core.guards import served_methods

from .routes import routes

pytestmark = pytest.mark.django_db

VIEWS = [(path, p.callback) for path, p in routes() if not path.startswith("/static/")]
ROUTES = [path for path, _ in VIEWS]


def test_the_walk_sees_every_module():
    prefixes = {p.split("/")[1] for p in ROUTES}
    assert {"plans", "cases", "reconsideration", "litigation", "audit", "jobs", "portal", "api"} <= prefixes
    assert len(ROUTES) > 60


@pytest.fixture
def office(persona, login_client):
    return login_client(persona("office_staff", "gov"))


def test_a_nul_in_any_query_parameter_is_refused_on_every_route(office):
    wrong = []
    for path, view in VIEWS:
        if "GET" in served_methods(view):
            resp = office.get(path, {"q": "\x00", "page": "1"})
        else:  # a write-only route (an API POST): the parameter is refused there too
            resp = office.post(f"{path}?q=%00&page=1", "{}", content_type="application/json")
        if path.startswith("/api/"):
            body = {"error": {"code": "bad_request", "message": "参数“q”含有不允许的控制字符。", "field": "q"}}
            ok = resp.status_code == 400 and resp.json() == body
        else:
            ok = resp.status_code == 400 and "参数“q”含有不允许的控制字符" in resp.content.decode()
        if not ok:
            wrong.append((path, resp.status_code))
    assert wrong == []


@pytest.mark.parametrize(
    "path", ["/api/v1/units/", "/reconsideration/", "/litigation/", "/orgs/users/", "/audit/events/"]
)
def test_each_control_character_is_refused_but_tab_and_newlines_pass(path, persona, login_client):
    client = login_client(persona("sys_admin")) if path.startswith("/orgs") else None
    client = client or login_client(persona("audit_admin") if path.startswith("/audit") else persona("office_head"))
    for ch in [*map(chr, range(0x00, 0x09)), "\x0b", "\x0c", *map(chr, range(0x0E, 0x20)), "\x7f"]:
        assert client.get(path, {"q": f"市{ch}局"}).status_code == 400, (path, hex(ord(ch)))
    assert client.get(path, {"q": "市\t局"}).status_code != 400
    # the field's name is checked too
    assert client.get(path, {"q\x00": "x"}).status_code == 400


def test_a_nul_in_a_form_field_is_refused_naming_the_field_and_nothing_is_written(persona, login_client, city):
    client = login_client(persona("reconsideration_handler", "justice"))
    before = AuditEvent.objects.count()
    resp = client.post("/reconsideration/intake/", {"act": "处罚\x00", "request": "撤销", "applicant_name": "张三"})
    assert resp.status_code == 400
    assert "字段“act”含有不允许的控制字符" in resp.content.decode()
    assert AuditEvent.objects.count() == before


def test_a_multiline_form_field_passes_the_guard(persona, login_client):
    client = login_client(persona("reconsideration_handler", "justice"))
    resp = client.post("/reconsideration/intake/", {"act": "第一行\r\n第二行\t。", "request": "撤销"})
    assert resp.status_code == 200  # the form's own errors (missing fields), not the guard


def test_a_nul_in_a_json_body_or_the_path_is_refused(office):
    body = json.dumps({"applicant": {"names": ["市司法局", "东城\u0000区"]}, "act": "x"})
    resp = office.post("/api/v1/reconsideration/applications/", body, content_type="application/json")
    assert resp.status_code == 400
    assert resp.json()["error"]["field"] == "applicant"
    assert office.get("/plans/tasks/1%00/").status_code in (400, 404)
    assert office.post("/plans/assignments/1/sign%00/").status_code == 400  # POST: the view serves only POST


NOT_SERVED = ["TRACE", "OPTIONS", "PUT", "PATCH", "DELETE", "PROPFIND", "CONNECT"]


def test_methods_no_view_serves_answer_405_on_every_route(office):
    wrong = []
    for path in ROUTES:
        for method in NOT_SERVED:
            resp = office.generic(method, path)
            allow = resp.get("Allow", "").split(", ")
            if path.startswith("/api/"):
                body = resp.json() == {
                    "error": {"code": "method_not_allowed", "message": "不支持该请求方法。", "field": None}
                }
            else:
                body = "不支持该请求方法" in resp.content.decode()  # the Chinese error page
            if not (resp.status_code == 405 and allow[0] and method not in allow and body):
                wrong.append((method, path, resp.status_code))
    assert wrong == []


def test_the_api_does_not_answer_trace_or_options_with_data(office):
    for method in ("TRACE", "OPTIONS"):
        resp = office.generic(method, "/api/v1/units/")
        assert resp.status_code == 405
        assert b"items" not in resp.content
    assert office.get("/api/v1/units/").status_code == 200


def test_a_post_only_view_still_refuses_get(office):
    resp = office.get("/accounts/logout/")
    assert resp.status_code == 405


def test_405_comes_before_the_csrf_check(persona):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    assert client.put("/reconsideration/intake/").status_code == 405
    assert client.delete("/api/v1/units/").status_code == 405


def test_a_post_to_a_get_only_page_answers_405_with_the_chinese_page_on_every_route(office):
    """Issue #10: a POST to a page that only shows something was answered by re-rendering it. Every route whose view
    neither reads the request body nor looks at the method answers 405 (Allow: GET, HEAD) with the error page; every
    route that serves POST does not answer 405 to it."""
    get_only = [path for path, view in VIEWS if "POST" not in served_methods(view)]
    wrong = []
    for path in get_only:
        resp = office.post(path, {"x": "1"})
        page = resp.content.decode()
        if path.startswith("/api/"):
            ok = resp.status_code == 405 and resp.json()["error"]["code"] == "method_not_allowed"
        else:
            ok = resp.status_code == 405 and "不支持该请求方法" in page and "未保存任何内容" in page
        if not (ok and resp["Allow"].startswith("GET")):
            wrong.append((path, resp.status_code))
    assert wrong == []
    assert {"/plans/", "/jobs/", "/audit/events/", "/reconsideration/"} <= set(get_only)  # list pages
    serving = {path for path, view in VIEWS if "POST" in served_methods(view)}
    assert {"/plans/import/", "/reconsideration/import/", "/reconsideration/intake/", "/orgs/units/import/"} <= serving
    assert "/accounts/logout/" in serving and "GET" not in served_methods(dict(VIEWS)["/accounts/logout/"])
    for path in ("/plans/import/", "/reconsideration/intake/"):
        assert office.post(path, {}).status_code != 405
