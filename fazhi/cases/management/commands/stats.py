"""fazhi stats DOCKET --year YYYY [--period Q1…Q4|H1|H2|M01…M12] [--unit CODE] [--json]: the same figures as the
statistics pages. Without --period the whole year, and the JSON exactly as before (no "period" key).

Exit status 2 with a Chinese message on stderr for an unknown docket, a bad year or period or an unknown unit code.
JSON keys are a contract: see fazhi/cases/README-stats.md.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from fazhi.cases.periods import period_check
from fazhi.cases.stats import stats_command_get, stats_figures, stats_get, unit_check, year_check
from fazhi.core.errors import DomainError


class Command(BaseCommand):
    # Read-only figures with a 1 s budget (issue 12): the system checks would import every URLconf and view (the API's
    # ninja/pydantic, the Excel exports' openpyxl) — ~⅔ of the command's time — and check nothing this command uses.
    # `fazhi check` (and every server start) still runs them.
    requires_system_checks: list[str] = []
    help = (
        "打印案件统计（与统计页面数字一致）：fazhi stats reconsideration|litigation --year YYYY "
        "[--period Q1|H1|M01…] [--unit CODE] --json"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "docket", help="reconsideration（行政复议）、litigation（行政应诉）或 documents（规范性文件）"
        )
        parser.add_argument("--year", required=True, help="统计年度（四位年份）")
        parser.add_argument(
            "--period", default="", help="统计期间：Q1–Q4（季度）、H1/H2（半年）、M01–M12（月份）；默认全年"
        )
        parser.add_argument("--unit", default="", help="单位编码（被申请人/被告或承办单位）")
        parser.add_argument("--json", action="store_true", help="输出 JSON")

    def handle(self, *args: Any, **opts: Any) -> None:
        other = stats_command_get(opts["docket"])
        if other is not None:
            return self._other(*other, opts)
        try:
            spec = stats_get(opts["docket"])
            period = period_check(year_check(opts["year"]), opts["period"])
            unit = unit_check(opts["unit"])
            figures = stats_figures(docket=spec.docket, year=period, unit_code=unit.code if unit else None)
        except DomainError as exc:
            self.stderr.write(exc.message)
            raise SystemExit(2) from None
        if opts["json"]:
            self.stdout.write(json.dumps(figures, ensure_ascii=False, sort_keys=True, default=str))
            return
        title = f"{spec.label}统计 {period.label}" + (f"（{unit.name}）" if unit else "")
        self.stdout.write(title)
        for f in spec.figures:
            value = figures.get(f.key)
            shown = "—" if value is None else (f"{value}%" if f.rate else str(value))
            extra = f"（{figures.get(f.rate[0])}/{figures.get(f.rate[1])}）" if f.rate else ""
            self.stdout.write(f"  {f.label}：{shown}{extra}")
        self.stdout.write("  结案结果：")
        for o in figures["outcomes"]:
            if o["count"]:
                self.stdout.write(f"    {o['label']}：{o['count']}")

    def _other(self, label: str, fn: Any, labels: dict[str, str], opts: dict[str, Any]) -> None:
        """A module that is not a docket (registered with register_stats_command): its JSON as it builds it."""
        try:
            period = period_check(year_check(opts["year"]), opts["period"])
            unit = unit_check(opts["unit"])
            figures = fn(period=period, unit_code=unit.code if unit else None)
        except DomainError as exc:
            self.stderr.write(exc.message)
            raise SystemExit(2) from None
        if opts["json"]:
            self.stdout.write(json.dumps(figures, ensure_ascii=False, sort_keys=True, default=str))
            return
        self.stdout.write(f"{label}统计 {period.label}" + (f"（{unit.name}）" if unit else ""))
        for key, name in labels.items():
            value = figures.get(key)
            self.stdout.write(f"  {name}：{'—' if value is None else value}")
