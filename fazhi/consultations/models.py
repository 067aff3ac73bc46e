"""A consultation (公开征求意见) owned by any record, its draft split into articles, the comments received, clusters of
near-duplicate comments, the adoption ledger (one answer per comment or cluster) and the reply notices waiting for
an SMS gateway."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse

from fazhi.core.downloads import download_key
from fazhi.core.models import TimeStampedModel, VersionedModel
from fazhi.core.pii import EncryptedTextField

from .states import ConsultationState


class Identity(models.TextChoices):
    NAMED = "named", "实名（姓名 + 手机号，页面验证码确认）"
    ANONYMOUS = "anonymous", "可匿名"


class Channel(models.TextChoices):
    PORTAL = "portal", "网上征求意见"
    LETTER = "letter", "信函"
    EMAIL = "email", "电子邮件"
    FAX = "fax", "传真"
    FORUM = "forum", "座谈会"
    PHONE = "phone", "电话"
    VISIT = "visit", "走访调研"
    OTHER = "other", "其他"


STAFF_CHANNELS = [c for c in Channel.choices if c[0] != Channel.PORTAL]


class Outcome(models.TextChoices):
    ADOPTED = "adopted", "采纳"
    PARTLY = "partly", "部分采纳"
    REJECTED = "rejected", "不采纳"
    EXISTING = "existing", "已有规定"


class Consultation(VersionedModel):
    owner_type = models.ForeignKey(ContentType, verbose_name="所属记录类型", on_delete=models.PROTECT, related_name="+")
    owner_id = models.PositiveBigIntegerField("所属记录")
    unit = models.ForeignKey(
        "orgs.Unit", verbose_name="组织单位", on_delete=models.PROTECT, related_name="consultations"
    )
    title = models.CharField("征求意见稿名称", max_length=200)
    summary = models.TextField("征求意见说明", blank=True, help_text="请公众重点就哪些问题提出意见。")
    rule_id = models.CharField("最短期限规则", max_length=80)
    opens_on = models.DateField("开始日期")
    closes_on = models.DateField("截止日期")
    short_reason = models.TextField("期限少于法定最短期限的理由", blank=True)
    channels = models.JSONField("征求意见渠道", default=list, blank=True)
    contact = models.CharField("联系方式（信函、邮箱）", max_length=300, blank=True)
    identity = models.CharField("留言身份", max_length=20, choices=Identity.choices, default=Identity.NAMED)
    comment_max_length = models.PositiveIntegerField("单条意见字数上限", default=2000)
    state = models.CharField("状态", max_length=20, choices=ConsultationState.choices, default=ConsultationState.DRAFT)
    opened_on = models.DateField("实际开始日期", null=True, blank=True)
    closed_on = models.DateField("实际截止日期", null=True, blank=True)
    published_on = models.DateField("采纳情况公布日期", null=True, blank=True)
    explanation_intro = models.TextField("采纳情况说明（总体情况）", blank=True)
    record_note = models.TextField(
        "记录说明", blank=True, help_text="记录的来历，如由其他模块的旧记录迁入时原记录登记的情况。"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="创建人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submit_token = models.UUIDField("提交令牌", null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = "征求意见"
        verbose_name_plural = "征求意见"
        ordering = ["-opens_on", "-id"]
        indexes = [models.Index(fields=["owner_type", "owner_id"]), models.Index(fields=["state", "opens_on"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("consultations:detail", args=[self.pk])

    DOWNLOAD_KIND = "consultations.consultation"

    def download_url(self, what: str) -> str:
        """A generated file of this consultation (comments.xlsx, explanation.docx, revisions.docx) under a signed key."""
        return reverse("consultations:download", args=[download_key(self.DOWNLOAD_KIND, self.pk), what])

    @property
    def comments_xlsx_url(self) -> str:
        return self.download_url("comments.xlsx")

    @property
    def explanation_docx_url(self) -> str:
        return self.download_url("explanation.docx")

    @property
    def revisions_docx_url(self) -> str:
        return self.download_url("revisions.docx")

    def public_url(self) -> str:
        return reverse("portal:consultation_detail", args=[self.pk])


class DraftArticle(models.Model):
    """One article or paragraph of the draft: 第X条, 一、 or （一） and its text, in document order."""

    consultation = models.ForeignKey(
        Consultation, verbose_name="征求意见", on_delete=models.CASCADE, related_name="articles"
    )
    order = models.PositiveIntegerField("顺序")
    label = models.CharField("条款编号", max_length=40, blank=True)
    level = models.PositiveSmallIntegerField("层级", default=0)
    text = models.TextField("条文")

    class Meta:
        verbose_name = "征求意见稿条款"
        verbose_name_plural = "征求意见稿条款"
        ordering = ["consultation", "order"]
        constraints = [models.UniqueConstraint(fields=["consultation", "order"], name="draft_article_order_unique")]

    def __str__(self) -> str:
        return self.label or self.text[:20]


class CommentCluster(models.Model):
    """Near-duplicate comments (campaign letters) grouped by their character shingles (similarity.py). Members keep
    their own rows: the cluster counts senders honestly and is answered once in the ledger."""

    consultation = models.ForeignKey(
        Consultation, verbose_name="征求意见", on_delete=models.CASCADE, related_name="clusters"
    )
    number = models.PositiveIntegerField("编号")

    class Meta:
        verbose_name = "相似意见组"
        verbose_name_plural = "相似意见组"
        ordering = ["consultation", "number"]
        constraints = [models.UniqueConstraint(fields=["consultation", "number"], name="comment_cluster_unique")]

    def __str__(self) -> str:
        return f"相似意见组{self.number}"


class Comment(TimeStampedModel):
    consultation = models.ForeignKey(
        Consultation, verbose_name="征求意见", on_delete=models.CASCADE, related_name="comments"
    )
    article = models.ForeignKey(
        DraftArticle, verbose_name="针对条款", null=True, blank=True, on_delete=models.PROTECT, related_name="comments"
    )
    number = models.PositiveIntegerField("编号")
    text = models.TextField("意见内容")
    channel = models.CharField("渠道", max_length=20, choices=Channel.choices, default=Channel.PORTAL)
    received_on = models.DateField("收到日期")
    name = EncryptedTextField("姓名", blank=True)
    phone = EncryptedTextField("手机号", blank=True)
    sender_key = models.CharField("提出人索引", max_length=64, blank=True, db_index=True)
    organisation = models.CharField("单位或组织", max_length=200, blank=True)
    verified = models.BooleanField("已验证", default=False)
    signature = models.JSONField("文本指纹", default=list, blank=True)
    cluster = models.ForeignKey(
        CommentCluster,
        verbose_name="相似意见组",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    hidden = models.BooleanField("已屏蔽", default=False)
    hidden_reason = models.CharField("屏蔽理由", max_length=300, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="屏蔽人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="录入人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submit_token = models.UUIDField("提交令牌", null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = "意见"
        verbose_name_plural = "意见"
        ordering = ["consultation", "number"]
        constraints = [models.UniqueConstraint(fields=["consultation", "number"], name="comment_number_unique")]

    def __str__(self) -> str:
        return f"意见{self.number}"


class AdoptionEntry(VersionedModel):
    """The adoption ledger: one answer for a comment, or for a whole cluster of near-duplicates."""

    consultation = models.ForeignKey(
        Consultation, verbose_name="征求意见", on_delete=models.CASCADE, related_name="ledger"
    )
    comment = models.OneToOneField(
        Comment, verbose_name="意见", null=True, blank=True, on_delete=models.CASCADE, related_name="adoption"
    )
    cluster = models.OneToOneField(
        CommentCluster,
        verbose_name="相似意见组",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="adoption",
    )
    article = models.ForeignKey(
        DraftArticle, verbose_name="条款", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField("采纳情况", max_length=20, choices=Outcome.choices)
    reason = models.TextField("理由")
    revision = models.TextField("修改内容", blank=True, help_text="采纳或部分采纳时，起草单位对条文作出的修改。")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="处理人", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "意见采纳记录"
        verbose_name_plural = "意见采纳记录"
        ordering = ["consultation", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(comment__isnull=False, cluster__isnull=True)
                | Q(comment__isnull=True, cluster__isnull=False),
                name="adoption_comment_xor_cluster",
            )
        ]


class ReplyNotice(TimeStampedModel):
    """The answer to a commenter who left a phone number, sent through the configured SMS gateway (sms.py); with none
    configured it stays 待发送."""

    class State(models.TextChoices):
        PENDING = "pending", "待发送"
        SENT = "sent", "已发送"

    comment = models.OneToOneField(Comment, verbose_name="意见", on_delete=models.CASCADE, related_name="notice")
    phone = EncryptedTextField("手机号")
    text = models.TextField("通知内容")
    state = models.CharField("状态", max_length=20, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField("发送次数", default=0)
    last_error = models.CharField("最近一次发送失败原因", max_length=300, blank=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)
    message_id = models.CharField("短信平台消息编号", max_length=100, blank=True)

    class Meta:
        verbose_name = "意见答复通知"
        verbose_name_plural = "意见答复通知"
