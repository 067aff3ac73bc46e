"""Units (单位), unit groups (单位组), users, roles with action codes and data scopes (数据权限)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q

from fazhi.core.crypto import blind_index
from fazhi.core.models import TimeStampedModel, VersionedModel
from fazhi.core.pii import EncryptedTextField


class UnitKind(models.TextChoices):
    GOVERNMENT = "government", "人民政府"
    DEPARTMENT = "department", "政府工作部门"
    PARTY = "party", "党委及其工作机关"
    CONGRESS = "congress", "人大"
    CPPCC = "cppcc", "政协"
    COURT = "court", "法院"
    PROCURATORATE = "procuratorate", "检察院"
    INSTITUTION = "institution", "事业单位"
    VILLAGE = "village", "村（居）委会"
    OTHER = "other", "其他"


class UnitLevel(models.TextChoices):
    PROVINCE = "province", "省级"
    CITY = "city", "市级"
    COUNTY = "county", "县（区）级"
    TOWN = "town", "乡镇（街道）级"
    VILLAGE = "village", "村（居）级"


class Unit(VersionedModel):
    """One node of the unit tree. `path` (ancestor ids joined by '/') makes "unit and below" one indexed prefix query."""

    parent = models.ForeignKey(
        "self", verbose_name="上级单位", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    code = models.CharField("单位编码", max_length=32, unique=True)
    name = models.CharField("单位全称", max_length=200, unique=True)
    short_name = models.CharField("简称", max_length=100, blank=True)
    kind = models.CharField("单位类型", max_length=20, choices=UnitKind.choices)
    level = models.CharField("层级", max_length=10, choices=UnitLevel.choices)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    division_code = models.CharField("行政区划代码", max_length=12, blank=True)
    is_enforcement_agency = models.BooleanField("行政执法部门", default=False)
    sort_order = models.IntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)
    path = models.CharField("树路径", max_length=400, db_index=True, editable=False, default="")

    class Meta:
        verbose_name = "单位"
        verbose_name_plural = "单位"
        ordering = ["path", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"], condition=~Q(credit_code=""), name="unit_credit_code_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def descendants_q(self, prefix: str = "") -> Q:
        return Q(**{f"{prefix}path__startswith": self.path})


class UnitAlias(models.Model):
    """Any other name a unit goes by in documents (市中法, 市发改委 …). Names are unique across units and groups."""

    unit = models.ForeignKey(Unit, verbose_name="单位", on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField("别名", max_length=200, unique=True)
    source = models.CharField("来源", max_length=20, default="manual")

    class Meta:
        verbose_name = "单位别名"
        verbose_name_plural = "单位别名"

    def __str__(self) -> str:
        return self.name


class UnitGroup(TimeStampedModel):
    """A collective name (市直各单位, 各区人民政府 …) that stands for a set of units."""

    code = models.CharField("分组编码", max_length=32, unique=True)
    name = models.CharField("分组名称", max_length=100, unique=True)
    aliases = models.JSONField("其他写法", default=list, blank=True)
    members = models.ManyToManyField(Unit, verbose_name="成员单位", related_name="groups", blank=True)
    description = models.CharField("说明", max_length=300, blank=True)

    class Meta:
        verbose_name = "单位分组"
        verbose_name_plural = "单位分组"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class DataScope(models.TextChoices):
    ALL = "all", "全部数据"
    UNIT = "unit", "本单位"
    UNIT_AND_BELOW = "unit_and_below", "本单位及下级"
    SELF = "self", "仅本人"
    CUSTOM = "custom", "自定义单位"


class AdminKind(models.TextChoices):
    """三员分立 (等保 访问控制 d): no account may hold two of these."""

    NONE = "", "非管理员"
    SYSTEM = "system", "系统管理员"
    SECURITY = "security", "安全管理员"
    AUDIT = "audit", "审计管理员"


class Role(VersionedModel):
    code = models.CharField("角色编码", max_length=50, unique=True)
    name = models.CharField("角色名称", max_length=50, unique=True)
    actions = models.JSONField("功能权限", default=list, blank=True, help_text="菜单、按钮与接口权限编码")
    data_scope = models.CharField("数据范围", max_length=20, choices=DataScope.choices, default=DataScope.UNIT)
    custom_units = models.ManyToManyField(Unit, verbose_name="自定义单位", blank=True, related_name="+")
    admin_kind = models.CharField("三员类型", max_length=10, choices=AdminKind.choices, blank=True, default="")
    requires_otp = models.BooleanField("要求动态口令", default=False)
    is_builtin = models.BooleanField("内置角色", default=False)
    description = models.CharField("说明", max_length=300, blank=True)

    class Meta:
        verbose_name = "角色"
        verbose_name_plural = "角色"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class FazhiUserManager(UserManager["User"]):
    pass


class User(AbstractUser):
    """A person with an account. Belongs to one unit; roles give actions and data scope (union over roles)."""

    full_name = models.CharField("姓名", max_length=50, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name="所属单位", null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    roles = models.ManyToManyField(Role, verbose_name="角色", blank=True, related_name="users")
    mobile = EncryptedTextField("手机号", blank=True, default="")
    mobile_index = models.CharField("手机号索引", max_length=64, blank=True, default="", db_index=True, editable=False)
    is_liaison = models.BooleanField("单位联络员", default=False)
    must_change_password = models.BooleanField("首次登录须修改密码", default=True)
    password_changed_at = models.DateTimeField("密码修改时间", null=True, blank=True)
    failed_logins = models.PositiveIntegerField("连续失败次数", default=0)
    locked_until = models.DateTimeField("锁定至", null=True, blank=True)
    version = models.PositiveIntegerField("版本", default=1)

    objects = FazhiUserManager()

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.full_name or self.username

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The blind index follows the value: equality search on phone numbers without decrypting (core/crypto.py).
        self.mobile_index = blind_index(self.mobile, "user.mobile") if self.mobile else ""
        if kwargs.get("update_fields") is not None and "mobile" in kwargs["update_fields"]:
            kwargs["update_fields"] = [*kwargs["update_fields"], "mobile_index"]
        super().save(*args, **kwargs)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._grants_cache: Any = None


class GrantsStamp(models.Model):
    """One row whose token changes, in the same transaction, whenever anything a user's grants are computed from
    changes (a role, who holds it, its custom units, the unit tree and its names). The signed-in user is loaded together with the
    token (orgs/backends.py), so each web process may keep computed grants between requests and still never use them
    after such a change (orgs/scopes.py). A token, not a counter: a rolled-back change can never make an old key
    valid again."""

    token = models.CharField("权限版本", max_length=32)

    class Meta:
        verbose_name = "权限版本"
        verbose_name_plural = "权限版本"
