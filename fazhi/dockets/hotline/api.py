"""API reads of 12345 work orders: the docket's fields on the kernel's case reads (`docket_data`); the rates through
`/api/v1/metrics/hotline.<key>/`. The issue's idempotent intake endpoint is not built yet (README)."""

from __future__ import annotations

from fazhi.api.catalogue import api_actions
from fazhi.cases.api import case_extra_fields

api_actions("hotline.case.view")
case_extra_fields(
    "hotline",
    (
        "type",
        "category",
        "content",
        "location",
        "area",
        "urgency",
        "source",
        "source_id",
        "final_ruling",
        "dispatches",
        "returns",
        "signed",
        "extensions",
        "reply",
        "visit",
        "diverted",
        "answered",
    ),
)
