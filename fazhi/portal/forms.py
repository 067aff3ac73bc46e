from __future__ import annotations

import uuid

from django import forms

from fazhi.core.forms import REASON_MAX, REPORT_MAX, long_text
from fazhi.core.uploads import MultiFileField
from fazhi.orgs.widgets import UnitChoiceField


class ApplicationForm(forms.Form):
    submit_token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    name = forms.CharField(label="申请人姓名", max_length=50)
    id_number = forms.CharField(label="身份证号码", max_length=30)
    phone = forms.CharField(label="联系电话", max_length=20, help_text="查询办理进度时需要输入")
    address = forms.CharField(label="通讯地址", max_length=200)
    respondent = forms.CharField(label="被申请人", max_length=200, help_text="作出行政行为的行政机关全称")
    act = forms.CharField(label="被申请复议的行政行为", max_length=300, help_text="如：某某行政处罚决定书（文号）")
    request = long_text("行政复议请求", max_length=REASON_MAX, rows=2)
    facts = long_text("事实和理由", max_length=REPORT_MAX, rows=4)
    files = MultiFileField(label="申请材料（PDF、图片、Word）", required=False)


class LookupForm(forms.Form):
    receipt_number = forms.CharField(
        label="申请编号", max_length=32, error_messages={"required": "请填写申请编号（受理回执或提交成功页上的编号）"}
    )
    phone = forms.CharField(label="联系电话", max_length=20, error_messages={"required": "请填写申请时留的联系电话"})


class DisclosureApplicationForm(forms.Form):
    """政府信息公开申请 online (《政府信息公开条例》第二十九条: the applicant's name and contact, a description of the
    information, the form it is wanted in)."""

    submit_token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    agency = UnitChoiceField(label="受理机关", empty_label="请选择")  # the searchable unit picker
    applicant_type = forms.ChoiceField(label="申请人类型", choices=())
    name = forms.CharField(label="申请人姓名或名称", max_length=100)
    id_number = forms.CharField(label="身份证号码或统一社会信用代码", max_length=30, required=False)
    phone = forms.CharField(label="联系电话", max_length=20, help_text="查询办理进度时需要输入")
    address = forms.CharField(label="通讯地址", max_length=200, required=False)
    # the same limit as the office's 登记 form (dockets/disclosure/forms.py RegisterForm.content)
    content = long_text("所需政府信息的名称、文号或便于查询的其他特征性描述", max_length=REASON_MAX)
    purpose = forms.CharField(
        label="获取信息的方式和途径", max_length=200, required=False, help_text="如：电子邮件、邮寄、自行领取"
    )
    files = MultiFileField(label="身份证明、补充材料（PDF、图片、Word）", required=False)

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        from fazhi.dockets.disclosure.codes import APPLICANT_TYPES
        from fazhi.orgs.models import Unit

        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Unit.objects.filter(is_active=True).order_by("path")  # type: ignore[attr-defined]
        self.fields["applicant_type"].choices = APPLICANT_TYPES  # type: ignore[attr-defined]
