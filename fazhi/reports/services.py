"""Writes of the annual report: templates (copied from last year), a report started from its year's template, a
section's text (placeholders checked), freezing (a metric snapshot and a numbered version). Atomic and audited."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from fazhi.audit.services import record_event
from fazhi.core.errors import ConflictError, DomainError
from fazhi.metrics.snapshots import metric_snapshot

from .events import ReportEvent
from .models import Report, ReportSection, ReportState, ReportTemplate, ReportVersion, TemplateSection
from .parts import parts, required_parts
from .placeholders import text_check
from .selectors import content_keys, issuer_name, report_find, report_title, template_sections

HEADING_MAX = 200
TEXT_MAX = 20000


def _clean_section(year: int, part: str, heading: str, text: str, *, field: str) -> tuple[str, str]:
    titles = {p.code: p.title for p in parts(year)}
    if part not in titles:
        raise DomainError("reports.bad_part", f"报告没有“{part}”这一部分。", field=field)
    heading, text = (heading or "").strip(), (text or "").strip()
    if len(heading) > HEADING_MAX:
        raise DomainError("reports.invalid", f"小标题不能超过{HEADING_MAX}字（现有{len(heading)}字）。", field=field)
    if len(text) > TEXT_MAX:
        raise DomainError("reports.invalid", f"正文不能超过{TEXT_MAX}字（现有{len(text)}字）。", field=field)
    where = f"“{titles[part]}”" + (f"“{heading}”" if heading else "")
    return heading, text_check(text, field=field, where=where)


@transaction.atomic
def template_create(*, by: Any, year: int) -> ReportTemplate:
    """The year's template, copied from the newest earlier one (or the default); the existing one if there is one."""
    found = ReportTemplate.objects.filter(year=year).first()
    if found is not None:
        return found
    rows = template_sections(year)
    try:
        with transaction.atomic():
            tpl = ReportTemplate.objects.create(year=year, name=f"{year}年度法治政府建设年度报告模板", created_by=by)
    except IntegrityError:
        return ReportTemplate.objects.get(year=year)
    TemplateSection.objects.bulk_create(
        TemplateSection(template=tpl, part=r["part"], order=i, heading=r["heading"], text=r["text"])
        for i, r in enumerate(rows)
    )
    record_event(actor=by, action=ReportEvent.TEMPLATE_CREATED, obj=tpl, summary={"year": year, "sections": len(rows)})
    return tpl


@transaction.atomic
def template_save(
    *, by: Any, template: ReportTemplate, sections: list[dict[str, str]], expected_version: int
) -> ReportTemplate:
    """Replace the template's sub-headings (part, heading, text) in order; placeholders checked."""
    clean = [
        _clean_section(template.year, s.get("part", ""), s.get("heading", ""), s.get("text", ""), field=f"sections-{i}")
        + (s.get("part", ""),)
        for i, s in enumerate(sections)
    ]
    tpl = ReportTemplate.objects.select_for_update(of=("self",)).get(pk=template.pk)
    tpl.save_versioned(expected_version=expected_version, update_fields=["name"])
    tpl.sections.all().delete()
    TemplateSection.objects.bulk_create(
        TemplateSection(template=tpl, part=part, order=i, heading=h, text=t) for i, (h, t, part) in enumerate(clean)
    )
    record_event(actor=by, action=ReportEvent.TEMPLATE_SAVED, obj=tpl, summary={"sections": len(clean)})
    return tpl


@transaction.atomic
def report_create(*, by: Any, year: int, unit: Any = None, submit_token: Any = None) -> Report:
    """The year's report of the government (unit None) or of one unit, its sections from the year's template (or last
    year's, or the default). One per year and body: a second call returns the first."""
    if submit_token is not None:
        found = Report.objects.filter(submit_token=submit_token).first()
        if found is not None:
            return found
    found = report_find(year=year, unit=unit)
    if found is not None:
        return found
    tpl = ReportTemplate.objects.filter(year__lte=year).order_by("-year").first()
    issuer = issuer_name(unit)
    try:
        with transaction.atomic():
            report = Report.objects.create(
                year=year,
                unit=unit,
                title=report_title(issuer, year),
                issuer=issuer,
                template=tpl,
                created_by=by,
                submit_token=submit_token,
            )
    except IntegrityError:
        raise ConflictError() from None
    rows = template_sections(year)
    ReportSection.objects.bulk_create(
        ReportSection(report=report, part=r["part"], order=i, heading=r["heading"], text=r["text"])
        for i, r in enumerate(rows)
    )
    record_event(
        actor=by,
        action=ReportEvent.CREATED,
        obj=report,
        unit=unit,
        summary={"year": year, "unit": unit.code if unit is not None else "", "sections": len(rows)},
    )
    return report


@transaction.atomic
def section_save(*, by: Any, section: ReportSection, heading: str, text: str, expected_version: int) -> ReportSection:
    """A section's heading and text; an unknown placeholder refused (nothing saved); a frozen report's draft may be
    edited (the frozen version stays as it was), a stale version refused."""
    heading, text = _clean_section(section.report.year, section.part, heading, text, field="text")
    row = ReportSection.objects.select_for_update(of=("self",)).select_related("report").get(pk=section.pk)
    if row.heading == heading and row.text == text and row.version == expected_version:
        return row
    row.heading, row.text = heading, text
    row.save_versioned(expected_version=expected_version, update_fields=["heading", "text"])
    record_event(
        actor=by,
        action=ReportEvent.SECTION_SAVED,
        obj=row.report,
        unit=row.report.unit,
        summary={"section": row.pk, "part": row.part, "heading": heading},
    )
    return row


@transaction.atomic
def report_freeze(*, by: Any, report: Report) -> ReportVersion:
    """Freeze the draft: every figure's value, 口径 and records in a metric snapshot, the texts as they are now, as the
    next version. An empty required part is refused."""
    report = Report.objects.select_for_update(of=("self",)).get(pk=report.pk)
    sections = list(report.sections.order_by("order", "id"))
    titles = {p.code: p.title for p in parts(report.year)}
    for code in required_parts():
        if not any(s.text.strip() for s in sections if s.part == code):
            raise DomainError("reports.part_empty", f"“{titles.get(code, code)}”部分还没有内容，不能定稿。", field=code)
    rows = [{"part": s.part, "heading": s.heading, "text": s.text} for s in sections]
    content = {"title": report.title, "issuer": report.issuer, "sections": rows}
    keys = content_keys({**content, "year": report.year})
    number = (report.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    snapshot = metric_snapshot(keys, report.year, report.unit, by=by, purpose=f"{report.title} 第{number}版定稿")
    version = ReportVersion.objects.create(
        report=report, number=number, snapshot=snapshot, content={**content, "keys": keys}, frozen_by=by
    )
    report.state = ReportState.FROZEN
    report.save(update_fields=["state", "updated_at"])
    record_event(
        actor=by,
        action=ReportEvent.FROZEN,
        obj=report,
        unit=report.unit,
        summary={"version": number, "snapshot": snapshot.pk, "figures": len(keys)},
    )
    return version
