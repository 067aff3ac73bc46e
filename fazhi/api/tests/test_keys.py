"""Key lifecycle: shown once, stored as a prefix and a keyed digest, refused when unknown, expired, revoked, from a
wrong address or when its account is off; rotated with a grace period; every use and every refusal in the audit trail;
only the security administrator manages them (三员)."""

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from fazhi.api.keys import key_digest, key_parse
from fazhi.api.models import ApiKey
from fazhi.api.services import account_save, key_revoke, key_rotate
from fazhi.api.tests.factories import account_with, bearer, key_for
from fazhi.audit.models import AuditEvent, KeyUse
from fazhi.core.errors import DomainError


@pytest.fixture
def account(city, builtin_roles):
    return account_with(["orgs.unit.view"], unit=city["justice"])


@pytest.mark.django_db
def test_a_key_is_shown_once_and_stored_only_as_prefix_and_digest(account):
    key, full = key_for(account, label="生产环境")
    material = key_parse(full)
    assert material is not None and material.prefix == key.prefix
    row = ApiKey.objects.get(pk=key.pk)
    assert row.digest == key_digest(material.prefix, material.secret)
    assert material.secret not in row.digest and material.secret not in str(row.__dict__)
    assert full.startswith(f"fzk_{key.prefix}_") and len(material.secret) == 43


@pytest.mark.django_db
def test_a_valid_key_reads_and_each_use_is_audited(account):
    key, full = key_for(account)
    resp = Client().get("/api/v1/units/", {"limit": 2}, **bearer(full))
    assert resp.status_code == 200
    assert [u["code"] for u in resp.json()["items"]] == ["C000", "C001"]
    use = KeyUse.objects.get()  # one use row, sealed into the chain within a minute (ADR 0012, audit/tests)
    assert (use.actor_id, use.key_id, use.key_label, use.method, use.path, use.status, use.unit_id_snapshot) == (
        account.actor_id,
        key.pk,
        f"fzk_{key.prefix}…",
        "GET",
        "/api/v1/units/",
        200,
        account.unit_id,
    )
    assert not AuditEvent.objects.filter(action="api.key.used").exists()  # no chain row (no head lock) per use
    assert ApiKey.objects.get(pk=key.pk).last_used_at is not None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("mangle", "code"),
    [
        (lambda k: k[:-1] + ("A" if k[-1] != "A" else "B"), "key_invalid"),  # right prefix, wrong secret
        (lambda k: "fzk_abcdefghij_" + "x" * 43, "key_invalid"),  # unknown prefix
        (lambda k: "not-a-key", "key_invalid"),
    ],
)
def test_a_wrong_key_is_refused_with_401_and_audited(account, mangle, code):
    _key, full = key_for(account)
    resp = Client().get("/api/v1/units/", **bearer(mangle(full)))
    assert resp.status_code == 401
    assert resp.json() == {"error": {"code": code, "message": "接口密钥无效。", "field": None}}
    assert resp["WWW-Authenticate"] == 'Bearer realm="fazhi"'
    refused = AuditEvent.objects.get(action="api.key.refused")
    assert (refused.result, refused.summary["reason"]) == ("denied", code)


@pytest.mark.django_db
def test_an_expired_key_and_a_revoked_key_are_refused(account):
    soon = timezone.now() + dt.timedelta(hours=1)
    _k1, expiring = key_for(account, expires_at=soon)
    k2, revoked = key_for(account)
    key_revoke(by=account_sec_admin(), key=k2)
    with time_machine.travel(soon + dt.timedelta(seconds=1)):
        assert Client().get("/api/v1/units/", **bearer(expiring)).json()["error"]["code"] == "key_expired"
    assert Client().get("/api/v1/units/", **bearer(revoked)).json()["error"] == {
        "code": "key_revoked",
        "message": "接口密钥已吊销。",
        "field": None,
    }


@pytest.mark.django_db
def test_a_key_used_then_revoked_is_refused_at_its_next_use_and_its_principal_is_its_own(account):
    """A key's row is kept per process under the grants stamp (auth._key_for): revoking writes a new stamp, so the
    kept row is not used again; and each request dresses its own copy of the principal."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from fazhi.api.auth import _key_for

    key, full = key_for(account)
    assert Client().get("/api/v1/units/", **bearer(full)).status_code == 200
    with CaptureQueriesContext(connection) as sql:
        first = _key_for(key.prefix)
    assert len(sql.captured_queries) == 1 and "api_apikey" not in sql.captured_queries[0]["sql"]  # the stamp only
    second = _key_for(key.prefix)
    assert first.pk == second.pk == key.pk
    assert first is not second and first.account is not second.account
    assert first.account.actor is not second.account.actor
    from fazhi.api.principal import principal_for

    dressed = principal_for(first.account, "stamp")  # what a request does to its own copy
    assert dressed._grants_cache is not None and dressed.is_active is True
    assert second.account.actor._grants_cache is None and second.account.actor.is_active is False
    assert _key_for(key.prefix).account.actor._grants_cache is None

    key_revoke(by=account_sec_admin(), key=key)
    assert Client().get("/api/v1/units/", **bearer(full)).json()["error"]["code"] == "key_revoked"
    assert Client().get("/api/v1/units/", **bearer(full)).json()["error"]["code"] == "key_revoked"


def account_sec_admin():
    from fazhi.api.tests.factories import sec_admin_user

    return sec_admin_user()


@pytest.mark.django_db
def test_a_key_from_an_address_outside_the_account_networks_gets_403(city, builtin_roles):
    account = account_with(["orgs.unit.view"], unit=city["justice"], networks=("10.20.0.0/16",))
    _key, full = key_for(account)
    resp = Client().get("/api/v1/units/", **bearer(full))  # the test client comes from 127.0.0.1
    assert resp.status_code == 403
    assert resp.json()["error"]["code"] == "address_forbidden"
    ok = Client().get("/api/v1/units/", REMOTE_ADDR="10.20.3.4", **bearer(full))
    assert ok.status_code == 200


@pytest.mark.django_db
def test_a_disabled_or_expired_account_stops_all_its_keys(city, builtin_roles):
    account = account_with(["orgs.unit.view"], unit=city["justice"], expires_on=dt.date(2026, 12, 31))
    _key, full = key_for(account)
    with time_machine.travel(dt.datetime(2027, 1, 1, 9, tzinfo=dt.UTC)):
        assert Client().get("/api/v1/units/", **bearer(full)).json()["error"]["code"] == "account_inactive"
    account_save(
        by=account_sec_admin(),
        account=account,
        name=account.name,
        unit=account.unit,
        actions=account.actions,
        data_scope=account.data_scope,
        allowed_networks=account.allowed_networks,
        is_active=False,
    )
    assert Client().get("/api/v1/units/", **bearer(full)).json()["error"]["code"] == "account_inactive"


@pytest.mark.django_db
def test_rotation_issues_a_new_key_and_the_old_one_works_only_through_the_grace_period(account):
    old, old_full = key_for(account)
    new, new_full = key_rotate(by=account_sec_admin(), key=old, grace_hours=24)
    assert new.replaces == old and new_full != old_full
    assert Client().get("/api/v1/units/", **bearer(old_full)).status_code == 200
    with time_machine.travel(timezone.now() + dt.timedelta(hours=24, seconds=1)):
        assert Client().get("/api/v1/units/", **bearer(old_full)).json()["error"]["code"] == "key_expired"
        assert Client().get("/api/v1/units/", **bearer(new_full)).status_code == 200
    immediate, _ = key_rotate(by=account_sec_admin(), key=new, grace_hours=0)
    assert ApiKey.objects.get(pk=new.pk).revoked_at is not None
    assert Client().get("/api/v1/units/", **bearer(new_full)).json()["error"]["code"] == "key_revoked"
    assert immediate.replaces_id == new.pk
    assert list(AuditEvent.objects.filter(action="api.key.rotated").values_list("object_id", flat=True)) == [
        str(new.pk),
        str(old.pk),
    ]


@pytest.mark.django_db
def test_only_the_security_administrator_manages_accounts_and_keys(city, persona, account):
    for role in ("sys_admin", "audit_admin", "office_staff"):
        with pytest.raises(DomainError) as exc:
            account_save(
                by=persona(role, "justice"),
                account=None,
                name="越权系统",
                unit=city["justice"],
                actions=[],
                data_scope="unit",
                allowed_networks=["127.0.0.1"],
            )
        assert exc.value.code == "separation_of_duties"
        with pytest.raises(DomainError):
            key_revoke(by=persona(role, "justice"), key=key_for(account)[0])


@pytest.mark.django_db
def test_an_account_never_gets_separation_of_duties_or_unmask_actions(city, builtin_roles):
    for code in ("orgs.role.manage", "audit.log.view", "pii.unmask", "orgs.user.manage", "api.account.manage"):
        with pytest.raises(DomainError) as exc:
            account_with([code], unit=city["justice"])
        assert (exc.value.code, exc.value.field) == ("separation_of_duties", "actions")


@pytest.mark.django_db
def test_bad_networks_are_named(city, builtin_roles):
    with pytest.raises(DomainError) as exc:
        account_with(["orgs.unit.view"], unit=city["justice"], networks=("10.0.0.300",))
    assert (exc.value.message, exc.value.field) == ("“10.0.0.300”不是有效的 IP 地址或网段。", "allowed_networks")
    with pytest.raises(DomainError):
        account_with(["orgs.unit.view"], unit=city["justice"], networks=())


@pytest.mark.django_db
def test_the_account_actor_can_never_sign_in(account, client):
    actor = account.actor
    assert actor.is_active is False and actor.has_usable_password() is False
    assert client.login(username=actor.username, password="") is False
