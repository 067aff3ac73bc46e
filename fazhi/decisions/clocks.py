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
