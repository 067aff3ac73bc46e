"""规范性文件 data: the document and its drafting record, numbering counters, versions, filing, filing review,
citizens' 审查建议, cited instruments, the upper-level instrument registry, 清理 campaigns and the library's index."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from fazhi.core.downloads import download_key
from fazhi.core.models import TimeStampedModel, VersionedModel

from .states import DocumentState


class DocumentStatus(models.TextChoices):
    """Validity (legal-rules.md §9 Statuses): only a published document has one."""

    NONE = "", "未公布"
    VALID = "valid", "有效"
    EXPIRED = "expired", "失效"
    REPEALED = "repealed", "废止"
    AMENDED = "amended", "已修改"


class NumberPattern(TimeStampedModel):
    """An issuer's 统一登记编号 pattern, placeholders {code} {year} {seq} (or {seq:03d}); default in settings."""

    unit = models.OneToOneField("orgs.Unit", verbose_name="制定机关", on_delete=models.CASCADE)
    pattern = models.CharField("登记编号格式", max_length=64, help_text="如 {code}-{year}-{seq:03d}")

    class Meta:
        verbose_name = "登记编号格式"
        verbose_name_plural = "登记编号格式"


class RegistrationCounter(models.Model):
    """One row per issuer + year, locked while a number is taken: no gaps (a rollback returns it), no duplicates."""

    unit = models.ForeignKey("orgs.Unit", on_delete=models.CASCADE)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="nd_counter_unique")]


class NormativeDocument(VersionedModel):
    """A 行政规范性文件, from 立项 to 备案 (state) and, once published, its validity (status)."""

    title = models.CharField("文件名称", max_length=300)
    lead_unit = models.ForeignKey(
        "orgs.Unit", verbose_name="制定机关（主办）", on_delete=models.PROTECT, related_name="normative_documents"
    )
    co_issuers = models.ManyToManyField(
        "orgs.Unit", verbose_name="联合发文机关", blank=True, related_name="co_issued_documents"
    )
    doc_number = models.CharField("发文字号", max_length=64, blank=True, default="")
    registration_number = models.CharField("统一登记编号", max_length=64, null=True, blank=True, unique=True)
    registration_year = models.PositiveIntegerField("登记年度", null=True, blank=True)
    registration_seq = models.PositiveIntegerField("登记序号", null=True, blank=True)
    state = models.CharField("办理环节", max_length=20, choices=DocumentState.choices, default=DocumentState.PROPOSED)
    status = models.CharField("效力状态", max_length=10, choices=DocumentStatus.choices, blank=True, default="")
    superseded_by = models.ForeignKey(
        "self",
        verbose_name="修改或替代文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supersedes",
    )
    proposed_on = models.DateField("立项日期")
    purpose = models.TextField("立项依据和必要性", blank=True, default="")
    drafting_note = models.TextField("起草说明", blank=True, default="")
    assessment = models.TextField("评估论证情况", blank=True, default="")
    # 公开征求意见: the consultation engine's record (fazhi/consultations) this step rests on
    consultation = models.ForeignKey(
        "consultations.Consultation",
        verbose_name="公开征求意见",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    deliberation_meeting = models.CharField("审议会议", max_length=200, blank=True, default="")
    deliberated_on = models.DateField("审议日期", null=True, blank=True)
    deliberation_decision = models.CharField("审议结论", max_length=200, blank=True, default="")
    signed_on = models.DateField("签发日期", null=True, blank=True)
    signed_by = models.CharField("签发人", max_length=50, blank=True, default="")
    published_on = models.DateField("公布日期", null=True, blank=True)
    published_where = models.CharField("公布载体", max_length=200, blank=True, default="")
    effective_on = models.DateField("施行日期", null=True, blank=True)
    valid_until = models.DateField("有效期至", null=True, blank=True)
    ended_on = models.DateField("失效或废止日期", null=True, blank=True)
    full_text = models.TextField("全文", blank=True, default="")
    text_file = models.FileField("正文文件", upload_to="normative_documents/%Y/", blank=True)
    # 备案
    filed_to = models.ForeignKey(
        "orgs.Unit",
        verbose_name="备案审查机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="filed_normative_documents",
    )
    filed_on = models.DateField("报送备案日期", null=True, blank=True)
    filing_due = models.DateField("备案期限届满日", null=True, blank=True)
    filing_late_days = models.PositiveIntegerField("迟报天数", default=0)
    dependency_flag = models.BooleanField("所引依据已变化待评估", default=False)
    submit_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "行政规范性文件"
        verbose_name_plural = "行政规范性文件"
        ordering = ["-proposed_on", "-id"]
        indexes = [
            models.Index(fields=["status", "published_on"]),
            models.Index(fields=["lead_unit", "state"]),
            models.Index(fields=["-published_on", "-id"], name="nd_library_order"),  # the library's newest-first walk
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["lead_unit", "registration_year", "registration_seq"], name="nd_registration_seq_unique"
            )
        ]

    def __str__(self) -> str:
        return self.title

    TEXT_FILE_KIND = "normative_documents.text_file"

    @property
    def text_file_url(self) -> str:
        """The uploaded 正文文件 under a signed key (core.downloads)."""
        return reverse("normative_documents:text_file_download", args=[download_key(self.TEXT_FILE_KIND, self.pk)])

    @property
    def issuers_label(self) -> str:
        names = [self.lead_unit.name] + [u.name for u in self.co_issuers.all()]
        return "、".join(names)


class DocumentVersion(models.Model):
    """The text as it was at one step (起草稿, 送审稿, 公布稿 …); numbered 1, 2, … per document."""

    document = models.ForeignKey(NormativeDocument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("版本号")
    label = models.CharField("稿次", max_length=50)
    text = models.TextField("文本")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["document", "number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="nd_version_unique")]


class Attachment(TimeStampedModel):
    document = models.ForeignKey(NormativeDocument, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField("附件名称", max_length=200)
    file = models.FileField("文件", upload_to="normative_documents/attachments/%Y/")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    DOWNLOAD_KIND = "normative_documents.attachment"

    def __str__(self) -> str:
        return self.name

    @property
    def download_url(self) -> str:
        return reverse("normative_documents:attachment_download", args=[download_key(self.DOWNLOAD_KIND, self.pk)])


class LegalityOpinion(models.TextChoices):
    AGREE = "agree", "同意"
    AGREE_AFTER_CHANGES = "agree_after_changes", "修改后同意"
    DISAGREE = "disagree", "不同意"


class LegalityReview(TimeStampedModel):
    """合法性审核 by the legal body: sent on a date (working-day clock), answered with an opinion and its reasons."""

    document = models.ForeignKey(NormativeDocument, on_delete=models.CASCADE, related_name="legality_reviews")
    reviewing_unit = models.ForeignKey("orgs.Unit", verbose_name="审核机构", on_delete=models.PROTECT, related_name="+")
    submitted_on = models.DateField("送审日期")
    due_on = models.DateField("审核期限届满日")
    opinion = models.CharField("审核意见", max_length=24, choices=LegalityOpinion.choices, blank=True, default="")
    reasons = models.TextField("理由", blank=True, default="")
    reviewed_on = models.DateField("审核日期", null=True, blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["document", "id"]


class ReviewOutcome(models.TextChoices):
    PASSED = "passed", "通过"
    CORRECTION = "correction", "纠错"


class FilingReview(TimeStampedModel):
    """备案审查 by the 司法局 of a filed document: formal check, review against the criteria, outcome; a 纠错 is
    answered by the issuer's correction report within 30 days (clock `normative_document.correction_report`)."""

    document = models.OneToOneField(NormativeDocument, on_delete=models.CASCADE, related_name="filing_review")
    received_on = models.DateField("收到备案日期")
    formal_check_ok = models.BooleanField("形式审查合格", default=True)
    formal_check_note = models.TextField("形式审查意见", blank=True, default="")
    criteria_findings = models.TextField("审查意见（对照审查标准）", blank=True, default="")
    outcome = models.CharField("审查结论", max_length=12, choices=ReviewOutcome.choices, blank=True, default="")
    decided_on = models.DateField("审查结论日期", null=True, blank=True)
    correction_due = models.DateField("纠错报告期限届满日", null=True, blank=True)
    corrected_on = models.DateField("报告纠错日期", null=True, blank=True)
    correction_report = models.TextField("纠错情况报告", blank=True, default="")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    def __str__(self) -> str:  # how a clock or board names it (the workbench showed "FilingReview object (2)")
        return f"{self.document.title}（备案审查）"


class ReviewSuggestion(TimeStampedModel):
    """A citizen's 审查建议 on a published document (portal): registered, answered, counted."""

    document = models.ForeignKey(NormativeDocument, on_delete=models.PROTECT, related_name="suggestions")
    receipt_number = models.CharField("登记编号", max_length=16, unique=True)
    name = models.CharField("建议人", max_length=50)
    phone = models.CharField("联系电话", max_length=20)
    content = models.TextField("审查建议")
    submitted_on = models.DateField("提出日期")
    answer = models.TextField("答复", blank=True, default="")
    answered_on = models.DateField("答复日期", null=True, blank=True)
    submit_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)


class InstrumentLevel(models.TextChoices):
    LAW = "law", "法律"
    ADMIN_REGULATION = "admin_regulation", "行政法规"
    LOCAL_REGULATION = "local_regulation", "地方性法规"
    RULE = "rule", "规章"
    NORMATIVE = "normative", "规范性文件"
    OTHER = "other", "其他"


class InstrumentStatus(models.TextChoices):
    IN_FORCE = "in_force", "现行有效"
    AMENDED = "amended", "已修改"
    REPEALED = "repealed", "已废止"


class Instrument(TimeStampedModel):
    """An upper-level instrument documents cite (registry kept by the legal body)."""

    title = models.CharField("名称", max_length=300, unique=True, help_text="含书名号，如《中华人民共和国行政处罚法》")
    level = models.CharField("效力层级", max_length=20, choices=InstrumentLevel.choices, default=InstrumentLevel.OTHER)
    issuer = models.CharField("制定机关", max_length=200, blank=True, default="")
    promulgated_on = models.DateField("公布日期", null=True, blank=True)
    effective_on = models.DateField("施行日期", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=10, choices=InstrumentStatus.choices, default=InstrumentStatus.IN_FORCE
    )
    changed_on = models.DateField("修改或废止日期", null=True, blank=True)
    change_note = models.TextField("修改或废止情况", blank=True, default="")

    class Meta:
        verbose_name = "上位法依据"
        verbose_name_plural = "上位法依据"
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Citation(models.Model):
    """One instrument a document cites (extracted at registration, then confirmed or corrected by the user)."""

    document = models.ForeignKey(NormativeDocument, on_delete=models.CASCADE, related_name="citations")
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="citations")
    articles = models.JSONField("条款", default=list, blank=True)
    confirmed = models.BooleanField("已确认", default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["document", "instrument"], name="nd_citation_unique")]


class CleanupOutcome(models.TextChoices):
    """清理 outcomes (legal-rules.md §9: 岳阳 2025)."""

    KEEP = "keep", "继续有效"
    AMEND = "amend", "修改"
    REPEAL = "repeal", "废止"
    DECLARE_INVALID = "declare_invalid", "宣布失效"


class CleanupCampaign(TimeStampedModel):
    """A 清理: scope (issuers, publication dates), one outcome per document, published and applied on approval."""

    name = models.CharField("清理名称", max_length=200)
    organiser = models.ForeignKey("orgs.Unit", verbose_name="组织单位", on_delete=models.PROTECT, related_name="+")
    scope_units = models.ManyToManyField("orgs.Unit", verbose_name="清理范围（制定机关）", related_name="+")
    published_from = models.DateField("公布日期自", null=True, blank=True)
    published_to = models.DateField("公布日期至", null=True, blank=True)
    approved_on = models.DateField("批准日期", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "文件清理"
        verbose_name_plural = "文件清理"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name


class CleanupItem(models.Model):
    campaign = models.ForeignKey(CleanupCampaign, on_delete=models.CASCADE, related_name="items")
    document = models.ForeignKey(NormativeDocument, on_delete=models.PROTECT, related_name="cleanup_items")
    outcome = models.CharField("清理结果", max_length=16, choices=CleanupOutcome.choices, blank=True, default="")
    reason = models.TextField("理由", blank=True, default="")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["campaign", "document"], name="nd_cleanup_item_unique")]


class SearchToken(models.Model):
    """The library's index: every distinct single character and character pair of a published document's title,
    文号, issuers and text, so one- and two-character queries are an indexed equality (trigram indexes start at 3)."""

    token = models.CharField(max_length=2)
    document = models.ForeignKey(NormativeDocument, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["token", "document"], name="nd_search_token_unique")]
