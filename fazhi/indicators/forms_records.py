"""Input forms of the 述法 / 学法 / 法治能力测试 / 法律顾问 pages (HTML validation only; the services decide)."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.core.forms import TokenForm, long_text
from fazhi.core.uploads import check_upload
from fazhi.orgs.widgets import UnitChoiceField

from .models import AdviserKind, DutyRating, OpinionKind, StudyKind

DATE = forms.DateInput(attrs={"type": "date"})


class _UnitForm(TokenForm):
    unit = UnitChoiceField(label="单位")

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class DutyReportForm(_UnitForm):
    year = forms.IntegerField(label="述法年度", min_value=2000, max_value=2100)
    reporter = forms.CharField(label="述法人", max_length=60, help_text="单位主要负责人")
    post = forms.CharField(label="职务", max_length=60)
    heard_on = forms.DateField(label="述法日期", widget=DATE)
    heard_by = forms.CharField(label="听取对象", max_length=200, help_text="如：市委全面依法治市委员会、区人大常委会")
    rating = forms.ChoiceField(label="评议等次", choices=[("", "（未评议）"), *DutyRating.choices], required=False)
    text = long_text("述法报告", max_length=20000, rows=6)
    file = forms.FileField(label="报告文件（.pdf / .docx / .doc / .ofd）", required=False)

    def clean_file(self) -> Any:
        f = self.cleaned_data.get("file")
        if f:
            check_upload(f, allowed=(".pdf", ".docx", ".doc", ".ofd"))  # content must match the extension
        return f


class StudySessionForm(_UnitForm):
    kind = forms.ChoiceField(label="类型", choices=StudyKind.choices)
    held_on = forms.DateField(label="日期", widget=DATE)
    topic = forms.CharField(label="内容", max_length=300, help_text="学法主题、旁听的案件或宣誓事由")
    speaker = forms.CharField(label="主讲人", max_length=100, required=False, help_text="宪法宣誓填领誓人")
    attendance = forms.IntegerField(label="参加人数", min_value=1, max_value=100000)


class AbilityImportForm(forms.Form):
    name = forms.CharField(label="测试名称", max_length=200, help_text="如：2026年度全市国家工作人员法治理论知识考试")
    held_on = forms.DateField(label="测试日期", widget=DATE)
    pass_mark = forms.DecimalField(
        label="合格分数线", max_digits=6, decimal_places=2, min_value=0, required=False, help_text="留空取系统默认值"
    )
    file = forms.FileField(
        label="成绩表（.xlsx）", help_text="第一行为表头：单位、姓名、成绩（工号可选）；可先下载模板。"
    )


class AdviserForm(forms.Form):
    kind = forms.ChoiceField(label="类型", choices=AdviserKind.choices)
    name = forms.CharField(label="姓名或名称", max_length=200)
    licence = forms.CharField(label="执业证号", max_length=40, required=False)
    firm = forms.CharField(label="所在律师事务所或单位", max_length=200, required=False)


class EngagementForm(forms.Form):
    adviser = forms.ModelChoiceField(
        label="法律顾问",
        queryset=None,  # type: ignore[arg-type]
        empty_label="请选择",
        widget=forms.Select(attrs={"data-picker": "adviser"}),  # searchable: the registry grows
    )
    unit = UnitChoiceField(label="聘用单位")
    starts_on = forms.DateField(label="聘用起始日", widget=DATE)
    ends_on = forms.DateField(label="聘用截止日", widget=DATE, required=False)
    fee = forms.DecimalField(label="年度费用（元）", max_digits=12, decimal_places=2, min_value=0, initial=0)

    def __init__(self, *args: Any, advisers: Any = None, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["adviser"].queryset = advisers  # type: ignore[attr-defined]
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class OpinionForm(TokenForm):
    engagement = forms.ModelChoiceField(
        label="聘用关系",
        queryset=None,  # type: ignore[arg-type]
        empty_label="请选择",
        widget=forms.Select(attrs={"data-picker": "engagement"}),  # searchable: one per unit and adviser
    )
    kind = forms.ChoiceField(label="事项类型", choices=OpinionKind.choices)
    subject = forms.CharField(label="事项", max_length=300)
    given_on = forms.DateField(label="出具日期", widget=DATE)
    hours = forms.DecimalField(label="工作时长（小时）", max_digits=7, decimal_places=1, min_value=0, initial=0)

    def __init__(self, *args: Any, engagements: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["engagement"].queryset = engagements  # type: ignore[attr-defined]
        self.fields["engagement"].label_from_instance = (  # type: ignore[attr-defined]
            lambda e: f"{e.unit.display_name} · {e.adviser.name}（{e.starts_on:%Y-%m-%d}起）"
        )
