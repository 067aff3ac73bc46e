"""Login → (OTP) → (forced password change) → home; logout ends the server session."""

from __future__ import annotations

import datetime as dt
import math
import time

import segno
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from fazhi.audit.events import AuditAction
from fazhi.audit.services import record_event

from .auth import login_attempt, login_otp_failed, login_succeeded, logout_recorded, password_change
from .forms import LoginForm, OtpForm, PasswordChangeForm
from .middleware import LAST_SEEN, LOGIN_AT
from .models import User


def _safe_next(request: HttpRequest) -> str:
    nxt = request.POST.get("next") or request.GET.get("next") or ""
    if nxt and url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        return nxt
    return "/"


def _start_session(request: HttpRequest, user: User) -> None:
    login(request, user, backend="fazhi.orgs.backends.FazhiBackend")
    request.session[LOGIN_AT] = time.time()
    request.session[LAST_SEEN] = time.time()


def _otp_refusal(device: TOTPDevice, token: str) -> str:
    """ "" when the code is accepted; else the Chinese message beside the field. django-otp throttles a device after a
    wrong code (1 s, doubling with each failure) and then refuses even the right code: say so and when it ends
    (issue #11 point 5: the right code was refused with the same "动态口令错误")."""
    allowed, info = device.verify_is_allowed()
    if not allowed:
        return f"输错次数较多，为防止猜测已暂停验证（本次未核对口令）：{_retry_at((info or {}).get('locked_until'))}"
    if device.verify_token(token):
        return ""
    allowed, info = device.verify_is_allowed()
    wait = "" if allowed else _retry_at((info or {}).get("locked_until"))
    return f"动态口令错误或已过期。{wait}"


def _retry_at(until: dt.datetime | None) -> str:
    if until is None:
        return "请稍后再输入当前的动态口令。"
    seconds = max(1, math.ceil((until - timezone.now()).total_seconds()))
    return f"请于 {timezone.localtime(until):%H:%M:%S}（约 {seconds} 秒后）再输入当前的动态口令。"


def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        outcome = login_attempt(username=form.cleaned_data["username"], password=form.cleaned_data["password"])
        if outcome.user is None:
            error = outcome.message
        else:
            _start_session(request, outcome.user)
            request.session["fazhi_next"] = _safe_next(request)
            if outcome.needs_otp:
                has_device = TOTPDevice.objects.filter(user=outcome.user, confirmed=True).exists()
                return redirect("orgs:otp_verify" if has_device else "orgs:otp_setup")
            return redirect(request.session.pop("fazhi_next", "/"))
    return render(request, "orgs/login.html", {"form": form, "error": error, "next": request.GET.get("next", "")})


@login_required
def otp_verify_view(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return redirect("orgs:otp_setup")
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        refusal = _otp_refusal(device, form.cleaned_data["token"])
        if not refusal:
            otp_login(request, device)
            login_succeeded(user=user)
            return redirect(request.session.pop("fazhi_next", "/"))
        login_otp_failed(user=user)
        form.add_error("token", refusal)
    return render(request, "orgs/otp_verify.html", {"form": form})


@login_required
def otp_setup_view(request: HttpRequest) -> HttpResponse:
    """First login of a user whose role requires a second factor: bind an authenticator app."""
    user: User = request.user  # type: ignore[assignment]
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return redirect("orgs:otp_verify")
    device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=False, defaults={"name": "默认令牌"})
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        refusal = _otp_refusal(device, form.cleaned_data["token"])
        if not refusal:
            with transaction.atomic():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                record_event(actor=user, action=AuditAction.OTP_ENROLLED, obj=user)
            otp_login(request, device)
            login_succeeded(user=user)
            return redirect(request.session.pop("fazhi_next", "/"))
        form.add_error("token", refusal.replace("或已过期。", "，请确认手机时间准确后重试。", 1))
    qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=4)
    import base64

    secret = base64.b32encode(device.bin_key).decode()
    return render(request, "orgs/otp_setup.html", {"form": form, "qr_svg": qr_svg, "secret": secret})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        logout_recorded(user=request.user)  # type: ignore[arg-type]
    logout(request)  # flushes the server-side session: a replayed cookie is worthless
    messages.info(request, "您已安全退出。")
    return redirect("orgs:login")


@login_required
def password_change_view(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            password_change(
                user=user,
                old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password"],
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errs in exc.error_dict.items():
                    for e in errs:
                        form.add_error(field, e)
            else:
                form.add_error("new_password", exc)
        else:
            update_session_auth_hash(request, user)  # other sessions of this user end
            messages.success(request, "密码已修改。")
            return redirect("home")
    forced = user.must_change_password
    return render(request, "orgs/password_change.html", {"form": form, "forced": forced})
