"""HTML input for the administration pages (units, groups, users, roles). Validation of input only: the rules
(三员分立, name clashes, versions) live in services.py and come back as DomainError, which `form_add_error` places
next to the field it concerns."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError

from fazhi.core.actions import ACTIONS
from fazhi.core.errors import DomainError
from fazhi.core.forms import long_text
from fazhi.core.validators import validate_credit_code, validate_division_code, validate_phone

from .models import DataScope, Role, Unit, UnitKind, UnitLevel
from .widgets import UnitChoiceField, UnitMultipleChoiceField

ALIAS_SPLIT = re.compile(r"[、,，;；\n\r]+")


def split_names(value: str) -> list[str]:
    """'市中院、市中法' → ['市中院', '市中法'] (顿号, commas, semicolons or new lines)."""
    return [v.strip() for v in ALIAS_SPLIT.split(value or "") if v.strip()]


def form_add_error(form: forms.Form, exc: DomainError | ValidationError) -> None:
    """Show a service's refusal next to its field (or above the form when it names none / an absent field)."""
    if isinstance(exc, DomainError):
        field = exc.field if exc.field in form.fields else None
        form.add_error(field, exc.message)
        return
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for e in errors:
                form.add_error(field if field in form.fields else None, e)
    else:
        form.add_error(None, exc)


class TreeUnitChoiceField(UnitChoiceField):
    """The unit picker with labels indented by tree depth."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, tree=True, **kwargs)


class TreeUnitMultipleChoiceField(UnitMultipleChoiceField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, tree=True, **kwargs)


class UnitForm(forms.Form):
    code = forms.CharField(label="单位编码", max_length=32)
    name = forms.CharField(label="单位全称", max_length=200)
    short_name = forms.CharField(label="简称", max_length=100, required=False)
    aliases = long_text(
        "别名", rows=2, required=False, help_text="文件中出现的其他写法，多个用顿号或换行分隔，如：市中院、市中法。"
    )
    parent = TreeUnitChoiceField(
        label="上级单位", queryset=Unit.objects.none(), required=False, empty_label="（无，顶级单位）"
    )
    kind = forms.ChoiceField(label="单位类型", choices=UnitKind.choices)
    level = forms.ChoiceField(label="层级", choices=UnitLevel.choices)
    credit_code = forms.CharField(label="统一社会信用代码", max_length=18, required=False)
    division_code = forms.CharField(label="行政区划代码", max_length=12, required=False)
    is_enforcement_agency = forms.BooleanField(label="行政执法部门", required=False)
    sort_order = forms.IntegerField(label="排序", initial=0, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, parents: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents if parents is not None else Unit.objects.filter(is_active=True)

    def clean_credit_code(self) -> str:
        value = self.cleaned_data.get("credit_code", "")
        return validate_credit_code(value) if value.strip() else ""

    def clean_division_code(self) -> str:
        value = self.cleaned_data.get("division_code", "")
        return validate_division_code(value) if value.strip() else ""

    def clean_aliases(self) -> list[str]:
        return split_names(self.cleaned_data.get("aliases", ""))

    def clean_sort_order(self) -> int:
        return self.cleaned_data.get("sort_order") or 0

    def unit_fields(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            k: d[k]
            for k in (
                "code",
                "name",
                "short_name",
                "kind",
                "level",
                "credit_code",
                "division_code",
                "is_enforcement_agency",
                "sort_order",
            )
        }


class UnitImportForm(forms.Form):
    file = forms.FileField(label="Excel文件", help_text="请使用下载的模板填写，仅支持 .xlsx")


class UnitGroupForm(forms.Form):
    code = forms.CharField(label="分组编码", max_length=32)
    name = forms.CharField(label="分组名称", max_length=100)
    aliases = long_text("其他写法", rows=2, required=False, help_text="多个用顿号或换行分隔；全角、半角括号视为相同。")
    description = forms.CharField(label="说明", max_length=300, required=False)
    members = TreeUnitMultipleChoiceField(
        label="成员单位", queryset=Unit.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = Unit.objects.filter(is_active=True).order_by("path")

    def clean_aliases(self) -> list[str]:
        return split_names(self.cleaned_data.get("aliases", ""))


def _clean_mobile(value: str) -> str:
    return validate_phone(value) if (value or "").strip() else ""


class UserCreateForm(forms.Form):
    username = forms.RegexField(
        label="账号",
        max_length=150,
        regex=r"^[A-Za-z0-9_.@-]+$",
        error_messages={"invalid": "账号只能包含字母、数字和 _ . @ -。"},
    )
    full_name = forms.CharField(label="姓名", max_length=50)
    unit = TreeUnitChoiceField(label="所属单位", queryset=Unit.objects.none())
    mobile = forms.CharField(label="手机号", max_length=20, required=False)
    is_liaison = forms.BooleanField(label="单位联络员", required=False)
    password = forms.CharField(
        label="初始密码",
        strip=False,
        widget=forms.PasswordInput(render_value=False),
        help_text="用户首次登录时须修改密码",
    )
    roles = forms.ModelMultipleChoiceField(
        label="角色", queryset=Role.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, units: Any, roles: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if roles is None:
            del self.fields["roles"]  # only the holder of role management grants roles (三员分立)
        else:
            self.fields["roles"].queryset = roles

    def clean_mobile(self) -> str:
        return _clean_mobile(self.cleaned_data.get("mobile", ""))


class UserEditForm(forms.Form):
    full_name = forms.CharField(label="姓名", max_length=50)
    unit = TreeUnitChoiceField(label="所属单位", queryset=Unit.objects.none())
    mobile = forms.CharField(label="手机号", max_length=20, required=False, help_text="留空表示不修改")
    clear_mobile = forms.BooleanField(label="清除手机号", required=False)
    is_liaison = forms.BooleanField(label="单位联络员", required=False)
    is_active = forms.BooleanField(label="启用", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def clean_mobile(self) -> str:
        return _clean_mobile(self.cleaned_data.get("mobile", ""))


class UserRolesForm(forms.Form):
    roles = forms.ModelMultipleChoiceField(
        label="角色",
        queryset=Role.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="三员分立：系统管理员、安全管理员、审计管理员不能由同一账号兼任",
    )

    def __init__(self, *args: Any, roles: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["roles"].queryset = roles


class PasswordResetForm(forms.Form):
    password = forms.CharField(
        label="新的初始密码", strip=False, widget=forms.PasswordInput, help_text="用户下次登录时须修改密码"
    )


def module_label(module: str) -> str:
    try:
        return str(apps.get_app_config(module.split(".")[-1]).verbose_name)
    except LookupError:
        return module


def action_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The action catalogue grouped by module, for a grouped checkbox list."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for a in sorted(ACTIONS.values(), key=lambda a: (a.module, a.code)):
        kind = {"menu": "菜单", "button": "按钮", "api": "接口"}.get(a.kind, a.kind)
        groups.setdefault(module_label(a.module), []).append((a.code, f"{a.label}（{kind}）"))
    return list(groups.items())


class RoleForm(forms.Form):
    code = forms.RegexField(
        label="角色编码",
        max_length=50,
        regex=r"^[a-z][a-z0-9_]*$",
        error_messages={"invalid": "角色编码只能包含小写字母、数字和下划线，以字母开头。"},
    )
    name = forms.CharField(label="角色名称", max_length=50)
    description = forms.CharField(label="说明", max_length=300, required=False)
    data_scope = forms.ChoiceField(label="数据范围", choices=DataScope.choices)
    custom_units = TreeUnitMultipleChoiceField(
        label="自定义单位",
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="数据范围为“自定义单位”时生效",
    )
    requires_otp = forms.BooleanField(label="要求动态口令", required=False, help_text="三员角色始终要求动态口令")
    actions = forms.MultipleChoiceField(label="功能权限", required=False, widget=forms.CheckboxSelectMultiple)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, builtin: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actions"].choices = action_choices()
        self.fields["custom_units"].queryset = Unit.objects.filter(is_active=True).order_by("path")
        if builtin:
            self.fields["code"].disabled = True

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("data_scope") == DataScope.CUSTOM and not data.get("custom_units"):
            self.add_error("custom_units", "数据范围为“自定义单位”时，请至少选择一个单位。")
        return data
