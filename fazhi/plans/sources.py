"""A plan share as a supervisable item (source kind `plans.share`): 销号 by the office on the task page (the plans
door calls the shared services), no evidence required, the share's unit — lead or co — may ask for an extension up
to the end of the plan period; an approved extension moves the share's due date and clock."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fazhi.supervision.sources import SourceKind, source_register

KIND = "plans.share"


def _share(item: Any) -> Any:
    from .models import TaskAssignment

    return TaskAssignment.objects.select_related("task__plan").get(item=item)


def _limit(item: Any) -> dt.date | None:
    """The longest extension: to the end of the plan period (its end date, else 31 December of its year)."""
    plan = _share(item).task.plan
    if plan.period_end is not None:
        return plan.period_end
    year = plan.year or (item.due_date.year if item.due_date else None)
    return dt.date(year, 12, 31) if year else None


def _extended(item: Any, new_date: dt.date, by: Any) -> None:
    from .services.extension import share_due_set

    share_due_set(assignment=_share(item), due_date=new_date, by=by, reason="延期申请已同意")


def _may_open(user: Any, item: Any) -> bool:
    """The task page opens for who may view the task (a unit's board shows items whose task it may not read)."""
    from .selectors import tasks_visible_to

    return tasks_visible_to(user, "view").filter(assignments__item=item).exists()


PLAN_SHARE = source_register(
    SourceKind(
        key=KIND,
        label="规划任务",
        end="person",
        evidence_required=False,
        extension_by=("unit",),
        extension_limit=_limit,
        closes_here=False,
        on_extended=_extended,
        may_open=_may_open,
    )
)
