"""fazhi report annual --year YYYY [--unit CODE] --out FILE.docx [--json] [--frozen]

The year's 法治政府建设年度报告 of the government (or, with --unit, of one unit) as .docx in GB/T 9704 layout: the
current draft — built from the year's template (or last year's, or the default one) where no report exists yet,
nothing saved — or with --frozen the latest frozen version exactly as frozen. --json prints {"figures": [...]}: each
figure once, {"key", "label", "value", "definition", "records"}; value is what `fazhi metrics value KEY --year YYYY
[--unit CODE]` prints, records the count of records behind it. Bad input: a Chinese message on stderr, exit status 2.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from fazhi.core.errors import DomainError
from fazhi.metrics.selectors import unit_resolve
from fazhi.metrics.years import year_check
from fazhi.reports.documents import report_docx
from fazhi.reports.selectors import content_keys, figures_live, frozen_content, report_content


class Command(BaseCommand):
    requires_system_checks: list[str] = []
    help = "法治政府建设年度报告：fazhi report annual --year YYYY [--unit CODE] --out FILE.docx [--json] [--frozen]"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        a = sub.add_parser("annual", help="生成年度报告（.docx）")
        a.add_argument("--year", required=True, help="报告年度（四位年份）")
        a.add_argument("--unit", default="", help="报告单位编码（默认：本级人民政府）")
        a.add_argument("--out", default="", help="输出的 .docx 文件")
        a.add_argument("--json", action="store_true", help="输出报告中的各项指标（JSON）")
        a.add_argument("--frozen", action="store_true", help="输出最新定稿版本（冻结的数据）")

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            self.do_annual(opts)
        except DomainError as exc:
            self.stderr.write(exc.message)
            raise SystemExit(2) from None

    def do_annual(self, opts: dict[str, Any]) -> None:
        year = year_check(opts["year"])
        unit = unit_resolve(opts["unit"] or None)
        out = opts["out"]
        if not out and not opts["json"]:
            raise DomainError(
                "reports.no_out", "请用 --out 指定输出的 .docx 文件（或用 --json 只输出指标）。", field="out"
            )
        if out and not out.lower().endswith(".docx"):
            raise DomainError("reports.bad_out", f"输出文件须为 .docx：{out}", field="out")
        if opts["frozen"]:
            content, figures, version = frozen_content(year=year, unit=unit)
            issued_on = version.created_at.date()
            note = f"定稿第{version.number}版，数据快照 {version.snapshot_id} 号"
        else:
            content = report_content(year=year, unit=unit)
            figures = figures_live(content_keys(content), year=year, unit=unit)
            issued_on, note = None, "（草稿，数据为生成时的实时统计）"
        if out:
            path = Path(out)
            if not path.parent.exists():
                raise DomainError("reports.bad_out", f"输出目录不存在：{path.parent}", field="out")
            path.write_bytes(report_docx(content, figures, issued_on=issued_on, note=note))
        if opts["json"]:
            rows = [{k: f[k] for k in ("key", "label", "value", "definition", "records")} for f in figures]
            self.stdout.write(json.dumps({"figures": rows}, ensure_ascii=False))
        elif out:
            self.stdout.write(f"已生成：{out}（{len(figures)} 项指标）")
