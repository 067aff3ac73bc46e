"""行政执法's figures in the metric registry (fazhi/metrics). Every figure of `fazhi stats enforcement` is a metric
`enforcement.<its JSON key>`. Imported by the AppConfig (the tally source must be connected before the first write).
Unit filter: the case's 执法单位 (the body's unit). Viewer: CasePolicy "view".

The case figures read **kept counts** (TallySource "enforcement", fazhi/metrics/tallies.py), moved in the
transaction of every case write: a case adds ("enforcement.filed", 立案日期) and, once decided, ("enforcement.decided",
决定日期) with its flags as the category — `l` decided late, `r` requires 法制审核, `d` 法制审核 defect, `p` published on
time, `t` outside its 裁量基准 tier (the flags are stored on the case, `rules.py`, so a count never reads a clock) —
and its 罚没金额 as ("enforcement.amount", 决定日期, category k) once per unit of 10^k 分 (each decimal digit of the
amount in 分 is that many counts: a count of 1 is never more than 9 per case, so no count row can overflow). Until the
source is built (`fazhi metrics rebuild enforcement` after bulk SQL), the figures count live over the same stored
flags. Records behind a figure are always listed live. The other figures (inspections, plans, 评查, complaints,
checks) are counted live: their tables are small."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet, Sum

from fazhi.metrics.registry import PERCENT, Measure, Metric, Query, RecordKind, register_metric, register_record_kind
from fazhi.metrics.tallies import Contribution, TallySource, day_of, maintain, tally_ready, tally_sums_by_series

from .models import Case

MODULE = "行政执法"
UNIT_NOTE = "指定单位时，计入执法单位为该单位（含下级单位时为其下级）的案件；按查看人的数据范围计。"
SOURCE_NAME = "enforcement"
SERIES = ("enforcement.filed", "enforcement.decided", "enforcement.amount")
CASE_FIELDS = (
    "unit_id",
    "filed_on",
    "decided_on",
    "amount",
    "decision_late",
    "review_required",
    "review_defect",
    "published_on_time",
    "tier_defect",
)


def case_flags(row: dict[str, Any]) -> str:
    """The category of a decided case's count: one letter per flag it has (see the module's docstring)."""
    required = bool(row["review_required"])
    return "".join(
        letter
        for letter, on in (
            ("l", row["decision_late"]),
            ("r", required),
            ("d", required and row["review_defect"]),
            ("p", row["published_on_time"]),
            ("t", row["tier_defect"]),
        )
        if on
    )


def amount_digits(amount: Any) -> Iterator[tuple[int, int]]:
    """(k, digit) for each non-zero decimal digit of the amount in 分: amount = Σ digit × 10^k 分."""
    fen = int((Decimal(amount or 0) * 100).to_integral_value())
    k = 0
    while fen > 0:
        fen, digit = divmod(fen, 10)
        if digit:
            yield k, digit
        k += 1


def contributions(row: dict[str, Any]) -> Iterator[Contribution]:
    unit = row["unit_id"] or 0
    yield ("enforcement.filed", day_of(row["filed_on"]), unit, unit, "", "")  # type: ignore[misc]
    decided = day_of(row["decided_on"])
    if decided is None:
        return
    yield ("enforcement.decided", decided, unit, unit, case_flags(row), "")
    for k, digit in amount_digits(row["amount"]):
        for _ in range(digit):
            yield ("enforcement.amount", decided, unit, unit, str(k), "")


def case_scope_unit_ids(viewer: Any) -> frozenset[int] | None:
    """The 执法单位 whose cases the viewer may see (CasePolicy "view": `enforcement.view` in the data scope; a 仅本人
    scope sees none, as the policy's restriction); None = every unit."""
    from fazhi.orgs.scopes import grants_for

    if viewer is None or not getattr(viewer, "is_authenticated", False) or not getattr(viewer, "is_active", False):
        return frozenset()
    g = grants_for(viewer)
    if not g.has("enforcement.view"):
        return frozenset()
    if g.all_units:
        return None
    return frozenset() if g.self_only else frozenset(g.unit_ids)


SOURCE = maintain(
    TallySource(
        name=SOURCE_NAME,
        model=Case,
        fields=CASE_FIELDS,
        contributions=contributions,
        belongs=lambda row: True,
        queryset=lambda: Case.objects.all(),
        scope=case_scope_unit_ids,
    )
)


def _cases(q: Query) -> QuerySet[Any]:
    from .policies import CasePolicy

    qs = CasePolicy.visible(q.viewer, "view") if q.viewer is not None else Case.objects.all()
    if q.unit_ids is not None:
        qs = qs.filter(unit_id__in=q.unit_ids)
    return qs


def _in(q: Query, field: str) -> dict[str, Any]:
    return {f"{field}__gte": q.period.start, f"{field}__lte": q.period.end}


def filed(q: Query) -> QuerySet[Any]:
    return _cases(q).filter(**_in(q, "filed_on"))


def decided(q: Query) -> QuerySet[Any]:
    return _cases(q).filter(**_in(q, "decided_on"))


def review_required(q: Query) -> QuerySet[Any]:
    return decided(q).filter(review_required=True)


def reviewed(q: Query) -> QuerySet[Any]:
    return review_required(q).filter(review_defect=False)


def review_defects(q: Query) -> QuerySet[Any]:
    return review_required(q).filter(review_defect=True)


def tier_defects(q: Query) -> QuerySet[Any]:
    return decided(q).filter(tier_defect=True)


def published_on_time(q: Query) -> QuerySet[Any]:
    """Decided in the period and published by the 公示 clock's due day (the flag clocks_sync stores)."""
    return decided(q).filter(published_on_time=True)


def decided_late(q: Query) -> QuerySet[Any]:
    """行政处罚 decided in the period after the 90-day period's due day (Art. 60; the flag clocks_sync stores)."""
    return decided(q).filter(decision_late=True)


# The case counts: (series, which categories of it count) — the same sets as the functions above.
COUNTS: dict[str, tuple[str, Any, str]] = {
    "cases": ("enforcement.filed", None, "filed"),
    "decided": ("enforcement.decided", None, "decided"),
    "publication_due": ("enforcement.decided", None, "decided"),
    "decided_late": ("enforcement.decided", "l", "decided_late"),
    "review_required": ("enforcement.decided", "r", "review_required"),
    "review_defects": ("enforcement.decided", "d", "review_defects"),
    "published_on_time": ("enforcement.decided", "p", "published_on_time"),
    "tier_defects": ("enforcement.decided", "t", "tier_defects"),
}
LIVE = {
    "filed": filed,
    "decided": decided,
    "decided_late": decided_late,
    "review_required": review_required,
    "review_defects": review_defects,
    "published_on_time": published_on_time,
    "tier_defects": tier_defects,
    "reviewed": reviewed,
}


def figures_of(sums: dict[str, dict[str, int]]) -> dict[str, Any]:
    """Every case figure from the kept counts of one group ({series: {category: n}}): counts, 罚没金额 in 元."""
    out: dict[str, Any] = {}
    for key, (series, flag, _live) in COUNTS.items():
        out[key] = sum(n for cat, n in sums.get(series, {}).items() if flag is None or flag in cat)
    out["reviewed"] = sum(n for cat, n in sums.get("enforcement.decided", {}).items() if "r" in cat and "d" not in cat)
    fen = sum(n * 10 ** int(k) for k, n in sums.get("enforcement.amount", {}).items())
    out["amount"] = float(Decimal(fen) / 100)
    return out


def _scope(q: Query) -> frozenset[int] | None:
    return None if q.viewer is None else case_scope_unit_ids(q.viewer)


def kept_figures(q: Query, by_unit: bool = False) -> dict[Any, dict[str, Any]]:
    """{"": figures} (or {unit id: figures} with by_unit) from the kept counts, in one grouped query (memoised)."""

    def run() -> dict[Any, dict[str, Any]]:
        by = ("unit_id", "category") if by_unit else ("category",)
        every = tally_sums_by_series(
            SERIES, start=q.period.start, end=q.period.end, unit_ids=q.unit_ids, scope=_scope(q), by=by
        )
        groups: dict[Any, dict[str, dict[str, int]]] = {}
        for series, counts in every.items():
            for k, n in counts.items():
                group = k[0] if by_unit else ""
                groups.setdefault(group, {}).setdefault(series, {})[k[-1]] = n
        if not by_unit:
            groups.setdefault("", {})
        return {g: figures_of(sums) for g, sums in groups.items()}

    return q.memoize(_kept_key(q, by_unit, q.unit_ids), run)


def _kept_key(q: Query, by_unit: bool, unit_ids: frozenset[int] | None) -> tuple[Any, ...]:
    return ("enforcement-kept", by_unit, q.period.start, q.period.end, unit_ids, _scope(q))


def kept(q: Query) -> bool:
    return tally_ready(SOURCE_NAME, q.memo)


def kept_prefetch(q: Query, unit_ids: Iterable[int]) -> dict[int, dict[Any, Any]]:
    """One memo per unit for `metric_values(…, unit=<that unit>, viewer=q.viewer, memo=…)` (the per-body table):
    when the counts are kept, every unit's case figures are read in one grouped query (`kept_figures` by unit — the
    same rows, period and viewer scope as one query per unit, the unit and scope unit of a case's counts being its
    执法单位), else the memos are empty and each unit counts live. `q` has no unit filter."""
    memos: dict[int, dict[Any, Any]] = {u: {} for u in unit_ids}
    if not memos or not kept(q):
        return memos
    groups = kept_figures(q, by_unit=True)
    for u, memo in memos.items():
        memo[("tally-ready", SOURCE_NAME)] = True
        memo[_kept_key(q, False, frozenset([u]))] = {"": dict(groups.get(u) or figures_of({}))}
    return memos


def live_figures_by_unit(q: Query) -> dict[int, dict[str, Any]]:
    """The per-unit case figures counted live (the source not yet built): the same sets, grouped by 执法单位."""
    out: dict[int, dict[str, Any]] = {}
    for key, (_series, _flag, live) in [*COUNTS.items(), ("reviewed", ("", None, "reviewed"))]:
        for row in LIVE[live](q).values("unit_id").annotate(n=Count("pk")).order_by():
            out.setdefault(row["unit_id"], {})[key] = row["n"]
    for row in decided(q).values("unit_id").annotate(s=Sum("amount")).order_by():
        out.setdefault(row["unit_id"], {})["amount"] = float(row["s"] or 0)
    keys = [*COUNTS, "reviewed", "amount"]
    return {u: {k: f.get(k, 0.0 if k == "amount" else 0) for k in keys} for u, f in out.items()}


def _count(key: str) -> Any:
    live = LIVE[COUNTS[key][2] if key in COUNTS else key]

    def compute(q: Query) -> Measure:
        def ids() -> list[Any]:
            return q.memoize(("enforcement", live.__name__), lambda: sorted(set(live(q).values_list("pk", flat=True))))

        value = kept_figures(q)[""][key] if kept(q) else len(ids())
        return Measure(value, records=ids() if q.records else None)

    compute.__name__ = key
    return compute


def with_amount(q: Query) -> QuerySet[Any]:
    """The records behind 罚没金额: the cases decided in the period with an amount."""
    return decided(q).filter(amount__gt=0)


def amount(q: Query) -> Measure:
    records = sorted(set(with_amount(q).values_list("pk", flat=True))) if q.records else None
    if kept(q):
        return Measure(kept_figures(q)[""]["amount"], records=records)
    total = decided(q).aggregate(s=Sum("amount"))["s"]
    return Measure(float(total or 0), records=records)


def describe_cases(ids: list[Any]) -> list[dict[str, Any]]:
    from .models import Case

    return [
        {
            "url": c.get_absolute_url(),
            "cells": [
                c.number,
                c.unit.name,
                c.matter.name,
                c.filed_on.isoformat(),
                c.decided_on.isoformat() if c.decided_on else "",
            ],
        }
        for c in Case.objects.filter(pk__in=ids).select_related("unit", "matter").order_by("-filed_on", "-id")
    ]


register_record_kind(
    RecordKind(
        "enforcement.case", "行政执法案件", ("案号", "执法单位", "执法事项", "立案日期", "决定日期"), describe_cases
    )
)


def _m(key: str, label: str, unit: str, definition: str, **kw: Any) -> None:
    register_metric(
        Metric(
            key=f"enforcement.{key}",
            label=label,
            unit=unit,
            definition=f"{definition}{UNIT_NOTE}",
            module=MODULE,
            record_kind="enforcement.case",
            **kw,
        )
    )


_m(
    "cases",
    "立案",
    "件",
    "立案日期在统计期间内的行政执法案件（各执法单位报送、导入或录入的案件记录）。",
    compute=_count("cases"),
    maintained=True,
)
_m("decided", "作出决定", "件", "决定日期在统计期间内的行政执法案件。", compute=_count("decided"), maintained=True)
_m(
    "decided_late",
    "超过办理期限作出决定",
    "件",
    "上述作出决定的行政处罚案件中，决定日期晚于自立案之日起九十日期限届满日的（《行政处罚法》（2021年修订）第六十条；"
    "法律、法规、规章另有规定的未区分）。",
    compute=_count("decided_late"),
    maintained=True,
)
_m(
    "review_required",
    "须经法制审核",
    "件",
    "上述作出决定的案件中，属于《行政处罚法》（2021年修订）第五十八条第一款情形的：涉及重大公共利益、经过听证、"
    "疑难复杂或事项列入法制审核目录。",
    compute=_count("review_required"),
    maintained=True,
)
_m(
    "reviewed",
    "经法制审核后决定",
    "件",
    "须经法制审核的案件中，法制审核完成日期不晚于决定日期、审核人员具有法律职业资格的。",
    compute=_count("reviewed"),
    maintained=True,
)
_m(
    "review_rate",
    "法制审核率",
    PERCENT,
    "经法制审核后决定 ÷ 须经法制审核 × 100%，保留两位小数；分母为 0 时无数值。",
    numerator="enforcement.reviewed",
    denominator="enforcement.review_required",
    maintained=True,
)
_m(
    "review_defects",
    "法制审核缺陷",
    "件",
    "须经法制审核的案件中，未完成审核、审核晚于决定或审核人员未记录法律职业资格即作出决定的。",
    compute=_count("review_defects"),
    maintained=True,
)
_m(
    "publication_due",
    "应公示决定",
    "件",
    "决定日期在统计期间内的案件（每项决定均应公示）。",
    compute=_count("publication_due"),
    maintained=True,
)
_m(
    "published_on_time",
    "按期公示",
    "件",
    "应公示决定中，公示日期不晚于公示期限届满日的（期限按事项类型以工作日计，可配置 FAZHI_ENFORCEMENT_PUBLICATION_DAYS；"
    "《行政处罚法》（2021年修订）第四十八条）。",
    compute=_count("published_on_time"),
    maintained=True,
)
_m(
    "publication_rate",
    "公示及时率",
    PERCENT,
    "按期公示 ÷ 应公示决定 × 100%，保留两位小数；分母为 0 时无数值。",
    numerator="enforcement.published_on_time",
    denominator="enforcement.publication_due",
    maintained=True,
)
_m(
    "amount",
    "罚没金额",
    "元",
    "决定日期在统计期间内的案件的罚没金额合计（计入的案件为其中罚没金额大于零的）。",
    compute=amount,
    maintained=True,
)
_m(
    "tier_defects",
    "超出裁量基准",
    "件",
    "决定日期在统计期间内、罚没金额不在所适用裁量阶次（从轻、一般、从重）范围内的案件（《行政处罚法》（2021年修订）第三十四条）。",
    compute=_count("tier_defects"),
    maintained=True,
)


def _inspections(q: Query) -> QuerySet[Any]:
    from django.db.models import Q

    from .models import Inspection

    qs = Inspection.objects.filter(on__gte=q.period.start, on__lte=q.period.end)
    if q.viewer is not None:
        qs = qs.filter(Q(unit__in=_scope_units(q.viewer)) | Q(partners__unit__in=_scope_units(q.viewer)))
    if q.unit_ids is not None:
        qs = qs.filter(Q(unit_id__in=q.unit_ids) | Q(partners__unit_id__in=q.unit_ids))
    return qs.distinct()


def _scope_units(viewer: Any) -> Any:
    from fazhi.orgs.models import Unit
    from fazhi.orgs.scopes import grants_for, scope_q

    if not grants_for(viewer).has("enforcement.view"):
        return Unit.objects.none()
    q = scope_q(viewer, "pk")
    return Unit.objects.all() if q is None else Unit.objects.filter(q)


def _icount(build: Any) -> Any:
    def compute(q: Query) -> Measure:
        ids = sorted(set(build(q).values_list("pk", flat=True)))
        return Measure(len(ids), records=ids if q.records else None)

    compute.__name__ = build.__name__
    return compute


def inspections(q: Query) -> QuerySet[Any]:
    return _inspections(q)


def inspections_over_cap(q: Query) -> QuerySet[Any]:
    return _inspections(q).filter(over_cap=True)


def inspections_outside_plan(q: Query) -> QuerySet[Any]:
    return _inspections(q).filter(outside_plan=True)


def inspections_special(q: Query) -> QuerySet[Any]:
    return _inspections(q).filter(special=True)


def inspections_over_quota(q: Query) -> QuerySet[Any]:
    return _inspections(q).filter(special=True, over_quota=True)


def describe_inspections(ids: list[Any]) -> list[dict[str, Any]]:
    from .models import Inspection

    return [
        {"url": "", "cells": [i.on.isoformat(), i.unit.name, i.enterprise_name, i.matter.name]}
        for i in Inspection.objects.filter(pk__in=ids).select_related("unit", "matter").order_by("-on", "-id")
    ]


register_record_kind(
    RecordKind(
        "enforcement.inspection", "涉企行政检查", ("检查日期", "牵头单位", "企业", "检查事项"), describe_inspections
    )
)
for _key, _label, _definition, _fn in (
    (
        "inspections",
        "涉企行政检查",
        "检查日期在统计期间内的涉企行政检查；联合检查计一次。指定单位时，计入牵头或参加单位为该单位的检查。",
        inspections,
    ),
    (
        "inspections_over_cap",
        "超过年度上限的检查",
        "上述检查中，使该企业接受本机关检查次数超过公布的年度上限的（国办发〔2024〕54号；联合检查计入方式见设置 JOINT_COUNTS）。",
        inspections_over_cap,
    ),
    (
        "inspections_outside_plan",
        "计划外检查",
        "上述检查中，检查日没有经批准并备案的本年度行政检查计划、或检查事项不在该计划中的（国办发〔2024〕54号；"
        "计划自批准日期和备案日期中较晚的一日起生效）。",
        inspections_outside_plan,
    ),
    (
        "inspections_special",
        "专项检查",
        "上述检查中，登记为专项检查的。",
        inspections_special,
    ),
    (
        "inspections_over_quota",
        "超过专项检查次数上限的检查",
        "上述专项检查中，使牵头执法主体本年度专项检查次数超过其年度检查计划所定上限的（国办发〔2024〕54号 ⚠ "
        "上限为各地做法，按计划登记；计划未定上限的不计）。",
        inspections_over_quota,
    ),
):
    register_metric(
        Metric(
            key=f"enforcement.{_key}",
            label=_label,
            unit="次",
            definition=_definition,
            module=MODULE,
            record_kind="enforcement.inspection",
            compute=_icount(_fn),
        )
    )


# 涉企行政检查计划 (国办发〔2024〕54号 ⚠ local practice): the plans filed in the period; viewer: the bodies' units in
# the viewer's scope, as the inspections above
def plans_filed(q: Query) -> QuerySet[Any]:
    from .models import InspectionPlan

    qs = InspectionPlan.objects.filter(
        approved_on__isnull=False, filed_on__gte=q.period.start, filed_on__lte=q.period.end
    )
    if q.viewer is not None:
        qs = qs.filter(body__unit__in=_scope_units(q.viewer))
    if q.unit_ids is not None:
        qs = qs.filter(body__unit_id__in=q.unit_ids)
    return qs


def describe_plans(ids: list[Any]) -> list[dict[str, Any]]:
    from django.urls import reverse

    from .models import InspectionPlan

    return [
        {
            "url": reverse("enforcement:plan_detail", args=[p.pk]),
            "cells": [
                str(p.year),
                p.body.unit.name,
                p.approved_on.isoformat() if p.approved_on else "",
                p.filed_on.isoformat() if p.filed_on else "",
            ],
        }
        for p in InspectionPlan.objects.filter(pk__in=ids).select_related("body__unit").order_by("-filed_on", "-id")
    ]


register_record_kind(
    RecordKind(
        "enforcement.inspection_plan", "行政检查计划", ("年度", "执法主体", "批准日期", "备案日期"), describe_plans
    )
)
register_metric(
    Metric(
        key="enforcement.plans_filed",
        label="备案的年度行政检查计划",
        unit="份",
        definition="经本级人民政府批准、备案日期在统计期间内的执法主体年度涉企行政检查计划（国办发〔2024〕54号 ⚠ "
        "计划的内容和报批程序为各地做法）。指定单位时，计入执法主体为该单位（含下级单位时为其下级）的计划；"
        "按查看人的数据范围计。",
        module=MODULE,
        record_kind="enforcement.inspection_plan",
        compute=_icount(plans_filed),
    )
)


# 案卷评查 (legal-rules.md §12.5 ⚠ local practice; grades by the campaign's thresholds, setting REVIEW_GRADES)
def _files(q: Query) -> QuerySet[Any]:
    from .models import ReviewFile
    from .policies import ReviewFilePolicy

    qs = ReviewFilePolicy.visible(q.viewer, "view") if q.viewer is not None else ReviewFile.objects.all()
    if q.unit_ids is not None:
        qs = qs.filter(unit_id__in=q.unit_ids)
    if q.filters.get("campaign"):
        qs = qs.filter(campaign_id=q.filters["campaign"])
    return qs


def review_graded(q: Query) -> QuerySet[Any]:
    return _files(q).filter(state="graded", graded_on__gte=q.period.start, graded_on__lte=q.period.end)


def review_passed(q: Query) -> QuerySet[Any]:
    return review_graded(q).filter(grade__in=("excellent", "pass"))


def review_defects_open(q: Query) -> QuerySet[Any]:
    from django.db.models import Q

    from .models import ReviewDefect

    return ReviewDefect.objects.filter(
        file__in=_files(q), raised_on__gte=q.period.start, raised_on__lte=q.period.end
    ).filter(Q(closed_on__isnull=True) | Q(closed_on__gt=q.period.end))


def describe_review_files(ids: list[Any]) -> list[dict[str, Any]]:
    from .models import ReviewFile

    return [
        {
            "url": f.get_absolute_url(),
            "cells": [
                f.graded_on.isoformat() if f.graded_on else "",
                f.unit.name,
                f.case.number,
                f.get_grade_display(),
            ],
        }
        for f in ReviewFile.objects.filter(pk__in=ids).select_related("unit", "case").order_by("-graded_on", "-id")
    ]


def describe_review_defects(ids: list[Any]) -> list[dict[str, Any]]:
    from .models import ReviewDefect

    return [
        {"url": d.get_absolute_url(), "cells": [d.raised_on.isoformat(), d.file.unit.name, d.file.case.number, d.text]}
        for d in ReviewDefect.objects.filter(pk__in=ids)
        .select_related("file__unit", "file__case")
        .order_by("-raised_on", "-id")
    ]


register_record_kind(
    RecordKind("enforcement.review_file", "评查案卷", ("定等日期", "执法单位", "案号", "等次"), describe_review_files)
)
register_record_kind(
    RecordKind(
        "enforcement.review_defect", "评查问题", ("提出日期", "执法单位", "案号", "问题"), describe_review_defects
    )
)
REVIEW_UNIT_NOTE = "可按评查活动（campaign）筛选。指定单位时，计入被评查案卷执法单位为该单位（含下级单位时为其下级）的；按查看人的数据范围计。"
for _key, _label, _unit, _definition, _fn, _kind in (
    (
        "review_graded",
        "评查定等案卷",
        "件",
        "案卷评查中定等日期（两名评查人员评分一致之日，或评查组长合议之日）在统计期间内的案卷。",
        review_graded,
        "enforcement.review_file",
    ),
    (
        "review_passed",
        "评查合格案卷",
        "件",
        "上述案卷中等次为优秀或合格的（分数线见评查活动，设置 REVIEW_GRADES）。",
        review_passed,
        "enforcement.review_file",
    ),
    (
        "review_defects_open",
        "评查问题未销号",
        "个",
        "提出日期在统计期间内、到统计期末尚未销号的案卷评查问题（每个问题是执法单位的一项督办事项）。",
        review_defects_open,
        "enforcement.review_defect",
    ),
):
    register_metric(
        Metric(
            key=f"enforcement.{_key}",
            label=_label,
            unit=_unit,
            definition=f"{_definition}{REVIEW_UNIT_NOTE}",
            module=MODULE,
            record_kind=_kind,
            compute=_icount(_fn),
            params=("campaign",),
        )
    )
register_metric(
    Metric(
        key="enforcement.review_pass_rate",
        label="案卷评查合格率",
        unit=PERCENT,
        definition="评查合格案卷 ÷ 评查定等案卷 × 100%，保留两位小数；分母为 0 时无数值。" + REVIEW_UNIT_NOTE,
        module=MODULE,
        numerator="enforcement.review_passed",
        denominator="enforcement.review_graded",
        params=("campaign",),
    )
)


# 执法投诉 and 监督检查 (slice 6): counted live; viewer: ComplaintPolicy / SupervisionCheckPolicy "view"
def _complaints(q: Query) -> QuerySet[Any]:
    from .models import Complaint
    from .policies import ComplaintPolicy

    qs = ComplaintPolicy.visible(q.viewer, "view") if q.viewer is not None else Complaint.objects.all()
    if q.unit_ids is not None:
        qs = qs.filter(unit_id__in=q.unit_ids)
    return qs


def complaints(q: Query) -> QuerySet[Any]:
    return _complaints(q).filter(**_in(q, "received_on"))


def complaints_closed(q: Query) -> QuerySet[Any]:
    return _complaints(q).filter(**_in(q, "closed_on"))


def complaints_late(q: Query) -> QuerySet[Any]:
    return complaints_closed(q).filter(late=True)


def _checks(q: Query) -> QuerySet[Any]:
    from .models import SupervisionCheck
    from .policies import SupervisionCheckPolicy

    qs = SupervisionCheckPolicy.visible(q.viewer, "view") if q.viewer is not None else SupervisionCheck.objects.all()
    if q.unit_ids is not None:
        qs = qs.filter(unit_id__in=q.unit_ids)
    return qs


def checks(q: Query) -> QuerySet[Any]:
    return _checks(q).filter(**_in(q, "checked_on"))


def check_findings_open(q: Query) -> QuerySet[Any]:
    from django.db.models import Q

    from .models import CheckFinding

    return CheckFinding.objects.filter(
        inspection__in=_checks(q), raised_on__gte=q.period.start, raised_on__lte=q.period.end
    ).filter(Q(closed_on__isnull=True) | Q(closed_on__gt=q.period.end))


def describe_complaints(ids: list[Any]) -> list[dict[str, Any]]:
    from .models import Complaint

    return [
        {
            "url": c.get_absolute_url(),
            "cells": [c.received_on.isoformat(), c.unit.name, c.number or "", c.get_state_display()],
        }
        for c in Complaint.objects.filter(pk__in=ids).select_related("unit").order_by("-received_on", "-id")
    ]


def describe_checks(ids: list[Any]) -> list[dict[str, Any]]:
    from .models import SupervisionCheck

    return [
        {"url": k.get_absolute_url(), "cells": [k.checked_on.isoformat(), k.unit.name, "、".join(k.items)]}
        for k in SupervisionCheck.objects.filter(pk__in=ids).select_related("unit").order_by("-checked_on", "-id")
    ]


def describe_check_findings(ids: list[Any]) -> list[dict[str, Any]]:
    from .models import CheckFinding

    return [
        {
            "url": f.get_absolute_url(),
            "cells": [f.raised_on.isoformat(), f.inspection.unit.name, f.text, f.due_on.isoformat()],
        }
        for f in CheckFinding.objects.filter(pk__in=ids)
        .select_related("inspection__unit")
        .order_by("-raised_on", "-id")
    ]


register_record_kind(
    RecordKind("enforcement.complaint", "执法投诉", ("收到日期", "被投诉单位", "编号", "状态"), describe_complaints)
)
register_record_kind(
    RecordKind("enforcement.check", "监督检查", ("检查日期", "被检查单位", "检查项目"), describe_checks)
)
register_record_kind(
    RecordKind(
        "enforcement.check_finding",
        "监督检查问题",
        ("提出日期", "被检查单位", "问题", "整改期限"),
        describe_check_findings,
    )
)
_SUPERVISION_NOTE = "指定单位时，计入被投诉（被检查）单位为该单位（含下级单位时为其下级）的；按查看人的数据范围计。"
for _key, _label, _unit, _definition, _fn, _kind in (
    (
        "complaints",
        "执法投诉",
        "件",
        "收到日期在统计期间内的执法投诉（网上投诉、12345转办、来信来访登记）。",
        complaints,
        "enforcement.complaint",
    ),
    (
        "complaints_closed",
        "执法投诉办结",
        "件",
        "办结日期（作出处理结果或不予受理之日）在统计期间内的执法投诉。",
        complaints_closed,
        "enforcement.complaint",
    ),
    (
        "complaints_late",
        "执法投诉逾期办结",
        "件",
        "上述办结的投诉中，办结日期晚于办理期限的（期限见设置 COMPLAINT_DAYS，⚠ 国务院令第825号条文未核实）。",
        complaints_late,
        "enforcement.complaint",
    ),
    ("checks", "行政执法监督检查", "次", "检查日期在统计期间内的监督检查。", checks, "enforcement.check"),
    (
        "check_findings_open",
        "监督检查问题未销号",
        "个",
        "提出日期在统计期间内、到统计期末尚未销号的监督检查问题（每个问题是被检查单位的一项督办事项）。",
        check_findings_open,
        "enforcement.check_finding",
    ),
):
    register_metric(
        Metric(
            key=f"enforcement.{_key}",
            label=_label,
            unit=_unit,
            definition=f"{_definition}{_SUPERVISION_NOTE}",
            module=MODULE,
            record_kind=_kind,
            compute=_icount(_fn),
        )
    )
