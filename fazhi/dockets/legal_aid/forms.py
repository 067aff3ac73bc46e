"""HTML input only; the services validate the law. Field names are the services' arguments."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms

from fazhi.core.forms import long_text
from fazhi.orgs.models import Unit
from fazhi.orgs.widgets import UnitChoiceField

from .codes import ADVANCE_GROUNDS, AID_PERSON_KINDS, EXEMPTIONS, MATTERS, QUALITY

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class DatedNoteForm(VersionedForm):
    on = forms.DateField(label="日期", widget=DATE)
    note = long_text("说明", required=False)


class MaterialsForm(VersionedForm):
    on = forms.DateField(label="通知日期", widget=DATE, help_text="补充材料所需时间不计入审查期限")
    items = long_text("需要补充的材料")


class AdvanceForm(VersionedForm):
    on = forms.DateField(label="先行援助日期", widget=DATE)
    ground = forms.ChoiceField(label="情形（《法律援助法》第四十四条）", choices=ADVANCE_GROUNDS)
    aid_person = forms.CharField(label="法律援助人员", max_length=50)
    aid_kind = forms.ChoiceField(label="人员类别", choices=AID_PERSON_KINDS)
    organisation = forms.CharField(label="所在机构", max_length=100)


class GrantForm(VersionedForm):
    on = forms.DateField(label="决定日期", widget=DATE)
    exemption = forms.ChoiceField(label="免予核查经济困难状况（第四十二条）", choices=EXEMPTIONS, required=False)
    pledge = forms.BooleanField(label="已提交经济困难状况个人诚信承诺（第四十一条）", required=False)
    note = long_text("审查意见", required=False)


class RefuseForm(VersionedForm):
    on = forms.DateField(label="决定日期", widget=DATE)
    reasons = long_text("不予法律援助的理由")


class AssignForm(VersionedForm):
    on = forms.DateField(label="指派日期", widget=DATE, help_text="作出给予决定之日起三日内（第四十三条）")
    aid_person = forms.CharField(label="法律援助人员", max_length=50)
    aid_kind = forms.ChoiceField(label="人员类别", choices=AID_PERSON_KINDS)
    organisation = forms.CharField(label="所在机构", max_length=100)


class ObjectionForm(VersionedForm):
    on = forms.DateField(label="司法行政部门收到异议日期", widget=DATE)
    content = long_text("异议内容")


class ReasonForm(VersionedForm):
    on = forms.DateField(label="日期", widget=DATE)
    reason = long_text("理由")


class CloseForm(VersionedForm):
    on = forms.DateField(label="结案日期", widget=DATE)
    report = long_text("结案报告", rows=5, max_length=5000)
    result = forms.CharField(label="办理结果", max_length=200, required=False)


class EvaluateForm(VersionedForm):
    on = forms.DateField(label="评估日期", widget=DATE)
    grade = forms.ChoiceField(label="评估等次", choices=QUALITY)
    note = long_text("评估意见", required=False)


class RegisterForm(forms.Form):
    submit_token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    handling_unit = UnitChoiceField(label="法律援助机构", queryset=Unit.objects.none())
    received_on = forms.DateField(label="收到申请日期", widget=DATE)
    matter = forms.ChoiceField(label="援助事项类别", choices=MATTERS)
    applicant_name = forms.CharField(label="申请人姓名", max_length=100)
    applicant_id_number = forms.CharField(label="身份证号码", max_length=30, required=False)
    applicant_phone = forms.CharField(label="联系电话", max_length=20, required=False)
    request = long_text("申请事项和理由", rows=4)

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["handling_unit"].queryset = units
