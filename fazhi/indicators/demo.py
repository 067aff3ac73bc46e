"""Demo step: the demo city's indicator set for this year (a three-level set read from text by the import parser),
some leaves bound to platform metrics with their values frozen for the area, responsible units set. Idempotent."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from decimal import Decimal

from fazhi.core.actions import register_demo_step

DEMO_TOKEN = uuid.UUID("00000000-0000-4000-8000-000000002301")

DEMO_TEXT = """示范市法治政府建设考核指标体系
一、依法全面履行政府职能（20分）
基本要求：政府职能依法全面履行，权责清单公开。
（一）规范性文件与决策（10分）
1.重大行政决策事项目录向社会公布（4分）
2.规划任务按期销号（6分）
（二）政务公开（10分）
1.依申请公开按期答复（10分）
二、健全行政权力制约和监督体系（30分）
（一）行政复议（15分）
1.行政复议纠错率不高于15%（8分）
2.行政复议按期办结（7分）
（二）行政应诉（15分）
1.行政机关负责人出庭应诉（10分）
2.行政诉讼败诉案件逐件整改（5分）
"""

# leaf title prefix → (metric key, method, target, lower is better)
BINDINGS = {
    "规划任务按期销号": ("plans.closed_rate", "rate", Decimal(100), False),
    "依申请公开按期答复": ("disclosure.on_time_rate", "rate", Decimal(100), False),
    "行政复议纠错率": ("reconsideration.correction_rate", "rate", Decimal(15), True),
    "行政复议按期办结": ("reconsideration.on_time_rate", "rate", Decimal(100), False),
    "行政机关负责人出庭应诉": ("litigation.appearance_rate", "rate", Decimal(100), False),
}


def demo_indicators(write: Callable[[str], object] = print) -> None:
    from fazhi.deadlines.selectors import today_local
    from fazhi.metrics.registry import metrics_all
    from fazhi.orgs.models import Unit, User

    from .models import IndicatorSet, NodeUnit
    from .parsing import parse_indicator_text
    from .services import (
        indicator_gaps_raise,
        indicator_node_update,
        indicator_results_freeze,
        indicator_set_import,
        review_score,
        review_send_back,
        self_assessment_submit,
    )

    if IndicatorSet.objects.filter(submit_token=DEMO_TOKEN).exists():
        write("指标体系示范数据已存在，跳过。")
        return
    units = {u.code: u for u in Unit.objects.filter(code__in=["P001", "C008", "C002", "D100"])}
    if len(units) < 4:
        write("示范单位不全，跳过指标体系示范数据。")
        return
    by = User.objects.filter(username="fazhiban").first()
    year = today_local().year
    s = indicator_set_import(
        by=by,
        nodes=parse_indicator_text(DEMO_TEXT),
        code="SFKH",
        name=f"示范市{year}年度法治政府建设考核",
        year=year,
        edition="2021版示范指标体系细化",
        owner=units["P001"],
        source_name="示范指标.txt",
        submit_token=DEMO_TOKEN,
    )
    registered = {m.key for m in metrics_all()}
    bound = 0
    for node in s.nodes.order_by("depth", "position", "id"):
        if node.children.exists():
            continue
        binding = next((b for prefix, b in BINDINGS.items() if node.title.startswith(prefix)), None)
        key, method, target, lower = binding if binding and binding[0] in registered else ("", "pass_fail", None, False)
        bound += bool(key)
        indicator_node_update(
            by=by,
            node=node,
            points=node.points,
            method=method,
            target=target,
            lower_is_better=lower,
            evidence="" if key else "上传相关文件、会议记录或公开网页截图。",
            metric_key=key,
            lead_units=[units["C008"] if key.startswith(("reconsideration", "litigation")) else units["C002"]],
            co_units=[units["D100"]],
        )
    frozen = indicator_results_freeze(by=by, indicator_set=s)
    write(f"指标体系示范数据：{s.nodes.count()} 项指标，{bound} 项绑定计算指标，已冻结 {frozen} 项计算值。")
    # two units answer the 目录 leaf; the office sends one back and scores the other: the ranking has two rows
    liaison = User.objects.filter(username="fagaiwei").first()
    leaf = s.nodes.get(title__startswith="重大行政决策事项目录")
    NodeUnit.objects.get_or_create(node=leaf, unit=units["C008"], defaults={"role": "co"})
    self_assessment_submit(
        by=liaison, node=leaf, unit=units["C002"], value=Decimal(1), statement="已于3月在政府网站公布决策事项目录。"
    )
    self_assessment_submit(by=by, node=leaf, unit=units["C008"], value=Decimal(0), statement="目录正在编制。")
    review_send_back(by=by, node=leaf, unit=units["C002"], comment="请上传目录公布网页截图。")
    review_score(by=by, node=leaf, unit=units["C008"], score=Decimal(1), comment="已编制未公布，酌情给分。")
    gaps = indicator_gaps_raise(by=by, indicator_set=s)
    write(f"指标考核示范：2 个单位自评，1 项退回补充，1 项评审；短板督办事项 {len(gaps)} 项。")


register_demo_step(85, "指标体系与考核示范数据", demo_indicators)


def demo_assessor(write: Callable[[str], object] = print) -> None:
    """The demo 第三方评估 login (disanfang) assigned to this year's demo set (idempotent)."""
    from fazhi.deadlines.selectors import today_local
    from fazhi.orgs.models import User

    from .models import IndicatorSet
    from .services import external_assessor_assign

    s = IndicatorSet.objects.filter(code="SFKH", year=today_local().year).first()
    user = User.objects.filter(username="disanfang").first()
    if s is None or user is None:
        write("没有示范指标体系或第三方评估账号，跳过。")
        return
    external_assessor_assign(by=User.objects.filter(username="fazhiban").first(), indicator_set=s, user=user)
    write(f"第三方评估：disanfang 已指派到“{s.name}”。")


register_demo_step(86, "第三方评估指派", demo_assessor)


# ------------------------------------------------------------------ the sources: 述法, 学法, 法律顾问 (issue 23 §3)

SOURCES_TOKEN = uuid.UUID("00000000-0000-4000-8000-000000002302")


def demo_sources(write: Callable[[str], object] = print) -> None:
    """述职述法 for most county-or-higher units, 学法 activities, one 法治能力测试 (a few hundred staff), a registry of
    advisers serving some units, and their work — all dated back from today. Idempotent (a fixed submit token)."""
    import datetime as dt

    from django.conf import settings

    from fazhi.deadlines.selectors import today_local
    from fazhi.orgs.models import Unit, User

    from .metrics import DUTY_REPORT_LEVELS
    from .models import DutyReport
    from .services_records import (
        AbilityRow,
        ability_test_import,
        adviser_engage,
        adviser_opinion_record,
        adviser_register,
        duty_report_record,
        study_session_record,
    )

    if DutyReport.objects.filter(submit_token=SOURCES_TOKEN).exists():
        write("述法·学法·法律顾问示范数据已存在，跳过。")
        return
    office_unit = Unit.objects.filter(code="P001").first()
    by = User.objects.filter(username="fazhiban").first()
    kinds = list(settings.FAZHI_INDICATORS["DUTY_REPORT_KINDS"])
    units = list(
        Unit.objects.filter(is_active=True, kind__in=kinds, level__in=DUTY_REPORT_LEVELS).order_by("path", "code")
    )
    if office_unit is None or by is None or len(units) < 4:
        write("示范单位不全，跳过述法·学法·法律顾问示范数据。")
        return
    today = today_local()

    def ago(days: int) -> dt.date:
        return today - dt.timedelta(days=days)  # demo data only: no statutory period is computed here

    reported = [u for i, u in enumerate(units) if i % 5 != 4]  # four in five units have reported
    for i, u in enumerate(reported):
        day = ago(5 + i % 20)
        duty_report_record(
            by=by,
            unit=u,
            year=day.year,
            reporter=f"{u.display_name}主要负责人",
            post="主要负责人",
            heard_on=day,
            heard_by="市委全面依法治市委员会" if u.level == "city" else "区委全面依法治区委员会",
            text=f"{u.display_name}主要负责人履行推进法治建设第一责任人职责情况报告：学法用法、依法决策、"
            "支持行政复议和行政应诉、落实法律顾问制度等。",
            rating=("excellent", "good", "good", "fair")[i % 4],
            submit_token=SOURCES_TOKEN if i == 0 else None,
        )
    sessions = 0
    for i, u in enumerate(units[:8]):
        for kind, topic, days in (
            ("standing", "学习《中华人民共和国行政复议法》", 40 + i),
            ("central_group", "学习习近平法治思想", 70 + i),
            ("court", "旁听一起行政诉讼案件庭审", 100 + i),
        ):
            study_session_record(
                by=by, unit=u, kind=kind, held_on=ago(days), topic=topic, attendance=15 + i, speaker="市司法局负责人"
            )
            sessions += 1
    study_session_record(
        by=by, unit=units[0], kind="oath", held_on=ago(25), topic="新任命人员宪法宣誓", attendance=9, speaker="市长"
    )
    rows = [
        AbilityRow(
            row=n + 2,
            unit=units[n % len(units)],
            person=f"测试人员{n:03d}",
            staff_no=f"T{n:04d}",
            score=Decimal(48 + (n * 37) % 52),
        )
        for n in range(300)
    ]
    test = ability_test_import(
        by=by,
        owner=office_unit,
        name=f"{ago(30).year}年度全市国家工作人员法治理论知识考试",
        held_on=ago(30),
        rows=rows,
        source_name="法治能力测试成绩.xlsx",
    )
    firm = adviser_register(by=by, kind="firm", name="示范市明理律师事务所", licence="31370000MD0001")
    counsel = adviser_register(
        by=by, kind="counsel", name="刘律师", licence="13704201910000001", firm="示范市正平律师事务所"
    )
    public = adviser_register(by=by, kind="public", name="陈公职", firm="示范市司法局")
    engaged = 0
    for i, u in enumerate(units):
        if i % 3 == 2:
            continue
        adviser = (firm, counsel, public)[i % 3] if u.code != "C008" else public
        e = adviser_engage(
            by=by,
            adviser=adviser,
            unit=u,
            starts_on=ago(300),
            ends_on=today + dt.timedelta(days=65),
            fee=Decimal(0) if adviser.kind == "public" else Decimal(60000),
        )
        engaged += 1
        if i < 6:
            for kind, subject, days in (
                ("contract", "政府采购合同合法性审查", 20 + i),
                ("decision", "重大行政决策法律意见", 50 + i),
            ):
                adviser_opinion_record(
                    by=by, engagement=e, kind=kind, subject=subject, given_on=ago(days), hours=Decimal(3 + i % 3)
                )
    write(
        f"述法·学法·法律顾问示范数据：述职述法 {len(reported)}/{len(units)} 个单位，学法活动 {sessions + 1} 次，"
        f"法治能力测试 {test.results.count()} 人，法律顾问服务 {engaged} 个单位。"
    )


register_demo_step(84, "述法·学法·法律顾问示范数据", demo_sources)


# ------------------------------------------------------------------ 公众满意度调查 (issue 23 §2)

SURVEY_TOKEN = uuid.UUID("00000000-0000-4000-8000-000000002303")
SURVEY_QUESTIONS = [
    "您对本市政府机关依法办事的总体评价",
    "您对行政执法人员严格规范公正文明执法的评价",
    "您对政务公开、办事便捷程度的评价",
]
SURVEY_ANSWERS = 120


def demo_rating(i: int, j: int) -> str:
    """Answer sheet i, question j of the demo: six in ten 满意, three 基本满意, one 不满意 (so the rate is 90%)."""
    k = (i * 7 + j * 3) % 10
    return "satisfied" if k < 6 else "basic" if k < 9 else "unsatisfied"


def demo_survey(write: Callable[[str], object] = print) -> None:
    """This year's 群众满意度调查 about the city government, opened on the portal, 120 answers against a sample target
    of 200 (demo phone numbers 1390000xxxx; only their blind index is kept); and a 东城区 survey answered by code,
    in draft. Idempotent (a fixed submit token)."""
    from fazhi.deadlines.selectors import today_local
    from fazhi.orgs.models import Unit, User

    from .models_survey import Survey
    from .services_survey import survey_answer_submit, survey_create, survey_state_set

    if Survey.objects.filter(submit_token=SURVEY_TOKEN).exists():
        write("满意度调查示范数据已存在，跳过。")
        return
    units = {u.code: u for u in Unit.objects.filter(code__in=["P001", "C000", "D100"])}
    if len(units) < 3:
        write("示范单位不全，跳过满意度调查示范数据。")
        return
    by = User.objects.filter(username="fazhiban").first()
    year = today_local().year
    survey = survey_create(
        by=by,
        title=f"{year}年度法治政府建设群众满意度调查",
        year=year,
        owner=units["P001"],
        subject=units["C000"],
        questions=SURVEY_QUESTIONS,
        sample_target=200,
        intro="本调查匿名进行，约需1分钟。感谢您对法治政府建设的关心和支持！",
        submit_token=SURVEY_TOKEN,
    )
    survey_state_set(by=by, survey=survey, state="open")
    survey.refresh_from_db()
    questions = list(survey.questions.order_by("position"))
    for i in range(SURVEY_ANSWERS):
        survey_answer_submit(
            survey=survey,
            phone=f"1390000{i:04d}",
            ratings={q.pk: demo_rating(i, j) for j, q in enumerate(questions)},
            comment="希望继续提高办事效率。" if i % 20 == 0 else "",
        )
    survey_create(
        by=by,
        title=f"{year}年度东城区依法行政群众评议（答题码）",
        year=year,
        owner=units["P001"],
        subject=units["D100"],
        questions=SURVEY_QUESTIONS[:2],
        sample_target=50,
        identity="code",
    )
    write(f"满意度调查示范数据：1 项调查进行中，答卷 {SURVEY_ANSWERS}/200 份；1 项答题码调查未开始。")


register_demo_step(87, "满意度调查示范数据", demo_survey)
