"""Review tasks for an issuer: when a cited instrument changes, and before a document expires.

TODO(#13): these are supervisable items — raise them with `fazhi.supervision.item_raise(...)` (with their clock) once
the supervision module lands on main. Until then the issuer's liaisons get an in-app notice (idempotent per
document and cause) and the document carries its flag; nothing here is a copy of supervision.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from fazhi.notifications.services import notify
from fazhi.orgs.models import User


def issuer_task_raise(*, document: Any, cause: str, title: str, body: str = "") -> int:
    recipients = list(User.objects.filter(unit_id=document.lead_unit_id, is_liaison=True, is_active=True))
    return notify(
        recipients=recipients,
        title=title,
        body=body,
        dedupe_key=f"normative_documents:{cause}:{document.pk}",
        link=reverse("normative_documents:detail", args=[document.pk]),
        level="warning",
    )
