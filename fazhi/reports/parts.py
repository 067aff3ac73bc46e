"""The five parts (a setting, legal-rules.md §14 ⚠) and the default template: the usual sub-headings of published
reports by 纲要 chapter (静海 2023, 岳阳 2025), with starting texts whose figures are registry placeholders."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

CN_NUMBERS = "一二三四五六七八九十"


@dataclass(frozen=True)
class Part:
    code: str
    title: str  # numbered on output: "一、2026年推进法治政府建设的主要举措和成效"


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (sub-headings rarely pass twenty)."""
    if n <= 10:
        return CN_NUMBERS[n - 1]
    tens, ones = divmod(n, 10)
    return (CN_NUMBERS[tens - 1] if tens > 1 else "") + "十" + (CN_NUMBERS[ones - 1] if ones else "")


def parts(year: int) -> list[Part]:
    return [Part(code, title.format(year=year, next_year=year + 1)) for code, title in settings.FAZHI_REPORTS["PARTS"]]


def part_codes() -> list[str]:
    return [code for code, _ in settings.FAZHI_REPORTS["PARTS"]]


def required_parts() -> list[str]:
    return list(settings.FAZHI_REPORTS.get("REQUIRED_PARTS", []))


# (part, heading, text): the default template when no year has one yet. 31 figures from the registry.
DEFAULT_SECTIONS: list[tuple[str, str, str]] = [
    (
        "measures",
        "坚持党的领导，统筹推进法治政府建设",
        "全年分解法治政府建设任务{{plans.shares}}，已销号{{plans.closed}}，销号率{{plans.closed_rate}}，"
        "按期销号率{{plans.on_time_rate}}。",
    ),
    (
        "measures",
        "深入推进政府职能转变",
        "12345热线受理诉求{{hotline.received}}，响应率{{hotline.response_rate}}，解决率{{hotline.resolution_rate}}，"
        "满意率{{hotline.satisfaction_rate}}。",
    ),
    (
        "measures",
        "完善依法行政制度体系",
        "制发行政规范性文件{{normative_documents.issued}}，合法性审核率{{normative_documents.legality_review_rate}}，"
        "报备率{{normative_documents.filing_rate}}，报备及时率{{normative_documents.filing_timeliness_rate}}。",
    ),
    (
        "measures",
        "推进行政决策科学化、民主化、法治化",
        "作出重大行政决策{{decisions.decided}}，合法性审查率{{decisions.legality_review_rate}}，"
        "公开征求意见{{decisions.consultations}}。",
    ),
    ("measures", "坚持严格规范公正文明执法", ""),
    (
        "measures",
        "预防调处化解社会矛盾纠纷",
        "新收行政复议案件{{reconsideration.received}}，结案{{reconsideration.closed}}，"
        "纠错率{{reconsideration.correction_rate}}。人民调解组织受理纠纷{{mediation.accepted}}，"
        "调解成功率{{mediation.success_rate}}。受理信访事项{{petitions.accepted}}，按期办结率{{petitions.on_time_rate}}。"
        "收到法律援助申请{{legal_aid.received}}。",
    ),
    (
        "measures",
        "强化行政权力制约和监督",
        "新收行政应诉案件{{litigation.received}}，行政机关负责人出庭应诉率{{litigation.appearance_rate}}，"
        "败诉率{{litigation.lost_rate}}。办理人大代表建议和政协提案{{proposals.received}}，"
        "按期办复率{{proposals.on_time_rate}}，满意率{{proposals.satisfaction_rate}}。新收政府信息公开申请"
        "{{disclosure.new}}，按期答复率{{disclosure.on_time_rate}}。督办事项按期办结率"
        "{{supervision.closed_on_time_rate}}。",
    ),
    ("measures", "提升法治思维和依法行政能力", ""),
    ("shortcomings", "", ""),
    ("duty", "", ""),
    ("plans", "", ""),
    ("other", "", ""),
]
