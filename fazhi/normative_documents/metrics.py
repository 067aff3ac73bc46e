"""规范性文件 figures in the metric registry (fazhi/metrics), counted live from the records (legal-rules.md §9
Metrics: 本年制发 / 本年废止 / 现行有效 for the 政府信息公开 annual report's part 二; 合法性审核率, 报备率, 报备及时率,
规范率 — targets 100 %). Keys are `normative_documents.<figure>`, the same as `fazhi stats documents --json`.
Imported by the AppConfig."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Q, QuerySet

from fazhi.deadlines.selectors import today_local
from fazhi.metrics.registry import PERCENT, Measure, Metric, Query, RecordKind, register_metric, register_record_kind

from .models import CleanupItem, CleanupOutcome, DocumentStatus, NormativeDocument, ReviewSuggestion

MODULE = "行政规范性文件"
P = "normative_documents"
UNIT_NOTE = "指定单位时，计入制定机关（主办）为该单位（含下级单位时为其下级）的文件；按查看人的数据范围计。"


def _documents(q: Query) -> QuerySet[NormativeDocument]:
    from .policies import NormativeDocumentPolicy

    qs = NormativeDocument.objects.all() if q.viewer is None else NormativeDocumentPolicy.visible(q.viewer, "view")
    if q.unit_ids is not None:
        qs = qs.filter(lead_unit_id__in=q.unit_ids)
    return qs


def _in(q: Query, field: str) -> Q:
    return Q(**{f"{field}__gte": q.period.start, f"{field}__lte": q.period.end})


def _ids(q: Query, key: str, build: Callable[[Query], QuerySet[Any]]) -> list[int]:
    return q.memoize(
        (P, key, q.unit_ids, getattr(q.viewer, "pk", None)), lambda: sorted(build(q).values_list("pk", flat=True))
    )


SETS: dict[str, Callable[[Query], QuerySet[Any]]] = {
    "issued": lambda q: _documents(q).filter(_in(q, "published_on")),
    "repealed": lambda q: _documents(q).filter(_in(q, "ended_on"), status=DocumentStatus.REPEALED),
    "in_force": lambda q: (
        _documents(q)
        .filter(published_on__lte=q.period.end)
        .exclude(status="")
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=q.period.end))
    ),
    "legality_reviewed": lambda q: (
        _documents(q)
        .filter(_in(q, "published_on"), legality_reviews__opinion__in=["agree", "agree_after_changes"])
        .distinct()
    ),
    "filed": lambda q: _documents(q).filter(_in(q, "published_on"), filed_on__isnull=False),
    "filed_on_time": lambda q: _documents(q).filter(_in(q, "published_on"), filed_on__isnull=False, filing_late_days=0),
    "filed_late": lambda q: (
        _documents(q)
        .filter(_in(q, "published_on"))
        .filter(
            Q(filing_late_days__gt=0)
            | Q(filed_on__isnull=True, filing_due__lt=min(q.today or today_local(), q.period.end))
        )
    ),
    "reviewed": lambda q: _documents(q).filter(_in(q, "filing_review__decided_on")),
    "passed": lambda q: _documents(q).filter(_in(q, "filing_review__decided_on"), filing_review__outcome="passed"),
    "corrections": lambda q: _documents(q).filter(
        _in(q, "filing_review__decided_on"), filing_review__outcome="correction"
    ),
}


def _count(key: str) -> Callable[[Query], Measure]:
    def compute(q: Query) -> Measure:
        ids = _ids(q, key, SETS[key])
        return Measure(value=len(ids), records=ids if q.records else None)

    return compute


def _suggestions(q: Query) -> Measure:
    docs = _documents(q)
    ids = sorted(
        ReviewSuggestion.objects.filter(document__in=docs).filter(_in(q, "submitted_on")).values_list("pk", flat=True)
    )
    return Measure(value=len(ids), records=ids if q.records else None)


def _cleaned(q: Query) -> Measure:
    items = CleanupItem.objects.filter(document__in=_documents(q)).filter(_in(q, "campaign__approved_on"))
    by = {o: 0 for o in CleanupOutcome.values}
    for outcome in items.values_list("outcome", flat=True):
        by[outcome] = by.get(outcome, 0) + 1
    breakdown = [{"code": o.value, "label": o.label, "value": by[o.value]} for o in CleanupOutcome]
    ids = sorted(items.values_list("document_id", flat=True))
    return Measure(value=sum(by.values()), breakdown=breakdown, records=ids if q.records else None)


DOCUMENT_KIND = "normative_documents.document"
SUGGESTION_KIND = "normative_documents.suggestion"


def describe_documents(ids: list[Any]) -> list[dict[str, Any]]:
    from django.urls import reverse

    docs = {d.pk: d for d in NormativeDocument.objects.filter(pk__in=ids).select_related("lead_unit")}
    return [
        {
            "url": reverse("normative_documents:detail", args=[d.pk]),
            "cells": [d.title, d.lead_unit.name, d.registration_number or "", d.published_on, d.get_status_display()],
        }
        for d in (docs.get(i) for i in ids)
        if d is not None
    ]


def describe_suggestions(ids: list[Any]) -> list[dict[str, Any]]:
    rows = {s.pk: s for s in ReviewSuggestion.objects.filter(pk__in=ids).select_related("document")}
    return [
        {
            "url": "",
            "cells": [s.receipt_number, s.document.title, s.submitted_on, "已答复" if s.answered_on else "未答复"],
        }
        for s in (rows.get(i) for i in ids)
        if s is not None
    ]


register_record_kind(
    RecordKind(DOCUMENT_KIND, "文件", ("文件名称", "制定机关", "登记编号", "公布日期", "效力状态"), describe_documents)
)
register_record_kind(
    RecordKind(SUGGESTION_KIND, "审查建议", ("登记编号", "文件", "提出日期", "答复"), describe_suggestions)
)

PUBLISHED = "公布日期在统计期间内"
COUNTS = [
    ("issued", "本年制发", f"{PUBLISHED}的规范性文件件数（政府信息公开年度报告第二部分“本年制发件数”）。"),
    ("repealed", "本年废止", "废止日期在统计期间内、状态为废止的文件件数（年度报告第二部分“本年废止件数”）。"),
    ("in_force", "现行有效", "统计期末已公布且尚未失效、废止或被修改的文件件数（年度报告第二部分“现行有效件数”）。"),
    ("legality_reviewed", "经合法性审核", f"{PUBLISHED}、合法性审核意见为同意或修改后同意的文件件数。"),
    ("filed", "已报备", f"{PUBLISHED}、已报送备案的文件件数。"),
    ("filed_on_time", "及时报备", f"{PUBLISHED}、在公布之日起30日（可配置）内报送备案的文件件数。"),
    ("filed_late", "迟报或未报", f"{PUBLISHED}、报送备案晚于期限，或期限已过仍未报送的文件件数。"),
    ("reviewed", "已审查", "备案审查结论日期在统计期间内的文件件数。"),
    ("passed", "审查通过", "备案审查结论日期在统计期间内、结论为通过的文件件数。"),
    ("corrections", "纠错", "备案审查结论日期在统计期间内、结论为纠错的文件件数。"),
]
RATES = [
    ("legality_review_rate", "合法性审核率", "legality_reviewed", "issued", "经合法性审核件数 ÷ 本年制发件数 × 100%。"),
    ("filing_rate", "报备率", "filed", "issued", "已报备件数 ÷ 本年制发件数 × 100%。"),
    ("filing_timeliness_rate", "报备及时率", "filed_on_time", "issued", "及时报备件数 ÷ 本年制发件数 × 100%。"),
    ("conformity_rate", "规范率", "passed", "reviewed", "审查通过件数 ÷ 已审查件数 × 100%。"),
]

for key, label, definition in COUNTS:
    register_metric(
        Metric(
            key=f"{P}.{key}",
            label=label,
            unit="件",
            definition=f"{definition}{UNIT_NOTE}",
            module=MODULE,
            compute=_count(key),
            settings=("FAZHI_NORMATIVE_DOCUMENTS",) if key in ("filed_on_time", "filed_late") else (),
            record_kind=DOCUMENT_KIND,
        )
    )
for key, label, num, den, definition in RATES:
    register_metric(
        Metric(
            key=f"{P}.{key}",
            label=label,
            unit=PERCENT,
            definition=f"{definition}分母为0时不计算。{UNIT_NOTE}",
            module=MODULE,
            numerator=f"{P}.{num}",
            denominator=f"{P}.{den}",
            record_kind=DOCUMENT_KIND,
        )
    )
register_metric(
    Metric(
        key=f"{P}.suggestions",
        label="审查建议",
        unit="件",
        definition=f"提出日期在统计期间内的公民、法人和其他组织的审查建议件数。{UNIT_NOTE}",
        module=MODULE,
        compute=_suggestions,
        record_kind=SUGGESTION_KIND,
    )
)
register_metric(
    Metric(
        key=f"{P}.cleaned",
        label="清理",
        unit="件",
        definition=f"批准日期在统计期间内的清理中逐件作出清理结论的文件件数，按继续有效、修改、废止、宣布失效分列。{UNIT_NOTE}",
        module=MODULE,
        compute=_cleaned,
        breakdown="清理结果",
        record_kind=DOCUMENT_KIND,
    )
)

KEYS = [f"{P}.{k}" for k, *_ in COUNTS] + [f"{P}.{k}" for k, *_ in RATES] + [f"{P}.suggestions", f"{P}.cleaned"]
