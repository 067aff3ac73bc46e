"""HTML input only; the services validate the law. Every transition form carries the case `version`."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms

from fazhi.cases.matters import matter_field
from fazhi.cases.models import Channel, PartyRole
from fazhi.cases.services import PartyInput
from fazhi.core.forms import REPORT_MAX, long_text
from fazhi.deadlines.models import EXTENSION_REASON_MAX
from fazhi.orgs.models import Unit, User
from fazhi.orgs.widgets import UnitChoiceField

from .codes import (
    ACT_MAX,
    FACTS_MAX,
    REQUEST_KINDS,
    REQUEST_MAX,
    SIMPLIFIED_BASE,
    SIMPLIFIED_KINDS,
    SUSPEND_GROUNDS,
    TERMINATE_GROUNDS,
)
from .spec import OUTCOMES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class BasicsForm(VersionedForm):
    """修改基本信息 (field names = the service's arguments)."""

    act = long_text("被申请复议的行政行为", max_length=ACT_MAX, rows=2)
    request = long_text("行政复议请求", max_length=REQUEST_MAX)
    respondent_unit = UnitChoiceField(
        label="被申请人（本市单位）", queryset=Unit.objects.filter(is_active=True), required=False
    )
    respondent_name = forms.CharField(label="被申请人（其他）", required=False, max_length=200)


class DatedNoteForm(VersionedForm):
    on = forms.DateField(label="日期", widget=DATE)
    note = long_text("备注", rows=2, required=False)


class CorrectionRequestForm(VersionedForm):
    on = forms.DateField(label="通知日期", widget=DATE)
    defects = long_text(
        "需要补正的事项", max_length=2000, rows=4, help_text="一次性列明全部需要补正的事项（第三十一条）。"
    )


class CorrectionReceiveForm(DatedNoteForm):
    on = forms.DateField(label="收到补正材料日期", widget=DATE)


class AcceptForm(VersionedForm):
    on = forms.DateField(label="受理日期", widget=DATE)
    procedure = forms.ChoiceField(label="审理程序", choices=[("ordinary", "普通程序"), ("simplified", "简易程序")])
    simplified_conditions = forms.MultipleChoiceField(
        label="简易程序适用条件（第五十三条）",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[*SIMPLIFIED_BASE, *SIMPLIFIED_KINDS],
    )


class RejectForm(VersionedForm):
    on = forms.DateField(label="决定日期", widget=DATE)
    reasons = long_text("不予受理理由", max_length=2000)
    competent_body = forms.CharField(label="有管辖权的行政复议机关", required=False, max_length=200)


class ReplyForm(VersionedForm):
    on = forms.DateField(label="收到答复日期", widget=DATE)
    summary = long_text("答复要点", max_length=REPORT_MAX)


class HearingForm(VersionedForm):
    on = forms.DateField(label="通知日期", widget=DATE)
    hearing_on = forms.DateField(label="听证日期", widget=DATE)
    place = forms.CharField(label="听证地点", max_length=200)
    matters = forms.CharField(label="拟听证事项", required=False, max_length=300)


class ReasonForm(VersionedForm):
    reason = long_text("理由")


class ExtensionRequestForm(VersionedForm):
    days = forms.IntegerField(label="延长天数", min_value=1, max_value=30, help_text="最多不超过三十日")
    reason = long_text("延期理由", max_length=EXTENSION_REASON_MAX)  # approved, it extends the clock


class SuspendForm(VersionedForm):
    on = forms.DateField(label="中止日期", widget=DATE)
    ground = forms.ChoiceField(label="中止情形（第三十九条）", choices=SUSPEND_GROUNDS)
    note = long_text("说明", rows=2, required=False)


class TerminateForm(VersionedForm):
    on = forms.DateField(label="终止日期", widget=DATE)
    ground = forms.ChoiceField(label="终止情形（第四十一条）", choices=TERMINATE_GROUNDS)
    note = long_text("说明", rows=2, required=False)


class TerminationRequestForm(VersionedForm):
    ground = forms.ChoiceField(label="终止情形（第四十一条）", choices=TERMINATE_GROUNDS)
    note = long_text("说明", rows=2, required=False)


class RefuseForm(VersionedForm):
    request = forms.ChoiceField(label="不予批准的事项", choices=REQUEST_KINDS)
    reason = long_text("理由")


DECISION_CHOICES = [(c, label) for c, label in OUTCOMES if c not in ("terminated", "not_accepted", "abandoned")]


class DecisionForm(VersionedForm):
    on = forms.DateField(
        label="拟定日期", widget=DATE, required=False, help_text="默认今天；补录以前拟定的稿件时填写当时的日期。"
    )
    outcome = forms.ChoiceField(label="决定结果", choices=[("", "请选择"), *DECISION_CHOICES], required=False)
    # the parts of a 行政复议决定书 drafted here: each may run to pages (the document itself is generated from them)
    facts = long_text("经审理查明", max_length=REPORT_MAX, required=False)
    reasons = long_text("理由", max_length=REPORT_MAX, required=False)
    decision_text = long_text("决定内容", max_length=2000, rows=2, required=False)
    changed_content = forms.CharField(label="变更内容（变更决定必填）", required=False)
    revoked_part = forms.CharField(label="撤销部分（部分撤销必填）", required=False)
    remake = forms.BooleanField(label="责令重作", required=False)
    remake_period = forms.CharField(label="重作期限", required=False)
    performance_content = forms.CharField(label="履行内容及期限（责令履行必填）", required=False)
    agreement_measure = forms.CharField(label="行政协议处理方式（行政协议决定必填）", required=False)
    mediation_content = forms.CharField(label="调解内容（调解书必填）", required=False)
    mediation_signed = forms.BooleanField(label="各方当事人已签字", required=False)
    compensation = forms.ChoiceField(
        label="行政赔偿", required=False, choices=[("", "不涉及"), ("award", "决定赔偿"), ("reject", "驳回赔偿请求")]
    )
    compensation_amount = forms.DecimalField(label="赔偿金额（元）", required=False, min_value=0, decimal_places=2)


class IntakeForm(forms.Form):
    submit_token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    received_on = forms.DateField(label="收到日期", widget=DATE)
    channel = forms.ChoiceField(label="收件渠道", choices=Channel.choices)
    applicant_kind = forms.ChoiceField(
        label="申请人类型", choices=[("person", "自然人"), ("organisation", "法人或其他组织")]
    )
    applicant_name = forms.CharField(label="申请人姓名/名称", max_length=100)
    applicant_id_number = forms.CharField(label="身份证号码", required=False, max_length=30)
    applicant_credit_code = forms.CharField(label="统一社会信用代码", required=False, max_length=30)
    applicant_phone = forms.CharField(label="联系电话", max_length=20)
    applicant_address = forms.CharField(label="通讯地址", required=False, max_length=200)
    respondent_unit = UnitChoiceField(
        label="被申请人（本市单位）", queryset=Unit.objects.filter(is_active=True), required=False
    )
    respondent_name = forms.CharField(label="被申请人（其他）", required=False, max_length=200)
    act = forms.CharField(label="被申请复议的行政行为", max_length=ACT_MAX)
    matter = matter_field()
    request = long_text("行政复议请求", max_length=REQUEST_MAX, rows=2)
    facts = long_text("事实和理由", max_length=FACTS_MAX, required=False)
    files = forms.FileField(label="申请材料", required=False)
    # 行政复议法 Art. 17: an applicant may appoint one or two agents (代理人).
    agent_1_name = forms.CharField(label="代理人一 姓名", required=False, max_length=100)
    agent_1_id_number = forms.CharField(label="代理人一 身份证号码", required=False, max_length=30)
    agent_1_phone = forms.CharField(label="代理人一 联系电话", required=False, max_length=20)
    agent_2_name = forms.CharField(label="代理人二 姓名", required=False, max_length=100)
    agent_2_id_number = forms.CharField(label="代理人二 身份证号码", required=False, max_length=30)
    agent_2_phone = forms.CharField(label="代理人二 联系电话", required=False, max_length=20)
    handler = forms.ModelChoiceField(label="承办人", queryset=User.objects.none(), required=False)
    co_handlers = forms.ModelMultipleChoiceField(
        label="协办人", queryset=User.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    AGENT_SLOTS = (1, 2)

    def __init__(self, *args: Any, unit: Unit | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        staff = User.objects.filter(unit=unit, is_active=True).order_by("username") if unit else User.objects.none()
        self.fields["handler"].queryset = staff
        self.fields["co_handlers"].queryset = staff

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for i in self.AGENT_SLOTS:
            name = (data.get(f"agent_{i}_name") or "").strip()
            if not name and (data.get(f"agent_{i}_id_number") or data.get(f"agent_{i}_phone")):
                self.add_error(f"agent_{i}_name", "请填写代理人姓名。")
            if name and not (data.get(f"agent_{i}_phone") or "").strip():
                self.add_error(f"agent_{i}_phone", "请填写代理人联系电话。")
        handler, co = data.get("handler"), data.get("co_handlers") or []
        if handler is not None and handler in co:
            self.add_error("co_handlers", "承办人不能同时作为协办人。")
        return data

    def agents(self) -> list[PartyInput]:
        d = self.cleaned_data
        return [
            PartyInput(
                role=PartyRole.AGENT,
                name=d[f"agent_{i}_name"].strip(),
                id_number=d[f"agent_{i}_id_number"].strip(),
                phone=d[f"agent_{i}_phone"].strip(),
            )
            for i in self.AGENT_SLOTS
            if (d.get(f"agent_{i}_name") or "").strip()
        ]


class ImportForm(forms.Form):
    file = forms.FileField(label="Excel 文件（.xlsx）")
