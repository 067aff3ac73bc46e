"""行政应诉 services: the defence clock, hearings and 负责人出庭, outcomes, 败诉 rectification, appeals; each
transition's guard and permission, and its audit line."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from fazhi.audit.models import AuditEvent
from fazhi.cases import clocks
from fazhi.cases.models import Case
from fazhi.cases.services import today_local
from fazhi.core.errors import DomainError
from fazhi.dockets.litigation import services as s

from .conftest import SERVED

pytestmark = pytest.mark.django_db


def test_registering_a_lawsuit_starts_the_15_day_defence_clock_from_service_of_the_complaint(lawsuit):
    # given a complaint copy served on Monday 3 March 2025
    case = lawsuit()
    # then the case awaits the defence and the clock ends on 18 March (Art. 67; trigger day not counted)
    clock = clocks.case_clock(case, "defense")
    assert (case.state, case.docket, clock.rule_id, clock.due_date) == (
        "registered",
        "litigation",
        "litigation.defense",
        dt.date(2025, 3, 18),
    )
    assert case.extra["defence_due"] == "2025-03-18"
    assert case.case_number == "示应诉〔2025〕1号"
    assert case.parties.get(role="respondent").unit.code == "C002"


def test_a_future_service_date_is_refused_and_saves_nothing(lawsuit):
    with pytest.raises(DomainError) as exc:
        lawsuit(served_on=today_local() + dt.timedelta(days=1))
    assert (exc.value.field, exc.value.message) == ("served_on", "收到起诉状副本日期不能晚于今天。")
    assert Case.objects.count() == 0


def test_the_same_court_case_number_cannot_be_registered_twice(lawsuit):
    lawsuit(court_case_number="（2025）示0101行初9号")
    with pytest.raises(DomainError) as exc:
        lawsuit(court_case_number="（2025）示0101行初9号")
    assert exc.value.field == "court_case_number"


def test_a_double_submitted_registration_creates_one_case(lawsuit):
    token = uuid.uuid4()
    first = lawsuit(submit_token=token, court_case_number="（2025）示0101行初901号")
    again = lawsuit(submit_token=token, court_case_number="（2025）示0101行初901号")
    assert first.pk == again.pk and Case.objects.count() == 1


def test_a_lawsuit_after_reconsideration_links_the_reconsideration_case(lawsuit, city, handler):
    from fazhi.cases.services import case_create

    recon = case_create(docket="reconsideration", handling_unit=city["justice"], received_on=SERVED, by=handler)
    case = lawsuit(reconsideration_number=recon.case_number)
    assert case.extra["after_reconsideration"] is True
    assert (case.extra["reconsideration_case_id"], case.extra["reconsideration_case_number"]) == (
        recon.pk,
        recon.case_number,
    )
    with pytest.raises(DomainError) as exc:
        lawsuit(reconsideration_number="示政复〔2025〕999号")
    assert exc.value.field == "reconsideration_number"


def test_a_defence_within_15_days_is_on_time_and_completes_the_clock(lawsuit, handler):
    case = s.case_submit_defence(case=lawsuit(), by=handler, on=dt.date(2025, 3, 18))
    assert (case.state, case.extra["defence_on_time"]) == ("defended", True)
    assert clocks.case_clock(case, "defense").completed_on == dt.date(2025, 3, 18)


def test_a_defence_after_the_due_day_is_recorded_as_late(lawsuit, handler):
    case = s.case_submit_defence(case=lawsuit(), by=handler, on=dt.date(2025, 3, 19))
    assert case.extra["defence_on_time"] is False
    assert case.events.get(kind="submit_defence").label == "提交答辩状及证据、依据（逾期）"


def test_a_defence_cannot_be_submitted_twice(lawsuit, handler):
    case = s.case_submit_defence(case=lawsuit(), by=handler, on=dt.date(2025, 3, 10))
    with pytest.raises(DomainError, match="当前状态下不能"):
        s.case_submit_defence(case=case, by=handler, on=dt.date(2025, 3, 11))


def test_several_hearings_are_kept_in_date_order(heard, handler):
    case = heard()
    s.case_schedule_hearing(case=case, by=handler, hearing_on=dt.date(2025, 3, 28))
    assert [h["on"] for h in case.extra["hearings"]] == ["2025-03-28", "2025-04-10"]
    with pytest.raises(DomainError) as exc:
        s.case_schedule_hearing(case=case, by=handler, hearing_on=dt.date(2025, 3, 28))
    assert exc.value.field == "hearing_on"


def test_a_deputy_head_in_court_counts_as_the_head_appearing(heard, handler):
    case = s.case_record_appearance(
        case=heard(), by=handler, hearing="2025-04-10", head_attended=True, head_name="李副局长", head_position="deputy"
    )
    a = case.extra["hearings"][0]["appearance"]
    assert (a["head_attended"], a["qualifying"]) == (True, True)
    assert case.events.get(kind="record_appearance").label == "2025-04-10开庭：副职负责人李副局长出庭应诉"


def test_the_head_of_an_entrusted_organisation_does_not_qualify(heard, handler):
    # 解释 Art. 128: heads of entrusted organisations or lower agencies are not the defendant's heads
    case = s.case_record_appearance(
        case=heard(),
        by=handler,
        hearing="2025-04-10",
        head_attended=True,
        head_name="王主任",
        head_position="entrusted_head",
    )
    assert case.extra["hearings"][0]["appearance"]["qualifying"] is False


def test_an_absent_head_needs_a_justified_reason_and_staff_in_court(heard, handler):
    case = heard()
    with pytest.raises(DomainError) as exc:
        s.case_record_appearance(
            case=case, by=handler, hearing="2025-04-10", head_attended=False, appeared="法制科科长赵某"
        )
    assert exc.value.field == "absence_reason"
    with pytest.raises(DomainError) as exc:
        s.case_record_appearance(
            case=case, by=handler, hearing="2025-04-10", head_attended=False, absence_reason="出席全省会议"
        )
    assert exc.value.field == "appeared"
    case.refresh_from_db()
    assert "appearance" not in case.extra["hearings"][0]
    s.case_record_appearance(
        case=case,
        by=handler,
        hearing="2025-04-10",
        head_attended=False,
        absence_reason="出席全省会议",
        appeared="法制科科长赵某",
    )
    case.refresh_from_db()
    assert case.extra["hearings"][0]["appearance"]["qualifying"] is False


def test_appearance_cannot_be_recorded_for_a_hearing_not_yet_held(lawsuit, handler):
    case = s.case_schedule_hearing(case=lawsuit(), by=handler, hearing_on=today_local() + dt.timedelta(days=3))
    with pytest.raises(DomainError) as exc:
        s.case_record_appearance(
            case=case,
            by=handler,
            hearing=case.extra["hearings"][0]["on"],
            head_attended=True,
            head_name="甲",
            head_position="principal",
        )
    assert exc.value.message == "开庭尚未进行，不能登记出庭情况。"


def test_a_judgment_needs_its_content_and_closes_the_case(heard, head):
    case = heard()
    with pytest.raises(DomainError) as exc:
        s.case_close(case=case, by=head, on=dt.date(2025, 5, 20), outcome="revoke")
    assert exc.value.field == "summary"
    with pytest.raises(DomainError) as exc:
        s.case_close(case=case, by=head, on=dt.date(2025, 5, 20), outcome="")
    assert exc.value.field == "outcome"
    case = s.case_close(case=case, by=head, on=dt.date(2025, 5, 20), outcome="revoke", summary="事实不清，判决撤销")
    assert (case.state, case.outcome, case.closed_on) == ("closed", "revoke", dt.date(2025, 5, 20))
    assert case.extra["judgment"]["article"] == "第七十条"


def test_a_withdrawal_closes_without_judgment_content(lawsuit, head):
    case = s.case_close(case=lawsuit(), by=head, on=dt.date(2025, 3, 20), outcome="withdrawal")
    assert (case.state, case.outcome) == ("closed", "withdrawal")
    assert clocks.case_clock(case, "defense").completed_on == dt.date(2025, 3, 20)


def test_a_lost_case_gets_an_analysis_and_a_supervisable_rectification_item(heard, head, city, persona):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from fazhi.supervision.models import Item
    from fazhi.supervision.services import item_accept, item_report

    case = s.case_close(case=heard(), by=head, on=dt.date(2025, 5, 20), outcome="confirm_illegal", summary="程序违法")
    due = today_local() + dt.timedelta(days=30)
    case = s.case_analyse_loss(case=case, by=head, analysis="未履行告知程序", measures="完善告知书并培训", due_date=due)
    item = Item.objects.get(pk=case.extra["loss_analysis"]["item_id"])
    assert (item.kind, item.source_label, item.unit.code, item.due_date) == (
        "litigation.rectification",
        "败诉整改",
        "C002",
        due,
    )
    assert item.source == case and item.source_url == case.get_absolute_url()
    assert "未履行告知程序" in item.text and case.case_number in item.title
    with pytest.raises(DomainError, match="已登记败诉分析"):
        s.case_analyse_loss(case=case, by=head, analysis="x", measures="y")
    # the unit reports with evidence; the office 销号; the case's timeline records it
    market = persona("dept_liaison", "market")
    pdf = SimpleUploadedFile("整改报告.pdf", b"%PDF-1.4 x", content_type="application/pdf")
    item_report(item=item, by=market, text="告知书已修订，培训已开展", files=[pdf], complete=True)
    item_accept(item=item, by=persona("office_staff", "gov"), note="整改到位")
    assert case.events.filter(kind="rectification_closed").count() == 1


def test_a_won_case_has_no_loss_analysis(heard, head):
    case = s.case_close(case=heard(), by=head, on=dt.date(2025, 5, 20), outcome="dismiss_claim", summary="合法")
    with pytest.raises(DomainError, match="不属于败诉案件"):
        s.case_analyse_loss(case=case, by=head, analysis="x", measures="y")


def test_the_lost_codes_are_configurable(heard, head, settings):
    settings.FAZHI_LITIGATION_RATES = {"lost": ["dismiss_claim"]}
    case = s.case_close(case=heard(), by=head, on=dt.date(2025, 5, 20), outcome="dismiss_claim", summary="合法")
    from fazhi.dockets.litigation.guards import may_analyse_loss

    assert may_analyse_loss(case) is None


def test_an_appeal_opens_a_second_instance_case_linked_both_ways(heard, head, handler):
    first = s.case_close(case=heard(), by=head, on=dt.date(2025, 5, 20), outcome="dismiss_claim", summary="合法")
    second = s.case_appeal(
        case=first,
        by=handler,
        court="示范市中级人民法院",
        court_case_number="（2025）示01行终3号",
        served_on=dt.date(2025, 6, 3),
        appellant="plaintiff",
    )
    first.refresh_from_db()
    assert (second.extra["instance"], second.extra["appeal_of_id"], second.state) == ("second", first.pk, "registered")
    assert (first.extra["appeal_case_id"], first.state) == (second.pk, "closed")
    assert second.parties.get(role="applicant").name == "张三"
    assert clocks.case_clock(second, "defense").due_date == dt.date(2025, 6, 18)
    with pytest.raises(DomainError, match="已登记上诉"):
        s.case_appeal(
            case=first, by=handler, court="x", court_case_number="（2025）示01行终902号", served_on=dt.date(2025, 6, 4)
        )


def test_a_retrial_cannot_be_appealed_and_a_withdrawn_case_neither(lawsuit, head, handler):
    from fazhi.dockets.litigation.guards import may_appeal

    retrial = s.case_close(
        case=lawsuit(instance="retrial"), by=head, on=dt.date(2025, 4, 1), outcome="dismiss_claim", summary="维持"
    )
    withdrawn = s.case_close(case=lawsuit(), by=head, on=dt.date(2025, 4, 1), outcome="withdrawal")
    assert may_appeal(retrial) == "再审案件不能再登记上诉。"
    assert may_appeal(withdrawn) == "撤诉、调解或不予立案的案件不能登记上诉。"


def test_a_user_without_the_action_is_refused_and_nothing_changes(lawsuit, persona):
    case = lawsuit()
    staff = persona("office_staff", "justice")
    with pytest.raises(DomainError) as exc:
        s.case_submit_defence(case=case, by=staff, on=dt.date(2025, 3, 10))
    assert exc.value.code == "forbidden"
    case.refresh_from_db()
    assert (case.state, case.version) == ("registered", 1)


def test_a_handler_of_another_unit_cannot_take_a_step(lawsuit, persona):
    case = lawsuit()
    other = persona("reconsideration_handler", "finance")
    with pytest.raises(DomainError):
        s.case_submit_defence(case=case, by=other, on=dt.date(2025, 3, 10))


def test_every_transition_is_audited(heard, head, handler):
    case = heard()
    s.case_record_appearance(
        case=case, by=handler, hearing="2025-04-10", head_attended=True, head_name="甲", head_position="principal"
    )
    s.case_close(case=case, by=head, on=dt.date(2025, 5, 20), outcome="revoke", summary="撤销")
    s.case_analyse_loss(case=case, by=head, analysis="a", measures="b")
    actions = list(
        AuditEvent.objects.filter(object_id=str(case.pk), action__startswith="litigation.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "litigation.submit_defence",
        "litigation.schedule_hearing",
        "litigation.record_appearance",
        "litigation.close",
        "litigation.analyse_loss",
    ]


def test_a_stale_version_is_told_the_case_changed(lawsuit, handler):
    from fazhi.core.errors import ConflictError

    case = lawsuit()
    s.case_schedule_hearing(case=case, by=handler, hearing_on=dt.date(2025, 4, 1), expected_version=1)
    with pytest.raises(ConflictError):
        s.case_schedule_hearing(case=case, by=handler, hearing_on=dt.date(2025, 4, 2), expected_version=1)
