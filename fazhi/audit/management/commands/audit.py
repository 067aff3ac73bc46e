"""`fazhi audit verify` names the first broken row; `fazhi audit purge` applies the retention period."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.audit.checkpoints import audit_checkpoint_write, checkpoint_file
from fazhi.audit.retention import audit_purge_expired
from fazhi.audit.services import key_uses_seal
from fazhi.audit.verify import audit_chain_verify


class Command(BaseCommand):
    help = (
        "审计日志：verify 校验哈希链与检查点；purge 按保存期限清理；checkpoint 写入当日签名检查点；"
        "export-checkpoints 导出检查点文件；seal 封存接口密钥使用记录（后台任务进程每分钟自动封存）"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("subcommand", choices=["verify", "purge", "checkpoint", "export-checkpoints", "seal"])

    def handle(self, *args: object, **options: object) -> None:
        sub = options["subcommand"]
        if sub == "verify":
            report = audit_chain_verify()
            if report.ok:
                self.stdout.write(
                    f"审计链完整：共校验 {report.rows_checked} 条记录，核对检查点 {report.checkpoints_checked} 个。"
                )
                if report.key_uses_sealed or report.key_uses_unsealed:
                    self.stdout.write(
                        f"接口密钥使用记录：已封存并核对 {report.key_uses_sealed} 条，"
                        f"尚未封存 {report.key_uses_unsealed} 条（一分钟内写入，待后台任务封存）。"
                    )
                return
            where = f"第 {report.first_broken_id} 号记录处" if report.first_broken_id else "链头或检查点处"
            raise CommandError(f"审计链在{where}断裂：{report.reason}")
        if sub == "checkpoint":
            cp = audit_checkpoint_write()
            self.stdout.write(
                f"已写入审计检查点：共 {cp['count']} 条记录，最后一条为第 {cp['last_id']} 号（{checkpoint_file()}）。"
            )
            return
        if sub == "export-checkpoints":
            path = checkpoint_file()
            self.stdout.write(path.read_text(encoding="utf-8") if path.exists() else "", ending="")
            return
        if sub == "seal":
            sealed = key_uses_seal()
            self.stdout.write(f"已封存接口密钥使用记录 {sealed} 条。")
            return
        removed = audit_purge_expired()
        self.stdout.write(f"已清理超过保存期限的审计记录 {removed} 条。")
