"""Figures of the indicators module in the metric registry: how many leaves the year's sets have, how many of them
are computed from the platform's own data, and that share. A set counts in the year it assesses (its 考核年度); a
unit filter keeps the sets that unit organises."""

from __future__ import annotations

from typing import Any

from fazhi.metrics.registry import PERCENT, Measure, Metric, Query, RecordKind, register_metric, register_record_kind

MODULE = "指标考核"


def _leaves(q: Query, *, computed: bool) -> Any:
    from fazhi.orgs.scopes import grants_for

    from .models import IndicatorNode

    qs = IndicatorNode.objects.filter(indicator_set__year=q.period.year, children__isnull=True)
    if q.viewer is not None and not grants_for(q.viewer).has("indicators.set.view"):
        return qs.none()
    if q.unit_ids is not None:
        qs = qs.filter(indicator_set__owner_id__in=q.unit_ids)
    if computed:
        qs = qs.exclude(metric_key="")
    return qs


def _count(computed: bool):  # type: ignore[no-untyped-def]
    def compute(q: Query) -> Measure:
        qs = _leaves(q, computed=computed)
        ids = sorted(qs.values_list("pk", flat=True))
        return Measure(value=len(ids), records=ids if q.records else None)

    return compute


register_metric(
    Metric(
        key="indicators.leaves",
        label="考核末级指标（项）",
        unit="项",
        definition="考核年度为统计年度的指标体系中，没有下级指标的指标项数；按单位统计时为该单位组织的指标体系。",
        module=MODULE,
        compute=_count(False),
    )
)
register_metric(
    Metric(
        key="indicators.leaves_computed",
        label="系统计算的末级指标（项）",
        unit="项",
        definition="上述末级指标中绑定了平台计算指标（数值取自指标快照）的项数。",
        module=MODULE,
        compute=_count(True),
    )
)
register_metric(
    Metric(
        key="indicators.computed_share",
        label="系统计算指标占比（%）",
        unit="%",
        definition="系统计算的末级指标项数 ÷ 考核末级指标项数 × 100%。",
        module=MODULE,
        numerator="indicators.leaves_computed",
        denominator="indicators.leaves",
    )
)


# ------------------------------------------------------------------ the sources: 述法, 学法, 法律顾问 (issue 23 §3)
# Each figure counts the records of fazhi/indicators (services_records.py) a viewer may see (the record policies:
# action indicators.record.view within the viewer's data scope); a unit filter keeps the records of that unit (and
# with subordinates its subtree). Coverage rates count units: the active units of the kinds named in settings.

SOURCES_MODULE = "述法·学法·法律顾问"
UNIT_NOTE = (
    "指定单位时，计入该单位（含下级单位时为其下级）的记录；按查看人的数据范围计（需“查看述职述法、学法……记录”权限）。"
)
# 县级以上 党政主要负责人 述法 (中央全面依法治国委员会 2021-02; legal-rules.md §13): the levels the rule names.
DUTY_REPORT_LEVELS = ("province", "city", "county")


def _scoped(q: Query, policy: Any, model: Any, unit_field: str) -> Any:
    qs = policy.visible(q.viewer, "view") if q.viewer is not None else model.objects.all()
    if q.unit_ids is not None:
        qs = qs.filter(**{f"{unit_field}__in": q.unit_ids})
    return qs


def _units(q: Query, setting: str, levels: tuple[str, ...] | None = None) -> Any:
    """The units a coverage rate divides by: active, of the kinds in settings.FAZHI_INDICATORS[setting] (and of the
    given levels), within the unit filter and the viewer's scope."""
    from django.conf import settings

    from fazhi.orgs.models import Unit
    from fazhi.orgs.scopes import grants_for, scope_q

    qs = Unit.objects.filter(is_active=True, kind__in=list(settings.FAZHI_INDICATORS[setting]))
    if levels is not None:
        qs = qs.filter(level__in=list(levels))
    if q.unit_ids is not None:
        qs = qs.filter(pk__in=q.unit_ids)
    if q.viewer is not None:
        if not grants_for(q.viewer).has("indicators.record.view"):
            return qs.none()
        scope = scope_q(q.viewer, "id")
        if scope is not None:
            qs = qs.filter(scope)
    return qs


def _ids(qs: Any) -> list[int]:
    return sorted(set(qs.values_list("pk", flat=True)))


def _count_of(build: Any) -> Any:
    def compute(q: Query) -> Measure:
        ids = q.memoize(("indicators", build.__name__), lambda: _ids(build(q)))
        return Measure(len(ids), records=ids if q.records else None)

    compute.__name__ = build.__name__
    return compute


def _duty_reports(q: Query) -> Any:
    from .models import DutyReport
    from .policies import DutyReportPolicy

    return _scoped(q, DutyReportPolicy, DutyReport, "unit_id").filter(year=q.period.year)


def _duty_required(q: Query) -> Any:
    return _units(q, "DUTY_REPORT_KINDS", DUTY_REPORT_LEVELS)


def _duty_reported(q: Query) -> Any:
    return _duty_required(q).filter(pk__in=_duty_reports(q).values("unit_id"))


def _duty_coverage(q: Query) -> Measure:
    """述法覆盖率, with one value per unit level (省级 / 市级 / 县级)."""
    from fazhi.metrics.registry import rate
    from fazhi.orgs.models import UnitLevel

    required = list(_duty_required(q).values_list("pk", "level"))
    reported = set(_duty_reported(q).values_list("pk", flat=True))
    breakdown = []
    for code in DUTY_REPORT_LEVELS:
        level_ids = [pk for pk, lv in required if lv == code]
        if level_ids:
            done = sum(1 for pk in level_ids if pk in reported)
            breakdown.append({"code": code, "label": UnitLevel(code).label, "value": rate(done, len(level_ids))})
    records = None
    if q.records:
        records = {"numerator": sorted(reported), "denominator": sorted(pk for pk, _ in required)}
    return Measure(rate(len(reported), len(required)), len(reported), len(required), breakdown, records)


def _study(kinds: tuple[str, ...]) -> Any:
    def build(q: Query) -> Any:
        from .models import StudySession
        from .policies import StudySessionPolicy

        return _scoped(q, StudySessionPolicy, StudySession, "unit_id").filter(
            kind__in=kinds, held_on__gte=q.period.start, held_on__lte=q.period.end
        )

    build.__name__ = "study_" + "_".join(kinds)
    return build


STUDY_MEETINGS = _study(("standing", "central_group"))


def _study_sessions(q: Query) -> Measure:
    from .models import StudyKind

    ids = q.memoize(("indicators", "study_meetings"), lambda: _ids(STUDY_MEETINGS(q)))
    kinds = dict(STUDY_MEETINGS(q).values_list("pk", "kind"))
    breakdown = [
        {"code": k, "label": StudyKind(k).label, "value": sum(1 for v in kinds.values() if v == k)}
        for k in ("standing", "central_group")
    ]
    return Measure(len(ids), breakdown=breakdown, records=ids if q.records else None)


def _study_attendance(q: Query) -> Measure:
    from django.db.models import Sum

    qs = STUDY_MEETINGS(q)
    return Measure(int(qs.aggregate(s=Sum("attendance"))["s"] or 0), records=_ids(qs) if q.records else None)


def _test_results(q: Query) -> Any:
    from .models import AbilityResult
    from .policies import AbilityResultPolicy

    return _scoped(q, AbilityResultPolicy, AbilityResult, "unit_id").filter(
        test__held_on__gte=q.period.start, test__held_on__lte=q.period.end
    )


def _test_passed(q: Query) -> Any:
    return _test_results(q).filter(passed=True)


def _adviser_base(q: Query) -> Any:
    return _units(q, "ADVISER_UNIT_KINDS")


def _adviser_units(q: Query) -> Any:
    from django.db.models import Q

    from .models import AdviserEngagement
    from .policies import AdviserEngagementPolicy

    running = _scoped(q, AdviserEngagementPolicy, AdviserEngagement, "unit_id").filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=q.period.start), starts_on__lte=q.period.end
    )
    return _adviser_base(q).filter(pk__in=running.values("unit_id"))


def _opinions(q: Query) -> Any:
    from .models import AdviserOpinion
    from .policies import AdviserOpinionPolicy

    return _scoped(q, AdviserOpinionPolicy, AdviserOpinion, "engagement__unit_id").filter(
        given_on__gte=q.period.start, given_on__lte=q.period.end
    )


def _opinion_count(q: Query) -> Measure:
    from .models import OpinionKind

    rows = dict(_opinions(q).values_list("pk", "kind"))
    breakdown = [
        {"code": k, "label": label, "value": sum(1 for v in rows.values() if v == k)}
        for k, label in OpinionKind.choices
    ]
    ids = sorted(rows)
    return Measure(len(ids), breakdown=breakdown, records=ids if q.records else None)


def _opinion_hours(q: Query) -> Measure:
    from django.db.models import Sum

    qs = _opinions(q)
    total = qs.aggregate(s=Sum("hours"))["s"] or 0
    return Measure(float(total), records=_ids(qs) if q.records else None)


def _describer(model_path: str, columns: Any, url: str) -> Any:
    def describe(ids: list[Any]) -> list[dict[str, Any]]:
        from django.apps import apps
        from django.urls import reverse

        model = apps.get_model(model_path)
        return [{"url": reverse(url) + f"#r{r.pk}", "cells": columns(r)} for r in model.objects.filter(pk__in=ids)]

    return describe


register_record_kind(
    RecordKind(
        "indicators.duty_report",
        "述职述法",
        ("述法人", "职务", "单位", "年度", "述法日期", "评议等次"),
        _describer(
            "indicators.DutyReport",
            lambda r: [r.reporter, r.post, r.unit.name, r.year, r.heard_on.isoformat(), r.get_rating_display()],
            "indicators:duty_reports",
        ),
    )
)
register_record_kind(
    RecordKind(
        "indicators.study_session",
        "学法活动",
        ("内容", "类型", "单位", "日期", "参加人数"),
        _describer(
            "indicators.StudySession",
            lambda r: [r.topic, r.get_kind_display(), r.unit.name, r.held_on.isoformat(), r.attendance],
            "indicators:study_sessions",
        ),
    )
)
register_record_kind(
    RecordKind(
        "indicators.ability_result",
        "法治能力测试成绩",
        ("姓名", "单位", "测试", "成绩", "合格"),
        _describer(
            "indicators.AbilityResult",
            lambda r: [r.person, r.unit.name, r.test.name, str(r.score), "是" if r.passed else "否"],
            "indicators:tests",
        ),
    )
)
register_record_kind(
    RecordKind(
        "indicators.adviser_opinion",
        "法律顾问意见",
        ("事项", "类型", "法律顾问", "单位", "出具日期", "时长（小时）"),
        _describer(
            "indicators.AdviserOpinion",
            lambda r: [
                r.subject,
                r.get_kind_display(),
                r.engagement.adviser.name,
                r.engagement.unit.name,
                r.given_on.isoformat(),
                str(r.hours),
            ],
            "indicators:advisers",
        ),
    )
)


def _describe_units(ids: list[Any]) -> list[dict[str, Any]]:
    from fazhi.orgs.models import Unit

    return [
        {"url": "", "cells": [u.name, u.code, u.get_level_display(), u.get_kind_display()]}
        for u in Unit.objects.filter(pk__in=ids).order_by("path", "sort_order", "id")
    ]


register_record_kind(RecordKind("indicators.unit", "单位", ("单位", "编码", "层级", "类型"), _describe_units))


def _s(key: str, label: str, unit: str, definition: str, **kw: Any) -> None:
    register_metric(
        Metric(
            key=f"indicators.{key}",
            label=label,
            unit=unit,
            definition=definition,
            scope_note=UNIT_NOTE,
            module=SOURCES_MODULE,
            **kw,
        )
    )


DUTY_UNITS = (
    "县级以上（省级、市级、县级）、类型在 FAZHI_INDICATORS.DUTY_REPORT_KINDS（默认：人民政府、党委及其工作机关、"
    "政府工作部门）中的启用单位"
)
_s(
    "duty_reports",
    "述职述法（份）",
    "份",
    "述法年度为统计年度的述职述法报告份数（主要负责人年度述法，一人一份；按述法年度计，不按述法日期）。",
    compute=_count_of(_duty_reports),
    record_kind="indicators.duty_report",
)
_s(
    "duty_required_units",
    "应述法单位（个）",
    "个",
    f"{DUTY_UNITS}。依据：党政主要负责人履行推进法治建设第一责任人职责规定（2016）及中央全面依法治国委员会述法要求（2021）。",
    compute=_count_of(_duty_required),
    record_kind="indicators.unit",
    settings=("FAZHI_INDICATORS.DUTY_REPORT_KINDS",),
)
_s(
    "duty_reported_units",
    "已述法单位（个）",
    "个",
    "应述法单位中，统计年度至少有一份述职述法报告的单位数。",
    compute=_count_of(_duty_reported),
    record_kind="indicators.unit",
    settings=("FAZHI_INDICATORS.DUTY_REPORT_KINDS",),
)
_s(
    "duty_coverage",
    "述法覆盖率（%）",
    PERCENT,
    "已述法单位 ÷ 应述法单位 × 100%，保留两位小数；分母为 0 时无数值；按单位层级（省级、市级、县级）分列。",
    compute=_duty_coverage,
    numerator="indicators.duty_reported_units",
    denominator="indicators.duty_required_units",
    breakdown="单位层级",
    record_kind="indicators.unit",
    settings=("FAZHI_INDICATORS.DUTY_REPORT_KINDS",),
)
_s(
    "study_sessions",
    "会前学法（次）",
    "次",
    "日期在统计期间内的常务会议学法和理论中心组学法次数（不含旁听庭审、宪法宣誓）；按类型分列。",
    compute=_study_sessions,
    breakdown="学法类型",
    record_kind="indicators.study_session",
)
_s(
    "study_attendance",
    "会前学法参加（人次）",
    "人次",
    "上述常务会议学法和理论中心组学法的参加人数之和。",
    compute=_study_attendance,
    record_kind="indicators.study_session",
)
_s(
    "court_observations",
    "旁听庭审（次）",
    "次",
    "日期在统计期间内组织旁听庭审的次数。",
    compute=_count_of(_study(("court",))),
    record_kind="indicators.study_session",
)
_s(
    "oaths",
    "宪法宣誓（次）",
    "次",
    "日期在统计期间内组织宪法宣誓的次数。",
    compute=_count_of(_study(("oath",))),
    record_kind="indicators.study_session",
)
_s(
    "test_takers",
    "法治能力测试参考（人次）",
    "人次",
    "测试日期在统计期间内的法治能力测试成绩条数（按导入的成绩表计，一人一次测试一条）。",
    compute=_count_of(_test_results),
    record_kind="indicators.ability_result",
)
_s(
    "test_passed",
    "法治能力测试合格（人次）",
    "人次",
    "上述成绩中不低于该次测试合格分数线的条数（合格分数线由组织单位设定，默认 FAZHI_INDICATORS.TEST_PASS_MARK）。",
    compute=_count_of(_test_passed),
    record_kind="indicators.ability_result",
    settings=("FAZHI_INDICATORS.TEST_PASS_MARK",),
)
_s(
    "test_pass_rate",
    "法治能力测试合格率（%）",
    PERCENT,
    "合格人次 ÷ 参考人次 × 100%，保留两位小数；分母为 0 时无数值。",
    numerator="indicators.test_passed",
    denominator="indicators.test_takers",
    record_kind="indicators.ability_result",
    settings=("FAZHI_INDICATORS.TEST_PASS_MARK",),
)
_s(
    "adviser_base_units",
    "应聘法律顾问单位（个）",
    "个",
    "类型在 FAZHI_INDICATORS.ADVISER_UNIT_KINDS（默认：人民政府、党委及其工作机关、政府工作部门）中的启用单位"
    "（中办发〔2016〕30号：党政机关普遍设立法律顾问、公职律师）。",
    compute=_count_of(_adviser_base),
    record_kind="indicators.unit",
    settings=("FAZHI_INDICATORS.ADVISER_UNIT_KINDS",),
)
_s(
    "adviser_units",
    "已聘法律顾问单位（个）",
    "个",
    "上述单位中，统计期间内至少有一天处在法律顾问或公职律师聘用期内的单位数。",
    compute=_count_of(_adviser_units),
    record_kind="indicators.unit",
    settings=("FAZHI_INDICATORS.ADVISER_UNIT_KINDS",),
)
_s(
    "adviser_coverage",
    "法律顾问覆盖率（%）",
    PERCENT,
    "已聘法律顾问单位 ÷ 应聘法律顾问单位 × 100%，保留两位小数；分母为 0 时无数值。",
    numerator="indicators.adviser_units",
    denominator="indicators.adviser_base_units",
    record_kind="indicators.unit",
    settings=("FAZHI_INDICATORS.ADVISER_UNIT_KINDS",),
)
_s(
    "adviser_opinions",
    "法律顾问出具意见（件）",
    "件",
    "出具日期在统计期间内的法律顾问、公职律师意见件数（重大行政决策、规范性文件、合同、复议诉讼案件、其他）；按事项类型分列。",
    compute=_opinion_count,
    breakdown="事项类型",
    record_kind="indicators.adviser_opinion",
)
_s(
    "adviser_hours",
    "法律顾问工作时长（小时）",
    "小时",
    "上述意见登记的工作时长之和。",
    compute=_opinion_hours,
    record_kind="indicators.adviser_opinion",
)

# 公众满意度调查 (issue 23 §2): its figures live beside its models
from . import metrics_survey  # noqa: E402, F401


# ------------------------------------------------------------------ the scores (the cockpit's tile, issue 24)
def _unit_scores(q: Query) -> Measure:
    """The assessed units of the year's set (set= its code; else the first set of the year by code) by total score,
    best first: the breakdown is each unit's total (indicator_ranking, the ranking page's own figures)."""
    return _ranked_scores(q, None)


def _district_scores(q: Query) -> Measure:
    """As _unit_scores, for the 区县 only (the ranking page's district table): each county-level people's government
    scored from its own assessment as a body."""
    return _ranked_scores(q, "districts")


def _ranked_scores(q: Query, tier: str | None) -> Measure:
    from fazhi.orgs.scopes import grants_for

    from .models import IndicatorSet
    from .selectors import indicator_ranking

    if q.viewer is not None and not grants_for(q.viewer).has("indicators.set.view"):
        return Measure(0, breakdown=[], records=[] if q.records else None)
    sets = IndicatorSet.objects.filter(year=q.period.year).order_by("code")
    if q.filters.get("set"):
        sets = sets.filter(code=q.filters["set"])
    chosen = sets.first()
    rows = indicator_ranking(chosen, tier=tier) if chosen is not None else []
    if q.unit_ids is not None:
        rows = [r for r in rows if r["id"] in q.unit_ids]
    breakdown = [
        {
            "code": r["code"],
            "label": r["name"],
            "value": None if r["total"] is None else float(r["total"]),
            "rank": r["rank"],
        }
        for r in rows
    ]
    records = sorted(r["id"] for r in rows) if q.records else None
    return Measure(len(rows), breakdown=breakdown, records=records)


register_metric(
    Metric(
        key="indicators.unit_scores",
        label="指标考核得分",
        unit="个",
        definition="考核年度为统计年度的指标体系（set= 指定体系编码；缺省为该年度编码最小的体系）中已有得分的被考核单位个数；"
        "分项为各单位的考核总分（各末级指标得分之和，与考核排名页相同），由高到低。",
        scope_note="指定单位时，只计该单位（含下级单位时为其下级）；需“查看指标体系”权限。",
        module=MODULE,
        compute=_unit_scores,
        breakdown="被考核单位",
        params=("set",),
        record_kind="indicators.unit",
    )
)


register_metric(
    Metric(
        key="indicators.district_scores",
        label="区县指标考核得分",
        unit="个",
        definition="考核年度为统计年度的指标体系（set= 指定体系编码；缺省为该年度编码最小的体系）中已有得分的区县个数"
        "（县（区）级人民政府作为被考核主体）；分项为各区县的考核总分（其本身各末级指标得分之和，不含区县部门，"
        "与考核排名页区县表相同），由高到低。",
        scope_note="指定单位时，只计该单位（含下级单位时为其下级）；需“查看指标体系”权限。",
        module=MODULE,
        compute=_district_scores,
        breakdown="区县",
        params=("set",),
        record_kind="indicators.unit",
    )
)
