"""HTML input validation only. The file field and the retry token are shared with plans' forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from fazhi.core.forms import REPORT_MAX, TokenForm, long_text
from fazhi.core.uploads import check_upload

from .models import RaiseRule

ATTACHMENT_TYPES = (".pdf", ".docx", ".xlsx", ".doc", ".xls", ".png", ".jpg", ".jpeg", ".ofd", ".zip", ".txt")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        out = []
        for f in files:
            f = super().clean(f, initial)
            try:
                check_upload(f, allowed=ATTACHMENT_TYPES)
            except ValidationError as exc:
                raise ValidationError(f"{f.name}：{exc.messages[0]}", code=exc.code) from exc
            out.append(f)
        return out


class ReportForm(TokenForm):
    text = long_text("办理情况", max_length=REPORT_MAX)
    percent = forms.IntegerField(label="完成进度（%）", min_value=0, max_value=100, required=False)
    files = MultipleFileField(label="佐证材料", required=False)
    complete = forms.BooleanField(label="已办结，申请销号", required=False)


class AcceptForm(forms.Form):
    note = long_text("销号意见", rows=2, required=False)


class ReturnForm(forms.Form):
    reason = long_text("退回理由", rows=2)


class ExtensionForm(forms.Form):
    reason = long_text("延期理由", rows=2)
    new_date = forms.DateField(label="申请延至", widget=forms.DateInput(attrs={"type": "date"}))


class DecideForm(forms.Form):
    approve = forms.TypedChoiceField(
        label="审批结果",
        choices=[("1", "同意延期"), ("0", "不同意")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    note = long_text("审批意见", rows=2, required=False)


class UrgeForm(forms.Form):
    message = forms.CharField(
        label="催办说明", max_length=300, required=False, help_text="留空则发送“请抓紧办理，按时报送办理情况。”"
    )


class NoticeForm(forms.Form):
    reply_by = forms.DateField(
        label="报送办理情况期限",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="留空则按设置的工作日数（默认5个工作日）计算。",
    )
    text = long_text("督办要求", max_length=2000, rows=2, required=False)


class BulkForm(forms.Form):
    items = forms.TypedMultipleChoiceField(label="督办事项", coerce=int, choices=[])

    def __init__(self, *args: Any, ids: list[int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["items"].choices = [(i, str(i)) for i in (ids or [])]
        self.fields["items"].error_messages["required"] = "请至少选择一项督办事项。"


class BulkReportForm(BulkForm):
    text = long_text("办理情况", max_length=REPORT_MAX, rows=2)
    percent = forms.IntegerField(label="完成进度（%）", min_value=0, max_value=100, required=False)


class BulkUrgeForm(BulkForm):
    message = forms.CharField(label="催办说明", max_length=300, required=False)


class RuleForm(forms.Form):
    name = forms.CharField(label="规则名称", max_length=100)
    kind = forms.ChoiceField(label="条件类型", choices=RaiseRule.Kind.choices)
    clock_rule_prefix = forms.CharField(label="适用期限规则（编号前缀）", max_length=80, required=False)
    min_working_days_overdue = forms.IntegerField(label="超期超过几个工作日", min_value=0, max_value=365)
    enabled = forms.BooleanField(label="启用", required=False)
    note = forms.CharField(label="依据或说明", max_length=300, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
