"""Demo step: 12345 work orders for the demo city, dated from today (idempotent): one waiting at the centre, one
dispatched (not yet signed), one being handled, one returned and finally ruled to the 市住房城乡建设局, two visited
(satisfied, unsatisfied), one diverted to 行政复议, one consultation answered by the centre."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from fazhi.core.actions import register_demo_step

CENTRE, BODY, OTHER = "C029", "C013", "C027"
SOURCE = "12345-demo"


def demo_hotline(write: Callable[[str], object] = print) -> None:
    from fazhi.cases.models import Case
    from fazhi.cases.services import PartyInput, today_local
    from fazhi.orgs.models import Unit

    from . import services as s

    units = {u.code: u for u in Unit.objects.filter(code__in=[CENTRE, BODY, OTHER])}
    if len(units) < 3:
        write("未找到市政务服务管理局、市住房城乡建设局或市城市管理局，跳过12345示范工单。")
        return
    if Case.objects.filter(docket="hotline", extra__source=SOURCE).exists():
        write("12345示范工单已存在，跳过。")
        return
    centre, body, other = units[CENTRE], units[BODY], units[OTHER]
    demo_tree(body, other, write)
    today = today_local()

    def ago(n: int) -> dt.date:
        return today - dt.timedelta(days=n)

    def new(i: int, received: dt.date, type: str, category: str, content: str, area: str = "东城区") -> Case:
        return s.hotline_register(
            by=None,
            centre=centre,
            source=SOURCE,
            source_id=f"DEMO-{i:04d}",
            received_on=received,
            type=type,
            category=category,
            content=content,
            caller=PartyInput(role="applicant", name=f"市民{i}", phone=f"1390000{i:04d}"),
            area=area,
        )

    new(1, today, "help", "housing", "楼道灯损坏，夜间无照明")
    c2 = new(2, ago(1), "complaint", "heating", "小区供暖温度不达标")
    s.order_dispatch(case=c2, by=None, on=ago(1), to_unit=body)
    c3 = new(3, ago(4), "complaint", "city", "夜间施工噪音扰民")
    s.order_dispatch(case=c3, by=None, on=ago(4), to_unit=other)
    s.order_sign(case=c3, by=None, on=ago(3))
    c4 = new(4, ago(12), "complaint", "housing", "物业擅自提高停车费")
    s.order_dispatch(case=c4, by=None, on=ago(12), to_unit=other)
    s.order_return(case=c4, by=None, on=ago(11), reason="not_our_duty", note="属于住房城乡建设部门物业监管职责")
    s.order_dispatch(case=c4, by=None, on=ago(10), to_unit=body, final=True)
    s.order_sign(case=c4, by=None, on=ago(10))
    s.order_reply(case=c4, by=None, on=ago(6), content="已约谈物业，恢复原收费标准")
    s.order_visit(case=c4, by=None, on=ago(5), satisfaction="satisfied", solved=True)
    c5 = new(5, ago(20), "help", "heating", "暖气管道漏水", area="西城区")
    s.order_dispatch(case=c5, by=None, on=ago(20), to_unit=body)
    s.order_sign(case=c5, by=None, on=ago(18))
    s.order_reply(case=c5, by=None, on=ago(9), content="已安排维修")
    s.order_visit(case=c5, by=None, on=ago(8), satisfaction="unsatisfied", solved=False, note="维修不及时")
    c6 = new(6, ago(3), "report", "other", "不服区住建局作出的行政处罚决定")
    s.order_divert(case=c6, by=None, on=ago(3), route="reconsideration", note="告知可申请行政复议")
    c7 = new(7, ago(2), "consult", "housing", "公租房申请条件")
    s.order_answer(case=c7, by=None, on=ago(2), content="告知申请条件和办理地点")
    write(
        "已创建12345示范工单7件（待派单、待签收、办理中、退单后最终裁定、回访满意、回访不满意、依法分流、直接答复）。"
    )


def demo_tree(body: object, other: object, write: Callable[[str], object]) -> None:
    """The category tree from the setting, a child under 供暖供热, and the 派单目录: housing and heating to the
    住房城乡建设局, 市容环境 to the 城市管理局 (and 东城区's heating too, to show an area's own route)."""
    from . import tree

    if tree.tree_built():
        return
    tree.tree_seed_from_setting(by=None)
    tree.category_add(by=None, code="heating.pipe", name="供暖管道漏水", parent="heating")
    cats = {c.code: c for c in tree.HotlineCategory.objects.all()}
    for code, area, unit in (
        ("housing", "", body),
        ("heating", "", body),
        ("city", "", other),
        ("heating", "西城区", other),
    ):
        cat = cats[code]
        cat.refresh_from_db()
        tree.route_set(by=None, category=cat, area=area, unit=unit, expected_version=cat.version)
    write("已建立12345诉求分类表和派单目录。")


register_demo_step(74, "12345示范工单", demo_hotline)
