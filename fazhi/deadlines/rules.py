"""Statutory clock rules as data: length, unit, trigger, extension, excluded intervals, thresholds and legal basis.

The ids are a contract (other modules and outside tools use them). Other modules may add rules with `rule_register`;
they never compute dates themselves. Articles: see ../shared/reference/legal-rules.md §1–§12.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from fazhi.core.errors import DomainError


def _gi_days(key: str, default: int) -> int:
    """A 政府信息公开 period the statute leaves to the agency, from settings.FAZHI_DISCLOSURE (legal-rules.md §4.2 ⚠)."""
    from django.conf import settings

    try:
        return int(getattr(settings, "FAZHI_DISCLOSURE", {}).get(key, default))
    except Exception:  # settings not configured (a pure import): the default
        return default


def _nd_days(key: str, default: int) -> int:
    """A normative-document period from settings.FAZHI_NORMATIVE_DOCUMENTS (⚠ local rules differ: legal-rules.md §9)."""
    from django.conf import settings

    try:
        return int(getattr(settings, "FAZHI_NORMATIVE_DOCUMENTS", {}).get(key, default))
    except Exception:  # settings not configured (a pure import): the default
        return default


def _md_length(key: str, default: int) -> int:
    """A 人民调解 period the law leaves open, from settings.FAZHI_MEDIATION (legal-rules.md §7 ☑/⚠)."""
    from django.conf import settings

    try:
        return int(getattr(settings, "FAZHI_MEDIATION", {}).get(key, default))
    except Exception:  # settings not configured (a pure import): the default
        return default


def _hl_days(key: str, default: int, kind: str = "") -> int:
    """A 12345 work-order period from settings.FAZHI_HOTLINE (legal-rules.md §6: periods are set per locality and per
    work order; 潍坊市12345政务服务便民热线条例 Art. 20 = 5 working days is the default)."""
    from django.conf import settings

    try:
        value = getattr(settings, "FAZHI_HOTLINE", {}).get(key, default)
        return int(value.get(kind, default) if isinstance(value, dict) else value)
    except Exception:  # settings not configured (a pure import): the default
        return default


def _pp(key: str, default: int) -> int:
    """A 建议提案 period local rules set, from settings.FAZHI_PROPOSALS (legal-rules.md §8: periods per kind and source)."""
    from django.conf import settings

    try:
        return int(getattr(settings, "FAZHI_PROPOSALS", {}).get(key, default))
    except Exception:  # settings not configured (a pure import): the default
        return default


def _pp_unit(key: str, default: str) -> str:
    from django.conf import settings

    try:
        return str(getattr(settings, "FAZHI_PROPOSALS", {}).get(key, default))
    except Exception:
        return default


def _la_period(key: str, length: int, unit: str) -> tuple[int, str]:
    """A 法律援助 period (length, unit) from settings.FAZHI_LEGAL_AID: legal-rules.md §18 ⚠ — the 2021 law says "日",
    the 司法部 procedure rules "工作日"; the unit is a setting (default the law's natural days)."""
    from django.conf import settings

    try:
        conf = getattr(settings, "FAZHI_LEGAL_AID", {})
        return int(conf.get(f"{key}_DAYS", length)), str(conf.get(f"{key}_UNIT", unit))
    except Exception:  # settings not configured (a pure import): the default
        return length, unit


class PeriodUnit(StrEnum):
    NATURAL_DAY = "natural_day"
    WORKING_DAY = "working_day"
    MONTH = "month"

    @property
    def label(self) -> str:
        return {"natural_day": "日（自然日）", "working_day": "个工作日", "month": "个月"}[self.value]


class DeadlineErrorCode(StrEnum):
    UNKNOWN_RULE = "deadlines.unknown_rule"
    EXTENSION_NOT_ALLOWED = "deadlines.extension_not_allowed"
    EXTENSION_LIMIT_EXCEEDED = "deadlines.extension_limit_exceeded"
    CLOCK_DONE = "deadlines.clock_done"
    ALREADY_PAUSED = "deadlines.already_paused"
    NOT_PAUSED = "deadlines.not_paused"
    BAD_DATE = "deadlines.bad_date"
    NOT_FIXED_DATE = "deadlines.not_fixed_date"
    CALENDAR_INVALID = "deadlines.calendar_invalid"


class UnknownRuleError(DomainError, KeyError):
    def __init__(self, rule_id: str) -> None:
        DomainError.__init__(self, DeadlineErrorCode.UNKNOWN_RULE, f"未知的期限规则：{rule_id}", field="rule_id")

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class ClockRule:
    id: str
    name: str  # 中文名称
    length: int
    unit: PeriodUnit
    basis: str  # statute + article
    trigger: str = ""  # what starts the clock (收到申请之日 …)
    extension_max: int = 0  # in the rule's own unit; 0 = cannot be extended
    extension_approver: str = ""  # who approves an extension
    excludes: tuple[str, ...] = ()  # intervals not counted (pauses)
    warn_days: int = 2  # 临期 (yellow) when this many working days or fewer remain; 超期 (red) after the due day
    minimum: bool = False  # the statute sets a minimum period, not a maximum
    fixed_date: bool = False  # due date set by a document (plan task), not computed
    # The statute + article under which a decision may fix a later due date for this statutory period (e.g. 条例
    # 第三十五条: the agency sets a reasonable longer period for an excessive request); "" = it may not.
    due_set_basis: str = ""
    configurable: bool = False  # local rules may change the length
    note: str = ""
    # Who hears of 临期/超期 when the clock has no assignee (recompute.py): the unit's liaisons, else the unit's active
    # users holding this action. "" = the rule family's entry in HANDLING_ACTIONS, else deadlines.clock.view.
    handling_action: str = ""
    notify: bool = True  # False: the owning module sends its own notices (plan.task: the plans 三色督办 ladder)

    @property
    def recipient_action(self) -> str:
        return self.handling_action or HANDLING_ACTIONS.get(self.id.split(".", 1)[0], "deadlines.clock.view")

    @property
    def length_label(self) -> str:
        return f"{self.length}{self.unit.label}"


# The action that handles a docket's cases, per rule family (the part of the id before the dot). Codes are strings:
# this module imports no feature module.
HANDLING_ACTIONS: dict[str, str] = {
    "reconsideration": "reconsideration.case.decide",
    "litigation": "litigation.case.update",
    "disclosure": "disclosure.case.handle",
    "mediation": "mediation.case.handle",
    "petition": "petitions.case.handle",
    "hotline": "hotline.case.handle",
    "proposals": "proposals.case.handle",
    "legal_aid": "legal_aid.case.handle",
    "plan": "plans.task.report",
}

N, W, M = PeriodUnit.NATURAL_DAY, PeriodUnit.WORKING_DAY, PeriodUnit.MONTH
R = ClockRule

_RULES: list[ClockRule] = [
    R(
        "reconsideration.application_period",
        "申请行政复议期限",
        60,
        N,
        "《行政复议法》（2023年修订）第二十条",
        trigger="知道或者应当知道行政行为之日",
        warn_days=5,
        note="法律规定的申请期限超过六十日的，从其规定；因不可抗力等正当理由耽误的期限自障碍消除之日起继续计算。",
    ),
    R(
        "reconsideration.acceptance",
        "复议申请受理审查期限",
        5,
        W,
        "《行政复议法》（2023年修订）第三十条、第八十八条",
        trigger="收到行政复议申请之日",
        warn_days=1,
    ),
    R(
        "reconsideration.correction_notice",
        "复议申请补正通知期限",
        5,
        W,
        "《行政复议法》（2023年修订）第三十一条",
        trigger="收到行政复议申请之日",
        warn_days=1,
    ),
    R(
        "reconsideration.correction_reply",
        "申请人补正期限",
        10,
        W,
        "《行政复议法》（2023年修订）第三十一条",
        trigger="收到补正通知之日",
        warn_days=2,
    ),
    R(
        "reconsideration.copy_to_respondent",
        "复议申请书副本发送期限",
        7,
        W,
        "《行政复议法》（2023年修订）第四十八条",
        trigger="行政复议申请受理之日",
        warn_days=2,
    ),
    R(
        "reconsideration.respondent_reply",
        "被申请人书面答复期限",
        10,
        W,
        "《行政复议法》（2023年修订）第四十八条",
        trigger="收到申请书副本或者申请笔录复印件之日",
        warn_days=2,
    ),
    R(
        "reconsideration.decision",
        "行政复议决定期限",
        60,
        N,
        "《行政复议法》（2023年修订）第六十二条",
        trigger="受理申请之日",
        extension_max=30,
        extension_approver="行政复议机构负责人批准",
        excludes=("行政复议中止",),
        warn_days=10,
        note="法律规定的行政复议期限少于六十日的除外；情况复杂的，经批准可以适当延长，但延长期限最多不超过三十日。",
    ),
    R(
        "reconsideration.simplified_copy",
        "简易程序副本发送期限",
        3,
        W,
        "《行政复议法》（2023年修订）第五十四条",
        trigger="行政复议申请受理之日",
        warn_days=1,
    ),
    R(
        "reconsideration.simplified_reply",
        "简易程序答复期限",
        5,
        W,
        "《行政复议法》（2023年修订）第五十四条",
        trigger="收到申请书副本或者申请笔录复印件之日",
        warn_days=1,
    ),
    R(
        "reconsideration.simplified_decision",
        "简易程序复议决定期限",
        30,
        N,
        "《行政复议法》（2023年修订）第六十二条",
        trigger="受理申请之日",
        excludes=("行政复议中止",),
        warn_days=5,
    ),
    R(
        "litigation.defense",
        "行政诉讼答辩期限",
        15,
        N,
        "《行政诉讼法》第六十七条",
        trigger="收到起诉状副本之日",
        warn_days=3,
    ),
    R(
        "disclosure.reply",
        "政府信息公开申请答复期限",
        20,
        W,
        "《政府信息公开条例》第三十三条",
        trigger="收到政府信息公开申请之日",
        extension_max=20,
        extension_approver="政府信息公开工作机构负责人同意",
        excludes=("征求第三方意见（第三十二条）", "征求其他机关意见（第三十四条）", "收费通知至缴费（第四十二条）"),
        warn_days=3,
        due_set_basis="《政府信息公开条例》第三十五条：申请数量、频次明显超过合理范围，申请理由合理但无法在第三十三条规定的期限内答复的，行政机关可以确定延迟答复的合理期限并告知申请人",
        note="征求第三方和其他机关意见所需时间不计算在期限内；补正的，自收到补正申请之日起重新计算（第三十条）。",
    ),
    R(
        "disclosure.correction_notice",
        "公开申请补正通知期限",
        7,
        W,
        "《政府信息公开条例》第三十条",
        trigger="收到政府信息公开申请之日",
        warn_days=2,
    ),
    R(
        "disclosure.third_party",
        "第三方意见期限",
        15,
        W,
        "《政府信息公开条例》第三十二条",
        trigger="第三方收到征求意见书之日",
        warn_days=3,
    ),
    R(
        "disclosure.correction_reply",
        "申请人补正期限",
        _gi_days("CORRECTION_DAYS", 15),
        W,
        "《政府信息公开条例》第三十条（补正通知载明合理的补正期限；期限由本机关确定，可配置）",
        trigger="补正通知发出之日",
        configurable=True,
        warn_days=3,
        note="申请人无正当理由逾期不补正的，视为放弃申请，行政机关不再处理该政府信息公开申请。",
    ),
    R(
        "disclosure.other_agency",
        "其他机关意见期限",
        15,
        W,
        "《政府信息公开条例》第三十四条",
        trigger="其他机关收到征求意见函之日",
        warn_days=3,
        note="被征求意见机关逾期未提出意见的视为同意公开。",
    ),
    R(
        "disclosure.fee_payment",
        "信息处理费缴纳期限",
        _gi_days("FEE_PAYMENT_DAYS", 20),
        W,
        "《政府信息公开条例》第四十二条；《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）（缴费期限可配置）",
        trigger="收费通知发出之日",
        configurable=True,
        warn_days=3,
        note="申请人逾期未按收费通知要求缴纳费用的，行政机关不再处理该政府信息公开申请。",
    ),
    R(
        "petition.acceptance_notice",
        "信访事项受理告知期限",
        15,
        N,
        "《信访工作条例》第二十三条",
        trigger="收到信访事项之日",
        warn_days=3,
    ),
    R(
        "petition.handling",
        "信访事项办理期限",
        60,
        N,
        "《信访工作条例》第三十四条",
        trigger="受理之日",
        extension_max=30,
        extension_approver="本机关负责人批准",
        warn_days=10,
    ),
    R("petition.review", "信访复查期限", 30, N, "《信访工作条例》第三十五条", trigger="收到复查请求之日", warn_days=5),
    R(
        "petition.rereview",
        "信访复核期限",
        30,
        N,
        "《信访工作条例》第三十六条",
        trigger="收到复核请求之日",
        excludes=("听证（第三十六条：听证所需时间不计算在期限内）",),
        warn_days=5,
        note="复核机关可以举行听证，听证所需时间不计算在期限内；复核意见为终结意见，同一事实和理由提出的请求不再受理。",
    ),
    R(
        "petition.registration",
        "信访事项登记转送交办期限",
        15,
        N,
        "《信访工作条例》第二十二条",
        trigger="信访部门收到信访事项之日",
        warn_days=3,
        note="信访部门收到信访事项，应当予以登记，并在15日内区分情况转送、交办有权处理的机关、单位或者告知信访人。",
    ),
    R(
        "petition.remit_objection",
        "转送交办事项异议期限",
        5,
        W,
        "《信访工作条例》第二十三条",
        trigger="收到转送、交办的信访事项之日",
        warn_days=1,
        note="有权处理的机关、单位认为转送、交办的信访事项不属于本机关、单位职责范围的，应当自收到之日起5个工作日内提出异议。",
    ),
    R(
        "petition.review_application",
        "申请信访复查期限",
        30,
        N,
        "《信访工作条例》第三十五条",
        trigger="收到信访处理意见书之日",
        warn_days=5,
        note="信访人对信访处理意见不服的，可以自收到书面答复之日起30日内请求原办理机关的上一级机关复查。",
    ),
    R(
        "petition.rereview_application",
        "申请信访复核期限",
        30,
        N,
        "《信访工作条例》第三十六条",
        trigger="收到复查意见书之日",
        warn_days=5,
        note="信访人对复查意见不服的，可以自收到书面答复之日起30日内向复查机关的上一级机关请求复核。",
    ),
    R(
        "hotline.sign",
        "12345工单签收期限",
        _hl_days("SIGN_DAYS", 1),
        W,
        "地方12345热线工作规定（签收时限由各地规定，可配置；⚠ 未核实）",
        trigger="派单之日",
        configurable=True,
        warn_days=0,
        handling_action="hotline.case.handle",
    ),
    *(
        R(
            f"hotline.handling.{kind}",
            f"12345工单办理期限（{label}）",
            _hl_days("HANDLING_DAYS", 5, kind),
            W,
            "《潍坊市12345政务服务便民热线条例》第二十条（一般5个工作日内办结；法律法规另有规定的从其规定）；"
            "《北京市接诉即办工作条例》第十三条（办理时限按工单设定）；各地可配置",
            trigger="签收之日",
            extension_max=60,
            extension_approver="12345热线工作机构批准（延期，或法律法规规定的更长期限）",
            configurable=True,
            warn_days=1,
            handling_action="hotline.case.handle",
        )
        for kind, label in (
            ("consult", "咨询"),
            ("help", "求助"),
            ("complaint", "投诉"),
            ("report", "举报"),
            ("suggestion", "建议"),
        )
    ),
    R(
        "hotline.visit",
        "12345工单回访期限",
        _hl_days("VISIT_DAYS", 3),
        W,
        "地方12345热线工作规定（回访时限由各地规定，可配置；⚠ 未核实）",
        trigger="承办单位回复之日",
        configurable=True,
        warn_days=1,
        handling_action="hotline.case.dispatch",
    ),
    R(
        "proposal.reply",
        "建议提案答复期限",
        3,
        M,
        "《全国人民代表大会和地方各级人民代表大会代表法》及建议提案办理规定",
        trigger="交办之日",
        warn_days=10,
        configurable=True,
        note="政协提案可依地方规定延长，最长不超过六个月。",
    ),
    # 人大代表建议 / 政协提案 (docket `proposals`, legal-rules.md §8). Every length is a setting (FAZHI_PROPOSALS); the
    # defaults are the statute's or the commonest local rule. Extension: total ≤ 6 months with approval (代表法 Art. 51).
    R(
        "proposals.reply_npc_session",
        "代表建议答复期限（大会期间）",
        _pp("REPLY_MONTHS_NPC_SESSION", 3),
        M,
        "《全国人民代表大会和地方各级人民代表大会代表法》（2025年修正）第五十一条",
        trigger="交办之日",
        extension_max=max(0, _pp("MAX_MONTHS", 6) - _pp("REPLY_MONTHS_NPC_SESSION", 3)),
        extension_approver="本级人民政府办公室（复杂、涉及面广的建议）",
        warn_days=10,
        configurable=True,
        handling_action="proposals.case.handle",
        note="自交办之日起三个月内答复；涉及面广、处理难度大的，不超过六个月。",
    ),
    R(
        "proposals.reply_npc_recess",
        "代表建议答复期限（闭会期间）",
        _pp("REPLY_MONTHS_NPC_RECESS", 3),
        M,
        "《全国人民代表大会和地方各级人民代表大会代表法》（2025年修正）第五十一条",
        trigger="交办之日",
        extension_max=max(0, _pp("MAX_MONTHS", 6) - _pp("REPLY_MONTHS_NPC_RECESS", 3)),
        extension_approver="本级人民政府办公室（复杂、涉及面广的建议）",
        warn_days=10,
        configurable=True,
        handling_action="proposals.case.handle",
    ),
    R(
        "proposals.reply_cppcc_session",
        "政协提案答复期限（大会期间）",
        _pp("REPLY_MONTHS_CPPCC_SESSION", 3),
        M,
        "《政协全国委员会提案工作条例》（2018年修订）及地方提案办理办法（四川省人民政府办法2024：大会提案五个月）",
        trigger="交办之日",
        extension_max=max(0, _pp("MAX_MONTHS", 6) - _pp("REPLY_MONTHS_CPPCC_SESSION", 3)),
        extension_approver="本级人民政府办公室（复杂提案）",
        warn_days=10,
        configurable=True,
        handling_action="proposals.case.handle",
        note="⚠ 提案工作条例的期限条文未经核实：默认三个月，地方规定为五个月的设置 REPLY_MONTHS_CPPCC_SESSION=5。",
    ),
    R(
        "proposals.reply_cppcc_recess",
        "政协提案答复期限（闭会期间）",
        _pp("REPLY_MONTHS_CPPCC_RECESS", 3),
        M,
        "《政协全国委员会提案工作条例》（2018年修订）及地方提案办理办法（四川省人民政府办法2024：闭会期间三个月）",
        trigger="交办之日",
        extension_max=max(0, _pp("MAX_MONTHS", 6) - _pp("REPLY_MONTHS_CPPCC_RECESS", 3)),
        extension_approver="本级人民政府办公室（复杂提案）",
        warn_days=10,
        configurable=True,
        handling_action="proposals.case.handle",
    ),
    R(
        "proposals.signing",
        "建议提案签收或申请调整期限",
        _pp("SIGN_DAYS", 5),
        PeriodUnit(_pp_unit("SIGN_UNIT", "natural_day")),
        "《山东省人民代表大会代表建议、批评和意见办理工作条例》（2017年）（五日；其他地方十日或三个工作日）",
        trigger="交办之日",
        warn_days=1,
        configurable=True,
        handling_action="proposals.case.handle",
        note="承办单位认为不属于本单位职责的，应在期限内说明理由申请调整，不得自行转办。",
    ),
    R(
        "proposals.assist_opinion",
        "协办单位意见期限",
        _pp("ASSIST_OPINION_MONTHS", 1),
        M,
        "《山东省人民代表大会代表建议、批评和意见办理工作条例》（2017年）第十八条至第二十四条（协办意见一个月）",
        trigger="交办之日",
        warn_days=5,
        configurable=True,
        handling_action="proposals.case.handle",
    ),
    R(
        "proposals.rehandling",
        "不满意件重新办理答复期限",
        _pp("REHANDLING_MONTHS", 1),
        M,
        "《山东省人民代表大会代表建议、批评和意见办理工作条例》（2017年）第十八条至第二十四条（一个月；北京2014第二十七条：两个月；四川2024：三个月）",
        trigger="收到不满意意见之日",
        warn_days=5,
        configurable=True,
        handling_action="proposals.case.handle",
    ),
    R(
        "mediation.conclusion",
        "人民调解期限",
        _md_length("CONCLUSION_MONTHS", 1),
        M,
        "《人民调解工作若干规定》（司法部令第75号，2002年）第三十三条（一般在一个月内调结；目标期限，可配置）",
        trigger="受理之日",
        configurable=True,
        warn_days=5,
        note="《人民调解法》未规定调解期限；本期限为工作目标，超期不影响调解的效力。",
    ),
    R(
        "mediation.judicial_confirmation",
        "申请司法确认期限",
        30,
        N,
        "《人民调解法》第三十三条",
        trigger="调解协议生效之日",
        warn_days=5,
        note="双方当事人认为有必要的，可以共同向人民法院申请司法确认；逾期申请的，人民法院不予受理。",
    ),
    R(
        "mediation.performance_follow_up",
        "调解协议履行回访期限",
        _md_length("FOLLOW_UP_DAYS", 30),
        N,
        "《人民调解法》第三十一条（人民调解委员会对调解协议的履行情况进行监督；回访期限法律未规定，由本地确定，可配置）",
        trigger="调解协议生效之日",
        configurable=True,
        warn_days=5,
    ),
    R(
        "legal_aid.decision",
        "法律援助审查决定期限",
        _la_period("DECISION", 7, "natural_day")[0],
        PeriodUnit(_la_period("DECISION", 7, "natural_day")[1]),
        "《法律援助法》第四十三条（⚠ 条文按通常引用，未核对全文；《办理法律援助案件程序规定》第十三条为七个工作日，"
        "期限单位可配置）",
        trigger="收到法律援助申请之日",
        excludes=("申请人补充材料的时间",),
        configurable=True,
        warn_days=2,
        note="法律规定为七日，部门规章规定为七个工作日：默认按法律（自然日），可在设置中改为工作日。需要补充材料的，补充材料所需时间不计入期限。",
    ),
    R(
        "legal_aid.assignment",
        "指派法律援助人员期限",
        _la_period("ASSIGNMENT", 3, "natural_day")[0],
        PeriodUnit(_la_period("ASSIGNMENT", 3, "natural_day")[1]),
        "《法律援助法》第四十三条（⚠ 条文按通常引用；地方规定为三个工作日，期限单位可配置）",
        trigger="作出给予法律援助决定之日",
        configurable=True,
        warn_days=1,
    ),
    R(
        "legal_aid.objection_review",
        "法律援助异议审查期限",
        _la_period("OBJECTION_REVIEW", 5, "natural_day")[0],
        PeriodUnit(_la_period("OBJECTION_REVIEW", 5, "natural_day")[1]),
        "《法律援助法》第四十九条（⚠ 条文按通常引用；地方规定为五个工作日，期限单位可配置）",
        trigger="司法行政部门收到异议之日",
        configurable=True,
        warn_days=1,
    ),
    R(
        "decision.public_comment_min",
        "重大行政决策公开征求意见最短期限",
        30,
        N,
        "《重大行政决策程序暂行条例》第十五条",
        trigger="公开征求意见之日",
        minimum=True,
        warn_days=5,
        note="一般不少于30日，为最短期限。",
    ),
    R(
        "decision.legality_review_min",
        "重大行政决策合法性审查最短期限",
        7,
        W,
        "《重大行政决策程序暂行条例》第二十六条",
        trigger="送请合法性审查之日",
        minimum=True,
        warn_days=2,
        note="一般不少于7个工作日，为最短期限。",
    ),
    R(
        "normative_document.filing",
        "规范性文件报送备案期限",
        _nd_days("FILING_DAYS", 30),
        N,
        "国办发〔2018〕37号；地方规范性文件备案规定（如《北京市各级人民代表大会常务委员会规范性文件备案审查条例》"
        "（2024年）第十一条：公布之日起三十日内；部分地方为十五日，可配置）",
        trigger="公布之日",
        configurable=True,
        warn_days=5,
    ),
    R(
        "normative_document.correction_report",
        "备案审查纠错情况报告期限",
        _nd_days("CORRECTION_DAYS", 30),
        N,
        "参照《法规规章备案审查条例》（2024年）第二十一条（收到纠错意见之日起三十日内报告处理情况）；"
        "地方规范性文件备案审查规定（可配置）",
        trigger="收到审查意见书之日",
        configurable=True,
        warn_days=5,
    ),
    R(
        "normative_document.legality_review",
        "规范性文件合法性审核期限",
        _nd_days("LEGALITY_REVIEW_DAYS", 15),
        W,
        "国办发〔2018〕115号（审核时间一般不少于5个工作日、最长不超过15个工作日；各地规定不一，可配置）",
        trigger="收到送审材料之日",
        configurable=True,
        warn_days=2,
    ),
    R(
        "normative_document.consultation_min",
        "规范性文件公开征求意见最短期限",
        _nd_days("CONSULTATION_MIN_DAYS", 30),
        N,
        "国办发〔2018〕37号（征求意见期限一般不少于30日；地方规定，可配置）",
        trigger="公开征求意见之日",
        minimum=True,
        configurable=True,
        warn_days=5,
        note="一般不少于30日，为最短期限；期限更短的须记录理由。",
    ),
    R(
        "penalty.case",
        "行政处罚案件办理期限",
        90,
        N,
        "《行政处罚法》（2021年修订）第六十条",
        trigger="立案之日",
        warn_days=10,
        note="法律、法规、规章另有规定的，从其规定。",
    ),
    R(
        "plan.task",
        "计划任务完成期限",
        0,
        N,
        "法治政府建设工作计划（非法定期限）",
        trigger="计划印发之日",
        fixed_date=True,
        warn_days=5,
        notify=False,
        note="完成期限由计划文件确定，经批准可调整。",
    ),
]

RULES: dict[str, ClockRule] = {r.id: r for r in _RULES}


def rule_get(rule_id: str) -> ClockRule:
    """The rule with this id; raises UnknownRuleError (a DomainError and a KeyError) otherwise."""
    try:
        return RULES[rule_id]
    except KeyError:
        raise UnknownRuleError(rule_id) from None


def rule_register(rule: ClockRule) -> ClockRule:
    """Let a module add a rule (its id must not collide with a different definition)."""
    existing = RULES.get(rule.id)
    if existing is not None and existing != rule:
        raise ValueError(f"期限规则 {rule.id} 已存在且定义不同")
    RULES[rule.id] = rule
    return rule
