"""Arts. 36–39: every reply type's 答复书 (its citation and the remedies), its one table row, and bad input."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document

from fazhi.cases import clocks
from fazhi.core.errors import DomainError
from fazhi.dockets.disclosure import services as s
from fazhi.dockets.disclosure.codes import REPLY_TYPES

pytestmark = pytest.mark.django_db
D = dt.date


def _text(doc) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(doc.file.read())).paragraphs)


@pytest.mark.parametrize("rt", REPLY_TYPES, ids=lambda t: t.code)
def test_every_reply_type_issues_its_reply_with_basis_and_remedies(rt, request_, handler):
    case = request_()
    row = rt.rows[-1]
    s.case_reply(case=case, by=handler, on=D(2025, 3, 20), reply_type=rt.code, row=row, content="见附件")
    case.refresh_from_db()
    assert (case.state, case.outcome, case.closed_on) == ("replied", row, D(2025, 3, 20))
    assert case.extra["reply"]["on_time"] is True  # due 31 March
    docs = list(case.documents.filter(template_code=f"reply_{rt.code}"))
    assert len(docs) == 1
    text = _text(docs[0])
    assert "政府信息公开申请答复书" in text
    assert rt.basis in text
    assert "六十日内依法申请行政复议" in text and "六个月内依法向人民法院提起行政诉讼" in text
    assert "2024年本机关行政处罚案件统计表" in text
    assert all(c.completed_on == D(2025, 3, 20) for c in clocks.case_clocks(case))


def test_refusal_names_its_exemption_and_counts_in_its_row(request_, handler):
    case = request_()
    with pytest.raises(DomainError) as e:
        s.case_reply(case=case, by=handler, on=D(2025, 3, 20), reply_type="refuse", row="")
    assert e.value.field == "row"
    case.refresh_from_db()
    assert case.state == "received"  # nothing changed
    s.case_reply(case=case, by=handler, on=D(2025, 3, 20), reply_type="refuse", row="refused.6")
    case.refresh_from_db()
    assert case.outcome == "refused.6"
    text = _text(case.documents.get(template_code="reply_refuse"))
    assert "过程性信息" in text and "第十六条第二款" in text


def test_a_late_reply_is_recorded_as_late(request_, handler):
    case = request_()
    s.case_reply(case=case, by=handler, on=D(2025, 4, 1), reply_type="disclose")
    case.refresh_from_db()
    assert case.extra["reply"]["due"] == "2025-03-31"
    assert case.extra["reply"]["on_time"] is False


def test_reply_before_receipt_or_in_the_future_is_refused(request_, handler):
    from fazhi.cases.services import today_local

    case = request_()
    with pytest.raises(DomainError) as e:
        s.case_reply(case=case, by=handler, on=D(2025, 3, 1), reply_type="disclose")
    assert "不能早于收到日期" in e.value.message
    with pytest.raises(DomainError) as e:
        s.case_reply(case=case, by=handler, on=today_local() + dt.timedelta(days=1), reply_type="disclose")
    assert "不能晚于今天" in e.value.message
    case.refresh_from_db()
    assert case.state == "received" and case.outcome == ""


def test_petition_in_request_form_is_routed_out_as_not_processed_1(request_, handler):
    case = request_(content="举报某公司违法排污，要求查处")
    s.case_route_out(case=case, by=handler, on=D(2025, 3, 4), category="举报", channel="12345政务服务便民热线")
    case.refresh_from_db()
    assert (case.state, case.outcome) == ("routed", "not_processed.1")
    assert "第三十九条第一款" in _text(case.documents.get(template_code="routing_notice"))


def test_withdrawal_counts_as_other_3(request_, handler):
    case = request_()
    s.case_consult_third_party(case=case, by=handler, on=D(2025, 3, 5), party="某公司")
    s.case_withdraw(case=case, by=handler, on=D(2025, 3, 6), note="申请人电话撤回")
    case.refresh_from_db()
    assert (case.state, case.outcome) == ("closed", "other.3")


def test_bad_applicant_type_and_missing_content_change_nothing(request_):
    from fazhi.cases.models import Case

    with pytest.raises(DomainError) as e:
        request_(applicant_type="company")
    assert e.value.field == "applicant_type"
    with pytest.raises(DomainError) as e:
        request_(content="  ")
    assert e.value.field == "content"
    assert Case.objects.filter(docket="disclosure").count() == 0


def test_a_retried_submit_creates_one_request(request_):
    import uuid

    from fazhi.cases.models import Case

    token = uuid.uuid4()
    a = request_(submit_token=token)
    b = request_(submit_token=token)
    assert a.pk == b.pk
    assert Case.objects.filter(docket="disclosure").count() == 1


def test_applicant_identity_is_encrypted_and_masked(request_):
    from fazhi.cases.models import Party

    case = request_()
    p = Party.objects.get(case=case)
    assert p.masked_name != "张三" and p.name == "张三"
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT name, id_number FROM cases_party WHERE id = %s", [p.pk])
        raw = cur.fetchone()
    assert "张三" not in str(raw[0]) and "11010519491231002X" not in str(raw[1])
