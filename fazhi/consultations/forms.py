"""HTML input validation only; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.core.forms import DOCUMENT_MAX, REPORT_MAX, TokenForm, long_text
from fazhi.core.uploads import check_upload

from .models import STAFF_CHANNELS, Channel, Identity, Outcome

DATE = forms.DateInput(attrs={"type": "date"})
COMMENT_MAX = 20000  # the highest 单条意见字数上限 a consultation may set


class ConsultationForm(TokenForm):
    title = forms.CharField(label="征求意见稿名称", max_length=200)
    summary = long_text("征求意见说明", max_length=REPORT_MAX, required=False)
    opens_on = forms.DateField(label="开始日期", widget=DATE)
    closes_on = forms.DateField(label="截止日期", widget=DATE, help_text="一般不少于30日；期限更短的须说明理由。")
    short_reason = long_text("期限少于法定最短期限的理由", rows=2, required=False)
    channels = forms.MultipleChoiceField(
        label="征求意见渠道", choices=Channel.choices, initial=[Channel.PORTAL], widget=forms.CheckboxSelectMultiple
    )
    contact = forms.CharField(label="联系方式（信函地址、邮箱）", max_length=300, required=False)
    identity = forms.ChoiceField(label="留言身份", choices=Identity.choices, initial=Identity.NAMED)
    comment_max_length = forms.IntegerField(
        label="单条意见字数上限", min_value=100, max_value=COMMENT_MAX, initial=2000
    )

    def clean(self) -> dict[str, Any]:
        d = super().clean()
        if d.get("opens_on") and d.get("closes_on") and d["closes_on"] < d["opens_on"]:
            self.add_error("closes_on", "截止日期不能早于开始日期。")
        return d


class DraftForm(forms.Form):
    file = forms.FileField(label="征求意见稿文件（.docx、.txt 或带文字层的 .pdf）", required=False)
    text = long_text(
        "或粘贴征求意见稿正文",
        max_length=DOCUMENT_MAX,
        rows=8,
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
    short_reason = long_text("期限少于法定最短期限的理由", rows=2, required=False)


class ArticleChoiceMixin:
    def set_articles(self, articles: Any) -> None:
        field = self.fields["article"]  # type: ignore[attr-defined]
        field.choices = [("", "对征求意见稿整体提出意见")] + [
            (a.pk, f"{a.label} {a.text[:30]}".strip()) for a in articles
        ]


class PublicCommentForm(ArticleChoiceMixin, TokenForm):
    article = forms.TypedChoiceField(label="针对条款", coerce=int, empty_value=None, required=False)
    # the consultation's own 单条意见字数上限 (ConsultationForm: at most COMMENT_MAX) replaces this in __init__
    text = long_text("意见内容", max_length=COMMENT_MAX, rows=6)
    name = forms.CharField(label="姓名", max_length=50, required=False)
    phone = forms.CharField(
        label="手机号码", max_length=20, required=False, help_text="仅用于告知意见处理结果，加密保存。"
    )
    code = forms.CharField(label="验证码", max_length=6, required=False, help_text="请输入页面上显示的数字。")

    def __init__(self, *args: Any, max_length: int = 2000, named: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"] = long_text("意见内容", max_length=max_length, rows=6)
        if named:
            for f in ("name", "phone", "code"):
                self.fields[f].required = True


class StaffCommentForm(ArticleChoiceMixin, TokenForm):
    channel = forms.ChoiceField(label="来源渠道", choices=STAFF_CHANNELS)
    received_on = forms.DateField(label="收到日期", widget=DATE)
    article = forms.TypedChoiceField(label="针对条款", coerce=int, empty_value=None, required=False)
    text = long_text(
        "意见内容", max_length=COMMENT_MAX, rows=5
    )  # a letter may be long; the service checks its own limit
    name = forms.CharField(label="提出人", max_length=50, required=False)
    organisation = forms.CharField(label="单位或组织", max_length=200, required=False)
    phone = forms.CharField(label="手机号码", max_length=20, required=False)


class HideForm(forms.Form):
    reason = forms.CharField(label="屏蔽理由", max_length=300)


class AdoptionForm(forms.Form):
    outcome = forms.ChoiceField(label="采纳情况", choices=Outcome.choices)
    reason = long_text("理由", rows=2)
    revision = long_text("修改内容", max_length=REPORT_MAX, rows=2, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PublishForm(forms.Form):
    intro = long_text("总体情况补充说明", max_length=REPORT_MAX, required=False)
