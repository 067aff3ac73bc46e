"""人民调解 services: the main path with its clocks, the documents, and every refusal (a Chinese message naming the
field, nothing changed)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from docx import Document

from fazhi.audit.models import AuditEvent
from fazhi.cases.clocks import case_clock
from fazhi.cases.models import Case, CaseDocument, CaseEvent
from fazhi.core.errors import DomainError
from fazhi.dockets.mediation import services as s

from .conftest import AGREEMENT, MON, mediator_ids, party_ids

pytestmark = pytest.mark.django_db
D = dt.date


def _snapshot(case: Case) -> tuple[Any, ...]:
    case.refresh_from_db()
    return (case.version, case.state, CaseEvent.objects.filter(case=case).count(), AuditEvent.objects.count())


AGREED_ON = D(2025, 3, 10)


def _agreed(register: Any, user: Any, *, form: str = "written", on: D = AGREED_ON) -> Case:
    case = register()
    case = s.case_accept(case=case, by=user, on=D(2025, 3, 4), mediators=mediator_ids(case)[:1])
    case = s.case_record_session(
        case=case,
        by=user,
        on=D(2025, 3, 6),
        place="社区调解室",
        mediators=mediator_ids(case),
        participants="张三、李四",
    )
    return s.case_agree(case=case, by=user, on=on, **{**AGREEMENT, "form": form}, parties_signed=party_ids(case))


def test_accepting_starts_the_one_month_target_which_rolls_over_qingming(register, mediator_user):
    # given a dispute registered on Monday 3 March 2025
    case = register()
    assert case.state == "registered" and case_clock(case, "conclusion") is None
    # when the committee accepts it on Tuesday 4 March
    case = s.case_accept(case=case, by=mediator_user, on=D(2025, 3, 4))
    # then one month later is Friday 4 April, 清明 (4–6 April 2025 off): the target ends on Monday 7 April
    assert case.state == "accepted"
    assert case_clock(case, "conclusion").due_date == D(2025, 4, 7)


def test_the_main_path_two_sessions_a_written_agreement_confirmed_and_performed(register, mediator_user):
    case = register()
    case = s.case_accept(case=case, by=mediator_user, on=D(2025, 3, 4))
    for on in (D(2025, 3, 5), D(2025, 3, 7)):
        case = s.case_record_session(
            case=case,
            by=mediator_user,
            on=on,
            place="社区调解室",
            mediators=mediator_ids(case),
            participants="张三、李四",
        )
    assert len(case.extra["sessions"]) == 2
    # the agreement signed by both parties, the mediator and sealed on Monday 10 March
    case = s.case_agree(case=case, by=mediator_user, on=D(2025, 3, 10), **AGREEMENT, parties_signed=party_ids(case))
    assert case.state == "agreed"
    assert case_clock(case, "conclusion").completed_on == D(2025, 3, 10)
    # 10 March + 30 days = Wednesday 9 April (第三十三条); the follow-up (30 days by default) the same day
    assert case_clock(case, "judicial_confirmation").due_date == D(2025, 4, 9)
    assert case_clock(case, "follow_up").due_date == D(2025, 4, 9)
    assert case.extra["agreement"]["confirmation_due"] == "2025-04-09"
    assert case.extra["agreement"]["target_due"] == "2025-04-07"
    doc = CaseDocument.objects.get(case=case, template_code="agreement")
    text = "\n".join(p.text for p in Document(io.BytesIO(doc.file.read())).paragraphs)
    assert "人民调解协议书" in doc.title
    assert "李四赔偿张三修缮费2000元" in text
    assert "申请人张三；对方当事人李四" in text
    assert "东华社区人民调解委员会（印）" in text
    # 司法确认 applied within the window, the court confirms it
    case = s.case_apply_confirmation(case=case, by=mediator_user, on=D(2025, 3, 20), court="示范市东城区人民法院")
    assert case_clock(case, "judicial_confirmation").completed_on == D(2025, 3, 20)
    case = s.case_record_confirmation(case=case, by=mediator_user, on=D(2025, 3, 28), result="valid")
    case = s.case_follow_up(case=case, by=mediator_user, on=D(2025, 4, 2), performance="performed")
    assert case_clock(case, "follow_up").completed_on == D(2025, 4, 2)
    case = s.case_close(case=case, by=mediator_user, on=D(2025, 4, 3))
    assert (case.state, case.outcome, case.closed_on) == ("closed", "performed", D(2025, 4, 3))


def test_an_oral_agreement_opens_no_confirmation_window_and_cannot_be_confirmed(register, mediator_user):
    case = _agreed(register, mediator_user, form="oral")
    assert case_clock(case, "judicial_confirmation") is None
    assert case.extra["agreement"]["confirmation_due"] == ""
    assert not CaseDocument.objects.filter(case=case, template_code="agreement").exists()
    from fazhi.dockets.mediation.spec import SPEC

    assert "口头协议不能申请司法确认" in SPEC.transition("apply_confirmation").refusal(case)


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"parties_signed": "first"}, "parties_signed", "尚未登记签名的当事人：李*"),
        ({"mediator_signed": False}, "mediator_signed", "人民调解员签名"),
        ({"committee_sealed": False}, "committee_sealed", "人民调解委员会印章"),
        ({"content": " "}, "content", "请填写协议内容"),
        ({"form": "email"}, "form", "请选择协议形式"),
    ],
)
def test_a_written_agreement_without_what_article_29_requires_is_refused_and_changes_nothing(
    register, mediator_user, change, field, words
):
    case = register()
    case = s.case_accept(case=case, by=mediator_user, on=D(2025, 3, 4))
    case = s.case_record_session(
        case=case, by=mediator_user, on=D(2025, 3, 5), place="调解室", mediators=mediator_ids(case), participants="双方"
    )
    before = _snapshot(case)
    args = {**AGREEMENT, "parties_signed": party_ids(case)}
    if change.get("parties_signed") == "first":
        change = {"parties_signed": party_ids(case)[:1]}
    with pytest.raises(DomainError) as exc:
        s.case_agree(case=case, by=mediator_user, on=D(2025, 3, 10), **{**args, **change})
    assert exc.value.field == field
    assert words in exc.value.message
    assert _snapshot(case) == before
    assert case_clock(case, "judicial_confirmation") is None


def test_an_agreement_before_any_session_is_refused(register, mediator_user):
    case = s.case_accept(case=register(), by=mediator_user, on=D(2025, 3, 4))
    from fazhi.dockets.mediation.spec import SPEC

    assert SPEC.transition("agree").refusal(case) == "尚未登记调解过程：请先登记调解（时间、地点、调解员、参加人）。"


def test_a_confirmation_dated_before_the_agreement_is_refused_naming_both_dates(register, mediator_user):
    case = _agreed(register, mediator_user)
    before = _snapshot(case)
    with pytest.raises(DomainError) as exc:
        s.case_apply_confirmation(case=case, by=mediator_user, on=D(2025, 3, 9), court="东城区人民法院")
    assert exc.value.field == "on"
    assert "2025年3月9日" in exc.value.message and "2025年3月10日" in exc.value.message
    assert _snapshot(case) == before


def test_a_confirmation_after_the_30_day_window_is_refused(register, mediator_user):
    case = _agreed(register, mediator_user)
    before = _snapshot(case)
    # the window ends on 9 April 2025: the 10th is one day late
    with pytest.raises(DomainError) as exc:
        s.case_apply_confirmation(case=case, by=mediator_user, on=D(2025, 4, 10), court="东城区人民法院")
    assert exc.value.field == "on"
    assert "已超过司法确认申请期限（2025年4月9日）" in exc.value.message
    assert _snapshot(case) == before
    # the last day itself is on time
    case = s.case_apply_confirmation(case=case, by=mediator_user, on=D(2025, 4, 9), court="东城区人民法院")
    assert case.extra["confirmation"]["applied_on"] == "2025-04-09"


def test_an_unknown_committee_is_refused_and_nothing_is_registered(register):
    n = Case.objects.count()
    for bad in (None, 999999, "不存在的调解委员会"):
        with pytest.raises(DomainError) as exc:
            s.mediation_register(
                by=None,
                committee=bad,
                source="window",
                dispute_type="neighbour",
                applicants=[],
                account="x",
                received_on=MON,
            )
        assert exc.value.field == "committee"
        assert "未找到该人民调解委员会" in exc.value.message
    assert Case.objects.count() == n


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"source": "fax"}, "source"),
        ({"dispute_type": "x"}, "dispute_type"),
        ({"account": ""}, "account"),
        ({"amount": "三千"}, "amount"),
        ({"received_on": dt.date(2999, 1, 1)}, "received_on"),
        ({"source": "transfer", "transfer_from": ""}, "transfer_from"),
    ],
)
def test_bad_registration_input_names_the_field(register, kw, field):
    n = Case.objects.count()
    with pytest.raises(DomainError) as exc:
        register(**kw)
    assert exc.value.field == field
    assert Case.objects.count() == n


def test_a_repeated_submit_registers_one_case(register):
    token = "5f0c6a8e-1111-4222-8333-444455556666"
    a, b = register(submit_token=token), register(submit_token=token)
    assert a.pk == b.pk
    assert Case.objects.filter(docket="mediation").count() == 1


def test_an_urgent_dispute_is_reported_at_once_to_the_towns_justice_office(
    register, persona, django_capture_on_commit_callbacks
):
    from fazhi.notifications.models import Notification

    office = persona("justice_office", "town")
    elsewhere = persona("justice_office", "other_town")
    with django_capture_on_commit_callbacks(execute=True):
        case = register(mass=True)
    assert case.extra["urgent"] is True
    assert list(
        Notification.objects.filter(dedupe_key=f"mediation.urgent.{case.pk}").values_list("recipient", flat=True)
    ) == [office.pk]
    assert elsewhere.pk != office.pk
    assert CaseEvent.objects.filter(case=case, kind="urgent").count() == 1


def test_closing_waits_for_the_follow_up_and_the_confirmation_window(register, mediator_user):
    from fazhi.cases.services import today_local
    from fazhi.dockets.mediation.spec import SPEC

    # an agreement of today: the window runs for 30 days, so even after a follow-up the case stays open
    today = today_local()
    case = register(received_on=today)
    case = s.case_accept(case=case, by=mediator_user, on=today)
    case = s.case_record_session(
        case=case, by=mediator_user, on=today, place="调解室", mediators=mediator_ids(case), participants="双方"
    )
    case = s.case_agree(case=case, by=mediator_user, on=today, **AGREEMENT, parties_signed=party_ids(case))
    close = SPEC.transition("close")
    assert close.refusal(case) == "尚未回访调解协议的履行情况（《人民调解法》第三十一条）。"
    case = s.case_follow_up(case=case, by=mediator_user, on=today, performance="none")
    assert case.extra["non_performance"] is True
    assert "司法确认申请期限" in close.refusal(case) and "尚未届满" in close.refusal(case)
    # once applied, it waits for the court's result
    case = s.case_apply_confirmation(case=case, by=mediator_user, on=today, court="东城区人民法院")
    assert close.refusal(case) == "已申请司法确认，尚未登记人民法院的确认结果。"
    case = s.case_record_confirmation(case=case, by=mediator_user, on=today, result="invalid")
    assert close.refusal(case) is None
    case = s.case_close(case=case, by=mediator_user, on=today)
    assert case.outcome == "invalid"


def test_a_window_that_passed_unused_lets_the_case_close_and_ends_its_clocks(register, mediator_user):
    case = _agreed(register, mediator_user)
    case = s.case_follow_up(case=case, by=mediator_user, on=D(2025, 4, 20), performance="partial")
    case = s.case_close(case=case, by=mediator_user, on=D(2025, 4, 21))
    assert case.outcome == "unperformed"
    assert case_clock(case, "judicial_confirmation").completed_on == D(2025, 4, 21)


def test_termination_tells_the_other_routes_in_a_notice(register, mediator_user):
    case = s.case_accept(case=register(), by=mediator_user, on=D(2025, 3, 4))
    case = s.case_terminate(case=case, by=mediator_user, on=D(2025, 3, 20), ground="failed", reason="分歧过大")
    assert (case.state, case.outcome) == ("terminated", "failed")
    assert case_clock(case, "conclusion").completed_on == D(2025, 3, 20)
    assert "仲裁、行政、司法等途径" in case.extra["terminated"]["routes"]
    doc = CaseDocument.objects.get(case=case, template_code="termination_notice")
    text = "\n".join(p.text for p in Document(io.BytesIO(doc.file.read())).paragraphs)
    assert "第二十六条" in text and "分歧过大" in text


def test_rejection_needs_a_reason_when_the_dispute_is_not_civil(register, mediator_user):
    case = register()
    with pytest.raises(DomainError) as exc:
        s.case_reject(case=case, by=mediator_user, on=D(2025, 3, 4), ground="not_civil")
    assert exc.value.field == "reason"
    case = s.case_reject(case=case, by=mediator_user, on=D(2025, 3, 4), ground="party_refused")
    assert (case.state, case.outcome) == ("rejected", "rejected")


def test_a_session_with_a_mediator_of_another_committee_is_refused(register, mediator_user, committees):
    case = s.case_accept(case=register(), by=mediator_user, on=D(2025, 3, 4))
    other = list(committees["other"].mediators.values_list("pk", flat=True))
    with pytest.raises(DomainError) as exc:
        s.case_record_session(
            case=case, by=mediator_user, on=D(2025, 3, 5), place="调解室", mediators=other, participants="双方"
        )
    assert exc.value.field == "mediators"
