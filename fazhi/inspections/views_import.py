"""督察反馈意见 import on a plan: upload → preview (items, units resolved, problems) → import all or nothing. The
preview's rows travel to the confirm step signed (django.core.signing), so what is imported is what was shown."""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from fazhi.core.errors import DomainError
from fazhi.core.forms import form_refuse as refuse
from fazhi.deadlines.selectors import today_local

from . import forms as f
from .selectors import plan_get_for
from .services import feedback_import, feedback_preview

SALT = "inspections.feedback"


@login_required
def feedback(request: HttpRequest, pk: int) -> HttpResponse:
    p = plan_get_for(request.user, pk, "record")
    if request.method == "POST" and request.POST.get("payload"):
        try:
            data = signing.loads(request.POST["payload"], salt=SALT, max_age=3600)
        except signing.BadSignature:
            messages.error(request, "预览已过期，请重新上传。")
            return redirect("inspections:feedback", pk=p.pk)
        try:
            made = feedback_import(
                plan=p,
                by=request.user,
                rows=data["rows"],
                source_title=data["source_title"],
                found_on=dt.date.fromisoformat(data["found_on"]),
                default_due=dt.date.fromisoformat(data["default_due"]),
                severity=data["severity"],
                submit_token=uuid.UUID(data["token"]),
            )
        except DomainError as exc:
            messages.error(request, exc.message)
            return render(request, "inspections/feedback.html", {"p": p, "form": None, **data}, status=400)
        messages.success(request, f"已导入{len(made)}个问题，并已列入责任单位的督办事项。")
        return redirect(p)
    form = f.FeedbackForm(request.POST or None, request.FILES or None, initial={"found_on": today_local()})
    ctx: dict = {"p": p, "form": form}
    if request.method == "POST" and form.is_valid():
        x = form.cleaned_data
        try:
            rows = feedback_preview(data=x["file"].read(), filename=x["file"].name, year=x["found_on"].year)
        except DomainError as exc:
            refuse(form, exc)
        else:
            data = {
                "rows": rows,
                "source_title": x["source_title"],
                "found_on": x["found_on"].isoformat(),
                "default_due": x["default_due"].isoformat(),
                "severity": x["severity"],
                "token": str(uuid.uuid4()),
            }
            ctx.update(data, payload=signing.dumps(data, salt=SALT), errors=sum(bool(r["errors"]) for r in rows))
    return render(request, "inspections/feedback.html", ctx, status=400 if form.errors else 200)
