"""Reads of the annual report: its content (saved, or built from the year's template / last year's / the default),
its figures live from the metric registry or frozen from its latest version's snapshot."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from fazhi.core.errors import DomainError
from fazhi.metrics.registry import metric_get
from fazhi.metrics.selectors import metric_values
from fazhi.metrics.snapshots import snapshot_values

from .models import Report, ReportTemplate, ReportVersion
from .parts import DEFAULT_SECTIONS, part_codes
from .placeholders import texts_keys


def issuer_name(unit: Any) -> str:
    return unit.name if unit is not None else settings.FAZHI_ORGANISATION_NAME


def report_title(issuer: str, year: int) -> str:
    return f"{issuer}{year}年法治政府建设年度报告"


def report_find(*, year: int, unit: Any) -> Report | None:
    qs = Report.objects.filter(year=year)
    return (qs.filter(unit=unit) if unit is not None else qs.filter(unit__isnull=True)).first()


def template_source(year: int) -> ReportTemplate | None:
    """The year's template, or else the newest earlier one (to copy from); None: the default."""
    return ReportTemplate.objects.filter(year__lte=year).order_by("-year").first()


def template_sections(year: int) -> list[dict[str, str]]:
    tpl = template_source(year)
    if tpl is None:
        rows = [{"part": p, "heading": h, "text": t} for p, h, t in DEFAULT_SECTIONS]
    else:
        rows = [{"part": s.part, "heading": s.heading, "text": s.text} for s in tpl.sections.order_by("order", "id")]
    return _in_part_order(rows)


def _in_part_order(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    order = {code: i for i, code in enumerate(part_codes())}
    return sorted(
        (r for r in rows if r["part"] in order), key=lambda r: order[r["part"]]
    )  # stable: keeps the order inside a part


def report_content(*, year: int, unit: Any) -> dict[str, Any]:
    """{"year", "unit", "title", "issuer", "sections": [{"part", "heading", "text"}], "report": Report | None}: the
    saved draft, or — no report yet for that year and body — the draft built from the template (nothing saved)."""
    report = report_find(year=year, unit=unit)
    if report is not None:
        sections = [
            {"part": s.part, "heading": s.heading, "text": s.text} for s in report.sections.order_by("order", "id")
        ]
        return {
            "year": year,
            "unit": unit,
            "title": report.title,
            "issuer": report.issuer,
            "sections": _in_part_order(sections),
            "report": report,
        }
    issuer = issuer_name(unit)
    return {
        "year": year,
        "unit": unit,
        "title": report_title(issuer, year),
        "issuer": issuer,
        "sections": template_sections(year),
        "report": None,
    }


def content_keys(content: dict[str, Any]) -> list[str]:
    return texts_keys(s["text"] for s in content["sections"])


def records_count(records: Any) -> int:
    """How many records stand behind a value: a list of ids, or for a rate the ids of numerator and denominator."""
    if not records:
        return 0
    if isinstance(records, dict):
        ids: set[Any] = set()
        for part in records.values():
            ids.update(part or [])
        return len(ids)
    return len(records)


def _figure(key: str, value: dict[str, Any], definition: str, label: str, unit: str) -> dict[str, Any]:
    try:
        module = metric_get(key).module
    except DomainError:  # a frozen figure whose metric was retired since
        module = ""
    return {
        "key": key,
        "label": label,
        "module": module,
        "unit": unit,
        "value": value["value"],
        "numerator": value["numerator"],
        "denominator": value["denominator"],
        "definition": definition,
        "records": records_count(value.get("records")),
        "record_ids": value.get("records"),
    }


def figures_live(keys: list[str], *, year: int, unit: Any, viewer: Any = None) -> list[dict[str, Any]]:
    """Each figure once, computed now (the same call as `fazhi metrics value KEY --year Y [--unit CODE]`)."""
    if not keys:
        return []
    values = metric_values(keys, period=year, unit=unit, viewer=viewer, records=True)
    out = []
    for key in keys:
        m = metric_get(key)
        out.append(_figure(key, values[key], m.full_definition, m.label, m.unit))
    return out


def version_latest(report: Report | None) -> ReportVersion | None:
    if report is None:
        return None
    return report.versions.select_related("snapshot").order_by("-number").first()


def frozen_content(*, year: int, unit: Any) -> tuple[dict[str, Any], list[dict[str, Any]], ReportVersion]:
    """The latest frozen version's texts and figures, exactly as frozen; DomainError if none was frozen."""
    report = report_find(year=year, unit=unit)
    version = version_latest(report)
    if version is None:
        raise DomainError(
            "reports.not_frozen", f"{issuer_name(unit)}{year}年度报告尚未定稿，没有冻结版本。", field="year"
        )
    values = snapshot_values(version.snapshot)
    stored = {v.key: v for v in version.snapshot.values.all()}
    content = {**version.content, "year": year, "unit": unit, "report": report}
    figures = [
        _figure(key, values[key], stored[key].definition, stored[key].label, stored[key].unit)
        for key in version.content.get("keys", list(values))
    ]
    return content, figures, version
