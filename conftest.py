"""Project-wide test fixtures: a small city and its personas (see fazhi/orgs/tests/factories.py)."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs inside an event loop

TEST_PASSWORD = "Passw0rd!x"


@pytest.fixture
def builtin_roles(db):
    from fazhi.orgs.builtin import roles_seed_builtin

    return {r.code: r for r in roles_seed_builtin()}


@pytest.fixture
def city(db):
    """示范市: the government, the justice bureau, two departments, a district with one department under it."""
    from fazhi.orgs.models import UnitKind, UnitLevel
    from fazhi.orgs.tests.factories import UnitFactory

    gov = UnitFactory(code="C000", name="示范市人民政府", short_name="市政府", kind=UnitKind.GOVERNMENT)
    units = {
        "gov": gov,
        "justice": UnitFactory(code="C001", name="示范市司法局", short_name="市司法局", parent=gov),
        "market": UnitFactory(code="C002", name="示范市市场监督管理局", short_name="市市场监管局", parent=gov),
        "finance": UnitFactory(code="C003", name="示范市财政局", short_name="市财政局", parent=gov),
    }
    units["district"] = UnitFactory(
        code="D100",
        name="示范市东城区人民政府",
        short_name="东城区政府",
        kind=UnitKind.GOVERNMENT,
        level=UnitLevel.COUNTY,
        parent=gov,
    )
    units["district_market"] = UnitFactory(
        code="D101",
        name="示范市东城区市场监督管理局",
        short_name="东城区市场监管局",
        level=UnitLevel.COUNTY,
        parent=units["district"],
    )
    return units


@pytest.fixture
def persona(db, builtin_roles, city):
    """persona("office_staff", unit="justice") → a user with that built-in role in that unit."""
    from fazhi.orgs.tests.factories import UserFactory

    made: dict[tuple[str, str], object] = {}

    def make(role_code: str, unit: str = "justice", username: str | None = None):
        key = (role_code, unit)
        if key not in made:
            made[key] = UserFactory(
                username=username or f"{role_code}_{unit}", unit=city[unit], roles=[builtin_roles[role_code]]
            )
        return made[key]

    return make


@pytest.fixture
def login_client(client):
    """login_client(user) → a Django test client logged in as user (session keys as the real login sets them)."""
    import time

    def make(user):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from fazhi.orgs.scopes import grants_for

        client.force_login(user)
        session = client.session
        session["fazhi_login_at"] = time.time()
        session["fazhi_last_seen"] = time.time()
        if grants_for(user).requires_otp:  # the 三员: pretend the TOTP step was passed
            device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": "测试令牌"})
            session["otp_device_id"] = device.persistent_id
        session.save()
        return client

    return make


@pytest.fixture
def pages_cache(settings):
    """The "pages" cache as in production (tests otherwise run with a dummy one), emptied before and after."""
    from django.core.cache import caches
    from django.test import override_settings

    pages = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages-test"}
    with override_settings(CACHES={**settings.CACHES, "pages": pages}):
        caches["pages"].clear()
        yield caches["pages"]
        caches["pages"].clear()
