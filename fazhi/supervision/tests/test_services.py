"""The shared mechanism, once: raising (once per cause), reports with evidence, 销号 / 退回, extension, 催办. Every
source (plans shares, overdue clocks, rectification) uses these services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.audit.models import AuditEvent
from fazhi.core.errors import DomainError
from fazhi.notifications.models import Notification
from fazhi.supervision import services as s
from fazhi.supervision.models import Extension, Item

from .conftest import CLOSED


def _pdf(name="整改报告.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 test", content_type="application/pdf")


def test_an_item_is_raised_once_per_cause(raise_item, today):
    first = raise_item(key="k")
    again = raise_item(key="k", reason="另一段文字")
    assert again.pk == first.pk and Item.objects.count() == 1
    assert (first.title, first.due_date, first.state, first.light) == (
        "整改事项k",
        today + dt.timedelta(days=30),
        "open",
        "running",
    )
    assert first.clock is not None and first.clock.rule_id == "supervision.item"
    assert AuditEvent.objects.filter(action="supervision.item.raised").count() == 1


def test_a_due_date_before_the_day_it_is_raised_is_refused_naming_the_field(raise_item, today):
    with pytest.raises(DomainError) as exc:
        raise_item(key="late", due=today - dt.timedelta(days=1))
    assert exc.value.field == "due"
    assert exc.value.message == (
        f"完成时限（{today - dt.timedelta(days=1):%Y-%m-%d}）不能早于督办事项生成之日（{today:%Y-%m-%d}）。"
    )
    assert Item.objects.count() == 0


def test_a_report_with_evidence_then_accept_closes_and_tells_the_source(raise_item, persona):
    item = raise_item()
    market, office = persona("dept_liaison", "market"), persona("office_staff", "gov")
    report = s.item_report(item=item, by=market, text="已整改", files=[_pdf()], complete=True)
    item.refresh_from_db()
    assert (item.state, report.kind, report.percent, report.evidence.count()) == ("submitted", "completion", 100, 1)
    s.item_accept(item=item, by=office, note="材料齐全")
    item.refresh_from_db()
    assert (item.state, item.end_kind, item.light, item.ended_by) == ("closed", "person", "done", office)
    assert item.clock.completed_on is not None
    assert CLOSED == [(item.pk, office.username)]


def test_accept_without_the_required_evidence_is_refused_and_changes_nothing(raise_item, persona):
    item = raise_item()
    s.item_report(item=item, by=persona("dept_liaison", "market"), text="已整改", complete=True)
    with pytest.raises(DomainError) as exc:
        s.item_accept(item=item, by=persona("office_staff", "gov"))
    assert exc.value.field == "evidence" and "佐证材料" in exc.value.message
    item.refresh_from_db()
    assert (item.state, item.ended_at) == ("submitted", None)


def test_an_item_that_ends_by_its_source_cannot_be_accepted_by_a_person(raise_item, persona, city):
    from fazhi.supervision.services import item_raise

    item = item_raise(
        source=city["market"], kind="deadlines.clock", unit=city["market"], reason="期限超期", dedupe_key="c.1"
    )
    with pytest.raises(DomainError) as exc:
        s.item_accept(item=item, by=persona("office_staff", "gov"))
    assert exc.value.code == "supervision.closed_by_source"


def test_return_needs_a_reason_and_sends_the_item_back_to_work(raise_item, persona):
    item = raise_item()
    s.item_report(item=item, by=persona("dept_liaison", "market"), text="完成", complete=True)
    office = persona("office_staff", "gov")
    with pytest.raises(DomainError) as exc:
        s.item_return(item=item, by=office, reason="  ")
    assert exc.value.field == "reason"
    s.item_return(item=item, by=office, reason="材料不全")
    item.refresh_from_db()
    assert (item.state, list(item.reviews.values_list("decision", "reason"))) == ("open", [("returned", "材料不全")])


def test_the_end_of_an_item_settles_its_pending_extension_request(raise_item, persona, today):
    item = raise_item(due=dt.date(today.year, 12, 10))
    market = persona("dept_liaison", "market")
    ext = s.extension_request(item=item, by=market, reason="需协调", new_date=dt.date(today.year, 12, 20))
    s.item_report(item=item, by=market, text="完成", files=[_pdf()], complete=True)
    s.item_accept(item=item, by=persona("office_staff", "gov"))
    ext.refresh_from_db()
    assert ext.state == "refused" and ext.decision_note.startswith("事项已办结，延期申请不再审批")
    assert AuditEvent.objects.filter(action="supervision.extension.settled", object_id=str(item.pk)).count() == 1


def test_an_extension_beyond_the_longest_one_is_refused_naming_the_field(raise_item, persona, today):
    item = raise_item(due=dt.date(today.year, 12, 20))
    market = persona("dept_liaison", "market")
    with pytest.raises(DomainError) as exc:
        s.extension_request(item=item, by=market, reason="r", new_date=dt.date(2099, 12, 31))
    assert exc.value.field == "new_date"
    assert exc.value.message == f"申请延至的日期不能晚于{today.year}-12-31（最长延期期限）。"
    assert Extension.objects.count() == 0


def test_the_longest_extension_is_a_setting(raise_item, persona, today, settings):
    settings.FAZHI_SUPERVISION = {"MAX_EXTENSION_MONTHS": 1}
    item = raise_item(due=today + dt.timedelta(days=3))
    with pytest.raises(DomainError) as exc:
        s.extension_request(
            item=item, by=persona("dept_liaison", "market"), reason="r", new_date=today + dt.timedelta(days=40)
        )
    assert exc.value.field == "new_date"


def test_a_co_unit_may_ask_where_its_source_allows_and_an_approval_moves_the_due_date(raise_item, persona, today):
    item = raise_item(co=("finance",), due=dt.date(today.year, 12, 10))
    finance = persona("dept_liaison", "finance")
    ext = s.extension_request(item=item, by=finance, reason="配合单位需要时间", new_date=dt.date(today.year, 12, 30))
    assert ext.unit.code == "C003"
    s.extension_decide(extension=ext, by=persona("office_head", "gov"), approve=True, note="同意")
    item.refresh_from_db()
    assert (item.due_date, item.clock.due_date) == (dt.date(today.year, 12, 30), dt.date(today.year, 12, 30))


def test_another_unit_may_not_ask(raise_item, persona, today):
    item = raise_item()
    with pytest.raises(DomainError) as exc:
        s.extension_request(
            item=item, by=persona("dept_liaison", "justice"), reason="r", new_date=today + dt.timedelta(days=40)
        )
    assert exc.value.code == "supervision.forbidden"


def test_refusing_an_extension_needs_a_reason(raise_item, persona, today):
    item = raise_item(due=dt.date(today.year, 12, 10))
    ext = s.extension_request(
        item=item, by=persona("dept_liaison", "market"), reason="r", new_date=dt.date(today.year, 12, 20)
    )
    with pytest.raises(DomainError) as exc:
        s.extension_decide(extension=ext, by=persona("office_head", "gov"), approve=False, note="")
    assert exc.value.field == "note"
    ext.refresh_from_db()
    assert ext.state == "pending"


def test_an_empty_urge_is_sent_and_recorded_with_the_default_text(raise_item, persona):
    item = raise_item()
    market = persona("dept_liaison", "market")
    sent = s.item_urge(item=item, by=persona("office_staff", "gov"), message="  ")
    assert sent == 1
    ev = AuditEvent.objects.get(action="supervision.item.urged", object_id=str(item.pk))
    assert ev.summary["message"] == "请抓紧办理，按时报送办理情况。"
    n = Notification.objects.get(recipient=market)
    assert (n.title, n.body, n.level) == ("催办：整改事项a", "请抓紧办理，按时报送办理情况。", "yellow")
    # the same day again: on the timeline again, but no second notice
    s.item_urge(item=item, by=persona("office_staff", "gov"), message="请今天报送")
    assert Notification.objects.filter(recipient=market).count() == 1
    assert [
        e.summary["message"] for e in AuditEvent.objects.filter(action="supervision.item.urged").order_by("id")
    ] == [
        "请抓紧办理，按时报送办理情况。",
        "请今天报送",
    ]


def test_a_unit_cannot_urge_and_bulk_urge_is_all_or_nothing(raise_item, persona):
    a, b = raise_item(key="a"), raise_item(key="b", unit="finance")
    with pytest.raises(DomainError):
        s.item_urge(item=a, by=persona("dept_liaison", "market"))
    assert s.items_urge(items=[a, b], by=persona("office_staff", "gov"), message="月底前报送") == 2
    assert AuditEvent.objects.filter(action="supervision.item.urged").count() == 2


def test_bulk_report_reports_on_every_selected_item(raise_item, persona):
    a, b = raise_item(key="a"), raise_item(key="b")
    assert s.items_report(items=[a, b], by=persona("dept_liaison", "market"), text="均已推进", percent=50) == 2
    assert sorted(a.reports.values_list("text", "percent")) == [("均已推进", 50)]
    with pytest.raises(DomainError) as exc:
        s.items_report(items=[], by=persona("dept_liaison", "market"), text="x")
    assert exc.value.field == "items"


def test_a_retried_report_creates_one_record(raise_item, persona):
    import uuid

    item, token = raise_item(), uuid.uuid4()
    market = persona("dept_liaison", "market")
    first = s.item_report(item=item, by=market, text="进展", submit_token=token)
    assert s.item_report(item=item, by=market, text="进展", submit_token=token).pk == first.pk
    assert item.reports.count() == 1
