"""Pages of the annual report: parse → authorise → one service or selector → render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from fazhi.core.errors import ConflictError, DomainError
from fazhi.core.forms import form_refuse as refuse
from fazhi.metrics.registry import RECORD_KINDS, metric_get
from fazhi.orgs.decorators import menu_page
from fazhi.orgs.models import Unit
from fazhi.orgs.scopes import scope_q

from .documents import report_docx, report_paragraphs
from .forms import (
    ApproveForm,
    ContributionForm,
    ContributionSendForm,
    PublishForm,
    ReportCreateForm,
    SecrecyForm,
    SectionForm,
    SubmissionForm,
    TemplateCreateForm,
    TemplateSectionAddForm,
    TemplateSectionForm,
)
from .models import Report, ReportSection, ReportTemplate
from .parts import cn_number, parts
from .pdf import docx_to_pdf, pdf_available
from .policies import ContributionPolicy, ReportPolicy, ReportTemplatePolicy
from .selectors import (
    content_keys,
    contribution_get_for,
    contributions_visible_to,
    figures_live,
    metric_picker,
    report_diff,
    report_get_for,
    report_saved_content,
    report_sections,
    reports_visible_to,
    template_outline,
    version_content,
    version_figures,
    version_get,
    version_latest,
)
from .services import (
    contribution_merge,
    contribution_submit,
    contributions_send,
    report_approve,
    report_create,
    report_freeze,
    report_publish,
    secrecy_review_record,
    section_save,
    submission_record,
    template_create,
    template_section_add,
    template_section_move,
    template_section_remove,
    template_section_rename,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _units_for(user: Any) -> Any:
    q = scope_q(user, "pk")
    qs = Unit.objects.filter(is_active=True)
    return qs.filter(q) if q is not None else qs


@menu_page("reports.view")
def report_list(request: HttpRequest) -> HttpResponse:
    may_create = ReportPolicy.can(request.user, "edit", Report(unit=None)) or ReportPolicy.can(
        request.user, "edit", Report(unit=request.user.unit)
    )
    form = ReportCreateForm(request.POST or None, units=_units_for(request.user))
    if request.method == "POST":
        if not may_create:
            raise Http404
        if form.is_valid():
            d = form.cleaned_data
            unit = d["unit"]
            if not ReportPolicy.can(request.user, "edit", Report(unit=unit)):
                form.add_error("unit", "您不能为该单位（或本级人民政府）起草年度报告。")
            else:
                try:
                    report = report_create(by=request.user, year=d["year"], unit=unit, submit_token=d["submit_token"])
                except ConflictError:
                    form.add_error(None, "该年度报告已由他人同时创建，请刷新后查看。")
                except DomainError as exc:
                    refuse(form, exc)
                else:
                    return redirect("reports:detail", report.pk)
    rows = list(reports_visible_to(request.user)[:300])
    for r in rows:
        r.latest = version_latest(r)  # type: ignore[attr-defined]
    return render(
        request,
        "reports/list.html",
        {
            "rows": rows,
            "form": form if may_create else None,
            "may_template": ReportTemplatePolicy.can(request.user, "manage"),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _figures(report: Report) -> list[dict[str, Any]]:
    return figures_live(content_keys(report_saved_content(report)), year=report.year, unit=report.unit)


def _metric_link(report: Report, key: str) -> str:
    from django.urls import reverse

    q = {"year": report.year, **({"unit": report.unit.code} if report.unit else {})}
    return f"{reverse('metrics:detail', args=[key])}?{urlencode(q)}"


def _detail_context(request: HttpRequest, report: Report) -> dict[str, Any]:
    content = report_saved_content(report)
    figures = _figures(report)
    for f in figures:
        f["link"] = _metric_link(report, f["key"])
    sections = report_sections(report)
    by_part = [
        {
            "part": p,
            "number": i,
            "title": f"{cn_number(i)}、{p.title}",
            "sections": [s for s in sections if s.part == p.code],
        }
        for i, p in enumerate(parts(report.year), start=1)
    ]
    return {
        "report": report,
        "parts": by_part,
        "preview": report_paragraphs(content, figures),
        "figures": figures,
        "versions": list(report.versions.select_related("frozen_by").order_by("-number")),
        "can_edit": ReportPolicy.can(request.user, "edit", report),
        "can_freeze": ReportPolicy.can(request.user, "freeze", report),
        "may_template": ReportTemplatePolicy.can(request.user, "manage")
        and ReportTemplate.objects.filter(year=report.year).exists(),
    }


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, report_get_for(request.user, pk))


@login_required
def section_edit(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    report = report_get_for(request.user, pk, "edit")
    section = ReportSection.objects.filter(report=report, pk=section_pk).first()
    if section is None:
        raise Http404
    titles = {p.code: p.title for p in parts(report.year)}
    form = SectionForm(
        request.POST or None, initial={"heading": section.heading, "text": section.text, "version": section.version}
    )
    preview: list[Any] = []
    status = 200
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            if request.POST.get("do") == "preview":
                from .placeholders import text_check

                text = text_check(d["text"], field="text")
                content = {
                    "year": report.year,
                    "sections": [{"part": section.part, "heading": d["heading"], "text": text}],
                }
                figs = figures_live(content_keys(content), year=report.year, unit=report.unit)
                preview = [
                    p
                    for p in report_paragraphs(content, figs)
                    if not p.text.startswith(("一、", "二、", "三、", "四、", "五、"))
                ]
            else:
                section_save(
                    by=request.user,
                    section=section,
                    heading=d["heading"],
                    text=d["text"],
                    expected_version=d["version"],
                )
                messages.success(request, "已保存。")
                return redirect("reports:detail", report.pk)
        except ConflictError:
            form.add_error(None, "该段落已被他人修改，请复制您的文字后刷新页面再改。")
            status = 409
        except DomainError as exc:
            refuse(form, exc, {"text": "text"})
            status = 400
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "reports/section_edit.html",
        {
            "report": report,
            "section": section,
            "part_title": titles.get(section.part, section.part),
            "form": form,
            "metrics": metric_picker(),
            "preview": preview,
        },
        status=status,
    )


@login_required
@require_POST
def report_freeze_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_get_for(request.user, pk, "freeze")
    try:
        version = report_freeze(by=request.user, report=report)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已定稿：第{version.number}版，{len(version.content.get('keys', []))}项指标已冻结。")
    return redirect("reports:detail", report.pk)


@login_required
def report_download(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_get_for(request.user, pk)
    number = request.GET.get("version", "")
    if number:
        if not number.isdigit():
            raise Http404
        version = version_get(report, int(number))
        data = report_docx(
            version_content(report, version),
            version_figures(version),
            issued_on=version.created_at.date(),
            note=f"定稿第{version.number}版，数据快照 {version.snapshot_id} 号",
        )
        name = f"{report.year}年法治政府建设年度报告（定稿第{version.number}版）.docx"
    else:
        data = report_docx(report_saved_content(report), _figures(report), note="（草稿，数据为生成时的实时统计）")
        name = f"{report.year}年法治政府建设年度报告（草稿）.docx"
    response = HttpResponse(data, content_type=DOCX)
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@login_required
def report_version(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    report = report_get_for(request.user, pk)
    version = version_get(report, number)
    figures = version_figures(version)
    return render(
        request,
        "reports/version.html",
        {
            "report": report,
            "version": version,
            "figures": figures,
            "preview": report_paragraphs(version_content(report, version), figures),
        },
    )


@login_required
def frozen_figure(request: HttpRequest, pk: int, number: int, key: str) -> HttpResponse:
    """The records behind one frozen figure, exactly as they were frozen."""
    report = report_get_for(request.user, pk)
    version = version_get(report, number)
    figure = next((f for f in version_figures(version) if f["key"] == key), None)
    if figure is None:
        raise Http404
    try:
        metric = metric_get(key)
        kind = RECORD_KINDS.get(metric.record_kind)
    except DomainError:
        kind = None
    records = figure["record_ids"]
    side = ""
    if isinstance(records, dict):
        side = request.GET.get("side", "denominator")
        side = side if side in records else "denominator"
        ids = records.get(side) or []
    else:
        ids = records or []
    page = Paginator(sorted(ids, reverse=True), 50).get_page(request.GET.get("page"))
    rows = kind.describe(list(page.object_list)) if kind else [{"url": "", "cells": [i]} for i in page.object_list]
    return render(
        request,
        "reports/figure.html",
        {
            "report": report,
            "version": version,
            "figure": figure,
            "kind": kind,
            "rows": rows,
            "page": page,
            "side": side,
        },
    )


@login_required
def report_diff_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_get_for(request.user, pk)
    version = version_latest(report)
    figures = version_figures(version) if version is not None else _figures(report)
    return render(
        request, "reports/diff.html", {"report": report, "diff": report_diff(report, figures), "version": version}
    )


# ---- contributions, review, approval, publication, submission, PDF (slice 3) ----


def _steps_context(request: HttpRequest, report: Report, **forms: Any) -> dict[str, Any]:
    from .selectors import report_steps
    from .steps import publish_deadline, submissions

    user = request.user
    can = {a: ReportPolicy.can(user, a, report) for a in ("contributions", "secrecy_review", "approve", "publish")}
    subs = submissions(report.year)
    return {
        "can_steps": can,
        "contributions": list(report.contributions.select_related("unit").order_by("unit__path")),
        "send_form": forms.get("send_form") or ContributionSendForm(units=_units_for(user)),
        "secrecy_form": forms.get("secrecy_form") or SecrecyForm(),
        "approve_form": forms.get("approve_form") or ApproveForm(),
        "publish_form": forms.get("publish_form") or PublishForm(),
        "submission_form": forms.get("submission_form")
        or SubmissionForm(choices=[(s["code"], s["label"]) for s in subs]),
        "steps": report_steps(report),
        "publish_deadline": publish_deadline(report.year),
        "pdf_available": pdf_available(),
    }


def _detail(request: HttpRequest, report: Report, status: int = 200, **forms: Any) -> HttpResponse:
    ctx = _detail_context(request, report)
    ctx.update(_steps_context(request, report, **forms))
    return render(request, "reports/detail.html", ctx, status=status)


@login_required
@require_POST
def report_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    actions = {
        "contributions": ("contributions", ContributionSendForm, "send_form"),
        "secrecy": ("secrecy_review", SecrecyForm, "secrecy_form"),
        "approve": ("approve", ApproveForm, "approve_form"),
        "publish": ("publish", PublishForm, "publish_form"),
        "submission": ("publish", SubmissionForm, "submission_form"),
    }
    if step not in actions:
        raise Http404
    action, form_class, name = actions[step]
    report = report_get_for(request.user, pk, action)
    from .steps import submissions

    kwargs: dict[str, Any] = {}
    if form_class is ContributionSendForm:
        kwargs["units"] = _units_for(request.user)
    if form_class is SubmissionForm:
        kwargs["choices"] = [(s["code"], s["label"]) for s in submissions(report.year)]
    form = form_class(request.POST, **kwargs)
    if form.is_valid():
        d = form.cleaned_data
        try:
            if step == "contributions":
                sent = contributions_send(
                    by=request.user, report=report, units=list(d["units"]), due=d["due"], request=d["request"]
                )
                done = f"已向{len(sent)}个单位下发供稿任务（督办事项）。"
            elif step == "secrecy":
                secrecy_review_record(by=request.user, report=report, on=d["on"], passed=d["passed"], note=d["note"])
                done = "已记录保密审查。"
            elif step == "approve":
                report_approve(by=request.user, report=report, on=d["on"], note=d["note"])
                done = "已记录审批。"
            elif step == "publish":
                report_publish(by=request.user, report=report, on=d["on"], url=d["url"], late_reason=d["late_reason"])
                done = "已登记公开。"
            else:
                submission_record(by=request.user, report=report, code=d["submission"], on=d["on"], note=d["note"])
                done = "已登记报送。"
        except DomainError as exc:
            refuse(form, exc)
        else:
            messages.success(request, done)
            return redirect("reports:detail", report.pk)
    return _detail(request, report, status=400, **{name: form})


@login_required
@require_POST
def contribution_merge_view(request: HttpRequest, pk: int, contribution_pk: int) -> HttpResponse:
    report = report_get_for(request.user, pk, "contributions")
    c = report.contributions.filter(pk=contribution_pk).first()
    if c is None:
        raise Http404
    try:
        contribution_merge(by=request.user, contribution=c)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已将{c.unit.name}的供稿并入报告草稿。")
    return redirect("reports:detail", report.pk)


@menu_page("reports.contribute")
def contribution_list(request: HttpRequest) -> HttpResponse:
    rows = contributions_visible_to(request.user).select_related("report", "unit").order_by("-report__year", "id")[:200]
    return render(request, "reports/contribution_list.html", {"rows": rows})


@login_required
def contribution_page(request: HttpRequest, pk: int) -> HttpResponse:
    c = contribution_get_for(request.user, pk)
    may_submit = ContributionPolicy.can(request.user, "submit", c) and c.state != "merged"
    sections = report_sections(c.report)
    titles = {p.code: p.title for p in parts(c.report.year)}
    for s in sections:
        s.label = s.heading or titles.get(s.part, s.part)  # type: ignore[attr-defined]
    form = ContributionForm(request.POST or None, sections=sections, texts=c.texts)
    status = 200
    if request.method == "POST":
        if not may_submit:
            raise Http404
        if form.is_valid():
            texts = {k.removeprefix("section-"): v for k, v in form.cleaned_data.items()}
            try:
                contribution_submit(by=request.user, contribution=c, texts=texts)
            except DomainError as exc:
                refuse(form, exc, {f"section-{k}": f"section-{k}" for k in texts})
                status = 400
            else:
                messages.success(request, "供稿已提交，督办事项已办结。")
                return redirect("reports:contribution", c.pk)
        else:
            status = 400
    return render(
        request,
        "reports/contribution.html",
        {"c": c, "form": form, "may_submit": may_submit, "sections": sections},
        status=status,
    )


@login_required
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The .docx converted by LibreOffice headless (an optional path: 404 with a message where soffice is absent)."""
    report = report_get_for(request.user, pk)
    if not pdf_available():
        raise Http404("本服务器未安装 LibreOffice，无法生成 PDF。")
    version = version_latest(report)
    if version is not None:
        data = report_docx(
            version_content(report, version), version_figures(version), issued_on=version.created_at.date()
        )
    else:
        data = report_docx(report_saved_content(report), _figures(report))
    from urllib.parse import quote

    response = HttpResponse(docx_to_pdf(data), content_type="application/pdf")
    name = f"{report.year}年法治政府建设年度报告.pdf"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


# ---- the template of parts and sub-headings (one page per year, one service per change) ----


@menu_page("reports.template.manage")
def template_list(request: HttpRequest) -> HttpResponse:
    """Every year's template, and a new year's made by copying the newest earlier one (or the default)."""
    from django.utils import timezone

    form = TemplateCreateForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        tpl = template_create(by=request.user, year=form.cleaned_data["year"])
        return redirect("reports:template", tpl.year)
    rows = list(ReportTemplatePolicy.visible(request.user).order_by("-year"))
    for t in rows:
        t.count = t.sections.count()  # type: ignore[attr-defined]
    return render(
        request,
        "reports/templates.html",
        {"rows": rows, "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


@menu_page("reports.template.manage")
def template_edit(request: HttpRequest, year: int) -> HttpResponse:
    tpl = ReportTemplatePolicy.visible(request.user, "manage").filter(year=year).first()
    if tpl is None:
        raise Http404
    year_parts = parts(tpl.year)
    add_form = TemplateSectionAddForm(initial={"version": tpl.version}, parts=year_parts)
    bad: dict[str, Any] = {}  # the refused row edit: section, typed heading, message
    status = 200
    if request.method == "POST":
        do = request.POST.get("do", "")
        if do == "add":
            add_form = TemplateSectionAddForm(request.POST, parts=year_parts)
            if add_form.is_valid():
                d = add_form.cleaned_data
                try:
                    row = template_section_add(
                        by=request.user,
                        template=tpl,
                        part=d["part"],
                        heading=d["heading"],
                        text=d["text"],
                        expected_version=d["version"],
                    )
                except ConflictError as exc:  # the typed text kept, against the latest version
                    tpl.refresh_from_db()
                    data = request.POST.copy()
                    data["version"] = str(tpl.version)
                    add_form = TemplateSectionAddForm(data, parts=year_parts)
                    add_form.is_valid()
                    add_form.add_error(None, exc.message)
                    status = 409
                except DomainError as exc:
                    refuse(add_form, exc)
                    status = 400
                else:
                    messages.success(request, f"已增加小标题“{row.heading}”。")
                    return redirect("reports:template", tpl.year)
            else:
                status = 400
        elif do in ("rename", "move", "remove"):
            form = TemplateSectionForm(request.POST)
            if not form.is_valid():
                raise Http404
            d = form.cleaned_data
            section = tpl.sections.filter(pk=d["section"]).first()
            if section is None:
                bad = {"section": d["section"], "heading": d["heading"], "error": "该小标题已被他人删除，请刷新页面。"}
                status = 409
            else:
                try:
                    if do == "rename":
                        template_section_rename(
                            by=request.user,
                            template=tpl,
                            section=section,
                            heading=d["heading"],
                            expected_version=d["version"],
                        )
                        done = f"已将小标题改为“{d['heading'].strip()}”。"
                    elif do == "move":
                        template_section_move(
                            by=request.user,
                            template=tpl,
                            section=section,
                            direction=d["direction"],
                            expected_version=d["version"],
                        )
                        done = (
                            f"已{'上移' if d['direction'] == 'up' else '下移'}“{section.heading or '（无小标题）'}”。"
                        )
                    else:
                        template_section_remove(
                            by=request.user, template=tpl, section=section, expected_version=d["version"]
                        )
                        done = f"已删除小标题“{section.heading or '（无小标题）'}”。"
                except DomainError as exc:
                    label = {"heading": "小标题", "direction": "顺序"}.get(exc.field or "", "")
                    bad = {
                        "section": section.pk,
                        "heading": d["heading"] if do == "rename" else section.heading,
                        "error": f"{label}：{exc.message}" if label else exc.message,
                    }
                    status = 409 if isinstance(exc, ConflictError) else 400
                else:
                    messages.success(request, done)
                    return redirect("reports:template", tpl.year)
        else:
            raise Http404
        tpl.refresh_from_db()
    outline = template_outline(tpl)
    return render(
        request,
        "reports/template.html",
        {
            "tpl": tpl,
            "outline": outline,
            "add_form": add_form,
            "bad": bad,
            "reports": list(reports_visible_to(request.user).filter(year=tpl.year)),
            "newer": ReportTemplate.objects.filter(year__gt=tpl.year).order_by("year").first(),
        },
        status=status,
    )
