"""API read endpoints of the indicators module: the indicator sets a caller may see, and one set's indicators with
each leaf's value, score and source for the area or one assessed unit (a flat list in tree order, each row naming
its parent). Same policy and selectors as the pages (IndicatorSetPolicy, action `indicators.set.view`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from fazhi.api.access import require
from fazhi.api.catalogue import api_actions
from fazhi.api.errors import ApiError, ApiErrorCode, not_found
from fazhi.api.handlers import ErrorOut
from fazhi.api.lists import LIMIT_DEFAULT, LIMIT_MAX, keyset_page
from fazhi.orgs.models import Unit

from .selectors import indicator_sets_visible_to, indicator_tree, tree_total

VIEW = "indicators.set.view"
api_actions(VIEW)
router = Router(tags=["指标考核"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 429: ErrorOut}
ID_ORDERINGS = {"-id": (("-id", "int"),), "id": (("id", "int"),)}


class IndicatorSetOut(Schema):
    id: int
    code: str
    name: str
    year: int
    edition: str
    owner: str


class IndicatorSetListOut(Schema):
    items: list[IndicatorSetOut]
    next_cursor: str | None


class IndicatorNodeOut(Schema):
    id: int
    parent_id: int | None
    depth: int
    title: str
    points: float | None
    method: str
    metric_key: str
    is_leaf: bool
    value: float | None
    score: float | None
    source: str | None


class IndicatorScoresOut(Schema):
    set: IndicatorSetOut
    unit: str
    total: float | None
    nodes: list[IndicatorNodeOut]


def _set_row(s: Any) -> dict[str, Any]:
    return {"id": s.pk, "code": s.code, "name": s.name, "year": s.year, "edition": s.edition, "owner": s.owner.code}


@router.get(
    "indicators/sets/",
    response={200: IndicatorSetListOut, **ERRORS},
    url_name="indicator_set_list",
    summary="指标体系列表",
)
def indicator_set_list(
    request: HttpRequest,
    year: int | None = Query(None, ge=1990, le=2100),
    cursor: str | None = Query(None, max_length=500),
    limit: int = Query(LIMIT_DEFAULT, ge=1, le=LIMIT_MAX),
) -> dict:
    """可查看的指标体系（`indicators.set.view`）。"""
    user = require(request, VIEW)
    qs = indicator_sets_visible_to(user)
    if year is not None:
        qs = qs.filter(year=year)
    return keyset_page(qs, orderings=ID_ORDERINGS, ordering="-id", cursor=cursor, limit=limit, row=_set_row)


def _flat(tree: list[dict[str, Any]], parent: int | None, depth: int, out: list[dict[str, Any]]) -> None:
    for n in tree:
        out.append(
            {
                "id": n["id"],
                "parent_id": parent,
                "depth": depth,
                "title": n["title"],
                "points": n["points"],
                "method": n["method"],
                "metric_key": n["metric_key"],
                "is_leaf": not n["children"],
                "value": n["value"],
                "score": n["score"],
                "source": n["source"],
            }
        )
        _flat(n["children"], n["id"], depth + 1, out)


@router.get(
    "indicators/sets/{set_id}/scores/",
    response={200: IndicatorScoresOut, **ERRORS},
    url_name="indicator_set_scores",
    summary="指标体系得分（末级指标的数值、得分、来源，逐级汇总）",
)
def indicator_set_scores(
    request: HttpRequest, set_id: int, unit: str | None = Query(None, max_length=32, description="被考核单位编码")
) -> dict:
    user = require(request, VIEW)
    found = indicator_sets_visible_to(user).filter(pk=set_id).first()
    if found is None:
        raise not_found()
    u = None
    if unit:
        u = Unit.objects.filter(code=unit).first()
        if u is None:
            raise ApiError(400, ApiErrorCode.INVALID, f"unit：未找到编码为“{unit}”的单位。", field="unit")
    tree = indicator_tree(found, unit=u)
    rows: list[dict[str, Any]] = []
    _flat(tree, None, 1, rows)
    return {"set": _set_row(found), "unit": u.code if u else "", "total": tree_total(tree), "nodes": rows}


# ------------------------------------------------------------------ the sources: 述法, 学法, 法治能力测试, 法律顾问
# Read-only; the same record policies and selectors as the pages (action indicators.record.view, the caller's data
# scope); figures come from the metric registry.

RECORD_VIEW = "indicators.record.view"
api_actions(RECORD_VIEW)


class IndicatorsDutyReportOut(Schema):
    id: int
    unit: str
    year: int
    reporter: str
    post: str
    heard_on: str
    heard_by: str
    rating: str
    has_file: bool


class IndicatorsDutyReportListOut(Schema):
    items: list[IndicatorsDutyReportOut]
    next_cursor: str | None


class IndicatorsStudySessionOut(Schema):
    id: int
    unit: str
    kind: str
    held_on: str
    topic: str
    speaker: str
    attendance: int


class IndicatorsStudySessionListOut(Schema):
    items: list[IndicatorsStudySessionOut]
    next_cursor: str | None


class IndicatorsPassRateOut(Schema):
    unit: str
    takers: int
    passed: int
    rate: float | None


class IndicatorsPassRatesOut(Schema):
    year: int
    items: list[IndicatorsPassRateOut]


class IndicatorsEngagementOut(Schema):
    id: int
    adviser: str
    adviser_kind: str
    unit: str
    starts_on: str
    ends_on: str | None
    fee: float


class IndicatorsEngagementListOut(Schema):
    items: list[IndicatorsEngagementOut]
    next_cursor: str | None


class IndicatorsFigureOut(Schema):
    key: str
    value: float | None
    numerator: float | None
    denominator: float | None


class IndicatorsSourceFiguresOut(Schema):
    year: int
    figures: list[IndicatorsFigureOut]


YEAR = Query(None, ge=2000, le=2100, description="年度")


@router.get(
    "indicators/duty-reports/",
    response={200: IndicatorsDutyReportListOut, **ERRORS},
    url_name="indicators_duty_report_list",
    summary="述职述法记录",
)
def indicators_duty_report_list(
    request: HttpRequest,
    year: int | None = YEAR,
    cursor: str | None = Query(None, max_length=500),
    limit: int = Query(LIMIT_DEFAULT, ge=1, le=LIMIT_MAX),
) -> dict:
    from .selectors_records import duty_reports_visible_to

    qs = duty_reports_visible_to(require(request, RECORD_VIEW))
    if year is not None:
        qs = qs.filter(year=year)

    def row(r: Any) -> dict[str, Any]:
        return {
            "id": r.pk,
            "unit": r.unit.code,
            "year": r.year,
            "reporter": r.reporter,
            "post": r.post,
            "heard_on": r.heard_on.isoformat(),
            "heard_by": r.heard_by,
            "rating": r.rating,
            "has_file": bool(r.file_name),
        }

    return keyset_page(qs, orderings=ID_ORDERINGS, ordering="-id", cursor=cursor, limit=limit, row=row)


@router.get(
    "indicators/study-sessions/",
    response={200: IndicatorsStudySessionListOut, **ERRORS},
    url_name="indicators_study_session_list",
    summary="学法活动（常务会议学法、理论中心组学法、旁听庭审、宪法宣誓）",
)
def indicators_study_session_list(
    request: HttpRequest,
    year: int | None = YEAR,
    kind: str | None = Query(None, max_length=16, description="standing / central_group / court / oath"),
    cursor: str | None = Query(None, max_length=500),
    limit: int = Query(LIMIT_DEFAULT, ge=1, le=LIMIT_MAX),
) -> dict:
    from .models import StudyKind
    from .selectors_records import study_sessions_visible_to

    qs = study_sessions_visible_to(require(request, RECORD_VIEW))
    if kind:
        if kind not in StudyKind.values:
            raise ApiError(
                400, ApiErrorCode.INVALID, f"kind：取值应为 {'、'.join(StudyKind.values)} 之一。", field="kind"
            )
        qs = qs.filter(kind=kind)
    if year is not None:
        qs = qs.filter(held_on__year=year)

    def row(r: Any) -> dict[str, Any]:
        return {
            "id": r.pk,
            "unit": r.unit.code,
            "kind": r.kind,
            "held_on": r.held_on.isoformat(),
            "topic": r.topic,
            "speaker": r.speaker,
            "attendance": r.attendance,
        }

    return keyset_page(qs, orderings=ID_ORDERINGS, ordering="-id", cursor=cursor, limit=limit, row=row)


@router.get(
    "indicators/tests/pass-rates/",
    response={200: IndicatorsPassRatesOut, **ERRORS},
    url_name="indicators_test_pass_rates",
    summary="法治能力测试各单位合格率",
)
def indicators_test_pass_rates(request: HttpRequest, year: int = Query(..., ge=2000, le=2100)) -> dict:
    from .selectors_records import pass_rates_by_unit

    rows = pass_rates_by_unit(require(request, RECORD_VIEW), year)
    return {
        "year": year,
        "items": [
            {"unit": r["unit"].code, "takers": r["takers"], "passed": r["passed"], "rate": r["rate"]} for r in rows
        ],
    }


@router.get(
    "indicators/adviser-engagements/",
    response={200: IndicatorsEngagementListOut, **ERRORS},
    url_name="indicators_engagement_list",
    summary="法律顾问、公职律师服务单位（聘用期、费用）",
)
def indicators_engagement_list(
    request: HttpRequest,
    cursor: str | None = Query(None, max_length=500),
    limit: int = Query(LIMIT_DEFAULT, ge=1, le=LIMIT_MAX),
) -> dict:
    from .selectors_records import engagements_visible_to

    qs = engagements_visible_to(require(request, RECORD_VIEW))

    def row(e: Any) -> dict[str, Any]:
        return {
            "id": e.pk,
            "adviser": e.adviser.name,
            "adviser_kind": e.adviser.kind,
            "unit": e.unit.code,
            "starts_on": e.starts_on.isoformat(),
            "ends_on": e.ends_on.isoformat() if e.ends_on else None,
            "fee": float(e.fee),
        }

    return keyset_page(qs, orderings=ID_ORDERINGS, ordering="-id", cursor=cursor, limit=limit, row=row)


@router.get(
    "indicators/source-figures/",
    response={200: IndicatorsSourceFiguresOut, **ERRORS},
    url_name="indicators_source_figures",
    summary="述法、学法、法治能力测试、法律顾问的年度指标（指标注册表）",
)
def indicators_source_figures(request: HttpRequest, year: int = Query(..., ge=2000, le=2100)) -> dict:
    from .selectors_records import source_figures

    values = source_figures(require(request, RECORD_VIEW), year)
    return {
        "year": year,
        "figures": [
            {"key": k, "value": v["value"], "numerator": v["numerator"], "denominator": v["denominator"]}
            for k, v in values.items()
        ],
    }


# ------------------------------------------------------------------ 公众满意度调查 (issue 23 §2)
# The surveys the caller may see (SurveyPolicy: indicators.set.view within the organiser or the unit surveyed), with
# their results from the metric registry.


class IndicatorsSurveyQuestionOut(Schema):
    position: int
    text: str
    satisfied: int
    basic: int
    unsatisfied: int
    rate: float | None


class IndicatorsSurveyOut(Schema):
    id: int
    title: str
    year: int
    owner: str
    subject: str
    identity: str
    state: str
    sample_target: int
    responses: int
    ratings: int
    satisfaction_rate: float | None
    questions: list[IndicatorsSurveyQuestionOut]


class IndicatorsSurveyListOut(Schema):
    items: list[IndicatorsSurveyOut]
    next_cursor: str | None


@router.get(
    "indicators/surveys/",
    response={200: IndicatorsSurveyListOut, **ERRORS},
    url_name="indicators_survey_list",
    summary="公众满意度调查及其结果（答卷数、满意率、各题评价）",
)
def indicators_survey_list(
    request: HttpRequest,
    year: int | None = YEAR,
    cursor: str | None = Query(None, max_length=500),
    limit: int = Query(20, ge=1, le=100),
) -> dict:
    from .selectors_survey import survey_results, surveys_visible_to

    user = require(request, VIEW)
    qs = surveys_visible_to(user)
    if year is not None:
        qs = qs.filter(year=year)

    def row(s: Any) -> dict[str, Any]:
        r = survey_results(s, viewer=user)
        return {
            "id": s.pk,
            "title": s.title,
            "year": s.year,
            "owner": s.owner.code,
            "subject": s.subject.code,
            "identity": s.identity,
            "state": s.state,
            "sample_target": s.sample_target,
            "responses": r["responses"],
            "ratings": r["ratings"],
            "satisfaction_rate": r["rate"],
            "questions": [
                {
                    "position": q["position"],
                    "text": q["text"],
                    "satisfied": q["counts"].get("satisfied", 0),
                    "basic": q["counts"].get("basic", 0),
                    "unsatisfied": q["counts"].get("unsatisfied", 0),
                    "rate": q["rate"],
                }
                for q in r["questions"]
            ],
        }

    return keyset_page(qs, orderings=ID_ORDERINGS, ordering="-id", cursor=cursor, limit=limit, row=row)
