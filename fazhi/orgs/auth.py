"""Login, logout and password change with 等保三级 defaults (docs/security.md).

- 5 consecutive failures lock the account for 30 minutes; while locked, attempts are refused before the password is
  checked, so at most LOCKOUT_FAILURES per lock period (far under 100 per hour, ASVS V2.2.1) ever reach the hasher;
  MAX_FAILURES_PER_HOUR is enforced as an independent ceiling for configurations with a looser lockout.
- Wrong user and wrong password get the same message.
- Every attempt is written to the login log and the audit chain.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from fazhi.audit.events import AuditAction
from fazhi.audit.models import AuditEvent, LoginLog
from fazhi.audit.services import record_event
from fazhi.core.request_context import current_request_info

from .models import User
from .scopes import grants_for

GENERIC_FAILURE = "账号或密码错误。"
_DUMMY_HASH = make_password("fazhi-timing-equaliser")


@dataclass(frozen=True)
class LoginOutcome:
    user: User | None
    message: str = ""
    needs_otp: bool = False


def _log(username: str, outcome: str, user: User | None = None) -> None:
    info = current_request_info()
    LoginLog.objects.create(
        username=username[:150],
        user_id_snapshot=getattr(user, "pk", None),
        outcome=outcome,
        ip=info.ip,
        user_agent=info.user_agent,
    )


def _failures_last_hour(username: str, now: dt.datetime) -> int:
    return LoginLog.objects.filter(
        username=username,
        occurred_at__gte=now - dt.timedelta(hours=1),
        outcome__in=[LoginLog.Outcome.BAD_CREDENTIALS, LoginLog.Outcome.OTP_FAILED],
    ).count()


def login_attempt(*, username: str, password: str) -> LoginOutcome:
    """Check credentials and apply lockout. Does not start the session (the view does, after the OTP step)."""
    sec = settings.FAZHI_SECURITY
    now = timezone.now()
    username = (username or "").strip()
    user = User.objects.filter(username=username).first()
    with transaction.atomic():
        if user is not None:
            # FOR NO KEY UPDATE: a concurrent write inserting a row that references this user takes FOR KEY SHARE,
            # which this lock does not block, so login never waits on (or deadlocks with) audited writes (#10 f. 3)
            user = User.objects.select_for_update(no_key=True).get(pk=user.pk)
            if user.locked_until and user.locked_until > now:
                # the same password work as any other attempt (no timing tells the name exists; #10 finding 8),
                # and the lock is revealed only to the right password (FAZHI_LOCK_MESSAGE=never: not at all)
                right = check_password(password, user.password)
                _log(username, LoginLog.Outcome.LOCKED, user)
                record_event(
                    actor=username,
                    action=AuditAction.LOGIN_FAILED,
                    obj=user,
                    result=AuditEvent.Result.DENIED,
                    summary={"reason": "locked"},
                )
                if not right or sec.get("LOCK_MESSAGE", "after_password") == "never":
                    return LoginOutcome(None, GENERIC_FAILURE)
                minutes = int((user.locked_until - now).total_seconds() // 60) + 1
                return LoginOutcome(None, f"连续登录失败次数过多，账号已锁定，请{minutes}分钟后再试或联系安全管理员。")
            if _failures_last_hour(username, now) >= sec["MAX_FAILURES_PER_HOUR"]:
                right = check_password(password, user.password)
                _log(username, LoginLog.Outcome.LOCKED, user)
                if not right or sec.get("LOCK_MESSAGE", "after_password") == "never":
                    return LoginOutcome(None, GENERIC_FAILURE)
                return LoginOutcome(None, "该账号一小时内登录失败次数已达上限，请稍后再试。")
        authed = authenticate(username=username, password=password) if user is not None else None
        if user is None:
            make_password(password)  # same work as a real check: no user enumeration by timing
        if authed is None:
            _log(username, LoginLog.Outcome.BAD_CREDENTIALS, user)
            if user is not None:
                User.objects.filter(pk=user.pk).update(failed_logins=F("failed_logins") + 1)
                user.refresh_from_db(fields=["failed_logins"])
                record_event(
                    actor=username,
                    action=AuditAction.LOGIN_FAILED,
                    obj=user,
                    result=AuditEvent.Result.FAILURE,
                    summary={"failures": user.failed_logins},
                )
                if user.failed_logins >= sec["LOCKOUT_FAILURES"]:
                    User.objects.filter(pk=user.pk).update(
                        locked_until=now + dt.timedelta(minutes=sec["LOCKOUT_MINUTES"]), failed_logins=0
                    )
                    record_event(
                        actor=username,
                        action=AuditAction.ACCOUNT_LOCKED,
                        obj=user,
                        summary={"minutes": sec["LOCKOUT_MINUTES"]},
                    )
            else:
                record_event(
                    actor=username,
                    action=AuditAction.LOGIN_FAILED,
                    result=AuditEvent.Result.FAILURE,
                    summary={"reason": "bad_credentials"},
                )
            return LoginOutcome(None, GENERIC_FAILURE)
        User.objects.filter(pk=authed.pk).update(failed_logins=0, locked_until=None)
        needs_otp = grants_for(authed).requires_otp
        if not needs_otp:
            login_succeeded(user=authed)
        return LoginOutcome(authed, needs_otp=needs_otp)


def login_succeeded(*, user: User) -> None:
    _log(user.username, LoginLog.Outcome.SUCCESS, user)
    record_event(actor=user, action=AuditAction.LOGIN, obj=user)


def login_otp_failed(*, user: User) -> None:
    _log(user.username, LoginLog.Outcome.OTP_FAILED, user)
    record_event(
        actor=user,
        action=AuditAction.LOGIN_FAILED,
        obj=user,
        result=AuditEvent.Result.FAILURE,
        summary={"reason": "otp"},
    )


def logout_recorded(*, user: User, outcome: str = LoginLog.Outcome.LOGOUT) -> None:
    _log(user.username, outcome, user)
    record_event(actor=user, action=AuditAction.LOGOUT, obj=user, summary={"outcome": outcome})


def password_expired(user: User, now: dt.datetime | None = None) -> bool:
    max_age = settings.FAZHI_SECURITY["PASSWORD_MAX_AGE_DAYS"]
    if not max_age or user.password_changed_at is None:
        return user.password_changed_at is None
    return (now or timezone.now()) - user.password_changed_at > dt.timedelta(days=max_age)


@transaction.atomic
def password_change(*, user: User, old_password: str, new_password: str) -> None:
    from django.core.exceptions import ValidationError

    if not user.check_password(old_password):
        raise ValidationError({"old_password": "原密码不正确。"})
    if old_password == new_password:
        raise ValidationError({"new_password": "新密码不能与原密码相同。"})
    validate_password(new_password, user)
    user.set_password(new_password)
    user.must_change_password = False
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "must_change_password", "password_changed_at"])
    record_event(actor=user, action=AuditAction.PASSWORD_CHANGED, obj=user)
