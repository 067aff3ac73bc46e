"""Pages of the indicators module: parse → authorise (policy) → one service or selector → render."""

from __future__ import annotations

import uuid
from typing import Any

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.core.errors import DomainError
from fazhi.core.forms import form_refuse
from fazhi.orgs.decorators import menu_page
from fazhi.orgs.models import Unit
from fazhi.orgs.scopes import grants_for, unit_in_scope

from . import forms as f
from . import services as s
from .excel_sets import read_set_workbook, tree_from_preview
from .models import IndicatorNode, IndicatorSet
from .parsing import IndicatorParseError, ParsedNode, nodes_as_json, parse_indicators
from .policies import IndicatorSetPolicy
from .selectors import indicator_sets_visible_to, indicator_tree, leaves, tree_total

VIEW = "indicators.set.view"
EXTERNAL = "indicators.external.assess"  # 第三方评估: the pages of the sets it is assigned, nothing else (policies)
SALT = "fazhi.indicators.import"


def _set_for(user: Any, pk: int, action: str = "view") -> IndicatorSet:
    found = indicator_sets_visible_to(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    if action != "view" and not IndicatorSetPolicy.can(user, action, found):
        raise PermissionDenied
    return found


def _metric_choices() -> list[tuple[str, str]]:
    from fazhi.metrics.selectors import metrics_list

    return [(m["key"], f"{m['label']}（{m['key']}）") for m in metrics_list()]


@menu_page(VIEW, EXTERNAL)
def set_list(request: HttpRequest) -> HttpResponse:
    rows = indicator_sets_visible_to(request.user).order_by("-year", "code")[:200]
    can_import = grants_for(request.user).has("indicators.set.manage")  # type: ignore[arg-type]
    return render(request, "indicators/list.html", {"rows": rows, "can_import": can_import})


def _tree_from(data: list[dict[str, Any]]) -> list[ParsedNode]:
    return [
        ParsedNode(
            title=str(d["title"]),
            points=d.get("points"),
            description=str(d.get("description", "")),
            children=_tree_from(d.get("children", [])),
        )
        for d in data
    ]


def _count(nodes: list[ParsedNode]) -> int:
    return sum(len(n.walk()) for n in nodes)


@menu_page("indicators.set.manage")
def set_import(request: HttpRequest) -> HttpResponse:
    owner = getattr(request.user, "unit", None)
    if owner is None:
        raise PermissionDenied
    if request.method == "POST" and "tree" in request.POST:
        confirm = f.ConfirmForm(request.POST)
        if not confirm.is_valid():
            raise Http404
        try:
            signed = signing.loads(confirm.cleaned_data["tree"], salt=SALT)
            tree = tree_from_preview(signed["nodes"]) if signed.get("sheet") else _tree_from(signed["nodes"])
        except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
            raise Http404 from exc
        c = confirm.cleaned_data
        try:
            created = s.indicator_set_import(
                by=request.user,
                nodes=tree,
                code=c["code"],
                name=c["name"],
                year=c["year"],
                edition=c["edition"],
                owner=owner,
                source_name=c["source_name"],
                submit_token=c.get("submit_token"),
            )
        except DomainError as exc:
            return render(
                request,
                "indicators/preview.html",
                {
                    "form": confirm,
                    "nodes": signed["nodes"] if signed.get("sheet") else nodes_as_json(tree)["nodes"],
                    "count": _count(tree),
                    "error": exc.message,
                    "sheet": bool(signed.get("sheet")),
                },
            )
        return redirect("indicators:detail", pk=created.pk)
    form = f.ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        sheet = upload.name.lower().endswith(".xlsx")
        tree = []
        if sheet:  # Excel: one row per indicator (excel_sets); every bad cell named by row and column
            read = read_set_workbook(upload)
            for row, column, message in read.errors[:50]:
                where = f"第{row}行“{column}”列：" if row > 1 else (f"{column}：" if column else "")
                form.add_error("file", f"{where}{message}")
            if len(read.errors) > 50:
                form.add_error("file", f"另有{len(read.errors) - 50}处错误未列出。")
            tree = read.nodes
            data = {"nodes": [n.as_preview() for n in read.nodes], "sheet": True}
        else:
            try:
                tree = parse_indicators(upload.read(), upload.name)
            except IndicatorParseError as exc:
                where = f"第{exc.line}行：" if exc.line else ""
                form.add_error("file", f"{where}{exc.message}")
            else:
                data = nodes_as_json(tree)
        if not form.errors:
            confirm = f.ConfirmForm(
                initial={
                    "tree": signing.dumps(data, salt=SALT, compress=True),
                    "code": form.cleaned_data["code"],
                    "name": form.cleaned_data["name"],
                    "year": form.cleaned_data["year"],
                    "edition": form.cleaned_data["edition"],
                    "source_name": upload.name[:200],
                    "submit_token": form.cleaned_data.get("submit_token") or uuid.uuid4(),
                }
            )
            refusal = None
            try:
                s._check_points(tree)
            except DomainError as exc:
                refusal = exc.message
            return render(
                request,
                "indicators/preview.html",
                {"form": confirm, "nodes": data["nodes"], "count": _count(tree), "error": refusal, "sheet": sheet},
            )
    return render(request, "indicators/import.html", {"form": form})


@menu_page("indicators.set.manage")
def set_import_template(request: HttpRequest) -> HttpResponse:
    """The Excel layout of a set (columns 一级 / 二级 / 三级 / 分值 / 评分方法 / 牵头单位 / 配合单位 …)."""
    from urllib.parse import quote

    from .excel_sets import set_template

    resp = HttpResponse(
        set_template(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote('指标体系导入模板.xlsx')}"
    return resp


@menu_page(VIEW, EXTERNAL)
def set_detail(request: HttpRequest, pk: int) -> HttpResponse:
    iset = _set_for(request.user, pk)
    unit = None
    code = request.GET.get("unit", "").strip()
    if code:
        unit = Unit.objects.filter(code=code).first()
        if unit is None:
            raise Http404
    tree = indicator_tree(iset, unit=unit)
    units = (
        Unit.objects.filter(
            Q(indicator_results__node__indicator_set=iset) | Q(indicator_nodes__node__indicator_set=iset)
        )
        .distinct()
        .order_by("code")
    )
    return render(
        request,
        "indicators/detail.html",
        {
            "set": iset,
            "tree": tree,
            "total": tree_total(tree),
            "leaf_count": len(leaves(tree)),
            "unit": unit,
            "units": units,
            "can_manage": IndicatorSetPolicy.can(request.user, "manage", iset),
            "copy_form": f.CopyForm(initial={"year": iset.year + 1}),
            "due_form": f.SelfDueForm(initial={"self_due": iset.self_due}),
            **_assessors(request, iset),
        },
    )


def _assessors(request: HttpRequest, iset: IndicatorSet, form: Any = None) -> dict[str, Any]:
    if not IndicatorSetPolicy.can(request.user, "manage", iset):
        return {}
    rows = iset.external_assessors.filter(revoked_at__isnull=True).select_related("user").order_by("user__username")
    return {"assessors": list(rows), "assessor_form": form or f.AssessorForm()}


@menu_page(VIEW)
@require_POST
def set_assessor(request: HttpRequest, pk: int) -> HttpResponse:
    """Assign (or, with `revoke`, withdraw) a 第三方评估 account on the set."""
    iset = _set_for(request.user, pk, "manage")
    form = f.AssessorForm(request.POST)
    if form.is_valid():
        user = form.cleaned_data["user"]
        try:
            if request.POST.get("revoke"):
                s.external_assessor_revoke(by=request.user, indicator_set=iset, user=user)
            else:
                s.external_assessor_assign(by=request.user, indicator_set=iset, user=user)
        except DomainError as exc:
            form_refuse(form, exc)
        else:
            return redirect("indicators:detail", pk=iset.pk)
    tree = indicator_tree(iset)
    return render(
        request,
        "indicators/detail.html",
        {
            "set": iset,
            "tree": tree,
            "total": tree_total(tree),
            "leaf_count": len(leaves(tree)),
            "unit": None,
            "units": [],
            "can_manage": True,
            "copy_form": f.CopyForm(initial={"year": iset.year + 1}),
            "due_form": f.SelfDueForm(initial={"self_due": iset.self_due}),
            **_assessors(request, iset, form),
        },
        status=400,
    )


@menu_page(VIEW)
@require_POST
def set_freeze(request: HttpRequest, pk: int) -> HttpResponse:
    iset = _set_for(request.user, pk, "manage")
    code = request.POST.get("unit", "").strip()  # a unit's own figures (the page's 被考核单位), else the area's
    unit = Unit.objects.filter(code=code).first() if code else None
    if code and unit is None:
        raise Http404
    s.indicator_results_freeze(by=request.user, indicator_set=iset, unit=unit)
    if unit is not None:
        return redirect(f"{reverse('indicators:detail', args=[iset.pk])}?unit={unit.code}")
    return redirect("indicators:detail", pk=iset.pk)


@menu_page(VIEW)
@require_POST
def set_copy(request: HttpRequest, pk: int) -> HttpResponse:
    iset = _set_for(request.user, pk, "manage")
    form = f.CopyForm(request.POST)
    if form.is_valid():
        try:
            copy = s.indicator_set_copy(by=request.user, source=iset, **form.cleaned_data)
        except DomainError as exc:
            form_refuse(form, exc)
        else:
            return redirect("indicators:detail", pk=copy.pk)
    tree = indicator_tree(iset)
    return render(
        request,
        "indicators/detail.html",
        {
            "set": iset,
            "tree": tree,
            "total": tree_total(tree),
            "leaf_count": len(leaves(tree)),
            "unit": None,
            "units": [],
            "can_manage": True,
            "copy_form": form,
            "due_form": f.SelfDueForm(initial={"self_due": iset.self_due}),
        },
        status=400,
    )


@menu_page(VIEW)
def node_edit(request: HttpRequest, pk: int) -> HttpResponse:
    node = IndicatorNode.objects.select_related("indicator_set").filter(pk=pk).first()
    if node is None:
        raise Http404
    iset = _set_for(request.user, node.indicator_set_id, "manage")
    lead = [u.unit for u in node.units.filter(role="lead").select_related("unit")]
    co = [u.unit for u in node.units.filter(role="co").select_related("unit")]
    initial = {
        "points": node.points,
        "method": node.method,
        "target": node.target,
        "deduction": node.deduction,
        "lower_is_better": node.lower_is_better,
        "evidence": node.evidence,
        "metric_key": node.metric_key,
        "lead_units": lead,
        "co_units": co,
    }
    form = f.NodeForm(request.POST or None, initial=initial, metrics=_metric_choices())
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        try:
            s.indicator_node_update(
                by=request.user,
                node=node,
                points=c["points"],
                method=c["method"],
                target=c["target"],
                deduction=c["deduction"],
                lower_is_better=c["lower_is_better"],
                evidence=c["evidence"],
                metric_key=c["metric_key"],
                lead_units=list(c["lead_units"]),
                co_units=list(c["co_units"]),
            )
        except DomainError as exc:
            form_refuse(form, exc)
        else:
            return redirect("indicators:detail", pk=iset.pk)
    return render(request, "indicators/node.html", {"set": iset, "node": node, "form": form})


def _node_unit(request: HttpRequest, pk: int) -> tuple[IndicatorNode, Any]:
    node = IndicatorNode.objects.select_related("indicator_set").filter(pk=pk).first()
    if node is None:
        raise Http404
    _set_for(request.user, node.indicator_set_id)
    code = request.GET.get("unit", "").strip()
    unit = Unit.objects.filter(code=code).first() if code else getattr(request.user, "unit", None)
    if unit is None or not node.units.filter(unit=unit).exists():
        raise Http404
    return node, unit


@menu_page(VIEW, EXTERNAL)
def assess(request: HttpRequest, pk: int) -> HttpResponse:
    """A unit's leaf: the computed value and its 口径, the unit's self-assessment (its form for the unit), the review
    (its forms for the office) and the history of score changes."""
    from .policies import IndicatorNodePolicy
    from .selectors import assessment_of

    node, unit = _node_unit(request, pk)
    may_self = IndicatorNodePolicy.can(request.user, "self_assess", node) and unit_in_scope(
        request.user,  # type: ignore[arg-type]
        unit.pk,
    )
    may_review = IndicatorNodePolicy.can(request.user, "review", node)
    if not (may_self or may_review or IndicatorSetPolicy.can(request.user, "view", node.indicator_set)):
        raise Http404
    computed = bool(node.metric_key)
    self_form = f.SelfAssessForm(computed=computed, prefix="self") if may_self else None
    review_form = f.ReviewForm(prefix="review") if may_review else None
    back_form = f.SendBackForm(prefix="back") if may_review else None
    if request.method == "POST":
        step = request.POST.get("step", "")
        try:
            if step == "self" and may_self:
                self_form = f.SelfAssessForm(request.POST, request.FILES, computed=computed, prefix="self")
                if self_form.is_valid():
                    c = self_form.cleaned_data
                    s.self_assessment_submit(
                        by=request.user,
                        node=node,
                        unit=unit,
                        value=c.get("value"),
                        statement=c["statement"],
                        files=c["files"],
                    )
                    return redirect(f"{request.path}?unit={unit.code}")
            elif step == "review" and may_review:
                review_form = f.ReviewForm(request.POST, prefix="review")
                if review_form.is_valid():
                    s.review_score(by=request.user, node=node, unit=unit, **review_form.cleaned_data)
                    return redirect(f"{request.path}?unit={unit.code}")
            elif step == "back" and may_review:
                back_form = f.SendBackForm(request.POST, prefix="back")
                if back_form.is_valid():
                    s.review_send_back(by=request.user, node=node, unit=unit, **back_form.cleaned_data)
                    return redirect(f"{request.path}?unit={unit.code}")
            else:
                raise PermissionDenied
        except DomainError as exc:
            target = {"self": self_form, "review": review_form, "back": back_form}[step]
            form_refuse(target, exc)
    ctx = {
        "node": node,
        "set": node.indicator_set,
        "unit": unit,
        "a": assessment_of(node, unit),
        "self_form": self_form,
        "review_form": review_form,
        "back_form": back_form,
    }
    return render(request, "indicators/assess.html", ctx, status=400 if request.method == "POST" else 200)


@menu_page(VIEW, EXTERNAL)
def ranking(request: HttpRequest, pk: int) -> HttpResponse:
    from .selectors import indicator_ranking

    iset = _set_for(request.user, pk)
    rows = indicator_ranking(iset, tier="units")
    districts = indicator_ranking(iset, tier="districts")
    may = grants_for(request.user).has(VIEW)  # type: ignore[arg-type]
    for r in (
        rows + districts
    ):  # the 法治画像 link, where the page would open for this user (not for a 第三方评估 account)
        r["portrait"] = may and unit_in_scope(request.user, r["id"])  # type: ignore[arg-type]
    return render(request, "indicators/ranking.html", {"set": iset, "rows": rows, "districts": districts})


def _portrait_unit(request: HttpRequest, code: str) -> Unit:
    unit = Unit.objects.filter(code=code).first()
    if unit is None or not unit_in_scope(request.user, unit.pk):  # type: ignore[arg-type]
        raise Http404
    return unit


@menu_page(VIEW)
def portrait(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """法治画像: the unit's scores in the set, the set's computed metrics for it over three years, its open gaps."""
    import json

    from .selectors_portrait import portrait_chart, unit_portrait

    iset = _set_for(request.user, pk)
    unit = _portrait_unit(request, code)
    p = unit_portrait(iset, unit, viewer=request.user)
    option = portrait_chart(p)
    ctx = {
        "set": iset,
        "unit": unit,
        "p": p,
        "option_json": json.dumps(option, ensure_ascii=False),
        # a chart only where there is a rate to draw (an empty frame of axes says nothing)
        "has_chart": any(v is not None for line in option["series"] for v in line["data"]),
        "can_manage": IndicatorSetPolicy.can(request.user, "manage", iset),
    }
    return render(request, "indicators/portrait.html", ctx)


@menu_page(VIEW)
@require_POST
def portrait_gaps(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """Raise a supervisable item (考核指标短板) for each of the unit's gaps that has none yet (once per leaf, unit, year)."""
    from django.contrib import messages

    iset = _set_for(request.user, pk, "manage")
    unit = _portrait_unit(request, code)
    raised = s.indicator_gaps_raise(by=request.user, indicator_set=iset, unit=unit)
    messages.success(request, f"短板督办事项：{len(raised)} 项（已生成的不重复生成）。")
    return redirect("indicators:portrait", pk=iset.pk, code=unit.code)


@menu_page(VIEW, EXTERNAL)
def set_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole assessment as .xlsx: every unit's tree with values, scores and sources, and the ranking."""
    from urllib.parse import quote

    from .exports import assessment_export

    iset = _set_for(request.user, pk)
    resp = HttpResponse(
        assessment_export(by=request.user, indicator_set=iset),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(f'{iset.code}-{iset.year}-考核.xlsx')}"
    return resp


@menu_page(VIEW)
@require_POST
def set_self_due(request: HttpRequest, pk: int) -> HttpResponse:
    """Set the 自评截止日期: one engine clock per responsible unit (services_clocks.self_due_set)."""
    iset = _set_for(request.user, pk, "manage")
    form = f.SelfDueForm(request.POST)
    if form.is_valid():
        try:
            s.self_due_set(by=request.user, indicator_set=iset, due=form.cleaned_data["self_due"])
        except DomainError as exc:
            form_refuse(form, exc)
        else:
            return redirect("indicators:detail", pk=iset.pk)
    tree = indicator_tree(iset)
    return render(
        request,
        "indicators/detail.html",
        {
            "set": iset,
            "tree": tree,
            "total": tree_total(tree),
            "leaf_count": len(leaves(tree)),
            "unit": None,
            "units": [],
            "can_manage": True,
            "copy_form": f.CopyForm(initial={"year": iset.year + 1}),
            "due_form": form,
        },
        status=400,
    )
