"""HTML input only; the services validate. Field names are the services' arguments; every step form carries the
case `version`. The agreement form offers the case's parties (`case=`)."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms

from fazhi.core.forms import long_text
from fazhi.orgs.models import Unit
from fazhi.orgs.widgets import UnitChoiceField

from .codes import CONFIRMATION_RESULTS, DISPUTE_TYPES, OTHER_ROUTES, PERFORMANCE, REJECT_GROUNDS, TERMINATION_GROUNDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class DatedNoteForm(VersionedForm):
    on = forms.DateField(label="日期", widget=DATE)
    note = long_text("说明", required=False)


class RejectForm(VersionedForm):
    on = forms.DateField(label="决定日期", widget=DATE)
    ground = forms.ChoiceField(label="不予受理的情形", choices=REJECT_GROUNDS)
    reasons = long_text("理由")
    routes = forms.MultipleChoiceField(
        label="告知的其他途径",
        choices=OTHER_ROUTES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="不选则告知依法向人民法院提起诉讼。",
    )


class SessionForm(VersionedForm):
    on = forms.DateField(label="调解日期", widget=DATE)
    place = forms.CharField(label="调解地点", max_length=200)
    mediators = forms.CharField(label="主持调解的工作人员", max_length=200)
    participants = forms.CharField(label="参加人", max_length=300, help_text="当事人及其他参加调解的人员")
    summary = long_text("调解情况", required=False, rows=4)


class AgreementForm(VersionedForm):
    on = forms.DateField(label="协议生效日期", widget=DATE, help_text="各方当事人签名、盖章或者按指印之日")
    facts = long_text("纠纷主要事实、争议事项")
    content = long_text("协议内容（各方当事人的权利义务）", rows=4)
    performance = forms.CharField(label="履行方式、时限", max_length=300, required=False)
    parties_signed = forms.MultipleChoiceField(
        label="已签名（盖章、按指印）的当事人", required=False, widget=forms.CheckboxSelectMultiple
    )
    copies = forms.IntegerField(label="协议份数", min_value=2, max_value=20, initial=3, required=False)

    def __init__(self, *args: Any, case: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if case is not None:
            self.fields["parties_signed"].choices = [  # type: ignore[attr-defined]
                (p.pk, f"{p.get_role_display()} {p.masked_name}")
                for p in case.parties.order_by("id")
                if p.role in ("applicant", "respondent")
            ]


class TerminateForm(VersionedForm):
    on = forms.DateField(label="终止日期", widget=DATE)
    ground = forms.ChoiceField(label="终止原因", choices=TERMINATION_GROUNDS)
    reason = long_text("具体情况")
    routes = forms.MultipleChoiceField(
        label="告知当事人的其他途径", choices=OTHER_ROUTES, required=False, widget=forms.CheckboxSelectMultiple
    )


class ConfirmationApplyForm(VersionedForm):
    on = forms.DateField(label="申请日期", widget=DATE, help_text="行政调解协议生效之日起的申请期限内（⚠ 按本地设置）")
    court = forms.CharField(label="受理的人民法院", max_length=100)


class ConfirmationResultForm(VersionedForm):
    on = forms.DateField(label="裁定日期", widget=DATE)
    result = forms.ChoiceField(label="确认结果", choices=CONFIRMATION_RESULTS)
    ruling_number = forms.CharField(label="裁定书案号", max_length=100, required=False)


class FollowUpForm(VersionedForm):
    on = forms.DateField(label="回访日期", widget=DATE)
    performance = forms.ChoiceField(label="履行情况", choices=PERFORMANCE)
    note = long_text("回访记录", required=False)


class CloseForm(VersionedForm):
    on = forms.DateField(label="结案日期", widget=DATE)
    note = long_text("结案说明", required=False)


class RegisterForm(forms.Form):
    submit_token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    handling_unit = UnitChoiceField(label="行政调解机关", queryset=Unit.objects.none())
    received_on = forms.DateField(label="收到申请日期", widget=DATE)
    dispute_type = forms.ChoiceField(label="纠纷类型", choices=DISPUTE_TYPES)
    applicant_name = forms.CharField(label="申请人姓名/名称", max_length=100)
    applicant_phone = forms.CharField(label="申请人联系电话", max_length=20, required=False)
    respondent_name = forms.CharField(label="对方当事人姓名/名称", max_length=100)
    respondent_phone = forms.CharField(label="对方当事人联系电话", max_length=20, required=False)
    request = long_text("调解请求和纠纷简要情况", rows=4)

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["handling_unit"].queryset = units  # type: ignore[attr-defined]
