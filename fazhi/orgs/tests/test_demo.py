"""`fazhi demo` builds 示范市 and is idempotent: a second run changes nothing."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from fazhi.audit.models import AuditEvent
from fazhi.orgs.demo import DEMO_PASSWORD, demo_city_build
from fazhi.orgs.models import Role, Unit, UnitAlias, UnitGroup, User
from fazhi.orgs.selectors import units_resolve

PLAN_SAMPLE_NAMES = [
    "市委编办",
    "市司法局",
    "市政务服务局",
    "市发展改革委",
    "市发改委",
    "市市场监管局",
    "市人社局",
    "市财政局",
    "市政府办公室",
    "市生态环境局",
    "市应急管理局",
    "市住房城乡建设局",
    "市交通运输局",
    "市文化广电旅游局",
    "市城市管理局",
    "市中院",
    "市中法",
    "市信访局",
    "市委依法治市办",
]
PLAN_SAMPLE_GROUPS = [
    "市(区)直各单位",
    "市（区）直各单位",
    "各区人民政府",
    "各行政执法部门",
    "市(省)直各单位",
    "市直各单位",
]


def _counts() -> dict[str, int]:
    return {
        "units": Unit.objects.count(),
        "aliases": UnitAlias.objects.count(),
        "groups": UnitGroup.objects.count(),
        "members": UnitGroup.members.through.objects.count(),
        "users": User.objects.count(),
        "roles": Role.objects.count(),
        "user_roles": User.roles.through.objects.count(),
        "audit": AuditEvent.objects.count(),
        "versions": sum(Unit.objects.values_list("version", flat=True)),
    }


def test_building_the_demo_city_twice_changes_nothing(db):
    demo_city_build()
    first = _counts()
    passwords = dict(User.objects.values_list("username", "password"))
    demo_city_build()
    assert _counts() == first
    assert dict(User.objects.values_list("username", "password")) == passwords


def test_the_demo_command_twice_adds_no_rows_and_no_audit_events(db):
    call_command("demo", stdout=StringIO())
    first = _counts()
    out = StringIO()
    call_command("demo", stdout=out)
    assert _counts() == first
    assert "fazhiban" in out.getvalue()
    assert "首次登录须绑定动态口令" in out.getvalue()


def test_the_demo_city_resolves_every_unit_name_of_the_sample_plan(db):
    demo_city_build()
    for name in PLAN_SAMPLE_NAMES:
        assert units_resolve(name).unit is not None, name
    for name in PLAN_SAMPLE_GROUPS:
        resolution = units_resolve(name)
        assert resolution.group is not None, name
        assert resolution.units, name
    assert units_resolve("市发改委").unit.name == "示范市发展和改革委员会"
    assert units_resolve("市中法").unit.name == "示范市中级人民法院"
    assert len(units_resolve("各区人民政府").units) == 4


def test_the_demo_city_has_valid_codes_and_a_sensible_shape(db):
    from fazhi.core.validators import validate_credit_code, validate_division_code

    demo_city_build()
    gov = Unit.objects.get(name="示范市人民政府")
    assert gov.level == "city"
    assert gov.division_code == "370400"
    for u in Unit.objects.exclude(credit_code=""):
        assert validate_credit_code(u.credit_code) == u.credit_code
    for u in Unit.objects.exclude(division_code=""):
        assert validate_division_code(u.division_code) == u.division_code
    assert Unit.objects.filter(parent=gov, kind="department", level="city").count() >= 35
    for district in ("东城区", "西城区", "南湖区", "北山区"):
        d = Unit.objects.get(name=f"示范市{district}人民政府")
        assert Unit.objects.filter(parent=d, kind="department").count() >= 6
    assert Unit.objects.filter(level="town").count() >= 4
    assert Unit.objects.filter(level="village").count() >= 4


def test_demo_personas_log_in_at_once_and_the_three_admins_need_otp(db):
    demo_city_build()
    expected = {
        "fazhiban": ("office_staff", "中共示范市委全面依法治市委员会办公室"),
        "fazhiban_head": ("office_head", None),
        "fagaiwei": ("dept_liaison", "示范市发展和改革委员会"),
        "dongcheng": ("district_liaison", "示范市东城区人民政府"),
        "fuyi": ("reconsideration_handler", "示范市司法局"),
        "fuyi_head": ("reconsideration_head", "示范市司法局"),
        "leader": ("leader", None),
        "sysadmin": ("sys_admin", None),
        "secadmin": ("sec_admin", None),
        "auditadmin": ("audit_admin", None),
    }
    for username, (role, unit_name) in expected.items():
        user = User.objects.get(username=username)
        assert user.check_password(DEMO_PASSWORD)
        assert user.must_change_password is False
        assert [r.code for r in user.roles.all()] == [role]
        if unit_name:
            assert user.unit.name == unit_name
        assert user.roles.get().requires_otp is (role in {"sys_admin", "sec_admin", "audit_admin"})
    assert User.objects.get(username="fagaiwei").is_liaison
    assert User.objects.get(username="dongcheng").is_liaison
