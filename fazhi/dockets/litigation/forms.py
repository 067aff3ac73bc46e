"""HTML input only; the services validate the law. Every transition form carries the case `version`."""

from __future__ import annotations

import uuid

from django import forms

from fazhi.cases.matters import matter_field
from fazhi.core.forms import REPORT_MAX, long_text
from fazhi.core.pii import mask_phone
from fazhi.orgs.models import Unit
from fazhi.orgs.widgets import UnitChoiceField

from .codes import APPELLANTS, HEAD_POSITIONS, INSTANCES, OUTCOMES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class RegisterForm(forms.Form):
    submit_token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    court = forms.CharField(label="受理法院", max_length=100)
    court_case_number = forms.CharField(label="法院案号", max_length=64, help_text="如（2025）示0102行初12号")
    instance = forms.ChoiceField(label="审级", choices=INSTANCES)
    served_on = forms.DateField(label="收到起诉状副本日期", widget=DATE, help_text="答辩期限自次日起算十五日")
    cause = forms.CharField(label="案由", max_length=300)
    matter = matter_field()
    plaintiff_kind = forms.ChoiceField(
        label="原告类型", choices=[("person", "自然人"), ("organisation", "法人或其他组织")]
    )
    plaintiff_name = forms.CharField(label="原告姓名/名称", max_length=100)
    plaintiff_id_number = forms.CharField(label="身份证号码", required=False, max_length=30)
    plaintiff_credit_code = forms.CharField(label="统一社会信用代码", required=False, max_length=30)
    plaintiff_phone = forms.CharField(label="联系电话", required=False, max_length=20)
    defendant_unit = UnitChoiceField(
        label="被告（本市单位）", queryset=Unit.objects.filter(is_active=True), required=False
    )
    defendant_name = forms.CharField(label="被告（其他）", required=False, max_length=200)
    after_reconsideration = forms.BooleanField(label="经过行政复议", required=False)
    reconsideration_number = forms.CharField(
        label="行政复议案号", required=False, max_length=64, help_text="经本机关复议的，填写复议案号以关联"
    )


class BasicsForm(VersionedForm):
    """修改基本信息: the registered details that may be corrected later (field names = the service's arguments)."""

    court = forms.CharField(label="受理法院", max_length=100)
    court_case_number = forms.CharField(label="法院案号", max_length=64)
    instance = forms.ChoiceField(label="审级", choices=INSTANCES)
    cause = forms.CharField(label="案由", max_length=300)
    defendant_unit = UnitChoiceField(
        label="被告（本市单位）", queryset=Unit.objects.filter(is_active=True), required=False
    )
    defendant_name = forms.CharField(label="被告（其他）", required=False, max_length=200)
    plaintiff_phone = forms.CharField(label="原告联系电话", required=False, max_length=20)
    plaintiff_address = forms.CharField(label="原告通讯地址", required=False, max_length=200)

    def __init__(self, *args, plaintiff=None, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        plaintiff = plaintiff or {}
        phone = mask_phone(plaintiff.get("plaintiff_phone", ""))
        self.fields["plaintiff_phone"].help_text = (
            f"现为 {phone}；留空表示不修改" if phone else "未登记；留空表示不修改"
        )
        address = "已登记" if plaintiff.get("plaintiff_address") else "未登记"
        self.fields["plaintiff_address"].help_text = f"{address}；留空表示不修改"


class DefenceForm(VersionedForm):
    on = forms.DateField(label="提交答辩状日期", widget=DATE)
    note = long_text("备注", required=False)


class HearingForm(VersionedForm):
    hearing_on = forms.DateField(label="开庭日期", widget=DATE)
    place = forms.CharField(label="开庭地点", required=False, max_length=200)
    requires_head = forms.BooleanField(label="需要负责人出庭应诉", required=False, initial=True)
    note = forms.CharField(label="备注", required=False, max_length=300)


class AppearanceForm(VersionedForm):
    hearing = forms.ChoiceField(label="开庭日期")
    head_attended = forms.BooleanField(label="负责人出庭应诉", required=False)
    head_name = forms.CharField(label="出庭负责人姓名", required=False, max_length=50)
    head_position = forms.ChoiceField(
        label="出庭负责人职务",
        required=False,
        choices=[("", "请选择"), *((c, label) for c, label, _ok in HEAD_POSITIONS)],
        help_text="被委托组织或下级机关的负责人不属于被诉机关负责人（解释第一百二十八条）",
    )
    absence_reason = long_text("负责人未出庭的正当理由", required=False)
    appeared = forms.CharField(
        label="实际出庭人员（姓名、职务）",
        required=False,
        max_length=200,
        help_text="负责人未出庭时必填，不得仅委托律师",
    )

    def __init__(self, *args, hearings=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["hearing"].choices = [
            (h["on"], h["on"] + ("（已登记）" if h.get("appearance") else "")) for h in hearings
        ]


class OutcomeForm(VersionedForm):
    on = forms.DateField(label="裁判（结案）日期", widget=DATE)
    outcome = forms.ChoiceField(label="裁判结果", choices=[("", "请选择"), *OUTCOMES], required=False)
    document_number = forms.CharField(label="裁判文书号", required=False, max_length=64)
    summary = long_text("裁判主要内容", max_length=REPORT_MAX, required=False)
    compensation_amount = forms.DecimalField(label="赔偿金额（元）", required=False, min_value=0, decimal_places=2)


class LossAnalysisForm(VersionedForm):
    analysis = long_text("败诉原因分析", max_length=REPORT_MAX, rows=4, required=False)
    measures = long_text("整改措施", max_length=REPORT_MAX, required=False)
    responsible_unit = UnitChoiceField(
        label="整改责任单位",
        queryset=Unit.objects.filter(is_active=True),
        required=False,
        help_text="默认为被告单位",
    )
    due_date = forms.DateField(label="整改期限", widget=DATE, required=False)


class AppealForm(VersionedForm):
    court = forms.CharField(label="受理法院", max_length=100)
    court_case_number = forms.CharField(label="法院案号", max_length=64)
    served_on = forms.DateField(label="收到上诉状（再审申请书）副本日期", widget=DATE)
    appellant = forms.ChoiceField(label="上诉人", choices=APPELLANTS)
    note = forms.CharField(label="备注", required=False, max_length=300)


class ImportForm(forms.Form):
    file = forms.FileField(label="Excel 文件（.xlsx）")
