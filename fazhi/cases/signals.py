"""Every saved or deleted case writes a new stamp for its docket in the same transaction (cases/listing.py). A signal,
not a call in each service, so that no ORM write can forget it; the kernel's only queryset update of cases
(dockets/litigation registration links) calls docket_changed() itself."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from .listing import docket_changed
from .models import Case


def _case_written(sender: Any, instance: Case, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    docket_changed(instance.docket)


def connect() -> None:
    post_save.connect(_case_written, sender=Case, dispatch_uid="cases-docket-stamp-save")
    post_delete.connect(_case_written, sender=Case, dispatch_uid="cases-docket-stamp-delete")
