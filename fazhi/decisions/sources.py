"""重大行政决策's supervisable item (#13): an execution report not made by its clock's due day (《重大行政决策程序暂行
条例》第三十四条) → an item for the lead unit that follows the clock and closes by itself when the report is made."""

from __future__ import annotations

from fazhi.supervision.sources import SourceKind, source_register

EXECUTION_REPORT = "decisions.execution_report"
EXECUTION_CLOCK_RULE = "decision.execution_report"

source_register(
    SourceKind(
        key=EXECUTION_REPORT,
        label="决策执行情况报告",
        end="source",  # the report is made: the clock completes and the item closes (deadlines hook)
        extension_by=(),  # the reporting period is a setting of the local rules, not extended per item
        closes_here=False,  # the decision's page is the door (报告执行情况)
        clock_rules=(EXECUTION_CLOCK_RULE,),  # one late report is one item: the rule table's clock rows skip it
    )
)
