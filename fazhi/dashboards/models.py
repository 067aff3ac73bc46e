"""The district boundary file the map draws (区县界): the administrator's upload, checked on upload; the newest one in
use, else the demo sketch shipped in geo/demo-districts.geojson. The cockpit's figures are not stored here: they are
the metric registry's."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Boundary(models.Model):
    name = models.CharField("名称", max_length=200)
    file_name = models.CharField("文件名", max_length=255, blank=True)
    data = models.JSONField("GeoJSON")
    features = models.PositiveIntegerField("区域数")
    codes = models.JSONField("单位编码", default=list)
    active = models.BooleanField("使用中", default=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name="上传人"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    submit_token = models.UUIDField("提交令牌", null=True, blank=True, unique=True)

    class Meta:
        verbose_name = "区县界文件"
        verbose_name_plural = "区县界文件"
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.name
