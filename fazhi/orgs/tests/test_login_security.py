"""等保三级 login rules (security-reliability.md S-01…S-09): lockout, same message, timeouts, logout, first-login
password change, expiry, TOTP for the 三员, separation of duties, login log."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from fazhi.audit.models import AuditEvent, LoginLog
from fazhi.core.errors import DomainError
from fazhi.orgs.services import user_roles_set
from fazhi.orgs.tests.factories import UserFactory

LOGIN = "/accounts/login/"
T0 = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)


def _post_login(client, username, password):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR="10.1.2.3", HTTP_USER_AGENT="pytest-browser"
    )


@pytest.mark.django_db
def test_five_failures_lock_the_account_for_thirty_minutes(client, persona):
    user = persona("dept_liaison", "market")
    with time_machine.travel(T0, tick=False):
        for _ in range(5):
            resp = _post_login(client, user.username, "wrong-Passw0rd")
            assert "账号或密码错误" in resp.content.decode()
        # the sixth attempt is refused even with the right password
        resp = _post_login(client, user.username, "Passw0rd!x")
        assert "账号已锁定" in resp.content.decode()
        assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="auth.login_failed", object_id=str(user.pk), result="failure").count() == 5
    assert AuditEvent.objects.filter(action="auth.account_locked", object_id=str(user.pk)).count() == 1
    with time_machine.travel(T0 + dt.timedelta(minutes=29), tick=False):
        assert "账号已锁定" in _post_login(client, user.username, "Passw0rd!x").content.decode()
    with time_machine.travel(T0 + dt.timedelta(minutes=31), tick=False):
        resp = _post_login(client, user.username, "Passw0rd!x")
        assert resp.status_code == 302 and resp.url == "/"


@pytest.mark.django_db
def test_hourly_ceiling_applies_when_lockout_is_configured_looser(client, persona, settings):
    settings.FAZHI_SECURITY = {**settings.FAZHI_SECURITY, "LOCKOUT_FAILURES": 1000, "MAX_FAILURES_PER_HOUR": 3}
    user = persona("dept_liaison", "market")
    with time_machine.travel(T0, tick=False):
        for _ in range(3):
            _post_login(client, user.username, "wrong-Passw0rd")
        resp = _post_login(client, user.username, "Passw0rd!x")
    assert "一小时内登录失败次数已达上限" in resp.content.decode()
    assert LoginLog.objects.filter(username=user.username, outcome="bad_credentials").count() == 3


@pytest.mark.django_db
def test_unknown_user_and_wrong_password_get_the_same_message(client, persona):
    user = persona("dept_liaison", "market")
    a = _post_login(client, "nobody-here", "Passw0rd!x").content.decode()
    b = _post_login(client, user.username, "Wrong-Passw0rd1").content.decode()
    assert "账号或密码错误。" in a and "账号或密码错误。" in b
    log = LoginLog.objects.order_by("id")
    assert [(r.username, r.outcome, r.ip, r.user_agent) for r in log] == [
        ("nobody-here", "bad_credentials", "10.1.2.3", "pytest-browser"),
        (user.username, "bad_credentials", "10.1.2.3", "pytest-browser"),
    ]


@pytest.mark.django_db
def test_idle_timeout_is_thirty_minutes(client, persona):
    user = persona("dept_liaison", "market")
    with time_machine.travel(T0, tick=False):
        _post_login(client, user.username, "Passw0rd!x")
    with time_machine.travel(T0 + dt.timedelta(minutes=29), tick=False):
        assert client.get("/").status_code == 200
    with time_machine.travel(T0 + dt.timedelta(minutes=29 + 31), tick=False):
        resp = client.get("/")
    assert resp.status_code == 302 and resp.url.startswith(LOGIN)
    assert LoginLog.objects.filter(username=user.username, outcome="timeout").count() == 1


@pytest.mark.django_db
def test_absolute_session_lifetime_is_twelve_hours_even_when_active(client, persona):
    user = persona("dept_liaison", "market")
    with time_machine.travel(T0, tick=False):
        _post_login(client, user.username, "Passw0rd!x")
    for minutes in range(20, 12 * 60, 20):  # active every 20 minutes
        with time_machine.travel(T0 + dt.timedelta(minutes=minutes), tick=False):
            assert client.get("/").status_code == 200
    with time_machine.travel(T0 + dt.timedelta(hours=12, minutes=5), tick=False):
        resp = client.get("/")
    assert resp.status_code == 302 and resp.url.startswith(LOGIN)


@pytest.mark.django_db
def test_logout_ends_the_server_session_so_a_replayed_cookie_is_worthless(client, persona):
    user = persona("dept_liaison", "market")
    _post_login(client, user.username, "Passw0rd!x")
    cookie = client.cookies["sessionid"].value
    client.post(reverse("orgs:logout"))
    client.cookies["sessionid"] = cookie
    resp = client.get("/")
    assert resp.status_code == 302 and resp.url.startswith(LOGIN)


@pytest.mark.django_db
def test_initial_password_must_be_changed_at_first_login_and_expires_after_90_days(client, persona):
    user = persona("dept_liaison", "market")
    user.must_change_password = True
    user.save()
    _post_login(client, user.username, "Passw0rd!x")
    resp = client.get("/")
    assert resp.status_code == 302 and resp.url == reverse("orgs:password_change")
    # a weak new password is refused with the reason next to the field
    resp = client.post(
        reverse("orgs:password_change"),
        {"old_password": "Passw0rd!x", "new_password": "abcdefgh", "new_password2": "abcdefgh"},
    )
    assert "须至少包含" in resp.content.decode()
    resp = client.post(
        reverse("orgs:password_change"),
        {"old_password": "Passw0rd!x", "new_password": "Fz-2026-stronger", "new_password2": "Fz-2026-stronger"},
    )
    assert resp.status_code == 302
    assert client.get("/").status_code == 200
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=91), tick=False):
        _post_login(client, user.username, "Fz-2026-stronger")
        resp = client.get("/")
    assert resp.status_code == 302 and resp.url == reverse("orgs:password_change")


@pytest.mark.django_db
def test_three_admins_must_pass_a_totp_second_factor(client, persona):
    admin = persona("sys_admin", "justice")
    resp = _post_login(client, admin.username, "Passw0rd!x")
    assert resp.url == reverse("orgs:otp_setup")
    # not verified yet: every page sends the administrator back to the OTP step
    assert client.get("/orgs/units/").url == reverse("orgs:otp_verify")
    client.get(reverse("orgs:otp_setup"))
    device = TOTPDevice.objects.get(user=admin)
    resp = client.post(reverse("orgs:otp_setup"), {"token": "000000" if totp(device.bin_key) != 0 else "111111"})
    assert "动态口令错误" in resp.content.decode()
    # django-otp throttles after a failure (1 s, doubling): the right code a few seconds later is accepted
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=5), tick=False):
        resp = client.post(reverse("orgs:otp_setup"), {"token": f"{totp(device.bin_key):06d}"})
        assert resp.status_code == 302
        assert client.get("/").status_code == 200
    assert LoginLog.objects.filter(username=admin.username).values_list("outcome", flat=True).first() == "success"


@pytest.mark.django_db
def test_after_a_wrong_code_the_throttle_says_so_and_when_to_try_again(client, persona):
    # given an administrator with a bound authenticator at the OTP step, at 18:00:00 Beijing time
    admin = persona("sys_admin", "justice")
    device = TOTPDevice.objects.create(user=admin, name="令牌", confirmed=True)
    at = dt.datetime(2026, 12, 1, 10, 0, 0, tzinfo=dt.UTC)
    verify = reverse("orgs:otp_verify")
    with time_machine.travel(at, tick=False):
        _post_login(client, admin.username, "Passw0rd!x")
        right = f"{totp(device.bin_key):06d}"
        wrong = "000000" if right != "000000" else "111111"
        # when a wrong code is typed, and at once the right one
        first = client.post(verify, {"token": wrong}).content.decode()
        second = client.post(verify, {"token": right}).content.decode()
    # then the first says the code is wrong and names when the next try is taken; the second says it was not checked
    # (a throttle, not a wrong code), names the same time, and keeps what was typed
    assert "动态口令错误或已过期。请于 18:00:01（约 1 秒后）再输入当前的动态口令。" in first
    assert (
        "输错次数较多，为防止猜测已暂停验证（本次未核对口令）：请于 18:00:01（约 1 秒后）再输入当前的动态口令。"
        in second
    )
    assert f'value="{right}"' in second
    # and two seconds later the right code is accepted
    with time_machine.travel(at + dt.timedelta(seconds=2), tick=False):
        resp = client.post(verify, {"token": f"{totp(device.bin_key):06d}"})
    assert resp.status_code == 302 and resp.url == "/"


@pytest.mark.django_db
def test_no_account_can_hold_two_of_the_three_admin_roles(builtin_roles):
    user = UserFactory(roles=[builtin_roles["sys_admin"]])
    with pytest.raises(DomainError, match="三员分立") as err:
        user_roles_set(by=None, user=user, roles=[builtin_roles["sys_admin"], builtin_roles["audit_admin"]])
    assert err.value.field == "roles"
    assert list(user.roles.values_list("code", flat=True)) == ["sys_admin"]


def test_password_rules(db):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ["Ab1!", "abcdefgh", "abcdefg1", "12345678"]:
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("Fz-2026-stronger")
    validate_password("correct horse battery staple 2026 法治" * 2)  # long passphrases are allowed
