"""Boards and item pages: parse → authorise → one service or selector → render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from fazhi.core.downloads import download_pk, file_download, xlsx_response
from fazhi.core.errors import DomainError
from fazhi.core.forms import form_refuse
from fazhi.orgs.scopes import grants_for

from . import services as svc
from .exports import board_export
from .forms import (
    AcceptForm,
    BulkReportForm,
    BulkUrgeForm,
    DecideForm,
    ExtensionForm,
    NoticeForm,
    ReportForm,
    ReturnForm,
    RuleForm,
    UrgeForm,
)
from .models import Evidence, Notice, RaiseRule
from .policies import ItemPolicy, RaiseRulePolicy
from .selectors import (
    board_drilldown,
    board_kept,
    extension_get_for,
    extensions_pending,
    item_get_for,
    item_timeline,
    items_selected,
    unit_board_view,
)
from .selectors import (
    office_board as office_board_counts,
)
from .services.rules import FIELDS as RULE_FIELDS
from .sources import source_kind, source_labels
from .states import LADDER_ORDER, Light

PAGE = 50


def _require(user: Any, action: str) -> None:
    if not grants_for(user).has(action):
        raise PermissionDenied


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _errors(request: HttpRequest, form: Any) -> None:
    for name, errs in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for e in errs:
            messages.error(request, f"{label}：{e}" if label else e)


@login_required
def unit_board(request: HttpRequest) -> HttpResponse:
    """我单位还有哪些事没办完: open items by light then due date, with counts by source; works on a phone."""
    _require(request.user, "supervision.item.view")
    return _unit_board_page(request, request.GET)


def _unit_board_page(request: HttpRequest, query: Any, bulk: Any = None, status: int = 200) -> HttpResponse:
    kind = query.get("kind", "")
    light = query.get("light", "")
    if light not in Light.values:
        light = ""
    unit_id = _int(query.get("unit"))  # a leader or the office looking at one unit's board
    page = _int(query.get("page")) or 1
    can_report = grants_for(request.user).has("supervision.item.report")
    checked = set(bulk.cleaned_data.get("items") or []) if bulk is not None and hasattr(bulk, "cleaned_data") else set()
    if bulk is not None and not checked:
        checked = {int(v) for v in request.POST.getlist("items") if v.isdigit()}

    def bulk_html(form: Any) -> str:
        from django.template.loader import render_to_string

        errors = form.errors.get("items", []) if form.is_bound else []
        ctx = {"bulk_form": form, "items_errors": errors}
        return render_to_string("supervision/_bulk_report.html", ctx, request=request)

    def board() -> tuple[str, str]:
        from django.core.paginator import Paginator
        from django.template.loader import render_to_string

        items, total, counts = unit_board_view(
            request.user, kind=kind, light=light, unit_id=unit_id, page=page, size=PAGE
        )
        for i in items:
            i.next_step = _next_step(i)
            i.bulk_ok = _reported_here(i)
        ctx = {
            "items": items,
            "page": Paginator(range(total), PAGE).get_page(page),
            "counts": counts,
            "can_report": can_report,
            "checked": checked,
        }
        html = render_to_string("supervision/_unit_items.html", ctx, request=request)
        # the unbound bulk form is the same on every request: kept with the items it reports on
        has_bulk = can_report and any(i.bulk_ok for i in items)
        return html, bulk_html(BulkReportForm()) if has_bulk else ""

    # Rendering the items with their lights cost ~55 ms of CPU per request at 1,000,000 items: the HTML is kept under
    # the board stamp like the office table (bench/supervision_boards.py); the key carries the whole query string
    # because the pager's links repeat it. The CSRF token stays outside (rendered fresh); a refused bulk report renders
    # afresh with what was typed and the ticked items still ticked.
    key = "&".join(sorted(f"{k}={v}" for k, v in query.items()))
    html, form_html = board() if checked else board_kept(request.user, f"unit-page:{key}", board)
    if bulk is not None:
        form_html = bulk_html(bulk) if can_report else ""
    return render(
        request,
        "supervision/unit_board.html",
        {
            "board": mark_safe(html),  # noqa: S308 — escaped template
            "bulk": mark_safe(form_html),  # noqa: S308 — escaped template
            "kinds": source_labels(),
            "kind": kind,
            "light": light,
            "lights": Light.choices,
        },
        status=status,
    )


def _reported_here(item: Any) -> bool:
    """Reports go on the item page (and in bulk from the board) unless the source is the door (plan shares)."""
    spec = source_kind(item.kind)
    return spec.closes_here or spec.end == "source"


def _next_step(item: Any) -> str:
    if item.state == "submitted":
        return "待审核销号"
    spec = source_kind(item.kind)
    if spec.end == "source":
        return "办结后自动关闭"
    return "报送办理情况" if spec.closes_here else "在来源页面办理"


@login_required
def office_board(request: HttpRequest) -> HttpResponse:
    """Across units: open-item counts by unit and source, by light; every number drills down."""
    _require(request.user, "supervision.board.office")

    def table() -> str:
        from django.template.loader import render_to_string

        rows, kinds, total = office_board_counts(request.user)
        lights = [lv for lv in Light.choices if lv[0] != "done"]
        for r in [*rows, total]:
            r.kind_cells = [(k, r.by_kind.get(k, 0)) for k, _ in kinds]  # type: ignore[attr-defined]
            r.light_cells = [(v, r.by_light.get(v, 0)) for v, _ in lights]  # type: ignore[attr-defined]
        ctx = {"rows": rows, "kinds": kinds, "total": total, "lights": lights, "colspan": len(kinds) + len(lights) + 2}
        return render_to_string("supervision/_office_table.html", ctx)

    # 200 units × every cell took ~0.5 s to render: the HTML is kept under the board stamp like the counts
    # (a committed change to any item makes a new key, so it is never older than the data)
    html = board_kept(request.user, "office-table", table)
    return render(request, "supervision/office_board.html", {"table": mark_safe(html)})  # noqa: S308 — escaped template


def _drill_filters(request: HttpRequest) -> dict[str, Any]:
    light = request.GET.get("light", "")
    ladder = request.GET.get("ladder", "")
    return {
        "unit_id": _int(request.GET.get("unit")),
        "kind": request.GET.get("kind", ""),
        "light": light if light in Light.values else "",
        "ladder": ladder if ladder in LADDER_ORDER and ladder else "",
    }


@login_required
def office_items(request: HttpRequest) -> HttpResponse:
    _require(request.user, "supervision.board.office")
    filters = _drill_filters(request)
    qs = board_drilldown(request.user, **filters)
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page = 1
    items = list(qs[(page - 1) * PAGE : page * PAGE + 1])
    has_next = len(items) > PAGE
    items = items[:PAGE]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "supervision/office_items.html",
        {
            "items": items,
            "filters": filters,
            "page": page,
            "has_next": has_next,
            "query": query.urlencode(),
            "urge_form": BulkUrgeForm(),
            "kinds": source_labels(),
            "lights": Light.choices,
            "can_urge": grants_for(request.user).has("supervision.urge"),
        },
    )


@login_required
def office_export(request: HttpRequest) -> HttpResponse:
    _require(request.user, "supervision.board.office")
    data = board_export(by=request.user, **_drill_filters(request))
    return xlsx_response(data, "supervision-items.xlsx")


@login_required
@require_POST
def bulk_urge(request: HttpRequest) -> HttpResponse:
    _require(request.user, "supervision.urge")
    ids = [int(v) for v in request.POST.getlist("items") if v.isdigit()]
    form = BulkUrgeForm(request.POST, ids=ids)
    back = request.POST.get("next") or reverse("supervision:office_items")
    if not back.startswith("/"):
        back = reverse("supervision:office_items")
    if not form.is_valid():
        _errors(request, form)
        return redirect(back)
    items = items_selected(request.user, form.cleaned_data["items"], "urge")
    try:
        n = svc.items_urge(items=items, by=request.user, message=form.cleaned_data["message"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已催办 {n} 项。")
    return redirect(back)


@login_required
@require_POST
def bulk_report(request: HttpRequest) -> HttpResponse:
    """One progress report on many of the unit's items at once."""
    _require(request.user, "supervision.item.report")
    ids = [int(v) for v in request.POST.getlist("items") if v.isdigit()]
    form = BulkReportForm(request.POST, ids=ids)
    back = request.GET  # the board's filters and page ride on the form's action URL
    if not form.is_valid():
        return _unit_board_page(request, back, bulk=form, status=400)
    items = [i for i in items_selected(request.user, form.cleaned_data["items"], "report") if _reported_here(i)]
    try:
        n = svc.items_report(
            items=items, by=request.user, text=form.cleaned_data["text"], percent=form.cleaned_data["percent"]
        )
    except DomainError as exc:
        form_refuse(form, exc)
        return _unit_board_page(request, back, bulk=form, status=400)
    else:
        messages.success(request, f"已报送 {n} 项。")
    return redirect("supervision:unit_board")


FORMS: dict[str, type] = {
    "report": ReportForm,
    "accept": AcceptForm,
    "return": ReturnForm,
    "extend_request": ExtensionForm,
    "urge": UrgeForm,
    "notice": NoticeForm,
}
LABELS = {
    "report": "报送办理情况",
    "accept": "销号",
    "return": "退回",
    "extend_request": "申请延期",
    "urge": "催办",
    "notice": "发督办单",
}
DONE = {
    "report": "办理情况已报送。",
    "accept": "已销号。",
    "return": "已退回。",
    "extend_request": "延期申请已提交。",
    "urge": "已催办。",
    "notice": "督办单已签发，可在“督办单”一栏下载。",
}


def _steps_for(user: Any, item: Any, bound: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The steps this user may take on this item now (source declaration × state × policy)."""
    if not item.is_open:
        return []
    spec = source_kind(item.kind)
    names = []
    if _reported_here(item):
        names.append("report")
    if spec.closes_here and spec.end == "person":
        names += ["accept", "return"] if item.state == "submitted" else ["accept"]
    if (
        spec.extension_by
        and svc.may_request(user, item)
        and not any(e.state == "pending" for e in item.extensions.all())
    ):
        names.append("extend_request")
    names += ["urge", "notice"]
    out = []
    for name in names:
        if name == "extend_request" or ItemPolicy.can(user, name, item):
            form = (bound or {}).get(name) or FORMS[name](prefix=name)
            out.append({"name": name, "label": LABELS[name], "form": form, "open": name in (bound or {})})
    return out


def _detail(request: HttpRequest, item: Any, bound: dict[str, Any] | None = None, status: int = 200) -> HttpResponse:
    spec = source_kind(item.kind)
    return render(
        request,
        "supervision/item_detail.html",
        {
            "item": item,
            "spec": spec,
            "source_url": item.source_url if spec.may_open is None or spec.may_open(request.user, item) else "",
            "steps": _steps_for(request.user, item, bound),
            "reports": item.reports.prefetch_related("evidence").select_related("unit", "created_by"),
            "reviews": item.reviews.select_related("by"),
            "extensions": item.extensions.select_related("unit", "requested_by"),
            "timeline": item_timeline(item),
            "decide_form": DecideForm(),
            "can_decide": ItemPolicy.can(request.user, "extend_approve", item),
            "co_units": item.co_units.all(),
            "limit": svc.extension_limit(item) if item.is_open else None,
            "notices": item.notices.order_by("-id"),
        },
        status=status,
    )


@login_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, item_get_for(request.user, pk, "view"))


STEPS = {
    "report": lambda i, by, d, f: svc.item_report(
        item=i,
        by=by,
        text=d["text"],
        percent=d["percent"],
        files=f,
        complete=d["complete"],
        submit_token=d["submit_token"],
    ),
    "accept": lambda i, by, d, f: svc.item_accept(item=i, by=by, note=d["note"]),
    "return": lambda i, by, d, f: svc.item_return(item=i, by=by, reason=d["reason"]),
    "extend_request": lambda i, by, d, f: svc.extension_request(
        item=i, by=by, reason=d["reason"], new_date=d["new_date"]
    ),
    "urge": lambda i, by, d, f: svc.item_urge(item=i, by=by, message=d["message"]),
    "notice": lambda i, by, d, f: svc.notice_issue(
        items=[i], unit=i.unit, by=by, reply_by=d["reply_by"], text=d["text"]
    ),
}


@login_required
@require_POST
def item_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """One step; a refused form re-renders the page with what the user typed and the error beside the field."""
    if step not in STEPS:
        raise Http404
    item = item_get_for(request.user, pk, "extend_request" if step == "extend_request" else step)
    form = FORMS[step](request.POST, request.FILES, prefix=step)
    if form.is_valid():
        try:
            STEPS[step](item, request.user, form.cleaned_data, form.cleaned_data.get("files") or [])
        except DomainError as exc:
            field = exc.field if exc.field in form.fields else None
            form.add_error(field, exc.message)
        else:
            messages.success(request, DONE[step])
            return redirect(item.get_absolute_url())
    return _detail(request, item_get_for(request.user, pk, "view"), bound={step: form}, status=400)


@login_required
def extension_list(request: HttpRequest) -> HttpResponse:
    _require(request.user, "supervision.extension.decide")
    return render(
        request,
        "supervision/extension_list.html",
        {"items": extensions_pending(request.user), "decide_form": DecideForm()},
    )


@login_required
@require_POST
def extension_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    ext = extension_get_for(request.user, pk)
    form = DecideForm(request.POST, prefix=request.POST.get("prefix") or None)
    back = request.POST.get("next") or ext.item.get_absolute_url()
    if not back.startswith("/"):
        back = ext.item.get_absolute_url()
    if not form.is_valid():
        messages.error(request, "审批结果：请选择同意或不同意。")
        return redirect(back)
    try:
        svc.extension_decide(
            extension=ext, by=request.user, approve=form.cleaned_data["approve"], note=form.cleaned_data["note"]
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "延期申请已审批。")
    return redirect(back)


@login_required
def evidence_download(request: HttpRequest, key: str) -> HttpResponse:
    """A file by its signed key, for a user who may see its item; a bad key, a missing or forbidden file: 404."""
    ev = Evidence.objects.select_related("report__item").filter(pk=download_pk(Evidence.DOWNLOAD_KIND, key)).first()
    # the responsible unit's policy only: a co-unit sees the item, not the files the unit reported
    if ev is None or not ItemPolicy.can(request.user, "view", ev.report.item):
        raise Http404
    return file_download(ev.file.open("rb"), filename=ev.name)


@login_required
def notice_download(request: HttpRequest, key: str) -> HttpResponse:
    """A 督办单 as .docx by its signed key, for a user who may see one of its items (404 otherwise, as for a key
    that does not exist)."""
    import io

    notice = Notice.objects.select_related("unit").filter(pk=download_pk(Notice.DOWNLOAD_KIND, key)).first()
    if notice is None or not any(ItemPolicy.can(request.user, "view", i) for i in notice.items.select_related("unit")):
        raise Http404
    return file_download(
        io.BytesIO(svc.notice_document(notice)),
        filename=f"督办单-{notice.year}-{notice.seq}.docx",
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


@login_required
def rules(request: HttpRequest) -> HttpResponse:
    """The rule table: the office reads and edits it; saving runs it at once (through the job worker)."""
    if not RaiseRulePolicy.can(request.user, "view", None):
        raise PermissionDenied
    svc.rules_defaults()
    can_manage = RaiseRulePolicy.can(request.user, "manage", None)
    bound: dict[int, Any] = {}
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        pk = _int(request.POST.get("rule"))
        rule = RaiseRule.objects.filter(pk=pk).first() if pk else None
        prefix = f"r{rule.pk}" if rule else "new"
        form = RuleForm(request.POST, prefix=prefix)
        if form.is_valid():
            try:
                svc.rule_save(
                    by=request.user, data=form.cleaned_data, rule=rule, expected_version=form.cleaned_data["version"]
                )
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                from fazhi.jobs.services import job_enqueue

                job_enqueue(kind="supervision.rules_run", label="督办生成规则试运行", by=request.user)
                messages.success(request, "规则已保存，将立即按新规则巡查一次。")
                return redirect("supervision:rules")
        bound[rule.pk if rule else 0] = form
    rows = []
    for r in RaiseRule.objects.order_by("id"):
        initial = {f: getattr(r, f) for f in RULE_FIELDS} | {"version": r.version}
        rows.append((r, bound.get(r.pk) or RuleForm(initial=initial, prefix=f"r{r.pk}")))
    new = bound.get(0) or RuleForm(initial={"min_working_days_overdue": 5, "enabled": True}, prefix="new")
    return render(
        request,
        "supervision/rules.html",
        {"rows": rows, "new": new, "can_manage": can_manage},
        status=400 if bound else 200,
    )
