"""API reads of 行政裁决: the docket's own fields on the kernel's case reads (`docket_data` of
`/api/v1/cases/?docket=admin_ruling` and `/api/v1/cases/{id}/`), within the caller's data scope; the figures through
`/api/v1/metrics/admin_ruling.<key>/`. The parties' personal data stays in the kernel's parties (masked)."""

from __future__ import annotations

from fazhi.api.catalogue import api_actions
from fazhi.cases.api import case_extra_fields

api_actions("admin_ruling.case.view")
case_extra_fields(
    "admin_ruling",
    (
        "matter",
        "request",
        "intake_ref",
        "accepted",
        "rejected",
        "copy",
        "reply",
        "hearings",
        "mediations",
        "settlement",
        "ruling",
        "remedy",
        "final",
        "withdrawn",
    ),
)
