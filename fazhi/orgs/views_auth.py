"""Login → (OTP) → (forced password change) → home; logout ends the server session."""

from __future__ import annotations

import time

import segno
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
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
        if device.verify_token(form.cleaned_data["token"]):
            otp_login(request, device)
            login_succeeded(user=user)
            return redirect(request.session.pop("fazhi_next", "/"))
        login_otp_failed(user=user)
        form.add_error("token", "动态口令错误或已过期。")
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
        if device.verify_token(form.cleaned_data["token"]):
            with transaction.atomic():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                record_event(actor=user, action=AuditAction.OTP_ENROLLED, obj=user)
            otp_login(request, device)
            login_succeeded(user=user)
            return redirect(request.session.pop("fazhi_next", "/"))
        form.add_error("token", "动态口令错误，请确认手机时间准确后重试。")
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
