"""The 人民调解 organisations: committees (人民调解委员会, attached to a unit of the tree — a town, a village
committee, a department for a sector committee) and their mediators. A case's handling unit is its committee's
unit, so the kernel's data scope gives "a committee sees its own cases, the 司法所 its town's committees"."""

from __future__ import annotations

from django.db import models

from fazhi.core.models import VersionedModel
from fazhi.core.pii import EncryptedTextField, mask_name, mask_phone

from .codes import COMMITTEE_KINDS, MEDIATOR_KINDS, SECTORS


class Committee(VersionedModel):
    unit = models.ForeignKey(
        "orgs.Unit", verbose_name="所在单位", on_delete=models.PROTECT, related_name="mediation_committees"
    )
    name = models.CharField("名称", max_length=200, unique=True)
    kind = models.CharField("类型", max_length=16, choices=COMMITTEE_KINDS)
    sector = models.CharField("行业领域", max_length=16, choices=SECTORS, blank=True, default="")
    is_active = models.BooleanField("在用", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "人民调解委员会"
        ordering = ("unit__path", "name")

    def __str__(self) -> str:
        return self.name


class Mediator(VersionedModel):
    committee = models.ForeignKey(
        Committee, verbose_name="所属调解委员会", on_delete=models.PROTECT, related_name="mediators"
    )
    name = models.CharField("姓名", max_length=50)
    kind = models.CharField("专职/兼职", max_length=16, choices=MEDIATOR_KINDS)
    specialities = models.CharField("擅长领域", max_length=200, blank=True, default="")
    phone = EncryptedTextField("联系电话", blank=True, default="")  # personal data: shown masked
    training = models.TextField("培训记录", blank=True, default="")  # one line per training: date, subject, hours
    is_active = models.BooleanField("在册", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "人民调解员"
        ordering = ("committee", "name")
        constraints = [models.UniqueConstraint(fields=("committee", "name"), name="mediation_mediator_unique_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)

    @property
    def masked_name(self) -> str:
        return mask_name(self.name)


class HotlineCall(models.Model):
    """One 12348 公共法律服务热线 consultation (issue 17 §2: a fast log that stays usable at hotline volume): when, how
    long, the topic, what was asked and answered, and whether the matter was transferred and where to (the hand-over
    into an intake on a docket, carrying the call over, is the kernel's hand-over — not built yet). No caller identity is required (most callers stay anonymous);
    a phone given for a call-back is personal data, stored encrypted and shown masked. Append-only: a wrong entry is
    corrected by a new one, so the log never changes under a count."""

    unit = models.ForeignKey("orgs.Unit", verbose_name="接听单位", on_delete=models.PROTECT, related_name="+")
    operator = models.ForeignKey(
        "orgs.User", verbose_name="接听人", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_at = models.DateTimeField("来电时间")
    duration_seconds = models.PositiveIntegerField("通话时长（秒）")
    topic = models.CharField("咨询类别", max_length=16)
    question = models.CharField("咨询问题", max_length=500)
    answer = models.CharField("解答要点", max_length=1000)
    transferred = models.BooleanField("转办", default=False)
    transferred_to = models.CharField("转办去向", max_length=200, blank=True, default="")
    callback_phone = EncryptedTextField("回访电话", blank=True, default="")  # personal data: shown masked
    submit_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "12348热线咨询记录"
        indexes = [
            # the log page: newest first within the viewer's units, keyset-paged (unit, received_at, id)
            models.Index(fields=("unit", "-received_at", "-id"), name="mediation_hotline_unit_time"),
            models.Index(fields=("-received_at", "-id"), name="mediation_hotline_time"),
        ]

    def __str__(self) -> str:
        return f"12348咨询 {self.received_at:%Y-%m-%d %H:%M}"

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.callback_phone)
