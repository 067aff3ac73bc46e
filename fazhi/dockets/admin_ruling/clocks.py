"""The clock rules of 行政裁决 (the engine computes; this only declares). No national statute fixes the acceptance,
reply or decision period of 行政裁决 in general (the 2018 意见 asks the departments to set them): the defaults follow
《土地权属争议调查处理办法》(国土资源部令第17号, 2003) as commonly cited ⚠ — 7 working days to decide on acceptance,
30 days for the respondent's 答辩书 from receiving the copy, 6 months from 受理 to the decision — and each is a
setting (settings.FAZHI_ADMIN_RULING, keys below). The remedy windows after the ruling are statutory."""

from __future__ import annotations

from typing import Any

from fazhi.deadlines.rules import ClockRule, PeriodUnit, rule_register

HANDLE = "admin_ruling.case.handle"
SETTING = "FAZHI_ADMIN_RULING"
LAND_RULES = "《土地权属争议调查处理办法》（国土资源部令第17号，2003年；⚠ 条文按通常引用，条号未核对）"
DEFAULTS: dict[str, tuple[int, str]] = {
    "ACCEPTANCE": (7, "working_day"),
    "REPLY": (30, "natural_day"),
    "DECISION": (6, "month"),
    "SECTOR_SUIT": (30, "natural_day"),
}


def period(key: str) -> tuple[int, str]:
    """(length, unit) of a period from settings.FAZHI_ADMIN_RULING (`<KEY>_LENGTH`, `<KEY>_UNIT`), else the default."""
    from django.conf import settings

    length, unit = DEFAULTS[key]
    try:
        conf: dict[str, Any] = getattr(settings, SETTING, {}) or {}
        return int(conf.get(f"{key}_LENGTH", length)), str(conf.get(f"{key}_UNIT", unit))
    except Exception:  # settings not configured (a pure import): the default
        return length, unit


def _rule(rid: str, name: str, key: str, basis: str, trigger: str, warn: int, **kw: Any) -> None:
    length, unit = period(key)
    rule_register(
        ClockRule(
            rid,
            name,
            length,
            PeriodUnit(unit),
            basis,
            trigger=trigger,
            configurable=True,
            warn_days=warn,
            handling_action=HANDLE,
            **kw,
        )
    )


_rule(
    "admin_ruling.acceptance",
    "行政裁决申请受理审查期限",
    "ACCEPTANCE",
    f"⚠ 无统一法定期限；默认参照{LAND_RULES}（收到申请书之日起七个工作日内提出是否受理的意见），可配置 {SETTING}",
    "收到行政裁决申请之日",
    1,
)
_rule(
    "admin_ruling.reply",
    "被申请人答辩期限",
    "REPLY",
    f"⚠ 无统一法定期限；默认参照{LAND_RULES}（接到申请书副本之日起三十日内提交答辩书），可配置 {SETTING}",
    "被申请人收到申请书副本之日",
    5,
    note="被申请人不提交答辩书的，不影响行政裁决机关审理。",
)
_rule(
    "admin_ruling.decision",
    "行政裁决期限",
    "DECISION",
    f"⚠ 无统一法定期限；默认参照{LAND_RULES}（受理之日起六个月内提出处理意见），可配置 {SETTING}",
    "受理之日",
    10,
)
# After the outcome: the parties' windows, shown on the case (not a duty of the department, so no 临期/超期 notice).
rule_register(
    ClockRule(
        "admin_ruling.remedy_reconsideration",
        "不服行政裁决申请行政复议期限",
        60,
        PeriodUnit.NATURAL_DAY,
        "《中华人民共和国行政复议法》（2023年修订）第二十条",
        trigger="当事人收到行政裁决书之日",
        warn_days=5,
        handling_action=HANDLE,
        notify=False,
        note="法律规定的申请期限超过六十日的，从其规定。",
    )
)
rule_register(
    ClockRule(
        "admin_ruling.remedy_litigation",
        "不服行政裁决提起行政诉讼期限",
        6,
        PeriodUnit.MONTH,
        "《中华人民共和国行政诉讼法》第四十六条",
        trigger="当事人收到行政裁决书之日",
        warn_days=10,
        handling_action=HANDLE,
        notify=False,
        note="法律另有规定的除外（土地、林木林地、草原权属争议：见下一期限）。",
    )
)
_rule(
    "admin_ruling.remedy_sector_suit",
    "不服权属争议处理决定向人民法院起诉期限",
    "SECTOR_SUIT",
    "⚠ 《中华人民共和国土地管理法》第十四条、《中华人民共和国森林法》第二十二条、《中华人民共和国草原法》第十六条"
    f"（接到处理决定通知之日起三十日内，条文按通常引用），可配置 {SETTING}",
    "当事人收到处理决定之日",
    5,
    notify=False,
)
