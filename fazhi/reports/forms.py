"""HTML input of the annual report pages (validation only; the services decide)."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.core.forms import TokenForm, long_text
from fazhi.orgs.widgets import UnitChoiceField, UnitMultipleChoiceField

from .services import TEXT_MAX


class ReportCreateForm(TokenForm):
    year = forms.IntegerField(label="报告年度", min_value=1990, max_value=2100)
    unit = UnitChoiceField(
        label="报告单位", required=False, help_text="留空为本级人民政府的报告；选择单位为该单位的报告。"
    )

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units


class SectionForm(forms.Form):
    heading = forms.CharField(
        label="小标题", max_length=200, required=False, help_text="不写序号，生成时自动编为（一）（二）……"
    )
    text = long_text(
        "正文",
        max_length=TEXT_MAX,
        rows=14,
        required=False,
        help_text="数字请用指标占位符，例如 {{reconsideration.correction_rate}}（可从右侧“插入指标”选择），定稿时冻结。",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


def _date(label: str, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=forms.DateInput(attrs={"type": "date"}))


class ContributionSendForm(forms.Form):
    units = UnitMultipleChoiceField(label="供稿单位")
    due = _date("供稿时限")
    request = long_text("供稿要求", required=False, help_text="例如：按小标题报送本单位全年工作情况和数据。")

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["units"].queryset = units


class SecrecyForm(forms.Form):
    on = _date("审查日期")
    passed = forms.TypedChoiceField(
        label="审查结论", choices=[("1", "通过，可以公开"), ("0", "不通过，须修改")], coerce=lambda v: v == "1"
    )
    note = long_text("审查意见", required=False)


class ApproveForm(forms.Form):
    on = _date("审批日期")
    note = long_text("审批意见", required=False)


class PublishForm(forms.Form):
    on = _date("公开日期")
    url = forms.CharField(label="公开网址", max_length=500, required=False)
    late_reason = long_text("逾期公开理由", required=False, help_text="公开日期晚于3月31日时必填。")


class SubmissionForm(forms.Form):
    submission = forms.ChoiceField(label="报送事项")
    on = _date("报送日期")
    note = long_text("报送说明", required=False)

    def __init__(self, *args: Any, choices: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["submission"].choices = list(choices)


class ContributionForm(forms.Form):
    """One text area per sub-heading of the report (fields built from its sections)."""

    def __init__(self, *args: Any, sections: Any = (), texts: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for s in sections:
            self.fields[f"section-{s.pk}"] = long_text(
                s.label,
                max_length=TEXT_MAX,
                rows=5,
                required=False,
                help_text="可用指标占位符，例如 {{hotline.received}}。",
            )
            if texts and str(s.pk) in texts:
                self.initial[f"section-{s.pk}"] = texts[str(s.pk)]


class TemplateCreateForm(forms.Form):
    year = forms.IntegerField(label="模板年度", min_value=1990, max_value=2100)


class TemplateSectionAddForm(forms.Form):
    part = forms.ChoiceField(label="所属部分")
    heading = forms.CharField(label="小标题", max_length=200, help_text="不写序号，生成时自动编为（一）（二）……")
    text = long_text(
        "默认文字",
        max_length=TEXT_MAX,
        rows=3,
        required=False,
        help_text="新建报告时写入该小标题下，可用指标占位符，例如 {{hotline.received}}。",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, parts: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from .parts import cn_number

        self.fields["part"].choices = [(p.code, f"{cn_number(i)}、{p.title}") for i, p in enumerate(parts, start=1)]


class TemplateSectionForm(forms.Form):
    """Rename, move or remove one sub-heading (the row's inline form; `do` says which)."""

    section = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    heading = forms.CharField(label="小标题", max_length=200, required=False)
    direction = forms.ChoiceField(label="方向", choices=[("up", "上移"), ("down", "下移")], required=False)
