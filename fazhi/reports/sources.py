"""The supervisable items this module raises: a unit's contribution to the annual report (ended by the source when
the unit submits), and the clock of the report's publication (厅字〔2019〕28号 第二十四条: before 1 April)."""

from __future__ import annotations

from fazhi.deadlines.rules import ClockRule, PeriodUnit, rule_register
from fazhi.supervision.sources import SourceKind, source_register

CONTRIBUTION_KIND = "reports.contribution"
PUBLICATION_RULE = "reports.publication"

source_register(
    SourceKind(
        key=CONTRIBUTION_KIND,
        label="年度报告供稿",
        end="source",  # closed when the unit submits its paragraphs
        extension_by=("unit",),
        closes_here=False,
    )
)

rule_register(
    ClockRule(
        PUBLICATION_RULE,
        "法治政府建设年度报告公开期限",
        0,
        PeriodUnit.NATURAL_DAY,
        "《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）第二十四条：每年4月1日之前向社会公开",
        trigger="报告首次定稿之日",
        fixed_date=True,
        warn_days=15,
        notify=False,
        note="截止日为报告年度次年3月31日（FAZHI_REPORTS['PUBLISH_BEFORE'] 的前一日）。",
    )
)
