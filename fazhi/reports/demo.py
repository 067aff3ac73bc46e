"""Demo step (idempotent, dated from today): this year's report of the demo city's government from the default
template (its figures bound to the registry), the other parts written, frozen as version 1 and passed 保密审查;
contribution tasks to 市发展改革委 (submitted) and 东城区 (waiting), each a supervisable item."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import transaction

from fazhi.core.actions import register_demo_step

TEXTS = {
    "shortcomings": "一是部分单位运用法治思维和法治方式解决问题的能力还需提升。二是行政执法规范化水平仍有差距。"
    "主要原因是法治宣传教育和业务培训的针对性不够。",
    "duty": "市政府主要负责人认真履行推进法治建设第一责任人职责，主持召开政府常务会议专题研究法治政府建设工作，"
    "带头学法、述法。",
    "plans": "继续深化法治政府建设示范创建，完善行政执法监督机制，提升行政复议化解行政争议主渠道作用。",
    "other": "无。",
}


def demo_reports(write: Callable[[str], object] = print) -> None:
    from fazhi.deadlines.selectors import today_local
    from fazhi.orgs.models import Unit, User

    from . import services as s
    from .models import Report

    by = User.objects.filter(username="fazhiban_head").first()
    dept, district = Unit.objects.filter(code="C002").first(), Unit.objects.filter(code="D100").first()
    if by is None or dept is None or district is None:
        write("示范城市用户或单位不全，跳过年度报告示范数据。")
        return
    today = today_local()
    year = today.year
    if Report.objects.filter(year=year, unit__isnull=True).exists():
        return
    with transaction.atomic():
        report = s.report_create(by=by, year=year)
        for sec in report.sections.exclude(part="measures"):
            s.section_save(
                by=by, section=sec, heading=sec.heading, text=TEXTS.get(sec.part, "无。"), expected_version=sec.version
            )
        s.report_freeze(by=by, report=report)
        s.secrecy_review_record(by=by, report=report, on=today, passed=True, note="不涉及国家秘密和工作秘密。")
        dept_c, _ = s.contributions_send(
            by=by,
            report=report,
            units=[dept, district],
            due=today + dt.timedelta(days=20),
            request="请按小标题报送本单位全年法治政府建设工作情况。",
        )
        liaison = User.objects.filter(username="fagaiwei").first()
        sec = report.sections.filter(part="measures").order_by("order").first()
        if liaison is not None and sec is not None:
            s.contribution_submit(
                by=liaison, contribution=dept_c, texts={str(sec.pk): "市发展改革委全面落实重大项目合法性审查。"}
            )
    write(f"年度报告：{report.title}（定稿第1版，供稿任务2项）")


register_demo_step(95, "法治政府建设年度报告示范数据", demo_reports)
