"""API reads of the intake: its own fields on the kernel's case reads (`docket_data` of `/api/v1/cases/?docket=intake`
and `/api/v1/cases/{id}/`), within the caller's data scope (the registering unit); the figures through
`/api/v1/metrics/intake.received/` and `intake.routed`. Parties stay in the kernel's parties (masked)."""

from __future__ import annotations

from fazhi.api.catalogue import api_actions
from fazhi.cases.api import case_extra_fields

api_actions("intake.case.view")
case_extra_fields(
    "intake",
    (
        "channel",
        "transfer_from",
        "dispute_type",
        "amount",
        "mass",
        "escalation_risk",
        "urgent",
        "routes",
        "answer",
        "closure",
    ),
)
