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
from .parts import DEFAULT_SECTIONS, cn_number, part_codes, parts
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


def template_outline(tpl: ReportTemplate) -> dict[str, Any]:
    """The template page: each part of the setting (FAZHI_REPORTS["PARTS"], legal-rules.md §14 ⚠) with its
    sub-headings in order, and the rows whose part the setting no longer has (shown apart, never output)."""
    rows = list(tpl.sections.order_by("order", "id"))
    codes = set(part_codes())
    out = []
    for number, p in enumerate(parts(tpl.year), start=1):
        mine = [r for r in rows if r.part == p.code]
        for i, r in enumerate(mine):
            r.first, r.last = i == 0, i == len(mine) - 1  # type: ignore[attr-defined]
            r.number = f"（{cn_number(i + 1)}）"  # type: ignore[attr-defined]
        out.append({"part": p, "title": f"{cn_number(number)}、{p.title}", "sections": mine})
    return {"parts": out, "orphans": [r for r in rows if r.part not in codes]}


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


# ---- pages (scoped to the viewer) ----


def reports_visible_to(user: Any, action: str = "view") -> Any:
    from .policies import ReportPolicy

    return ReportPolicy.visible(user, action).select_related("unit").order_by("-year", "unit__path", "id")


def report_get_for(user: Any, pk: int, action: str = "view") -> Report:
    """One report the user may act on; the same 404 for a missing and a forbidden one."""
    from django.http import Http404

    from .policies import ReportPolicy

    report = Report.objects.select_related("unit").filter(pk=pk).first()
    if report is None or not ReportPolicy.can(user, action, report):
        raise Http404
    return report


def report_sections(report: Report) -> list[Any]:
    order = {code: i for i, code in enumerate(part_codes())}
    return sorted(report.sections.order_by("order", "id"), key=lambda s: order.get(s.part, 99))


def report_saved_content(report: Report) -> dict[str, Any]:
    return {
        "year": report.year,
        "unit": report.unit,
        "title": report.title,
        "issuer": report.issuer,
        "sections": [{"part": s.part, "heading": s.heading, "text": s.text} for s in report_sections(report)],
        "report": report,
    }


def version_get(report: Report, number: int) -> ReportVersion:
    from django.http import Http404

    version = report.versions.select_related("snapshot").filter(number=number).first()
    if version is None:
        raise Http404
    return version


def version_figures(version: ReportVersion) -> list[dict[str, Any]]:
    values = snapshot_values(version.snapshot)
    stored = {v.key: v for v in version.snapshot.values.all()}
    return [
        _figure(key, values[key], stored[key].definition, stored[key].label, stored[key].unit)
        for key in version.content.get("keys", list(values))
        if key in stored
    ]


def version_content(report: Report, version: ReportVersion) -> dict[str, Any]:
    return {**version.content, "year": report.year, "unit": report.unit, "report": report}


def metric_picker() -> list[dict[str, Any]]:
    """Every registry metric for the editor's figure picker: key, Chinese label, module, unit and 口径."""
    from fazhi.metrics.registry import metrics_all

    return [
        {"key": m.key, "label": m.label, "module": m.module, "unit": m.unit, "definition": m.full_definition}
        for m in metrics_all()
    ]


def _change(now: Any, before: Any) -> Any:
    if now is None or before is None:
        return None
    return round(now - before, 2)


def report_diff(report: Report, figures: list[dict[str, Any]]) -> dict[str, Any]:
    """Last year's report of the same body beside this one: every figure with last year's value (as frozen in last
    year's latest version where there is one, else counted now for last year) and the change; the sub-headings last
    year had, per part, that this year's text no longer has."""
    last_year = report.year - 1
    before = report_find(year=last_year, unit=report.unit)
    last_version = version_latest(before)
    if last_version is not None:
        frozen = {f["key"]: f for f in version_figures(last_version)}
        missing = [k for k in (f["key"] for f in figures) if k not in frozen]
        live = {f["key"]: f for f in figures_live(missing, year=last_year, unit=report.unit)}
        last = {**live, **frozen}
        last_sections = last_version.content.get("sections", [])
        source = f"{last_year}年报告定稿第{last_version.number}版"
    else:
        last = {f["key"]: f for f in figures_live([f["key"] for f in figures], year=last_year, unit=report.unit)}
        last_sections = report_saved_content(before)["sections"] if before is not None else template_sections(last_year)
        source = f"{last_year}年报告草稿" if before is not None else f"{last_year}年模板"
    rows = []
    for f in figures:
        prev = last.get(f["key"], {}).get("value")
        rows.append({**f, "last": prev, "change": _change(f["value"], prev), "frozen_last": last_version is not None})
    now_headings = {(s.part, s.heading.strip()) for s in report.sections.all() if s.heading.strip()}
    titles = {p.code: p.title for p in parts(report.year)}
    gone = [
        {"part": titles.get(s["part"], s["part"]), "heading": s["heading"].strip()}
        for s in last_sections
        if s["heading"].strip() and (s["part"], s["heading"].strip()) not in now_headings
    ]
    return {"year": last_year, "source": source, "figures": rows, "missing_headings": gone, "report": before}


def contributions_visible_to(user: Any) -> Any:
    from .policies import ContributionPolicy

    return ContributionPolicy.visible(user, "view")


def contribution_get_for(user: Any, pk: int, action: str = "view") -> Any:
    from django.http import Http404

    from .models import Contribution
    from .policies import ContributionPolicy

    c = Contribution.objects.select_related("report", "unit").filter(pk=pk).first()
    if c is None or not ContributionPolicy.can(user, action, c):
        raise Http404
    return c


def report_steps(report: Report) -> dict[str, Any]:
    """The steps recorded for the latest version, and the submission checklist with what was done of it."""
    from .models import StepKind
    from .steps import submissions

    version = version_latest(report)
    steps = list(report.steps.select_related("version", "by").order_by("on", "id"))
    current = [s for s in steps if version is not None and s.version_id == version.pk]

    def last(kind: str) -> Any:
        found = [s for s in current if s.kind == kind]
        return found[-1] if found else None

    checklist = []
    for sub in submissions(report.year):
        done = [s for s in steps if s.kind == StepKind.SUBMISSION and s.submission == sub["code"]]
        checklist.append({**sub, "done": done[-1] if done else None, "late": bool(done) and done[-1].on > sub["due"]})
    return {
        "version": version,
        "all": steps,
        "secrecy": last(StepKind.SECRECY),
        "approval": last(StepKind.APPROVAL),
        "publication": last(StepKind.PUBLICATION),
        "checklist": checklist,
    }


def reports_published() -> list[Any]:
    """The portal's list: each report's latest publication step (its version is the one published), newest year
    first. Public by design: only what 门户公开 was recorded for."""
    from .models import ReportStep, StepKind

    out, seen = [], set()
    steps = ReportStep.objects.filter(kind=StepKind.PUBLICATION).select_related("report", "version")
    for step in steps.order_by("-report__year", "-on", "-id"):
        if step.report_id not in seen:
            seen.add(step.report_id)
            out.append(step)
    return out


def report_published_get(pk: int) -> Any:
    """The publication step of one published report (None: not published — the portal answers 404)."""
    return next((s for s in reports_published() if s.report_id == pk), None)
