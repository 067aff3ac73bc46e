"""Role × action × data scope (STYLE principle 4; issue #2 done-means).

1. Every policy of every module denies every action to a user without roles, and any unlisted action to everyone.
2. Data scopes: 全部 / 本单位 / 本单位及下级 / 仅本人 / 自定义单位, and the union over several roles.
3. 三员: the audit administrator reads logs but cannot manage users or roles; the others cannot read the audit log.
4. A denied request returns the same 404 as a record that does not exist and changes nothing.
"""

from __future__ import annotations

import importlib
import re

import pytest
from django.apps import apps

from fazhi.audit.models import AuditEvent
from fazhi.core.policy import Policy
from fazhi.orgs.models import DataScope
from fazhi.orgs.policies import RolePolicy, UserPolicy
from fazhi.orgs.tests.factories import RoleFactory, UserFactory


def _all_policies() -> list[type[Policy]]:
    for cfg in apps.get_app_configs():
        if cfg.name.startswith("fazhi."):
            try:
                importlib.import_module(f"{cfg.name}.policies")
            except ModuleNotFoundError as exc:
                if exc.name != f"{cfg.name}.policies":
                    raise
    found, stack = [], list(Policy.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if getattr(cls, "model", None) is not None:
            found.append(cls)
    return sorted(found, key=lambda c: c.__module__ + c.__name__)


POLICIES = _all_policies()


def test_every_module_policy_is_discovered():
    names = {p.__name__ for p in POLICIES}
    assert {"UnitPolicy", "UserPolicy", "RolePolicy", "AuditPolicy", "LoginLogPolicy", "JobPolicy"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize("policy", POLICIES, ids=[p.__name__ for p in POLICIES])
def test_a_user_without_roles_is_denied_everything(policy, city):
    nobody = UserFactory(unit=city["market"], roles=[])
    for action in [*policy.rules, "no-such-action"]:
        assert policy.visible(nobody, action).count() == 0, f"{policy.__name__}.{action} leaks rows"
        instance = policy.model._default_manager.first()
        assert policy.can(nobody, action, instance) is False, f"{policy.__name__}.{action} allowed"


@pytest.mark.django_db
@pytest.mark.parametrize("policy", POLICIES, ids=[p.__name__ for p in POLICIES])
def test_unlisted_actions_are_denied_even_to_a_role_with_every_action_and_all_data(policy, city):
    from fazhi.core.actions import ACTIONS

    god = UserFactory(unit=city["justice"], roles=[RoleFactory(actions=sorted(ACTIONS), data_scope=DataScope.ALL)])
    assert policy.can(god, "no-such-action", policy.model._default_manager.first()) is False
    assert policy.visible(god, "no-such-action").count() == 0


SCOPE_CASES = [
    # scope, custom units, visible users' units
    (DataScope.ALL, [], {"gov", "justice", "market", "finance", "district", "district_market"}),
    (DataScope.UNIT, [], {"district"}),
    (DataScope.UNIT_AND_BELOW, [], {"district", "district_market"}),
    (DataScope.CUSTOM, ["market", "finance"], {"market", "finance"}),
    (DataScope.SELF, [], set()),  # users have no owner: 仅本人 sees no user records
]


@pytest.mark.django_db
@pytest.mark.parametrize(("scope", "custom", "expected"), SCOPE_CASES, ids=[c[0] for c in SCOPE_CASES])
def test_data_scope_limits_user_records(city, scope, custom, expected):
    # given one user in each unit and a viewer in the district government
    members = {key: UserFactory(unit=unit, username=f"member_{key}") for key, unit in city.items()}
    role = RoleFactory(actions=["orgs.user.view", "orgs.user.manage"], data_scope=scope)
    role.custom_units.set([city[k] for k in custom])
    viewer = UserFactory(unit=city["district"], roles=[role], username="viewer")
    # when the viewer lists users / opens each one
    visible = set(UserPolicy.visible(viewer, "view").exclude(pk=viewer.pk).values_list("username", flat=True))
    # then exactly the scoped units' members are visible, and object checks agree with the list
    assert visible == {f"member_{k}" for k in expected}
    for key, member in members.items():
        assert UserPolicy.can(viewer, "manage", member) is (key in expected)


@pytest.mark.django_db
def test_several_roles_give_the_union_of_actions_and_scopes(city):
    a = RoleFactory(actions=["orgs.user.view"], data_scope=DataScope.UNIT)
    b = RoleFactory(actions=["orgs.role.view"], data_scope=DataScope.CUSTOM)
    b.custom_units.set([city["finance"]])
    viewer = UserFactory(unit=city["market"], roles=[a, b])
    UserFactory(unit=city["finance"], username="fin")
    UserFactory(unit=city["justice"], username="jus")
    assert set(UserPolicy.visible(viewer, "view").values_list("username", flat=True)) == {viewer.username, "fin"}
    assert RolePolicy.can(viewer, "view") is True
    assert RolePolicy.can(viewer, "manage") is False


@pytest.mark.django_db
def test_three_admins_are_separated(persona):
    from fazhi.audit.policies import AuditPolicy

    auditor, sysadmin, secadmin = persona("audit_admin"), persona("sys_admin"), persona("sec_admin")
    assert (AuditPolicy.can(auditor, "view"), AuditPolicy.can(auditor, "export")) == (True, True)
    assert (UserPolicy.can(auditor, "manage", sysadmin), RolePolicy.can(auditor, "manage")) == (False, False)
    assert (AuditPolicy.can(sysadmin, "view"), AuditPolicy.can(secadmin, "view")) == (False, False)
    assert UserPolicy.can(sysadmin, "manage", auditor) is True
    assert RolePolicy.can(secadmin, "manage") is True and RolePolicy.can(sysadmin, "manage") is False


@pytest.mark.django_db
def test_denied_pages_answer_like_missing_ones_and_change_nothing(persona, login_client):
    liaison = persona("dept_liaison", "market")
    client = login_client(liaison)
    before = AuditEvent.objects.count()
    denied = client.get("/audit/events/")
    export = client.get("/audit/events/export/")
    missing = client.get("/jobs/999999/")
    assert denied.status_code == export.status_code == missing.status_code == 404
    # identical pages, apart from the per-response masked CSRF token
    strip = lambda r: re.sub(rb'("X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+"', b"", r.content)  # noqa: E731
    assert strip(denied) == strip(missing)
    assert AuditEvent.objects.count() == before


@pytest.mark.django_db
def test_the_audit_export_is_itself_audited(persona, login_client):
    auditor = persona("audit_admin")
    client = login_client(auditor)
    resp = client.get("/audit/events/export/")
    assert resp.status_code == 200
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
    assert AuditEvent.objects.filter(action="audit.exported", actor=auditor).count() == 1
