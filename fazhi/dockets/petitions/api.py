"""API reads of 信访: the docket's own fields on a case (`docket_data` of the kernel's `/api/v1/cases/?docket=
petitions` and `/api/v1/cases/{id}/`, with its timeline and clocks); the figures through the registry's
`/api/v1/metrics/petitions.<key>/`. No endpoint of its own."""

from __future__ import annotations

from fazhi.api.catalogue import api_actions
from fazhi.cases.api import case_extra_fields

api_actions("petitions.case.view")
case_extra_fields(
    "petitions",
    (
        "type",
        "content",
        "request",
        "receiver",
        "object_name",
        "joint",
        "repeat_of",
        "after_final",
        "transferred_from",
        "routed",
        "transfer",
        "accepted",
        "extension",
        "opinion",
        "reply",
        "review",
        "rereview",
        "hearings",
    ),
)
