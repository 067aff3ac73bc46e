"""Integration accounts (接口账号) and their API keys (接口密钥): how other systems sign in to the API.

An account says what a system may do: its owning unit, the actions it may use, its data scope, the addresses it may
call from and until when. A key is a random secret shown once; only its lookup prefix and a keyed HMAC-SM3 digest are
stored (fazhi/api/keys.py). A key's rights are its account's, never more.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.core.models import TimeStampedModel, VersionedModel


class AccountScope(models.TextChoices):
    """The data scopes an account may have (no 仅本人: a system is nobody's own)."""

    ALL = "all", "全部数据"
    UNIT = "unit", "本单位"
    UNIT_AND_BELOW = "unit_and_below", "本单位及下级"
    CUSTOM = "custom", "自定义单位"


class IntegrationAccount(VersionedModel):
    name = models.CharField("名称", max_length=100, unique=True)
    unit = models.ForeignKey(
        "orgs.Unit", verbose_name="所属单位", on_delete=models.PROTECT, related_name="integration_accounts"
    )
    actions = models.JSONField("允许的接口权限", default=list, blank=True)
    data_scope = models.CharField("数据范围", max_length=20, choices=AccountScope.choices, default=AccountScope.UNIT)
    custom_units = models.ManyToManyField("orgs.Unit", verbose_name="自定义单位", blank=True, related_name="+")
    allowed_networks = models.JSONField("允许的来源地址", default=list, blank=True, help_text="IP 地址或网段（CIDR）")
    expires_on = models.DateField("有效期至", null=True, blank=True)
    is_active = models.BooleanField("启用", default=True)
    # The actor recorded for everything the account does: an orgs.User row that is never active, so it can never
    # sign in; the API marks it active in memory for one request, with grants computed from the account.
    actor = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="操作人账号", on_delete=models.PROTECT, related_name="integration"
    )
    description = models.CharField("用途说明", max_length=300, blank=True)

    class Meta:
        verbose_name = "接口账号"
        verbose_name_plural = "接口账号"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class ApiKey(TimeStampedModel):
    account = models.ForeignKey(
        IntegrationAccount, verbose_name="接口账号", on_delete=models.CASCADE, related_name="keys"
    )
    prefix = models.CharField("密钥前缀", max_length=16, unique=True)
    digest = models.CharField("密钥摘要", max_length=64)
    label = models.CharField("备注", max_length=100, blank=True)
    expires_at = models.DateTimeField("失效时间", null=True, blank=True)
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="签发人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    replaces = models.OneToOneField(
        "self", verbose_name="轮换自", null=True, blank=True, on_delete=models.SET_NULL, related_name="replaced_by"
    )
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)

    class Meta:
        verbose_name = "接口密钥"
        verbose_name_plural = "接口密钥"
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.account.name} fzk_{self.prefix}…"


class IdempotencyRecord(models.Model):
    """What a client-supplied idempotency key (header `Idempotency-Key`, or the source system's id) was first used
    for: the request's fingerprint, so the same key with a different body is refused instead of silently answered
    with the first record. The record itself is made once by the service (its unique `submit_token`)."""

    token = models.UUIDField("幂等令牌", unique=True)
    operation = models.CharField("接口", max_length=100)
    fingerprint = models.CharField("请求摘要", max_length=64)
    object_id = models.CharField("记录", max_length=64, blank=True)
    created_at = models.DateTimeField("首次使用", auto_now_add=True, db_index=True)  # the daily purge's range

    class Meta:
        verbose_name = "幂等记录"
        verbose_name_plural = "幂等记录"
