"""承诺事项 and re-handling as supervisable items (sources.py declares the kinds)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from fazhi.cases import clocks
from fazhi.cases.models import Case
from fazhi.cases.services import case_event_add, case_update, today_local
from fazhi.supervision.services import item_raise

from ..models import Commitment, Reply
from ..sources import COMMITMENT, REHANDLING


def _key(c: Commitment) -> str:
    return f"{COMMITMENT}.{c.pk}"


@transaction.atomic
def commitments_raise(*, case: Case, reply: Reply, planned: list[dict[str, str]], by: Any) -> Case:
    made = 0
    for p in planned:
        c = Commitment.objects.create(
            case=case, reply=reply, unit=case.handling_unit, text=p["text"], due=dt.date.fromisoformat(p["due"])
        )
        item_raise(
            source=case,
            kind=COMMITMENT,
            unit=case.handling_unit,
            reason=f"建议提案承诺事项：{case.extra.get('session', '')}第{case.extra.get('number', '')}号",
            text=c.text,
            due=max(c.due, today_local()),
            dedupe_key=_key(c),
            by=by,
        )
        made += 1
    return case_update(
        case=case,
        by=by,
        expected_version=case.version,
        changes={"extra": {"open_commitments": case.extra.get("open_commitments", 0) + made}},
        event_label=f"B类答复承诺事项{made}项列入督办",
        action="proposals.commitment.raise",
    )


@transaction.atomic
def commitment_fulfilled(*, item: Any, by: Any) -> None:
    """The office 销号 the commitment's supervisable item: the commitment is done; the case counts one fewer open."""
    pk = str(item.dedupe_key).rsplit(".", 1)[-1]
    c = Commitment.objects.select_for_update().filter(pk=pk, done_on=None).first()
    if c is None:
        return
    on = today_local()
    Commitment.objects.filter(pk=c.pk).update(done_on=on)
    case = Case.objects.get(pk=c.case_id)
    left = Commitment.objects.filter(case=case, done_on=None).count()
    actor = by if getattr(by, "is_authenticated", False) else None
    case.extra = {**case.extra, "open_commitments": left}
    case.save(update_fields=["extra", "updated_at"])  # a save: the list stamp and the metric counts follow
    case_event_add(case=case, kind="commitment_done", label=f"承诺事项已销号：{c.text}", on=on, by=actor)


@transaction.atomic
def rehandling_raise(*, case: Case, by: Any) -> Any:
    clock = clocks.case_clock(case, "rehandling")
    if clock is None:
        return None
    return item_raise(
        source=case,
        kind=REHANDLING,
        unit=case.handling_unit,
        reason=f"建议提案不满意重新办理：{case.extra.get('session', '')}第{case.extra.get('number', '')}号",
        clock=clock,
        dedupe_key=f"{REHANDLING}.{case.pk}.{case.extra.get('round', 2)}",
        by=by,
    )
