"""HTML input only; the services validate the law. Field names are the services' arguments."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms

from fazhi.core.forms import TokenForm, long_text
from fazhi.orgs.models import Unit
from fazhi.orgs.widgets import UnitChoiceField

from .codes import ADVANCE_GROUNDS, EXEMPTIONS, MATTERS, PERSON_KIND_LABEL, PERSON_KINDS, QUALITY
from .models import AidPerson

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class PersonChoiceField(forms.ModelChoiceField):
    """One of the case's centre's active people (the registry), labelled with kind and firm."""

    def label_from_instance(self, obj: Any) -> str:
        org = f"·{obj.organisation}" if obj.organisation else ""
        return f"{obj.name}（{PERSON_KIND_LABEL.get(obj.kind, '')}{org}）"


class CasePersonForm(VersionedForm):
    """A step that names the person who gives the aid: chosen from the case's centre's registry (`case=`)."""

    person = PersonChoiceField(
        label="法律援助人员",
        queryset=AidPerson.objects.none(),
        empty_label="请选择…",
        help_text="本机构法律援助人员名册中在册的人员",
        error_messages={
            "invalid_choice": "所选人员不在本机构的在册名册中，请重新选择。",
            "required": "请选择法律援助人员。",
        },
    )

    def __init__(self, *args: Any, case: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if case is not None:
            from .selectors import aid_people_for_case

            people = aid_people_for_case(case)
            self.fields["person"].queryset = people  # type: ignore[attr-defined]
            if not people.exists():
                self.fields[
                    "person"
                ].help_text = "本机构名册中没有在册的法律援助人员：请机构负责人先在“法律援助人员”中登记。"


class DatedNoteForm(VersionedForm):
    on = forms.DateField(label="日期", widget=DATE)
    note = long_text("说明", required=False)


class MaterialsForm(VersionedForm):
    on = forms.DateField(label="通知日期", widget=DATE, help_text="补充材料所需时间不计入审查期限")
    items = long_text("需要补充的材料")


class AdvanceForm(CasePersonForm):
    on = forms.DateField(label="先行援助日期", widget=DATE)
    ground = forms.ChoiceField(label="情形（《法律援助法》第四十四条）", choices=ADVANCE_GROUNDS)

    field_order = ("on", "ground", "person")


class GrantForm(VersionedForm):
    on = forms.DateField(label="决定日期", widget=DATE)
    exemption = forms.ChoiceField(label="免予核查经济困难状况（第四十二条）", choices=EXEMPTIONS, required=False)
    pledge = forms.BooleanField(label="已提交经济困难状况个人诚信承诺（第四十一条）", required=False)
    note = long_text("审查意见", required=False)


class RefuseForm(VersionedForm):
    on = forms.DateField(label="决定日期", widget=DATE)
    reasons = long_text("不予法律援助的理由")


class AssignForm(CasePersonForm):
    on = forms.DateField(label="指派日期", widget=DATE, help_text="作出给予决定之日起三日内（第四十三条）")

    field_order = ("on", "person")


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


# ---- the 法律援助人员 registry --------------------------------------------------------------------------------------
class _PersonFields(forms.Form):
    kind = forms.ChoiceField(label="人员类别（《法律援助法》第十二条）", choices=PERSON_KINDS)
    name = forms.CharField(label="姓名", max_length=50, required=False)
    licence_number = forms.CharField(
        label="执业证号", max_length=40, required=False, help_text="律师、基层法律服务工作者必填；志愿者可不填"
    )
    organisation = forms.CharField(
        label="所在律师事务所或法律服务所", max_length=100, required=False, help_text="志愿者可填所在单位，可不填"
    )
    phone = forms.CharField(label="联系电话", max_length=20, required=False)
    specialities = forms.CharField(label="擅长领域", max_length=200, required=False, help_text="如：劳动争议、婚姻家庭")


class PersonCreateForm(TokenForm, _PersonFields):
    """Fields the service checks (name, licence …) are optional here: its refusal names the field in Chinese."""

    centre = UnitChoiceField(label="法律援助机构", queryset=Unit.objects.none())

    field_order = ("centre", "kind", "name", "licence_number", "organisation", "phone", "specialities")

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["centre"].queryset = units  # type: ignore[attr-defined]


class PersonEditForm(VersionedForm, _PersonFields):
    clear_phone = forms.BooleanField(label="删除已登记的联系电话", required=False)

    field_order = ("kind", "name", "licence_number", "organisation", "phone", "clear_phone", "specialities")

    def __init__(self, *args: Any, has_phone: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phone"].help_text = "已登记（不显示完整号码）；留空则不变" if has_phone else "未登记"
        if not has_phone:
            del self.fields["clear_phone"]
