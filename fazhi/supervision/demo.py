"""Demo step: the default rule table and ladder, an overdue 行政复议 clock item and a rectification item (dated from
today, idempotent). Registered after the dockets' demo cases (order 90)."""

from __future__ import annotations

from collections.abc import Callable

from fazhi.core.actions import register_demo_step


def demo_supervision(write: Callable[[str], object] = print) -> None:
    from .services import ladder_scan, ladder_steps, rules_defaults, rules_run

    rules_defaults()
    ladder_steps()
    out = rules_run(by="fazhi demo")
    ladder_scan()
    write(f"  督办生成规则：新生成 {out['raised']} 项，自动关闭 {out['closed']} 项")


register_demo_step(90, "督办事项（生成规则、三色督办）", demo_supervision)
