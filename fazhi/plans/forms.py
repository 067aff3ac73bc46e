"""HTML input validation only."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.core.uploads import check_upload
from fazhi.supervision.forms import DecideForm, ExtensionForm, MultipleFileField, TokenForm, UrgeForm

__all__ = ["DecideForm", "ExtensionForm", "MultipleFileField", "TokenForm", "UrgeForm"]

from .models import PlanKind


class ImportForm(forms.Form):
    file = forms.FileField(
        label="计划文件", help_text="支持 .txt 或 .docx，按常见公文格式编写的计划、工作要点或整改清单。"
    )
    name = forms.CharField(label="计划名称", max_length=200, required=False, help_text="留空则使用文件中的《标题》。")
    kind = forms.ChoiceField(label="计划类型", choices=PlanKind.choices, initial=PlanKind.ANNUAL)
    year = forms.IntegerField(
        label="年度",
        required=False,
        min_value=2000,
        max_value=2100,
        help_text="留空则从文件标题识别；“年底前”等期限按此年度计算。",
    )

    def clean_file(self) -> Any:
        f = self.cleaned_data["file"]
        check_upload(f, allowed=(".txt", ".docx"))
        return f


class ReportForm(TokenForm):
    text = forms.CharField(label="进展情况", widget=forms.Textarea(attrs={"rows": 4}))
    percent = forms.IntegerField(label="完成进度（%）", min_value=0, max_value=100, required=False)
    files = MultipleFileField(label="附件", required=False)


class BulkReportForm(TokenForm):
    text = forms.CharField(label="进展情况", widget=forms.Textarea(attrs={"rows": 3}))
    percent = forms.IntegerField(label="完成进度（%）", min_value=0, max_value=100, required=False)


class CompleteForm(TokenForm):
    text = forms.CharField(
        label="完成情况", widget=forms.Textarea(attrs={"rows": 4}), help_text="牵头单位汇总配合单位意见后报送。"
    )
    files = MultipleFileField(label="附件", required=False)


class ContributeForm(TokenForm):
    text = forms.CharField(label="协办意见", widget=forms.Textarea(attrs={"rows": 4}))
    files = MultipleFileField(label="附件", required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label="退回理由", widget=forms.Textarea(attrs={"rows": 3}))


class AcceptForm(forms.Form):
    reason = forms.CharField(label="审核意见", widget=forms.Textarea(attrs={"rows": 2}), required=False)
