"""The case kernel's data: cases, numbering counters, parties, attachments, the case timeline, document templates.

Docket-specific data lives in `Case.extra` (JSON) keyed by the docket's spec; only the docket's services write it.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse

from fazhi.core.crypto import blind_index
from fazhi.core.downloads import download_key
from fazhi.core.models import TimeStampedModel
from fazhi.core.pii import EncryptedTextField, mask_id_number, mask_name, mask_phone


class StateChangeForbiddenError(Exception):
    """Raised when code outside `case_transition_apply` tries to save a changed `Case.state`."""


class Channel(models.TextChoices):
    IN_PERSON = "in_person", "当面"
    MAIL = "mail", "邮寄"
    ONLINE = "online", "网上"
    TRANSFER = "transfer", "转送"
    FAX = "fax", "传真"  # 政府信息公开条例 Art. 31(3)
    OTHER = "other", "其他"


class Case(TimeStampedModel):
    docket = models.CharField("案件类型", max_length=32, db_index=True)
    case_number = models.CharField("案号", max_length=64)
    number_year = models.PositiveIntegerField("案号年度")
    number_seq = models.PositiveIntegerField("案号序号")
    receipt_number = models.CharField("申请编号", max_length=32, unique=True, null=True, blank=True)
    title = models.CharField("案由", max_length=300, blank=True)
    state = models.CharField("状态", max_length=32, db_index=True)
    handling_unit = models.ForeignKey(
        "orgs.Unit", verbose_name="承办单位", on_delete=models.PROTECT, related_name="cases_handled"
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="承办人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases_handled",
    )
    co_handlers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name="协办人", blank=True, related_name="cases_co_handled"
    )
    respondent_unit = models.ForeignKey(
        "orgs.Unit",
        verbose_name="被申请人（被告）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases_as_respondent",
    )
    received_on = models.DateField("收到日期", db_index=True)
    channel = models.CharField("收件渠道", max_length=16, choices=Channel.choices, default=Channel.IN_PERSON)
    version = models.PositiveIntegerField("版本", default=1)
    submit_token = models.UUIDField("提交令牌", unique=True, null=True, blank=True)
    closed_on = models.DateField("结案日期", null=True, blank=True, db_index=True)
    outcome = models.CharField("结果", max_length=32, blank=True, db_index=True)
    extra = models.JSONField("案件类型专有数据", default=dict, blank=True)

    class Meta:
        verbose_name = "案件"
        verbose_name_plural = "案件"
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["docket", "case_number"], name="case_number_unique_per_docket"),
            models.UniqueConstraint(fields=["docket", "number_year", "number_seq"], name="case_seq_unique"),
        ]
        indexes = [
            models.Index(fields=["docket", "handling_unit", "state", "-received_on"], name="case_list_idx"),
            models.Index(fields=["docket", "closed_on"], name="case_closed_idx"),
        ]

    def __str__(self) -> str:
        return self.case_number

    @classmethod
    def from_db(cls, db: Any, field_names: Any, values: Any) -> Case:
        obj = super().from_db(db, field_names, values)
        obj._loaded_state = obj.__dict__.get("state")
        return obj

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Only a transition's service (through cases.services.case_transition_apply) may change the state.
        loaded = getattr(self, "_loaded_state", None)
        if (
            self.pk is not None
            and loaded is not None
            and self.state != loaded
            and not getattr(self, "_transition_in_progress", False)
        ):
            raise StateChangeForbiddenError(f"案件状态只能经由流转服务修改（{loaded} → {self.state}）")
        super().save(*args, **kwargs)
        self._loaded_state = self.state

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        from .registry import docket_get

        return reverse(docket_get(self.docket).detail_url_name, args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None


class CaseNumberCounter(models.Model):
    """One row per docket + year, locked (select_for_update) while a number is taken: no gaps, no duplicates."""

    docket = models.CharField(max_length=32)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["docket", "year"], name="case_counter_unique")]


class CaseNumberPattern(TimeStampedModel):
    """Per-docket number pattern, editable: placeholders {year} {seq} (or {seq:04d})."""

    docket = models.CharField("案件类型", max_length=32, unique=True)
    pattern = models.CharField("案号格式", max_length=64, help_text="如 示政复〔{year}〕{seq}号")

    class Meta:
        verbose_name = "案号格式"
        verbose_name_plural = "案号格式"

    def __str__(self) -> str:
        return f"{self.docket}: {self.pattern}"


class PartyRole(models.TextChoices):
    APPLICANT = "applicant", "申请人/原告"
    RESPONDENT = "respondent", "被申请人/被告"
    THIRD_PARTY = "third_party", "第三人"
    AGENT = "agent", "代理人"


class PartyKind(models.TextChoices):
    PERSON = "person", "自然人"
    ORGANISATION = "organisation", "法人或其他组织"


class Party(TimeStampedModel):
    """A party. A natural person's name, ID number, phone and address are encrypted (SM4) with blind indexes."""

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.CASCADE, related_name="parties")
    role = models.CharField("身份", max_length=16, choices=PartyRole.choices)
    kind = models.CharField("类型", max_length=16, choices=PartyKind.choices, default=PartyKind.PERSON)
    name = EncryptedTextField("姓名/名称")
    name_index = models.CharField(max_length=64, blank=True, default="", db_index=True, editable=False)
    id_number = EncryptedTextField("身份证号码", blank=True, default="")
    id_number_index = models.CharField(max_length=64, blank=True, default="", db_index=True, editable=False)
    phone = EncryptedTextField("联系电话", blank=True, default="")
    phone_index = models.CharField(max_length=64, blank=True, default="", db_index=True, editable=False)
    address = EncryptedTextField("住址/通讯地址", blank=True, default="")
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    unit = models.ForeignKey(
        "orgs.Unit", verbose_name="对应单位", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    represents = models.ForeignKey(
        "self", verbose_name="代理对象", null=True, blank=True, on_delete=models.CASCADE, related_name="agents"
    )

    class Meta:
        verbose_name = "当事人"
        verbose_name_plural = "当事人"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.masked_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.indexes_set()
        super().save(*args, **kwargs)

    def indexes_set(self) -> None:
        """The blind indexes of the encrypted fields (save() sets them; a bulk write calls this itself)."""
        self.name_index = blind_index(self.name, "party.name") if self.name else ""
        self.id_number_index = blind_index(self.id_number, "party.id_number") if self.id_number else ""
        self.phone_index = blind_index(self.phone, "party.phone") if self.phone else ""

    @property
    def is_person(self) -> bool:
        return self.kind == PartyKind.PERSON

    @property
    def masked_name(self) -> str:
        return mask_name(self.name) if self.is_person else self.name

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)

    @property
    def masked_address(self) -> str:
        """A natural person's address shows its first three characters (示范市****); an organisation's in full."""
        if not self.address or not self.is_person:
            return self.address
        return self.address[:3] + "****"


class AttachmentKind(models.TextChoices):
    """What a piece of the electronic case file (电子卷宗) is. A docket lists the kinds it uses (DocketSpec)."""

    APPLICATION = "application", "申请材料"
    IDENTITY = "identity", "身份证明"
    CORRECTION = "correction", "补正材料"
    REPLY = "reply", "答复书"
    EVIDENCE = "evidence", "证据"
    HEARING_RECORD = "hearing_record", "听证笔录"
    DECISION = "decision", "决定书"
    SERVICE_RECEIPT = "service_receipt", "送达回证"
    COMPLAINT = "complaint", "起诉状"
    DEFENCE = "defence", "答辩状"
    JUDGMENT = "judgment", "判决书"
    MEDIATION_RECORD = "mediation_record", "调解记录"  # 人民调解法 第二十七条
    AGREEMENT = "agreement", "调解协议书"  # 人民调解法 第二十九条 (the signed, sealed copy)
    RULING = "ruling", "裁定书"  # e.g. 司法确认 (人民调解法 第三十三条)
    OTHER = "other", "其他材料"


class Attachment(TimeStampedModel):
    """One item of the case file: its kind, who added it and when (`uploaded_by`, `created_at`), at which step."""

    DOWNLOAD_KIND = "cases.attachment"

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField("材料类型", max_length=24, choices=AttachmentKind.choices, default=AttachmentKind.OTHER)
    step = models.CharField("办理环节", max_length=48, blank=True)  # the transition code it came with ("" = added)
    label = models.CharField("材料名称", max_length=200)
    file = models.FileField("文件", upload_to="cases/%Y/%m/")
    original_name = models.CharField("原文件名", max_length=255)
    size = models.PositiveIntegerField("大小")
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_public = models.BooleanField("申请人提交", default=False)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.label

    @property
    def download_url(self) -> str:
        return reverse("cases:attachment_download", args=[download_key(self.DOWNLOAD_KIND, self.pk)])


class CaseEvent(models.Model):
    """One line of the case timeline: what happened, on which legal date, by whom; `public` lines show on the portal."""

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事件", max_length=48)
    label = models.CharField("说明", max_length=200)
    occurred_on = models.DateField("日期")
    at = models.DateTimeField("记录时间", auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    public = models.BooleanField("对申请人可见", default=False)
    detail = models.JSONField("详情", default=dict, blank=True)

    class Meta:
        verbose_name = "案件事件"
        verbose_name_plural = "案件事件"
        ordering = ["occurred_on", "id"]
        indexes = [models.Index(fields=["case", "occurred_on", "id"])]

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.label}"


class DocumentTemplate(TimeStampedModel):
    """An editable document template (text with {{占位符}}), seeded from the docket spec's defaults."""

    docket = models.CharField("案件类型", max_length=32)
    code = models.CharField("文书编码", max_length=48)
    title = models.CharField("文书标题", max_length=100)
    issuer = models.CharField(
        "发文机关",
        max_length=100,
        blank=True,
        help_text="落款的机关（{{发文机关}}），如 示范市人民政府；留空则为承办单位",
    )
    body = models.TextField("正文模板", help_text="每段一行；{{案号}} 等占位符在生成时替换")
    version = models.PositiveIntegerField("版本", default=1)

    class Meta:
        verbose_name = "文书模板"
        verbose_name_plural = "文书模板"
        ordering = ["docket", "code"]
        constraints = [models.UniqueConstraint(fields=["docket", "code"], name="doc_template_unique")]

    def __str__(self) -> str:
        return self.title


class CaseDocument(TimeStampedModel):
    DOWNLOAD_KIND = "cases.document"

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.CASCADE, related_name="documents")
    template_code = models.CharField("文书编码", max_length=48)
    title = models.CharField("文书标题", max_length=100)
    file = models.FileField("文件", upload_to="case_documents/%Y/%m/")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="生成人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "案件文书"
        verbose_name_plural = "案件文书"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title

    @property
    def download_url(self) -> str:
        return reverse("cases:document_download", args=[download_key(self.DOWNLOAD_KIND, self.pk)])


class DocketStamp(models.Model):
    """A token per docket that changes, in the same transaction, with every write to one of its cases
    (cases/signals.py). Case lists are kept per process under it (cases/listing.py), so no list is ever served from
    before a change that has committed."""

    docket = models.CharField("案件类型", max_length=32, primary_key=True)
    token = models.CharField("数据版本", max_length=32)

    class Meta:
        verbose_name = "案件数据版本"
        verbose_name_plural = "案件数据版本"


def new_submit_token() -> uuid.UUID:
    return uuid.uuid4()


class Handover(models.Model):
    """A matter handed from a source record to another docket as a new case (fazhi/cases/handover.py): the source
    — a case (`source_case`) or a registered kind (`source_kind`, e.g. a 12348 call) — and the case it became. One
    per source and docket: handing the same source to the same docket again gives this case."""

    source_kind = models.CharField("来源类型", max_length=48)  # "case" or a registered source kind
    source_id = models.PositiveBigIntegerField("来源记录")
    source_label = models.CharField("来源", max_length=200)
    source_case = models.ForeignKey(
        Case, verbose_name="来源案件", null=True, blank=True, on_delete=models.PROTECT, related_name="handovers_out"
    )
    docket = models.CharField("转入案件类型", max_length=32)
    case = models.ForeignKey(Case, verbose_name="转入案件", on_delete=models.PROTECT, related_name="handovers_in")
    on = models.DateField("移交日期")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="经办人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField("移交说明", max_length=300, blank=True, default="")
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "案件移交"
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["source_kind", "source_id", "docket"], name="case_handover_once"),
        ]
        indexes = [models.Index(fields=["source_kind", "source_id"], name="case_handover_source")]

    def __str__(self) -> str:
        return f"{self.source_label} → {self.docket}"
