"""A locked account costs the same password work as an unknown name or a wrong password (issue #10 finding 8: it
answered in 16 ms instead of ~180 ms, telling an attacker the name exists). The work is counted, not timed: one
password hash per attempt on every path. The lock message comes only after the right password (or never)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.hashers import MD5PasswordHasher

from fazhi.orgs.auth import GENERIC_FAILURE, login_attempt

pytestmark = pytest.mark.django_db
T0 = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)


@pytest.fixture
def hashes(monkeypatch):
    calls = {"n": 0}
    real = MD5PasswordHasher.encode

    def counting(self, password, salt):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        return real(self, password, salt)

    monkeypatch.setattr(MD5PasswordHasher, "encode", counting)
    return calls


def _attempt(hashes, username: str, password: str) -> tuple[int, str]:
    before = hashes["n"]
    out = login_attempt(username=username, password=password)
    return hashes["n"] - before, out.message


def test_unknown_wrong_and_locked_do_the_same_work_and_say_the_same(persona, hashes):
    user = persona("dept_liaison", "market")
    with time_machine.travel(T0, tick=False):
        assert _attempt(hashes, "no-such-user", "wrong-Passw0rd") == (1, GENERIC_FAILURE)
        for _ in range(5):
            assert _attempt(hashes, user.username, "wrong-Passw0rd") == (1, GENERIC_FAILURE)
        # locked now: a wrong password gets the generic answer after the same work
        assert _attempt(hashes, user.username, "wrong-Passw0rd") == (1, GENERIC_FAILURE)
        # only the right password learns about the lock
        work, message = _attempt(hashes, user.username, "Passw0rd!x")
        assert work == 1 and "账号已锁定" in message


def test_the_lock_message_can_be_never_shown(persona, hashes, settings):
    settings.FAZHI_SECURITY = {**settings.FAZHI_SECURITY, "LOCK_MESSAGE": "never"}
    user = persona("dept_liaison", "market")
    with time_machine.travel(T0, tick=False):
        for _ in range(5):
            login_attempt(username=user.username, password="wrong-Passw0rd")
        assert _attempt(hashes, user.username, "Passw0rd!x") == (1, GENERIC_FAILURE)
