"""行政调解 transitions and guards: the application (both sides), 受理 / 不予受理 (reasons, other routes told), the
sessions, the 行政调解协议书 (each party's signature recorded; one missing is refused naming the field), 终止 with the
other routes told, the optional 司法确认 within its window, 回访 and 结案 (open while the follow-up or the window runs);
dates out of order and bad input refused naming the field, nothing written."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document

from fazhi.cases.models import Case, CaseDocument, CaseEvent
from fazhi.core.errors import DomainError
from fazhi.dockets.admin_mediation import services as s

from .conftest import AGREEMENT, signed

pytestmark = pytest.mark.django_db
D = dt.date


def _text(case, code):
    doc = CaseDocument.objects.get(case=case, template_code=code)
    return "\n".join(p.text for p in Document(io.BytesIO(doc.file.read())).paragraphs)


def _unchanged(case):
    case.refresh_from_db()
    return (
        case.version,
        case.state,
        dict(case.extra),
        CaseEvent.objects.filter(case=case).count(),
        CaseDocument.objects.filter(case=case).count(),
    )


def test_an_application_names_both_sides_and_bad_input_writes_nothing(market, mediator):
    case = s.admin_mediation_apply(
        by=mediator,
        handling_unit=market,
        applicants=[s.PartyInput(role="", name="钱小明")],
        respondents=[s.PartyInput(role="", name="某电器商场")],
        dispute_type="contract",
        request="请求退货",
        received_on=D(2025, 3, 3),
    )
    assert (case.docket, case.state, case.case_number) == ("admin_mediation", "applied", "示行调〔2025〕1号")
    assert case.title == "合同纠纷：请求退货"
    assert sorted((p.role, p.name) for p in case.parties.all()) == [
        ("applicant", "钱小明"),
        ("respondent", "某电器商场"),
    ]
    args = dict(
        by=mediator,
        handling_unit=market,
        applicants=[s.PartyInput(role="", name="甲")],
        respondents=[s.PartyInput(role="", name="乙")],
        dispute_type="contract",
        request="退货",
        received_on=D(2025, 3, 3),
    )
    for field, kwargs in (
        ("parties-0-name", {"applicants": []}),
        ("parties-1-name", {"respondents": [s.PartyInput(role="", name=" ")]}),
        ("dispute_type", {"dispute_type": "patent"}),
        ("request", {"request": "  "}),
        ("handling_unit", {"handling_unit": None}),
        ("received_on", {"received_on": None}),
    ):
        with pytest.raises(DomainError) as exc:
            s.admin_mediation_apply(**{**args, **kwargs})
        assert exc.value.field == field, field
    assert Case.objects.filter(docket="admin_mediation").count() == 1


def test_rejection_needs_ground_and_reasons_and_tells_the_other_routes(apply, mediator):
    case = apply()
    before = _unchanged(case)
    for field, kwargs in (
        ("ground", {"ground": "bored", "reasons": "x"}),
        ("reasons", {"ground": "not_competent", "reasons": " "}),
        ("routes", {"ground": "not_competent", "reasons": "x", "routes": ["moon"]}),
    ):
        with pytest.raises(DomainError) as exc:
            s.case_reject(case=case, by=mediator, on=D(2025, 3, 5), **kwargs)
        assert exc.value.field == field, field
        assert _unchanged(case) == before
    case = s.case_reject(
        case=case,
        by=mediator,
        on=D(2025, 3, 5),
        ground="pending_elsewhere",
        reasons="已由人民法院立案受理",
        routes=["litigation", "admin_ruling"],
    )
    assert (case.state, case.outcome, case.closed_on) == ("rejected", "rejected", D(2025, 3, 5))
    assert case.extra["rejected"]["routes"] == ["admin_ruling", "litigation"]  # in the list's order
    text = _text(case, "rejection_notice")
    assert "示行调〔2025〕1号" in text and "已由人民法院立案受理" in text
    assert "依法申请行政裁决、依法向人民法院提起诉讼" in text
    default = s.case_reject(case=apply(), by=mediator, on=D(2025, 3, 5), ground="party_refused", reasons="商场不同意")
    assert default.extra["rejected"]["routes"] == ["litigation"]


def test_a_session_records_date_place_mediators_participants(apply, mediator):
    case = s.case_accept(case=apply(), by=mediator, on=D(2025, 3, 4))
    before = _unchanged(case)
    good = {"place": "调解室", "mediators": "陈科长", "participants": "双方"}
    for field in ("place", "mediators", "participants"):
        with pytest.raises(DomainError) as exc:
            s.case_record_session(case=case, by=mediator, on=D(2025, 3, 6), **{**good, field: " "})
        assert exc.value.field == field
        assert _unchanged(case) == before
    with pytest.raises(DomainError) as exc:  # before 受理: the kernel's date order (follows=accept)
        s.case_record_session(case=case, by=mediator, on=D(2025, 3, 3), **good)
    assert exc.value.code == "date_order"
    case = s.case_record_session(case=case, by=mediator, on=D(2025, 3, 6), summary="释法说理", **good)
    case = s.case_record_session(case=case, by=mediator, on=D(2025, 3, 8), **{**good, "mediators": "李干事"})
    assert [(x["on"], x["mediators"]) for x in case.extra["sessions"]] == [
        ("2025-03-06", "陈科长"),
        ("2025-03-08", "李干事"),
    ]
    assert CaseEvent.objects.filter(case=case, label="第2次调解（调解室）").exists()


def test_no_agreement_before_a_session(apply, mediator):
    case = s.case_accept(case=apply(), by=mediator, on=D(2025, 3, 4))
    with pytest.raises(DomainError) as exc:
        s.case_agree(case=case, by=mediator, on=D(2025, 3, 6), parties_signed=signed(case), **AGREEMENT)
    assert "尚未登记调解过程" in exc.value.message


def test_an_agreement_without_every_signature_is_refused_naming_the_field(mediated, mediator):
    case = mediated()
    applicant = case.parties.get(role="applicant")
    before = _unchanged(case)
    for kwargs, field in (
        ({"parties_signed": [applicant.pk]}, "parties_signed"),
        ({"parties_signed": []}, "parties_signed"),
        ({"parties_signed": ["x"]}, "parties_signed"),
        ({"parties_signed": signed(case), "content": " "}, "content"),
        ({"parties_signed": signed(case), "facts": ""}, "facts"),
        ({"parties_signed": signed(case), "copies": 1}, "copies"),
    ):
        with pytest.raises(DomainError) as exc:
            s.case_agree(case=case, by=mediator, on=D(2025, 3, 10), **{**AGREEMENT, **kwargs})
        assert exc.value.field == field, kwargs
        assert _unchanged(case) == before
    with pytest.raises(DomainError) as exc:
        s.case_agree(case=case, by=mediator, on=D(2025, 3, 10), parties_signed=[applicant.pk], **AGREEMENT)
    respondent = case.parties.get(role="respondent")
    assert exc.value.message.endswith(f"尚未登记签名的当事人：{respondent.masked_name}。")
    assert applicant.masked_name not in exc.value.message


def test_the_agreement_is_a_docx_with_each_signature(mediated, mediator):
    case = mediated()
    case = s.case_agree(
        case=case, by=mediator, on=D(2025, 3, 10), parties_signed=signed(case), performance="三日内退款", **AGREEMENT
    )
    assert case.state == "agreed" and case.closed_on is None
    assert sorted(case.extra["agreement"]["parties_signed"]) == sorted(signed(case))
    text = _text(case, "agreement")
    assert text.splitlines()[0] == "行政调解协议书"
    assert "申请人钱小明；对方当事人某电器商场" in text
    assert "当事人（签名、盖章或者按指印）：钱小明、某电器商场" in text
    assert "调解人员：陈科长、李干事" in text and "三日内退款" in text
    assert "自本协议生效之日起30日内共同向有管辖权的人民法院申请司法确认" in text
    assert "示范市市场监督管理局" in text


def test_termination_tells_the_other_routes_and_needs_one(mediated, mediator):
    case = mediated()
    before = _unchanged(case)
    for kwargs, field in (
        ({"ground": "failed", "reason": "分歧大", "routes": []}, "routes"),
        ({"ground": "failed", "reason": " ", "routes": ["litigation"]}, "reason"),
        ({"ground": "gave_up", "reason": "x", "routes": ["litigation"]}, "ground"),
    ):
        with pytest.raises(DomainError) as exc:
            s.case_terminate(case=case, by=mediator, on=D(2025, 3, 12), **kwargs)
        assert exc.value.field == field
        assert _unchanged(case) == before
    case = s.case_terminate(
        case=case,
        by=mediator,
        on=D(2025, 3, 12),
        ground="party_ended",
        reason="商场要求终止调解",
        routes=["litigation", "admin_ruling", "arbitration"],
    )
    assert (case.state, case.outcome) == ("terminated", "party_ended")
    text = _text(case, "termination_notice")
    assert "你们可以依法申请行政裁决、依法申请仲裁、依法向人民法院提起诉讼。" in text
    assert "钱小明、某电器商场：" in text and "合同纠纷" in text


def test_confirmation_within_the_window_only_and_once(agreed, mediator):
    case = agreed()  # effective Mon 10 Mar 2025 + 30 days = Wed 9 Apr 2025
    assert case.extra["agreement"]["confirmation_due"] == "2025-04-09"
    before = _unchanged(case)
    with pytest.raises(DomainError) as exc:
        s.case_apply_confirmation(case=case, by=mediator, on=D(2025, 4, 10), court="东城区人民法院")
    assert exc.value.field == "on" and "2025年4月9日" in exc.value.message
    with pytest.raises(DomainError) as exc:
        s.case_apply_confirmation(case=case, by=mediator, on=D(2025, 4, 9), court=" ")
    assert exc.value.field == "court"
    with pytest.raises(DomainError) as exc:  # before the agreement: the kernel's date order
        s.case_apply_confirmation(case=case, by=mediator, on=D(2025, 3, 9), court="东城区人民法院")
    assert exc.value.code == "date_order"
    assert _unchanged(case) == before
    with pytest.raises(DomainError):  # no result before an application
        s.case_record_confirmation(case=case, by=mediator, on=D(2025, 4, 9), result="valid")
    case = s.case_apply_confirmation(case=case, by=mediator, on=D(2025, 4, 9), court="东城区人民法院")
    with pytest.raises(DomainError) as exc:
        s.case_apply_confirmation(case=case, by=mediator, on=D(2025, 4, 9), court="东城区人民法院")
    assert "已登记司法确认申请" in exc.value.message
    with pytest.raises(DomainError) as exc:
        s.case_record_confirmation(case=case, by=mediator, on=D(2025, 4, 20), result="maybe")
    assert exc.value.field == "result"
    case = s.case_record_confirmation(
        case=case, by=mediator, on=D(2025, 4, 20), result="valid", ruling_number="（2025）示0101民特12号"
    )
    assert case.extra["confirmation"] == {
        "applied_on": "2025-04-09",
        "court": "东城区人民法院",
        "result": "valid",
        "result_on": "2025-04-20",
        "ruling_number": "（2025）示0101民特12号",
    }


def test_the_case_stays_open_until_followed_up_and_the_window_is_over(agreed, mediator, monkeypatch):
    import fazhi.dockets.admin_mediation.guards as g

    case = agreed()
    monkeypatch.setattr(g, "_today", lambda: D(2025, 4, 1))
    with pytest.raises(DomainError) as exc:
        s.case_close(case=case, by=mediator, on=D(2025, 4, 1))
    assert "尚未回访" in exc.value.message
    with pytest.raises(DomainError) as exc:
        s.case_follow_up(case=case, by=mediator, on=D(2025, 3, 20), performance="half")
    assert exc.value.field == "performance"
    case = s.case_follow_up(case=case, by=mediator, on=D(2025, 3, 20), performance="partial", note="已退一半")
    assert case.extra["non_performance"] is True
    with pytest.raises(DomainError) as exc:  # the 司法确认 window (to 9 Apr) still runs
        s.case_close(case=case, by=mediator, on=D(2025, 4, 1))
    assert "司法确认申请期限（2025-04-09）尚未届满" in exc.value.message
    monkeypatch.setattr(g, "_today", lambda: D(2025, 4, 10))
    case = s.case_follow_up(case=case, by=mediator, on=D(2025, 4, 2), performance="performed")
    assert case.extra["non_performance"] is False
    case = s.case_close(case=case, by=mediator, on=D(2025, 4, 10))
    assert (case.state, case.outcome, case.closed_on) == ("closed", "performed", D(2025, 4, 10))


def test_a_court_refusing_confirmation_closes_as_invalid(agreed, mediator):
    case = agreed()
    case = s.case_apply_confirmation(case=case, by=mediator, on=D(2025, 3, 12), court="东城区人民法院")
    case = s.case_record_confirmation(case=case, by=mediator, on=D(2025, 3, 25), result="invalid")
    case = s.case_follow_up(case=case, by=mediator, on=D(2025, 3, 26), performance="none")
    case = s.case_close(case=case, by=mediator, on=D(2025, 3, 27))
    assert (case.state, case.outcome) == ("closed", "invalid")
