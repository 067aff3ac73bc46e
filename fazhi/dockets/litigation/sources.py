"""A lost case's rectification (败诉整改, 国办发〔2016〕54号) as a supervisable item (kind `litigation.rectification`):
销号 by the office on the item page, only with evidence of the fix; the responsible unit may ask for an extension;
the 销号 is written on the case's timeline."""

from __future__ import annotations

from typing import Any

from fazhi.supervision.sources import SourceKind, source_register

KIND = "litigation.rectification"


def _closed(item: Any, by: Any) -> None:
    from fazhi.cases.models import Case
    from fazhi.cases.services import case_event_add, today_local

    case = Case.objects.filter(pk=item.source_id).first()
    if case is not None:
        case_event_add(
            case=case,
            kind="rectification_closed",
            label=f"败诉整改已销号（{item.unit.display_name}）",
            on=today_local(),
            by=by,
            detail={"item_id": item.pk},
        )


def _may_open(user: Any, item: Any) -> bool:
    """The case page opens for who may view the case (the office reads the rectification item, not every case)."""
    from django.http import Http404

    from fazhi.cases.selectors import case_get_for

    try:
        case_get_for(user, item.source_id, docket="litigation")
    except Http404:
        return False
    return True


RECTIFICATION = source_register(
    SourceKind(
        key=KIND,
        label="败诉整改",
        end="person",
        evidence_required=True,
        extension_by=("unit",),
        closes_here=True,
        on_closed=_closed,
        may_open=_may_open,
    )
)
