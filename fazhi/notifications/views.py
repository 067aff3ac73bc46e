from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .models import Notification
from .services import notification_mark_read


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    items = Notification.objects.filter(recipient=request.user)[:200]
    return render(request, "notifications/list.html", {"items": items})


@login_required
@require_POST
def notification_read(request: HttpRequest) -> HttpResponse:
    pk = request.POST.get("pk")
    notification_mark_read(user=request.user, pk=int(pk) if pk and pk.isdigit() else None)
    return redirect("notifications:list")
