"""`fazhi api schema [--check] [--output PATH]`: write the OpenAPI document to docs/api/openapi.json, or (--check)
exit 1 when the committed copy differs from what the code describes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.api.schema import COMMITTED, schema_text


class Command(BaseCommand):
    help = "接口：导出或核对 OpenAPI 文档（docs/api/openapi.json）"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        schema = sub.add_parser("schema", help="导出 OpenAPI 3.1 文档")
        schema.add_argument("--check", action="store_true", help="只核对，已提交的文档过期时以状态 1 退出")
        schema.add_argument("--output", default=str(COMMITTED), help="输出文件（默认 docs/api/openapi.json）")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["output"])
        text = schema_text()
        if options["check"]:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                raise CommandError(f"{path} 与代码描述的接口不一致：请运行 make openapi 并提交。")
            self.stdout.write(f"{path} 与代码一致。")
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.stdout.write(f"已写入 {path}")
