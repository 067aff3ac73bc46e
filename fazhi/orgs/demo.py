"""示范市, the fictional demo city: its unit tree, unit groups, built-in roles and one login per persona.

Everything is created through the unit and user services (so it is audited like any other write), and only when
missing: running `fazhi demo` a second time finds every row already there and changes nothing. The names are the ones
real documents use (see ../shared/samples/plan_sample.txt, relative to the repository), so a plan import resolves them.

Demo accounts get the published demo password and must_change_password=False so the demo is usable at once.
Production accounts are created on the 用户管理 page with must_change_password=True: the user chooses their own
password at first login. The 三员 keep requires_otp from their roles and bind a TOTP app at first login.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction
from stdnum.cn import uscc

from .builtin import roles_seed_builtin
from .models import Role, Unit, UnitGroup, UnitKind, UnitLevel, User
from .services import unit_create, unit_group_save, user_create

DEMO_PASSWORD = "Fazhi@2026"
DEMO_ACTOR = "fazhi demo"
CITY = "示范市"
CITY_DIVISION = "370400"

K, L = UnitKind, UnitLevel


@dataclass(frozen=True)
class DemoUnit:
    code: str
    name: str
    short_name: str = ""
    aliases: tuple[str, ...] = ()
    kind: str = K.DEPARTMENT
    level: str = L.CITY
    enforcement: bool = False
    division_code: str = ""
    children: tuple[DemoUnit, ...] = field(default=())


def _dept(
    code: str, full: str, short: str, *aliases: str, enforcement: bool = False, kind: str = K.DEPARTMENT
) -> DemoUnit:
    return DemoUnit(code, f"{CITY}{full}", short, aliases, kind=kind, enforcement=enforcement)


# 市政府工作部门 and other units under the city government (names as written in documents).
CITY_DEPARTMENTS: tuple[DemoUnit, ...] = (
    _dept("C001", "人民政府办公室", "市政府办公室", "市政府办"),
    _dept("C002", "发展和改革委员会", "市发展改革委", "市发改委", "市发展和改革委", enforcement=True),
    _dept("C003", "教育局", "市教育局", enforcement=True),
    _dept("C004", "科学技术局", "市科技局"),
    _dept("C005", "工业和信息化局", "市工业和信息化局", "市工信局", enforcement=True),
    _dept("C006", "公安局", "市公安局", enforcement=True),
    _dept("C007", "民政局", "市民政局", enforcement=True),
    _dept("C008", "司法局", "市司法局", enforcement=True),
    _dept("C009", "财政局", "市财政局", enforcement=True),
    _dept(
        "C010", "人力资源和社会保障局", "市人社局", "市人力资源社会保障局", "市人力资源和社会保障局", enforcement=True
    ),
    _dept("C011", "自然资源和规划局", "市自然资源和规划局", "市自然资源局", "市自然资源规划局", enforcement=True),
    _dept("C012", "生态环境局", "市生态环境局", "市环境局", enforcement=True),
    _dept("C013", "住房和城乡建设局", "市住房城乡建设局", "市住建局", "市住房和城乡建设局", enforcement=True),
    _dept("C014", "交通运输局", "市交通运输局", "市交通局", enforcement=True),
    _dept("C015", "水利局", "市水利局", enforcement=True),
    _dept("C016", "农业农村局", "市农业农村局", "市农业局", enforcement=True),
    _dept("C017", "商务局", "市商务局", enforcement=True),
    _dept("C018", "文化广电和旅游局", "市文化广电旅游局", "市文旅局", "市文化和旅游局", enforcement=True),
    _dept("C019", "卫生健康委员会", "市卫生健康委", "市卫健委", enforcement=True),
    _dept("C020", "退役军人事务局", "市退役军人局", "市退役军人事务局"),
    _dept("C021", "应急管理局", "市应急管理局", "市应急局", enforcement=True),
    _dept("C022", "审计局", "市审计局"),
    _dept("C023", "人民政府国有资产监督管理委员会", "市国资委"),
    _dept("C024", "市场监督管理局", "市市场监管局", "市市场监督管理局", enforcement=True),
    _dept("C025", "统计局", "市统计局", enforcement=True),
    _dept("C026", "医疗保障局", "市医保局", "市医疗保障局", enforcement=True),
    _dept("C027", "城市管理局", "市城市管理局", "市城管局", "市综合执法局", enforcement=True),
    _dept("C028", "信访局", "市信访局"),
    _dept("C029", "政务服务管理局", "市政务服务局", "市政务服务管理局", "市行政审批局"),
    _dept("C030", "体育局", "市体育局", enforcement=True),
    _dept("C031", "林业局", "市林业局", enforcement=True),
    _dept("C032", "人民防空办公室", "市人防办", enforcement=True),
    _dept("C033", "粮食和物资储备局", "市粮食和储备局", enforcement=True),
    _dept("C034", "大数据局", "市大数据局"),
    _dept("C035", "机关事务管理局", "市机关事务局"),
    _dept("C036", "人民政府外事办公室", "市外办"),
    _dept("C037", "人民政府研究室", "市政府研究室"),
    _dept("C038", "住房公积金管理中心", "市公积金中心", kind=K.INSTITUTION),
    _dept("C039", "公共资源交易中心", "市公共资源交易中心", kind=K.INSTITUTION),
)

# 垂直管理 units: in the city, but not under the city government.
VERTICAL_UNITS: tuple[DemoUnit, ...] = (
    DemoUnit("V001", f"国家税务总局{CITY}税务局", "市税务局", enforcement=True),
    DemoUnit("V002", f"{CITY}消防救援支队", "市消防救援支队", ("市消防支队",), enforcement=True),
    DemoUnit("V003", f"{CITY}气象局", "市气象局", enforcement=True),
    DemoUnit("V004", f"{CITY}烟草专卖局", "市烟草专卖局", ("市烟草局",), enforcement=True),
)

PARTY = DemoUnit(
    "P000",
    f"中共{CITY}委员会",
    "市委",
    kind=K.PARTY,
    children=(
        DemoUnit(
            "P001",
            f"中共{CITY}委全面依法治市委员会办公室",
            "市委依法治市办",
            ("市依法治市办", "依法治市办"),
            kind=K.PARTY,
        ),
        DemoUnit("P002", f"中共{CITY}委机构编制委员会办公室", "市委编办", ("市编办",), kind=K.PARTY),
        DemoUnit("P003", f"中共{CITY}委办公室", "市委办公室", ("市委办",), kind=K.PARTY),
    ),
)

OTHER_ROOTS: tuple[DemoUnit, ...] = (
    DemoUnit("R000", f"{CITY}人民代表大会常务委员会", "市人大常委会", ("市人大",), kind=K.CONGRESS),
    DemoUnit("Z000", f"中国人民政治协商会议{CITY}委员会", "市政协", kind=K.CPPCC),
    DemoUnit("F000", f"{CITY}中级人民法院", "市中级人民法院", ("市中院", "市中法"), kind=K.COURT),
    DemoUnit("J000", f"{CITY}人民检察院", "市检察院", ("市人民检察院",), kind=K.PROCURATORATE),
)

DISTRICTS = (("1", "东城区", "370402"), ("2", "西城区", "370403"), ("3", "南湖区", "370404"), ("4", "北山区", "370405"))
DISTRICT_DEPARTMENTS = (  # (suffix, full name, short suffix, enforcement)
    ("01", "人民政府办公室", "政府办公室", False),
    ("02", "司法局", "司法局", True),
    ("03", "市场监督管理局", "市场监管局", True),
    ("04", "住房和城乡建设局", "住房城乡建设局", True),
    ("05", "应急管理局", "应急管理局", True),
    ("06", "综合行政执法局", "综合执法局", True),
    ("07", "教育和体育局", "教体局", True),
)
TOWNS = {  # district number → [(town, is_street, [villages])]
    "1": [("东华街道", True, ["东华社区"]), ("文昌街道", True, ["文昌社区"])],
    "2": [("西关街道", True, ["西关社区"]), ("金山镇", False, ["金山村", "石桥村"])],
    "3": [("湖滨街道", True, ["湖滨社区"]), ("南湖镇", False, ["莲花村"])],
    "4": [("北山镇", False, ["北山村"]), ("青石乡", False, ["青石村"])],
}


def _district_tree(num: str, district: str, division: str) -> DemoUnit:
    prefix = f"{CITY}{district}"
    depts = tuple(
        DemoUnit(
            f"D{num}{suffix}",
            f"{prefix}{full}",
            f"{district}{short}",
            kind=K.DEPARTMENT,
            level=L.COUNTY,
            enforcement=enf,
            division_code=division,
        )
        for suffix, full, short, enf in DISTRICT_DEPARTMENTS
    )
    towns = []
    for t, (town, is_street, villages) in enumerate(TOWNS[num], start=1):
        town_div = f"{division}{t:03d}"
        office = "办事处" if is_street else "人民政府"
        village_units = tuple(
            DemoUnit(
                f"D{num}T{t}V{v}",
                f"{prefix}{town}{village}{'居民委员会' if is_street else '村民委员会'}",
                kind=K.VILLAGE,
                level=L.VILLAGE,
                division_code=f"{town_div}{v:03d}",
            )
            for v, village in enumerate(villages, start=1)
        )
        towns.append(
            DemoUnit(
                f"D{num}T{t}",
                f"{prefix}{town}{office}",
                f"{district}{town}",
                kind=K.GOVERNMENT,
                level=L.TOWN,
                division_code=town_div,
                children=village_units,
            )
        )
    return DemoUnit(
        f"D{num}00",
        f"{prefix}人民政府",
        f"{district}人民政府",
        (f"{district}政府",),
        kind=K.GOVERNMENT,
        level=L.COUNTY,
        division_code=division,
        children=depts + tuple(towns),
    )


CITY_GOVERNMENT = DemoUnit(
    "C000",
    f"{CITY}人民政府",
    "市政府",
    (f"{CITY}政府",),
    kind=K.GOVERNMENT,
    division_code=CITY_DIVISION,
    children=CITY_DEPARTMENTS + tuple(_district_tree(*d) for d in DISTRICTS),
)
ROOTS: tuple[DemoUnit, ...] = (CITY_GOVERNMENT, PARTY, *OTHER_ROOTS, *VERTICAL_UNITS)


# GB 11714 organisation code check character (positions 9–17 of the credit code).
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def _org_code(seq: int) -> str:
    body = f"{seq:08d}"
    c = 11 - sum(int(d) * w for d, w in zip(body, _ORG_WEIGHTS, strict=True)) % 11
    return body + ("X" if c == 10 else "0" if c == 11 else str(c))


def demo_credit_code(seq: int, division: str, kind: str) -> str:
    """A valid 统一社会信用代码 (GB 32100-2015): 1 (机构编制) + 1 机关 / 2 事业单位, the division, an organisation code,
    and the mod-31 check character computed by python-stdnum."""
    first17 = "1" + ("2" if kind == K.INSTITUTION else "1") + division[:6] + _org_code(seq)
    return first17 + uscc.calc_check_digit(first17)


def _walk(units: tuple[DemoUnit, ...], parent_code: str = ""):  # type: ignore[no-untyped-def]
    for u in units:
        yield u, parent_code
        yield from _walk(u.children, u.code)


@dataclass(frozen=True)
class Persona:
    username: str
    full_name: str
    role: str
    unit_code: str
    label: str
    mobile: str
    is_liaison: bool = False


PERSONAS = (
    Persona("fazhiban", "王依法", "office_staff", "P001", "依法治市办工作人员", "13805380001"),
    Persona("fazhiban_head", "李主任", "office_head", "P001", "依法治市办负责人", "13805380002"),
    Persona("fagaiwei", "赵联络", "dept_liaison", "C002", "部门联络员（市发展改革委）", "13805380003", True),
    Persona("dongcheng", "钱联络", "district_liaison", "D100", "区县联络员（东城区）", "13805380004", True),
    Persona("fuyi", "孙复议", "reconsideration_handler", "C008", "行政复议承办人", "13805380005"),
    Persona("fuyi_head", "周科长", "reconsideration_head", "C008", "行政复议机构负责人", "13805380006"),
    Persona("gongkai", "何公开", "disclosure_handler", "C008", "政府信息公开承办人", "13805380011"),
    Persona("gongkai_head", "许主任", "disclosure_head", "C008", "政府信息公开工作机构负责人", "13805380012"),
    Persona("tiaojie", "钱和睦", "mediator", "D1T1V1", "人民调解员（东华社区人民调解委员会）", "13805380013"),
    Persona("sifasuo", "冯司法", "justice_office", "D1T1", "司法所工作人员（东华街道）", "13805380014"),
    Persona("tiaojie_admin", "蒋调处", "mediation_manager", "C008", "司法局人民调解管理人员", "13805380015"),
    Persona("xinfang", "朱信访", "petition_handler", "C028", "信访工作人员（市信访局）", "13805380018"),
    Persona("xinfang_head", "秦局长", "petition_head", "C028", "信访工作机构负责人（市信访局）", "13805380019"),
    Persona("zhujian_xinfang", "尤办理", "petition_handler", "C013", "信访工作人员（市住房城乡建设局）", "13805380020"),
    Persona("rexian", "蒋热线", "hotline_centre", "C029", "12345热线工作机构（市政务服务管理局）", "13805380021"),
    Persona(
        "zhujian_rexian", "韩承办", "hotline_handler", "C013", "12345工单承办人（市住房城乡建设局）", "13805380022"
    ),
    Persona("leader", "吴市长", "leader", "C000", "领导", "13805380007"),
    Persona("disanfang", "郑评估", "external_assessor", "P001", "第三方评估人员（仅见被指派的考核）", "13805380023"),
    Persona("sysadmin", "郑系统", "sys_admin", "C034", "系统管理员（三员）", "13805380008"),
    Persona("secadmin", "冯安全", "sec_admin", "C034", "安全管理员（三员）", "13805380009"),
    Persona("auditadmin", "陈审计", "audit_admin", "C034", "审计管理员（三员）", "13805380010"),
)


@dataclass(frozen=True)
class Login:
    username: str
    password: str
    persona: str
    unit: str
    note: str


def _units(write: Callable[[str], object]) -> dict[str, Unit]:
    existing = {u.code: u for u in Unit.objects.all()}
    taken_credit = set(Unit.objects.exclude(credit_code="").values_list("credit_code", flat=True))
    created = 0
    for seq, (d, parent_code) in enumerate(_walk(ROOTS), start=1):
        if d.code in existing:
            continue
        division = d.division_code or CITY_DIVISION
        credit = "" if d.kind == K.VILLAGE else demo_credit_code(seq, division, d.kind)
        existing[d.code] = unit_create(
            by=DEMO_ACTOR,
            parent=existing.get(parent_code),
            aliases=d.aliases,
            code=d.code,
            name=d.name,
            short_name=d.short_name,
            kind=d.kind,
            level=d.level,
            division_code=d.division_code,
            credit_code="" if credit in taken_credit else credit,
            is_enforcement_agency=d.enforcement,
            sort_order=seq,
        )
        created += 1
    write(f"单位：共 {len(existing)} 个，本次新建 {created} 个。")
    return existing


def _groups(units: dict[str, Unit], write: Callable[[str], object]) -> None:
    demo = [units[d.code] for d, _ in _walk(ROOTS) if d.code in units]
    city_depts = [units[d.code] for d in CITY_DEPARTMENTS]
    vertical = [units[d.code] for d in VERTICAL_UNITS]
    city_direct = [u for u in demo if u.level == L.CITY and u.code not in {"C000", "P000"} and u not in vertical]
    district_depts = [u for u in demo if u.level == L.COUNTY and u.kind == K.DEPARTMENT]
    district_govs = [units[f"D{num}00"] for num, _, _ in DISTRICTS]
    enforcement = [u for u in demo if u.is_enforcement_agency]
    specs = [
        (
            "G01",
            "市直各单位",
            ["市直有关单位", "市直各部门单位"],
            city_direct,
            "市级党政机关、人大、政协、法院、检察院和政府部门",
        ),
        ("G02", "市(区)直各单位", ["市（区）直各单位"], city_direct + district_depts, "市直各单位和各区区直部门"),
        (
            "G03",
            "市(省)直各单位",
            ["市（省）直各单位"],
            city_direct + vertical,
            "市直各单位和驻市的省直（垂直管理）单位",
        ),
        ("G04", "各区人民政府", ["各区政府"], district_govs, "东城区、西城区、南湖区、北山区人民政府"),
        ("G05", "各行政执法部门", ["各执法部门", "各行政执法单位"], enforcement, "市、区两级行政执法部门"),
        ("G06", "市政府各部门", ["市政府各工作部门", "市政府各有关部门"], city_depts, "市政府工作部门和直属单位"),
    ]
    changed = 0
    for code, name, aliases, members, description in specs:
        group = UnitGroup.objects.filter(code=code).first()
        wanted = sorted(u.pk for u in members)
        if group is not None and sorted(group.members.values_list("id", flat=True)) == wanted:
            continue
        unit_group_save(
            by=DEMO_ACTOR, group=group, code=code, name=name, aliases=aliases, members=members, description=description
        )
        changed += 1
    write(f"单位分组：{len(specs)} 个，本次新建或更新 {changed} 个。")


def _users(units: dict[str, Unit], roles: dict[str, Role], write: Callable[[str], object]) -> list[Login]:
    logins = []
    created = 0
    password_hash = ""
    for p in PERSONAS:
        if not User.objects.filter(username=p.username).exists():
            password_hash = password_hash or make_password(DEMO_PASSWORD)  # one PBKDF2 run for all demo accounts
            user_create(
                by=DEMO_ACTOR,
                username=p.username,
                full_name=p.full_name,
                unit=units[p.unit_code],
                roles=[roles[p.role]],
                password=DEMO_PASSWORD,
                mobile=p.mobile,
                is_liaison=p.is_liaison,
                must_change_password=False,
                password_hash=password_hash,
            )
            created += 1
        note = "三员：首次登录须绑定动态口令（TOTP）" if roles[p.role].requires_otp else ""
        logins.append(Login(p.username, DEMO_PASSWORD, p.label, units[p.unit_code].display_name, note))
    write(f"演示账号：{len(PERSONAS)} 个，本次新建 {created} 个。")
    return logins


@transaction.atomic
def demo_city_build(write: Callable[[str], object] = lambda s: None) -> list[Login]:
    """Build 示范市's units, groups, built-in roles and persona logins (idempotent). Returns the logins to print."""
    roles = {r.code: r for r in roles_seed_builtin()}
    units = _units(write)
    _groups(units, write)
    return _users(units, roles, write)
