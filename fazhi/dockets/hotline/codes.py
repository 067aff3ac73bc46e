"""Code lists for 12345 work orders (接诉即办; local law only, legal-rules.md §6: 《北京市接诉即办工作条例》2021,
《潍坊市12345政务服务便民热线条例》2021). Codes are a contract (statistics JSON, import, API). Categories, periods and
the rate formula are settings (FAZHI_HOTLINE): localities differ."""

from __future__ import annotations

from typing import Any

from django.conf import settings

# 诉求类型 (北京条例 Art. 2): 咨询、求助、投诉、举报、建议.
TYPES = (
    ("consult", "咨询"),
    ("help", "求助"),
    ("complaint", "投诉"),
    ("report", "举报"),
    ("suggestion", "建议"),
)
TYPE_LABEL = dict(TYPES)

CHANNELS = (("online", "热线系统（电话、网络）"), ("other", "其他"))

# 退单理由 (convention; legal-rules.md §6).
RETURN_REASONS = (
    ("not_our_duty", "不属于本单位职责"),
    ("not_our_area", "不属于本辖区"),
    ("unclear", "诉求内容不清、无法办理"),
    ("other", "其他"),
)
RETURN_LABEL = dict(RETURN_REASONS)

# 依法分流 (北京条例 Art. 11): matters for a statutory channel are diverted, counted apart and never scored.
DIVERSIONS = (
    ("litigation", "诉讼"),
    ("arbitration", "仲裁"),
    ("reconsideration", "行政复议"),
    ("disclosure", "政府信息公开申请"),
    ("petition", "信访"),
)
DIVERSION_LABEL = dict(DIVERSIONS)

# 回访 (北京条例 Art. 32): the caller's satisfaction and whether the matter is solved.
SATISFACTION = (
    ("satisfied", "满意"),
    ("basic", "基本满意"),
    ("unsatisfied", "不满意"),
)
SATISFACTION_LABEL = dict(SATISFACTION)

OUTCOMES = (
    *SATISFACTION,
    ("unreached", "回访未联系上"),
    ("answered", "中心直接答复办结"),
    *((f"diverted.{c}", f"依法分流：{label}") for c, label in DIVERSIONS),
)
OUTCOME_LABEL = dict(OUTCOMES)
DIVERTED = tuple(f"diverted.{c}" for c, _ in DIVERSIONS)

DEFAULT_CATEGORIES = (
    ("housing", "住房保障与物业"),
    ("heating", "供暖供热"),
    ("traffic", "交通出行"),
    ("environment", "生态环境"),
    ("market", "市场监管与消费维权"),
    ("labour", "劳动保障与欠薪"),
    ("city", "市容环境与城市管理"),
    ("other", "其他"),
)


def hotline_settings() -> dict[str, Any]:
    return getattr(settings, "FAZHI_HOTLINE", {}) or {}


def setting_categories() -> tuple[tuple[str, str], ...]:
    """The flat category list of the setting: what an order may carry until the centre builds its tree."""
    return tuple(tuple(c) for c in hotline_settings().get("CATEGORIES", DEFAULT_CATEGORIES))  # type: ignore[misc]


def categories() -> tuple[tuple[str, str], ...]:
    """(code, name) of the categories in use: the centre's tree (models.HotlineCategory, tree.py) once built, else the
    setting's list. Codes are stable (a contract with the orders, the import and the API)."""
    from .tree import category_list

    return tuple((code, name) for code, name, _depth in category_list())


def auto_dispatch() -> bool:
    """FAZHI_HOTLINE AUTO_DISPATCH: an arriving order the tree names a unit for is dispatched at once (default: the
    unit is only proposed; the centre dispatches)."""
    return bool(hotline_settings().get("AUTO_DISPATCH", False))


def satisfied_codes() -> tuple[str, ...]:
    """The answers that count as satisfied for 满意率 (default: 满意 and 基本满意; a setting)."""
    return tuple(hotline_settings().get("SATISFIED", ("satisfied", "basic")))


RATE_DESCRIPTION = (
    "参照《北京市接诉即办工作条例》第三十二条：响应率 = 按时签收的工单 ÷ 计入考核的工单；解决率 = 回访中诉求人认为已解决的 ÷ "
    "回访成功的；满意率 = 回访中满意（含基本满意）的 ÷ 回访成功的。计入考核的工单：统计期间内办结、非依法分流、非中心直接答复。"
)


def rate_description() -> str:
    return str(hotline_settings().get("RATE_DESCRIPTION", RATE_DESCRIPTION))
