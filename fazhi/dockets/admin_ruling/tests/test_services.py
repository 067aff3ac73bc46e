"""行政裁决 transitions and guards: 受理 with its notice, 不予受理 with reasons and the remedy, 答辩 (or none once its
period has passed), 听证/调查, 调解, the ruling (both sides heard first; the 裁决书 telling 行政复议 and 行政诉讼),
终止; dates out of order and bad input refused naming the field, nothing written."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document

from fazhi.cases.models import Case, CaseDocument, CaseEvent
from fazhi.core.errors import DomainError
from fazhi.dockets.admin_ruling import services as s

from .conftest import RULING

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
        CaseEvent.objects.filter(case=case).count(),
        CaseDocument.objects.filter(case=case).count(),
    )


def test_an_application_names_both_sides_and_a_missing_respondent_writes_nothing(land, handler):
    case = s.admin_ruling_apply(
        by=handler,
        handling_unit=land,
        applicants=[s.PartyInput(role="", name="东华村民委员会")],
        respondents=[s.PartyInput(role="", name="西岭村民委员会")],
        matter="land",
        request="请求确认土地所有权",
        received_on=D(2025, 3, 3),
    )
    assert (case.docket, case.state, case.case_number) == ("admin_ruling", "applied", "示裁〔2025〕1号")
    assert sorted((p.role, p.name) for p in case.parties.all()) == [
        ("applicant", "东华村民委员会"),
        ("respondent", "西岭村民委员会"),
    ]
    for field, kwargs in (
        ("parties-1-name", {"respondents": [s.PartyInput(role="", name=" ")]}),
        ("matter", {"matter": "patent"}),
        ("request", {"request": "  "}),
        ("handling_unit", {"handling_unit": None}),
    ):
        args = dict(
            by=handler,
            handling_unit=land,
            applicants=[s.PartyInput(role="", name="甲")],
            respondents=[s.PartyInput(role="", name="乙")],
            matter="land",
            request="确权",
            received_on=D(2025, 3, 3),
        )
        with pytest.raises(DomainError) as exc:
            s.admin_ruling_apply(**{**args, **kwargs})
        assert exc.value.field == field, field
    assert Case.objects.filter(docket="admin_ruling").count() == 1


def test_acceptance_issues_the_notice_with_the_reply_period(apply, handler):
    case = s.case_accept(case=apply(), by=handler, on=D(2025, 3, 4))
    assert case.state == "accepted"
    text = _text(case, "acceptance_notice")
    assert "示裁〔2025〕1号" in text and "三十日" not in text and "30日内提交答辩书" in text
    assert "《中华人民共和国土地管理法》第十四条" in text


def test_rejection_needs_a_ground_and_reasons_and_tells_the_remedy(apply, head):
    case = apply()
    before = _unchanged(case)
    with pytest.raises(DomainError) as exc:
        s.case_reject(case=case, by=head, on=D(2025, 3, 5), ground="not_competent", reasons=" ")
    assert exc.value.field == "reasons"
    with pytest.raises(DomainError) as exc:
        s.case_reject(case=case, by=head, on=D(2025, 3, 5), ground="bad", reasons="x")
    assert exc.value.field == "ground"
    assert _unchanged(case) == before
    case = s.case_reject(case=case, by=head, on=D(2025, 3, 5), ground="not_civil", reasons="系承包合同纠纷")
    assert (case.state, case.outcome, case.closed_on) == ("rejected", "rejected", D(2025, 3, 5))
    text = _text(case, "rejection_notice")
    assert "不属于与行政管理活动密切相关的民事纠纷：系承包合同纠纷" in text
    assert "六十日内依法申请行政复议（《中华人民共和国行政复议法》第二十条）" in text
    assert "30日内依法向人民法院提起行政诉讼（《中华人民共和国土地管理法》第十四条）" in text


def test_the_handler_may_not_decide(apply, handler):
    with pytest.raises(DomainError) as exc:
        s.case_reject(case=apply(), by=handler, on=D(2025, 3, 5), ground="not_civil", reasons="x")
    assert exc.value.message == "您没有“不予受理”的权限。"


def test_no_reply_is_recorded_only_after_the_reply_period(apply, handler):
    case = s.case_accept(case=apply(), by=handler, on=D(2025, 3, 4))
    with pytest.raises(DomainError) as exc:
        s.case_record_reply(case=case, by=handler, on=D(2025, 3, 6), received=False)
    assert exc.value.message == "尚未向被申请人送达申请书副本。"
    case = s.case_send_copy(case=case, by=handler, on=D(2025, 3, 5))
    before = _unchanged(case)
    with pytest.raises(DomainError) as exc:
        s.case_record_reply(case=case, by=handler, on=D(2025, 4, 7), received=False)  # due 7 Apr: not yet passed
    assert (exc.value.field, exc.value.message) == (
        "received",
        "答辩期限（至2025年4月7日）尚未届满，不能登记被申请人未答辩。",
    )
    with pytest.raises(DomainError) as exc:
        s.case_record_reply(case=case, by=handler, on=D(2025, 3, 20), received=True, summary="")
    assert exc.value.field == "summary"
    assert _unchanged(case) == before
    case = s.case_record_reply(case=case, by=handler, on=D(2025, 4, 8), received=False)
    assert case.extra["reply"] == {"on": "2025-04-08", "received": False, "summary": ""}


def test_a_ruling_needs_both_sides_heard(apply, handler, head):
    case = s.case_accept(case=apply(), by=handler, on=D(2025, 3, 4))
    with pytest.raises(DomainError) as exc:
        s.case_rule(case=case, by=head, on=D(2025, 3, 10), **RULING)
    assert "答辩" in exc.value.message
    case = s.case_send_copy(case=case, by=handler, on=D(2025, 3, 5))
    case = s.case_record_reply(case=case, by=handler, on=D(2025, 3, 20), received=True, summary="不同意")
    with pytest.raises(DomainError) as exc:
        s.case_rule(case=case, by=head, on=D(2025, 3, 21), **RULING)
    assert exc.value.message == "尚未登记听证或调查：作出裁决前应当听取双方当事人的意见。"


def test_a_hearing_records_date_place_and_participants(apply, handler):
    case = s.case_accept(case=apply(), by=handler, on=D(2025, 3, 4))
    before = _unchanged(case)
    for field, kw in (("place", {"place": ""}), ("participants", {"participants": " "}), ("form", {"form": "phone"})):
        args = {"form": "investigation", "place": "争议地块现场", "participants": "双方代表", **kw}
        with pytest.raises(DomainError) as exc:
            s.case_record_hearing(case=case, by=handler, on=D(2025, 3, 10), **args)
        assert exc.value.field == field
    with pytest.raises(DomainError) as exc:  # before 受理: the kernel's date order (follows)
        s.case_record_hearing(
            case=case, by=handler, on=D(2025, 3, 3), form="investigation", place="现场", participants="双方"
        )
    assert (exc.value.field, exc.value.message) == (
        "on",
        "“登记听证、调查”的日期2025年3月3日不能早于“受理”的日期2025年3月4日。",
    )
    assert _unchanged(case) == before
    case = s.case_record_hearing(
        case=case, by=handler, on=D(2025, 3, 10), form="investigation", place="争议地块现场", participants="双方代表"
    )
    assert case.state == "accepted"
    assert case.extra["hearings"] == [
        {
            "on": "2025-03-10",
            "form": "investigation",
            "place": "争议地块现场",
            "participants": "双方代表",
            "applicant_heard": False,
            "respondent_heard": False,
            "summary": "",
        }
    ]


def test_the_ruling_issues_the_decision_with_the_remedies(heard, head):
    case = heard(matter="other")
    with pytest.raises(DomainError) as exc:
        s.case_rule(case=case, by=head, on=D(2025, 3, 24), **RULING)  # before the hearing of 25 Mar
    assert exc.value.field == "on"
    with pytest.raises(DomainError) as exc:
        s.case_rule(case=case, by=head, on=D(2025, 4, 1), served_on=D(2025, 3, 31), **RULING)
    assert (exc.value.field, exc.value.message) == ("served_on", "送达日期2025年3月31日不能早于裁决日期2025年4月1日。")
    with pytest.raises(DomainError) as exc:
        s.case_rule(case=case, by=head, on=D(2025, 4, 1), **{**RULING, "decision_text": ""})
    assert exc.value.field == "decision_text"
    assert CaseDocument.objects.filter(case=case, template_code="ruling").count() == 0
    case = s.case_rule(case=case, by=head, on=D(2025, 4, 1), **RULING)
    text = _text(case, "ruling")
    assert "申请人：东华村民委员会" in text and "被申请人：西岭村民委员会" in text
    assert "2025-03-25 听证" in text and "裁决如下：争议地块归申请人所有" in text
    assert "六十日内依法申请行政复议（《中华人民共和国行政复议法》第二十条）" in text
    assert "六个月内依法向人民法院提起行政诉讼（《中华人民共和国行政诉讼法》第四十六条）" in text


def test_mediation_may_precede_the_ruling_or_settle_the_case(heard, handler):
    case = s.case_mediate(case=heard(), by=handler, on=D(2025, 3, 26), note="分歧较大")
    assert (case.state, case.extra["mediations"]) == ("accepted", [{"on": "2025-03-26", "note": "分歧较大"}])
    with pytest.raises(DomainError) as exc:
        s.case_settle(case=case, by=handler, on=D(2025, 3, 28), content="以河沟为界", parties_signed=False)
    assert exc.value.field == "parties_signed"
    case = s.case_settle(case=case, by=handler, on=D(2025, 3, 28), content="以河沟为界", parties_signed=True)
    assert (case.state, case.outcome) == ("mediated", "mediated")


def test_withdrawal_ends_the_case_and_its_clocks(apply, handler):
    from fazhi.cases.clocks import case_clocks

    case = s.case_accept(case=apply(), by=handler, on=D(2025, 3, 4))
    with pytest.raises(DomainError) as exc:
        s.case_withdraw(case=case, by=handler, on=D(2025, 3, 6), kind="gone")
    assert exc.value.field == "kind"
    case = s.case_withdraw(case=case, by=handler, on=D(2025, 3, 6), kind="deemed")
    assert (case.state, case.outcome, case.closed_on) == ("withdrawn", "withdrawn", D(2025, 3, 6))
    assert all(c.completed_on is not None for c in case_clocks(case))


def test_the_ruling_takes_effect_only_after_the_windows(heard, head, handler):
    from fazhi.cases.services import today_local
    from fazhi.dockets.admin_ruling.guards import may_record_final

    case = s.case_rule(case=heard(matter="other"), by=head, on=D(2025, 4, 1), **RULING)
    assert may_record_final(case) is None  # 3 Jun 2025 (after 端午) and 9 Oct 2025 have passed
    case.extra["ruling"]["suit_due"] = (today_local() + dt.timedelta(days=1)).isoformat()
    assert (
        may_record_final(case) == f"申请行政复议、提起行政诉讼的期限（至{case.extra['ruling']['suit_due']}）尚未届满。"
    )
    case.refresh_from_db()
    with pytest.raises(DomainError) as exc:
        s.case_record_final(case=case, by=handler, on=D(2025, 10, 9))
    assert (exc.value.field, exc.value.message) == ("on", "裁决生效日期应在复议、诉讼期限届满（2025年10月9日）之后。")
    case = s.case_record_final(case=case, by=handler, on=D(2025, 10, 10))
    assert case.extra["final"] == {"on": "2025-10-10", "note": ""}
    assert case.extra["ruling"]["suit_due"] == "2025-10-09"  # Wed 1 Oct + 6 months → National Day → Thu 9 Oct
