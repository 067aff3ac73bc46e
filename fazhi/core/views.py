from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from .actions import HOME_WIDGETS


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness + database reachability, for load balancers and benchmarks (anonymous by design)."""
    try:
        with connection.cursor() as cur:
            cur.execute("SELECT 1")
        return JsonResponse({"status": "ok", "database": "ok"})
    except Exception:  # noqa: BLE001
        return JsonResponse({"status": "degraded", "database": "down"}, status=503)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    widgets = [w for w in (fn(request) for fn in HOME_WIDGETS) if w]
    # a widget may stand in for others for this user (a leader's units summary replaces the deadline list)
    replaced = {r for w in widgets for r in w.get("replaces", ())}
    widgets = [w for w in widgets if w.get("id") not in replaced]
    return render(request, "home.html", {"widgets": widgets})
