"""fazhi cases check-dates [--docket CODE] [--json]: list the case steps whose dates break the kernel's date
invariant (a step before the case's received date or before the step it follows). Nothing is changed.

Text: one line per step out of order, then "共N处日期顺序错误。"; exit status 1 when there is any, 0 when none.
JSON: a list of {case_id, case_number, docket, step, on, before, before_on}.

fazhi cases import DOCKET FILE.xlsx [--unit CODE] [--dry-run] [--json]: the docket's Excel import of past cases (the
same function and validation as its web import, `DocketSpec.importer`), run synchronously in this process. Any
invalid row: exit status 2, nothing saved, every bad row and field listed (rows numbered as the spreadsheet numbers
them: the header is row 1); JSON {"ok": false, "errors": [{"row", "field", "message"}]}. Success: exit 0 and
"已导入N件。" / {"ok": true, "imported": N} (with --dry-run nothing is kept and the JSON adds "dry_run": true).
`--unit` is the handling unit where the file does not name one.
"""

from __future__ import annotations

import json
import os
from typing import Any

from django.core.files import File
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from fazhi.cases.checks import date_violations
from fazhi.cases.registry import DOCKETS


class _DryRunRollbackError(Exception):
    pass


class Command(BaseCommand):
    help = (
        "案件数据：fazhi cases check-dates [--docket CODE] [--json]（只列出，不修改）；"
        "fazhi cases import DOCKET FILE.xlsx [--unit CODE] [--dry-run] [--json]（导入历史案件）"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="sub", required=True)
        check = sub.add_parser("check-dates", help="列出日期早于收到日期或早于前一步骤的案件步骤")
        check.add_argument("--docket", default="", help="案件类型，如 reconsideration、litigation；默认全部")
        check.add_argument("--json", action="store_true", help="输出 JSON")
        imp = sub.add_parser("import", help="从 Excel 导入历史案件（与页面导入相同的校验，全部成功才保存）")
        imp.add_argument("docket", help="案件类型，如 reconsideration、litigation、disclosure")
        imp.add_argument("file", help="Excel 文件（.xlsx）")
        imp.add_argument("--unit", default="", help="承办单位编码（文件未写明承办单位时）")
        imp.add_argument("--dry-run", action="store_true", help="只校验，不保存")
        imp.add_argument("--json", action="store_true", help="输出 JSON")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["sub"] == "import":
            return self._import(opts)
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

    def _fail(self, opts: dict[str, Any], errors: list[tuple[int, str, str]]) -> None:
        if opts["json"]:
            rows = [{"row": n, "field": f, "message": m} for n, f, m in errors]
            self.stdout.write(json.dumps({"ok": False, "errors": rows}, ensure_ascii=False))
        else:
            for n, f, m in errors:
                self.stderr.write((f"第{n}行 " if n else "") + f"{f}：{m}")
            self.stderr.write(f"共{len(errors)}处错误，未导入任何案件。")
        raise SystemExit(2)

    def _import(self, opts: dict[str, Any]) -> None:
        from fazhi.orgs.models import Unit

        spec = DOCKETS.get(opts["docket"])
        if spec is None or not spec.importer:
            names = "、".join(code for code, s in DOCKETS.items() if s.importer)
            return self._fail(opts, [(0, "案件类型", f"“{opts['docket']}”没有导入功能（可选：{names}）。")])
        unit = None
        if opts["unit"]:
            unit = Unit.objects.filter(code=opts["unit"].strip()).first()
            if unit is None:
                return self._fail(opts, [(0, "--unit", f"未找到编码为“{opts['unit']}”的单位。")])
        elif spec.importer_needs_unit:
            return self._fail(opts, [(0, "--unit", "请用 --unit 指定承办单位编码。")])
        path = opts["file"]
        if not os.path.isfile(path):
            return self._fail(opts, [(0, "文件", f"找不到文件：{path}")])
        with open(path, "rb") as fh:
            f = File(fh, name=os.path.basename(path))
            try:
                with transaction.atomic():
                    result = spec.importer_fn()(file=f, by=None, handling_unit=unit)
                    if opts["dry_run"] and result.ok:
                        raise _DryRunRollbackError
            except _DryRunRollbackError:
                pass
        if not result.ok:
            return self._fail(opts, sorted(result.errors))
        n = len(result.cases)
        if opts["json"]:
            out: dict[str, Any] = {"ok": True, "imported": n}
            if opts["dry_run"]:
                out["dry_run"] = True
            self.stdout.write(json.dumps(out, ensure_ascii=False))
        else:
            self.stdout.write(f"校验通过：{n}件（未保存）。" if opts["dry_run"] else f"已导入{n}件。")
