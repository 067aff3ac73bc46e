"""Demo step: 行政裁决 applications at the demo city's 自然资源和规划局 and 林业局 dated from today (idempotent): a
土地权属争议 awaiting acceptance, one heard and awaiting the ruling, one ruled (its remedy windows running), one
rejected, one withdrawn."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from fazhi.core.actions import register_demo_step

LAND, FOREST = "C011", "C031"  # 市自然资源和规划局, 市林业局 (fazhi/orgs/demo.py)
TOKENS = [f"00000000-0000-4000-8000-00000000171{i}" for i in range(5)]  # 081x are the intake demo's


def demo_admin_ruling(write: Callable[[str], object] = print) -> None:
    from fazhi.cases.models import Case
    from fazhi.cases.services import PartyInput, today_local
    from fazhi.orgs.models import Unit

    from . import services as s

    units = {u.code: u for u in Unit.objects.filter(code__in=(LAND, FOREST))}
    if len(units) < 2:
        write("未找到示范自然资源和规划局、林业局，跳过行政裁决示范申请。")
        return
    if Case.objects.filter(submit_token__in=TOKENS).exists():
        write("行政裁决示范申请已存在，跳过。")
        return
    today = today_local()
    days = dt.timedelta
    rows = (
        (LAND, 2, "land", "东华村与西岭村", "请求确认村北十五亩集体土地的所有权"),
        (LAND, 40, "land", "王某", "请求确认宅基地使用权界址"),
        (LAND, 95, "land", "南山村民小组", "请求确认河滩地使用权"),
        (FOREST, 10, "forest", "李某", "请求确认承包林地经营权"),
        (FOREST, 30, "forest", "赵某", "请求确认林木所有权"),
    )
    cases = [
        s.admin_ruling_apply(
            by=None,
            handling_unit=units[unit],
            applicants=[PartyInput(role="applicant", name=name, phone=f"1370000050{i}")],
            respondents=[PartyInput(role="respondent", name=f"被申请人{i + 1}")],
            matter=matter,
            request=text,
            received_on=today - days(ago),
            submit_token=TOKENS[i],
        )
        for i, (unit, ago, matter, name, text) in enumerate(rows)
    ]
    c = cases
    for case, ago in ((c[1], 40), (c[2], 95)):
        s.case_accept(case=case, by=None, on=today - days(ago - 3))
        s.case_send_copy(case=case, by=None, on=today - days(ago - 5))
        s.case_record_reply(
            case=case, by=None, on=today - days(ago - 20), received=True, summary="该地块一直由我方使用"
        )
        s.case_record_hearing(
            case=case,
            by=None,
            on=today - days(ago - 30),
            form="hearing",
            place="市自然资源和规划局听证室",
            participants="双方当事人、村委会代表",
            applicant_heard=True,
            respondent_heard=True,
        )
    s.case_mediate(case=c[2], by=None, on=today - days(60), note="双方对界址分歧较大，未达成协议")
    s.case_rule(
        case=c[2],
        by=None,
        on=today - days(30),
        facts="争议河滩地自1982年起由南山村民小组耕种，有土地承包合同和证人证言为证",
        reasons="申请人提供的证据能够证明其长期使用该地块",
        decision_text="争议河滩地使用权归申请人南山村民小组",
        served_on=today - days(28),
    )
    s.case_reject(case=c[3], by=None, on=today - days(6), ground="not_civil", reasons="所涉为林地承包合同履行纠纷")
    s.case_accept(case=c[4], by=None, on=today - days(25))
    s.case_withdraw(case=c[4], by=None, on=today - days(5), note="双方自行和解")
    write(f"已创建行政裁决示范申请{len(cases)}件。")


register_demo_step(74, "行政裁决示范申请", demo_admin_ruling)
