"""`fazhi audit verify` names the first broken row; `fazhi audit purge` applies the retention period."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.audit.retention import audit_purge_expired
from fazhi.audit.verify import audit_chain_verify


class Command(BaseCommand):
    help = "审计日志：verify 校验哈希链；purge 按保存期限清理"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("subcommand", choices=["verify", "purge"])

    def handle(self, *args: object, **options: object) -> None:
        if options["subcommand"] == "verify":
            report = audit_chain_verify()
            if report.ok:
                self.stdout.write(f"审计链完整：共校验 {report.rows_checked} 条记录。")
                return
            raise CommandError(f"审计链在第 {report.first_broken_id} 号记录处断裂：{report.reason}")
        removed = audit_purge_expired()
        self.stdout.write(f"已清理超过保存期限的审计记录 {removed} 条。")
