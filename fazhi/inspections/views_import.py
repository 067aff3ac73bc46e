"""督察反馈意见 import on a plan: upload → preview (items, units resolved, problems) → import all or nothing. The
preview's rows travel to the confirm step signed (django.core.signing), so what is imported is what was shown."""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from fazhi.core.errors import DomainError
from fazhi.deadlines.selectors import today_local
from fazhi.jobs.models import Job
from fazhi.jobs.staging import upload_enqueue

from . import forms as f
from .selectors import plan_get_for
from .services import feedback_import
from .tasks import FEEDBACK_KIND

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
    ctx: dict = {"p": p, "form": form, "job": None}
    if request.GET.get("job", "").isdigit():  # the upload read in the worker (ADR 0010): progress, then the preview
        job = Job.objects.filter(
            pk=int(request.GET["job"]), kind=FEEDBACK_KIND, created_by=request.user, params__plan=p.pk
        ).first()
        if job is None:
            raise Http404
        x = job.params
        if job.status != Job.Status.DONE:
            ctx["job"] = job
        elif job.result.get("ok"):
            rows = job.result["rows"]
            data = {
                "rows": rows,
                "source_title": x["source_title"],
                "found_on": x["found_on"],
                "default_due": x["default_due"],
                "severity": x["severity"],
                # one token per read: confirming the preview of this job twice imports once
                "token": str(uuid.uuid5(uuid.NAMESPACE_URL, f"fazhi:inspections.feedback:{job.pk}")),
            }
            ctx.update(data, payload=signing.dumps(data, salt=SALT), errors=sum(bool(r["errors"]) for r in rows))
        else:  # refused: the fields as typed, the reason beside the file
            form = f.FeedbackForm({k: x.get(k, "") for k in ("source_title", "found_on", "default_due", "severity")})
            form.is_valid()
            form.errors["file"] = form.error_class([job.result.get("error", "")])
            ctx["form"] = form
            return render(request, "inspections/feedback.html", ctx, status=400)
    elif request.method == "POST" and form.is_valid():
        x = form.cleaned_data
        job = upload_enqueue(
            kind=FEEDBACK_KIND,
            file=x["file"],
            by=request.user,
            params={
                "plan": p.pk,
                "year": x["found_on"].year,
                "source_title": x["source_title"],
                "found_on": x["found_on"].isoformat(),
                "default_due": x["default_due"].isoformat(),
                "severity": x["severity"],
                "user": request.user.pk,
            },
            label="识别督察反馈意见",
        )
        return redirect(f"{request.path}?job={job.pk}")
    return render(request, "inspections/feedback.html", ctx, status=400 if form.errors else 200)
