"""Limits per key, per signed-in user and per source address (one-minute windows counted in the database): over a
limit the answer is 429 with Retry-After = the seconds left in the window; the next window starts afresh."""

import pytest
from django.test import Client

from fazhi.api.tests.factories import account_with, bearer, key_for
from fazhi.core import ratelimit


@pytest.fixture
def at(monkeypatch):
    now = {"t": 1_800_000_000 + 15}  # 15 s into a minute window

    monkeypatch.setattr(ratelimit, "clock", lambda: now["t"])
    return now


@pytest.mark.django_db
def test_a_key_over_its_limit_gets_429_with_retry_after(city, builtin_roles, settings, at):
    settings.FAZHI_API = {**settings.FAZHI_API, "KEY_PER_MINUTE": 2}
    key = bearer(key_for(account_with(["orgs.unit.view"], unit=city["justice"]))[1])
    c = Client()
    assert [c.get("/api/v1/units/", **key).status_code for _ in range(2)] == [200, 200]
    over = c.get("/api/v1/units/", **key)
    assert over.status_code == 429 and over["Retry-After"] == "45"
    assert over.json()["error"] == {
        "code": "rate_limited",
        "message": "请求过于频繁：每分钟最多 2 次，请 45 秒后重试。",
        "field": None,
    }
    other = bearer(key_for(account_with(["orgs.unit.view"], unit=city["justice"]))[1])
    assert c.get("/api/v1/units/", **other).status_code == 200  # the limit is per key
    at["t"] += 45
    assert c.get("/api/v1/units/", **key).status_code == 200  # a new window


@pytest.mark.django_db
def test_an_address_over_its_limit_gets_429_whoever_calls(city, builtin_roles, settings, at):
    settings.FAZHI_API = {**settings.FAZHI_API, "ADDRESS_PER_MINUTE": 3}
    c = Client()
    statuses = [c.get("/api/v1/units/", REMOTE_ADDR="10.9.9.9").status_code for _ in range(4)]
    assert statuses == [401, 401, 401, 429]  # anonymous guesses count too
    assert c.get("/api/v1/units/", REMOTE_ADDR="10.9.9.8").status_code == 401


@pytest.mark.django_db
def test_a_signed_in_user_has_a_limit_of_its_own(persona, login_client, settings, at):
    settings.FAZHI_API = {**settings.FAZHI_API, "USER_PER_MINUTE": 1}
    client = login_client(persona("office_staff", "justice"))
    assert [client.get("/api/v1/units/").status_code for _ in range(2)] == [200, 429]
