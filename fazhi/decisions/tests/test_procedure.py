import datetime as dt

import pytest

from fazhi.audit.models import AuditEvent
from fazhi.audit.retention import audit_purge_expired
from fazhi.consultations.services import consultation_create, consultation_draft_import, consultation_open
from fazhi.core.errors import DomainError
from fazhi.decisions.models import Decision, Dissent, Meeting, ProcedureReturn, Step
from fazhi.decisions.services import (
    decision_adjust,
    decision_evaluate,
    decision_party_report,
    decision_publish,
    decision_send_back,
    legality_complete,
    legality_submit,
    step_record,
)

from .factories import MET, REVIEWED, SUBMITTED, decision_launched, legality_done, meeting, steps_done

D = dt.date
ART28 = "未经合法性审查的决策草案不得提交集体讨论（《重大行政决策程序暂行条例》第二十八条）。"


@pytest.fixture
def staff(persona):
    return persona("office_staff")


@pytest.fixture
def decision(city, staff):
    return decision_launched(city, staff, required=["expert", "risk"])


def test_skipping_the_legality_review_is_refused_citing_article_28(decision, staff):
    steps_done(decision, staff, ["expert", "risk"])
    with pytest.raises(DomainError) as exc:
        meeting(decision, staff)
    assert exc.value.message == ART28
    assert (Meeting.objects.count(), Decision.objects.get().state) == (0, "procedures")


def test_an_unlawful_opinion_cannot_go_to_collective_discussion(decision, staff):
    steps_done(decision, staff, ["expert", "risk"])
    legality_done(decision, staff, opinion=Step.Opinion.UNLAWFUL)
    with pytest.raises(DomainError) as exc:
        meeting(decision, staff)
    assert exc.value.message == "经审查不合法的决策草案不得提交集体讨论（《重大行政决策程序暂行条例》第二十八条）。"


def test_a_required_procedure_not_done_means_no_decision(decision, staff):
    steps_done(decision, staff, ["risk"])
    legality_done(decision, staff)
    with pytest.raises(DomainError) as exc:
        meeting(decision, staff)
    assert exc.value.message == "尚未履行以下程序，不能作出决策：专家论证（《重大行政决策程序暂行条例》第十九条）。"


def test_an_open_consultation_leaves_public_participation_undone(city, staff):
    d = decision_launched(city, staff, required=["participation"])
    c = consultation_create(
        owner=d, unit=city["market"], title="草案", opens_on=D(2026, 10, 10), closes_on=D(2026, 11, 30), by=staff
    )
    consultation_draft_import(consultation=c, text="第一条 内容", by=staff)
    consultation_open(consultation=c, by=staff, on=D(2026, 10, 10))
    legality_done(d, staff)
    with pytest.raises(DomainError) as exc:
        meeting(d, staff)
    assert "公众参与（《重大行政决策程序暂行条例》第十四条）" in exc.value.message


def test_a_legality_review_shorter_than_7_working_days_needs_a_reason(decision, staff):
    legality_submit(decision=decision, by=staff, on=SUBMITTED, reviewer="示范市司法局")
    with pytest.raises(DomainError) as exc:
        legality_complete(decision=decision, by=staff, on=D(2026, 11, 10), opinion="lawful", summary="合法")
    assert exc.value.field == "short_reason"
    assert exc.value.message.startswith("合法性审查时间不足7个工作日（最早2026-11-11）")
    step = legality_complete(
        decision=decision, by=staff, on=D(2026, 11, 10), opinion="lawful", summary="合法", short_reason="防汛需要"
    )
    assert (step.status, step.short_reason) == ("done", "防汛需要")


def test_a_meeting_dated_before_the_legality_opinion_is_refused_naming_the_field(decision, staff):
    steps_done(decision, staff, ["expert", "risk"])
    legality_done(decision, staff)
    with pytest.raises(DomainError) as exc:
        meeting(decision, staff, held_on=REVIEWED - dt.timedelta(days=1))
    assert (exc.value.field, exc.value.message) == ("held_on", "会议日期不能早于合法性审查意见日期（2026-11-11）。")
    d = Decision.objects.get()
    assert (d.state, d.decided_on, Meeting.objects.count()) == ("discussion", None, 0)


def test_the_head_speaks_last_and_a_departure_from_the_majority_is_explained(decision, staff):
    steps_done(decision, staff, ["expert", "risk"])
    legality_done(decision, staff)
    with pytest.raises(DomainError) as exc:
        meeting(decision, staff, speakers=["王市长", "李副市长"])
    assert exc.value.field == "speakers"
    with pytest.raises(DomainError) as exc:
        meeting(decision, staff, majority="postponed", result="adopted")
    assert exc.value.field == "departure_reason"
    m = meeting(
        decision,
        staff,
        majority="postponed",
        result="adopted",
        departure_reason="时间紧迫",
        dissents=[("李副市长", "建议暂缓，先做试点")],
    )
    d = Decision.objects.get()
    assert (d.state, d.decided_on, m.departure_reason) == ("decided", MET, "时间紧迫")
    assert list(Dissent.objects.values_list("person", "opinion")) == [("李副市长", "建议暂缓，先做试点")]


def test_dissent_survives_the_retention_purge_and_cannot_be_deleted(decision, staff):
    steps_done(decision, staff, ["expert", "risk"])
    legality_done(decision, staff)
    meeting(decision, staff, dissents=[("赵秘书长", "反对")])
    # ten years on, the audit trail of the meeting is purged …
    removed = audit_purge_expired(now=dt.datetime(2036, 12, 1, tzinfo=dt.UTC))
    assert removed > 0 and not AuditEvent.objects.filter(action="decisions.dissent.recorded").exists()
    # … the dissent itself is kept (Art. 38), and refuses to be deleted
    dissent = Dissent.objects.get()
    assert (dissent.person, dissent.opinion) == ("赵秘书长", "反对")
    with pytest.raises(DomainError):
        dissent.delete()
    with pytest.raises(DomainError):
        Dissent.objects.all().delete()
    assert Dissent.objects.count() == 1


def test_send_back_records_the_return_and_the_step_must_be_done_again(decision, staff):
    steps_done(decision, staff, ["expert", "risk"])
    legality_done(decision, staff)
    back = decision_send_back(decision=decision, to_step="risk", reason="风险评估未覆盖周边商户", by=staff)
    assert (back.from_state, back.to_step) == ("discussion", "risk")
    d = Decision.objects.get()
    assert d.state == "procedures"
    assert sorted(Step.objects.filter(status="returned").values_list("kind", flat=True)) == ["legality", "risk"]
    with pytest.raises(DomainError) as exc:
        meeting(d, staff)
    assert exc.value.message == ART28
    steps_done(d, staff, ["risk"])
    legality_done(d, staff)
    assert meeting(d, staff).result == "adopted"
    assert ProcedureReturn.objects.count() == 1


def test_publication_needs_the_party_report_and_the_adoption_explanation(city, staff):
    d = decision_launched(city, staff)
    c = consultation_create(
        owner=d, unit=city["market"], title="草案", opens_on=D(2026, 10, 10), closes_on=D(2026, 11, 9), by=staff
    )
    consultation_draft_import(consultation=c, text="第一条 内容", by=staff)
    consultation_open(consultation=c, by=staff, on=D(2026, 10, 10))
    from fazhi.consultations.services import consultation_close, explanation_publish

    consultation_close(consultation=c, by=staff, on=D(2026, 11, 9))
    legality_done(d, staff)
    meeting(d, staff)
    with pytest.raises(DomainError) as exc:
        decision_publish(decision=d, by=staff, on=D(2026, 11, 20), publication="政府网站")
    assert "第三十一条" in exc.value.message
    decision_party_report(decision=d, by=staff, on=D(2026, 11, 13))
    with pytest.raises(DomainError) as exc:
        decision_publish(decision=d, by=staff, on=D(2026, 11, 20), publication="政府网站")
    assert "第三十二条" in exc.value.message
    explanation_publish(consultation=c, by=staff)
    assert decision_publish(decision=d, by=staff, on=D(2026, 11, 20), publication="政府网站").state == "published"


def _published(city, staff):
    d = decision_launched(city, staff, required=["expert", "risk"])
    steps_done(d, staff, ["expert", "risk"])
    legality_done(d, staff)
    meeting(d, staff)
    decision_party_report(decision=d, by=staff, on=D(2026, 11, 13))
    return decision_publish(decision=d, by=staff, on=D(2026, 11, 16), publication="政府网站")


def test_a_major_adjustment_runs_the_procedure_again(city, staff):
    d = _published(city, staff)
    d = decision_adjust(decision=d, by=staff, on=D(2026, 11, 20), reason="收费区域扩大", major=True)
    assert (d.round, d.state, d.decided_on) == (2, "procedures", None)
    legality_done(d, staff)
    with pytest.raises(DomainError) as exc:
        meeting(d, staff)
    assert "专家论证" in exc.value.message and "风险评估" in exc.value.message


def test_post_evaluation_is_not_by_the_main_pre_decision_assessor(city, staff):
    d = _published(city, staff)
    with pytest.raises(DomainError) as exc:
        decision_evaluate(
            decision=d,
            by=staff,
            trigger="objections",
            assessor="示范 大学",
            completed_on=D(2026, 11, 30),
            conclusion="效果良好",
        )
    assert exc.value.field == "assessor"
    ev = decision_evaluate(
        decision=d,
        by=staff,
        trigger="objections",
        assessor="第三方评估公司",
        completed_on=D(2026, 11, 30),
        conclusion="效果良好",
    )
    assert ev.assessor == "第三方评估公司"


def test_a_hearing_needs_its_materials_7_days_before(decision, staff):
    with pytest.raises(DomainError) as exc:
        step_record(
            decision=decision,
            kind="hearing",
            by=staff,
            started_on=D(2026, 10, 12),
            completed_on=D(2026, 10, 18),
            summary="听证",
            materials_on=D(2026, 10, 12),
            participants_published_on=D(2026, 10, 12),
        )
    assert (
        exc.value.message
        == "听证会最早可于2026-10-19召开：听证材料应于召开听证会7日前送达（《重大行政决策程序暂行条例》第十七条）。"
    )
    step = step_record(
        decision=decision,
        kind="hearing",
        by=staff,
        started_on=D(2026, 10, 12),
        completed_on=D(2026, 10, 19),
        summary="听证",
        materials_on=D(2026, 10, 12),
        participants_published_on=D(2026, 10, 12),
    )
    assert step.status == "done"
