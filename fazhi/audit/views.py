"""Audit and login logs: search, page, export to Excel (the export itself is audited)."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from openpyxl import Workbook

from fazhi.core.downloads import xlsx_response
from fazhi.core.excel import safe_cell

from .events import AuditAction
from .policies import AuditPolicy, KeyUsePolicy, LoginLogPolicy
from .services import key_uses_sealed_to, record_event


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _filtered_events(request: HttpRequest, action: str):  # type: ignore[no-untyped-def]
    qs = AuditPolicy.visible(request.user, action)
    g = request.GET
    if g.get("actor"):
        qs = qs.filter(actor_name__contains=g["actor"].strip())
    if g.get("action"):
        qs = qs.filter(action__startswith=g["action"].strip())
    if g.get("object"):
        qs = qs.filter(object_repr__contains=g["object"].strip())
    if start := _date(g.get("start")):
        qs = qs.filter(occurred_at__date__gte=start)
    if end := _date(g.get("end")):
        qs = qs.filter(occurred_at__date__lte=end)
    return qs


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    if not AuditPolicy.can(request.user, "view"):
        raise Http404
    page = Paginator(_filtered_events(request, "view"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/event_list.html",
        {
            "page": page,
            "can_export": AuditPolicy.can(request.user, "export"),
            "query": request.GET.urlencode(),
        },
    )


@login_required
def event_export(request: HttpRequest) -> HttpResponse:
    if not AuditPolicy.can(request.user, "export"):
        raise Http404
    rows = _filtered_events(request, "export")[:100000]
    wb = Workbook()
    ws = wb.active
    ws.title = "审计日志"
    ws.append(["编号", "时间", "操作人", "单位", "操作", "对象", "结果", "IP", "摘要", "摘要算法", "哈希"])
    n = 0
    for e in rows.iterator():
        ws.append(
            [
                e.pk,
                e.occurred_at.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
                safe_cell(e.actor_name),
                safe_cell(e.unit_name),
                e.action,
                safe_cell(e.object_repr),
                e.get_result_display(),
                e.ip,
                safe_cell(str(e.summary)[:2000]),
                e.algorithm,
                e.hash,
            ]
        )
        n += 1
    with transaction.atomic():
        record_event(
            actor=request.user, action=AuditAction.AUDIT_EXPORTED, summary={"rows": n, "filter": request.GET.dict()}
        )
    buf = BytesIO()
    wb.save(buf)
    return xlsx_response(buf.getvalue(), "audit-log.xlsx")


@login_required
def login_list(request: HttpRequest) -> HttpResponse:
    if not LoginLogPolicy.can(request.user, "view"):
        raise Http404
    qs = LoginLogPolicy.visible(request.user, "view")
    if request.GET.get("username"):
        qs = qs.filter(username__contains=request.GET["username"].strip())
    if request.GET.get("outcome"):
        qs = qs.filter(outcome=request.GET["outcome"])
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "audit/login_list.html", {"page": page, "query": request.GET.urlencode()})


@login_required
def key_use_list(request: HttpRequest) -> HttpResponse:
    """Every use of an API key, newest first (ADR 0012): those after the last seal are marked 待封存."""
    if not KeyUsePolicy.can(request.user, "view"):
        raise Http404
    qs = KeyUsePolicy.visible(request.user, "view")
    g = request.GET
    if g.get("key"):
        qs = qs.filter(key_label__contains=g["key"].strip())
    if g.get("account"):
        qs = qs.filter(actor_name__contains=g["account"].strip())
    if start := _date(g.get("start")):
        qs = qs.filter(occurred_at__date__gte=start)
    if end := _date(g.get("end")):
        qs = qs.filter(occurred_at__date__lte=end)
    before = g.get("before", "")
    if before.isdigit():  # keyset paging: a table that grows by every system call is never counted or offset
        qs = qs.filter(id__lt=int(before))
    rows = list(qs.order_by("-id")[:51])
    query = g.copy()
    query.pop("before", None)
    return render(
        request,
        "audit/key_use_list.html",
        {
            "rows": rows[:50],
            "next_before": rows[49].pk if len(rows) > 50 else None,
            "first": not before,
            "query": query.urlencode(),
            "sealed_to": key_uses_sealed_to(),
        },
    )
