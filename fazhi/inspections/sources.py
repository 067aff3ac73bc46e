"""A 督察 finding's 整改 as a supervisable item (kind `inspections.finding`): on the responsible unit's board beside
every other thing it must fix; the finding's page is the door (整改方案, progress with evidence, completion, the
team's 销号 / 退回), calling the shared services; the unit may ask for an extension (approved: the finding's due date
follows). Whether a 销号 needs evidence is the setting FAZHI_INSPECTIONS["EVIDENCE_FOR_CLOSE"], checked at the
finding's door."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fazhi.supervision.sources import SourceKind, source_register

KIND = "inspections.finding"


def _finding(item: Any) -> Any:
    from .models import Finding

    return Finding.objects.filter(item=item).first()


def _extended(item: Any, new_date: dt.date, by: Any) -> None:
    from .models import Finding

    Finding.objects.filter(item=item).update(due_on=new_date)


def _may_open(user: Any, item: Any) -> bool:
    from .policies import FindingPolicy

    f = _finding(item)
    return f is not None and FindingPolicy.can(user, "view", f)


FINDING = source_register(
    SourceKind(
        key=KIND,
        label="法治督察",
        end="person",
        evidence_required=False,  # the setting is checked at the finding's door (inspections.services)
        extension_by=("unit",),
        closes_here=False,
        on_extended=_extended,
        may_open=_may_open,
    )
)
