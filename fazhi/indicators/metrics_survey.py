"""Figures of the 公众满意度调查 in the metric registry (imported by metrics.py), so an indicator leaf can bind the
satisfaction rate and freeze it like any other computed value. A survey counts in its 调查年度; for a period shorter
than the year, the answers dated inside it. A unit filter keeps the surveys about that unit (被评价单位). Filters:
`survey` (its id), `question` (a question's id)."""

from __future__ import annotations

from typing import Any

from fazhi.metrics.registry import PERCENT, Measure, Metric, Query, RecordKind, register_metric, register_record_kind

MODULE = "公众满意度调查"
NOTE = (
    "调查计入其调查年度；统计期间不足一年时，计答题日期在期间内的答卷。指定单位时，计被评价单位为该单位（含下级单位时"
    "为其下级）的调查；按查看人可查看的调查计（需“查看指标体系与考核得分”权限，且为组织单位或被评价单位在其数据范围内）。"
)
SATISFIED_DEFAULT = ("satisfied", "basic")


def satisfied_set() -> tuple[str, ...]:
    from django.conf import settings

    return tuple(getattr(settings, "FAZHI_INDICATORS", {}).get("SURVEY_SATISFIED", SATISFIED_DEFAULT))


def _filter_id(q: Query, name: str) -> int | None:
    """A filter's id (the 口径 page passes it as typed: anything but digits matches nothing)."""
    raw = q.filters.get(name)
    if raw is None or raw == "":
        return None
    text = str(raw).strip()
    return int(text) if text.isdigit() else 0


def _surveys(q: Query) -> Any:
    from .models_survey import Survey
    from .policies import SurveyPolicy

    qs = SurveyPolicy.visible(q.viewer, "view") if q.viewer is not None else Survey.objects.all()
    qs = qs.filter(year=q.period.year)
    if q.unit_ids is not None:
        qs = qs.filter(subject_id__in=q.unit_ids)
    survey = _filter_id(q, "survey")
    if survey is not None:
        qs = qs.filter(pk=survey)
    return qs


def _whole_year(q: Query) -> bool:
    return q.period.start.timetuple().tm_yday == 1 and (q.period.end.month, q.period.end.day) == (12, 31)


def _responses(q: Query) -> Any:
    from .models_survey import SurveyResponse

    qs = SurveyResponse.objects.filter(survey__in=_surveys(q).values("pk"))
    if not _whole_year(q):
        qs = qs.filter(answered_on__gte=q.period.start, answered_on__lte=q.period.end)
    return qs


def _answers(q: Query) -> Any:
    from .models_survey import SurveyAnswer

    qs = SurveyAnswer.objects.filter(response__in=_responses(q).values("pk"))
    question = _filter_id(q, "question")
    if question is not None:
        qs = qs.filter(question_id=question)
    return qs


def _rows(q: Query) -> dict[int, str]:
    return q.memoize(
        ("indicators", "survey_answers", repr(sorted(q.filters.items()))),
        lambda: dict(_answers(q).values_list("pk", "rating")),
    )


def _response_count(q: Query) -> Measure:
    ids = sorted(_responses(q).values_list("pk", flat=True))
    return Measure(len(ids), records=ids if q.records else None)


def _rating_count(q: Query) -> Measure:
    """Every rating given, with one value per level (满意 / 基本满意 / 不满意)."""
    from .models_survey import SurveyRating

    rows = _rows(q)
    breakdown = [
        {"code": code, "label": label, "value": sum(1 for r in rows.values() if r == code)}
        for code, label in SurveyRating.choices
    ]
    return Measure(len(rows), breakdown=breakdown, records=sorted(rows) if q.records else None)


def _satisfied_count(q: Query) -> Measure:
    ok = satisfied_set()
    ids = sorted(pk for pk, r in _rows(q).items() if r in ok)
    return Measure(len(ids), records=ids if q.records else None)


def _describe_responses(ids: list[Any]) -> list[dict[str, Any]]:
    from django.urls import reverse

    from .models_survey import SurveyResponse

    rows = SurveyResponse.objects.filter(pk__in=ids).select_related("survey").order_by("answered_on", "id")
    return [
        {
            "url": reverse("indicators:survey", args=[r.survey_id]),
            "cells": [r.survey.title, r.answered_on.isoformat(), r.answers.count()],
        }
        for r in rows
    ]


def _describe_answers(ids: list[Any]) -> list[dict[str, Any]]:
    from django.urls import reverse

    from .models_survey import SurveyAnswer

    rows = (
        SurveyAnswer.objects.filter(pk__in=ids)
        .select_related("question", "response__survey")
        .order_by("response__answered_on", "id")
    )
    return [
        {
            "url": reverse("indicators:survey", args=[a.response.survey_id]),
            "cells": [
                a.response.survey.title,
                f"第{a.question.position}题 {a.question.text}",
                a.get_rating_display(),
                a.response.answered_on.isoformat(),
            ],
        }
        for a in rows
    ]


register_record_kind(
    RecordKind("indicators.survey_response", "调查答卷", ("调查", "答题日期", "评价项数"), _describe_responses)
)
register_record_kind(
    RecordKind("indicators.survey_answer", "调查评价", ("调查", "题目", "评价", "答题日期"), _describe_answers)
)

PARAMS = ("survey", "question")
register_metric(
    Metric(
        key="indicators.survey_responses",
        label="满意度调查答卷（份）",
        unit="份",
        definition="公众满意度调查收到的答卷份数（每个手机号码或答题码一份）。",
        scope_note=NOTE,
        module=MODULE,
        compute=_response_count,
        params=PARAMS,
        record_kind="indicators.survey_response",
    )
)
register_metric(
    Metric(
        key="indicators.survey_ratings",
        label="满意度评价（项次）",
        unit="项次",
        definition="上述答卷中各题的评价项次（一份答卷每题一项）；按评价等级（满意、基本满意、不满意）分列。",
        scope_note=NOTE,
        module=MODULE,
        compute=_rating_count,
        breakdown="评价等级",
        params=PARAMS,
        record_kind="indicators.survey_answer",
    )
)
register_metric(
    Metric(
        key="indicators.survey_satisfied",
        label="满意评价（项次）",
        unit="项次",
        definition="评价属于满意集合的项次（默认：满意、基本满意；设置 FAZHI_INDICATORS.SURVEY_SATISFIED）。",
        scope_note=NOTE,
        module=MODULE,
        compute=_satisfied_count,
        settings=("FAZHI_INDICATORS.SURVEY_SATISFIED",),
        params=PARAMS,
        record_kind="indicators.survey_answer",
    )
)
register_metric(
    Metric(
        key="indicators.survey_satisfaction_rate",
        label="公众满意率（%）",
        unit=PERCENT,
        definition="满意评价项次 ÷ 满意度评价项次 × 100%，保留两位小数；分母为 0 时无数值。",
        scope_note=NOTE,
        module=MODULE,
        numerator="indicators.survey_satisfied",
        denominator="indicators.survey_ratings",
        settings=("FAZHI_INDICATORS.SURVEY_SATISFIED",),
        params=PARAMS,
        record_kind="indicators.survey_answer",
    )
)
