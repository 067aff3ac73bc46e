"""The statutory clocks of 依申请公开, hand-counted (《政府信息公开条例》第三十条—第三十四条, 第四十二条).

Calendar facts used: March 2025 has no holiday; 4 April 2025 (Friday) is 清明节 (4–6 April, no make-up day); 1–8 October
2025 is 国庆节/中秋节 with make-up working days Sunday 28 September and Saturday 11 October.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings

from fazhi.cases import clocks
from fazhi.core.errors import DomainError
from fazhi.dockets.disclosure import services as s
from fazhi.dockets.disclosure.services import receipt_date

from .conftest import MON

pytestmark = pytest.mark.django_db
D = dt.date


def due(case, key="reply"):
    return clocks.case_clock(case, key).due_date


# ---- Art. 31: the receipt date by channel ---------------------------------------------------------------------------
def test_receipt_date_in_person_is_the_day_handed_in():
    assert receipt_date(channel="in_person", submitted_on=MON)[0] == MON


def test_receipt_date_registered_post_is_the_signed_for_day():
    on, why = receipt_date(channel="mail", mail_kind="registered", submitted_on=MON, signed_on=D(2025, 3, 5))
    assert on == D(2025, 3, 5)
    assert "签收之日" in why and "第三十一条第（二）项" in why


def test_receipt_date_ordinary_mail_is_the_day_confirmed_with_the_applicant():
    assert receipt_date(channel="mail", mail_kind="ordinary", confirmed_on=D(2025, 3, 6))[0] == D(2025, 3, 6)
    with pytest.raises(DomainError) as e:
        receipt_date(channel="mail", mail_kind="ordinary", signed_on=D(2025, 3, 6))
    assert e.value.field == "confirmed_on"


@pytest.mark.parametrize("channel", ["online", "fax"])
def test_receipt_date_online_and_fax_is_the_day_both_confirm(channel):
    on, why = receipt_date(channel=channel, submitted_on=D(2025, 3, 7), confirmed_on=D(2025, 3, 10))
    assert on == D(2025, 3, 10)
    assert "第三十一条第（三）项" in why
    with pytest.raises(DomainError) as e:
        receipt_date(channel=channel, submitted_on=D(2025, 3, 10), confirmed_on=D(2025, 3, 7))
    assert e.value.field == "confirmed_on"


def test_receipt_date_is_never_in_the_future():
    from fazhi.cases.services import today_local

    with pytest.raises(DomainError) as e:
        receipt_date(channel="in_person", submitted_on=today_local() + dt.timedelta(days=1))
    assert e.value.field == "submitted_on"
    assert "不能晚于今天" in e.value.message


def test_registration_starts_the_reply_and_correction_windows_from_the_receipt_date(request_):
    case = request_(channel="mail", mail_kind="registered", submitted_on=D(2025, 2, 28), signed_on=MON)
    assert case.received_on == MON
    # 20 working days after Mon 3 March 2025: 4–7 (4), 10–14 (9), 17–21 (14), 24–28 (19), Mon 31 March (20).
    assert due(case) == D(2025, 3, 31)
    # Art. 30: 7 working days: 4–7 (4), 10, 11, 12 (7) → Wed 12 March.
    assert due(case, "correction_notice") == D(2025, 3, 12)


# ---- Art. 30: correction, the reply clock restarts --------------------------------------------------------------------
def test_correction_pauses_and_the_reply_period_restarts_from_the_corrected_request(request_, handler):
    case = request_()
    s.case_request_correction(case=case, by=handler, on=D(2025, 3, 5), defects="申请内容不明确")
    case.refresh_from_db()
    assert case.state == "correction"
    assert clocks.case_clock(case, "correction_notice").completed_on == D(2025, 3, 5)
    # correction period (FAZHI_DISCLOSURE CORRECTION_DAYS = 15 working days) after Wed 5 March: 6, 7 (2), 10–14 (7),
    # 17–21 (12), 24, 25, 26 (15) → Wed 26 March.
    assert due(case, "correction_reply") == D(2025, 3, 26)
    assert case.extra["correction"]["due"] == "2025-03-26"
    s.case_receive_correction(case=case, by=handler, on=D(2025, 3, 10))
    case.refresh_from_db()
    assert case.state == "received"
    # 20 working days after Mon 10 March: 11–14 (4), 17–21 (9), 24–28 (14), 31 March–3 April (18), Fri 4 April 清明节,
    # Mon 7 (19), Tue 8 April (20).
    assert due(case) == D(2025, 4, 8)
    assert clocks.case_clock(case, "reply").trigger_date == D(2025, 3, 10)
    assert clocks.case_clock(case, "correction_reply").completed_on == D(2025, 3, 10)


def test_correction_notice_only_once(request_, handler):
    case = request_()
    s.case_request_correction(case=case, by=handler, on=D(2025, 3, 5), defects="申请内容不明确")
    s.case_receive_correction(case=case, by=handler, on=D(2025, 3, 10))
    with pytest.raises(DomainError) as e:
        s.case_request_correction(case=case, by=handler, on=D(2025, 3, 11), defects="再次补正")
    assert "一次性告知" in e.value.message


def test_no_correction_in_the_period_closes_as_other_1_only_after_the_period(request_, handler):
    from fazhi.cases.services import today_local

    today = today_local()
    case = request_(received=today)
    s.case_request_correction(case=case, by=handler, on=today, defects="缺少申请人联系方式")
    with pytest.raises(DomainError) as e:
        s.case_close_uncorrected(case=case, by=handler, on=today)
    assert "尚未届满" in e.value.message
    old = request_(name="李四")
    s.case_request_correction(case=old, by=handler, on=D(2025, 3, 5), defects="缺少申请人联系方式")
    s.case_close_uncorrected(case=old, by=handler, on=D(2025, 3, 27))
    old.refresh_from_db()
    assert (old.state, old.outcome, old.closed_on) == ("closed", "other.1", D(2025, 3, 27))
    assert all(c.completed_on is not None for c in clocks.case_clocks(old))


# ---- Arts. 32, 34: consultation time excluded ------------------------------------------------------------------------
def test_third_party_consultation_time_is_excluded(request_, handler):
    case = request_()
    s.case_consult_third_party(case=case, by=handler, on=D(2025, 3, 5), party="某某科技有限公司")
    case.refresh_from_db()
    assert case.state == "consulting"
    # Art. 32: 15 working days after Wed 5 March → Wed 26 March.
    assert due(case, "third_party") == D(2025, 3, 26)
    s.case_receive_opinion(case=case, by=handler, on=D(2025, 3, 17), opinion="disagree")
    case.refresh_from_db()
    # Counted: Tue 4 March (1); 5–16 March excluded (pause from the letter to the day before the answer);
    # 17–21 (6), 24–28 (11), 31 March–3 April (15), 4 April 清明节, 7–11 April (20) → Fri 11 April.
    assert due(case) == D(2025, 4, 11)
    assert clocks.case_clock(case, "third_party").completed_on == D(2025, 3, 17)


def test_other_agency_consultation_time_is_excluded_and_silence_is_recorded(request_, handler):
    case = request_()
    s.case_consult_agency(case=case, by=handler, on=D(2025, 3, 5), party="示范市财政局")
    case.refresh_from_db()
    assert due(case, "other_agency") == D(2025, 3, 26)  # Art. 34: 15 working days
    s.case_receive_opinion(case=case, by=handler, on=D(2025, 3, 27), opinion="none")
    case.refresh_from_db()
    # 4 March (1); 5–26 March excluded; 27, 28 (3), 31 March–3 April (7), 7–11 (12), 14–18 (17), 21, 22, 23 (20)
    # → Wed 23 April.
    assert due(case) == D(2025, 4, 23)
    assert case.extra["consultations"][0]["opinion"] == "none"


# ---- Art. 33 ¶2: one extension of at most 20 working days --------------------------------------------------------------
def test_extension_by_the_head_once_up_to_twenty_working_days(request_, handler, head):
    case = request_(received=D(2025, 9, 30))
    # 20 working days after Tue 30 Sep 2025: 1–8 Oct holiday, Thu 9, Fri 10 (2), Sat 11 make-up (3), 13–17 (8),
    # 20–24 (13), 27–31 (18), Mon 3, Tue 4 Nov (20).
    assert due(case) == D(2025, 11, 4)
    with pytest.raises(DomainError) as e:
        s.case_extend(case=case, by=handler, on=D(2025, 10, 20), days=20, reason="信息量大")
    assert "权限" in e.value.message  # the approval belongs to the office's head
    with pytest.raises(DomainError) as e:
        s.case_extend(case=case, by=head, on=D(2025, 10, 20), days=21, reason="信息量大")
    assert e.value.field == "days"
    s.case_extend(case=case, by=head, on=D(2025, 10, 20), days=20, reason="信息量大")
    case.refresh_from_db()
    # 20 more: 5–7 Nov (3), 10–14 (8), 17–21 (13), 24–28 (18), Mon 1, Tue 2 Dec (20).
    assert due(case) == D(2025, 12, 2)
    with pytest.raises(DomainError) as e:
        s.case_extend(case=case, by=head, on=D(2025, 10, 21), days=1, reason="再延")
    assert "延长过一次" in e.value.message
    assert case.documents.filter(template_code="extension_notice").count() == 1


# ---- Art. 42: the fee notice stops the reply clock ----------------------------------------------------------------------
def _many(request_, n):
    return [request_(received=MON) for _ in range(n)]


def test_fee_notice_pauses_and_payment_restarts_the_reply_period(request_, handler):
    cases = _many(request_, 11)
    case = cases[-1]
    with pytest.raises(DomainError) as e:
        s.case_fee_notice(case=cases[9], by=handler, on=D(2025, 3, 5), method="item", reason="一个月内申请11件")
    assert "不收费" in e.value.message  # the 10th request of the month is free
    s.case_fee_notice(case=case, by=handler, on=D(2025, 3, 5), method="item", reason="一个月内申请11件")
    case.refresh_from_db()
    assert case.state == "fee"
    assert case.extra["fee"]["amount"] == 100 and case.extra["fee"]["quantity"] == 11
    # payment period 20 working days after Wed 5 March: 6, 7 (2), 10–14 (7), 17–21 (12), 24–28 (17), 31, 1, 2 April (20).
    assert due(case, "fee_payment") == D(2025, 4, 2)
    s.case_fee_paid(case=case, by=handler, on=D(2025, 3, 10))
    case.refresh_from_db()
    assert case.state == "received"
    assert due(case) == D(2025, 4, 8)  # restarted from Mon 10 March (see the correction test)


@override_settings(FAZHI_DISCLOSURE={"FEE_CLOCK_ON_PAYMENT": "resume"})
def test_fee_payment_resumes_the_reply_period_when_so_configured(request_, handler):
    case = request_()
    s.case_fee_notice(case=case, by=handler, on=D(2025, 3, 5), method="page", pages=120, reason="申请材料逾千页")
    case.refresh_from_db()
    assert case.extra["fee"]["amount"] == 1100  # 70 × 10 + 20 × 20
    s.case_fee_paid(case=case, by=handler, on=D(2025, 3, 10))
    case.refresh_from_db()
    # 4 March (1); 5–9 March excluded; 10–14 (6), 17–21 (11), 24–28 (16), 31 March–3 April (20) → Thu 3 April.
    assert due(case) == D(2025, 4, 3)


def test_no_payment_in_the_period_closes_as_other_2(request_, handler):
    case = request_()
    s.case_fee_notice(case=case, by=handler, on=D(2025, 3, 5), method="page", pages=31, reason="申请材料逾千页")
    s.case_close_unpaid(case=case, by=handler, on=D(2025, 4, 3))
    case.refresh_from_db()
    assert (case.state, case.outcome) == ("closed", "other.2")
    assert all(c.completed_on is not None for c in clocks.case_clocks(case))


# ---- Art. 35: an excessive request, a longer period fixed by the agency ---------------------------------------------
def test_excessive_request_with_a_fixed_later_date_moves_the_reply_clock_and_tells_the_applicant(request_, handler):
    case = request_(received=MON)
    assert due(case) == D(2025, 3, 31)  # 20 working days after Mon 3 March (see the registration test)
    with pytest.raises(DomainError) as e:
        s.case_excessive(case=case, by=handler, on=D(2025, 3, 10), reason="一个月内申请200件", due_date=D(2025, 3, 31))
    assert e.value.field == "due_date" and "须晚于现在的期限届满日2025-03-31" in e.value.message
    case.refresh_from_db()
    assert "excessive" not in case.extra and due(case) == D(2025, 3, 31)  # refused: nothing changed
    s.case_excessive(case=case, by=handler, on=D(2025, 3, 10), reason="一个月内申请200件", due_date=D(2025, 5, 30))
    case.refresh_from_db()
    clock = clocks.case_clock(case, "reply")
    assert clock.due_date == D(2025, 5, 30) and case.extra["excessive"]["due_date"] == "2025-05-30"
    assert "第三十五条" in clock.explanation[-2] and "2025年5月30日" in clock.explanation[-1]
    doc = case.documents.get(template_code="delay_notice")
    assert doc.title == "政府信息公开申请延迟答复告知书"


def test_a_restart_after_an_excessive_request_lapses_the_fixed_date(request_, handler):
    case = request_(received=MON)
    s.case_excessive(case=case, by=handler, on=D(2025, 3, 10), reason="大量申请", due_date=D(2025, 5, 30))
    case.refresh_from_db()
    s.case_fee_notice(case=case, by=handler, on=D(2025, 3, 11), method="page", pages=120, reason="逾千页")
    case.refresh_from_db()
    s.case_fee_paid(case=case, by=handler, on=D(2025, 3, 17))
    # restarted from Mon 17 March: 18–21 (4), 24–28 (9), 31 Mar–3 Apr (13; Fri 4 April 清明), 7–11 (18), 14, Tue 15 (20)
    assert due(case) == D(2025, 4, 15)


def test_an_excessive_request_without_a_date_leaves_the_clock(request_, handler):
    case = request_(received=MON)
    s.case_excessive(case=case, by=handler, on=D(2025, 3, 10), reason="要求说明理由")
    case.refresh_from_db()
    assert due(case) == D(2025, 3, 31) and not case.documents.filter(template_code="delay_notice").exists()
