import datetime as dt

import pytest

from fazhi.audit.models import AuditEvent
from fazhi.consultations.models import AdoptionEntry, Comment, Consultation, Identity, Outcome, ReplyNotice
from fazhi.consultations.selectors import consultation_figures, ledger_items, revision_list
from fazhi.consultations.services import (
    adoption_record,
    comment_enter,
    comment_hide,
    comment_submit,
    consultation_close,
    consultation_create,
    explanation_publish,
)
from fazhi.core.errors import ConflictError, DomainError

from .factories import NEAR_DUPLICATES, consultation_opened, test_owner_register

D = dt.date


@pytest.fixture
def staff(persona):
    return persona("office_staff")


@pytest.fixture
def opened(city, staff):
    # opened on Monday 2 November 2026: 30 natural days end on Wednesday 2 December (Art. 15)
    return consultation_opened(
        owner=city["justice"], by=staff, opens_on=D(2026, 11, 2), closes_on=D(2026, 12, 2), identity=Identity.ANONYMOUS
    )


MID = D(2026, 11, 10)


def _comment(c, text, day=MID, **kw):
    return comment_submit(consultation=c, text=text, today=day, **kw)


def test_closing_before_opening_is_refused_naming_the_field(city, staff):
    test_owner_register()
    with pytest.raises(DomainError) as exc:
        consultation_create(
            owner=city["justice"],
            unit=city["justice"],
            title="x",
            opens_on=D(2026, 12, 10),
            closes_on=D(2026, 12, 9),
            by=staff,
        )
    assert (exc.value.field, exc.value.message) == ("closes_on", "截止日期不能早于开始日期。")
    assert Consultation.objects.count() == 0


def test_a_consultation_shorter_than_30_days_cannot_close_without_a_reason(opened, staff):
    with pytest.raises(DomainError) as exc:
        consultation_close(consultation=opened, by=staff, on=D(2026, 12, 1))
    assert exc.value.field == "short_reason"
    assert exc.value.message == (
        "征求意见期限不足30日（最早可于2026年12月02日截止），须说明理由后方可截止（《重大行政决策程序暂行条例》第十五条）。"
    )
    opened.refresh_from_db()
    assert (opened.state, opened.closed_on) == ("open", None)


def test_with_a_reason_it_closes_early_and_the_reason_is_kept(opened, staff):
    c = consultation_close(consultation=opened, by=staff, on=D(2026, 12, 1), short_reason="汛期前须出台")
    assert (c.state, c.closed_on, c.short_reason) == ("closed", D(2026, 12, 1), "汛期前须出台")
    event = AuditEvent.objects.filter(action="consultations.consultation.closed").get()
    assert event.summary["short_reason"] == "汛期前须出台"


def test_on_the_30th_day_it_closes_without_a_reason(opened, staff):
    assert consultation_close(consultation=opened, by=staff, on=D(2026, 12, 2)).state == "closed"


def test_a_comment_over_the_length_limit_is_refused_and_nothing_is_stored(opened):
    with pytest.raises(DomainError) as exc:
        _comment(opened, "意" * 2001)
    assert (exc.value.field, exc.value.message) == ("text", "意见内容不能超过2000字（现为2001字）。")
    assert Comment.objects.count() == 0


def test_named_consultations_need_name_phone_and_the_screen_code(city, staff):
    c = consultation_opened(owner=city["market"], by=staff, opens_on=D(2026, 11, 2), closes_on=D(2026, 12, 2))
    with pytest.raises(DomainError) as exc:
        _comment(c, "意见", name="张三", phone="13812345678", verified=False)
    assert exc.value.field == "code"
    cm = _comment(c, "意见", name="张三", phone="13812345678", verified=True)
    assert (cm.verified, cm.name, cm.phone) == (True, "张三", "13812345678")


def test_comments_outside_the_period_are_refused(opened):
    with pytest.raises(DomainError):
        _comment(opened, "晚了", day=D(2026, 12, 3))


def test_a_retried_submit_creates_one_comment(opened):
    import uuid

    token = uuid.uuid4()
    a = _comment(opened, "同一条", submit_token=token)
    b = _comment(opened, "同一条", submit_token=token)
    assert a.pk == b.pk and Comment.objects.count() == 1


def test_near_duplicates_cluster_as_they_arrive_with_honest_counts(opened, staff):
    for i, text in enumerate(NEAR_DUPLICATES):
        _comment(opened, text, phone=f"1380000000{i}")
    # a letter repeating the campaign text, entered by staff
    comment_enter(
        consultation=opened,
        by=staff,
        text=NEAR_DUPLICATES[0],
        channel="letter",
        received_on=D(2026, 11, 20),
        name="李四",
    )
    sizes = sorted(len(i.comments) for i in ledger_items(opened))
    assert sizes == [1, 1, 2, 4]
    f = consultation_figures(opened)
    assert (f["comments"], f["commenters"], f["clusters"], f["clustered_comments"], f["items"]) == (8, 8, 2, 6, 4)


def test_hidden_comments_keep_their_row_and_leave_the_counts(opened, staff):
    cm = _comment(opened, "广告内容")
    with pytest.raises(DomainError) as exc:
        comment_hide(comment=cm, reason=" ", by=staff)
    assert exc.value.field == "reason"
    comment_hide(comment=cm, reason="与征求意见无关的广告", by=staff)
    cm.refresh_from_db()
    assert (cm.hidden, cm.hidden_reason, Comment.objects.count()) == (True, "与征求意见无关的广告", 1)
    assert consultation_figures(opened)["comments"] == 0


def test_the_ledger_answers_clusters_once_and_the_explanation_counts_each_comment(opened, staff):
    # given a cluster of three, a pair and two single comments on article 第三条 and the whole draft
    third = opened.articles.get(label="第三条")
    made = [
        _comment(opened, t, article_id=third.pk if i < 3 else None, phone=f"1390000000{i}")
        for i, t in enumerate(NEAR_DUPLICATES)
    ]
    items = ledger_items(opened)
    # when each item is answered
    outcomes = [Outcome.PARTLY, Outcome.REJECTED, Outcome.ADOPTED, Outcome.EXISTING]
    for item, outcome in zip(items, outcomes, strict=True):
        target = {"cluster": item.cluster} if item.cluster else {"comment": item.first}
        adoption_record(consultation=opened, by=staff, outcome=outcome, reason="理由", revision="改为五元", **target)
    # then outcomes count per comment: 3 partly, 2 rejected, 1 adopted, 1 existing; rate = 4 / 7
    f = consultation_figures(opened)
    assert f["outcomes"] == {"adopted": 1, "partly": 3, "rejected": 2, "existing": 1}
    assert (f["answered"], f["adoption_rate"]) == (7, 57.14)
    art = next(r for r in f["per_article"] if r["label"] == "第三条")
    assert (art["comments"], art["adopted"], art["adoption_rate"]) == (3, 3, 100.0)
    assert [len(i.comments) for i in revision_list(opened)] == [1, 3]  # 总体 first, then by article
    # and publishing queues one reply notice per commenter with a phone
    consultation_close(consultation=opened, by=staff, on=D(2026, 12, 2))
    explanation_publish(consultation=opened, by=staff)
    assert ReplyNotice.objects.count() == 7
    notice = ReplyNotice.objects.get(comment=made[1])
    assert notice.text == "您对《示范市停车管理办法》提出的第2号意见处理结果：部分采纳。理由"
    assert notice.phone == "13900000001"


def test_publishing_with_an_unanswered_comment_is_refused(opened, staff):
    _comment(opened, "一条意见")
    consultation_close(consultation=opened, by=staff, on=D(2026, 12, 2))
    with pytest.raises(DomainError) as exc:
        explanation_publish(consultation=opened, by=staff)
    assert exc.value.message == "还有1项意见尚未处理，请在采纳台账中逐项处理。"
    opened.refresh_from_db()
    assert opened.state == "closed"


def test_a_stale_ledger_edit_is_a_conflict(opened, staff):
    cm = _comment(opened, "一条意见")
    e = adoption_record(consultation=opened, by=staff, comment=cm, outcome=Outcome.ADOPTED, reason="好")
    adoption_record(
        consultation=opened, by=staff, comment=cm, outcome=Outcome.PARTLY, reason="部分", expected_version=e.version
    )
    with pytest.raises(ConflictError):
        adoption_record(
            consultation=opened, by=staff, comment=cm, outcome=Outcome.REJECTED, reason="否", expected_version=e.version
        )
    assert AdoptionEntry.objects.get().outcome == "partly"


def test_another_units_staff_is_refused_by_the_service(opened, persona):
    other = persona("dept_liaison", unit="finance")
    with pytest.raises(DomainError):
        consultation_close(consultation=opened, by=other, on=D(2026, 12, 2))
