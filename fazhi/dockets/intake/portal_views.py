"""网上纠纷求助 (issue #17, the intake's online channel 网上): a member of the public describes a dispute on the portal →
one intake (channel `online`, received today) at the 司法局, in the intake list for its staff to route; the public gets
the query code (the kernel's unguessable receipt number) and follows the status with it and the phone on the portal's
progress lookup. Through `intake_register` (the one create path: its checks, its urgent report). Protected PII: the
kernel's encrypted parties, the phone blind-indexed. The same safety as the portal's other forms: CSRF, a retried
submit is one intake (submit token), per-address limits counted in the database (core.ratelimit: every server shares
them) — submissions made, and refused tries under a wider limit. No files: the window takes none either."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from fazhi.cases.models import PartyKind, PartyRole
from fazhi.cases.services import PartyInput, today_local
from fazhi.core.errors import DomainError
from fazhi.core.forms import REASON_MAX, long_text
from fazhi.core.middleware import client_ip
from fazhi.core.ratelimit import rate_count, rate_hit, rate_limit_message

from .codes import DISPUTE_TYPES

LIMIT = (10, 3600)  # submissions made, per address per hour (as the portal's applications)
REFUSED_LIMIT = (60, 3600)  # refused tries, per address per hour
FIELDS = {  # the service's field names → the form's
    "parties-0-name": "name",
    "parties-0-phone": "phone",
    "parties-1-name": "respondent_name",
}
TEMPLATE = "intake/portal_submit.html"


class PortalIntakeForm(forms.Form):
    submit_token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    name = forms.CharField(
        label="求助人姓名或名称", max_length=100, error_messages={"required": "请填写求助人姓名或名称。"}
    )
    phone = forms.CharField(
        label="联系电话",
        max_length=20,
        help_text="工作人员联系您、查询办理进度时需要输入",
        error_messages={"required": "请填写联系电话。"},
    )
    address = forms.CharField(label="住址", max_length=200, required=False)
    respondent_name = forms.CharField(
        label="对方当事人姓名或名称", max_length=100, required=False, help_text="与您发生纠纷的一方（可空）"
    )
    dispute_type = forms.ChoiceField(
        label="纠纷类型",
        choices=[("", "请选择…"), *DISPUTE_TYPES],
        error_messages={"required": "请选择纠纷类型。", "invalid_choice": "请从列表中选择纠纷类型。"},
    )
    amount = forms.DecimalField(
        label="涉及金额（元）",
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        error_messages={
            "invalid": "涉及金额须为数字（元）。",
            "min_value": "涉及金额不能为负数。",
            "max_digits": "涉及金额过大。",
            "max_decimal_places": "涉及金额最多保留两位小数。",
            "max_whole_digits": "涉及金额过大。",
        },
    )
    account = long_text(
        "简要情况", max_length=REASON_MAX, rows=5, help_text="纠纷经过、目前情况和您的诉求", required=True
    )
    mass = forms.BooleanField(label="涉及人数较多（群体性纠纷）", required=False)
    escalation_risk = forms.BooleanField(
        label="情况紧急，矛盾可能激化", required=False, help_text="勾选后即时报告司法行政机关"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["account"].error_messages["required"] = "请填写简要情况。"


def intake_office() -> Any:
    """The unit receiving 网上纠纷求助: settings.FAZHI_INTAKE_UNIT (a unit code), else the top-most active unit whose
    name ends with 司法局 (its 人民调解 section routes them: 全部 data scope)."""
    from fazhi.orgs.models import Unit

    code = getattr(settings, "FAZHI_INTAKE_UNIT", "")
    qs = Unit.objects.filter(is_active=True)
    unit = qs.filter(code=code).first() if code else qs.filter(name__endswith="司法局").order_by("path").first()
    if unit is None:
        raise Http404("未配置受理纠纷求助的司法行政机关")
    return unit


def _key(request: HttpRequest, bucket: str) -> str:
    return f"portal.{bucket}:{client_ip(request)}"


def _refused(request: HttpRequest, form: PortalIntakeForm) -> int:
    if rate_hit(_key(request, "intake_refused"), limit=REFUSED_LIMIT[0], seconds=REFUSED_LIMIT[1]):
        form.add_error(None, rate_limit_message(REFUSED_LIMIT[1]))
        return 429
    return 200


def intake_submit(request: HttpRequest) -> HttpResponse:
    from .services import intake_register

    office = intake_office()
    form = PortalIntakeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if rate_count(_key(request, "intake"), seconds=LIMIT[1]) >= LIMIT[0]:
            form.is_valid()
            form.add_error(None, rate_limit_message(LIMIT[1]))
            return render(request, TEMPLATE, {"form": form, "office": office}, status=429)
        if not form.is_valid():
            status = _refused(request, form)
        else:
            d = form.cleaned_data
            respondent = d["respondent_name"].strip()
            try:
                case = intake_register(
                    by=None,
                    handling_unit=office,
                    channel="online",
                    dispute_type=d["dispute_type"],
                    applicants=[
                        PartyInput(
                            role=PartyRole.APPLICANT,
                            kind=PartyKind.PERSON,
                            name=d["name"],
                            phone=d["phone"],
                            address=d["address"],
                        )
                    ],
                    respondents=[PartyInput(role=PartyRole.RESPONDENT, name=respondent)] if respondent else [],
                    account=d["account"],
                    received_on=today_local(),
                    amount=d["amount"],
                    mass=d["mass"],
                    escalation_risk=d["escalation_risk"],
                    submit_token=d["submit_token"],
                    with_receipt=True,
                )
            except DomainError as exc:
                field = FIELDS.get(exc.field or "", exc.field)
                form.add_error(field if field in form.fields else None, exc.message)
                status = _refused(request, form)
            else:
                rate_hit(_key(request, "intake"), limit=LIMIT[0], seconds=LIMIT[1])
                return render(request, "intake/portal_submitted.html", {"case": case, "office": office})
    return render(request, TEMPLATE, {"form": form, "office": office}, status=status)


urlpatterns = [path("disputes/submit/", intake_submit, name="intake_submit")]
