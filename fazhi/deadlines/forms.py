"""HTML input validation only."""

from __future__ import annotations

import datetime as dt

from django import forms

from fazhi.core.forms import REPORT_MAX, long_text

from .rules import RULES


def _rule_choices() -> list[tuple[str, str]]:
    return [(r.id, f"{r.name}（{r.length_label}，{r.basis}）") for r in RULES.values() if not r.fixed_date]


class CalculatorForm(forms.Form):
    # every docket adds rules: the type-to-filter picker of app.js (it matches the option's text) keeps it usable
    rule_id = forms.ChoiceField(
        label="期限规则", choices=_rule_choices, widget=forms.Select(attrs={"data-picker": "rule"})
    )
    start = forms.DateField(
        label="起算日", help_text="起算事由发生之日，当日不计入", widget=forms.DateInput(attrs={"type": "date"})
    )
    pauses = long_text(
        "暂停期间", required=False, help_text="每行一段，格式：2025-10-09:2025-10-12（首尾两日均不计入）。"
    )
    extension = forms.IntegerField(
        label="延长", required=False, min_value=0, initial=0, help_text="经批准延长的期限，单位与规则相同"
    )

    def clean_pauses(self) -> list[tuple[dt.date, dt.date]]:
        out = []
        for line in (self.cleaned_data.get("pauses") or "").splitlines():
            line = line.strip()
            if not line:
                continue
            a, sep, b = line.replace("：", ":").partition(":")
            try:
                start, end = dt.date.fromisoformat(a.strip()), dt.date.fromisoformat(b.strip())
            except ValueError:
                raise forms.ValidationError(f"“{line}”格式不正确，应为YYYY-MM-DD:YYYY-MM-DD。") from None
            if not sep or end < start:
                raise forms.ValidationError(f"“{line}”的结束日早于开始日或格式不正确。")
            out.append((start, end))
        return out


class CalendarLoadForm(forms.Form):
    year = forms.IntegerField(label="年份", min_value=2000, max_value=2100)
    source = forms.CharField(
        label="依据",
        max_length=300,
        help_text="例如：国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕X号）",
    )
    text = long_text(
        "放假安排",
        max_length=REPORT_MAX,  # a year's 放假安排 is some 30 lines
        rows=14,
        required=False,
        help_text="每行：日期或日期范围,放假/上班,节日名称。例如 2027-02-05~2027-02-11,放假,春节。",
    )
    file = forms.FileField(label="或上传文件", required=False, help_text="UTF-8编码的 .csv 或 .txt 文件，格式同上")

    def clean(self) -> dict:
        data = super().clean() or {}
        upload = data.get("file")
        if upload:
            if upload.size > 200_000:
                raise forms.ValidationError("文件过大（不超过200KB）。")
            try:
                data["text"] = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError("文件须为UTF-8编码的文本。") from None
        if not (data.get("text") or "").strip():
            raise forms.ValidationError("请填写放假安排或上传文件。")
        return data
