"""The audit trail: append-only, hash-chained rows (等保 安全审计 a–d; 密评 8.4 g).

Each row's hash covers its own fields and the previous row's hash, so changing or deleting any row breaks the chain
at that row (`fazhi audit verify`). The application never updates or deletes rows; on PostgreSQL a trigger refuses
UPDATE and DELETE too, except the retention purge (migration 0002).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class AuditRowImmutableError(Exception):
    pass


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise AuditRowImmutableError("审计记录不可修改")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditRowImmutableError("审计记录不可删除")

    def for_timeline(self) -> AuditQuerySet:
        """Rows as a record's 办理记录 shows them: with the person (``actor_display``) in the same query."""
        return self.select_related("actor")


# Actors that are not people: what a timeline says instead of the account string the audit log keeps.
SYSTEM_ACTORS = {"fazhi demo": "演示数据", "system": "系统", "public": "公众", "": "系统"}


class AuditEvent(models.Model):
    class Result(models.TextChoices):
        SUCCESS = "success", "成功"
        FAILURE = "failure", "失败"
        DENIED = "denied", "拒绝"

    occurred_at = models.DateTimeField("时间", db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    actor_name = models.CharField("操作人账号", max_length=150, blank=True)
    unit_id_snapshot = models.BigIntegerField("单位ID", null=True, blank=True, db_index=True)
    unit_name = models.CharField("单位", max_length=200, blank=True)
    action = models.CharField("操作", max_length=100, db_index=True)
    object_type = models.CharField("对象类型", max_length=100, blank=True, db_index=True)
    object_id = models.CharField("对象ID", max_length=64, blank=True, db_index=True)
    object_repr = models.CharField("对象", max_length=300, blank=True)
    summary = models.JSONField("变更摘要", default=dict, blank=True)
    result = models.CharField("结果", max_length=10, choices=Result.choices, default=Result.SUCCESS)
    ip = models.CharField("IP", max_length=64, blank=True)
    user_agent = models.CharField("浏览器", max_length=400, blank=True)
    prev_hash = models.CharField("前一条摘要", max_length=64)
    hash = models.CharField("摘要", max_length=64, unique=True)
    algorithm = models.CharField("摘要算法", max_length=10)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = "审计日志"
        verbose_name_plural = "审计日志"
        ordering = ["-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "id"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M:%S} {self.actor_name} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AuditRowImmutableError("审计记录不可修改")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditRowImmutableError("审计记录不可删除")

    @property
    def actor_display(self) -> str:
        """The person's name for a timeline (issue #11 point 4); the audit log itself shows the account."""
        if self.actor_id is not None and self.actor is not None:
            return self.actor.full_name or self.actor.username
        return SYSTEM_ACTORS.get(self.actor_name, self.actor_name)


GENESIS = "0" * 64


class AuditChainHead(models.Model):
    """One row, locked while appending, so concurrent writers extend the chain one at a time. It names the last row
    and the retention anchor (the prev_hash the first row must carry: genesis, or the last row a lawful purge removed),
    under a MAC with the audit key: moving it after deleting rows needs that key (audit/verify.py)."""

    last_hash = models.CharField(max_length=64, default=GENESIS)
    last_id = models.BigIntegerField(default=0)
    anchor_hash = models.CharField("保留锚点", max_length=64, default=GENESIS)
    mac = models.CharField("链头签名", max_length=64, blank=True, default="")

    class Meta:
        verbose_name = "审计链头"


class LoginLog(models.Model):
    """登录日志: every attempt, successful or not (等保 安全审计 a). Also mirrored into the audit chain."""

    class Outcome(models.TextChoices):
        SUCCESS = "success", "成功"
        BAD_CREDENTIALS = "bad_credentials", "账号或密码错误"
        LOCKED = "locked", "账号已锁定"
        OTP_FAILED = "otp_failed", "动态口令错误"
        LOGOUT = "logout", "退出"
        TIMEOUT = "timeout", "会话超时"
        DISABLED = "disabled", "账号已停用"

    occurred_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    username = models.CharField("账号", max_length=150, db_index=True)
    user_id_snapshot = models.BigIntegerField(null=True, blank=True)
    outcome = models.CharField("结果", max_length=20, choices=Outcome.choices)
    ip = models.CharField("IP", max_length=64, blank=True)
    user_agent = models.CharField("浏览器", max_length=400, blank=True)

    class Meta:
        verbose_name = "登录日志"
        verbose_name_plural = "登录日志"
        ordering = ["-id"]


class KeyUse(models.Model):
    """One use of an API key (issue #14: "every use in the audit trail"). Written by `key_use_record` without taking
    the chain's head lock — one short insert, so systems calling with keys are not serialised behind one another — and
    sealed into the chain at most a minute later by one `audit.key_uses.sealed` row carrying the id range, the count
    and a keyed MAC over these rows (services.key_uses_seal, ADR 0012). Append-only like AuditEvent (and on
    PostgreSQL the same trigger refuses UPDATE and DELETE, except the retention purge)."""

    occurred_at = models.DateTimeField("时间", db_index=True)
    key_id = models.BigIntegerField("密钥ID", db_index=True)
    key_label = models.CharField("密钥", max_length=40)
    actor_id = models.BigIntegerField("接口账号用户ID", null=True, blank=True)
    actor_name = models.CharField("接口账号", max_length=150, blank=True)
    unit_id_snapshot = models.BigIntegerField("单位ID", null=True, blank=True)
    unit_name = models.CharField("单位", max_length=200, blank=True)
    method = models.CharField("方法", max_length=10)
    path = models.CharField("路径", max_length=300)
    status = models.PositiveSmallIntegerField("状态码")
    ip = models.CharField("IP", max_length=64, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = "接口密钥使用记录"
        verbose_name_plural = "接口密钥使用记录"
        ordering = ["-id"]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AuditRowImmutableError("审计记录不可修改")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditRowImmutableError("审计记录不可删除")
