"""Demo step: 依申请公开 requests for the demo city, dated from today (idempotent): one just received, one awaiting
correction, one with a third party consulted, one extended, one partly disclosed, one disclosed, a petition routed
out (Art. 39), one withdrawn, one received last year and answered this year (carried over), one from the portal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from fazhi.core.actions import register_demo_step

BODY = "示范市司法局"
TOKENS = [f"00000000-0000-4000-8000-00000000031{i}" for i in range(10)]
APPLICANTS = [
    ("natural_person", "刘一", "11010519491231002X", "13700000001"),
    ("commercial", "示范市某某科技有限公司", "", "13700000002"),
    ("natural_person", "陈二", "110101199003072316", "13700000003"),
    ("research", "示范市环境科学研究院", "", "13700000004"),
    ("legal_service", "示范市某某律师事务所", "", "13700000005"),
    ("natural_person", "张三", "11010519491231002X", "13700000006"),
    ("public_interest", "示范市某某环保协会", "", "13700000007"),
    ("other", "某某村民委员会", "", "13700000008"),
    ("natural_person", "李四", "110101199003072316", "13700000009"),
    ("natural_person", "王五", "11010519491231002X", "13700000010"),
]
CONTENTS = [
    "本市2025年度行政处罚案件数量统计",
    "某项目环境影响评价审批文件",
    "本人房屋征收补偿决定及依据",
    "本市重点排污单位名录",
    "某行政许可的办理材料",
    "2025年行政复议案件统计数据",
    "举报某企业违法排污，要求查处",
    "村集体土地征收批复文件",
    "本市法治政府建设年度报告",
    "市政府常务会议纪要",
]


def demo_disclosure_requests(write: Callable[[str], object] = print) -> None:
    from fazhi.cases.models import Case
    from fazhi.cases.services import PartyInput, today_local
    from fazhi.orgs.models import Unit

    from . import services as s

    body = Unit.objects.filter(name=BODY).first()
    if body is None:
        write(f"未找到{BODY}，跳过政府信息公开示范申请。")
        return
    if Case.objects.filter(submit_token__in=TOKENS).exists():
        write("政府信息公开示范申请已存在，跳过。")
        return
    today = today_local()
    days = dt.timedelta
    received = [today - days(n) for n in (1, 12, 20, 35, 40, 30, 8, 10, 0, 0)]
    received[8] = dt.date(today.year - 1, 12, 20)  # received last year, answered this year
    cases = []
    for i, (kind, name, idn, phone) in enumerate(APPLICANTS):
        person = kind == "natural_person"
        cases.append(
            s.disclosure_register(
                by=None,
                handling_unit=body,
                applicant_type=kind,
                applicant=PartyInput(
                    role="applicant",
                    name=name,
                    id_number=idn if person else "",
                    phone=phone,
                ),
                content=CONTENTS[i],
                channel="online" if i == 9 else "in_person",
                submitted_on=received[i],
                confirmed_on=received[i] if i == 9 else None,
                submit_token=TOKENS[i],
                with_receipt=i == 9,
            )
        )
    c = cases
    s.case_request_correction(case=c[1], by=None, on=received[1] + days(2), defects="请写明所需文件的名称或文号")
    s.case_confirm_clear(case=c[2], by=None, on=received[2] + days(1))
    s.case_consult_third_party(case=c[2], by=None, on=received[2] + days(3), party="示范市某某置业有限公司")
    s.case_confirm_clear(case=c[3], by=None, on=received[3] + days(1))
    s.case_extend(case=c[3], by=None, on=received[3] + days(25), days=15, reason="涉及多个部门的监测数据，需汇总核对")
    s.case_consult_third_party(case=c[4], by=None, on=received[4] + days(3), party="示范市某某建设有限公司")
    s.case_receive_opinion(case=c[4], by=None, on=received[4] + days(15), opinion="disagree", summary="涉及商业秘密")
    s.case_reply(
        case=c[4],
        by=None,
        on=received[4] + days(25),
        reply_type="partial",
        content="公开许可决定书；申请材料中的工艺参数涉及第三方商业秘密，不予公开",
    )
    s.case_reply(case=c[5], by=None, on=received[5] + days(10), reply_type="disclose", content="提供统计表电子版")
    s.case_route_out(case=c[6], by=None, on=received[6] + days(1), category="举报", channel="12345政务服务便民热线")
    s.case_withdraw(case=c[7], by=None, on=received[7] + days(2), note="申请人电话撤回")
    s.case_reply(
        case=c[8],
        by=None,
        on=min(dt.date(today.year, 1, 6), today),
        reply_type="already_public",
        content="见市政府网站",
    )
    write(f"已创建政府信息公开示范申请{len(cases)}件（网上申请编号 {c[9].receipt_number}，联系电话 13700000010）。")


register_demo_step(72, "政府信息公开示范申请", demo_disclosure_requests)
