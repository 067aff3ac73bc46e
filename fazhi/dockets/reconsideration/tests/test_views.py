"""Staff pages as specifications: list and filters, intake (agents, co-handlers, double submit), detail, every step
page (GET, a successful POST, a refused POST), the Excel export (synchronous and as a job) and its download."""

from __future__ import annotations

import datetime as dt
import io
import uuid

import pytest
from django.contrib.messages import get_messages
from openpyxl import load_workbook

from fazhi.audit.models import AuditEvent
from fazhi.cases.models import Case, CaseEvent, PartyRole
from fazhi.core.downloads import download_key
from fazhi.dockets.reconsideration import exports
from fazhi.dockets.reconsideration import services as s
from fazhi.jobs.models import Job
from fazhi.jobs.services import jobs_run_pending

from .conftest import MON, VALID_ID

pytestmark = pytest.mark.django_db
D = dt.timedelta
DECISION = {
    "outcome": "revoke",
    "facts": "处罚决定认定事实不清",
    "reasons": "证据不足",
    "decision_text": "撤销该处罚决定",
}


def _iso(d: dt.date) -> str:
    return d.isoformat()


def _msgs(resp) -> list[str]:
    return [str(m) for m in get_messages(resp.wsgi_request)]


# ---- list ----------------------------------------------------------------------------------------------------------


def test_list_filters_by_state_and_by_number_or_cause(application, handler, login_client):
    # given three cases, one of them accepted
    a = application(act="行政处罚决定甲")
    b = application(act="政府信息公开答复乙")
    c = application(act="行政强制措施丙")
    s.case_accept(case=c, by=handler, on=MON + D(1))
    client = login_client(handler)
    # when the list is filtered
    by_state = client.get("/reconsideration/", {"state": "accepted"})
    by_cause = client.get("/reconsideration/", {"q": "信息公开"})
    by_number = client.get("/reconsideration/", {"q": a.case_number})
    everything = client.get("/reconsideration/")
    # then exactly the matching cases are listed
    assert [r["pk"] for r in by_state.context["rows"]] == [c.pk]
    assert [r["pk"] for r in by_cause.context["rows"]] == [b.pk]
    assert [r["pk"] for r in by_number.context["rows"]] == [a.pk]
    assert [r["pk"] for r in everything.context["rows"]] == [c.pk, b.pk, a.pk]
    assert "export/?state=accepted" in by_state.content.decode()


def test_list_is_refused_to_a_user_without_the_docket(persona, login_client):
    assert login_client(persona("dept_liaison", "justice")).get("/reconsideration/").status_code == 404


# ---- intake --------------------------------------------------------------------------------------------------------


def _intake_data(city, **more):
    data = {
        "submit_token": str(uuid.uuid4()),
        "received_on": _iso(MON),
        "channel": "mail",
        "applicant_kind": "person",
        "applicant_name": "张三",
        "applicant_id_number": VALID_ID,
        "applicant_phone": "13812345678",
        "respondent_unit": city["market"].pk,
        "act": "行政处罚决定",
        "request": "撤销该处罚决定",
    }
    data.update(more)
    return data


def test_intake_registers_agents_handler_and_co_handlers(city, handler, head, login_client):
    # given the intake page of a handler whose unit has a head
    client = login_client(handler)
    page = client.get("/reconsideration/intake/")
    assert page.status_code == 200
    assert set(page.context["form"].fields["co_handlers"].queryset) == {handler, head}
    # when an application with an agent and a co-handler is registered
    data = _intake_data(
        city, agent_1_name="李律师", agent_1_phone="13900000000", handler=handler.pk, co_handlers=[head.pk]
    )
    resp = client.post("/reconsideration/intake/", data)
    # then one case exists with the agent representing the applicant, the handler and co-handler set
    case = Case.objects.get()
    assert resp.status_code == 302 and resp["Location"] == f"/reconsideration/{case.pk}/"
    assert (case.handler, list(case.co_handlers.all()), case.channel) == (handler, [head], "mail")
    agent = case.parties.get(role=PartyRole.AGENT)
    assert (agent.name, agent.phone, agent.represents.role) == ("李律师", "13900000000", PartyRole.APPLICANT)


def test_double_submitted_intake_creates_one_case(city, handler, login_client):
    client = login_client(handler)
    data = _intake_data(city, agent_1_name="李律师", agent_1_phone="13900000000")
    first = client.post("/reconsideration/intake/", data)
    second = client.post("/reconsideration/intake/", data)
    case = Case.objects.get()
    assert first["Location"] == second["Location"] == f"/reconsideration/{case.pk}/"
    assert case.parties.filter(role=PartyRole.AGENT).count() == 1
    assert AuditEvent.objects.filter(action="cases.case.create").count() == 1


@pytest.mark.parametrize(
    ("more", "field", "message"),
    [
        ({"agent_1_phone": "13900000000"}, "agent_1_name", "请填写代理人姓名。"),
        ({"agent_2_name": "王律师"}, "agent_2_phone", "请填写代理人联系电话。"),
        ({"agent_1_name": "李律师", "agent_1_phone": "123"}, "agent_1_phone", "联系电话"),
        (
            {"agent_1_name": "李律师", "agent_1_phone": "13900000000", "agent_1_id_number": "110105194912310021"},
            "agent_1_id_number",
            "身份证号码",
        ),
        ({"received_on": "2999-01-01"}, "received_on", "收到日期不能晚于今天。"),
    ],
)
def test_intake_errors_are_chinese_and_name_the_field(city, handler, login_client, more, field, message):
    resp = login_client(handler).post("/reconsideration/intake/", _intake_data(city, **more))
    assert resp.status_code == 200
    assert any(message in e for e in resp.context["form"].errors[field])
    assert Case.objects.count() == 0


def test_handler_cannot_also_be_co_handler(city, handler, login_client):
    data = _intake_data(city, handler=handler.pk, co_handlers=[handler.pk])
    resp = login_client(handler).post("/reconsideration/intake/", data)
    assert resp.context["form"].errors["co_handlers"] == ["承办人不能同时作为协办人。"]
    assert Case.objects.count() == 0


def test_co_handler_from_another_unit_is_refused_by_the_service(application, persona):
    other = persona("reconsideration_handler", "market")
    with pytest.raises(s.DomainError) as exc:
        application(co_handlers=[other])
    assert exc.value.field == "co_handlers"
    assert Case.objects.count() == 0


def test_intake_is_refused_to_viewers(persona, login_client):
    assert login_client(persona("office_staff")).get("/reconsideration/intake/").status_code == 404


# ---- detail --------------------------------------------------------------------------------------------------------


def test_detail_shows_masked_parties_clocks_and_the_steps_the_user_may_take(application, handler, login_client):
    case = application()
    resp = login_client(handler).get(f"/reconsideration/{case.pk}/")
    html = resp.content.decode()
    assert resp.status_code == 200
    assert "张*" in html and "张三" not in html and VALID_ID not in html
    assert [t.code for t in resp.context["transitions"]] == ["request_correction", "accept", "reject"]
    assert [c.key for c, _ in resp.context["clocks"]] == ["acceptance", "correction_notice"]


def test_detail_of_a_missing_case_is_404(handler, login_client):
    assert login_client(handler).get("/reconsideration/999999/").status_code == 404


# ---- every step page -----------------------------------------------------------------------------------------------


def _received(application, handler, head):
    return application()


def _correction(application, handler, head):
    case = application()
    return s.case_request_correction(case=case, by=handler, on=MON + D(1), defects="缺少身份证明")


def _accepted(application, handler, head, procedure="ordinary"):
    case = application()
    conds = ["clear_facts", "clear_rights", "minor_dispute", "small_amount"] if procedure == "simplified" else []
    return s.case_accept(case=case, by=handler, on=MON + D(2), procedure=procedure, simplified_conditions=conds)


def _copy_sent(application, handler, head):
    return s.case_send_copy(case=_accepted(application, handler, head), by=handler, on=MON + D(3))


def _switch_requested(application, handler, head):
    case = _accepted(application, handler, head, "simplified")
    return s.case_request_switch(case=case, by=handler, reason="案情复杂")


def _extension_requested(application, handler, head):
    case = _accepted(application, handler, head)
    return s.case_request_extension(case=case, by=handler, days=20, reason="案情复杂")


def _suspended(application, handler, head):
    case = _accepted(application, handler, head)
    return s.case_suspend(case=case, by=handler, on=MON + D(4), ground="S3")


def _drafted(application, handler, head):
    return s.case_draft_decision(case=_accepted(application, handler, head), by=handler, on=MON + D(5), **DECISION)


def _decided(application, handler, head):
    return s.case_approve_decision(case=_drafted(application, handler, head), by=head, on=MON + D(10))


def _termination_requested(application, handler, head):
    case = _accepted(application, handler, head)
    return s.case_request_termination(case=case, by=handler, ground="T1", note="申请人撤回")


DATE = _iso(MON + D(5))
STEPS = {
    # code: (given, actor, form data, state after)
    "request_correction": (_received, "handler", {"on": DATE, "defects": "缺少身份证明"}, "correction"),
    "receive_correction": (_correction, "handler", {"on": DATE}, "received"),
    "abandon": (_correction, "handler", {"on": DATE}, "abandoned"),
    "accept": (_received, "handler", {"on": DATE, "procedure": "ordinary"}, "accepted"),
    "reject": (_received, "handler", {"on": DATE, "reasons": "超过申请期限"}, "rejected"),
    "send_copy": (_accepted, "handler", {"on": DATE}, "accepted"),
    "record_reply": (_copy_sent, "handler", {"on": DATE, "summary": "处罚合法"}, "accepted"),
    "schedule_hearing": (
        _accepted,
        "handler",
        {"on": DATE, "hearing_on": _iso(MON + D(30)), "place": "第一听证室"},
        "accepted",
    ),
    "request_switch": (
        lambda *a: _accepted(*a, procedure="simplified"),
        "handler",
        {"reason": "案情复杂"},
        "accepted",
    ),
    "approve_switch": (_switch_requested, "head", {"on": DATE}, "accepted"),
    "request_extension": (_accepted, "handler", {"days": "20", "reason": "案情复杂"}, "accepted"),
    "approve_extension": (_extension_requested, "head", {"on": DATE}, "accepted"),
    "suspend": (_accepted, "handler", {"on": DATE, "ground": "S3"}, "suspended"),
    "resume": (_suspended, "handler", {"on": _iso(MON + D(6))}, "accepted"),
    "request_termination": (_accepted, "handler", {"ground": "T1", "note": "申请人撤回"}, "accepted"),
    "terminate": (_termination_requested, "head", {"on": DATE, "ground": "T1"}, "terminated"),
    "draft_decision": (_accepted, "handler", DECISION, "accepted"),
    "approve_decision": (_drafted, "head", {"on": DATE}, "decided"),
    "refuse": (_extension_requested, "head", {"request": "extension", "reason": "理由不充分"}, "accepted"),
    "publish": (_decided, "head", {"on": _iso(MON + D(10))}, "decided"),  # not before the decision
}


def test_every_step_with_a_form_has_a_page_test():
    from fazhi.dockets.reconsideration.spec import SPEC

    assert {t.code for t in SPEC.transitions if t.form} == set(STEPS)


@pytest.mark.parametrize("code", sorted(STEPS))
def test_step_page_get_and_post(code, application, handler, head, login_client):
    given, actor, data, after = STEPS[code]
    case = given(application, handler, head)
    user = {"handler": handler, "head": head}[actor]
    client = login_client(user)
    url = f"/reconsideration/{case.pk}/do/{code}/"
    # the page shows the form with the case's version
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"]["version"].value() == case.version
    # a valid POST applies the step once and returns to the case
    events = CaseEvent.objects.filter(case=case).count()
    resp = client.post(url, {"version": case.version, **data})
    assert resp.status_code == 302, resp.context and resp.context["form"].errors
    assert resp["Location"] == f"/reconsideration/{case.pk}/"
    case.refresh_from_db()
    assert case.state == after
    assert CaseEvent.objects.filter(case=case, kind=code).count() == 1
    assert CaseEvent.objects.filter(case=case).count() == events + 1
    assert AuditEvent.objects.filter(action=f"reconsideration.{code}").count() == 1


@pytest.mark.parametrize("code", sorted(STEPS))
def test_step_post_by_a_viewer_is_refused_and_changes_nothing(code, application, handler, head, persona, login_client):
    given, _actor, data, _after = STEPS[code]
    case = given(application, handler, head)
    case.refresh_from_db()
    viewer = persona("office_staff", "justice")  # sees every case, may take no step
    before = (case.version, case.state, AuditEvent.objects.count(), CaseEvent.objects.count())
    resp = login_client(viewer).post(f"/reconsideration/{case.pk}/do/{code}/", {"version": case.version, **data})
    assert resp.status_code == 302 and resp["Location"] == f"/reconsideration/{case.pk}/"
    assert _msgs(resp) == [f"您不能“{_label(code)}”。"]
    case.refresh_from_db()
    assert (case.version, case.state, AuditEvent.objects.count(), CaseEvent.objects.count()) == before


def _label(code: str) -> str:
    from fazhi.dockets.reconsideration.spec import SPEC

    return SPEC.transition(code).label


def test_step_post_with_a_stale_version_is_refused(application, handler, login_client):
    case = application()
    resp = login_client(handler).post(
        f"/reconsideration/{case.pk}/do/accept/", {"version": case.version - 1, "on": DATE, "procedure": "ordinary"}
    )
    assert resp.status_code == 200
    assert resp.context["form"].non_field_errors() == ["案件已被他人修改，请刷新页面后重试。"]
    assert Case.objects.get(pk=case.pk).state == "received"


def test_step_in_the_wrong_state_is_refused_with_the_reason(application, handler, login_client):
    case = application()
    resp = login_client(handler).post(f"/reconsideration/{case.pk}/do/send_copy/", {"version": case.version})
    assert _msgs(resp) == ["当前状态下不能“发送申请书副本”。"]
    assert Case.objects.get(pk=case.pk).version == case.version


def test_refuse_offers_only_pending_requests(application, handler, head, login_client):
    case = _extension_requested(application, handler, head)
    page = login_client(head).get(f"/reconsideration/{case.pk}/do/refuse/")
    assert page.context["form"].fields["request"].choices == [("extension", "延长审理期限")]


def test_system_step_has_no_page(application, handler, login_client):
    case = application()
    assert login_client(handler).get(f"/reconsideration/{case.pk}/do/deem_accept/").status_code == 404


# ---- export --------------------------------------------------------------------------------------------------------


def test_export_writes_the_filtered_list_with_masked_names_and_safe_cells(application, handler, login_client):
    # given two received cases (one with a formula-like cause) and one accepted
    application(act='=HYPERLINK("http://x")')
    application(act="行政处罚决定")
    s.case_accept(case=application(act="另一案"), by=handler, on=MON + D(1))
    # when the handler exports the received ones
    resp = login_client(handler).get("/reconsideration/export/", {"state": "received"})
    # then the sheet has the two rows, names masked, no ID number or phone, the formula neutralised
    assert resp.status_code == 200
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(resp.content)).active.iter_rows(values_only=True))
    assert rows[0] == tuple(exports.HEADERS)
    assert [(r[0], r[1], r[2], r[6]) for r in rows[1:]] == [
        ("示政复〔2025〕2号", "行政处罚决定", "张*", "待受理审查"),
        ("示政复〔2025〕1号", '\'=HYPERLINK("http://x")', "张*", "待受理审查"),
    ]
    flat = "".join(str(v) for r in rows for v in r)
    assert VALID_ID not in flat and "13812345678" not in flat and "张三" not in flat
    event = AuditEvent.objects.get(action="reconsideration.case.export")
    assert event.summary == {"state": "received", "q": "", "rows": 2, "async": False}


def test_export_needs_its_own_permission(application, persona, login_client):
    application()
    leader = persona("leader")  # may view every case, may not export
    assert login_client(leader).get("/reconsideration/export/").status_code == 404
    assert AuditEvent.objects.filter(action="reconsideration.case.export").count() == 0


def test_export_stays_within_the_data_scope(application, persona, login_client):
    application()
    other = persona("reconsideration_handler", "market")
    resp = login_client(other).get("/reconsideration/export/")
    rows = list(load_workbook(io.BytesIO(resp.content)).active.iter_rows(values_only=True))
    assert rows == [tuple(exports.HEADERS)]


def test_large_export_runs_as_a_job_downloadable_by_its_owner_only(
    application, handler, persona, login_client, monkeypatch
):
    # given more cases than the synchronous limit
    monkeypatch.setattr(exports, "SYNC_LIMIT", 2)
    for _ in range(3):
        application()
    client = login_client(handler)
    # when the handler exports
    resp = client.get("/reconsideration/export/")
    job = Job.objects.get(kind="reconsideration.export")
    # then they are sent to the job's progress page, and the worker writes the file
    assert resp["Location"] == f"/jobs/{job.pk}/"
    assert (job.created_by, job.params) == (handler, {"user_id": handler.pk, "state": "", "q": ""})
    assert jobs_run_pending() == 1
    job.refresh_from_db()
    assert (job.status, job.percent, job.result["rows"]) == ("done", 100, 3)
    url = f"/reconsideration/export/{download_key('reconsideration.export', job.pk)}/download/"
    assert job.result["download_url"] == url
    assert url in client.get(f"/jobs/{job.pk}/").content.decode()
    download = client.get(url)
    assert download.status_code == 200
    rows = list(load_workbook(io.BytesIO(b"".join(download.streaming_content))).active.iter_rows(values_only=True))
    assert len(rows) == 4
    # and nobody else may download it, not even a job administrator
    for other in (persona("reconsideration_handler", "market"), persona("sys_admin")):
        assert login_client(other).get(url).status_code == 404
    assert AuditEvent.objects.filter(action="reconsideration.case.export_download").count() == 1
    assert AuditEvent.objects.get(action="reconsideration.case.export").summary["async"] is True
