"""Reads of integration accounts and keys (security administrator only)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from .models import ApiKey, IntegrationAccount
from .policies import IntegrationAccountPolicy


def accounts_visible_to(user: Any) -> QuerySet[IntegrationAccount]:
    return IntegrationAccountPolicy.visible(user, "view").select_related("unit").order_by("id")


def account_get_for(user: Any, pk: int, action: str = "view") -> IntegrationAccount:
    account = IntegrationAccountPolicy.visible(user, action).select_related("unit").filter(pk=pk).first()
    if account is None:
        raise Http404("接口账号不存在")
    return account


def key_get_for(user: Any, pk: int) -> ApiKey:
    key = ApiKey.objects.select_related("account__unit").filter(pk=pk).first()
    if key is None or not IntegrationAccountPolicy.can(user, "manage", key.account):
        raise Http404("密钥不存在")
    return key
