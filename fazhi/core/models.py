"""Kernel model bases: timestamps and an optimistic version column for concurrent-edit detection."""

from __future__ import annotations

from django.db import models

from .errors import ConflictError


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(TimeStampedModel):
    """A row edited in forms: `version` is checked and bumped by `save_versioned`, never silently overwritten."""

    version = models.PositiveIntegerField("版本", default=1)

    class Meta:
        abstract = True

    def save_versioned(self, *, expected_version: int, update_fields: list[str]) -> None:
        """Write `update_fields` only if the row still has `expected_version`; raise ConflictError otherwise."""
        values = {f: getattr(self, f) for f in update_fields}
        updated = (
            type(self)
            ._default_manager.filter(pk=self.pk, version=expected_version)
            .update(version=expected_version + 1, **values)
        )
        if updated != 1:
            raise ConflictError()
        self.version = expected_version + 1


class RateWindow(models.Model):
    """How many times a key (e.g. "portal.apply:<IP>") was used in one fixed time slot (core/ratelimit.py). In the
    database, so every web process and server counts together."""

    bucket_key = models.CharField("限流键", max_length=200)
    slot = models.BigIntegerField("时间段起点（Unix 秒）", db_index=True)
    hits = models.PositiveIntegerField("次数", default=0)

    class Meta:
        verbose_name = "访问频次"
        verbose_name_plural = "访问频次"
        constraints = [models.UniqueConstraint(fields=["bucket_key", "slot"], name="rate_window_unique")]


class KeyCheck(models.Model):
    """A known-answer row for the personal-information key (core/keycheck.py): a fixed text encrypted, and its blind
    index, with the key in use when the server first started on this database. A server given another key refuses
    to serve instead of failing on every page that decrypts (issue #10 finding 13)."""

    provider = models.CharField("密钥提供方", max_length=200)
    ciphertext = models.TextField("已知答案密文")
    blind_index = models.CharField("已知答案盲索引", max_length=64)
    created_at = models.DateTimeField("写入时间", auto_now_add=True)

    class Meta:
        verbose_name = "密钥核验行"
        verbose_name_plural = "密钥核验行"


class DataStamp(models.Model):
    """A token per named dataset that changes, in the same transaction, with every write that changes what a kept read
    of it would show (core/stamps.py). A read kept in the `pages` cache under the token is never served from before a
    committed change (ADR 0006). The docket and board stamps (cases.DocketStamp, supervision.BoardStamp) predate it and
    are loaded with the signed-in user; new datasets use this one."""

    key = models.CharField("数据集", max_length=64, primary_key=True)
    token = models.CharField("数据版本", max_length=32)

    class Meta:
        verbose_name = "数据版本"
        verbose_name_plural = "数据版本"
