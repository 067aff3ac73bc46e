"""行政管理类别: what field of administration a case is about (政府信息公开, 公安, 自然资源 …), recorded at registration
on the dockets that report by it (行政复议, 行政应诉), and the figures that count by it — first the part 四 of the
政府信息公开工作年度报告 (国办公开办函〔2021〕30号: 行政复议 and 行政诉讼 about 政府信息公开, each 结果维持 / 结果纠正 /
其他结果 / 尚未审结 / 总计). The list is a setting (settings.FAZHI_CASE_MATTERS, [(code, label), …]); a docket
stores the code in `Case.extra["matter"]`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from fazhi.core.errors import DomainError

GOV_INFO = "gov_info"
DEFAULT_MATTERS: tuple[tuple[str, str], ...] = (
    (GOV_INFO, "政府信息公开"),
    ("public_security", "公安"),
    ("natural_resources", "自然资源"),
    ("housing", "住房城乡建设"),
    ("market", "市场监管"),
    ("human_resources", "人力资源社会保障"),
    ("ecology", "生态环境"),
    ("transport", "交通运输"),
    ("agriculture", "农业农村"),
    ("other", "其他"),
)
# The four classes of part 四 (and of any report by result): a docket says which of its outcomes is which.
RESULT_CLASSES = (("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"), ("pending", "尚未审结"))


def matters() -> tuple[tuple[str, str], ...]:
    from django.conf import settings

    return tuple(getattr(settings, "FAZHI_CASE_MATTERS", None) or DEFAULT_MATTERS)


def matter_check(code: str | None) -> str:
    """A matter code as stored ("" = not recorded); an unknown code is refused naming the field."""
    code = (code or "").strip()
    if code and code not in dict(matters()):
        raise DomainError("cases.invalid", f"行政管理类别“{code}”不在类别表中。", field="matter")
    return code


def matter_label(code: str) -> str:
    return dict(matters()).get(code, "")


def matter_results(
    qs: Any, *, classify: Callable[[str], str], period: Any, records: bool
) -> tuple[int, list[dict[str, Any]], list[int] | None]:
    """Cases of `qs` received in the period, by their result at the period's end (`classify(outcome)` → upheld /
    corrected / other; not closed by then → pending): (total, breakdown, ids when asked)."""
    start, end = period.start, period.end
    counts = {code: 0 for code, _l in RESULT_CLASSES}
    ids: list[int] = []
    for pk, outcome, closed_on in qs.filter(received_on__range=(start, end)).values_list("pk", "outcome", "closed_on"):
        counts["pending" if closed_on is None or closed_on > end else classify(outcome or "")] += 1
        ids.append(pk)
    breakdown = [{"code": code, "label": label, "value": counts[code]} for code, label in RESULT_CLASSES]
    return sum(counts.values()), breakdown, sorted(ids) if records else None


def matter_classifier(upheld: Iterable[str], corrected: Iterable[str]) -> Callable[[str], str]:
    up, corr = frozenset(upheld), frozenset(corrected)
    return lambda outcome: "upheld" if outcome in up else "corrected" if outcome in corr else "other"


# Each docket that reports by result says which of its outcomes is 维持 and which 纠正 (its own statistics settings).
CLASSIFIERS: dict[str, Callable[[], Callable[[str], str]]] = {}


def matter_classifier_register(docket: str, make: Callable[[], Callable[[str], str]]) -> None:
    CLASSIFIERS[docket] = make


def _register_metrics() -> None:
    """Part 四 of the 政府信息公开工作年度报告: three metrics, each broken down by result (called from CasesConfig)."""
    from django.db.models import Q

    from fazhi.metrics.registry import Measure, Metric, Query, register_metric

    def compute(docket: str, after: bool | None) -> Callable[[Query], Measure]:
        def run(q: Query) -> Measure:
            from .models import Case
            from .selectors import cases_visible_to

            qs = (
                cases_visible_to(q.viewer, docket=docket)
                if q.viewer is not None
                else Case.objects.filter(docket=docket)
            )
            qs = qs.filter(extra__matter=GOV_INFO)
            if after:
                qs = qs.filter(extra__after_reconsideration=True)
            elif after is False:  # a missing key is "not after 复议" (a JSON exclude would drop it as NULL)
                qs = qs.filter(Q(extra__after_reconsideration=False) | Q(extra__after_reconsideration__isnull=True))
            if q.unit_ids is not None:
                qs = qs.filter(Q(respondent_unit_id__in=q.unit_ids) | Q(handling_unit_id__in=q.unit_ids))
            make = CLASSIFIERS.get(docket)
            classify = make() if make else (lambda _o: "other")
            total, breakdown, ids = matter_results(qs, classify=classify, period=q.period, records=q.records)
            return Measure(total, breakdown=breakdown, records=ids)

        return run

    common = (
        "行政管理类别为“政府信息公开”、收到日期在统计期间内的案件，按期末时的结果分列：结果维持、结果纠正、其他结果、尚未审结"
        "（期末未结案）；总计为四项之和（国办公开办函〔2021〕30号 第四部分）。"
    )
    for key, label, docket, after, what in (
        (
            "gov_info_reconsideration",
            "政府信息公开行政复议",
            "reconsideration",
            None,
            "结果维持为维持决定；结果纠正为纠错结果集（FAZHI_RECONSIDERATION_CORRECTION_RATE 的分子，默认变更、撤销、部分撤销、确认违法、责令履行、确认无效）；其余决定、驳回、调解、和解、终止为其他结果。",
        ),
        (
            "gov_info_litigation_direct",
            "政府信息公开行政诉讼（未经复议直接起诉）",
            "litigation",
            False,
            "结果维持为判决驳回诉讼请求；结果纠正为败诉结果集（FAZHI_LITIGATION_RATES 的 lost，默认撤销、确认违法、确认无效、履行、给付、变更、赔偿）；其余为其他结果。",
        ),
        (
            "gov_info_litigation_after",
            "政府信息公开行政诉讼（复议后起诉）",
            "litigation",
            True,
            "同未经复议直接起诉，限复议后起诉的案件。",
        ),
    ):
        register_metric(
            Metric(
                key=f"cases.{key}",
                label=label,
                unit="件",
                module="案件",
                definition=common + what,
                compute=compute(docket, after),
                breakdown="结果",
                record_kind="cases.case",
                scope_note="指定单位时，计入被申请人（被告）或承办单位为该单位（含下级单位时为其下级）的案件；按查看人的数据范围计。",
                settings=("FAZHI_CASE_MATTERS",),
            )
        )


def matter_field() -> Any:
    """The registration forms' 行政管理类别 select (optional; the choices read the setting when rendered)."""
    from django import forms

    return forms.ChoiceField(
        label="行政管理类别",
        required=False,
        choices=lambda: [("", "（请选择）"), *matters()],
        help_text="政府信息公开工作年度报告第四部分按此统计涉及政府信息公开的复议、诉讼案件。",
    )
