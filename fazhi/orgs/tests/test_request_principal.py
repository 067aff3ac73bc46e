"""The signed-in user is loaded in one statement with unit, grants stamp and unread count (orgs/backends.py); grants
are kept per process under the stamp, and every change they depend on writes a new stamp (orgs/signals.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from fazhi.orgs.backends import FazhiBackend, user_load
from fazhi.orgs.models import GrantsStamp, Role, User
from fazhi.orgs.scopes import grants_for
from fazhi.orgs.services import role_save, unit_create, unit_update
from fazhi.orgs.sessions import SessionStore
from fazhi.orgs.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _stamp() -> str:
    return GrantsStamp.objects.get(pk=1).token


def test_user_load_gives_the_same_user_and_unit_as_the_orm(city, builtin_roles):
    # given a user with an encrypted mobile number, a unit and timestamps, and one without a unit
    user = UserFactory(username="zhangsan", unit=city["market"], mobile="13812345678", roles=[])
    User.objects.filter(pk=user.pk).update(last_login=timezone.now(), locked_until=None)
    bare = UserFactory(username="lisi", unit=None, roles=[])
    for expected in (User.objects.select_related("unit").get(pk=user.pk), User.objects.get(pk=bare.pk)):
        # when it is loaded for a request
        loaded = user_load(expected.pk)
        # then every field has the ORM's value and type, and the unit is attached without another query
        for f in User._meta.concrete_fields:
            a, b = getattr(expected, f.attname), getattr(loaded, f.attname)
            assert (a, type(a)) == (b, type(b)), f.name
        if expected.unit_id:
            for f in expected.unit._meta.concrete_fields:
                assert getattr(loaded.unit, f.attname) == getattr(expected.unit, f.attname), f.name
        else:
            assert loaded.unit is None
        assert loaded.grants_stamp == _stamp() and loaded.unread_notification_count == 0
    assert user_load(user.pk).mobile == "13812345678"


def test_get_user_refuses_a_missing_or_inactive_user(city):
    user = UserFactory(username="wangwu", unit=city["justice"], roles=[])
    backend = FazhiBackend()
    assert backend.get_user(user.pk).pk == user.pk
    assert backend.get_user(user.pk + 1000) is None
    assert backend.get_user("not-a-number") is None
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert backend.get_user(user.pk) is None


def test_grants_are_kept_between_requests_until_a_role_changes(city, builtin_roles, django_assert_num_queries):
    role = Role.objects.create(code="reader", name="读者", actions=["orgs.unit.view"], data_scope="unit")
    user = UserFactory(username="reader1", unit=city["market"], roles=[role])
    first = grants_for(user_load(user.pk))
    assert first.actions == frozenset({"orgs.unit.view"}) and first.unit_ids == frozenset({city["market"].pk})
    # a later request (a new user object) with the same stamp computes nothing: no roles query
    again = user_load(user.pk)
    with django_assert_num_queries(0):
        assert grants_for(again) is first
    # when the role's actions change through the service, the stamp changes and the next request sees it
    role_save(
        by=None,
        role=role,
        code="reader",
        name="读者",
        actions=["orgs.unit.view", "orgs.user.view"],
        data_scope="all",
        expected_version=role.version,
    )
    later = grants_for(user_load(user.pk))
    assert later.actions == frozenset({"orgs.unit.view", "orgs.user.view"}) and later.all_units is True


def test_every_change_that_grants_depend_on_writes_a_new_stamp(city, builtin_roles):
    role = Role.objects.create(code="r1", name="角色一", actions=[], data_scope="custom")
    user = UserFactory(username="holder", unit=city["justice"], roles=[])
    seen = {_stamp()}

    def changed() -> bool:
        now = _stamp()
        fresh = now not in seen
        seen.add(now)
        return fresh

    user.roles.add(role)
    assert changed(), "a user's roles"
    role.custom_units.set([city["market"]])
    assert changed(), "a role's custom units"
    role.actions = ["orgs.unit.view"]
    role.save()
    assert changed(), "a role saved"
    unit = unit_create(
        by=None,
        parent=city["gov"],
        code="C009",
        name="示范市审计局",
        short_name="市审计局",
        kind="department",
        level="city",
    )
    assert changed(), "a unit added"
    unit_update(by=None, unit=unit, expected_version=unit.version, parent=city["district"], name="示范市东城区审计局")
    assert changed(), "a unit moved and renamed"
    Role.objects.filter(pk=builtin_roles["office_staff"].pk).update(actions=[])
    from fazhi.orgs.builtin import roles_seed_builtin

    roles_seed_builtin()  # puts the built-in grants back with a queryset update
    assert changed(), "built-in grants restored"
    user.roles.remove(role)
    assert changed(), "a role taken away"
    role.delete()
    assert changed(), "a role deleted"


def test_the_session_is_read_with_plain_sql_and_dies_with_logout_or_expiry(client, city):
    user = UserFactory(
        username="sessions",
        unit=city["justice"],
        roles=[],
        must_change_password=False,
        password_changed_at=timezone.now(),
    )
    client.force_login(user)
    key = client.cookies["sessionid"].value
    assert SessionStore(key).load()["_auth_user_id"] == str(user.pk)
    # an expired row is not a session
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    store = SessionStore(key)
    assert store.load() == {} and store.session_key is None
    # after logout the row is gone and the cookie opens nothing
    client.force_login(user)
    key = client.cookies["sessionid"].value
    client.post("/accounts/logout/")
    assert not Session.objects.filter(session_key=key).exists()
    assert SessionStore(key).load() == {}
