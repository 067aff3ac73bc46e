"""公众满意度调查 (issue 23 §2): one answer per phone or code (a retried submit is one answer), the phone never kept
in clear, refusals naming the field, and the satisfaction rate as a registry metric an indicator leaf binds."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest

from fazhi.audit.models import AuditEvent
from fazhi.core.errors import ConflictError, DomainError
from fazhi.indicators.models import Survey, SurveyAnswer, SurveyCode, SurveyResponse
from fazhi.indicators.services_survey import (
    survey_answer_submit,
    survey_codes_issue,
    survey_create,
    survey_state_set,
)
from fazhi.metrics.selectors import metric_value, metric_values

pytestmark = pytest.mark.django_db
YEAR = 2026
PHONE = "13912345678"


@pytest.fixture
def office(persona):
    return persona("office_staff", "justice")


def _survey(office, city, *, identity="phone", open_it=True, questions=("依法办事", "执法规范")):
    s = survey_create(
        by=office,
        title="群众满意度调查",
        year=YEAR,
        owner=city["justice"],
        subject=city["market"],
        questions=list(questions),
        sample_target=4,
        identity=identity,
    )
    if open_it:
        s = survey_state_set(by=office, survey=s, state="open")
    return s


def _ratings(s, *values):
    return {q.pk: v for q, v in zip(s.questions.order_by("position"), values, strict=True)}


def _refused(fn, **kw):
    with pytest.raises(DomainError) as e:
        fn(**kw)
    return e.value.field, e.value.message


def test_a_retried_submit_is_one_answer_and_the_same_phone_cannot_answer_twice(office, city):
    # given an open survey
    s = _survey(office, city)
    token = uuid.uuid4()
    # when the same sheet is sent twice (a double click, a resend after a timeout)
    first = survey_answer_submit(survey=s, phone=PHONE, ratings=_ratings(s, "satisfied", "basic"), submit_token=token)
    again = survey_answer_submit(survey=s, phone=PHONE, ratings=_ratings(s, "satisfied", "basic"), submit_token=token)
    # then it is one answer
    assert again.pk == first.pk and SurveyResponse.objects.count() == 1 and SurveyAnswer.objects.count() == 2
    # and a new sheet from the same phone — typed in full-width digits — is refused naming the phone
    field, message = _refused(
        survey_answer_submit,
        survey=s,
        phone="１３９１２３４５６７８",
        ratings=_ratings(s, "unsatisfied", "unsatisfied"),
        submit_token=uuid.uuid4(),
    )
    assert (field, message) == ("phone", "手机号码：该手机号码已参与本次调查，每份限答一次。")
    assert SurveyResponse.objects.count() == 1 and SurveyAnswer.objects.count() == 2


def test_the_phone_is_never_stored_in_clear(office, city):
    s = _survey(office, city)
    sheet = survey_answer_submit(survey=s, phone=PHONE, ratings=_ratings(s, "satisfied", "satisfied"))
    assert PHONE not in sheet.respondent_key and len(sheet.respondent_key) == 64
    from django.db import connection

    with connection.cursor() as c:
        c.execute("SELECT * FROM indicators_surveyresponse")
        rows = c.fetchall()
    assert not any(PHONE in str(v) for row in rows for v in row)
    assert not any(PHONE in str(e.summary) for e in AuditEvent.objects.filter(action="indicators.survey.answer"))
    # the index is per survey: the same phone in another survey gives another key (answers cannot be linked)
    other = _survey(office, city)
    sheet2 = survey_answer_submit(survey=other, phone=PHONE, ratings=_ratings(other, "basic", "basic"))
    assert sheet2.respondent_key != sheet.respondent_key


def test_bad_sheets_are_refused_naming_the_field_and_change_nothing(office, city):
    s = _survey(office, city)
    first_q = s.questions.get(position=1)
    assert _refused(survey_answer_submit, survey=s, phone="1391234", ratings=_ratings(s, "satisfied", "basic")) == (
        "phone",
        "手机号码：请填写11位手机号码。",
    )
    second = s.questions.get(position=2)
    assert _refused(survey_answer_submit, survey=s, phone=PHONE, ratings={first_q.pk: "satisfied"}) == (
        f"q_{second.pk}",
        "第2题：请选择满意程度。",
    )
    assert _refused(survey_answer_submit, survey=s, phone=PHONE, ratings={first_q.pk: "great", second.pk: "basic"}) == (
        f"q_{first_q.pk}",
        "第1题：请选择满意程度。",
    )
    draft = _survey(office, city, open_it=False)
    assert _refused(survey_answer_submit, survey=draft, phone=PHONE, ratings=_ratings(draft, "basic", "basic")) == (
        "survey",
        "调查：本次调查未开始或已结束，暂不能提交。",
    )
    survey_state_set(by=office, survey=s, state="closed")
    s.refresh_from_db()
    assert _refused(survey_answer_submit, survey=s, phone=PHONE, ratings=_ratings(s, "basic", "basic"))[0] == "survey"
    assert SurveyResponse.objects.count() == 0


def test_an_issued_code_answers_once(office, city):
    s = _survey(office, city, identity="code")
    codes = survey_codes_issue(by=office, survey=s, count=3)
    assert len(codes) == 3 and len(set(codes)) == 3 and SurveyCode.objects.filter(survey=s).count() == 3
    assert not SurveyCode.objects.filter(digest__in=codes).exists()  # only the index is kept
    # a code typed in lower case with a space answers; the same code again is refused
    typed = codes[0][:4].lower() + " " + codes[0][4:].lower()
    survey_answer_submit(survey=s, code=typed, ratings=_ratings(s, "satisfied", "basic"))
    assert SurveyCode.objects.filter(survey=s, used_at__isnull=False).count() == 1
    assert _refused(survey_answer_submit, survey=s, code=codes[0], ratings=_ratings(s, "basic", "basic")) == (
        "code",
        "答题码：该答题码已参与本次调查，每份限答一次。",
    )
    assert _refused(survey_answer_submit, survey=s, code="ZZZZ2222", ratings=_ratings(s, "basic", "basic")) == (
        "code",
        "答题码：答题码无效，请核对后重新填写。",
    )
    assert SurveyResponse.objects.count() == 1
    phone_survey = _survey(office, city)
    assert _refused(survey_codes_issue, by=office, survey=phone_survey, count=3)[0] == "count"
    assert _refused(survey_codes_issue, by=office, survey=s, count=0) == ("count", "数量：应为1至5000。")


def test_opening_and_closing_check_the_state_and_the_version(office, city):
    s = _survey(office, city, open_it=False)
    assert s.state == "draft"
    s = survey_state_set(by=office, survey=s, state="open", version=s.version)
    assert s.state == "open" and s.opened_at is not None
    with pytest.raises(ConflictError):
        survey_state_set(by=office, survey=s, state="closed", version=s.version - 1)
    assert _refused(survey_state_set, by=office, survey=s, state="open") == (
        "state",
        "状态：调查当前为“进行中”，不能开始。",
    )
    s = survey_state_set(by=office, survey=s, state="closed")
    assert s.state == "closed" and s.closed_at is not None


def test_a_survey_needs_a_title_questions_and_a_target(office, city):
    kw = {
        "by": office,
        "title": "调查",
        "year": YEAR,
        "owner": city["justice"],
        "questions": ["甲"],
        "sample_target": 1,
    }
    assert _refused(survey_create, **{**kw, "title": " "}) == ("title", "调查名称：请填写。")
    assert _refused(survey_create, **{**kw, "questions": ["", " "]}) == (
        "questions",
        "调查题目：请至少填写一道题目（每行一题）。",
    )
    assert _refused(survey_create, **{**kw, "sample_target": 0}) == ("sample_target", "样本量目标：应为正整数。")
    assert Survey.objects.count() == 0
    token = uuid.uuid4()
    one = survey_create(**kw, submit_token=token)
    assert survey_create(**kw, submit_token=token).pk == one.pk and Survey.objects.count() == 1
    assert one.subject_id == city["justice"].pk  # no unit surveyed: the organiser


def _answered(office, city):
    """Three sheets, two questions: 满意 2, 基本满意 2, 不满意 2 → 4 of 6 satisfied = 66.67%."""
    s = _survey(office, city)
    for phone, a, b in (
        ("13900000001", "satisfied", "unsatisfied"),
        ("13900000002", "basic", "satisfied"),
        ("13900000003", "unsatisfied", "basic"),
    ):
        survey_answer_submit(survey=s, phone=phone, ratings=_ratings(s, a, b))
    return s


def test_the_satisfaction_rate_is_exact_with_its_breakdown(office, city):
    s = _answered(office, city)
    v = metric_values(
        ["indicators.survey_responses", "indicators.survey_ratings", "indicators.survey_satisfaction_rate"],
        period=YEAR,
        survey=s.pk,
    )
    assert v["indicators.survey_responses"]["value"] == 3
    assert v["indicators.survey_ratings"]["value"] == 6
    assert v["indicators.survey_ratings"]["breakdown"] == [
        {"code": "satisfied", "label": "满意", "value": 2},
        {"code": "basic", "label": "基本满意", "value": 2},
        {"code": "unsatisfied", "label": "不满意", "value": 2},
    ]
    rate = v["indicators.survey_satisfaction_rate"]
    assert (rate["value"], rate["numerator"], rate["denominator"]) == (66.67, 4, 6)
    q1 = s.questions.get(position=1)
    assert (
        metric_value("indicators.survey_satisfaction_rate", period=YEAR, survey=s.pk, question=q1.pk)["value"] == 66.67
    )
    # by the unit surveyed, and another unit has none
    assert metric_value("indicators.survey_satisfaction_rate", period=YEAR, unit=city["market"])["value"] == 66.67
    assert metric_value("indicators.survey_satisfaction_rate", period=YEAR, unit=city["finance"])["value"] is None
    assert metric_value("indicators.survey_responses", period=YEAR - 1)["value"] == 0


def test_only_satisfied_counts_when_the_setting_says_so(office, city, settings):
    s = _answered(office, city)
    settings.FAZHI_INDICATORS = {**settings.FAZHI_INDICATORS, "SURVEY_SATISFIED": ("satisfied",)}
    assert metric_value("indicators.survey_satisfaction_rate", period=YEAR, survey=s.pk)["value"] == 33.33


def test_a_leaf_bound_to_the_satisfaction_rate_freezes_and_scores_it(office, city):
    from fazhi.indicators.parsing import parse_indicator_text
    from fazhi.indicators.selectors import indicator_tree, leaves
    from fazhi.indicators.services import indicator_node_update, indicator_results_freeze, indicator_set_import

    _answered(office, city)
    made = indicator_set_import(
        by=office,
        nodes=parse_indicator_text("一、群众满意（10分）\n1.群众满意度（10分）\n"),
        code="MYD",
        name="满意度考核",
        year=YEAR,
        owner=city["justice"],
    )
    leaf = made.nodes.get(title="群众满意度")
    indicator_node_update(
        by=office,
        node=leaf,
        points=Decimal(10),
        method="rate",
        target=Decimal(90),
        metric_key="indicators.survey_satisfaction_rate",
    )
    assert indicator_results_freeze(by=office, indicator_set=made, unit=city["market"]) == 1
    (n,) = leaves(indicator_tree(made, unit=city["market"]))
    assert (n["value"], n["score"], n["source"]) == (66.67, 7.41, "computed")  # 10 × 66.67 ÷ 90


def test_the_viewer_sees_only_surveys_in_scope(office, city, persona):
    s = _answered(office, city)
    market = persona("dept_liaison", "market")
    finance = persona("dept_liaison", "finance")
    assert metric_value("indicators.survey_responses", period=YEAR, viewer=market, survey=s.pk)["value"] == 3
    assert metric_value("indicators.survey_responses", period=YEAR, viewer=finance, survey=s.pk)["value"] == 0
