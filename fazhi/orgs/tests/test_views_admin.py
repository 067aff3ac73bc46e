"""Management pages: scoped reads with 404 parity, optimistic edits, 三员分立, masked phones and audited unmasking."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fazhi.audit.models import AuditEvent
from fazhi.core.errors import DomainError
from fazhi.orgs.models import DataScope, Unit, User
from fazhi.orgs.services import user_roles_set
from fazhi.orgs.tests.factories import UserFactory, user_with

USER_ADMIN = ["orgs.user.view", "orgs.user.manage"]
UNIT_ADMIN = ["orgs.unit.view", "orgs.unit.manage", "orgs.unit.import"]


@pytest.fixture
def district_admin(city):
    """A user administrator whose data scope is 东城区政府 and below."""
    return user_with(USER_ADMIN, unit=city["district"], scope=DataScope.UNIT_AND_BELOW)


def test_a_user_outside_the_admins_scope_is_the_same_404_as_a_missing_one(city, district_admin, login_client):
    # given a user in the city justice bureau, outside the district administrator's scope
    outsider = UserFactory(unit=city["justice"], mobile="13812345678")
    client = login_client(district_admin)
    # when the administrator opens, edits or resets that user, or a user id that does not exist
    missing = User.objects.order_by("-pk").first().pk + 100
    for name in ("orgs:user_detail", "orgs:user_edit", "orgs:user_password_reset"):
        assert client.get(reverse(name, args=[outsider.pk])).status_code == 404
        assert client.get(reverse(name, args=[missing])).status_code == 404
    # then the list does not show the outsider either, and nothing was written
    listing = client.get(reverse("orgs:user_list")).content.decode()
    assert outsider.username not in listing
    assert client.post(reverse("orgs:user_edit", args=[outsider.pk]), {"full_name": "x"}).status_code == 404
    assert User.objects.get(pk=outsider.pk).full_name == outsider.full_name


def test_a_user_inside_the_scope_can_be_opened_and_edited(city, district_admin, login_client):
    insider = UserFactory(unit=city["district_market"])
    client = login_client(district_admin)
    assert client.get(reverse("orgs:user_detail", args=[insider.pk])).status_code == 200
    resp = client.post(
        reverse("orgs:user_edit", args=[insider.pk]),
        {
            "full_name": "新名字",
            "unit": city["district_market"].pk,
            "mobile": "",
            "is_active": "on",
            "version": insider.version,
        },
    )
    assert resp.status_code == 302
    assert User.objects.get(pk=insider.pk).full_name == "新名字"


def test_a_stale_user_edit_gets_the_chinese_conflict_message(city, district_admin, login_client):
    insider = UserFactory(unit=city["district_market"])
    client = login_client(district_admin)
    data = {"full_name": "甲", "unit": city["district_market"].pk, "is_active": "on", "version": insider.version}
    assert client.post(reverse("orgs:user_edit", args=[insider.pk]), data).status_code == 302
    resp = client.post(reverse("orgs:user_edit", args=[insider.pk]), {**data, "full_name": "乙"})  # same old version
    assert resp.status_code == 200
    assert "该记录已被他人修改，请刷新后重试。" in resp.content.decode()
    assert User.objects.get(pk=insider.pk).full_name == "甲"


def test_a_stale_unit_edit_gets_the_chinese_conflict_message(city, login_client):
    admin = user_with(UNIT_ADMIN, scope=DataScope.ALL)
    client = login_client(admin)
    unit = city["finance"]
    data = {
        "code": unit.code,
        "name": unit.name,
        "short_name": "财政",
        "aliases": "市财政、财政局",
        "parent": city["gov"].pk,
        "kind": unit.kind,
        "level": unit.level,
        "sort_order": 0,
        "version": unit.version,
    }
    assert client.post(reverse("orgs:unit_edit", args=[unit.pk]), data).status_code == 302
    unit.refresh_from_db()
    assert unit.short_name == "财政"
    assert sorted(unit.aliases.values_list("name", flat=True)) == ["市财政", "财政局"]
    resp = client.post(reverse("orgs:unit_edit", args=[unit.pk]), {**data, "short_name": "别的"})
    assert "该记录已被他人修改，请刷新后重试。" in resp.content.decode()
    assert Unit.objects.get(pk=unit.pk).short_name == "财政"


def test_an_invalid_credit_code_is_shown_next_to_the_field(city, login_client):
    client = login_client(user_with(UNIT_ADMIN, scope=DataScope.ALL))
    resp = client.post(
        reverse("orgs:unit_create"),
        {
            "code": "N1",
            "name": "示范市新单位",
            "kind": "department",
            "level": "city",
            "credit_code": "11370400000000019A",
        },
    )
    assert resp.status_code == 200
    assert "统一社会信用代码：统一社会信用代码校验位错误，请核对。" in resp.content.decode()
    assert not Unit.objects.filter(code="N1").exists()


def test_unit_tree_search_finds_a_unit_by_alias(city, login_client, persona):
    from fazhi.orgs.services import unit_alias_add

    unit_alias_add(by="test", unit=city["market"], alias="市市场监督局")
    client = login_client(persona("office_staff", "justice"))
    html = client.get(reverse("orgs:unit_list"), {"q": "市场监督局"}).content.decode()
    assert "示范市市场监督管理局" in html
    assert "示范市财政局" not in html


def test_the_phone_is_masked_and_unmasking_is_audited_each_time(city, login_client):
    # given a user with a phone number and a viewer holding pii.unmask
    target = UserFactory(unit=city["justice"], mobile="13812345678")
    viewer = user_with(["orgs.user.view", "pii.unmask"], unit=city["justice"])
    client = login_client(viewer)
    # when the viewer opens the user: only the masked number is shown
    html = client.get(reverse("orgs:user_detail", args=[target.pk])).content.decode()
    assert "138****5678" in html
    assert "13812345678" not in html
    assert "显示完整" in html
    # and each "显示完整" shows the number and leaves an audit row
    for n in (1, 2):
        html = client.post(reverse("orgs:user_unmask", args=[target.pk])).content.decode()
        assert "13812345678" in html
        events = AuditEvent.objects.filter(action="pii.unmasked", object_id=str(target.pk))
        assert events.count() == n
    event = events.first()
    assert event.actor_id == viewer.pk
    assert event.summary == {"field": "mobile"}


def test_without_pii_unmask_the_full_phone_is_refused_and_not_audited(city, login_client):
    target = UserFactory(unit=city["justice"], mobile="13812345678")
    client = login_client(user_with(["orgs.user.view"], unit=city["justice"]))
    html = client.get(reverse("orgs:user_detail", args=[target.pk])).content.decode()
    assert "显示完整" not in html
    resp = client.post(reverse("orgs:user_unmask", args=[target.pk]))
    assert resp.status_code == 403
    assert "13812345678" not in resp.content.decode()
    assert not AuditEvent.objects.filter(action="pii.unmasked").exists()


def test_the_user_list_shows_masked_phones(city, district_admin, login_client):
    UserFactory(unit=city["district"], mobile="13912345678")
    html = login_client(district_admin).get(reverse("orgs:user_list")).content.decode()
    assert "139****5678" in html
    assert "13912345678" not in html


def test_two_of_the_three_admin_roles_on_one_account_are_refused(city, builtin_roles):
    user = UserFactory(unit=city["justice"], roles=[builtin_roles["office_staff"]])
    with pytest.raises(DomainError) as exc:
        user_roles_set(by="test", user=user, roles=[builtin_roles["sys_admin"], builtin_roles["audit_admin"]])
    assert exc.value.code == "separation_of_duties"
    assert list(user.roles.values_list("code", flat=True)) == ["office_staff"]


def test_the_roles_page_refuses_a_second_admin_role_with_a_chinese_message(city, builtin_roles, login_client):
    # given a role administrator (without OTP, for the test client) and a system administrator account
    granter = user_with(["orgs.user.view", "orgs.role.view", "orgs.role.manage"], scope=DataScope.ALL)
    target = UserFactory(unit=city["justice"], roles=[builtin_roles["sys_admin"]])
    client = login_client(granter)
    # when the granter adds the audit administrator role as well
    resp = client.post(
        reverse("orgs:user_roles", args=[target.pk]),
        {"roles": [builtin_roles["sys_admin"].pk, builtin_roles["audit_admin"].pk]},
    )
    # then the page says why and the roles are unchanged
    assert resp.status_code == 200
    assert "三员分立：同一账号不能同时担任" in resp.content.decode()
    assert list(target.roles.values_list("code", flat=True)) == ["sys_admin"]
    assert not AuditEvent.objects.filter(action="user.roles_set").exists()


def test_the_audit_admin_cannot_reach_user_or_role_management(city, builtin_roles, login_client, persona):
    auditor = persona("audit_admin", "justice")
    other = UserFactory(unit=city["justice"])
    role = builtin_roles["office_staff"]
    User.is_verified = lambda self: True  # type: ignore[attr-defined]  # the OTP step is tested in test_login_security
    try:
        client = login_client(auditor)
        for url in (
            reverse("orgs:user_list"),
            reverse("orgs:user_create"),
            reverse("orgs:user_detail", args=[other.pk]),
            reverse("orgs:user_roles", args=[other.pk]),
            reverse("orgs:role_list"),
            reverse("orgs:role_edit", args=[role.pk]),
            reverse("orgs:unit_create"),
        ):
            assert client.get(url).status_code == 404, url
    finally:
        del User.is_verified


def test_the_audit_admin_role_cannot_be_given_user_management(builtin_roles):
    from fazhi.orgs.services import role_save

    role = builtin_roles["audit_admin"]
    with pytest.raises(DomainError) as exc:
        role_save(
            by="test",
            role=role,
            code=role.code,
            name=role.name,
            actions=[*role.actions, "orgs.user.manage"],
            data_scope=role.data_scope,
        )
    assert exc.value.code == "separation_of_duties"


def test_role_edit_page_saves_actions_and_custom_scope(city, builtin_roles, login_client):
    client = login_client(user_with(["orgs.role.view", "orgs.role.manage"], scope=DataScope.ALL))
    role = builtin_roles["dept_liaison"]
    page = client.get(reverse("orgs:role_edit", args=[role.pk])).content.decode()
    assert "组织与权限" in page  # actions are grouped by module
    resp = client.post(
        reverse("orgs:role_edit", args=[role.pk]),
        {
            "code": role.code,
            "name": role.name,
            "data_scope": "custom",
            "custom_units": [city["justice"].pk],
            "actions": ["orgs.unit.view"],
            "version": role.version,
        },
    )
    assert resp.status_code == 302
    role.refresh_from_db()
    assert role.data_scope == "custom"
    assert role.actions == ["orgs.unit.view"]
    assert list(role.custom_units.all()) == [city["justice"]]


def test_a_user_is_created_with_an_initial_password_to_change(city, login_client):
    admin = user_with(USER_ADMIN, unit=city["district"], scope=DataScope.UNIT_AND_BELOW)
    client = login_client(admin)
    resp = client.post(
        reverse("orgs:user_create"),
        {
            "username": "zhangsan",
            "full_name": "张三",
            "unit": city["district_market"].pk,
            "mobile": "13700001111",
            "password": "Chu-shi-2026",
        },
    )
    assert resp.status_code == 302
    user = User.objects.get(username="zhangsan")
    assert user.must_change_password is True
    assert user.mobile == "13700001111"
    # a unit outside the administrator's scope is not even offered
    resp = client.post(
        reverse("orgs:user_create"),
        {"username": "lisi", "full_name": "李四", "unit": city["justice"].pk, "password": "Chu-shi-2026"},
    )
    assert resp.status_code == 200
    assert not User.objects.filter(username="lisi").exists()


@pytest.mark.parametrize("url_name", ["orgs:unit_list", "orgs:group_list", "orgs:unit_import"])
def test_unit_pages_render_for_a_unit_admin(city, login_client, url_name):
    client = login_client(user_with(UNIT_ADMIN, scope=DataScope.ALL))
    assert client.get(reverse(url_name)).status_code == 200


def test_the_export_download_is_an_xlsx_and_audited(city, login_client):
    client = login_client(user_with(UNIT_ADMIN, scope=DataScope.ALL))
    resp = client.get(reverse("orgs:unit_export"))
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
    assert resp.content.startswith(b"PK")
    assert AuditEvent.objects.filter(action="unit.exported").count() == 1
    assert client.get(reverse("orgs:unit_template")).content.startswith(b"PK")


def test_a_unit_with_active_children_cannot_be_deactivated(city, login_client):
    client = login_client(user_with(UNIT_ADMIN, scope=DataScope.ALL))
    resp = client.post(reverse("orgs:unit_active", args=[city["district"].pk]), {"active": "0"}, follow=True)
    assert "该单位还有启用的下级单位" in resp.content.decode()
    assert Unit.objects.get(pk=city["district"].pk).is_active is True
    client.post(reverse("orgs:unit_active", args=[city["district_market"].pk]), {"active": "0"})
    assert Unit.objects.get(pk=city["district_market"].pk).is_active is False


ALL_ORGS_ACTIONS = [*UNIT_ADMIN, *USER_ADMIN, "orgs.user.unlock", "orgs.role.view", "orgs.role.manage", "pii.unmask"]


def test_every_management_page_renders(city, builtin_roles, login_client):
    from fazhi.orgs.services import unit_group_save

    admin = user_with(ALL_ORGS_ACTIONS, scope=DataScope.ALL)
    other = UserFactory(unit=city["justice"], mobile="13812345678")
    group = unit_group_save(
        by="test", group=None, code="G1", name="各区人民政府", aliases=[], members=[city["district"]]
    )
    client = login_client(admin)
    urls = [
        reverse("orgs:unit_list"),
        reverse("orgs:unit_create"),
        reverse("orgs:unit_edit", args=[city["justice"].pk]),
        f"{reverse('orgs:unit_create')}?parent={city['gov'].pk}",
        reverse("orgs:unit_import"),
        reverse("orgs:group_list"),
        reverse("orgs:group_create"),
        reverse("orgs:group_edit", args=[group.pk]),
        reverse("orgs:user_list"),
        reverse("orgs:user_create"),
        reverse("orgs:user_detail", args=[other.pk]),
        reverse("orgs:user_edit", args=[other.pk]),
        reverse("orgs:user_roles", args=[other.pk]),
        reverse("orgs:user_password_reset", args=[other.pk]),
        reverse("orgs:role_list"),
        reverse("orgs:role_create"),
        reverse("orgs:role_edit", args=[builtin_roles["sys_admin"].pk]),
    ]
    for url in urls:
        resp = client.get(url)
        assert resp.status_code == 200, url
        assert "viewport" in resp.content.decode()  # the phone-friendly base layout


def test_group_members_are_picked_and_saved(city, login_client):
    from fazhi.orgs.models import UnitGroup

    client = login_client(user_with(UNIT_ADMIN, scope=DataScope.ALL))
    resp = client.post(
        reverse("orgs:group_create"),
        {
            "code": "G05",
            "name": "各行政执法部门",
            "aliases": "各执法部门",
            "members": [city["market"].pk, city["justice"].pk],
        },
    )
    assert resp.status_code == 302
    group = UnitGroup.objects.get(code="G05")
    assert sorted(group.members.values_list("code", flat=True)) == ["C001", "C002"]
    assert group.aliases == ["各执法部门"]
    resp = client.post(reverse("orgs:group_create"), {"code": "G05", "name": "另一个"})
    assert "分组编码“G05”已存在。" in resp.content.decode()


def test_a_locked_user_is_unlocked_by_the_holder_of_unlock(city, login_client):
    from django.utils import timezone

    target = UserFactory(
        unit=city["justice"], failed_logins=5, locked_until=timezone.now() + timezone.timedelta(minutes=30)
    )
    client = login_client(user_with(["orgs.user.view", "orgs.user.unlock"], scope=DataScope.ALL))
    assert "解锁" in client.get(reverse("orgs:user_detail", args=[target.pk])).content.decode()
    assert client.post(reverse("orgs:user_unlock", args=[target.pk])).status_code == 302
    target.refresh_from_db()
    assert (target.failed_logins, target.locked_until) == (0, None)
    assert AuditEvent.objects.filter(action="user.unlocked", object_id=str(target.pk)).count() == 1


def test_a_password_reset_forces_a_change_at_next_login(city, login_client):
    target = UserFactory(unit=city["justice"])
    client = login_client(user_with(USER_ADMIN, scope=DataScope.ALL))
    resp = client.post(reverse("orgs:user_password_reset", args=[target.pk]), {"password": "short"})
    assert resp.status_code == 200
    assert "密码" in resp.content.decode()
    assert (
        client.post(reverse("orgs:user_password_reset", args=[target.pk]), {"password": "Xin-Mi-ma-2026"}).status_code
        == 302
    )
    target.refresh_from_db()
    assert target.must_change_password is True
    assert target.check_password("Xin-Mi-ma-2026")
