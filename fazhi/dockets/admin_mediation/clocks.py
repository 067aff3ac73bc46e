"""The clock rules of 行政调解 (the engine computes; this only declares). No national statute fixes any period of
行政调解 in general and legal-rules.md has no section on it: every period is a setting (settings.FAZHI_ADMIN_MEDIATION,
`<KEY>_LENGTH` / `<KEY>_UNIT`) with a default marked ⚠ —

- ACCEPTANCE: 5 working days from the application to decide on 受理 (⚠ as local 行政调解办法 commonly set it);
- CONCLUSION: 30 days from 受理 to conclude (a target, ⚠ as local 行政调解办法 commonly set it);
- CONFIRMATION: 30 days from the agreement taking effect to apply jointly for 司法确认 (⚠: 《人民调解法》第三十三条
  applies to 人民调解 only; for an agreement reached by a 行政机关 the commonly cited basis is 《民事诉讼法》(2023) 第二百
  零五条 "经依法设立的调解组织调解达成调解协议" and 最高人民法院 法发〔2009〕45号 — not read here);
- FOLLOW_UP: the 回访 of performance, 30 days from the agreement (⚠ practice, after 人民调解).
"""

from __future__ import annotations

from typing import Any

from fazhi.deadlines.rules import ClockRule, PeriodUnit, rule_register

HANDLE = "admin_mediation.case.handle"
SETTING = "FAZHI_ADMIN_MEDIATION"
LOCAL = "各地行政调解办法的通常规定（⚠ 无全国统一规定，未核对条文）"
DEFAULTS: dict[str, tuple[int, str]] = {
    "ACCEPTANCE": (5, "working_day"),
    "CONCLUSION": (30, "natural_day"),
    "CONFIRMATION": (30, "natural_day"),
    "FOLLOW_UP": (30, "natural_day"),
}


def period(key: str) -> tuple[int, str]:
    """(length, unit) of a period from settings.FAZHI_ADMIN_MEDIATION (`<KEY>_LENGTH`, `<KEY>_UNIT`), else the
    default."""
    from django.conf import settings

    length, unit = DEFAULTS[key]
    try:
        conf: dict[str, Any] = getattr(settings, SETTING, {}) or {}
        return int(conf.get(f"{key}_LENGTH", length)), str(conf.get(f"{key}_UNIT", unit))
    except Exception:  # settings not configured (a pure import): the default
        return length, unit


def period_text(key: str) -> str:
    """The period as a document tells it: "30日", "5个工作日", "1个月"."""
    length, unit = period(key)
    return f"{length}{ {'natural_day': '日', 'working_day': '个工作日', 'month': '个月'}.get(unit, '日') }"


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
    "admin_mediation.acceptance",
    "行政调解申请受理审查期限",
    "ACCEPTANCE",
    f"⚠ 无统一法定期限；默认参照{LOCAL}（收到申请之日起五个工作日内决定是否受理），可配置 {SETTING}",
    "收到行政调解申请之日",
    1,
)
_rule(
    "admin_mediation.conclusion",
    "行政调解期限（目标）",
    "CONCLUSION",
    f"⚠ 无统一法定期限；默认参照{LOCAL}（自受理之日起三十日内办结），可配置 {SETTING}",
    "受理之日",
    5,
    note="调解期限为工作目标；逾期未达成协议的，可以终止调解并告知其他途径。",
)
_rule(
    "admin_mediation.judicial_confirmation",
    "申请司法确认期限（行政调解协议）",
    "CONFIRMATION",
    "⚠ 《人民调解法》第三十三条只适用于人民调解协议；行政调解协议的司法确认通常引用《中华人民共和国民事诉讼法》"
    "（2023年修正）第二百零五条（自调解协议生效之日起三十日内共同申请）和最高人民法院法发〔2009〕45号，条文未在此"
    f"核对；可配置 {SETTING}",
    "行政调解协议生效之日",
    5,
    notify=False,
    note="双方当事人认为有必要的，可以共同向人民法院申请司法确认；不申请的，协议按约定履行。",
)
_rule(
    "admin_mediation.performance_follow_up",
    "行政调解协议履行回访期限",
    "FOLLOW_UP",
    f"⚠ 无法定期限（实践做法，参照人民调解的履行回访）；可配置 {SETTING}",
    "行政调解协议生效之日",
    5,
)
