"""执法投诉 (⚠ 825号 unread: the period is a setting) and 监督检查: received from the portal, from a 12345 work order
about enforcement (once per order) or by the office; 受理 → 调查 → 处理结果 on the clock; a 监督意见书 from a complaint;
a check's findings on the body's board until 销号."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.errors import ConflictError, DomainError
from fazhi.enforcement.models import CheckFinding, Complaint, SupervisionCheck
from fazhi.enforcement.selectors import complaint_by_code, complaint_state, hotline_orders_for_complaint
from fazhi.enforcement.services import (
    check_finding_record,
    check_record,
    complaint_clock,
    complaint_from_hotline,
    complaint_receive,
    complaint_step,
    supervision_document_issue,
)
from fazhi.supervision.models import Item

from .factories import body_with_staff

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def body(city):
    return body_with_staff(city["market"])["body"]


def receive(body_, **kw):
    values = {
        "by": None,
        "body": body_,
        "channel": "portal",
        "name": "刘某某",
        "phone": "139 0000 1111",
        "subject": "执法人员未出示证件",
        "content": "检查时未出示行政执法证件。",
        "received_on": D(2026, 6, 1),
    }
    values.update(kw)
    return complaint_receive(**values)


def order(city, *, type="complaint", category="market", source_id="A-1"):
    from fazhi.cases.services import PartyInput
    from fazhi.dockets.hotline.services import hotline_register, order_dispatch

    o = hotline_register(
        by=None,
        centre=city["justice"],
        source="12345",
        source_id=source_id,
        received_on=D(2026, 6, 1),
        type=type,
        category=category,
        content="市场监管执法人员一个月内三次检查同一事项。",
        caller=PartyInput(role="applicant", name="陈某", phone="13900002222"),
    )
    return order_dispatch(case=o, by=None, on=D(2026, 6, 1), to_unit=city["market"])


def test_a_portal_complaint_gets_a_number_a_query_code_and_a_60_day_clock(body, city):
    c = receive(body)
    assert c.number == "执法投诉〔2026〕1号" and c.state == "received" and c.unit == city["market"]
    assert len(c.query_code) == 16  # secrets.token_urlsafe(12): 96 bits
    # 60 natural days (the setting's default) from Monday 2026-06-01: Friday 2026-07-31
    clock = complaint_clock(c)
    assert clock.rule_id == "enforcement.complaint" and clock.due_date == D(2026, 7, 31) == c.due_on
    assert receive(body).number == "执法投诉〔2026〕2号"
    # the phone is encrypted and blind-indexed (spaces dropped): the lookup needs code and phone together
    assert complaint_by_code(c.query_code, "13900001111") == c
    assert complaint_by_code(c.query_code, "13900009999") is None
    assert complaint_by_code("nope", "13900001111") is None
    assert Complaint.objects.filter(complainant_phone__contains="1390000").count() == 0  # stored ciphertext


def test_the_period_is_a_configurable_rule_citing_825():
    from fazhi.deadlines.rules import RULES

    rule = RULES["enforcement.complaint"]
    assert rule.configurable and rule.length == 60 and "825号" in rule.basis and "未核实" in rule.basis


def test_bad_input_names_the_field_and_saves_nothing(body, city):
    for kw, field in (
        ({"body": None}, "body"),
        ({"name": " "}, "name"),
        ({"phone": "12ab"}, "phone"),
        ({"phone": ""}, "phone"),  # required on the portal
        ({"subject": ""}, "subject"),
        ({"content": ""}, "content"),
        ({"channel": "fax"}, "channel"),
        ({"received_on": D(2099, 1, 1)}, "received_on"),
    ):
        with pytest.raises(DomainError) as e:
            receive(body, **kw)
        assert e.value.field == field, kw
    assert Complaint.objects.count() == 0
    assert receive(body, channel="entry", phone="").complainant_phone == ""  # a letter may give no phone


def test_a_retried_submit_is_one_complaint(body):
    import uuid

    token = uuid.uuid4()
    assert receive(body, submit_token=token).pk == receive(body, submit_token=token).pk
    assert Complaint.objects.count() == 1


def test_accept_investigate_conclude_on_the_declared_table(body):
    c = receive(body)
    with pytest.raises(DomainError) as e:
        complaint_step(
            by="t", complaint=c, step="conclude", on=D(2026, 6, 2), outcome="partly", text="x", expected_version=1
        )
    assert e.value.field == "step" and e.value.message == "投诉当前为“待受理”，不能处理结果。"
    with pytest.raises(DomainError) as e:
        complaint_step(by="t", complaint=c, step="accept", on=D(2026, 5, 31), expected_version=1)
    assert e.value.field == "on" and e.value.message == "日期2026-05-31不能早于收到日期2026-06-01。"
    c = complaint_step(by="t", complaint=c, step="accept", on=D(2026, 6, 3), expected_version=1)
    assert (c.state, c.accepted_on, c.version) == ("investigating", D(2026, 6, 3), 2)
    with pytest.raises(ConflictError):
        complaint_step(by="t", complaint=c, step="investigate", on=D(2026, 6, 4), text="x", expected_version=1)
    with pytest.raises(DomainError) as e:  # no 处理结果 before the investigation is recorded
        complaint_step(
            by="t", complaint=c, step="conclude", on=D(2026, 6, 4), outcome="partly", text="x", expected_version=2
        )
    assert e.value.field == "text"
    c = complaint_step(
        by="t", complaint=c, step="investigate", on=D(2026, 6, 10), text="调取了执法记录仪。", expected_version=2
    )
    with pytest.raises(DomainError) as e:
        complaint_step(
            by="t", complaint=c, step="conclude", on=D(2026, 6, 20), outcome="maybe", text="x", expected_version=3
        )
    assert e.value.field == "outcome"
    c = complaint_step(
        by="t", complaint=c, step="conclude", on=D(2026, 7, 31), outcome="partly", text="部分属实。", expected_version=3
    )
    assert (c.state, c.outcome, c.closed_on, c.late) == ("closed", "partly", D(2026, 7, 31), False)
    assert complaint_clock(c).completed_on == D(2026, 7, 31)
    assert complaint_state(c, D(2026, 9, 1)) == "已办结"


def test_a_closure_after_the_due_day_is_late_and_a_rejection_needs_a_reason(body):
    c = receive(body)
    c = complaint_step(by="t", complaint=c, step="accept", on=D(2026, 6, 1), expected_version=1)
    assert complaint_state(c, D(2026, 8, 1)) == "逾期未办结"
    c = complaint_step(by="t", complaint=c, step="investigate", on=D(2026, 6, 1), text="x", expected_version=2)
    c = complaint_step(
        by="t",
        complaint=c,
        step="conclude",
        on=D(2026, 8, 3),
        outcome="unsubstantiated",
        text="不属实。",
        expected_version=3,
    )
    assert c.late is True and complaint_state(c) == "已办结（逾期）"
    r = receive(body)
    with pytest.raises(DomainError) as e:
        complaint_step(by="t", complaint=r, step="reject", on=D(2026, 6, 2), text=" ", expected_version=1)
    assert e.value.field == "text" and e.value.message == "请填写不予受理的理由。"
    r = complaint_step(
        by="t", complaint=r, step="reject", on=D(2026, 6, 2), text="不属于行政执法行为。", expected_version=1
    )
    assert (r.state, r.closed_on, r.late, complaint_clock(r).completed_on) == (
        "rejected",
        D(2026, 6, 2),
        False,
        D(2026, 6, 2),
    )


def test_a_12345_order_about_enforcement_becomes_one_complaint(body, city, persona):
    o = order(city)
    office = persona("office_staff")
    assert list(hotline_orders_for_complaint(office)) == [o]
    c = complaint_from_hotline(by=office, order=o)
    assert (c.channel, c.body, c.hotline_case_id, c.complainant_name) == ("hotline", body, o.pk, "陈某")
    assert c.subject == f"12345工单A-1：{o.title}" and c.content == "市场监管执法人员一个月内三次检查同一事项。"
    assert complaint_from_hotline(by=office, order=o).pk == c.pk  # idempotent
    assert Complaint.objects.count() == 1
    assert list(hotline_orders_for_complaint(office)) == []


def test_an_order_not_about_enforcement_is_refused(body, city, persona):
    office = persona("office_staff")
    consult = order(city, type="consult", source_id="A-2")
    with pytest.raises(DomainError) as e:
        complaint_from_hotline(by=office, order=consult)
    assert e.value.field == "order" and e.value.message == "只有诉求类型为投诉或举报的12345工单可以转为执法投诉。"
    heating = order(city, category="heating", source_id="A-3")
    with pytest.raises(DomainError) as e:
        complaint_from_hotline(by=office, order=heating)
    assert e.value.field == "order" and "heating" in e.value.message
    assert Complaint.objects.count() == 0


def test_an_opinion_from_a_complaint_is_about_its_body(body, city):
    from fazhi.enforcement.services import body_save

    c = receive(body)
    other = body_save(by="t", unit=city["finance"], legal_basis="x", scope="y")
    args = {
        "by": "t",
        "issuer": city["justice"],
        "kind": "opinion",
        "subject": "投诉",
        "findings": "问题",
        "requirements": "意见",
        "issued_on": D(2026, 6, 20),
    }
    with pytest.raises(DomainError) as e:
        supervision_document_issue(body=other, source={"complaint": c}, **args)
    assert e.value.field == "body"
    doc = supervision_document_issue(body=body, source={"complaint": c}, **args)
    assert doc.complaint == c and list(c.documents.all()) == [doc]


def test_a_check_and_its_findings_on_the_bodys_board(body, city):
    k = check_record(
        by="t",
        organizer=city["justice"],
        body=body,
        checked_on=D(2026, 6, 1),
        items=["行政执法公示", " ", "法制审核"],
        inspectors="王某、李某",
    )
    assert k.items == ["行政执法公示", "法制审核"] and k.unit == city["market"]
    with pytest.raises(DomainError) as e:
        check_finding_record(by="t", check=k, text="x", item="档案管理")
    assert e.value.field == "item" and e.value.message == "“档案管理”不是本次检查的检查项目。"
    f = check_finding_record(by="t", check=k, text="3件决定未按时公示。", item="行政执法公示")
    item = Item.objects.get(pk=f.supervision_item_id)
    assert (item.kind, item.unit_id, item.dedupe_key) == (
        "enforcement.check_finding",
        city["market"].pk,
        f"enforcement.check_finding.{f.pk}",
    )
    assert (f.due_on - f.raised_on).days == 30 and item.due_date == f.due_on
    assert CheckFinding.objects.filter(inspection=k).count() == 1


def test_check_refusals(body, city):
    base = {"by": "t", "organizer": city["justice"], "body": body, "checked_on": D(2026, 6, 1), "inspectors": "王某"}
    for kw, field in (
        ({"items": [" "]}, "items"),
        ({"inspectors": ""}, "inspectors"),
        ({"checked_on": D(2099, 1, 1)}, "checked_on"),
    ):
        with pytest.raises(DomainError) as e:
            check_record(**{**base, "items": ["公示"], **kw})
        assert e.value.field == field
    assert SupervisionCheck.objects.count() == 0
