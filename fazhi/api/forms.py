"""HTML input for the integration-account pages (the services validate again and name the field)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from fazhi.core.actions import action_label
from fazhi.core.forms import long_text
from fazhi.orgs.forms_admin import TreeUnitChoiceField, TreeUnitMultipleChoiceField
from fazhi.orgs.models import Unit

from .catalogue import api_action_codes
from .models import AccountScope
from .services import ROTATION_GRACE_CHOICES


class AccountForm(forms.Form):
    name = forms.CharField(label="名称", max_length=100, help_text="如：省行政复议平台、12345 热线系统")
    unit = TreeUnitChoiceField(label="所属单位", queryset=Unit.objects.none())
    actions = forms.MultipleChoiceField(
        label="允许的接口权限",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="密钥的权限不超过这里所选",
    )
    data_scope = forms.ChoiceField(label="数据范围", choices=AccountScope.choices)
    custom_units = TreeUnitMultipleChoiceField(
        label="自定义单位",
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="数据范围为“自定义单位”时生效",
    )
    allowed_networks = long_text(
        "允许的来源地址", max_length=2000, help_text="每行一个 IP 地址或网段，如 10.20.0.0/16；其他地址的请求一律拒绝。"
    )
    expires_on = forms.DateField(label="有效期至", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    is_active = forms.BooleanField(label="启用", required=False, initial=True)
    description = forms.CharField(label="用途说明", max_length=300, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(is_active=True).order_by("path")
        self.fields["unit"].queryset = units
        self.fields["custom_units"].queryset = units
        self.fields["actions"].choices = [(c, f"{action_label(c)}（{c}）") for c in api_action_codes()]

    def clean_allowed_networks(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["allowed_networks"].splitlines() if line.strip()]


class KeyIssueForm(forms.Form):
    label = forms.CharField(label="备注", max_length=100, required=False, help_text="如：生产环境、测试环境")
    expires_on = forms.DateField(
        label="失效日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="不填则随接口账号有效期",
    )

    def clean_expires_on(self) -> dt.datetime | None:
        day = self.cleaned_data.get("expires_on")
        if day is None:
            return None
        if day <= timezone.localdate():
            raise forms.ValidationError("失效日期应晚于今天。")
        return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


class KeyRotateForm(forms.Form):
    grace_hours = forms.TypedChoiceField(
        label="旧密钥过渡期",
        coerce=int,
        choices=[(h, {0: "立即失效", 1: "1 小时", 24: "24 小时", 168: "7 天"}[h]) for h in ROTATION_GRACE_CHOICES],
        initial=24,
    )
