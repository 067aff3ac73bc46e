"""The supervision workflow of one unit's assignment, declared as a table. Only services apply a transition.

assigned ──sign──▶ signed ──report──▶ in_progress ──complete (lead)──▶ submitted ──accept──▶ accepted (销号)
                      │                    │                               │
                      └──contribute (co)───┴──▶ contributed                └──send_back──▶ returned
                                                                                 returned ──report/complete──▶ …
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models


class AssignmentState(models.TextChoices):
    ASSIGNED = "assigned", "待签收"
    SIGNED = "signed", "已签收"
    IN_PROGRESS = "in_progress", "推进中"
    CONTRIBUTED = "contributed", "已报协办意见"
    SUBMITTED = "submitted", "待审核"
    RETURNED = "returned", "已退回"
    ACCEPTED = "accepted", "已销号"


S = AssignmentState
OPEN_STATES = (S.ASSIGNED, S.SIGNED, S.IN_PROGRESS, S.CONTRIBUTED, S.SUBMITTED, S.RETURNED)
UNIT_TODO_STATES = (S.ASSIGNED, S.SIGNED, S.IN_PROGRESS, S.RETURNED)


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple[str, ...]
    target: str | None  # None: the state does not change (e.g. a progress report on a returned task keeps it)
    action: str  # the action code a user needs (policies.py)
    roles: tuple[str, ...] = ("lead", "co")  # which assignment roles may take it
    actor: str = "unit"  # "unit": a user of the assigned unit's scope; "office": the rule-of-law office


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        Transition("sign", "签收", (S.ASSIGNED,), S.SIGNED, "plans.task.sign"),
        Transition("report", "报送进展", (S.SIGNED, S.IN_PROGRESS, S.RETURNED), S.IN_PROGRESS, "plans.task.report"),
        Transition(
            "contribute",
            "报送协办意见",
            (S.SIGNED, S.IN_PROGRESS, S.RETURNED),
            S.CONTRIBUTED,
            "plans.task.report",
            roles=("co",),
        ),
        Transition(
            "complete",
            "报送完成情况",
            (S.SIGNED, S.IN_PROGRESS, S.RETURNED),
            S.SUBMITTED,
            "plans.task.complete",
            roles=("lead",),
        ),
        Transition(
            "accept", "审核销号", (S.SUBMITTED,), S.ACCEPTED, "plans.task.review", roles=("lead",), actor="office"
        ),
        Transition(
            "send_back", "退回", (S.SUBMITTED,), S.RETURNED, "plans.task.review", roles=("lead",), actor="office"
        ),
        Transition(
            "extend_request",
            "申请延期",
            (S.ASSIGNED, S.SIGNED, S.IN_PROGRESS, S.RETURNED),
            None,
            "plans.task.extend_request",
            roles=("lead", "co"),  # each share is its own item: a co-unit asks for its own share (#13)
        ),
    ]
}


def may(transition: str, *, state: str, role: str) -> bool:
    t = TRANSITIONS[transition]
    return state in t.sources and role in t.roles


def may_sign(state: str, role: str) -> bool:
    return may("sign", state=state, role=role)


def may_complete(state: str, role: str) -> bool:
    return may("complete", state=state, role=role)


def may_accept(state: str, role: str) -> bool:
    return may("accept", state=state, role=role)
