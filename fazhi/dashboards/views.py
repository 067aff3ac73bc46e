"""The cockpit (一屏观全城): one page for the command centre's wall (1920×1080, dark, `?wall=1` hides the menu) that is
the same stacked tiles on a leader's phone, and the JSON its script polls to refresh the figures without reloading.
Parse → authorise (CockpitPolicy) → selector → render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from fazhi.core.errors import DomainError
from fazhi.core.forms import form_refuse

from .forms import BoundaryUploadForm
from .policies import CockpitPolicy
from .selectors import (
    boundaries_list,
    boundary_shapes,
    cockpit_json_payload,
    cockpit_kept,
    district_map,
    leader_table,
    map_metric_check,
    map_metric_choices,
)
from .services import boundary_upload


def _require(request: HttpRequest) -> None:
    if not CockpitPolicy.can(request.user, "view"):
        raise Http404


@login_required
@require_GET
def cockpit(request: HttpRequest) -> HttpResponse:
    _require(request)
    data = cockpit_kept(request.user)
    return render(
        request,
        "dashboards/cockpit.html",
        {
            "data": data,
            "payload": cockpit_json_payload(data),
            "map": data["map"],
            "wall": request.GET.get("wall") == "1",
        },
    )


@login_required
@require_GET
@never_cache
def cockpit_json(request: HttpRequest) -> JsonResponse:
    _require(request)
    return JsonResponse(cockpit_json_payload(cockpit_kept(request.user)), json_dumps_params={"ensure_ascii": False})


@login_required
@require_GET
def leader(request: HttpRequest) -> HttpResponse:
    """领导看板: the district map coloured by a chosen figure (inline SVG drawn on the server) and the key figures by
    district, each linked to the records behind it; the cockpit's tiles are one click away."""
    _require(request)
    errors: dict[str, str] = {}
    typed = request.GET.get("metric", "")
    try:
        key = map_metric_check(typed)
    except DomainError as exc:
        errors["metric"] = exc.message
        key = map_metric_check("")
    return render(
        request,
        "dashboards/leader.html",
        {
            "map": district_map(request.user, key),
            "table": leader_table(request.user),
            "choices": map_metric_choices(),
            "chosen": key,
            "errors": errors,
            "typed": typed,
        },
    )


def _require_manage(request: HttpRequest) -> None:
    if not CockpitPolicy.can(request.user, "manage_boundary"):
        raise Http404


@login_required
def boundaries(request: HttpRequest) -> HttpResponse:
    """区县界文件: the administrator loads the city's boundary file (checked on upload); the newest is in use."""
    _require_manage(request)
    form = BoundaryUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            b = boundary_upload(
                file=form.cleaned_data["file"],
                name=form.cleaned_data["name"],
                by=request.user,
                submit_token=form.cleaned_data.get("submit_token"),
            )
        except DomainError as exc:
            form_refuse(form, exc)
        else:
            messages.success(request, f"已载入区县界文件“{b.name}”（{b.features}个区域），地图即用此文件。")
            return redirect("dashboards:boundaries")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "dashboards/boundaries.html",
        {"form": form, "boundaries": boundaries_list(), "shapes": boundary_shapes()},
        status=status,
    )
