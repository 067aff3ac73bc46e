"""fazhi cases check-dates [--docket CODE] [--json]: list the case steps whose dates break the kernel's date
invariant (a step before the case's received date or before the step it follows). Nothing is changed.

Text: one line per step out of order, then "共N处日期顺序错误。"; exit status 1 when there is any, 0 when none.
JSON: a list of {case_id, case_number, docket, step, on, before, before_on}.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from fazhi.cases.checks import date_violations
from fazhi.cases.registry import DOCKETS


class Command(BaseCommand):
    help = "案件数据检查：fazhi cases check-dates [--docket CODE] [--json]（只列出，不修改）"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="sub", required=True)
        check = sub.add_parser("check-dates", help="列出日期早于收到日期或早于前一步骤的案件步骤")
        check.add_argument("--docket", default="", help="案件类型，如 reconsideration、litigation；默认全部")
        check.add_argument("--json", action="store_true", help="输出 JSON")

    def handle(self, *args: Any, **opts: Any) -> None:
        docket = opts["docket"]
        if docket and docket not in DOCKETS:
            self.stderr.write(f"未知的案件类型：{docket}")
            raise SystemExit(2)
        found = list(date_violations(docket or None))
        if opts["json"]:
            self.stdout.write(
                json.dumps(
                    [{**v.__dict__, "on": v.on.isoformat(), "before_on": v.before_on.isoformat()} for v in found],
                    ensure_ascii=False,
                )
            )
        else:
            for v in found:
                self.stdout.write(f"{v.case_number}  {v.step}（{v.on}）早于{v.before}（{v.before_on}）")
            self.stdout.write(f"共{len(found)}处日期顺序错误。" if found else "未发现日期顺序错误。")
        if found:
            raise SystemExit(1)
