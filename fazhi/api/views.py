"""Pages of the security administrator for integration accounts and keys, and the two plain views under /api/v1/
(the cached OpenAPI document, and a JSON answer for paths the API does not serve)."""

from __future__ import annotations

import functools
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.audit.models import AuditEvent
from fazhi.core.actions import action_label
from fazhi.core.errors import DomainError
from fazhi.orgs.forms_admin import form_add_error

from .errors import ApiErrorCode
from .forms import AccountForm, KeyIssueForm, KeyRotateForm
from .handlers import error_json
from .models import IntegrationAccount
from .policies import IntegrationAccountPolicy
from .selectors import account_get_for, accounts_visible_to, key_get_for
from .services import account_save, key_issue, key_revoke, key_rotate

# ------------------------------------------------------------------------------------------------ /api/v1/ plumbing


@functools.cache
def _schema_bytes() -> bytes:
    from .v1 import api

    return json.dumps(api.get_openapi_schema(), ensure_ascii=False).encode()


def openapi_json(request: HttpRequest) -> HttpResponse:
    """The OpenAPI 3.1 document (public): built once per process — the schema cannot change while it runs."""
    return HttpResponse(_schema_bytes(), content_type="application/json; charset=utf-8")


def nowhere(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    """A path under /api/v1/ that no endpoint serves: 401 for an anonymous caller (as everywhere), else 404."""
    if not request.user.is_authenticated and not request.headers.get("Authorization"):
        return error_json(401, ApiErrorCode.UNAUTHENTICATED, "请先登录，或在 Authorization 请求头中提供接口密钥。")
    return error_json(404, ApiErrorCode.NOT_FOUND, "没有这个接口，请查阅 /api/v1/docs。")


# ------------------------------------------------------------------------------------------------ pages


def _require_manager(request: HttpRequest) -> None:
    if not IntegrationAccountPolicy.can(request.user, "manage"):
        raise Http404


@login_required
def account_list(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    now = timezone.now()
    live = Q(keys__revoked_at=None) & (Q(keys__expires_at=None) | Q(keys__expires_at__gt=now))
    accounts = accounts_visible_to(request.user).annotate(live_keys=Count("keys", filter=live))
    return render(request, "api/account_list.html", {"accounts": accounts})


@login_required
def account_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _require_manager(request)
    account = account_get_for(request.user, pk, "manage") if pk else None
    initial = {}
    if account is not None:
        initial = {
            "name": account.name,
            "unit": account.unit,
            "actions": list(account.actions),
            "data_scope": account.data_scope,
            "custom_units": list(account.custom_units.all()),
            "allowed_networks": "\n".join(account.allowed_networks),
            "expires_on": account.expires_on,
            "is_active": account.is_active,
            "description": account.description,
            "version": account.version,
        }
    form = AccountForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            saved = account_save(
                by=request.user,
                account=account,
                name=d["name"],
                unit=d["unit"],
                actions=d["actions"],
                data_scope=d["data_scope"],
                custom_units=d["custom_units"],
                allowed_networks=d["allowed_networks"],
                expires_on=d["expires_on"],
                is_active=d["is_active"],
                description=d["description"],
                expected_version=d["version"] if account else None,
            )
        except DomainError as exc:
            form_add_error(form, exc)
        else:
            messages.success(request, f"已保存接口账号“{saved.name}”。")
            return redirect("api:account_detail", saved.pk)
    return render(request, "api/account_form.html", {"form": form, "account": account})


def _detail(
    request: HttpRequest, account: IntegrationAccount, *, new_key: str = "", form: KeyIssueForm | None = None
) -> HttpResponse:
    keys = list(account.keys.select_related("created_by", "replaces").order_by("-id"))
    now = timezone.now()
    for k in keys:
        k.status = (  # type: ignore[attr-defined]
            "已吊销" if k.revoked_at else "已过期" if k.expires_at and k.expires_at <= now else "有效"
        )
    uses = AuditEvent.objects.filter(actor_id=account.actor_id).order_by("-id")[:20]
    labels = [(code, action_label(code)) for code in account.actions]
    response = render(
        request,
        "api/account_detail.html",
        {
            "account": account,
            "keys": keys,
            "new_key": new_key,
            "issue_form": form or KeyIssueForm(),
            "rotate_form": KeyRotateForm(),
            "uses": uses,
            "action_labels": labels,
        },
    )
    if new_key:
        response["Cache-Control"] = "no-store"  # the key is on this page only, never in a cache or history
    return response


@login_required
def account_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    account = account_get_for(request.user, pk, "manage")
    if request.method == "POST":
        form = KeyIssueForm(request.POST)
        if form.is_valid():
            try:
                _key, full = key_issue(
                    by=request.user,
                    account=account,
                    label=form.cleaned_data["label"],
                    expires_at=form.cleaned_data["expires_on"],
                )
            except DomainError as exc:
                form_add_error(form, exc)
            else:
                return _detail(request, account, new_key=full)
        return _detail(request, account, form=form)
    return _detail(request, account)


@login_required
@require_POST
def key_rotate_view(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    key = key_get_for(request.user, pk)
    form = KeyRotateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择旧密钥的过渡期。")
        return redirect("api:account_detail", key.account_id)
    try:
        _new, full = key_rotate(by=request.user, key=key, grace_hours=form.cleaned_data["grace_hours"])
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("api:account_detail", key.account_id)
    return _detail(request, key.account, new_key=full)


@login_required
@require_POST
def key_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    key = key_get_for(request.user, pk)
    key_revoke(by=request.user, key=key)
    messages.success(request, f"已吊销密钥 fzk_{key.prefix}…，使用它的请求将被拒绝。")
    return redirect("api:account_detail", key.account_id)
