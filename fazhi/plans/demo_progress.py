"""Demo step: some of the sample plan's shares already done, so this year's plan figures (销号率, 按期销号率, the
ranking) have values: the liaison of each lead unit of the first tasks (a no-login demo account `lianluo_<unit code>`
with the built-in 部门联络员 role, made here when the unit has none) signs and reports completion of its share and
the office head (`fazhiban_head`) accepts it (销号) — through the services, as people would; when every lead share
of a task is accepted the task closes with its co-units' shares. Idempotent: skipped once any share of the demo plan
is accepted."""

from __future__ import annotations

from collections.abc import Callable

from fazhi.core.actions import register_demo_step

from .demo import DEMO_PLAN_NAME

HOW_MANY = 12


def _liaison(unit, role):  # type: ignore[no-untyped-def]
    from fazhi.orgs.models import User

    found = User.objects.filter(unit=unit, roles__code="dept_liaison", is_active=True).first()
    if found is not None or role is None:
        return found
    user = User(username=f"lianluo_{unit.code}".lower(), full_name=f"{unit.display_name}联络员", unit=unit)
    user.set_unusable_password()
    user.save()
    user.roles.add(role)
    return user


def demo_progress_sample_plan(write: Callable[[str], object] = print) -> None:
    from fazhi.orgs.models import Role, User

    from .models import AssignmentRole, TaskAssignment
    from .policies import TaskAssignmentPolicy
    from .services import assignment_accept, assignment_complete, assignment_sign
    from .states import AssignmentState

    shares = TaskAssignment.objects.filter(task__plan__name=DEMO_PLAN_NAME)
    if not shares.exists() or shares.filter(state=AssignmentState.ACCEPTED).exists():
        write("示范计划办理进度：已存在或无示范计划，跳过。")
        return
    head = User.objects.filter(username="fazhiban_head").first()
    if head is None:
        write("示范计划办理进度：未找到依法治市办负责人，跳过。")
        return
    role = Role.objects.filter(code="dept_liaison").first()
    done = 0
    for a in shares.filter(role=AssignmentRole.LEAD, state=AssignmentState.ASSIGNED).order_by("task__number", "id"):
        if done >= HOW_MANY:
            break
        liaison = _liaison(a.unit, role)
        if liaison is None or not TaskAssignmentPolicy.can(liaison, "sign", a):
            continue
        a = assignment_sign(assignment=a, by=liaison)
        assignment_complete(assignment=a, by=liaison, text="已按要求完成，相关材料已归档。")
        a.refresh_from_db()
        assignment_accept(assignment=a, by=head)
        done += 1
    write(f"示范计划办理进度：{done}项牵头分工已销号。")


register_demo_step(61, "示范计划办理进度（部分分工已销号）", demo_progress_sample_plan)
