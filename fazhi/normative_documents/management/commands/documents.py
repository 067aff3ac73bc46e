"""`fazhi documents citations FILE [--json]`: the instruments a .txt or .docx file cites (a contract).

With `--json`: a JSON array, each element {"title": "《…》", "articles": ["第三十二条", …]}, once per instrument, in
order of first mention. Without: one line per instrument, its title then its articles joined by 、.
It reads the file only: no system checks, no database. A missing or unreadable file exits 2 with a Chinese message.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from fazhi.normative_documents.citations import citations_extract
from fazhi.normative_documents.textfile import UnreadableFileError, text_of


class Command(BaseCommand):
    help = "行政规范性文件工具：citations FILE 列出文件引用的法律、法规、规章和文件。"
    requires_system_checks: list[str] = []  # the command touches no database
    requires_migrations_checks = False

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="subcommand")
        cite = sub.add_parser("citations", help="列出 .txt 或 .docx 文件引用的法律、法规、规章和文件")
        cite.add_argument("file", help=".txt 或 .docx 文件")
        cite.add_argument("--json", action="store_true", help="以JSON数组输出")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts.get("subcommand") != "citations":
            raise CommandError("用法：fazhi documents citations FILE [--json]", returncode=2)
        path = opts["file"]
        try:
            with open(path, "rb") as f:
                text = text_of(path, f)
        except OSError:
            raise CommandError(f"无法读取文件“{path}”。", returncode=2) from None
        except UnreadableFileError as exc:
            raise CommandError(f"{path}：{exc}", returncode=2) from None
        found = citations_extract(text)
        if opts["json"]:
            self.stdout.write(json.dumps([c.as_dict() for c in found], ensure_ascii=False, indent=2))
            return
        for c in found:
            self.stdout.write(f"{c.title}\t{'、'.join(c.articles)}".rstrip("\t"))
