"""HTML input only; the services validate the rules. Field names are the services' arguments; every transition form
carries the case `version`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from fazhi.core.forms import long_text
from fazhi.deadlines.models import EXTENSION_REASON_MAX
from fazhi.orgs.models import Unit
from fazhi.orgs.widgets import UnitChoiceField

from .models import ContactForm as ContactKind
from .models import Rating, ResultClass

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class DatedNoteForm(VersionedForm):
    on = forms.DateField(label="日期", widget=DATE)
    note = long_text("说明", required=False)


class ReassignAskForm(VersionedForm):
    on = forms.DateField(label="申请日期", widget=DATE, help_text="应在签收期限内提出")
    reason = long_text("申请调整理由", help_text="不属于本单位职责的，应在签收期限内说明理由，不得自行转办。")


class ReassignForm(VersionedForm):
    on = forms.DateField(label="决定日期", widget=DATE)
    unit = UnitChoiceField(
        label="调整为主办单位",
        queryset=Unit.objects.filter(is_active=True),
        required=False,
        help_text="不选则维持原主办单位",
    )
    note = long_text("说明", required=False)


class ContactForm(VersionedForm):
    on = forms.DateField(label="沟通日期", widget=DATE)
    form = forms.ChoiceField(label="沟通方式", choices=ContactKind.choices)
    note = long_text("沟通情况", required=False)


def commitments_parse(text: str) -> list[tuple[str, dt.date | None]]:
    """One 承诺事项 per line: "事项；2027-03-31" (the date after the last ； or ;)."""
    out: list[tuple[str, dt.date | None]] = []
    for i, line in enumerate(x.strip() for x in (text or "").splitlines()):
        if not line:
            continue
        body, sep, date = line.replace(";", "；").rpartition("；")
        if not sep:
            raise forms.ValidationError(f"第{i + 1}行：请按“事项；完成日期（如2027-03-31）”填写。")
        try:
            due = dt.date.fromisoformat(date.strip())
        except ValueError:
            raise forms.ValidationError(f"第{i + 1}行：完成日期“{date.strip()}”格式不正确（如2027-03-31）。") from None
        out.append((body.strip(), due))
    return out


class DraftForm(VersionedForm):
    result_class = forms.ChoiceField(label="办理结果", choices=ResultClass.choices)
    text = long_text("答复内容", max_length=5000, rows=8)
    commitments = long_text(
        "承诺事项（B类必填）", required=False, help_text="每行一项：事项；完成日期（如 建设停车场；2027-06-30）"
    )

    def clean_commitments(self) -> list[tuple[str, dt.date | None]]:
        return commitments_parse(self.cleaned_data.get("commitments", ""))


class SignOffForm(VersionedForm):
    on = forms.DateField(label="签发日期", widget=DATE)
    note = long_text("签发意见", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data.pop("note", None)
        return data


class ExtensionForm(VersionedForm):
    months = forms.IntegerField(label="延长月数", min_value=1, max_value=3, initial=3, help_text="总期限不超过六个月")
    reason = long_text("延期理由（涉及面广、处理难度大）", max_length=EXTENSION_REASON_MAX)  # it extends the clock


class SendForm(VersionedForm):
    on = forms.DateField(label="答复日期", widget=DATE, help_text="答复函发出之日，答复期限于此日停止")


class RatingForm(VersionedForm):
    on = forms.DateField(label="评价日期", widget=DATE)
    rating = forms.ChoiceField(label="代表/委员评价", choices=Rating.choices)
    note = long_text("意见", required=False)


class FollowUpForm(VersionedForm):
    on = forms.DateField(label="再次答复日期", widget=DATE)
    text = long_text("承诺事项落实情况", max_length=5000, rows=6)


class ImportForm(forms.Form):
    file = forms.FileField(label="交办清单 Excel 文件（.xlsx）")
