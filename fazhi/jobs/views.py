from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .models import Job
from .policies import JobPolicy, job_get_for


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = job_get_for(request.user, pk)
    if request.htmx and job.status == Job.Status.DONE and job.result.get("auto_next") and job.result.get("next_url"):  # type: ignore[attr-defined]
        resp = HttpResponse(status=204)  # an import's own page shows its result: the polling page goes there
        resp["HX-Redirect"] = job.result["next_url"]
        return resp
    template = "jobs/_progress.html" if request.htmx else "jobs/detail.html"  # type: ignore[attr-defined]
    return render(request, template, {"job": job})


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    jobs = JobPolicy.visible(request.user, "view").select_related("created_by")[:100]
    return render(request, "jobs/list.html", {"jobs": jobs})
