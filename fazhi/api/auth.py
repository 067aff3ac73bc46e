"""The two ways in: a system's key (`Authorization: Bearer fzk_…`) and a person's signed-in session (with the CSRF
token on writes, as the pages send it). Both end in a user object the policies understand; a key's user carries its
account's grants (principal.py). Anything else is refused with 401 before any endpoint runs."""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict
from typing import Any

from django.conf import settings
from django.db.models import Subquery
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer
from ninja.security.apikey import APIKeyCookie
from ninja.utils import check_csrf

from fazhi.audit.models import AuditEvent
from fazhi.audit.services import record_event
from fazhi.core.middleware import client_ip
from fazhi.orgs.auth import password_expired
from fazhi.orgs.models import GrantsStamp
from fazhi.orgs.scopes import grants_for

from .errors import ApiError, ApiErrorCode
from .events import ApiEvent
from .keys import key_matches, key_parse
from .limits import limit_check
from .models import ApiKey
from .principal import address_allowed, principal_for


def _refuse(request: HttpRequest, code: ApiErrorCode, message: str, prefix: str = "", status: int = 401) -> ApiError:
    record_event(
        actor=None,
        action=ApiEvent.KEY_REFUSED,
        object_type="api.apikey",
        object_id=prefix,
        summary={"reason": str(code), "method": request.method, "path": request.path[:200]},
        result=AuditEvent.Result.DENIED,
    )
    return ApiError(status, code, message, headers={"WWW-Authenticate": 'Bearer realm="fazhi"'})


def key_authenticate(request: HttpRequest, raw: str) -> Any:
    """The principal for a presented key, or ApiError: unknown, revoked, expired, account off, wrong address."""
    material = key_parse(raw)
    if material is None:
        raise _refuse(request, ApiErrorCode.KEY_INVALID, "接口密钥无效。")
    key = _key_for(material.prefix)
    if key is None or not key_matches(material, key.digest):
        raise _refuse(request, ApiErrorCode.KEY_INVALID, "接口密钥无效。", material.prefix)
    now = timezone.now()
    account = key.account
    if key.revoked_at is not None and key.revoked_at <= now:
        raise _refuse(request, ApiErrorCode.KEY_REVOKED, "接口密钥已吊销。", key.prefix)
    if key.expires_at is not None and key.expires_at <= now:
        raise _refuse(request, ApiErrorCode.KEY_EXPIRED, "接口密钥已过期。", key.prefix)
    if not account.is_active or (account.expires_on is not None and account.expires_on < timezone.localdate()):
        raise _refuse(request, ApiErrorCode.ACCOUNT_INACTIVE, "接口账号已停用或已过有效期。", key.prefix)
    if not address_allowed(account, client_ip(request)):
        raise _refuse(
            request, ApiErrorCode.ADDRESS_FORBIDDEN, "来源地址不在该接口账号允许的范围内。", key.prefix, status=403
        )
    limit_check(f"api.key:{key.pk}", settings.FAZHI_API["KEY_PER_MINUTE"])
    request.api_key = key  # type: ignore[attr-defined]  # audited after the response (v1._audit_key_use)
    return principal_for(account, key.grants_stamp or "")


_KEYS: OrderedDict[tuple[str, str], ApiKey] = OrderedDict()
_KEYS_MAX = 256
_KEYS_LOCK = threading.Lock()


def _key_for(prefix: str) -> ApiKey | None:
    """The key row with its account, the account's actor and unit — kept per process under the grants stamp, which
    every change to a key or an account writes anew (services: issue, rotate, revoke, account_save), so a revoked or
    changed key is read fresh on its next use. One query for the stamp; planning the five-table read of the key was
    most of a key's cost per request (bench/api_cases_list.py). Each request gets its own copies: the principal is
    dressed per request (principal_for)."""
    stamp = GrantsStamp.objects.filter(pk=1).values_list("token", flat=True).first() or ""
    with _KEYS_LOCK:
        key = _KEYS.get((prefix, stamp)) if stamp else None
    if key is None:
        key = (
            ApiKey.objects.select_related("account__actor", "account__unit")
            .annotate(grants_stamp=Subquery(GrantsStamp.objects.filter(pk=1).values("token")[:1]))
            .filter(prefix=prefix)
            .first()
        )
        if key is None:
            return None
        if stamp and key.grants_stamp == stamp:
            with _KEYS_LOCK:
                _KEYS[(prefix, stamp)] = key
                while len(_KEYS) > _KEYS_MAX:
                    _KEYS.popitem(last=False)
    own = copy.copy(key)
    own.account = copy.copy(key.account)
    own.account.actor = copy.copy(key.account.actor)
    return own


class KeyAuth(HttpBearer):
    openapi_description = "接口密钥：Authorization: Bearer fzk_…（由安全管理员在“接口账号”页面签发，只显示一次）"

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        return key_authenticate(request, token)


class SessionAuth(APIKeyCookie):
    """The pages' signed-in session: the same idle/absolute timeouts (orgs middleware), the OTP step for roles that
    need it, a forced password change first; CSRF checked on writes (X-CSRFToken header)."""

    param_name = settings.SESSION_COOKIE_NAME
    openapi_description = "已登录会话（Cookie），写操作须带 X-CSRFToken 头"

    def _get_key(self, request: HttpRequest) -> str | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None  # nobody signed in: 401, whatever the method (not a CSRF failure)
        if check_csrf(request):
            raise ApiError(403, ApiErrorCode.CSRF_FAILED, "CSRF 校验失败：写操作须带 X-CSRFToken 请求头。")
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = request.user
        if not user.is_authenticated or not user.is_active:
            return None
        if grants_for(user).requires_otp and not user.is_verified():
            return None
        if user.must_change_password or password_expired(user):
            return None
        limit_check(f"api.user:{user.pk}", settings.FAZHI_API["USER_PER_MINUTE"])
        return user
