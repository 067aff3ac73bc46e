"""`fazhi demo`: build 示范市 (units, groups, roles, persona logins), run every module's demo step, print the logins."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from fazhi.core.actions import DEMO_STEPS
from fazhi.orgs.demo import demo_city_build


class Command(BaseCommand):
    help = "建立演示城市“示范市”（可重复运行，第二次不做任何修改）并打印演示账号。"

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        write = self.stdout.write
        logins = demo_city_build(write)
        for _order, label, step in list(DEMO_STEPS):
            write(f"— {label}")
            step(write)  # type: ignore[operator]
        write("")
        write("演示账号（仅用于演示；正式账号由管理员创建，首次登录须修改密码）：")
        rows = [
            ("账号", "密码", "角色", "单位", "说明"),
            *((x.username, x.password, x.persona, x.unit, x.note) for x in logins),
        ]
        widths = [max(_width(r[i]) for r in rows) for i in range(4)]
        for r in rows:
            write("  ".join(_pad(c, w) for c, w in zip(r[:4], widths, strict=True)) + ("  " + r[4] if r[4] else ""))
        write(self.style.SUCCESS(f"示范市已就绪（{time.monotonic() - started:.1f} 秒）。"))


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)  # CJK characters take two columns in a terminal


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
