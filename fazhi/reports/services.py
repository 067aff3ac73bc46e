"""Writes of the annual report: templates (copied from last year), a report started from its year's template, a
section's text (placeholders checked), freezing (a metric snapshot and a numbered version). Atomic and audited."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.audit.services import record_event
from fazhi.core.errors import ConflictError, DomainError
from fazhi.metrics.snapshots import metric_snapshot

from .events import ReportEvent
from .models import (
    Contribution,
    ContributionState,
    Report,
    ReportSection,
    ReportState,
    ReportStep,
    ReportTemplate,
    ReportVersion,
    StepKind,
    TemplateSection,
)
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


# ---- the template edited one change at a time (issue #24: "the template … is data, editable") ----

TEMPLATE_STALE = "该模板已被他人修改，您的这次修改没有保存。下方是最新模板，您填写的内容仍保留，请核对后再提交。"


def _template_lock(template: ReportTemplate, expected_version: int) -> ReportTemplate:
    """The template row locked; a stale version refused (optimistic concurrency: every change bumps the version)."""
    tpl = ReportTemplate.objects.select_for_update(of=("self",)).get(pk=template.pk)
    if tpl.version != expected_version:
        raise ConflictError(TEMPLATE_STALE)
    return tpl


def _template_changed(tpl: ReportTemplate, expected_version: int, *, by: Any, action: str, summary: dict) -> None:
    """The end of every template change: its version bumped (a stale edit elsewhere is then refused) and audited."""
    try:
        tpl.save_versioned(expected_version=expected_version, update_fields=["name"])
    except ConflictError:
        raise ConflictError(TEMPLATE_STALE) from None
    record_event(actor=by, action=action, obj=tpl, summary=summary)


def _template_heading(tpl: ReportTemplate, part: str, heading: str, *, exclude: int | None = None) -> str:
    heading = (heading or "").strip()
    if not heading:
        raise DomainError("reports.invalid", "请填写小标题。", field="heading")
    if len(heading) > HEADING_MAX:
        raise DomainError(
            "reports.invalid", f"小标题不能超过{HEADING_MAX}字（现有{len(heading)}字）。", field="heading"
        )
    same = tpl.sections.filter(part=part, heading=heading)
    if exclude is not None:
        same = same.exclude(pk=exclude)
    if same.exists():
        raise DomainError("reports.duplicate_heading", f"本部分已有小标题“{heading}”。", field="heading")
    return heading


def _template_section(tpl: ReportTemplate, section: TemplateSection) -> TemplateSection:
    row = tpl.sections.filter(pk=section.pk).first()
    if row is None:
        raise ConflictError(TEMPLATE_STALE)
    return row


@transaction.atomic
def template_section_add(
    *, by: Any, template: ReportTemplate, part: str, heading: str, text: str = "", expected_version: int
) -> TemplateSection:
    """A new sub-heading at the end of its part (a part of FAZHI_REPORTS["PARTS"]), its starting text checked."""
    tpl = _template_lock(template, expected_version)
    titles = {p.code: p.title for p in parts(tpl.year)}
    if part not in titles:
        raise DomainError("reports.bad_part", "请选择报告的一个部分。", field="part")
    heading = _template_heading(tpl, part, heading)
    text = (text or "").strip()
    if len(text) > TEXT_MAX:
        raise DomainError("reports.invalid", f"默认文字不能超过{TEXT_MAX}字（现有{len(text)}字）。", field="text")
    text = text_check(text, field="text", where=f"“{titles[part]}”“{heading}”")
    last = tpl.sections.order_by("-order").values_list("order", flat=True).first()
    row = TemplateSection.objects.create(
        template=tpl, part=part, order=(last + 1) if last is not None else 0, heading=heading, text=text
    )
    _template_changed(
        tpl,
        expected_version,
        by=by,
        action=ReportEvent.TEMPLATE_SECTION_ADDED,
        summary={"section": row.pk, "part": part, "heading": heading},
    )
    return row


@transaction.atomic
def template_section_rename(
    *, by: Any, template: ReportTemplate, section: TemplateSection, heading: str, expected_version: int
) -> TemplateSection:
    """A sub-heading's new wording (not empty, not a duplicate in its part)."""
    tpl = _template_lock(template, expected_version)
    row = _template_section(tpl, section)
    old = row.heading
    row.heading = _template_heading(tpl, row.part, heading, exclude=row.pk)
    if row.heading == old:
        return row
    row.save(update_fields=["heading"])
    _template_changed(
        tpl,
        expected_version,
        by=by,
        action=ReportEvent.TEMPLATE_SECTION_RENAMED,
        summary={"section": row.pk, "part": row.part, "from": old, "to": row.heading},
    )
    return row


@transaction.atomic
def template_section_move(
    *, by: Any, template: ReportTemplate, section: TemplateSection, direction: str, expected_version: int
) -> TemplateSection:
    """A sub-heading one place up or down inside its part (the parts' order is the setting's)."""
    tpl = _template_lock(template, expected_version)
    row = _template_section(tpl, section)
    if direction not in ("up", "down"):
        raise DomainError("reports.invalid", "请选择上移或下移。", field="direction")
    siblings = list(tpl.sections.filter(part=row.part).order_by("order", "id"))
    i = next(n for n, s in enumerate(siblings) if s.pk == row.pk)
    j = i - 1 if direction == "up" else i + 1
    if not 0 <= j < len(siblings):
        where = "第一个" if direction == "up" else "最后一个"
        raise DomainError("reports.invalid", f"“{row.heading or '（无小标题）'}”已是本部分{where}。", field="direction")
    siblings[i], siblings[j] = siblings[j], siblings[i]
    orders = sorted(s.order for s in siblings)
    if len(set(orders)) != len(orders):  # equal orders (never written so by these services): spread them out
        base = tpl.sections.order_by("-order").values_list("order", flat=True).first() or 0
        orders = [base + 1 + n for n in range(len(siblings))]
    for s, order in zip(siblings, orders, strict=True):
        if s.order != order:
            s.order = order
            s.save(update_fields=["order"])
    _template_changed(
        tpl,
        expected_version,
        by=by,
        action=ReportEvent.TEMPLATE_SECTION_MOVED,
        summary={"section": row.pk, "part": row.part, "heading": row.heading, "position": j + 1},
    )
    return row


@transaction.atomic
def template_section_remove(
    *, by: Any, template: ReportTemplate, section: TemplateSection, expected_version: int
) -> None:
    """A sub-heading taken out of the template (reports already started from it keep theirs)."""
    tpl = _template_lock(template, expected_version)
    row = _template_section(tpl, section)
    summary = {"section": row.pk, "part": row.part, "heading": row.heading}
    row.delete()
    _template_changed(tpl, expected_version, by=by, action=ReportEvent.TEMPLATE_SECTION_REMOVED, summary=summary)


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
    tpl = template_create(by=by, year=year)  # the year's template, copied from last year's (or the default)
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
    _publication_clock_start(by=by, report=report)
    record_event(
        actor=by,
        action=ReportEvent.FROZEN,
        obj=report,
        unit=report.unit,
        summary={"version": number, "snapshot": snapshot.pk, "figures": len(keys)},
    )
    return version


# ---- contributions, review, approval, publication, submission (issue #24 part 1, slice 3) ----


@transaction.atomic
def contributions_send(*, by: Any, report: Report, units: list[Any], due: Any, request: str = "") -> list[Contribution]:
    """A contribution task to each unit: a supervisable item (kind reports.contribution) on the unit's board, due on
    `due`, with 催办 and extension from fazhi.supervision. Sent once per unit (a second send returns the first)."""
    from fazhi.supervision.services import item_raise

    from .sources import CONTRIBUTION_KIND

    if not units:
        raise DomainError("reports.invalid", "请选择至少一个供稿单位。", field="units")
    if due is None:
        raise DomainError("reports.invalid", "请填写供稿时限。", field="due")
    out = []
    for unit in units:
        found = Contribution.objects.filter(report=report, unit=unit).first()
        if found is not None:
            out.append(found)
            continue
        c = Contribution.objects.create(report=report, unit=unit, due=due, request=(request or "").strip())
        item_raise(
            source=c,
            kind=CONTRIBUTION_KIND,
            unit=unit,
            reason=f"报送{report.year}年法治政府建设年度报告供稿材料",
            text=c.request,
            due=due,
            dedupe_key=f"reports.contribution.{c.pk}",
            by=by,
            url=c.get_absolute_url(),
        )
        out.append(c)
    record_event(
        actor=by,
        action=ReportEvent.CONTRIBUTION_SENT,
        obj=report,
        unit=report.unit,
        summary={"units": [u.code for u in units], "due": str(due)},
    )
    return out


@transaction.atomic
def contribution_submit(*, by: Any, contribution: Contribution, texts: dict[str, str]) -> Contribution:
    """The unit's paragraphs per sub-heading (section id → text; placeholders checked). Closes its item."""
    from fazhi.supervision.selectors import items_for_source
    from fazhi.supervision.services import item_close_by_source

    c = Contribution.objects.select_for_update(of=("self",)).select_related("report").get(pk=contribution.pk)
    if c.state == ContributionState.MERGED:
        raise DomainError("reports.contribution_merged", "该供稿已被采用，不能再修改。", field="texts")
    sections = {str(s.pk): s for s in c.report.sections.all()}
    clean: dict[str, str] = {}
    for key, text in texts.items():
        if key not in sections or not (text or "").strip():
            continue
        s = sections[key]
        _, clean[key] = _clean_section(c.report.year, s.part, s.heading, text, field=f"section-{key}")
    if not clean:
        raise DomainError("reports.invalid", "请至少填写一个小标题下的内容。", field="texts")
    c.texts, c.state, c.submitted_by, c.submitted_at = clean, ContributionState.SUBMITTED, by, timezone.now()
    c.save(update_fields=["texts", "state", "submitted_by", "submitted_at", "updated_at"])
    for item in items_for_source(c):
        item_close_by_source(item=item, by=by, note="已提交供稿")
    record_event(
        actor=by,
        action=ReportEvent.CONTRIBUTION_SUBMITTED,
        obj=c.report,
        unit=c.unit,
        summary={"sections": list(clean)},
    )
    return c


@transaction.atomic
def contribution_merge(*, by: Any, contribution: Contribution) -> Contribution:
    """The office takes a submitted contribution into the draft: each paragraph appended to its section's text."""
    c = Contribution.objects.select_for_update(of=("self",)).select_related("report", "unit").get(pk=contribution.pk)
    if c.state != ContributionState.SUBMITTED:
        raise DomainError("reports.invalid", "只能采用已提交的供稿。", field="state")
    for row in ReportSection.objects.select_for_update(of=("self",)).filter(report=c.report, pk__in=c.texts.keys()):
        addition = c.texts[str(row.pk)]
        row.text = f"{row.text}\n{addition}".strip() if row.text else addition
        row.save_versioned(expected_version=row.version, update_fields=["text"])
    c.state, c.merged_at = ContributionState.MERGED, timezone.now()
    c.save(update_fields=["state", "merged_at", "updated_at"])
    record_event(
        actor=by,
        action=ReportEvent.CONTRIBUTION_MERGED,
        obj=c.report,
        unit=c.report.unit,
        summary={"unit": c.unit.code},
    )
    return c


def _latest(report: Report) -> ReportVersion:
    version = report.versions.order_by("-number").first()
    if version is None:
        raise DomainError("reports.not_frozen", "报告尚未定稿：请先定稿（冻结数据）。", field="version")
    return version


def _step_done(version: ReportVersion, kind: str) -> ReportStep | None:
    return version.steps.filter(kind=kind, passed=True).order_by("-id").first()


@transaction.atomic
def secrecy_review_record(*, by: Any, report: Report, on: Any, passed: bool, note: str = "") -> ReportStep:
    """保密审查 of the latest frozen version (第二十四条: what is secret is not published)."""
    report = Report.objects.select_for_update(of=("self",)).get(pk=report.pk)
    version = _latest(report)
    if not passed and not (note or "").strip():
        raise DomainError("reports.invalid", "审查未通过时请写明需要修改的内容。", field="note")
    step = ReportStep.objects.create(
        report=report, version=version, kind=StepKind.SECRECY, on=on, passed=passed, note=(note or "").strip(), by=by
    )
    record_event(
        actor=by,
        action=ReportEvent.SECRECY_REVIEWED,
        obj=report,
        unit=report.unit,
        summary={"version": version.number, "passed": passed},
    )
    return step


@transaction.atomic
def report_approve(*, by: Any, report: Report, on: Any, note: str = "") -> ReportStep:
    """The head's approval of the latest frozen version, after a passed 保密审查 of that version."""
    report = Report.objects.select_for_update(of=("self",)).get(pk=report.pk)
    version = _latest(report)
    if _step_done(version, StepKind.SECRECY) is None:
        raise DomainError(
            "reports.no_secrecy_review", f"定稿第{version.number}版尚未通过保密审查，不能审批。", field="on"
        )
    step = ReportStep.objects.create(
        report=report, version=version, kind=StepKind.APPROVAL, on=on, note=(note or "").strip(), by=by
    )
    record_event(
        actor=by, action=ReportEvent.APPROVED, obj=report, unit=report.unit, summary={"version": version.number}
    )
    return step


@transaction.atomic
def report_publish(*, by: Any, report: Report, on: Any, url: str = "", late_reason: str = "") -> ReportStep:
    """Publication on the portal of the approved latest version, by the statutory day (before 1 April of the next
    year, 第二十四条); a later date needs a recorded reason. Completes the publication clock."""
    from fazhi.deadlines.selectors import clock_for
    from fazhi.deadlines.services import clock_complete

    from .sources import PUBLICATION_RULE
    from .steps import publish_deadline

    report = Report.objects.select_for_update(of=("self",)).get(pk=report.pk)
    version = _latest(report)
    if _step_done(version, StepKind.APPROVAL) is None:
        raise DomainError(
            "reports.not_approved", f"定稿第{version.number}版尚未经主要负责人审批，不能公开。", field="on"
        )
    if on is None:
        raise DomainError("reports.invalid", "请填写公开日期。", field="on")
    last = publish_deadline(report.year)
    late_reason = (late_reason or "").strip()
    if on > last and not late_reason:
        raise DomainError(
            "reports.late_without_reason",
            f"公开日期晚于{last.year}年{last.month}月{last.day}日（《法治政府建设与责任落实督察工作规定》第二十四条："
            "每年4月1日之前公开），请填写逾期公开理由。",
            field="late_reason",
        )
    step = ReportStep.objects.create(
        report=report,
        version=version,
        kind=StepKind.PUBLICATION,
        on=on,
        url=(url or "").strip()[:500],
        late_reason=late_reason if on > last else "",
        by=by,
    )
    clock = clock_for(report, PUBLICATION_RULE)
    if clock is not None:
        clock_complete(clock=clock, on=on, by=by)
    record_event(
        actor=by,
        action=ReportEvent.PUBLISHED,
        obj=report,
        unit=report.unit,
        summary={"version": version.number, "on": str(on), "late": on > last},
    )
    return step


@transaction.atomic
def submission_record(*, by: Any, report: Report, code: str, on: Any, note: str = "") -> ReportStep:
    """One submission of the checklist (who → whom, FAZHI_REPORTS["SUBMISSIONS"]) done, for the latest version."""
    from .steps import submissions

    report = Report.objects.select_for_update(of=("self",)).get(pk=report.pk)
    version = _latest(report)
    if code not in {s["code"] for s in submissions(report.year)}:
        raise DomainError("reports.invalid", "请选择报送事项。", field="submission")
    if on is None:
        raise DomainError("reports.invalid", "请填写报送日期。", field="on")
    step = ReportStep.objects.create(
        report=report,
        version=version,
        kind=StepKind.SUBMISSION,
        on=on,
        submission=code,
        note=(note or "").strip(),
        by=by,
    )
    record_event(
        actor=by,
        action=ReportEvent.SUBMITTED,
        obj=report,
        unit=report.unit,
        summary={"submission": code, "on": str(on)},
    )
    return step


def _publication_clock_start(*, by: Any, report: Report) -> None:
    """At the first freeze: the publication clock (fixed date: 31 March of the next year)."""
    from fazhi.deadlines.selectors import clock_for
    from fazhi.deadlines.services import clock_start

    from .sources import PUBLICATION_RULE
    from .steps import publish_deadline

    if clock_for(report, PUBLICATION_RULE) is not None:
        return
    last = publish_deadline(report.year)
    today = timezone.localdate()
    clock_start(
        obj=report,
        rule_id=PUBLICATION_RULE,
        trigger_date=min(today, last),
        by=by,
        unit=report.unit,
        key=PUBLICATION_RULE,
        due_override=last,
    )
