"""An item's end settles its open requests: a pending extension is refused with a recorded reason."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from ..events import SupervisionEvent
from ..models import Extension, Item
from ..states import ExtensionState
from ._common import event


def extensions_settle(item: Item, *, by: Any, note: str) -> int:
    pending = list(Extension.objects.select_for_update().filter(item=item, state=ExtensionState.PENDING))
    for ext in pending:
        ext.state = ExtensionState.REFUSED
        ext.decided_by = by if getattr(by, "pk", None) else None
        ext.decided_at = timezone.now()
        ext.decision_note = f"事项已办结，延期申请不再审批（{note}）"
        ext.save(update_fields=["state", "decided_by", "decided_at", "decision_note", "updated_at"])
        event(item, SupervisionEvent.EXTENSION_SETTLED, by, extension=ext.pk, note=ext.decision_note)
    return len(pending)
