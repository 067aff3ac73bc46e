from __future__ import annotations

import uuid

from django import forms

from fazhi.core.uploads import MultiFileField


class ApplicationForm(forms.Form):
    submit_token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    name = forms.CharField(label="申请人姓名", max_length=50)
    id_number = forms.CharField(label="身份证号码", max_length=30)
    phone = forms.CharField(label="联系电话", max_length=20, help_text="查询办理进度时需要输入")
    address = forms.CharField(label="通讯地址", max_length=200)
    respondent = forms.CharField(label="被申请人", max_length=200, help_text="作出行政行为的行政机关全称")
    act = forms.CharField(label="被申请复议的行政行为", max_length=300, help_text="如：某某行政处罚决定书（文号）")
    request = forms.CharField(label="行政复议请求", widget=forms.Textarea(attrs={"rows": 2}))
    facts = forms.CharField(label="事实和理由", widget=forms.Textarea(attrs={"rows": 4}))
    files = MultiFileField(label="申请材料（PDF、图片、Word）", required=False)


class LookupForm(forms.Form):
    receipt_number = forms.CharField(label="申请编号", max_length=32)
    phone = forms.CharField(label="联系电话", max_length=20)
