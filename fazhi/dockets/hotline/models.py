"""The 12345 category tree (诉求分类) with the responsible unit per category and area (派单目录): data the centre edits
(tree.py, audited). An arriving order is proposed — or, with FAZHI_HOTLINE AUTO_DISPATCH, dispatched — to the unit
the tree names for its category and area (the most specific route: the category's own area, its any-area route,
then its parent's). Until a tree is built the flat setting FAZHI_HOTLINE CATEGORIES is the list (codes.categories)."""

from __future__ import annotations

from django.db import models

from fazhi.core.models import VersionedModel


class HotlineCategory(VersionedModel):
    code = models.CharField("分类代码", max_length=50, unique=True)
    name = models.CharField("分类名称", max_length=100)
    parent = models.ForeignKey(
        "self", verbose_name="上级分类", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    position = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        ordering = ("position", "code")
        verbose_name = "12345诉求分类"

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"


class HotlineRoute(models.Model):
    """The unit responsible for a category in an area ("" = any area not listed)."""

    category = models.ForeignKey(HotlineCategory, on_delete=models.CASCADE, related_name="routes")
    area = models.CharField("区域", max_length=100, blank=True, default="")
    unit = models.ForeignKey("orgs.Unit", verbose_name="承办单位", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("category", "area")
        constraints = [models.UniqueConstraint(fields=("category", "area"), name="hotline_route_category_area")]
        verbose_name = "12345派单目录"

    def __str__(self) -> str:
        return f"{self.category.code}/{self.area or '*'} → {self.unit_id}"
