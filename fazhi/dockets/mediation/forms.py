"""HTML input only; the services validate the law. Field names are the services' arguments; every transition form
carries the case `version`. Forms that offer a case's mediators or parties take `case=`."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from django import forms

from fazhi.core.forms import TokenForm, long_text
from fazhi.orgs.models import Unit
from fazhi.orgs.widgets import UnitChoiceField

from .codes import (
    AGREEMENT_FORMS,
    COMMITTEE_KINDS,
    CONFIRMATION_RESULTS,
    DISPUTE_TYPES,
    HOTLINE_TOPICS,
    MEDIATOR_KINDS,
    PERFORMANCE,
    REJECT_GROUNDS,
    SECTORS,
    SOURCES,
    TERMINATION_GROUNDS,
    TRANSFER_FROM,
)
from .models import Committee

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class CaseForm(VersionedForm):
    """A transition form whose choices come from the case (its committee's mediators, its parties)."""

    def __init__(self, *args: Any, case: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        if case is not None and "mediators" in self.fields:
            from .selectors import mediators_of

            committee = Committee.objects.filter(pk=(case.extra or {}).get("committee_id")).first()
            mediators = mediators_of(committee) if committee else []
            self.fields["mediators"].choices = [(m.pk, f"{m.name}（{m.get_kind_display()}）") for m in mediators]
        if case is not None and "parties_signed" in self.fields:
            self.fields["parties_signed"].choices = [
                (p.pk, f"{p.get_role_display()} {p.masked_name}")
                for p in case.parties.all()
                if p.role in ("applicant", "respondent")
            ]


class AcceptForm(CaseForm):
    on = forms.DateField(label="受理日期", widget=DATE, help_text="调解期限自受理之日起计算（一般一个月内调结）")
    mediators = forms.MultipleChoiceField(
        label="指定调解员", required=False, widget=forms.CheckboxSelectMultiple, help_text="可在登记调解时再选"
    )
    note = long_text("受理说明", required=False)


class RejectForm(VersionedForm):
    on = forms.DateField(label="决定日期", widget=DATE)
    ground = forms.ChoiceField(label="不予受理的理由", choices=REJECT_GROUNDS)
    reason = long_text("具体理由", required=False, help_text="不属于民间纠纷的须写明。")


class SessionForm(CaseForm):
    on = forms.DateField(label="调解日期", widget=DATE)
    place = forms.CharField(label="调解地点", max_length=200)
    mediators = forms.MultipleChoiceField(label="调解员", widget=forms.CheckboxSelectMultiple)
    participants = forms.CharField(label="参加人", max_length=300, help_text="当事人及其他参加调解的人员")
    summary = long_text("调解情况", required=False, rows=4)


class AgreementForm(CaseForm):
    on = forms.DateField(label="协议生效日期", widget=DATE, help_text="书面协议：各方签名盖章之日；口头协议：达成之日")
    form = forms.ChoiceField(label="协议形式", choices=AGREEMENT_FORMS)
    facts = long_text("纠纷主要事实、争议事项")
    content = long_text("协议内容（各方当事人的权利义务）", rows=4)
    performance = forms.CharField(label="履行方式、时限", max_length=300, required=False)
    parties_signed = forms.MultipleChoiceField(
        label="已签名（盖章、按指印）的当事人", required=False, widget=forms.CheckboxSelectMultiple
    )
    mediator_signed = forms.BooleanField(label="人民调解员已签名", required=False)
    committee_sealed = forms.BooleanField(label="已加盖人民调解委员会印章", required=False)
    copies = forms.IntegerField(label="协议份数", min_value=2, max_value=20, initial=3, required=False)


class TerminateForm(VersionedForm):
    on = forms.DateField(label="终止日期", widget=DATE)
    ground = forms.ChoiceField(label="终止原因", choices=TERMINATION_GROUNDS)
    reason = long_text("具体情况")
    routes = long_text("告知当事人的其他途径", required=False, help_text="不填则告知仲裁、行政、司法等途径。")


class ConfirmationApplyForm(VersionedForm):
    on = forms.DateField(
        label="申请日期", widget=DATE, help_text="调解协议生效之日起三十日内（《人民调解法》第三十三条）"
    )
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
    committee = forms.ModelChoiceField(label="人民调解委员会", queryset=Committee.objects.none())
    received_on = forms.DateField(label="登记日期", widget=DATE)
    source = forms.ChoiceField(label="纠纷来源", choices=SOURCES)
    transfer_from = forms.ChoiceField(
        label="转来单位类别（转来时）", choices=[("", "—"), *TRANSFER_FROM], required=False
    )
    transfer_note = forms.CharField(label="转来单位及文号（转来时）", max_length=300, required=False)
    dispute_type = forms.ChoiceField(label="纠纷类型", choices=DISPUTE_TYPES)
    applicant_name = forms.CharField(label="申请人姓名/名称", max_length=100)
    applicant_id_number = forms.CharField(label="申请人身份证号码", max_length=30, required=False)
    applicant_phone = forms.CharField(label="申请人联系电话", max_length=20, required=False)
    applicant_address = forms.CharField(label="申请人住址", max_length=200, required=False)
    respondent_name = forms.CharField(label="对方当事人姓名/名称", max_length=100, required=False)
    respondent_phone = forms.CharField(label="对方当事人联系电话", max_length=20, required=False)
    respondent_address = forms.CharField(label="对方当事人住址", max_length=200, required=False)
    amount = forms.DecimalField(label="涉及金额（元）", required=False, min_value=0, decimal_places=2, max_digits=14)
    account = long_text("纠纷简要情况", rows=4)
    mass = forms.BooleanField(label="群体性纠纷", required=False)
    escalation_risk = forms.BooleanField(label="可能激化", required=False, help_text="勾选后即时报告司法所、司法局")

    def __init__(self, *args: Any, committees: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if committees is not None:
            self.fields["committee"].queryset = committees


class CommitteeForm(forms.Form):
    unit = UnitChoiceField(label="所在单位")
    name = forms.CharField(label="名称", max_length=200)
    kind = forms.ChoiceField(label="类型", choices=COMMITTEE_KINDS)
    sector = forms.ChoiceField(label="行业领域（行业性、专业性）", choices=SECTORS, required=False)

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class MediatorForm(forms.Form):
    name = forms.CharField(label="姓名", max_length=50)
    kind = forms.ChoiceField(label="专职/兼职", choices=MEDIATOR_KINDS)
    phone = forms.CharField(label="联系电话", max_length=20, required=False)
    specialities = forms.CharField(label="擅长领域", max_length=200, required=False)
    training = long_text("培训记录", required=False, help_text="每行一次：日期、内容、学时。")


class ImportForm(forms.Form):
    file = forms.FileField(label="Excel 文件（.xlsx）")


class HotlineCallForm(TokenForm):
    """One 12348 call, typed while or right after talking: the time defaults to now, the duration in minutes."""

    received_at = forms.DateTimeField(
        label="来电时间",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
    )
    minutes = forms.DecimalField(
        label="通话时长（分钟）", min_value=Decimal("0.1"), max_value=240, decimal_places=1, initial=5
    )
    topic = forms.ChoiceField(label="咨询类别", choices=[("", "请选择…"), *HOTLINE_TOPICS])
    question = long_text("咨询问题", max_length=500, rows=2)
    answer = long_text("解答要点", max_length=1000, rows=3)
    transferred = forms.BooleanField(label="已转办", required=False)
    transferred_to = forms.CharField(
        label="转办去向", max_length=200, required=False, help_text="如：转某某村人民调解委员会、转法律援助中心"
    )
    callback_phone = forms.CharField(label="回访电话（选填）", max_length=20, required=False)
    unit = UnitChoiceField(label="接听单位", queryset=Unit.objects.none())

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()  # type: ignore[attr-defined]

    @property
    def duration_seconds(self) -> int:
        return int(self.cleaned_data["minutes"] * 60)
