"""Approvals in the kernel (issue 9 ¶4): what an approval page shows (`ApprovalView`: the full draft, each field's
differences from the draft that was sent back, the generated document as a preview) and the 待我审批 queue — every
case, in every docket, where the user may take an approval step now.

A docket marks its approval steps in the spec: `Transition(review="dotted.path", queue=may_x)` — `review(case)`
returns the ApprovalView, `queue(case)` is a guard that passes while the request awaits the approver.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from .models import Case
from .registry import DocketSpec, Transition, dockets

Segment = tuple[str, str]  # ("same" | "ins" | "del", text)


def text_diff(old: str, new: str) -> list[Segment]:
    """Character-level differences (Chinese text has no word boundaries): runs of same / inserted / deleted text."""
    out: list[Segment] = []
    matcher = difflib.SequenceMatcher(a=old or "", b=new or "", autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(("same", new[j1:j2]))
        else:
            if i2 > i1:
                out.append(("del", old[i1:i2]))
            if j2 > j1:
                out.append(("ins", new[j1:j2]))
    return out


@dataclass
class DraftField:
    label: str
    text: str
    diff: list[Segment] | None = None  # None: no earlier draft to compare with, or unchanged

    @property
    def changed(self) -> bool:
        return self.diff is not None


@dataclass
class ApprovalView:
    title: str
    fields: list[DraftField]
    preview_title: str = ""
    preview: list[tuple[str, str]] = field(default_factory=list)  # (align: "left" | "right" | "", text)
    returned_reason: str = ""  # why the previous draft was sent back


def draft_fields(
    labels: list[tuple[str, str]], draft: dict[str, Any], previous: dict[str, Any] | None
) -> list[DraftField]:
    """The draft's fields in order; with a previous (sent back) draft, the differences of each changed field."""
    out = []
    for key, label in labels:
        text = str(draft.get(key) or "")
        old = str((previous or {}).get(key) or "")
        if not text and not old:
            continue
        out.append(DraftField(label, text, text_diff(old, text) if previous is not None and old != text else None))
    return out


# ---- 待我审批 -------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PendingApproval:
    case: Case
    transition: Transition
    spec: DocketSpec

    @property
    def url(self) -> str:
        from django.urls import reverse

        return reverse(f"{self.spec.code}:transition", args=[self.case.pk, self.transition.code])


def approval_queue(user: Any, limit: int = 50) -> list[PendingApproval]:
    """Cases awaiting `user`'s approval in every docket: the approval step's state, its `queue` guard and its own
    guard pass, the user holds its action and the case is in their scope. Oldest first."""
    from fazhi.orgs.rules import has_action

    from .policies import CasePolicy
    from .selectors import cases_visible_to

    out: list[PendingApproval] = []
    for spec in dockets():
        steps = [t for t in spec.transitions if t.queue is not None and has_action(t.action).allows(user, None)]
        if not steps:
            continue
        pending = Q()
        for t in steps:  # each step's states, narrowed to the cases carrying its request where the step names the key
            pending |= Q(state__in=t.sources, extra__has_key=t.queue_key) if t.queue_key else Q(state__in=t.sources)
        candidates = (
            cases_visible_to(user, docket=spec.code)
            .filter(pending, closed_on__isnull=True)
            .order_by("received_on", "id")
            .iterator(chunk_size=200)
        )
        for case in candidates:
            for t in steps:
                if case.state in t.sources and t.queue(case) is None and t.refusal(case) is None:
                    if CasePolicy.can_transition(user, case, t):
                        out.append(PendingApproval(case, t, spec))
            if len(out) >= limit:
                return out
    return out


def approval_widget(request: Any) -> dict[str, Any] | None:
    """待我审批 on the workbench, for a user who holds any docket's approval action."""
    from django.template.loader import render_to_string
    from django.utils.safestring import mark_safe

    from fazhi.orgs.rules import has_action

    user = request.user
    if not any(
        t.queue is not None and has_action(t.action).allows(user, None) for s in dockets() for t in s.transitions
    ):
        return None
    pending = approval_queue(user)
    html = render_to_string("cases/approval_queue.html", {"pending": pending}, request=request)
    return {"title": f"待我审批（{len(pending)}）", "html": mark_safe(html)}  # noqa: S308 — rendered, escaped template
