"""Reads of the 公众满意度调查: the surveys a user may see (SurveyPolicy), the open ones the portal lists, and a
survey's results — every number from the metric registry (metrics_survey.py), so the page, a bound indicator leaf
and `fazhi metrics value indicators.survey_satisfaction_rate` agree."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from .models_survey import Survey, SurveyState
from .policies import SurveyPolicy

KEYS = ("indicators.survey_responses", "indicators.survey_ratings", "indicators.survey_satisfaction_rate")


def surveys_visible_to(user: Any) -> QuerySet[Survey]:
    return SurveyPolicy.visible(user, "view", Survey.objects.select_related("owner", "subject"))


def survey_get_for(user: Any, pk: int, action: str = "view") -> Survey:
    """The same not-found for a missing and a forbidden survey."""
    found = surveys_visible_to(user).filter(pk=pk).first()
    if found is None or (action != "view" and not SurveyPolicy.can(user, action, found)):
        raise Http404("调查不存在")
    return found


def surveys_public() -> QuerySet[Survey]:
    """What the portal shows: surveys under way or ended (never a draft)."""
    return Survey.objects.exclude(state=SurveyState.DRAFT).select_related("subject")


def _pct(n: int, d: int) -> float:
    return round(100 * n / d, 2) if d else 0.0


def survey_progress(survey: Survey) -> dict[str, Any]:
    """Answers received against the sample target (the public page shows it; counted for every viewer)."""
    from fazhi.metrics.selectors import metric_value

    n = metric_value("indicators.survey_responses", period=survey.year, survey=survey.pk)["value"]
    return {"responses": n, "target": survey.sample_target, "percent": min(100.0, _pct(n, survey.sample_target))}


def survey_results(survey: Survey, *, viewer: Any) -> dict[str, Any]:
    """The survey's answers, its satisfaction rate and, per question, the count of each rating and its rate."""
    from fazhi.metrics.selectors import metric_values

    memo: dict[Any, Any] = {}
    total = metric_values(KEYS, period=survey.year, viewer=viewer, survey=survey.pk, memo=memo)
    questions = []
    for q in survey.questions.order_by("position"):
        v = metric_values(
            ("indicators.survey_ratings", "indicators.survey_satisfaction_rate"),
            period=survey.year,
            viewer=viewer,
            survey=survey.pk,
            question=q.pk,
        )
        questions.append(
            {
                "id": q.pk,
                "position": q.position,
                "text": q.text,
                "counts": {b["code"]: b["value"] for b in v["indicators.survey_ratings"]["breakdown"]},
                "rate": v["indicators.survey_satisfaction_rate"]["value"],
            }
        )
    responses = total["indicators.survey_responses"]["value"]
    return {
        "responses": responses,
        "target": survey.sample_target,
        "percent": min(100.0, _pct(responses, survey.sample_target)),
        "ratings": total["indicators.survey_ratings"]["value"],
        "breakdown": total["indicators.survey_ratings"]["breakdown"],
        "rate": total["indicators.survey_satisfaction_rate"]["value"],
        "satisfied": total["indicators.survey_satisfaction_rate"]["numerator"],
        "questions": questions,
    }


def survey_chart(results: dict[str, Any]) -> dict[str, Any]:
    """An ECharts option: one stacked bar per question, its 满意 / 基本满意 / 不满意 counts."""
    from .models_survey import SurveyRating

    colours = {"satisfied": "#2e7d32", "basic": "#f9a825", "unsatisfied": "#c62828"}
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"data": [label for _, label in SurveyRating.choices]},
        "grid": {"containLabel": True, "left": 8, "right": 8},
        "xAxis": {"type": "value"},
        "yAxis": {"type": "category", "inverse": True, "data": [f"第{q['position']}题" for q in results["questions"]]},
        "series": [
            {
                "name": label,
                "type": "bar",
                "stack": "all",
                "itemStyle": {"color": colours[code]},
                "data": [q["counts"].get(code, 0) for q in results["questions"]],
            }
            for code, label in SurveyRating.choices
        ],
    }
