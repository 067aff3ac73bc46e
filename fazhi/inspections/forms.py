"""HTML input validation only; the services decide (a finding without a responsible unit, a due date before the
finding date, a 销号 without evidence are refused there, naming the field)."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.core.forms import REPORT_MAX, TokenForm, long_text
from fazhi.orgs.widgets import UnitChoiceField, UnitNamedSelect
from fazhi.supervision.forms import MultipleFileField

from . import settings as conf
from .models import AccountabilityKind, PlanKind, RecheckResult, TeamRole

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")  # what <input type=date> reads


class PlanForm(TokenForm):
    year = forms.IntegerField(label="年度", min_value=2019, max_value=2100)
    kind = forms.ChoiceField(label="督察类型", choices=PlanKind.choices)
    title = forms.CharField(label="督察名称", max_length=200)
    theme = forms.CharField(label="督察主题", max_length=200, required=False)
    organizer = UnitChoiceField(label="组织单位")
    start_on = forms.DateField(label="开始日期", widget=DATE)
    end_on = forms.DateField(label="结束日期", widget=DATE)
    revisit_of = forms.ModelChoiceField(
        label="回头看的督察", queryset=None, required=False, help_text="督察回头看须选择。"
    )

    def __init__(self, *args: Any, units: Any = None, plans: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organizer"].queryset = units  # type: ignore[attr-defined]
        self.fields["revisit_of"].queryset = plans  # type: ignore[attr-defined]


class PlanEditForm(forms.Form):
    title = forms.CharField(label="督察名称", max_length=200)
    theme = forms.CharField(label="督察主题", max_length=200, required=False)
    start_on = forms.DateField(label="开始日期", widget=DATE)
    end_on = forms.DateField(label="结束日期", widget=DATE)
    version = forms.IntegerField(widget=forms.HiddenInput)


class TargetForm(forms.Form):
    unit = UnitChoiceField(label="被督察单位")
    visit_start = forms.DateField(label="进驻日期", widget=DATE, required=False)
    visit_end = forms.DateField(label="结束日期", widget=DATE, required=False)

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class MemberForm(forms.Form):
    user = forms.ModelChoiceField(label="督察组成员", queryset=None)
    role = forms.ChoiceField(label="职务", choices=TeamRole.choices, initial=TeamRole.MEMBER)

    def __init__(self, *args: Any, users: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users  # type: ignore[attr-defined]


class ChecklistForm(forms.Form):
    theme = forms.CharField(label="督察主题", max_length=100)
    text = long_text("督察内容", rows=2)
    basis = long_text("依据", rows=2, help_text="法律法规、文件及条款。")


class FieldworkForm(TokenForm):
    target = forms.ModelChoiceField(label="被督察单位", queryset=None, widget=UnitNamedSelect)
    checklist_item = forms.ModelChoiceField(label="督察清单事项", queryset=None)
    method = forms.ChoiceField(label="督察方式", choices=())
    on = forms.DateField(label="督察日期", widget=DATE)
    has_finding = forms.BooleanField(label="发现问题", required=False)
    note = long_text("督察情况", rows=3, required=False, help_text="发现问题的，写明问题。")

    def __init__(self, *args: Any, plan: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = conf.methods()  # type: ignore[attr-defined]
        if plan is not None:
            t = self.fields["target"]
            t.queryset = plan.targets.select_related("unit")  # type: ignore[attr-defined]
            t.label_from_instance = lambda x: x.unit.name  # type: ignore[attr-defined]
            self.fields["checklist_item"].queryset = plan.checklist.all()  # type: ignore[attr-defined]


class FindingForm(TokenForm):
    fieldwork = forms.ModelChoiceField(label="督察记录", queryset=None, required=False)
    responsible_unit = UnitChoiceField(label="责任单位", required=False)
    text = long_text("问题描述", rows=3)
    basis = long_text("依据", rows=2, help_text="违反的法律法规、文件及条款。")
    severity = forms.ChoiceField(label="严重程度", choices=())
    found_on = forms.DateField(label="发现日期", widget=DATE)
    due_on = forms.DateField(label="整改期限", widget=DATE)

    def __init__(self, *args: Any, plan: Any = None, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["severity"].choices = conf.severities()  # type: ignore[attr-defined]
        self.fields["responsible_unit"].queryset = units  # type: ignore[attr-defined]
        if plan is not None:
            w = self.fields["fieldwork"]
            w.queryset = plan.fieldwork.select_related("target__unit", "checklist_item")  # type: ignore[attr-defined]
            w.label_from_instance = lambda x: (  # type: ignore[attr-defined]
                f"{x.on:%m-%d} {x.target.unit.name} 第{x.checklist_item.number}项"
            )


class MeasuresForm(TokenForm):
    text = long_text("整改方案", max_length=REPORT_MAX, rows=4, help_text="整改措施、责任人、完成时限。")


class ReportForm(TokenForm):
    text = long_text("整改情况", max_length=REPORT_MAX, rows=3)
    files = MultipleFileField(label="佐证材料", required=False)
    complete = forms.BooleanField(label="整改完成，申请销号", required=False)


class AcceptForm(forms.Form):
    note = long_text("审核意见", rows=2, required=False)


class ReturnForm(forms.Form):
    reason = long_text("退回理由", rows=2)


class RecheckForm(forms.Form):
    on = forms.DateField(label="回头看日期", widget=DATE)
    result = forms.ChoiceField(label="结果", choices=RecheckResult.choices)
    note = long_text("情况", rows=2, required=False, help_text="问题反弹的，写明反弹情况。")
    due_on = forms.DateField(label="反弹问题整改期限", widget=DATE, required=False)


class FeedbackForm(forms.Form):
    file = forms.FileField(
        label="反馈意见文件", help_text="上级督察反馈意见，.txt 或 .docx；问题逐条编号并写明责任单位。"
    )
    source_title = forms.CharField(label="反馈意见文件名称", max_length=200)
    found_on = forms.DateField(label="反馈日期", widget=DATE)
    default_due = forms.DateField(label="整改期限", widget=DATE, help_text="条目未写整改时限的，按此期限。")
    severity = forms.ChoiceField(label="严重程度", choices=())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["severity"].choices = conf.severities()  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        from django.core.exceptions import ValidationError

        from fazhi.core.uploads import check_upload

        f = self.cleaned_data["file"]
        try:
            check_upload(f, allowed=(".txt", ".docx"))
        except ValidationError:
            raise
        return f


class AccountabilityForm(forms.Form):
    kind = forms.ChoiceField(label="方式", choices=AccountabilityKind.choices)
    unit = UnitChoiceField(label="被约谈（通报）单位")
    on = forms.DateField(label="日期", widget=DATE)
    text = long_text("事由和要求", rows=3)
    findings = forms.ModelMultipleChoiceField(
        label="涉及问题", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, plan: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from fazhi.orgs.models import Unit

        qs = plan.findings.select_related("responsible_unit")
        self.fields["findings"].queryset = qs  # type: ignore[attr-defined]
        self.fields["findings"].label_from_instance = lambda x: (  # type: ignore[attr-defined]
            f"问题{x.number}（{x.responsible_unit.name}）"
        )
        self.fields["unit"].queryset = Unit.objects.filter(  # type: ignore[attr-defined]
            pk__in=qs.values("responsible_unit_id")
        ).order_by("path")
