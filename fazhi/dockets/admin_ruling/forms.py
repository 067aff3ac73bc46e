"""HTML input only; the services validate. Field names are the services' arguments; every step form carries the
case `version`."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms

from fazhi.core.forms import long_text
from fazhi.orgs.models import Unit
from fazhi.orgs.widgets import UnitChoiceField

from .codes import HEARING_FORMS, REJECT_GROUNDS, REMEDIES, WITHDRAW_KINDS, matter_options

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class DatedNoteForm(VersionedForm):
    on = forms.DateField(label="日期", widget=DATE)
    note = long_text("说明", required=False)


class RejectForm(VersionedForm):
    on = forms.DateField(label="决定日期", widget=DATE)
    ground = forms.ChoiceField(label="不予受理的情形", choices=REJECT_GROUNDS)
    reasons = long_text("理由")


class ReplyForm(VersionedForm):
    on = forms.DateField(label="登记日期", widget=DATE)
    received = forms.BooleanField(label="已收到答辩书", required=False, help_text="不勾选：答辩期限届满未答辩")
    summary = long_text("答辩要点", required=False)


class HearingForm(VersionedForm):
    on = forms.DateField(label="听证、调查日期", widget=DATE)
    form = forms.ChoiceField(label="审理方式", choices=HEARING_FORMS)
    place = forms.CharField(label="地点", max_length=100)
    participants = forms.CharField(label="参加人", max_length=300)
    applicant_heard = forms.BooleanField(label="已听取申请人陈述", required=False)
    respondent_heard = forms.BooleanField(label="已听取被申请人申辩", required=False)
    summary = long_text("听证、调查情况", required=False)


class MediateForm(VersionedForm):
    on = forms.DateField(label="调解日期", widget=DATE)
    note = long_text("调解情况（未达成协议）")


class SettleForm(VersionedForm):
    on = forms.DateField(label="达成协议日期", widget=DATE)
    content = long_text("调解协议内容")
    parties_signed = forms.BooleanField(label="双方当事人已签名或者盖章", required=False)


class RuleForm(VersionedForm):
    on = forms.DateField(label="裁决日期", widget=DATE)
    facts = long_text("查明的事实", rows=4, max_length=5000)
    reasons = long_text("裁决理由", rows=4, max_length=5000)
    decision_text = long_text("裁决内容", rows=3)
    served_on = forms.DateField(
        label="送达日期", widget=DATE, required=False, help_text="不填为裁决日期；复议、诉讼期限自送达之日起计算"
    )


class RemedyForm(VersionedForm):
    on = forms.DateField(label="申请或者起诉日期", widget=DATE)
    kind = forms.ChoiceField(label="救济途径", choices=REMEDIES)
    body = forms.CharField(label="行政复议机关或者人民法院", max_length=100)


class WithdrawForm(VersionedForm):
    on = forms.DateField(label="终止日期", widget=DATE)
    kind = forms.ChoiceField(label="终止情形", choices=WITHDRAW_KINDS)
    note = long_text("说明", required=False)


class RegisterForm(forms.Form):
    submit_token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    handling_unit = UnitChoiceField(label="行政裁决机关", queryset=Unit.objects.none())
    received_on = forms.DateField(label="收到申请日期", widget=DATE)
    matter = forms.ChoiceField(label="裁决事项", choices=matter_options(None))
    applicant_name = forms.CharField(label="申请人姓名/名称", max_length=100)
    applicant_phone = forms.CharField(label="申请人联系电话", max_length=20, required=False)
    respondent_name = forms.CharField(label="被申请人姓名/名称", max_length=100)
    respondent_phone = forms.CharField(label="被申请人联系电话", max_length=20, required=False)
    request = long_text("裁决请求和事实理由", rows=4)

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["handling_unit"].queryset = units  # type: ignore[attr-defined]
