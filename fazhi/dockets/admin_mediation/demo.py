"""Demo step: 行政调解 applications at the demo city's 市场监管局 and 卫生健康委 dated from today (idempotent): one
awaiting acceptance, one in mediation (a session held), one agreed (its 司法确认 window and follow-up running, the case
open), one agreed, followed up and closed, one terminated with the other routes told, one rejected."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from fazhi.core.actions import register_demo_step

MARKET, HEALTH = "C024", "C019"  # 市市场监管局, 市卫生健康委 (fazhi/orgs/demo.py)
# 171x are 行政裁决's, 081x the intake demo's
TOKENS = [f"00000000-0000-4000-8000-00000000172{i}" for i in range(6)]


def demo_admin_mediation(write: Callable[[str], object] = print) -> None:
    from fazhi.cases.models import Case
    from fazhi.cases.services import PartyInput, today_local
    from fazhi.orgs.models import Unit

    from . import services as s

    units = {u.code: u for u in Unit.objects.filter(code__in=(MARKET, HEALTH))}
    if len(units) < 2:
        write("未找到示范市场监管局、卫生健康委，跳过行政调解示范申请。")
        return
    if Case.objects.filter(submit_token__in=TOKENS).exists():
        write("行政调解示范申请已存在，跳过。")
        return
    today = today_local()
    days = dt.timedelta
    rows = (
        (MARKET, 1, "contract", "钱某", "某电器商场", "购买的冰箱存在质量问题，请求退货"),
        (MARKET, 12, "contract", "孙某", "某装修公司", "装修工程质量纠纷，请求返工并赔偿"),
        (HEALTH, 20, "medical", "周某", "市第二人民医院", "手术后并发症，请求赔偿医疗费用"),
        (MARKET, 80, "damages", "吴某", "某美容店", "美容项目致皮肤损伤，请求赔偿"),
        (HEALTH, 40, "medical", "郑某", "某口腔诊所", "种植牙失败，请求退费赔偿"),
        (MARKET, 8, "contract", "冯某", "某培训机构", "预付费课程退费纠纷"),
    )
    cases = [
        s.admin_mediation_apply(
            by=None,
            handling_unit=units[unit],
            applicants=[PartyInput(role="applicant", name=name, phone=f"1370000060{i}")],
            respondents=[PartyInput(role="respondent", name=other, kind="organisation")],
            dispute_type=kind,
            request=text,
            received_on=today - days(ago),
            submit_token=TOKENS[i],
        )
        for i, (unit, ago, kind, name, other, text) in enumerate(rows)
    ]
    c = cases
    for case, ago, place in (
        (c[1], 12, "市市场监管局调解室"),
        (c[2], 20, "市卫生健康委医疗纠纷调解室"),
        (c[3], 80, "市市场监管局调解室"),
        (c[4], 40, "市卫生健康委医疗纠纷调解室"),
    ):
        s.case_accept(case=case, by=None, on=today - days(ago - 2))
        s.case_record_session(
            case=case,
            by=None,
            on=today - days(ago - 6),
            place=place,
            mediators="消费者权益保护科 陈科长、李干事" if place.startswith("市市场") else "医政医管科 刘科长",
            participants="双方当事人",
            summary="听取双方意见，释明法律规定",
        )

    def agree(case: object, on: dt.date, content: str) -> object:
        signed = [p.pk for p in case.parties.all()]  # type: ignore[attr-defined]
        return s.case_agree(
            case=case,  # type: ignore[arg-type]
            by=None,
            on=on,
            facts="双方对责任承担存在争议",
            content=content,
            performance="协议签订之日起十日内一次性支付",
            parties_signed=signed,
        )

    agree(c[2], today - days(10), "医院一次性补偿周某医疗费用三万元，双方再无其他争议")
    agree(c[3], today - days(70), "美容店退还服务费并赔偿治疗费用共八千元")
    s.case_follow_up(case=c[3], by=None, on=today - days(55), performance="performed", note="款项已付清")
    s.case_close(case=c[3], by=None, on=today - days(30))
    s.case_terminate(
        case=c[4],
        by=None,
        on=today - days(15),
        ground="failed",
        reason="双方对赔偿数额分歧较大，经两次调解未达成协议",
        routes=["people_mediation", "litigation"],
    )
    s.case_reject(
        case=c[5],
        by=None,
        on=today - days(6),
        ground="pending_elsewhere",
        reasons="该纠纷已由人民法院立案受理",
    )
    write(f"已创建行政调解示范申请{len(cases)}件。")


register_demo_step(74, "行政调解示范申请", demo_admin_mediation)
