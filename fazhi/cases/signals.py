"""Every saved or deleted case (or a timeline line, attachment or document of one) writes a new stamp for its docket in the same transaction (cases/listing.py). A signal,
not a call in each service, so that no ORM write can forget it; the kernel's only queryset update of cases
(dockets/litigation registration links) calls docket_changed() itself."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from .listing import docket_changed
from .models import Attachment, Case, CaseDocument, CaseEvent


def _case_written(sender: Any, instance: Case, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    docket_changed(instance.docket)


def _part_written(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A timeline line, attachment or document of a case changes what its pages show (kept under the stamp)."""
    if kwargs.get("raw"):
        return
    case = instance._state.fields_cache.get("case")
    docket = (
        case.docket
        if case is not None
        else Case.objects.filter(pk=instance.case_id).values_list("docket", flat=True).first()
    )
    if docket:
        docket_changed(docket)


def connect() -> None:
    post_save.connect(_case_written, sender=Case, dispatch_uid="cases-docket-stamp-save")
    post_delete.connect(_case_written, sender=Case, dispatch_uid="cases-docket-stamp-delete")
    for model in (CaseEvent, Attachment, CaseDocument):
        post_save.connect(_part_written, sender=model, dispatch_uid=f"cases-docket-stamp-save-{model.__name__}")
        post_delete.connect(_part_written, sender=model, dispatch_uid=f"cases-docket-stamp-delete-{model.__name__}")
