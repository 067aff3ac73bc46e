"""The indicators module's clock rule in the shared engine (fazhi/deadlines; imported from AppConfig.ready): the
self-assessment deadline. Its date is set by the 考核方案 (legal-rules.md §15: the process and dates are each
scheme's, not a statute's), so it is a fixed-date rule — the engine keeps the date, the light and the 临期/超期
notices; services_clocks.py starts one clock per responsible unit and completes it when the unit has answered."""

from __future__ import annotations

from fazhi.deadlines.rules import ClockRule, PeriodUnit, rule_register

SELF_RULE = "indicators.self_assessment"

rule_register(
    ClockRule(
        SELF_RULE,
        "考核自评截止期限",
        0,
        PeriodUnit.NATURAL_DAY,
        "考核方案确定的自评截止日期（非法定期限）",
        trigger="确定自评截止日期之日",
        fixed_date=True,
        warn_days=3,
        handling_action="indicators.self.assess",
        note="截止日期由考核方案确定，调整时重新设定。",
    )
)
