"""The security administrator's pages: create an account, issue a key (shown once, never cached), rotate, revoke.
Nobody else may open them (三员)."""

import re

import pytest

from fazhi.api.models import ApiKey, IntegrationAccount
from fazhi.api.tests.factories import account_with


@pytest.mark.django_db
def test_the_security_administrator_creates_an_account_and_sees_its_key_once(city, persona, login_client):
    client = login_client(persona("sec_admin", "justice"))
    resp = client.post(
        "/api/accounts/new/",
        {
            "name": "省行政复议平台",
            "unit": city["justice"].pk,
            "actions": ["orgs.unit.view", "orgs.user.view"],
            "data_scope": "unit_and_below",
            "allowed_networks": "10.20.0.0/16\n10.30.1.5",
            "is_active": "on",
        },
    )
    account = IntegrationAccount.objects.get(name="省行政复议平台")
    assert resp.status_code == 302 and resp.url == f"/api/accounts/{account.pk}/"
    assert account.allowed_networks == ["10.20.0.0/16", "10.30.1.5/32"]
    issued = client.post(f"/api/accounts/{account.pk}/", {"label": "生产环境"})
    html = issued.content.decode()
    shown = re.findall(r"fzk_[a-z2-9]{10}_[A-Za-z0-9_-]{43}", html)
    assert len(shown) == 1 and issued["Cache-Control"] == "no-store"
    again = client.get(f"/api/accounts/{account.pk}/").content.decode()
    assert shown[0] not in again and f"fzk_{ApiKey.objects.get().prefix}_…" in again


@pytest.mark.django_db
def test_a_refused_account_form_keeps_what_was_typed_and_names_the_field(city, persona, login_client):
    client = login_client(persona("sec_admin", "justice"))
    resp = client.post(
        "/api/accounts/new/",
        {"name": "坏地址系统", "unit": city["justice"].pk, "data_scope": "unit", "allowed_networks": "not-an-ip"},
    )
    html = resp.content.decode()
    assert resp.status_code == 200 and "“not-an-ip”不是有效的 IP 地址或网段。" in html
    assert 'value="坏地址系统"' in html and not IntegrationAccount.objects.exists()


@pytest.mark.django_db
def test_rotate_and_revoke_from_the_page(city, persona, login_client):
    from fazhi.api.tests.factories import key_for

    client = login_client(persona("sec_admin", "justice"))
    account = account_with(["orgs.unit.view"], unit=city["justice"])
    key, _ = key_for(account)
    rotated = client.post(f"/api/keys/{key.pk}/rotate/", {"grace_hours": "0"})
    assert len(re.findall(r"fzk_[a-z2-9]{10}_[A-Za-z0-9_-]{43}", rotated.content.decode())) == 1
    new = ApiKey.objects.get(replaces=key)
    assert client.post(f"/api/keys/{new.pk}/revoke/").status_code == 302
    assert ApiKey.objects.filter(revoked_at=None).count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["sys_admin", "audit_admin", "office_staff"])
def test_other_roles_cannot_open_the_pages(city, persona, login_client, role):
    account = account_with(["orgs.unit.view"], unit=city["justice"])
    client = login_client(persona(role, "justice"))
    for url in ("/api/accounts/", "/api/accounts/new/", f"/api/accounts/{account.pk}/"):
        assert client.get(url).status_code == 404
    assert client.post(f"/api/accounts/{account.pk}/", {"label": "x"}).status_code == 404
    assert not ApiKey.objects.exists()
