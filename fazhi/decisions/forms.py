"""HTML input validation only; the services decide. Lists are typed one per line."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.core.forms import REPORT_MAX, TokenForm, long_text
from fazhi.deadlines.models import PAUSE_REASON_MAX
from fazhi.orgs.widgets import UnitChoiceField

from .models import Meeting, PostEvaluation, Step
from .states import OPTIONAL_STEPS, StepKind

DATE = forms.DateInput(attrs={"type": "date"})
NAMES_MAX = 2000  # a list of people, one per line
PROCEDURES = [(k, StepKind(k).label) for k in OPTIONAL_STEPS]


def lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class CatalogueForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2019, max_value=2100)


class ItemForm(forms.Form):
    title = forms.CharField(label="决策事项", max_length=200)
    lead_unit = UnitChoiceField(label="承办单位")
    basis = long_text("决策依据", max_length=2000, rows=2, required=False)
    planned_start = forms.DateField(label="计划启动时间", widget=DATE, required=False)
    planned_end = forms.DateField(label="计划完成时间", widget=DATE, required=False)
    procedures = forms.MultipleChoiceField(
        label="适用程序",
        choices=PROCEDURES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="合法性审查、集体讨论决定为必经程序。",
    )
    reason = long_text("调整理由", rows=2, required=False, help_text="目录经党委同意后，每次调整须说明理由。")

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = units  # type: ignore[attr-defined]


class ApproveForm(forms.Form):
    consent_on = forms.DateField(label="党委同意日期", widget=DATE)
    consent_ref = forms.CharField(label="党委同意的文件或会议", max_length=200)


class DayForm(forms.Form):
    on = forms.DateField(label="日期", widget=DATE)


class ProposalForm(TokenForm):
    title = forms.CharField(label="建议事项", max_length=200)
    basis = long_text("依据和理由", max_length=2000, rows=2)


class ProposalDecideForm(forms.Form):
    accept = forms.TypedChoiceField(
        label="处理", choices=[("1", "纳入目录"), ("0", "不纳入")], coerce=lambda v: v == "1"
    )
    answer = forms.CharField(label="处理意见", max_length=500)


class LaunchForm(TokenForm):
    title = forms.CharField(label="决策事项", max_length=200)
    lead_unit = UnitChoiceField(label="承办单位")
    launched_on = forms.DateField(label="启动日期", widget=DATE)
    required = forms.MultipleChoiceField(
        label="适用程序", choices=PROCEDURES, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = units  # type: ignore[attr-defined]


class StepForm(forms.Form):
    kind = forms.ChoiceField(label="程序", choices=PROCEDURES)
    started_on = forms.DateField(label="开始日期", widget=DATE)
    completed_on = forms.DateField(label="完成日期（听证会召开日期）", widget=DATE)
    summary = long_text("程序情况", max_length=REPORT_MAX)
    assessor = forms.CharField(label="承担单位", max_length=200, required=False)
    people = long_text("专家或听证参加人（每行一人）", max_length=NAMES_MAX, rows=2, required=False)
    risk_level = forms.ChoiceField(label="风险等级", choices=[("", "—"), *Step.Risk.choices], required=False)
    materials_on = forms.DateField(label="听证材料送达日期", widget=DATE, required=False)
    participants_published_on = forms.DateField(label="听证参加人公布日期", widget=DATE, required=False)


class LegalitySubmitForm(forms.Form):
    on = forms.DateField(label="送审日期", widget=DATE)
    reviewer = forms.CharField(label="审查机构", max_length=200, initial="司法局（法制审核机构）")


class LegalityForm(forms.Form):
    on = forms.DateField(label="审查意见日期", widget=DATE)
    opinion = forms.ChoiceField(label="审查意见", choices=Step.Opinion.choices)
    summary = long_text("审查意见书内容", max_length=REPORT_MAX)
    people = long_text("审查人员、法律顾问（每行一人）", max_length=NAMES_MAX, rows=2, required=False)
    short_reason = forms.CharField(label="审查时间不足7个工作日的理由", required=False)


class MeetingForm(forms.Form):
    kind = forms.CharField(label="会议", max_length=50, initial="政府常务会议")
    held_on = forms.DateField(label="会议日期（决定日期）", widget=DATE)
    attendees = long_text("出席人员（每行一人）", max_length=NAMES_MAX)
    speakers = long_text("发言顺序（每行一人，行政首长最后）", max_length=NAMES_MAX)
    head = forms.CharField(label="行政首长", max_length=50)
    majority = forms.ChoiceField(label="多数人意见", choices=Meeting.Result.choices)
    result = forms.ChoiceField(label="决定", choices=Meeting.Result.choices)
    departure_reason = long_text("与多数人意见不一致的理由", rows=2, required=False)
    dissents = long_text("不同意见（每行“姓名：意见”）", max_length=REPORT_MAX, rows=2, required=False)
    decision_text = long_text("决定内容", max_length=REPORT_MAX, rows=2, required=False)

    def clean_dissents(self) -> list[tuple[str, str]]:
        out = []
        for line in lines(self.cleaned_data["dissents"]):
            person, sep, opinion = line.replace(":", "：").partition("：")
            if not sep or not person.strip() or not opinion.strip():
                raise forms.ValidationError(f"“{line}”应写作“姓名：意见”。")
            out.append((person.strip(), opinion.strip()))
        return out


class SendBackForm(forms.Form):
    to_step = forms.ChoiceField(label="回流至", choices=StepKind.choices)
    reason = long_text("回流理由", rows=2)


class PublishForm(forms.Form):
    on = forms.DateField(label="公布日期", widget=DATE)
    publication = forms.CharField(label="公布载体", max_length=200, initial="政府门户网站")


class ReportForm(TokenForm):
    reported_on = forms.DateField(label="报送日期", widget=DATE)
    text = long_text("执行情况", max_length=REPORT_MAX)


class ReasonDayForm(forms.Form):
    on = forms.DateField(label="日期", widget=DATE)
    reason = long_text("理由", max_length=PAUSE_REASON_MAX, rows=2)  # a suspension pauses the execution clock


class AdjustForm(ReasonDayForm):
    reason = long_text("理由", rows=2)  # not a pause: the usual limit
    major = forms.BooleanField(label="重大调整（重新履行决策程序）", required=False)


class EvaluateForm(forms.Form):
    trigger = forms.ChoiceField(label="评估原因", choices=PostEvaluation.Trigger.choices)
    assessor = forms.CharField(label="评估单位", max_length=200)
    completed_on = forms.DateField(label="完成日期", widget=DATE)
    conclusion = long_text("评估结论", max_length=REPORT_MAX)
