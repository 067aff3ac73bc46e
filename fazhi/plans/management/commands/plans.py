"""`fazhi plans import FILE [--dry-run] [--json] [--name …] [--year …] [--kind …]`.

Contract (tools outside the project rely on it): with --dry-run --json it prints
{"task_count": N, "tasks": [{"number", "title", "section", "lead_units", "co_units", "units_as_written", "due"}, …]}
(UTF-8, not ASCII-escaped; `due` absent where the text states several dates) and saves nothing. A file that cannot be
parsed exits with status 2 and names the line. Without --dry-run every unit name must resolve; the plan is created.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.core.errors import DomainError
from fazhi.plans.models import PlanKind
from fazhi.plans.parsing import PlanParseError, parse_plan
from fazhi.plans.services import plan_import


class Command(BaseCommand):
    help = "规划任务：导入计划文件（.txt / .docx）"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        imp = sub.add_parser("import", help="导入计划文件")
        imp.add_argument("file")
        imp.add_argument("--dry-run", action="store_true", help="只识别，不保存")
        imp.add_argument("--json", action="store_true", help="以 JSON 输出识别结果")
        imp.add_argument("--name", default="", help="计划名称（默认取文件中的《标题》）")
        imp.add_argument("--year", type=int, default=None, help="计划年度（默认从标题识别）")
        imp.add_argument("--kind", default=PlanKind.ANNUAL, choices=PlanKind.values)
        imp.add_argument("--draft", action="store_true", help="保存为草稿，不下达（在“编辑并下达”页核对后下达）")

    def handle(self, *args: Any, **opts: Any) -> None:
        path = Path(opts["file"])
        if not path.is_file():
            self._fail(f"文件不存在：{path}")
        try:
            parsed = parse_plan(path.read_bytes(), path.name, year=opts["year"])
        except PlanParseError as exc:
            where = f"第{exc.line}行：" if exc.line else ""
            self._fail(f"{path.name}：{where}{exc.message}")
        if opts["dry_run"]:
            if opts["json"]:
                out = {"task_count": len(parsed.tasks), "tasks": [t.as_json() for t in parsed.tasks]}
                self.stdout.write(json.dumps(out, ensure_ascii=False, indent=1))
            else:
                for t in parsed.tasks:
                    due = "多个日期" if t.due_ambiguous else (t.due.isoformat() if t.due else "—")
                    self.stdout.write(f"{t.number}. {t.title} | {'、'.join(t.units_as_written)} | {due}")
                self.stdout.write(f"共{len(parsed.tasks)}项任务（未保存）。")
            return
        try:
            plan = plan_import(
                by="fazhi plans import",
                parsed=parsed,
                name=opts["name"] or parsed.title,
                kind=opts["kind"],
                year=opts["year"] or parsed.plan_year,
                source_name=path.name,
                dispatch=not opts["draft"],
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        if opts["json"]:
            self.stdout.write(json.dumps({"plan_id": plan.pk, "task_count": plan.tasks.count()}, ensure_ascii=False))
        else:
            draft = "（草稿，未下达）" if opts["draft"] else ""
            self.stdout.write(f"已创建计划“{plan.name}”{draft}（编号{plan.pk}），共{plan.tasks.count()}项任务。")

    def _fail(self, message: str) -> None:
        self.stderr.write(message)
        sys.exit(2)
