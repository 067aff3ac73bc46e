"""HTML input only; the services validate the law. Field names are the services' arguments; every transition form
carries the case `version`."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms

from fazhi.core.forms import REASON_MAX, REPORT_MAX, long_text
from fazhi.deadlines.models import EXTENSION_REASON_MAX
from fazhi.orgs.models import Unit
from fazhi.orgs.widgets import UnitChoiceField

from .codes import APPLICANT_TYPES, CHANNELS, EXEMPTIONS, MAIL_KINDS, REPLY_TYPES, ROW
from .fees import METHODS
from .services import OPINIONS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CONTENT_MAX = REASON_MAX  # 所需政府信息的描述: the same on the portal's form (portal/forms.py)


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class DatedNoteForm(VersionedForm):
    on = forms.DateField(label="日期", widget=DATE)
    note = long_text("说明", required=False)


class CorrectionRequestForm(VersionedForm):
    on = forms.DateField(label="补正通知日期", widget=DATE, help_text="收到申请之日起7个工作日内一次性告知（第三十条）")
    defects = long_text("需要补正的事项", max_length=2000)


class ConsultForm(VersionedForm):
    on = forms.DateField(label="发出征求意见函日期", widget=DATE, help_text="征求意见所需时间不计入答复期限")
    party = forms.CharField(label="被征求意见的第三方或机关", max_length=200)
    matter = long_text("征求意见事项", required=False)


class OpinionForm(VersionedForm):
    on = forms.DateField(label="收到意见日期（或期满之日）", widget=DATE)
    opinion = forms.ChoiceField(label="意见", choices=list(OPINIONS.items()))
    summary = long_text("意见摘要", max_length=2000, required=False)


class ExtensionForm(VersionedForm):
    on = forms.DateField(label="同意延期日期", widget=DATE)
    days = forms.IntegerField(
        label="延长工作日数", min_value=1, max_value=20, initial=20, help_text="最长20个工作日（第三十三条）"
    )
    reason = long_text("延期理由", max_length=EXTENSION_REASON_MAX)  # it extends the clock


class ExcessiveForm(VersionedForm):
    on = forms.DateField(label="认定日期", widget=DATE)
    reason = long_text("认定理由", help_text="申请数量、频次明显超过合理范围（第三十五条）。")
    due_date = forms.DateField(
        label="延迟答复期限",
        widget=DATE,
        required=False,
        help_text="申请理由合理但无法在第三十三条规定期限内答复的，确定延迟答复的合理期限并告知申请人（第三十五条）；"
        "须晚于现在的答复期限。",
    )


class FeeForm(VersionedForm):
    on = forms.DateField(label="收费通知日期", widget=DATE)
    method = forms.ChoiceField(
        label="计费方式", choices=METHODS, help_text="按件、按量不同时适用（国办函〔2020〕109号）"
    )
    pages = forms.IntegerField(label="页数（按量计收）", min_value=0, required=False, initial=0)
    reason = long_text("收费理由")


REPLY_ROWS = [("", "（答复类型只有一种情形时无需选择）")] + [
    (row, f"{ROW[row].group}-{ROW[row].label}：{text}（{basis}）") for row, text, basis in EXEMPTIONS
]


class ReplyForm(VersionedForm):
    on = forms.DateField(label="答复日期", widget=DATE)
    reply_type = forms.ChoiceField(label="答复类型", choices=[(t.code, f"{t.label}（{t.basis}）") for t in REPLY_TYPES])
    row = forms.ChoiceField(label="不予公开的理由", choices=REPLY_ROWS, required=False)
    content = long_text(
        "答复内容", max_length=REPORT_MAX, required=False, help_text="部分公开须写明公开和不予公开的部分。"
    )


class RouteForm(VersionedForm):
    on = forms.DateField(label="告知日期", widget=DATE)
    category = forms.CharField(label="事项类别", initial="信访、投诉、举报", max_length=50)
    channel = forms.CharField(label="告知的渠道", initial="信访渠道", max_length=100)


class RegisterForm(forms.Form):
    submit_token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    handling_unit = UnitChoiceField(label="受理机关", queryset=Unit.objects.filter(is_active=True))
    channel = forms.ChoiceField(label="收到方式", choices=CHANNELS)
    mail_kind = forms.ChoiceField(label="邮件类型（邮寄）", choices=[("", "—"), *MAIL_KINDS], required=False)
    submitted_on = forms.DateField(label="提交日期", widget=DATE, required=False, help_text="当面：提交之日即收到之日")
    signed_on = forms.DateField(label="签收日期（需签收的邮件）", widget=DATE, required=False)
    confirmed_on = forms.DateField(
        label="确认日期（平常信函、网络、传真）",
        widget=DATE,
        required=False,
        help_text="第三十一条：以确认之日为收到之日",
    )
    applicant_type = forms.ChoiceField(label="申请人类型", choices=APPLICANT_TYPES)
    applicant_name = forms.CharField(label="申请人姓名/名称", max_length=100)
    applicant_id_number = forms.CharField(label="身份证号码或统一社会信用代码", required=False, max_length=30)
    applicant_phone = forms.CharField(label="联系电话", required=False, max_length=20)
    applicant_address = forms.CharField(label="通讯地址", required=False, max_length=200)
    content = long_text("申请公开的政府信息", max_length=CONTENT_MAX)
    purpose = forms.CharField(label="获取信息的方式和用途（可选）", required=False, max_length=300)


class ImportForm(forms.Form):
    file = forms.FileField(label="Excel 文件（.xlsx）")


class ReportTextForm(forms.Form):
    """The written parts of the annual report (report_texts.PARTS), with the version loaded."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from fazhi.core.forms import REPORT_MAX, long_text

        from .report_texts import PARTS

        super().__init__(*args, **kwargs)
        for key, label in PARTS.items():
            self.fields[key] = long_text(label, max_length=REPORT_MAX, rows=5, required=False)
