"""API reads of 行政调解: the docket's own fields on the kernel's case reads (`docket_data` of
`/api/v1/cases/?docket=admin_mediation` and `/api/v1/cases/{id}/`), within the caller's data scope; the figures through
`/api/v1/metrics/admin_mediation.<key>/`. The parties' personal data stays in the kernel's parties (masked)."""

from __future__ import annotations

from fazhi.api.catalogue import api_actions
from fazhi.cases.api import case_extra_fields

api_actions("admin_mediation.case.view")
case_extra_fields(
    "admin_mediation",
    (
        "dispute_type",
        "request",
        "intake_ref",
        "accepted",
        "rejected",
        "sessions",
        "agreement",
        "terminated",
        "confirmation",
        "follow_ups",
        "non_performance",
        "closed",
    ),
)
