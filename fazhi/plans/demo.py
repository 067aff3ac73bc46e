"""Demo step: import the sample plan (data/plan_sample.txt) for the demo city, idempotently.

Unit names resolve through fazhi.orgs (names, short names, aliases, groups); names the demo city lacks are left out
of the task's units and reported; a task none of whose units resolves is skipped."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from fazhi.core.actions import register_demo_step

DEMO_PLAN_NAME = "示范市2026年法治政府建设工作要点"
SAMPLE = Path(__file__).parent / "data" / "plan_sample.txt"


def demo_import_sample_plan(write: Callable[[str], object] = print) -> None:
    from .models import Plan, PlanKind
    from .parsing import parse_plan
    from .services import plan_import, unit_names_resolve

    if Plan.objects.filter(name=DEMO_PLAN_NAME).exists():
        write(f"计划“{DEMO_PLAN_NAME}”已存在，跳过。")
        return
    parsed = parse_plan(SAMPLE.read_bytes(), SAMPLE.name)
    resolved = unit_names_resolve(parsed.unit_names())
    missing = sorted(n for n, t in resolved.items() if t is None)
    tasks = []
    for t in parsed.tasks:
        lead = [n for n in t.lead_units if resolved.get(n) is not None]
        co = [n for n in t.co_units if resolved.get(n) is not None]
        if not lead and co:
            lead, co = co[:1], co[1:]
        if lead:
            tasks.append(dataclasses.replace(t, lead_units=lead, co_units=co, units_as_written=[*lead, *co]))
    if not tasks:
        write("示范计划：没有可识别的单位，跳过。")
        return
    parsed = dataclasses.replace(parsed, tasks=tasks)
    plan = plan_import(
        by="fazhi demo",
        parsed=parsed,
        name=DEMO_PLAN_NAME,
        kind=PlanKind.ANNUAL,
        year=parsed.plan_year,
        source_name=SAMPLE.name,
    )
    write(f"已导入示范计划“{plan.name}”：{len(tasks)}项任务。")
    if missing:
        write(f"示范城市中未找到以下单位，已略过：{'、'.join(missing)}")


register_demo_step(60, "导入示范计划（规划任务）", demo_import_sample_plan)
