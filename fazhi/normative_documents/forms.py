"""HTML input of the normative-documents pages (validation only; the services decide)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from fazhi.consultations.models import Consultation
from fazhi.consultations.selectors import consultations_for_owner
from fazhi.core.forms import DOCUMENT_MAX, REPORT_MAX, TokenForm, long_text
from fazhi.core.uploads import check_upload
from fazhi.orgs.models import Unit
from fazhi.orgs.widgets import UnitChoiceField, UnitMultipleChoiceField

from .models import (
    CleanupOutcome,
    InstrumentLevel,
    InstrumentStatus,
    LegalityOpinion,
    NormativeDocument,
    ReviewOutcome,
)

DATE = forms.DateInput(attrs={"type": "date"})


def _units() -> Any:
    return Unit.objects.filter(is_active=True).order_by("path")


class ProposeForm(TokenForm):
    title = forms.CharField(label="文件名称", max_length=300)
    lead_unit = UnitChoiceField(label="制定机关（主办）", queryset=Unit.objects.none())
    co_issuers = UnitMultipleChoiceField(label="联合发文机关", queryset=Unit.objects.none(), required=False)
    proposed_on = forms.DateField(label="立项日期", widget=DATE)
    purpose = long_text("立项依据和必要性", max_length=2000, required=False)

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = units if units is not None else _units()  # type: ignore[attr-defined]
        self.fields["co_issuers"].queryset = _units()  # type: ignore[attr-defined]


class TextForm(forms.Form):
    label = forms.CharField(label="稿次", max_length=50, initial="起草稿")
    text = long_text("文本", max_length=DOCUMENT_MAX, rows=8, required=False)
    file = forms.FileField(label="或上传正文（.docx / .txt / 带文字层的 .pdf）", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        f = data.get("file")
        if f:
            try:
                check_upload(f, allowed=(".docx", ".txt", ".pdf"))
            except ValidationError as exc:
                self.add_error("file", exc)
        elif not (data.get("text") or "").strip():
            self.add_error("text", "请填写文本或上传正文文件。")
        return data


ATTACHMENT_TYPES = (".pdf", ".ofd", ".docx", ".doc", ".xlsx", ".xls", ".jpg", ".jpeg", ".png", ".txt")


class AttachmentForm(forms.Form):
    name = forms.CharField(label="附件名称", max_length=200, required=False, help_text="不填则用文件名。")
    file = forms.FileField(label="附件文件（" + "、".join(ATTACHMENT_TYPES) + "）")

    def clean_file(self) -> Any:
        f = self.cleaned_data["file"]
        check_upload(f, allowed=ATTACHMENT_TYPES)  # type, size, content matching the extension (core.uploads)
        return f


class DraftStartForm(forms.Form):
    pass


class AssessForm(forms.Form):
    drafting_note = long_text("起草说明", max_length=REPORT_MAX, rows=4)
    assessment = long_text("评估论证情况", max_length=REPORT_MAX, required=False)


class ConsultForm(forms.Form):
    """公开征求意见 runs on the consultation engine; this step names the closed consultation the document rests on."""

    needs_document = True
    consultation = forms.ModelChoiceField(label="公开征求意见", queryset=Consultation.objects.none(), empty_label=None)

    def __init__(self, *args: Any, document: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if document is not None:
            qs = consultations_for_owner(document).filter(state__in=("closed", "published")).order_by("-id")
            self.fields["consultation"].queryset = qs  # type: ignore[attr-defined]


class LegalityRequestForm(forms.Form):
    reviewing_unit = UnitChoiceField(label="审核机构", queryset=Unit.objects.none())
    submitted_on = forms.DateField(label="送审日期", widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reviewing_unit"].queryset = _units()  # type: ignore[attr-defined]


class LegalityOpinionForm(forms.Form):
    opinion = forms.ChoiceField(label="审核意见", choices=LegalityOpinion.choices)
    reasons = long_text("理由", max_length=REPORT_MAX, required=False)  # the 合法性审核意见书's reasoning
    reviewed_on = forms.DateField(label="审核日期", widget=DATE)


class DeliberateForm(forms.Form):
    meeting = forms.CharField(label="审议会议", max_length=200)
    deliberated_on = forms.DateField(label="审议日期", widget=DATE)
    decision = forms.CharField(label="审议结论", max_length=200)


class SignForm(forms.Form):
    signed_on = forms.DateField(label="签发日期", widget=DATE)
    signed_by = forms.CharField(label="签发人", max_length=50)
    doc_number = forms.CharField(label="发文字号", max_length=64, required=False)


class RegisterForm(forms.Form):
    number = forms.CharField(
        label="统一登记编号", max_length=64, required=False, help_text="留空则按本机关编号格式自动取下一个号"
    )


class PublishForm(forms.Form):
    published_on = forms.DateField(label="公布日期", widget=DATE)
    published_where = forms.CharField(label="公布载体", max_length=200, initial="政府网站")
    effective_on = forms.DateField(label="施行日期", widget=DATE)
    valid_until = forms.DateField(
        label="有效期至", widget=DATE, required=False, help_text="留空：默认5年，暂行、试行2年"
    )


class FileForm(forms.Form):
    filed_to = UnitChoiceField(label="备案审查机关", queryset=Unit.objects.none())
    filed_on = forms.DateField(label="报送备案日期", widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["filed_to"].queryset = _units()  # type: ignore[attr-defined]


class ReviewReceiveForm(forms.Form):
    received_on = forms.DateField(label="收到备案日期", widget=DATE)


class ReviewDecideForm(forms.Form):
    formal_check_ok = forms.BooleanField(label="形式审查合格", required=False, initial=True)
    formal_check_note = long_text("形式审查意见", rows=2, required=False)
    criteria_findings = long_text("审查意见（制定主体、权限、程序、内容合法性）", max_length=REPORT_MAX, required=False)
    outcome = forms.ChoiceField(label="审查结论", choices=ReviewOutcome.choices)
    decided_on = forms.DateField(label="审查结论日期", widget=DATE)


class CorrectionForm(forms.Form):
    corrected_on = forms.DateField(label="报告纠错日期", widget=DATE)
    report = long_text("纠错情况", max_length=REPORT_MAX)


class StatusForm(forms.Form):
    """The issuer ends a document in force: 废止, 已修改 (naming the amending document) or 失效 — on evaluating one
    before its 有效期至, or after a cited instrument changed (a 清理 campaign changes statuses on its approval)."""

    status = forms.ChoiceField(
        label="效力状态",
        choices=[("repealed", "废止"), ("amended", "已修改"), ("expired", "失效（含重新发布替代）")],
    )
    ended_on = forms.DateField(label="失效或废止日期", widget=DATE)
    superseded_by = forms.ModelChoiceField(
        label="修改或替代文件", queryset=NormativeDocument.objects.none(), required=False
    )

    def __init__(self, *args: Any, document: Any = None, candidates: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if candidates is not None:
            self.fields["superseded_by"].queryset = candidates  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        d = super().clean() or {}
        if d.get("status") == "amended" and not d.get("superseded_by"):
            self.add_error("superseded_by", "“已修改”请选择修改后的文件。")
        return d


class DependencyConfirmForm(forms.Form):
    note = long_text("评估意见（继续有效的理由）")


class InstrumentForm(forms.Form):
    title = forms.CharField(label="名称（含书名号）", max_length=300)
    level = forms.ChoiceField(label="效力层级", choices=InstrumentLevel.choices)
    issuer = forms.CharField(label="制定机关", max_length=200, required=False)


class InstrumentChangeForm(forms.Form):
    status = forms.ChoiceField(label="状态", choices=[c for c in InstrumentStatus.choices if c[0] != "in_force"])
    changed_on = forms.DateField(label="修改或废止日期", widget=DATE)
    note = long_text("修改或废止情况", rows=2)


class CitationsForm(forms.Form):
    """One line per instrument: 《名称》 第X条、第Y条 (confirm / correct / add)."""

    lines = long_text("制定依据（每行一件：《名称》 条款、条款）", max_length=5000, rows=6, required=False)


class CleanupForm(forms.Form):
    name = forms.CharField(label="清理名称", max_length=200)
    scope_units = UnitMultipleChoiceField(label="清理范围（制定机关）", queryset=Unit.objects.none())
    published_from = forms.DateField(label="公布日期自", widget=DATE, required=False)
    published_to = forms.DateField(label="公布日期至", widget=DATE, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scope_units"].queryset = _units()  # type: ignore[attr-defined]


class CleanupItemForm(forms.Form):
    outcome = forms.ChoiceField(label="清理结果", choices=CleanupOutcome.choices)
    reason = long_text("理由", rows=2)


class LibrarySearchForm(forms.Form):
    q = forms.CharField(
        label="关键词",
        max_length=100,
        required=False,
        help_text="文件名称、文号、登记编号、制定机关或正文，一个字也可检索",
    )
    issuer = UnitChoiceField(label="制定机关", queryset=Unit.objects.none(), required=False)
    status = forms.ChoiceField(label="效力状态", required=False)
    published_from = forms.DateField(label="公布日期自", widget=DATE, required=False)
    published_to = forms.DateField(label="公布日期至", widget=DATE, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from .models import DocumentStatus

        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = _units()  # type: ignore[attr-defined]
        self.fields["status"].choices = [("", "全部")] + [c for c in DocumentStatus.choices if c[0]]  # type: ignore[attr-defined]


class SuggestionForm(TokenForm):
    document = forms.IntegerField(widget=forms.HiddenInput)
    name = forms.CharField(label="姓名或单位名称", max_length=50)
    phone = forms.RegexField(
        label="联系电话", regex=r"^[0-9\-+ ]{7,20}$", error_messages={"invalid": "请填写有效的电话号码。"}
    )
    content = long_text("审查建议（认为文件哪一条违法或不当，理由）", max_length=REPORT_MAX, rows=5)


class SuggestionAnswerForm(forms.Form):
    answer = long_text("答复", max_length=REPORT_MAX)
    answered_on = forms.DateField(label="答复日期", widget=DATE)
