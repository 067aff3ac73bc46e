"""办理结果公开: 代表法 (2025) Art. 51 — handling results are reported to the standing committee and published. The
office publishes an answered item's result on the portal; personal details are removed (PIPL Art. 51)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from fazhi.cases.models import Case
from fazhi.cases.services import case_transition_apply
from fazhi.core.pii import scrub_for_publication

from ..models import Item, Reply
from ._common import cn, past


def publication_text(case: Case) -> dict[str, Any]:
    """What the portal shows: the item (session, number, title), the units that answered with their class and date,
    and each sent reply's text with the proposers' phone numbers and addresses (and any ID or phone number) removed."""
    item = Item.objects.select_related("session").get(case=case)
    proposers = [ip.proposer for ip in item.proposers.select_related("proposer")]
    addresses = [p.address for p in proposers if getattr(p, "address", "")]
    replies = []
    for r in Reply.objects.filter(case=case).exclude(sent_on=None).select_related("unit").order_by("sent_on", "id"):
        replies.append(
            {
                "unit": r.unit.name,
                "kind": r.get_kind_display(),
                "class": r.result_class,
                "on": r.sent_on.isoformat(),
                "text": scrub_for_publication(r.text, addresses=addresses),
            }
        )
    return {
        "title": f"对{item.session.name}第{item.number}号{item.get_kind_display()}的办理结果",
        "item_title": case.title,
        "session": item.session.name,
        "number": item.number,
        "lead_unit": case.handling_unit.name,
        "replies": replies,
    }


@transaction.atomic
def case_publish(*, case: Case, by: Any, on: dt.date, note: str = "", expected_version: int | None = None) -> Case:
    """The office publishes the result (a guard requires a sent reply; a result already published is published
    again only after a newer reply, e.g. after re-handling or the class-B second reply)."""
    past(on, "on", "公开日期")
    pub = publication_text(case)
    pub["published_on"] = on.isoformat()
    return case_transition_apply(
        case=case,
        code="publish",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"publication": pub, "published_on": on.isoformat(), "published_replies": len(pub["replies"])},
        event_label=f"办理结果已在网上公开（{cn(on)}）",
        detail={"note": note},
    )
