"""Demo step: 人大代表建议 and 政协提案 of the demo city, dated from today (idempotent): a session's items handed to
市发展改革委 (the demo liaison 赵联络) — one just handed over, one being handled with a 协办 unit, one answered and
awaiting the rating, one rated 不满意 and being handled again, one class B with a supervised commitment, one
rated and 销号; and a CPPCC proposal handed to 市住房城乡建设局."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from fazhi.core.actions import register_demo_step

TOKENS = [f"00000000-0000-4000-8000-00000000161{i}" for i in range(7)]  # 041x are the 信访 demo's
TITLES = [
    "关于加快城区老旧小区改造的建议",
    "关于优化营商环境、压减审批时限的建议",
    "关于完善农村客运网络的建议",
    "关于加强中小学周边交通安全管理的建议",
    "关于建设城市立体停车设施的建议",
    "关于推进“互联网+政务服务”的建议",
    "关于加强历史文化街区保护的提案",
]


def demo_proposals(write: Callable[[str], object] = print) -> None:
    from fazhi.cases.models import Case
    from fazhi.cases.services import today_local
    from fazhi.orgs.models import Unit

    from . import services as s
    from .models import Proposer

    units = {u.code: u for u in Unit.objects.filter(code__in=("C002", "C009", "C013", "C014"))}
    if len(units) < 4:
        write("未找到示范单位，跳过建议提案示范数据。")
        return
    if Case.objects.filter(submit_token__in=TOKENS).exists():
        write("建议提案示范数据已存在，跳过。")
        return
    today = today_local()
    days = dt.timedelta
    npc = s.session_get_or_create(
        body="npc",
        name=f"示范市第十八届人民代表大会第{today.year - 2023}次会议",
        year=today.year,
        term="第十八届",
        by=None,
    )
    cppcc = s.session_get_or_create(
        body="cppcc",
        name=f"政协示范市第十四届委员会第{today.year - 2023}次会议",
        year=today.year,
        term="第十四届",
        by=None,
    )
    deputies = [
        s.proposer_create(by=None, body="npc", term="第十八届", name=n, group=g, phone=p)
        for n, g, p in (
            ("周建国", "东城区代表团", "13900000101"),
            ("吴秀兰", "西城区代表团", "13900000102"),
            ("郑卫东", "开发区代表团", "13900000103"),
        )
    ]
    member = Proposer.objects.filter(body="cppcc", name="冯晓梅").first() or s.proposer_create(
        by=None, body="cppcc", term="第十四届", name="冯晓梅", group="民盟界", phone="13900000104"
    )
    assigned = [today - days(n) for n in (2, 20, 45, 80, 70, 100, 30)]
    cases = []
    for i, title in enumerate(TITLES):
        proposal = i == 6
        cases.append(
            s.proposal_register(
                by=None,
                session=cppcc if proposal else npc,
                number=str(i + 1),
                title=title,
                source="session",
                category="城乡建设" if i in (0, 4, 6) else "经济发展",
                text=f"{title}。（示范数据）",
                assigned_on=assigned[i],
                lead_unit=units["C013"] if proposal else units["C002"],
                assist_units=[units["C009"]] if i == 1 else [],
                proposers=[
                    s.ProposerLink(member if proposal else deputies[i % 3]),
                    *([] if proposal else [s.ProposerLink(deputies[(i + 1) % 3], "co")]),
                ],
                submit_token=TOKENS[i],
            )
        )

    def answered(case, n: int, result: str = "A", commitments=()):  # type: ignore[no-untyped-def]
        on = assigned[n]
        case = s.case_sign(case=case, by=None, on=on + days(2))
        case = s.case_contact(case=case, by=None, on=on + days(8), form="visit", note="走访代表，听取意见")
        case = s.case_draft(
            case=case, by=None, result_class=result, text="经研究，答复如下：……", commitments=commitments
        )
        case = s.case_sign_off(case=case, by=None, on=on + days(12))
        return s.case_send(case=case, by=None, on=on + days(15))

    c = cases
    s.case_sign(case=c[1], by=None, on=assigned[1] + days(1))
    s.meeting_record(
        case=c[1],
        by=None,
        on=assigned[1] + days(6),
        kind="face",
        place="市市场监管局三楼会议室",
        units=[units["C002"], units["C009"]],
        proposers=[deputies[1]],
        attendees="市市场监管局副局长、市财政局预算科负责人",
        minutes="与代表当面商议；财政局同意将所需资金列入下年度预算，市场监管局牵头制定实施方案。",
    )
    answered(c[2], 2)
    unhappy = answered(c[3], 3, "C")
    s.case_rate(case=unhappy, by=None, on=min(today, assigned[3] + days(25)), rating="unsatisfied", note="答复不具体")
    planned = answered(c[4], 4, "B", [("建成立体停车场一处", today + days(120))])
    s.case_rate(case=planned, by=None, on=min(today, assigned[4] + days(20)), rating="basic")
    done = answered(c[5], 5)
    done = s.case_rate(case=done, by=None, on=assigned[5] + days(25), rating="satisfied")
    done = s.case_close(case=done, by=None, on=assigned[5] + days(30))
    s.case_publish(case=done, by=None, on=assigned[5] + days(31))  # 代表法 Art. 51: the result on the portal
    answered(c[6], 6)
    write(f"已创建建议提案示范数据{len(cases)}件（{npc.name}、{cppcc.name}）。")


register_demo_step(74, "建议提案示范数据", demo_proposals)
