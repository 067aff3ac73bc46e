"""`fazhi indicators import FILE --dry-run [--json]`, `fazhi indicators import FILE --code C --name N --year Y --owner
UNIT`, `fazhi indicators score SET_CODE --year YYYY [--unit CODE] [--json]`.

Contract (tools outside the project rely on it): with --dry-run --json it prints the tree it read,
{"nodes": [{"title": "…", "points": number or null, "description": "…", "children": [NODE, …]}, …]}
(UTF-8, not ASCII-escaped; leaves have "children": []), reading the file only — no database. A file from which no
indicator can be read exits with status 2 and names the line on stderr.

`score --json` prints {"set": {"code", "name", "year"}, "unit": CODE or "", "total": number or null, "nodes": [NODE,
…]}, each NODE {"title", "points", "score", "children"} and for a leaf also "value" and "source" (`computed` / `self` /
`review`, null when the leaf has no result yet); a branch's score is its children's rolled up. Read only: computed
values are those frozen (`indicator_results_freeze`, the set page's 冻结计算值). Unknown set, year or unit → exit 2.
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
        imp.add_argument("--code", default="", help="体系编码（保存时必填）")
        imp.add_argument("--name", default="", help="体系名称（保存时必填）")
        imp.add_argument("--year", type=int, default=None, help="考核年度（保存时必填）")
        imp.add_argument("--edition", default="", help="版本，如 2021版")
        imp.add_argument("--owner", default="", help="组织单位编码（保存时必填）")
        sc = sub.add_parser("score", help="输出指标体系的得分树")
        sc.add_argument("set_code")
        sc.add_argument("--year", type=int, required=True)
        sc.add_argument("--unit", default="", help="被考核单位编码（默认：全市）")
        sc.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["subcommand"] == "import":
            self._import(opts)
        elif opts["subcommand"] == "score":
            self._score(opts)

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
            self._save(nodes, path.name, opts)
            return
        if opts["json"]:
            self.stdout.write(json.dumps(nodes_as_json(nodes), ensure_ascii=False, indent=1))
            return
        for node in nodes:
            self._print(node, 0)
        count = sum(len(n.walk()) for n in nodes)
        self.stdout.write(f"共{count}项指标（未保存）。")

    def _save(self, nodes: list[ParsedNode], source_name: str, opts: dict[str, Any]) -> None:
        from fazhi.core.errors import DomainError
        from fazhi.indicators.services import indicator_set_import
        from fazhi.orgs.models import Unit

        missing = [f"--{k}" for k in ("code", "name", "year", "owner") if not opts[k]]
        if missing:
            self._fail(f"保存指标体系需要：{'、'.join(missing)}（只查看识别结果请加 --dry-run）。")
        owner = Unit.objects.filter(code=opts["owner"]).first()
        if owner is None:
            self._fail(f"未找到编码为“{opts['owner']}”的单位。")
        try:
            created = indicator_set_import(
                by=None,
                nodes=nodes,
                code=opts["code"],
                name=opts["name"],
                year=opts["year"],
                edition=opts["edition"],
                owner=owner,
                source_name=source_name,
            )
        except DomainError as exc:
            self._fail(exc.message)
        count = created.nodes.count()
        if opts["json"]:
            self.stdout.write(json.dumps({"set_id": created.pk, "node_count": count}, ensure_ascii=False))
        else:
            self.stdout.write(f"已导入指标体系“{created.name}”（编号{created.pk}），共{count}项指标。")

    def _score(self, opts: dict[str, Any]) -> None:
        from fazhi.indicators.models import IndicatorSet
        from fazhi.indicators.selectors import indicator_tree, tree_total
        from fazhi.orgs.models import Unit

        found = IndicatorSet.objects.filter(code=opts["set_code"], year=opts["year"]).first()
        if found is None:
            self._fail(f"未找到{opts['year']}年度编码为“{opts['set_code']}”的指标体系。")
        unit = None
        if opts["unit"]:
            unit = Unit.objects.filter(code=opts["unit"]).first()
            if unit is None:
                self._fail(f"未找到编码为“{opts['unit']}”的单位。")
        tree = indicator_tree(found, unit=unit)
        if opts["json"]:
            out = {
                "set": {"code": found.code, "name": found.name, "year": found.year},
                "unit": unit.code if unit else "",
                "total": tree_total(tree),
                "nodes": [_score_node(n) for n in tree],
            }
            self.stdout.write(json.dumps(out, ensure_ascii=False, indent=1))
            return
        for n in tree:
            self._print_score(n, 0)
        self.stdout.write(f"总得分：{tree_total(tree)}")

    def _print_score(self, n: dict[str, Any], depth: int) -> None:
        tail = "" if n["children"] else f" | 数值 {n['value']} | 来源 {n['source'] or '—'}"
        self.stdout.write(f"{'  ' * depth}{n['title']} | 分值 {n['points']} | 得分 {n['score']}{tail}")
        for c in n["children"]:
            self._print_score(c, depth + 1)

    def _print(self, node: ParsedNode, depth: int) -> None:
        points = "" if node.points is None else f"（{node.as_json()['points']}分）"
        self.stdout.write(f"{'  ' * depth}{node.title}{points}")
        for child in node.children:
            self._print(child, depth + 1)

    def _fail(self, message: str) -> NoReturn:
        raise CommandError(message, returncode=2)


def _score_node(n: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"title": n["title"], "points": n["points"], "score": n["score"]}
    if n["children"]:
        out["children"] = [_score_node(c) for c in n["children"]]
    else:
        out.update(value=n["value"], source=n["source"], metric_key=n["metric_key"] or None, children=[])
    return out
