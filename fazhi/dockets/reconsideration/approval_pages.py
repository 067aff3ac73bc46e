"""What the head reads on the approval pages (fazhi/cases/approvals.py): the request as the handler made it, or the
full decision draft with its differences from the draft sent back and the 决定书 as it will be issued."""

from __future__ import annotations

from typing import Any

from fazhi.cases.approvals import ApprovalView, DraftField

from .codes import REQUEST_KINDS, TERMINATE_GROUNDS
from .guards import pending_requests


def requests_review(case: Any) -> ApprovalView:
    x = case.extra
    fields = []
    for kind in pending_requests(case):
        label = dict(REQUEST_KINDS)[kind]
        if kind == "extension":
            fields.append(DraftField(label, f"延长{x.get('extension_requested')}日：{x.get('extension_reason', '')}"))
        elif kind == "switch":
            fields.append(DraftField(label, x.get("switch_reason", "")))
        elif kind == "termination":
            t = x.get("termination_requested") or {}
            fields.append(DraftField(label, f"{dict(TERMINATE_GROUNDS).get(t.get('ground'), '')} {t.get('note', '')}"))
        elif kind == "decision":
            from .services.decision import decision_review

            return decision_review(case)
    return ApprovalView(title="待审批事项", fields=fields)
