"""Supervisable-item kinds of the indicators module (registered from AppConfig.ready): a gap (an indicator below its
target), 销号 by the office; and a self-assessment not submitted by the set's 自评截止日期, which follows the unit's
clock and ends with it."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from fazhi.supervision.sources import SourceKind, source_register

GAP = "indicators.gap"
SELF_OVERDUE = "indicators.self_overdue"


def _describe(node: Any) -> tuple[str, str]:
    return f"考核指标：{node.title[:60]}", reverse("indicators:detail", args=[node.indicator_set_id])


source_register(SourceKind(key=GAP, label="考核指标短板", end="person", evidence_required=True, describe=_describe))
# A late self-assessment follows the unit's engine clock (rule indicators.self_assessment): it closes by itself when
# the unit has answered every leaf (the clock completes), and the rule table's generic rows skip that clock.
source_register(
    SourceKind(
        key=SELF_OVERDUE,
        label="考核自评逾期",
        end="source",
        describe=_describe,
        clock_rules=("indicators.self_assessment",),
    )
)
