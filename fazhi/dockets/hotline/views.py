"""Staff pages: list (the kernel's DocketList: kept rows, capped count), register, detail, one page per transition.
Statistics: the kernel's pages (/cases/stats/hotline/) over the registry's metrics."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.db.models.fields.json import KT
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import Truncator

from fazhi.cases import clocks
from fazhi.cases.casefile import case_file_context, may_see_pii
from fazhi.cases.docket_views import (
    DocketList,
    ListFilter,
    import_page,
    list_page,
    register_page,
    require_action,
    transition_page,
)
from fazhi.cases.listing import detail_url
from fazhi.cases.models import Case
from fazhi.cases.selectors import case_get_for, case_page_reads, cases_visible_to, transitions_available
from fazhi.cases.services import PartyInput, today_local
from fazhi.core.errors import DomainError
from fazhi.orgs.models import Unit

from .codes import DIVERSION_LABEL, RETURN_LABEL, SATISFACTION_LABEL, TYPE_LABEL, TYPES, auto_dispatch, categories
from .forms import ImportForm, RegisterForm
from .imports import hotline_import, import_template_bytes
from .services import hotline_register
from .spec import SPEC

DOCKET = "hotline"


def _row(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "pk": r["pk"],
        "url": detail_url("hotline:detail", r["pk"]),
        "case_number": r["case_number"],
        "title": Truncator(r["title"]).chars(30),
        "type": TYPE_LABEL.get(r["type"] or "", ""),
        "category": dict(categories()).get(r["category"] or "", ""),
        "received_on": r["received_on"].isoformat(),
        "state": SPEC.state_label(r["state"]),
        "outcome": SPEC.outcome_label(r["outcome"]) if r["outcome"] else "",
    }


def _month(qs: QuerySet[Case], v: str, user: Any) -> QuerySet[Case]:
    try:
        year, month = (int(x) for x in v.split("-"))
    except ValueError:
        return qs
    return qs.filter(received_on__year=year, received_on__month=month)


def _on_or_after(qs: QuerySet[Case], v: str, user: Any) -> QuerySet[Case]:
    import datetime as dt

    try:
        return qs.filter(received_on__gte=dt.date.fromisoformat(v))
    except ValueError:
        return qs


def _on_or_before(qs: QuerySet[Case], v: str, user: Any) -> QuerySet[Case]:
    import datetime as dt

    try:
        return qs.filter(received_on__lte=dt.date.fromisoformat(v))
    except ValueError:
        return qs


def _area(qs: QuerySet[Case], v: str, user: Any) -> QuerySet[Case]:
    from .metrics import NO_AREA

    if v == NO_AREA:  # hotline.places counts an order without an area under this name
        return qs.filter(Q(extra__area="") | Q(extra__area__isnull=True))
    return qs.filter(extra__area=v)


LIST = DocketList(
    template="hotline/list.html",
    base=lambda user: cases_visible_to(user, docket=DOCKET),
    filters=(
        ListFilter("state", lambda qs, v, user: qs.filter(state=v)),
        ListFilter("type", lambda qs, v, user: qs.filter(extra__type=v)),
        ListFilter("category", lambda qs, v, user: qs.filter(extra__category=v)),
        ListFilter("month", _month),
        # the hot topics' drill-down (ranking page): received from … to …, one area
        ListFilter("from", _on_or_after),
        ListFilter("to", _on_or_before),
        ListFilter("area", _area),
        ListFilter("q", lambda qs, v, user: qs.filter(case_number=v)),
    ),
    fields=("pk", "case_number", "title", "state", "received_on", "outcome"),
    expressions={"type": KT("extra__type"), "category": KT("extra__category")},
    row=_row,
    context=lambda request, f: {"types": TYPES, "categories": categories()},
)


@login_required
def order_list(request: HttpRequest) -> HttpResponse:
    return list_page(request, spec=SPEC, listing=LIST)


FIELD_OF = {"parties-0-name": "caller_name", "parties-0-phone": "caller_phone"}


@login_required
def register(request: HttpRequest) -> HttpResponse:
    require_action(request, "hotline.case.register")
    form = RegisterForm(request.POST or None, initial={"received_on": today_local(), "centre": request.user.unit})

    def _register(d: dict[str, Any]) -> Case:
        return hotline_register(
            by=request.user,
            centre=d["centre"],
            source=d["source"],
            source_id=d["source_id"],
            received_on=d["received_on"],
            type=d["type"],
            category=d["category"],
            content=d["content"],
            location=d["location"],
            area=d["area"],
            urgency=d["urgency"],
            caller=PartyInput(role="applicant", name=d["caller_name"], phone=d["caller_phone"]),
        )

    return register_page(
        request,
        form=form,
        template="hotline/register.html",
        register=_register,
        errors=FIELD_OF,
        message=lambda case: f"已登记工单 {case.case_number}。",
    )


@login_required
def order_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_action(request, "hotline.case.view")
    case = case_get_for(request.user, pk, docket=DOCKET)
    reads = case_page_reads(request.user, case)
    x = case.extra
    return render(
        request,
        "hotline/detail.html",
        {
            "case": case,
            "x": x,
            "state_label": SPEC.state_label(case.state),
            "outcome_label": SPEC.outcome_label(case.outcome) if case.outcome else "",
            "type_label": TYPE_LABEL.get(x.get("type", ""), ""),
            "category_label": dict(categories()).get(x.get("category", ""), x.get("category", "")),
            "proposed_unit": Unit.objects.filter(pk=x.get("proposed_unit")).first() if x.get("proposed_unit") else None,
            "returns": [(r, RETURN_LABEL.get(r.get("reason", ""), "")) for r in x.get("returns", [])],
            "visit_label": SATISFACTION_LABEL.get((x.get("visit") or {}).get("satisfaction", ""), "未联系上诉求人"),
            "diverted_label": DIVERSION_LABEL.get((x.get("diverted") or {}).get("route", ""), ""),
            "parties": reads["parties"],
            "events": reads["events"],
            "transitions": transitions_available(request.user, case),
            "clocks": [(c, clocks.case_clock_light(c)) for c in clocks.case_clocks(case)],
            "case_file": case_file_context(request.user, case, reads["file"]),
            "pii": may_see_pii(request.user, case),
        },
    )


def _prepare(case: Case, code: str, initial: dict[str, Any], kwargs: dict[str, Any]) -> None:
    """派单: the unit the category tree names (派单目录) is offered first; after a 退单 the centre chooses again."""
    proposed = (case.extra or {}).get("proposed_unit")
    if code == "dispatch" and proposed and case.state == "pending":
        initial["to_unit"] = proposed


@login_required
def order_transition(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    return transition_page(request, spec=SPEC, pk=pk, code=code, prepare=_prepare)


@login_required
def import_orders(request: HttpRequest) -> HttpResponse:
    return import_page(
        request,
        spec=SPEC,
        action="hotline.case.register",
        template="hotline/import.html",
        run=hotline_import,
        template_bytes=import_template_bytes,
        form_class=ImportForm,
        filename="12345热线工单导入.xlsx",
    )


# ------------------------------------------------------------------------ the category tree and its 派单目录
CATEGORY_ACTION = "hotline.category.manage"


@login_required
def category_tree(request: HttpRequest) -> HttpResponse:
    """The tree with each category's units per area; add a category; build the first level from the setting."""
    from django.contrib import messages
    from django.shortcuts import redirect

    from fazhi.core.forms import form_refuse

    from .forms import CategoryAddForm
    from .tree import category_add, tree_built, tree_rows, tree_seed_from_setting

    require_action(request, CATEGORY_ACTION)
    form = CategoryAddForm(request.POST or None) if request.POST.get("op") != "seed" else CategoryAddForm()
    if request.method == "POST":
        try:
            if request.POST.get("op") == "seed":
                n = tree_seed_from_setting(by=request.user)
                messages.success(request, f"已按设置建立一级分类{n}个。")
                return redirect("hotline:categories")
            if form.is_valid():
                d = form.cleaned_data
                cat = category_add(
                    by=request.user, code=d["code"], name=d["name"], parent=d["parent"], position=d["position"] or 0
                )
                messages.success(request, f"已添加分类“{cat.name}”。")
                return redirect("hotline:category", cat.pk)
        except DomainError as exc:
            form_refuse(form, exc)
    return render(
        request,
        "hotline/categories.html",
        {"rows": tree_rows(), "form": form, "built": tree_built(), "auto": auto_dispatch()},
    )


@login_required
def category_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One category: rename / move / (de)activate, and its 派单目录 (the unit per area)."""
    from django.contrib import messages
    from django.shortcuts import get_object_or_404, redirect

    from fazhi.core.errors import ConflictError
    from fazhi.core.forms import form_refuse

    from .forms import CategoryEditForm, RouteForm, RouteRemoveForm
    from .models import HotlineCategory
    from .tree import category_edit, route_remove, route_set

    require_action(request, CATEGORY_ACTION)
    cat = get_object_or_404(HotlineCategory.objects.select_related("parent"), pk=pk)
    op = request.POST.get("op", "")
    initial = {
        "version": cat.version,
        "name": cat.name,
        "parent": cat.parent.code if cat.parent else "",
        "position": cat.position,
        "is_active": cat.is_active,
    }
    edit = CategoryEditForm(request.POST if op == "edit" else None, initial=initial)
    route = RouteForm(request.POST if op == "route" else None, initial={"version": cat.version})
    remove = RouteRemoveForm(request.POST if op == "remove" else None)
    bound = {"edit": edit, "route": route, "remove": remove}.get(op)
    if request.method == "POST" and bound is not None and bound.is_valid():
        d = dict(bound.cleaned_data)
        try:
            if op == "edit":
                category_edit(
                    by=request.user,
                    category=cat,
                    expected_version=d["version"],
                    name=d["name"],
                    parent=d["parent"],
                    position=d["position"] or 0,
                    is_active=d["is_active"],
                )
                messages.success(request, "分类已保存。")
            elif op == "route":
                route_set(by=request.user, category=cat, area=d["area"], unit=d["unit"], expected_version=d["version"])
                messages.success(request, f"已设置{d['area'] or '其他区域'}的承办单位：{d['unit'].name}。")
            else:
                route_remove(by=request.user, category=cat, area=d["area"], expected_version=d["version"])
                messages.success(request, f"已删除{d['area'] or '其他区域'}的派单目录。")
        except ConflictError as exc:
            bound.add_error(None, exc.message)
            cat.refresh_from_db()
        except DomainError as exc:
            form_refuse(bound, exc)
            cat.refresh_from_db()
        else:
            return redirect("hotline:category", cat.pk)
    return render(
        request,
        "hotline/category.html",
        {
            "category": cat,
            "edit": edit,
            "route": route,
            "remove_errors": remove.non_field_errors() if op == "remove" else [],
            "routes": list(cat.routes.select_related("unit").order_by("area")),
            "children": list(cat.children.order_by("position", "code")),
        },
    )


# ------------------------------------------------------------------------------ monthly ranking and hot topics
@login_required
def ranking(request: HttpRequest) -> HttpResponse:
    """承办单位月度排名 (the three rates) and 热点诉求 (categories and places, this week against last) with charts;
    every number links to the records behind it."""
    import datetime as dt
    import json

    from django.urls import reverse
    from django.utils.http import urlencode

    from fazhi.metrics.periods import Period
    from fazhi.orgs.rules import has_action

    from .forms import RankingForm
    from .ranking import RATE_LABEL, RATES, hot_topics, rank_by_default, unit_ranking

    require_action(request, "hotline.case.view")  # as its menu entry: the figures count only orders the viewer may open
    today = today_local()
    form = RankingForm(request.GET or None)
    month, by = dt.date(today.year, today.month, 1), rank_by_default()
    if form.is_valid():
        raw = form.cleaned_data["month"].strip()
        if raw:
            try:
                month = dt.date.fromisoformat(raw + "-01")
            except ValueError:
                form.add_error("month", "月份应写作 YYYY-MM。")
            else:
                if month > today:
                    form.add_error("month", f"月份{raw}晚于本月。")
                    month = dt.date(today.year, today.month, 1)
        by = form.cleaned_data["by"] or by
    period = Period(month.year, f"M{month.month:02d}")
    lines = unit_ranking(period=period, by=by, user=request.user)
    if not lines and not (form.is_valid() and form.cleaned_data["month"].strip()):
        # early in a month nothing is scored yet: the ranking offered is last month's (the one a centre publishes)
        month = (month - dt.timedelta(days=1)).replace(day=1)
        period = Period(month.year, f"M{month.month:02d}")
        lines = unit_ranking(period=period, by=by, user=request.user)

    def metric_url(key: str, unit: str = "", **extra: str) -> str:
        q = {"year": period.year, "period": period.part, **({"unit": unit} if unit else {}), **extra}
        return reverse("metrics:detail", args=[f"hotline.{key}"]) + "?" + urlencode(q)

    def drill(key: str, unit: str) -> str:  # the kernel's drill-down: the orders behind the figure
        q = {"key": key, "year": period.year, "period": period.part, "unit": unit}
        return reverse("cases:stats_cases", args=["hotline"]) + "?" + urlencode(q)

    numerators = {"response_rate": "responded", "resolution_rate": "resolved", "satisfaction_rate": "satisfied"}

    for u in lines:
        u["url"] = (
            reverse("cases:stats", args=["hotline"])
            + "?"
            + urlencode({"year": period.year, "period": period.part, "unit": u["unit"]})
        )
        u["rates"] = [(u.get(k), drill(numerators[k], u["unit"])) for k, _ in RATES]
        u["scored_url"] = drill("scored", u["unit"])
    from .rates import rate_lines

    dims = {
        dim: rate_lines(dimension=dim, start=period.start, end=period.end, viewer=request.user)
        for dim in ("category", "area")
    }
    if request.GET.get("format") == "xlsx":
        from fazhi.core.downloads import xlsx_response

        require_action(request, "cases.stats.export")  # as the docket's statistics export
        from .ranking import ranking_export

        data = ranking_export(period=period, by=by, lines=lines, dims=dims, user=request.user)
        return xlsx_response(data, f"12345承办单位排名{month:%Y-%m}.xlsx")
    may_metrics = has_action("metrics.definitions.view").allows(request.user, None)
    for dim, dim_lines in dims.items():
        for r in dim_lines:
            r["rates"] = [r.get(k) for k, _ in RATES]
            r["url"] = metric_url(f"{dim}_rates", **{dim: r["code"], "rate": by}) if may_metrics else ""
    shown = lines[:30]
    rank_option = {
        "tooltip": {"trigger": "axis"},
        "legend": {},
        "grid": {"left": 40, "right": 10, "bottom": 90},
        "xAxis": {"type": "category", "data": [u["name"] for u in shown], "axisLabel": {"rotate": 40}},
        "yAxis": {"type": "value", "max": 100, "axisLabel": {"formatter": "{value}%"}},
        "series": [{"name": label, "type": "bar", "data": [u.get(k) for u in shown]} for k, label in RATES],
    }
    topics = hot_topics(today=today, user=request.user)

    def range_q(r: Any) -> dict[str, str]:
        return {"from": r.start.isoformat(), "to": r.end.isoformat()}

    for kind, param in (("categories", "category"), ("places", "area")):
        for r in topics[kind]:  # the order list with the metric's own filters: the orders counted
            r["this_url"] = reverse("hotline:list") + "?" + urlencode({**range_q(topics["this"]), param: r["code"]})
            r["last_url"] = reverse("hotline:list") + "?" + urlencode({**range_q(topics["last"]), param: r["code"]})

    def week_option(rows: list[dict[str, Any]]) -> str:
        return json.dumps(
            {
                "tooltip": {"trigger": "axis"},
                "legend": {},
                "grid": {"left": 40, "right": 10, "bottom": 90},
                "xAxis": {"type": "category", "data": [r["label"] for r in rows], "axisLabel": {"rotate": 40}},
                "yAxis": {"type": "value", "minInterval": 1},
                "series": [
                    {"name": "本周", "type": "bar", "data": [r["this"] for r in rows]},
                    {"name": "上周", "type": "bar", "data": [r["last"] for r in rows]},
                ],
            },
            ensure_ascii=False,
        )

    return render(
        request,
        "hotline/ranking.html",
        {
            "form": form,
            "period": period,
            "month": f"{month:%Y-%m}",
            "by_label": RATE_LABEL[by],
            "lines": lines,
            "rates": RATES,
            "rank_option": json.dumps(rank_option, ensure_ascii=False),
            "rank_links": json.dumps({u["name"]: u["url"] for u in shown}, ensure_ascii=False),
            "topics": topics,
            "topic_option": week_option(topics["categories"]),
            "topic_links": json.dumps({r["label"]: r["this_url"] for r in topics["categories"]}, ensure_ascii=False),
            "place_option": week_option(topics["places"]),
            "place_links": json.dumps({r["label"]: r["this_url"] for r in topics["places"]}, ensure_ascii=False),
            "ranking_metric": metric_url("ranking", by=by),
            "may_metrics": may_metrics,
            "dim_tables": (("按诉求分类", dims["category"]), ("按所属区域", dims["area"])),
            "may_export": has_action("cases.stats.export").allows(request.user, None),
            "xlsx_query": urlencode({"month": f"{month:%Y-%m}", "by": by, "format": "xlsx"}),
        },
    )
