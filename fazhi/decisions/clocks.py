"""The decisions module's clock rules (the engine computes; this only declares). The public-comment and legality
minimums are the engine's own (decision.public_comment_min, Art. 15; decision.legality_review_min, Art. 26)."""

from fazhi.deadlines.rules import ClockRule, PeriodUnit, rule_register

HEARING_MATERIALS = rule_register(
    ClockRule(
        "decision.hearing_materials",
        "重大行政决策听证材料提前送达期限",
        7,
        PeriodUnit.NATURAL_DAY,
        "《重大行政决策程序暂行条例》第十七条",
        trigger="听证材料送达听证参加人之日",
        minimum=True,
        warn_days=2,
        note="听证材料应当于召开听证会7日前送达；计算结果为最早可召开听证会之日。",
    )
)


def _execution_days() -> int:
    from django.conf import settings

    try:
        return int(getattr(settings, "FAZHI_DECISIONS", {}).get("EXECUTION_REPORT_DAYS", 180))
    except Exception:  # settings not configured (a pure import): the default
        return 180


EXECUTION_REPORT = rule_register(
    ClockRule(
        "decision.execution_report",
        "重大行政决策执行情况报告期限",
        _execution_days(),
        PeriodUnit.NATURAL_DAY,
        "《重大行政决策程序暂行条例》第三十四条（决策执行单位应当向决策机关报告决策执行情况；报告周期由本地规定，"
        "可配置 FAZHI_DECISIONS_EXECUTION_REPORT_DAYS，默认180日）",
        trigger="决策公布之日；其后为上次报告执行情况之日",
        configurable=True,
        warn_days=10,
        note="逾期未报告的，向承办单位生成督办事项，报告后自动办结。",
    )
)
