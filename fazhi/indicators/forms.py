"""Input forms of the indicators pages (HTML validation only; the services decide)."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.core.forms import TokenForm
from fazhi.orgs.models import Unit
from fazhi.orgs.widgets import UnitMultipleChoiceField
from fazhi.supervision.forms import MultipleFileField

from .models import ScoringMethod


def _year_field() -> forms.IntegerField:
    return forms.IntegerField(label="考核年度", min_value=2000, max_value=2100)


class ImportForm(TokenForm):
    file = forms.FileField(label="指标文件（.txt / .docx / .xlsx）")
    code = forms.CharField(label="体系编码", max_length=32)
    name = forms.CharField(label="体系名称", max_length=200)
    year = _year_field()
    edition = forms.CharField(label="版本", max_length=40, required=False, help_text="如：2021版")


class ConfirmForm(TokenForm):
    """The preview's hidden fields: what was read (signed) and the set's particulars."""

    tree = forms.CharField(widget=forms.HiddenInput)
    code = forms.CharField(widget=forms.HiddenInput, max_length=32)
    name = forms.CharField(widget=forms.HiddenInput, max_length=200)
    year = forms.IntegerField(widget=forms.HiddenInput)
    edition = forms.CharField(widget=forms.HiddenInput, max_length=40, required=False)
    source_name = forms.CharField(widget=forms.HiddenInput, max_length=200, required=False)


class CopyForm(forms.Form):
    year = _year_field()
    name = forms.CharField(label="新体系名称", max_length=200, required=False, help_text="留空则替换名称中的年份")


class SelfDueForm(forms.Form):
    self_due = forms.DateField(label="自评截止日期", widget=forms.DateInput(attrs={"type": "date"}))


class NodeForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    points = forms.DecimalField(label="分值", max_digits=7, decimal_places=2, required=False, min_value=0)
    method = forms.ChoiceField(label="计分方法", choices=ScoringMethod.choices)
    target = forms.DecimalField(label="目标值", max_digits=9, decimal_places=2, required=False)
    deduction = forms.DecimalField(label="每处扣分", max_digits=7, decimal_places=2, required=False, min_value=0)
    lower_is_better = forms.BooleanField(label="数值越低越好（如纠错率、败诉率）", required=False)
    evidence = forms.CharField(
        label="佐证材料要求",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 1000}),
    )
    metric_key = forms.ChoiceField(
        label="计算指标（平台已登记的指标）", required=False, widget=forms.Select(attrs={"data-picker": "metric"})
    )
    lead_units = UnitMultipleChoiceField(label="牵头单位", required=False)
    co_units = UnitMultipleChoiceField(label="配合单位", required=False)

    def __init__(self, *args: Any, metrics: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["metric_key"].choices = [("", "（不绑定，由单位自评）"), *(metrics or [])]
        units = Unit.objects.filter(is_active=True).order_by("code")
        self.fields["lead_units"].queryset = units  # type: ignore[attr-defined]
        self.fields["co_units"].queryset = units  # type: ignore[attr-defined]


class SelfAssessForm(forms.Form):
    value = forms.DecimalField(
        label="数值",
        max_digits=12,
        decimal_places=2,
        required=False,
        min_value=0,
        help_text="达标填1、不达标填0；分档填该档得分百分比；比率填百分数；扣分填问题数。",
    )
    statement = forms.CharField(
        label="自评说明", max_length=2000, widget=forms.Textarea(attrs={"rows": 4, "maxlength": 2000})
    )
    files = MultipleFileField(label="佐证材料", required=False)  # each file checked by core.uploads

    def __init__(self, *args: Any, computed: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if computed:
            del self.fields["value"]


class ReviewForm(forms.Form):
    score = forms.DecimalField(label="评审得分", max_digits=7, decimal_places=2)
    comment = forms.CharField(
        label="评审意见", max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2, "maxlength": 1000})
    )


class SendBackForm(forms.Form):
    comment = forms.CharField(
        label="需要补充的材料", max_length=1000, widget=forms.Textarea(attrs={"rows": 2, "maxlength": 1000})
    )


class AssessorForm(forms.Form):
    """Pick a 第三方评估 account (users holding the role whose actions include indicators.external.assess)."""

    user = forms.ModelChoiceField(label="第三方评估账号", queryset=None)  # type: ignore[arg-type]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from django.contrib.auth import get_user_model

        from fazhi.orgs.models import Role

        super().__init__(*args, **kwargs)
        roles = [r.pk for r in Role.objects.all() if "indicators.external.assess" in (r.actions or [])]
        field = self.fields["user"]
        field.queryset = (  # type: ignore[attr-defined]
            get_user_model().objects.filter(is_active=True, roles__in=roles).distinct().order_by("username")
        )
        field.label_from_instance = lambda u: f"{u.get_full_name() or u.username}（{u.username}）"  # type: ignore[attr-defined]
