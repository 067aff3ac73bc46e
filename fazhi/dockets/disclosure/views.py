"""Staff pages: list, register, detail, one page per transition (the kernel's shared pages), import, the annual table
with its Excel export. Parse → authorise → service → render."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.db.models.fields.json import KT
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import Truncator

from fazhi.cases.docket_views import (
    DocketList,
    ListFilter,
    case_page_context,
    import_page,
    list_page,
    register_page,
    require_action,
    transition_page,
)
from fazhi.cases.listing import detail_url
from fazhi.cases.models import Case
from fazhi.cases.selectors import case_get_for, cases_visible_to
from fazhi.cases.services import PartyInput, today_local
from fazhi.core.errors import DomainError
from fazhi.core.forms import form_refuse

from .codes import APPLICANT_TYPE_LABEL, APPLICANT_TYPES, CHANNEL_LABEL, REPLY_TYPE, TABLE_ROWS
from .forms import ImportForm, RegisterForm
from .imports import disclosure_import, import_template_bytes
from .services import disclosure_register
from .spec import SPEC

DOCKET = "disclosure"


def _by_year(qs: QuerySet[Case], year: str, user: Any) -> QuerySet[Case]:
    if year.isdigit() and 1900 < int(year) < 3000:
        return qs.filter(received_on__range=(dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)))
    return qs


def _row(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "pk": r["pk"],
        "url": detail_url("disclosure:detail", r["pk"]),
        "case_number": r["case_number"],
        "title": Truncator(r["title"]).chars(30),
        "applicant_type": APPLICANT_TYPE_LABEL.get(r["applicant_type"] or "", ""),
        "received_on": r["received_on"].isoformat(),
        "state": SPEC.state_label(r["state"]),
        "outcome": SPEC.outcome_label(r["outcome"]) if r["outcome"] else "",
    }


LIST = DocketList(
    template="disclosure/list.html",
    base=lambda user: cases_visible_to(user, docket=DOCKET),
    filters=(
        ListFilter("state", lambda qs, v, user: qs.filter(state=v)),
        ListFilter("year", _by_year),
        ListFilter("q", lambda qs, v, user: qs.filter(case_number=v) | qs.filter(receipt_number=v)),
    ),
    fields=("pk", "case_number", "title", "state", "received_on", "outcome"),
    expressions={"applicant_type": KT("extra__applicant_type")},
    row=_row,
)


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    return list_page(request, spec=SPEC, listing=LIST)


FIELD_OF = {
    "parties-0-name": "applicant_name",
    "parties-0-id_number": "applicant_id_number",
    "parties-0-credit_code": "applicant_id_number",
    "parties-0-phone": "applicant_phone",
    "received_on": "submitted_on",
}


@login_required
def register(request: HttpRequest) -> HttpResponse:
    require_action(request, "disclosure.case.register")
    form = RegisterForm(
        request.POST or None, initial={"submitted_on": today_local(), "handling_unit": request.user.unit}
    )

    def _register(d: dict[str, Any]) -> Case:
        person = d["applicant_type"] == "natural_person"
        applicant = PartyInput(
            role="applicant",
            name=d["applicant_name"],
            id_number=d["applicant_id_number"] if person else "",
            credit_code="" if person else d["applicant_id_number"],
            phone=d["applicant_phone"],
            address=d["applicant_address"],
        )
        return disclosure_register(
            by=request.user,
            handling_unit=d["handling_unit"],
            applicant_type=d["applicant_type"],
            applicant=applicant,
            content=d["content"],
            purpose=d["purpose"],
            channel=d["channel"],
            mail_kind=d["mail_kind"],
            submitted_on=d["submitted_on"],
            signed_on=d["signed_on"],
            confirmed_on=d["confirmed_on"],
            submit_token=d["submit_token"],
        )

    return register_page(
        request,
        form=form,
        template="disclosure/register.html",
        register=_register,
        errors=FIELD_OF,
        message=lambda case: f"已登记，编号 {case.case_number}，收到日期 {case.received_on:%Y-%m-%d}。",
    )


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_action(request, "disclosure.case.view")
    case = case_get_for(request.user, pk, docket=DOCKET)
    x = case.extra
    reply = x.get("reply") or {}
    return render(
        request,
        "disclosure/detail.html",
        case_page_context(
            request,
            case,
            SPEC,
            applicant_type=APPLICANT_TYPE_LABEL.get(x.get("applicant_type", ""), ""),
            channel=CHANNEL_LABEL.get(case.channel, case.get_channel_display()),
            reply_type=REPLY_TYPE[reply["type"]] if reply.get("type") in REPLY_TYPE else None,
        ),
    )


@login_required
def case_transition(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    return transition_page(request, spec=SPEC, pk=pk, code=code)


@login_required
def import_cases(request: HttpRequest) -> HttpResponse:
    return import_page(
        request,
        spec=SPEC,
        action="disclosure.case.register",
        template="disclosure/import.html",
        run=disclosure_import,
        template_bytes=import_template_bytes,
        form_class=ImportForm,
        filename="政府信息公开申请导入.xlsx",
    )


def _table_request(request: HttpRequest) -> tuple[int, str]:
    from fazhi.cases.stats import unit_check, year_check

    try:
        year = year_check(request.GET.get("year") or str(today_local().year))
        unit = unit_check(request.GET.get("unit") or "")
    except DomainError as exc:
        messages.error(request, exc.message)
        return today_local().year, ""
    return year, unit.code if unit else ""


@login_required
def annual_table_page(request: HttpRequest) -> HttpResponse:
    """The 依申请公开 table of the annual report (国办公开办函〔2021〕30号 第三部分): every cell links to its requests;
    ?export=xlsx gives the Excel file, ?cell=ROW&col=COL the requests behind one cell."""
    require_action(request, "disclosure.case.view")
    from fazhi.metrics.periods import Period

    from .stats import table_workbook
    from .stats_registry import disclosure_figures

    year, unit = _table_request(request)
    if request.GET.get("export") == "xlsx":
        require_action(request, "cases.stats.export")
        data = table_workbook(year=year, unit_code=unit, viewer=request.user)
        resp = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        name = quote(f"政府信息公开申请情况{year}.xlsx")
        resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
        return resp
    figures = disclosure_figures(period=Period(year), unit_code=unit or None, viewer=request.user)
    table = figures["annual_table"]
    cell, drill = request.GET.get("cell", ""), []
    if cell:
        from fazhi.metrics.selectors import metric_value

        col = request.GET.get("col", "total")
        v = metric_value(f"disclosure.{cell}", period=year, unit=unit or None, viewer=request.user, records=True)
        ids = v["records"]
        drill_qs = Case.objects.filter(pk__in=ids)
        if col != "total":
            drill_qs = drill_qs.filter(extra__applicant_type=col)
        values = drill_qs.order_by("-received_on").values(*LIST.fields, applicant_type=KT("extra__applicant_type"))
        drill = [_row(r) for r in values[:200]]
    rows = [(key, label, list(zip(table["columns"], table["rows"][key], strict=True))) for key, label in TABLE_ROWS]
    return render(
        request,
        "disclosure/table.html",
        {
            "year": year,
            "unit": unit,
            "columns": [*APPLICANT_TYPES, ("total", "总计")],
            "rows": rows,
            "check": table["check"],
            "figures": figures,
            "cell": cell,
            "drill": drill,
        },
    )


@login_required
def annual_report(request: HttpRequest) -> HttpResponse:
    """政府信息公开工作年度报告: the written parts kept per issuing unit and year (保存), and the .docx with the figures
    counted from the requests (生成报告, which saves first)."""
    require_action(request, "cases.stats.export")
    from fazhi.audit.services import record_event
    from fazhi.orgs.models import Unit

    from .forms import ReportTextForm
    from .report_texts import report_text_get, report_text_save
    from .stats import annual_report_docx

    year, unit = _table_request(request)
    issuer_unit = (Unit.objects.filter(code=unit).first() if unit else None) or request.user.unit
    saved = report_text_get(unit=issuer_unit, year=year)
    form = ReportTextForm(request.POST or None, initial={"version": saved.version, **saved.texts})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            saved = report_text_save(
                by=request.user, unit=issuer_unit, year=year, texts=d, expected_version=d["version"]
            )
        except DomainError as exc:
            form_refuse(form, exc)
        else:
            if "generate" not in request.POST:
                messages.success(request, "已保存。")
                return redirect(request.get_full_path())
            ids = frozenset([issuer_unit.pk]) if unit and issuer_unit else None
            data = annual_report_docx(
                year=year,
                issuer=issuer_unit.name if issuer_unit else "",
                narrative=saved.texts,
                unit_ids=ids,
                unit_code=unit or None,
                viewer=request.user,
            )
            record_event(
                actor=request.user,
                action="disclosure.report.generate",
                object_type="stats",
                object_id="disclosure",
                object_repr=f"disclosure {year}",
                summary={"year": year, "unit": unit},
            )
            resp = HttpResponse(
                data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            )
            name = quote(f"政府信息公开工作年度报告{year}.docx")
            resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
            return resp
    status = 400 if request.method == "POST" else 200
    context = {"year": year, "unit": unit, "form": form, "saved": saved, "issuer": issuer_unit}
    return render(request, "disclosure/report.html", context, status=status)
