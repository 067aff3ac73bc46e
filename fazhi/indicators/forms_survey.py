"""Forms of the 公众满意度调查 (HTML validation only; services_survey decides)."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.core.forms import REASON_MAX, TokenForm, long_text
from fazhi.orgs.widgets import UnitChoiceField

from .models_survey import Survey, SurveyIdentity, SurveyRating
from .services_survey import CODES_MAX, COMMENT_MAX


class SurveyCreateForm(TokenForm):
    title = forms.CharField(label="调查名称", max_length=200, help_text="如：2026年度法治政府建设群众满意度调查")
    year = forms.IntegerField(label="调查年度", min_value=2000, max_value=2100)
    subject = UnitChoiceField(label="被评价单位", required=False, help_text="留空为组织单位本身")
    identity = forms.ChoiceField(label="答题凭证", choices=SurveyIdentity.choices)
    sample_target = forms.IntegerField(label="样本量目标（份）", min_value=1, max_value=1000000)
    questions = long_text("调查题目（每行一题，均按满意、基本满意、不满意作答）", max_length=REASON_MAX * 5, rows=6)
    intro = long_text("调查说明", required=False, rows=2)

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["subject"].queryset = units  # type: ignore[attr-defined]


class SurveyCodesForm(forms.Form):
    count = forms.IntegerField(label="生成答题码数量", min_value=1, max_value=CODES_MAX)


class SurveyStateForm(forms.Form):
    state = forms.ChoiceField(choices=[("open", "开始"), ("closed", "结束")], widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)


class SurveyAnswerForm(TokenForm):
    """The public sheet: one radio group per question, the phone or the code, an optional comment."""

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(survey.questions.order_by("position"))
        for q in self.questions:
            self.fields[f"q_{q.pk}"] = forms.ChoiceField(
                label=f"{q.position}. {q.text}",
                choices=SurveyRating.choices,
                widget=forms.RadioSelect,
                error_messages={"required": "请选择满意程度。"},
            )
        if survey.identity == SurveyIdentity.PHONE:
            self.fields["phone"] = forms.CharField(
                label="手机号码",
                max_length=20,
                help_text="每个手机号码限答一次；号码仅以不可还原的索引保存，用于防止重复答题。",
                error_messages={"required": "请填写手机号码。"},
            )
        else:
            self.fields["code"] = forms.CharField(
                label="答题码",
                max_length=20,
                help_text="见发放的答题卡，每个答题码限用一次。",
                error_messages={"required": "请填写答题码。"},
            )
        self.fields["comment"] = long_text("意见和建议", max_length=COMMENT_MAX, required=False, rows=3)

    def ratings(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data.get(f"q_{q.pk}", "") for q in self.questions}
