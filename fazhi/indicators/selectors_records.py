"""Reads of the indicators module's sources (述法, 学法, 法治能力测试, 法律顾问), already scoped by the record policies;
the figures come from the metric registry (metrics.py), so a page, an indicator leaf and `fazhi metrics value` agree."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from .models import AbilityResult, AbilityTest, Adviser, AdviserEngagement, AdviserOpinion, DutyReport, StudySession
from .policies import (
    AbilityResultPolicy,
    AbilityTestPolicy,
    AdviserEngagementPolicy,
    AdviserOpinionPolicy,
    AdviserPolicy,
    DutyReportPolicy,
    StudySessionPolicy,
)

SOURCE_KEYS = (
    "indicators.duty_reports",
    "indicators.duty_coverage",
    "indicators.study_sessions",
    "indicators.court_observations",
    "indicators.oaths",
    "indicators.test_takers",
    "indicators.test_pass_rate",
    "indicators.adviser_coverage",
    "indicators.adviser_opinions",
    "indicators.adviser_hours",
)


def duty_reports_visible_to(user: Any) -> QuerySet[DutyReport]:
    return DutyReportPolicy.visible(user, "view", DutyReport.objects.select_related("unit"))


def study_sessions_visible_to(user: Any) -> QuerySet[StudySession]:
    return StudySessionPolicy.visible(user, "view", StudySession.objects.select_related("unit"))


def ability_tests_visible_to(user: Any) -> QuerySet[AbilityTest]:
    return AbilityTestPolicy.visible(user, "view", AbilityTest.objects.select_related("owner"))


def ability_results_visible_to(user: Any) -> QuerySet[AbilityResult]:
    return AbilityResultPolicy.visible(user, "view", AbilityResult.objects.select_related("unit", "test"))


def advisers_visible_to(user: Any) -> QuerySet[Adviser]:
    return AdviserPolicy.visible(user, "view", Adviser.objects.all())


def engagements_visible_to(user: Any) -> QuerySet[AdviserEngagement]:
    return AdviserEngagementPolicy.visible(user, "view", AdviserEngagement.objects.select_related("adviser", "unit"))


def opinions_visible_to(user: Any) -> QuerySet[AdviserOpinion]:
    return AdviserOpinionPolicy.visible(
        user, "view", AdviserOpinion.objects.select_related("engagement__adviser", "engagement__unit")
    )


def source_figures(user: Any, year: int) -> dict[str, dict[str, Any]]:
    """The year's figures of the sources as the user may see them (metric registry)."""
    from fazhi.metrics.selectors import metric_values

    return metric_values(SOURCE_KEYS, period=year, viewer=user)


def pass_rates_by_unit(user: Any, year: int) -> list[dict[str, Any]]:
    """Per unit with results in the year (in the user's scope): takers, passed, pass rate — each the registry's."""
    from fazhi.metrics.selectors import metric_values
    from fazhi.orgs.models import Unit

    unit_ids = (
        ability_results_visible_to(user).filter(test__held_on__year=year).values_list("unit_id", flat=True).distinct()
    )
    rows = []
    memo: dict[Any, Any] = {}
    for u in Unit.objects.filter(pk__in=list(unit_ids)).order_by("path", "sort_order", "id"):
        memo.clear()
        v = metric_values(
            ("indicators.test_takers", "indicators.test_passed", "indicators.test_pass_rate"),
            period=year,
            unit=u,
            viewer=user,
            memo=memo,
        )
        rows.append(
            {
                "unit": u,
                "takers": v["indicators.test_takers"]["value"],
                "passed": v["indicators.test_passed"]["value"],
                "rate": v["indicators.test_pass_rate"]["value"],
            }
        )
    return rows


def duty_coverage_by_level(user: Any, year: int) -> tuple[list[dict[str, Any]], dict[str, Any], list[Any]]:
    """Per level (省级 / 市级 / 县级, those with units to report): required, reported, rate; the total; and the units
    that have not reported — all from the registry's duty_coverage as the user may see it."""
    from fazhi.metrics.selectors import metric_value
    from fazhi.orgs.models import Unit, UnitLevel

    from .metrics import DUTY_REPORT_LEVELS

    v = metric_value("indicators.duty_coverage", period=year, viewer=user, records=True)
    required = set(v["records"]["denominator"])
    reported = set(v["records"]["numerator"])
    units = list(Unit.objects.filter(pk__in=required).order_by("path", "sort_order", "id"))
    rates = {b["code"]: b["value"] for b in v["breakdown"]}
    levels = []
    for code in DUTY_REPORT_LEVELS:
        at = [u for u in units if u.level == code]
        if at:
            levels.append(
                {
                    "code": code,
                    "label": UnitLevel(code).label,
                    "required": len(at),
                    "reported": sum(1 for u in at if u.pk in reported),
                    "rate": rates.get(code),
                }
            )
    total = {"label": "合计", "required": v["denominator"], "reported": v["numerator"], "rate": v["value"]}
    return levels, total, [u for u in units if u.pk not in reported]
