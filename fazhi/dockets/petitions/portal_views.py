"""网上信访 (《信访工作条例》第十七条: 信访人可以通过网络提出信访事项): the public submits a petition on the portal and
follows it with the receipt number (the query code) and the phone, on the portal's progress lookup. It arrives on the
信访 docket as channel `online` (网上信访) at the 信访部门 (receiver `office`: register and route within 15 days, Art. 22).
Protected PII (the kernel's encrypted parties, blind-indexed phone); the same safety as the portal's other forms:
CSRF, a retried submit is one petition (submit token), uploads checked by content, per-address limits counted in the
database (core.ratelimit: every server shares them) — submissions made, and refused tries under a wider limit."""

from __future__ import annotations

import uuid

from django import forms
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from fazhi.cases.models import PartyKind, PartyRole
from fazhi.cases.services import PartyInput, today_local
from fazhi.core.errors import DomainError
from fazhi.core.forms import REASON_MAX, REPORT_MAX, long_text
from fazhi.core.middleware import client_ip
from fazhi.core.ratelimit import rate_count, rate_hit, rate_limit_message
from fazhi.core.uploads import MultiFileField

from .codes import TYPES

LIMIT = (10, 3600)  # petitions submitted, per address per hour (as the portal's applications)
REFUSED_LIMIT = (60, 3600)  # refused tries, per address per hour
FIELDS = {
    "petitioner_name": "name",
    "petitioner_id_number": "id_number",
    "petitioner_phone": "phone",
    "petitioner_address": "address",
    "files-0": "files",
}


class PortalPetitionForm(forms.Form):
    submit_token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    name = forms.CharField(label="信访人姓名", max_length=50)
    id_number = forms.CharField(label="身份证号码", max_length=30)
    phone = forms.CharField(label="联系电话", max_length=20, help_text="查询办理进度时需要输入")
    address = forms.CharField(label="住址", max_length=200, help_text="用于送达书面告知和处理意见")
    type = forms.ChoiceField(label="信访事项类别", choices=TYPES)
    object_name = forms.CharField(
        label="反映对象", max_length=200, required=False, help_text="所反映问题涉及的机关、单位全称（可空）"
    )
    content = long_text("反映的问题", max_length=REPORT_MAX, rows=5)
    request = long_text("诉求（请求）", max_length=REASON_MAX, rows=2, required=False)
    files = MultiFileField(label="相关材料（PDF、图片、Word）", required=False)


def petition_office() -> object:
    """The 信访部门 receiving 网上信访: settings.FAZHI_PETITION_UNIT (a unit code), else the top-most active unit whose
    name ends with 信访局."""
    from fazhi.orgs.models import Unit

    code = getattr(settings, "FAZHI_PETITION_UNIT", "")
    qs = Unit.objects.filter(is_active=True)
    unit = qs.filter(code=code).first() if code else qs.filter(name__endswith="信访局").order_by("path").first()
    if unit is None:
        raise Http404("未配置信访工作机构")
    return unit


def _key(request: HttpRequest, bucket: str) -> str:
    return f"portal.{bucket}:{client_ip(request)}"


def _refused(request: HttpRequest, form: PortalPetitionForm) -> int:
    if rate_hit(_key(request, "petition_refused"), limit=REFUSED_LIMIT[0], seconds=REFUSED_LIMIT[1]):
        form.add_error(None, rate_limit_message(REFUSED_LIMIT[1]))
        return 429
    return 200


def petition_submit(request: HttpRequest) -> HttpResponse:
    from fazhi.orgs.selectors import units_resolve

    from .services import petition_register

    office = petition_office()
    form = PortalPetitionForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if rate_count(_key(request, "petition"), seconds=LIMIT[1]) >= LIMIT[0]:
            form.is_valid()
            form.add_error(None, rate_limit_message(LIMIT[1]))
            return render(request, "petitions/portal_submit.html", {"form": form, "office": office}, status=429)
        if not form.is_valid():
            status = _refused(request, form)
        else:
            d = form.cleaned_data
            object_name = d["object_name"].strip()
            try:
                case = petition_register(
                    by=None,
                    handling_unit=office,
                    type=d["type"],
                    petitioner=PartyInput(
                        role=PartyRole.APPLICANT,
                        kind=PartyKind.PERSON,
                        name=d["name"],
                        id_number=d["id_number"],
                        phone=d["phone"],
                        address=d["address"],
                    ),
                    content=d["content"],
                    request=d["request"],
                    channel="online",
                    received_on=today_local(),
                    receiver="office",
                    object_unit=units_resolve(object_name).unit if object_name else None,
                    object_name=object_name,
                    submit_token=d["submit_token"],
                    with_receipt=True,
                    files=d["files"],
                )
            except DomainError as exc:
                field = FIELDS.get(exc.field or "", exc.field)
                form.add_error(field if field in form.fields else None, exc.message)
                status = _refused(request, form)
            else:
                rate_hit(_key(request, "petition"), limit=LIMIT[0], seconds=LIMIT[1])
                return render(request, "petitions/portal_submitted.html", {"case": case, "office": office})
    return render(request, "petitions/portal_submit.html", {"form": form, "office": office}, status=status)


urlpatterns = [path("petitions/submit/", petition_submit, name="petition_submit")]
