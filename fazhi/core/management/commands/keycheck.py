"""`fazhi keycheck`: does the configured personal-information key fit this database? The restore drill runs it
before starting the server (docs/deploy.md §4); the server itself runs the same check when it starts."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.keycheck import KeyMismatch, pii_key_check


class Command(BaseCommand):
    help = "核验个人信息密钥能否解密本数据库的已知答案行"

    def handle(self, *args: object, **options: object) -> None:
        try:
            outcome = pii_key_check()
        except KeyMismatch as exc:
            raise CommandError(str(exc)) from None
        if outcome == "not migrated":
            raise CommandError("数据库尚未迁移（fazhi migrate），无法核验密钥。")
        self.stdout.write("个人信息密钥与数据库相符。" if outcome == "ok" else "已写入密钥核验行，密钥与数据库相符。")
