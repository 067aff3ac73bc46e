"""API reads of 法律援助: the docket's own fields on the kernel's case reads (`docket_data` of
`/api/v1/cases/?docket=legal_aid` and `/api/v1/cases/{id}/`), within the caller's data scope; the figures through
`/api/v1/metrics/legal_aid.<key>/`. The applicant's personal data stays in the kernel's parties (masked)."""

from __future__ import annotations

from fazhi.api.catalogue import api_actions
from fazhi.cases.api import case_extra_fields

api_actions("legal_aid.case.view")
case_extra_fields(
    "legal_aid",
    (
        "matter",
        "request",
        "materials",
        "advance",
        "decision",
        "assignment",
        "objection",
        "terminated",
        "closure",
        "evaluation",
        "withdrawn",
    ),
)
