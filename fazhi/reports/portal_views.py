"""Public pages (mounted in the portal's URL conf): the published 法治政府建设年度报告 (厅字〔2019〕28号 第二十四条:
published on the portal before 1 April), each as the version 门户公开 was recorded for, its figures as frozen."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from .documents import report_paragraphs
from .selectors import report_published_get, reports_published, version_content, version_figures


def report_public_list(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/portal/list.html", {"rows": reports_published()[:100]})


def report_public(request: HttpRequest, pk: int) -> HttpResponse:
    step = report_published_get(pk)
    if step is None:
        raise Http404
    figures = version_figures(step.version)
    paragraphs = report_paragraphs(version_content(step.report, step.version), figures)
    return render(
        request,
        "reports/portal/report.html",
        {"step": step, "report": step.report, "paragraphs": paragraphs, "figures": figures},
    )


urlpatterns = [
    path("annual-reports/", report_public_list, name="annual_reports"),
    path("annual-reports/<int:pk>/", report_public, name="annual_report"),
]
