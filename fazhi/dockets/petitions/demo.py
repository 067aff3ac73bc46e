"""Demo step: 信访事项 for the demo city, dated from today (idempotent): one just registered at the 市信访局, one
transferred by it to the 市住房城乡建设局 (and accepted there), a 申诉求决 item answered with a 处理意见书 (复查 window
open), one routed to 行政复议 (诉访分离), a suggestion answered, one taken through 复查 and 复核 with a hearing (final),
and the same petitioner's repeat after the final opinion (flagged, Art. 36)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from fazhi.core.actions import register_demo_step

OFFICE, BODY = "C028", "C013"
TOKENS = [f"00000000-0000-4000-8000-00000000041{i}" for i in range(7)]
PEOPLE = [
    ("赵信", "11010519491231002X", "13700000021"),
    ("钱访", "110101199003072316", "13700000022"),
    ("孙求", "11010519491231002X", "13700000023"),
    ("李议", "", "13700000024"),
]


def demo_petitions(write: Callable[[str], object] = print) -> None:
    from fazhi.cases.models import Case
    from fazhi.cases.services import PartyInput, today_local
    from fazhi.orgs.models import Unit

    from . import services as s

    units = {u.code: u for u in Unit.objects.filter(code__in=[OFFICE, BODY])}
    if len(units) < 2:
        write("未找到市信访局或市住房城乡建设局，跳过信访示范数据。")
        return
    if Case.objects.filter(submit_token__in=TOKENS).exists():
        write("信访示范数据已存在，跳过。")
        return
    office, body = units[OFFICE], units[BODY]
    today = today_local()
    ago = lambda n: today - dt.timedelta(days=n)  # noqa: E731

    def person(i: int) -> PartyInput:
        name, idn, phone = PEOPLE[i]
        return PartyInput(role="applicant", name=name, id_number=idn, phone=phone)

    def reg(i: int, unit: Unit, who: int, received: dt.date, **kw: object) -> Case:
        args: dict[str, object] = dict(
            by=None,
            handling_unit=unit,
            type="claim",
            petitioner=person(who),
            content="小区供暖不达标，多次反映未解决",
            channel="in_person",
            received_on=received,
            object_unit=body,
            submit_token=TOKENS[i],
        )
        args.update(kw)
        return s.petition_register(**args)  # type: ignore[arg-type]

    reg(
        0,
        office,
        0,
        ago(2),
        receiver="office",
        channel="mail",
        content="反映某街道拆违程序不规范",
        object_unit=None,
        object_name="某街道办事处",
    )
    c1 = reg(1, office, 1, ago(12), receiver="office", content="老旧小区加装电梯补贴未兑现", joint_count=12)
    s.case_transfer(case=c1, by=None, on=ago(10), to_unit=body, mode="transfer")
    moved = Case.objects.get(pk=c1.extra["transfer"]["case_id"])
    s.case_accept(case=moved, by=None, on=ago(8))
    c2 = reg(2, body, 2, ago(50))
    s.case_accept(case=c2, by=None, on=ago(45))
    s.case_decide(
        case=c2,
        by=None,
        on=ago(5),
        outcome="explain",
        facts="供暖温度经检测为17℃",
        opinion="已督促供热企业整改并说明标准",
    )
    c3 = reg(3, body, 3, ago(6), content="不服房屋征收补偿决定，要求撤销")
    s.case_route(case=c3, by=None, on=ago(4), route="reconsideration", note="可向市人民政府申请行政复议")
    c4 = reg(
        4, body, 3, ago(40), type="suggestion", content="建议公示物业维修资金使用情况", object_unit=None, object_name=""
    )
    s.case_accept(case=c4, by=None, on=ago(38))
    s.case_reply(case=c4, by=None, on=ago(20), content="已要求各物业服务企业按季度公示")
    c5 = reg(5, body, 0, ago(200), content="房屋漏水维修责任认定")
    s.case_accept(case=c5, by=None, on=ago(195))
    s.case_decide(
        case=c5, by=None, on=ago(150), outcome="not_support", facts="漏水系住户自行改造所致", opinion="不予支持"
    )
    s.case_request_review(case=c5, by=None, on=ago(140))
    s.case_review_decide(
        case=c5, by=None, on=ago(115), outcome="not_support", facts="经复查，事实清楚", opinion="维持原处理意见"
    )
    s.case_request_rereview(case=c5, by=None, on=ago(100))
    s.case_hearing_start(case=c5, by=None, on=ago(90), place="市信访局听证室")
    s.case_hearing_end(case=c5, by=None, on=ago(89))
    s.case_rereview_decide(
        case=c5, by=None, on=ago(75), outcome="not_support", facts="经复核，维持复查意见", opinion="不予支持"
    )
    c6 = reg(6, body, 0, ago(1), content="房屋漏水维修责任认定（再次反映）")
    write(
        f"已创建信访示范事项（重复信访 {c6.case_number} 已标注复核终结；转送 {c1.case_number} → {moved.case_number}）。"
    )


register_demo_step(73, "信访示范事项", demo_petitions)
