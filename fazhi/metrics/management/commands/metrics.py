"""fazhi metrics list [--json] | value KEY --year YYYY [--period P] [--unit CODE] [--subordinates] [--records]
[--json] | rebuild [SOURCE]: the metric registry on the command line (contracts: fazhi/metrics/README.md).

Exit status 2 with a Chinese message on stderr for an unknown key, a bad year or period, or an unknown unit code.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from fazhi.core.errors import DomainError
from fazhi.metrics.periods import period_parse
from fazhi.metrics.registry import metric_get, metrics_all
from fazhi.metrics.selectors import metric_value, unit_resolve
from fazhi.metrics.tallies import SOURCES, tally_rebuild
from fazhi.metrics.years import year_check


class Command(BaseCommand):
    # Read-only figures with a 1 s budget (issue 12): the system checks would import every URLconf and view (the API's
    # ninja/pydantic, the Excel exports' openpyxl) — ~⅔ of the command's time — and check nothing this command uses.
    # `fazhi check` (and every server start) still runs them.
    requires_system_checks: list[str] = []
    help = "指标注册表：fazhi metrics list [--json]；fazhi metrics value KEY --year YYYY [--period P] [--unit CODE] [--records] [--json]"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        ls = sub.add_parser("list", help="列出全部指标及其口径")
        ls.add_argument("--json", action="store_true")
        v = sub.add_parser("value", help="计算一个指标的值")
        v.add_argument("key", help="指标键，例如 reconsideration.correction_rate")
        v.add_argument("--year", required=True, help="统计年度（四位年份）")
        v.add_argument(
            "--period",
            default="",
            help="统计期间：Q1–Q4、H1/H2、M01–M12，或起止日期 YYYY-MM-DD..YYYY-MM-DD；默认全年",
        )
        v.add_argument("--unit", default="", help="单位编码")
        v.add_argument("--subordinates", action="store_true", help="含下级单位")
        v.add_argument("--records", action="store_true", help="同时列出计入的记录编号")
        v.add_argument("--json", action="store_true")
        rb = sub.add_parser("rebuild", help="从全部记录重新计数（批量导入之后）")
        rb.add_argument("source", nargs="?", default="", help="来源（默认全部）")

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            getattr(self, "do_" + opts["action"])(opts)
        except DomainError as exc:
            self.stderr.write(exc.message)
            raise SystemExit(2) from None

    def do_list(self, opts: dict[str, Any]) -> None:
        metrics = metrics_all()
        if opts["json"]:
            rows = [
                {"key": m.key, "label": m.label, "unit": m.unit, "module": m.module, "definition": m.full_definition}
                for m in metrics
            ]
            self.stdout.write(json.dumps(rows, ensure_ascii=False))
            return
        for m in metrics:
            self.stdout.write(f"{m.key}\t{m.label}（{m.unit}）\t{m.module}")

    def do_value(self, opts: dict[str, Any]) -> None:
        metric = metric_get(opts["key"])
        period = period_parse(year_check(opts["year"]), opts["period"])
        unit = unit_resolve(opts["unit"] or None)
        out = metric_value(
            metric.key, period=period, unit=unit, subordinates=opts["subordinates"], records=opts["records"]
        )
        if opts["json"]:
            self.stdout.write(json.dumps(out, ensure_ascii=False, sort_keys=True, default=str))
            return
        shown = "—" if out["value"] is None else f"{out['value']}{metric.unit}"
        where = f"（{unit.name}{'及下级' if opts['subordinates'] else ''}）" if unit else ""
        self.stdout.write(f"{metric.label} {period.label}{where}：{shown}")
        if metric.is_rate:
            self.stdout.write(f"  分子 {out['numerator']}，分母 {out['denominator']}")
        for b in out.get("breakdown") or []:
            if b["value"]:
                self.stdout.write(f"  {b['label']}：{b['value']}")
        if opts["records"]:
            self.stdout.write(f"  记录：{json.dumps(out['records'], ensure_ascii=False)}")

    def do_rebuild(self, opts: dict[str, Any]) -> None:
        names = [opts["source"]] if opts["source"] else sorted(SOURCES)
        for name in names:
            if name not in SOURCES:
                raise DomainError("unknown_source", f"没有计数来源“{name}”（可选：{'、'.join(sorted(SOURCES))}）。")
            self.stdout.write(f"{name}：{tally_rebuild(SOURCES[name])} 行")
