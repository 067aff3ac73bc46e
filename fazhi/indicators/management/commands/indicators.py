"""`fazhi indicators import FILE --dry-run [--json]`.

Contract (tools outside the project rely on it): with --dry-run --json it prints the tree it read,
{"nodes": [{"title": "…", "points": number or null, "description": "…", "children": [NODE, …]}, …]}
(UTF-8, not ASCII-escaped; leaves have "children": []), reading the file only — no database. A file from which no
indicator can be read exits with status 2 and names the line on stderr.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.indicators.parsing import IndicatorParseError, ParsedNode, nodes_as_json, parse_indicators


class Command(BaseCommand):
    help = "指标体系：导入指标文件（.txt / .docx）"
    requires_system_checks: list[str] = []  # --dry-run needs no database

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        imp = sub.add_parser("import", help="导入指标体系文件")
        imp.add_argument("file")
        imp.add_argument("--dry-run", action="store_true", help="只识别，不保存")
        imp.add_argument("--json", action="store_true", help="以 JSON 输出识别出的指标树")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["subcommand"] == "import":
            self._import(opts)

    def _import(self, opts: dict[str, Any]) -> None:
        path = Path(opts["file"])
        if not path.is_file():
            self._fail(f"文件不存在：{path}")
        try:
            nodes = parse_indicators(path.read_bytes(), path.name)
        except IndicatorParseError as exc:
            where = f"第{exc.line}行：" if exc.line else ""
            self._fail(f"{path.name}：{where}{exc.message}")
        if not opts["dry_run"]:
            raise CommandError("导入数据库尚未提供：请使用 --dry-run 查看识别结果。")
        if opts["json"]:
            self.stdout.write(json.dumps(nodes_as_json(nodes), ensure_ascii=False, indent=1))
            return
        for node in nodes:
            self._print(node, 0)
        count = sum(len(n.walk()) for n in nodes)
        self.stdout.write(f"共{count}项指标（未保存）。")

    def _print(self, node: ParsedNode, depth: int) -> None:
        points = "" if node.points is None else f"（{node.as_json()['points']}分）"
        self.stdout.write(f"{'  ' * depth}{node.title}{points}")
        for child in node.children:
            self._print(child, depth + 1)

    def _fail(self, message: str) -> NoReturn:
        raise CommandError(message, returncode=2)
