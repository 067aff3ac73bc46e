"""HTML input validation only; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.core.forms import TokenForm
from fazhi.core.uploads import check_upload

from .models import STAFF_CHANNELS, Channel, Identity, Outcome

DATE = forms.DateInput(attrs={"type": "date"})


class ConsultationForm(TokenForm):
    title = forms.CharField(label="征求意见稿名称", max_length=200)
    summary = forms.CharField(label="征求意见说明", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    opens_on = forms.DateField(label="开始日期", widget=DATE)
    closes_on = forms.DateField(label="截止日期", widget=DATE, help_text="一般不少于30日；期限更短的须说明理由。")
    short_reason = forms.CharField(
        label="期限少于法定最短期限的理由", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    channels = forms.MultipleChoiceField(
        label="征求意见渠道", choices=Channel.choices, initial=[Channel.PORTAL], widget=forms.CheckboxSelectMultiple
    )
    contact = forms.CharField(label="联系方式（信函地址、邮箱）", max_length=300, required=False)
    identity = forms.ChoiceField(label="留言身份", choices=Identity.choices, initial=Identity.NAMED)
    comment_max_length = forms.IntegerField(label="单条意见字数上限", min_value=100, max_value=20000, initial=2000)

    def clean(self) -> dict[str, Any]:
        d = super().clean()
        if d.get("opens_on") and d.get("closes_on") and d["closes_on"] < d["opens_on"]:
            self.add_error("closes_on", "截止日期不能早于开始日期。")
        return d


class DraftForm(forms.Form):
    file = forms.FileField(label="征求意见稿文件（.docx、.txt 或带文字层的 .pdf）", required=False)
    text = forms.CharField(
        label="或粘贴征求意见稿正文",
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text="按“第X条”“一、”“（一）”分条。",
    )

    def clean(self) -> dict[str, Any]:
        d = super().clean()
        if d.get("file"):
            check_upload(d["file"], allowed=(".docx", ".txt", ".pdf"))
        elif not (d.get("text") or "").strip():
            self.add_error("text", "请上传文件或粘贴正文。")
        return d


class CloseForm(forms.Form):
    short_reason = forms.CharField(
        label="期限少于法定最短期限的理由", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ArticleChoiceMixin:
    def set_articles(self, articles: Any) -> None:
        field = self.fields["article"]  # type: ignore[attr-defined]
        field.choices = [("", "对征求意见稿整体提出意见")] + [
            (a.pk, f"{a.label} {a.text[:30]}".strip()) for a in articles
        ]


class PublicCommentForm(ArticleChoiceMixin, TokenForm):
    article = forms.TypedChoiceField(label="针对条款", coerce=int, empty_value=None, required=False)
    text = forms.CharField(label="意见内容", widget=forms.Textarea(attrs={"rows": 6}))
    name = forms.CharField(label="姓名", max_length=50, required=False)
    phone = forms.CharField(
        label="手机号码", max_length=20, required=False, help_text="仅用于告知意见处理结果，加密保存。"
    )
    code = forms.CharField(label="验证码", max_length=6, required=False, help_text="请输入页面上显示的数字。")

    def __init__(self, *args: Any, max_length: int = 2000, named: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_length = max_length
        self.fields["text"].help_text = f"不超过{max_length}字。"
        if named:
            for f in ("name", "phone", "code"):
                self.fields[f].required = True

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if len(text) > self.max_length:
            raise forms.ValidationError(f"不能超过{self.max_length}字（现为{len(text)}字）。")
        return text


class StaffCommentForm(ArticleChoiceMixin, TokenForm):
    channel = forms.ChoiceField(label="来源渠道", choices=STAFF_CHANNELS)
    received_on = forms.DateField(label="收到日期", widget=DATE)
    article = forms.TypedChoiceField(label="针对条款", coerce=int, empty_value=None, required=False)
    text = forms.CharField(label="意见内容", widget=forms.Textarea(attrs={"rows": 5}))
    name = forms.CharField(label="提出人", max_length=50, required=False)
    organisation = forms.CharField(label="单位或组织", max_length=200, required=False)
    phone = forms.CharField(label="手机号码", max_length=20, required=False)


class HideForm(forms.Form):
    reason = forms.CharField(label="屏蔽理由", max_length=300)


class AdoptionForm(forms.Form):
    outcome = forms.ChoiceField(label="采纳情况", choices=Outcome.choices)
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 2}))
    revision = forms.CharField(label="修改内容", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PublishForm(forms.Form):
    intro = forms.CharField(label="总体情况补充说明", widget=forms.Textarea(attrs={"rows": 3}), required=False)
