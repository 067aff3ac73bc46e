"""A 案卷评查 defect's 整改 as a supervisable item (kind `enforcement.review_defect`): on the body's unit board beside
everything else it must fix, with its clock (due: the setting RECTIFICATION_DAYS) until the office's 销号 on the
item page (the shared supervision pages are the door: report, extension, 销号 / 退回). Imported by the AppConfig."""

from __future__ import annotations

from typing import Any

from fazhi.supervision.sources import SourceKind, source_register

KIND = "enforcement.review_defect"


def _closed(item: Any, by: Any) -> None:
    from fazhi.deadlines.selectors import today_local

    from .models import ReviewDefect

    ReviewDefect.objects.filter(supervision_item=item, closed_on__isnull=True).update(closed_on=today_local())


def _may_open(user: Any, item: Any) -> bool:
    from .models import ReviewDefect
    from .policies import ReviewFilePolicy

    d = ReviewDefect.objects.filter(supervision_item=item).select_related("file__campaign").first()
    return d is not None and ReviewFilePolicy.can(user, "view", d.file)


REVIEW_DEFECT = source_register(
    SourceKind(
        key=KIND,
        label="案卷评查",
        end="person",
        evidence_required=False,
        extension_by=("unit",),
        closes_here=True,
        on_closed=_closed,
        may_open=_may_open,
    )
)


SUPERVISION_REPLY = "enforcement.supervision_reply"

source_register(
    SourceKind(
        key=SUPERVISION_REPLY,
        label="执法监督文书答复",
        end="source",  # the body's reply completes the clock and the item closes (deadlines hook)
        extension_by=(),  # the reply period is the document's, not extended per item
        closes_here=False,  # the document's page is the door (登记答复)
        clock_rules=("enforcement.supervision_reply",),  # one late reply is one item: the rule table skips it
    )
)


CHECK_FINDING = "enforcement.check_finding"


def _check_closed(item: Any, by: Any) -> None:
    from fazhi.deadlines.selectors import today_local

    from .models import CheckFinding

    CheckFinding.objects.filter(supervision_item=item, closed_on__isnull=True).update(closed_on=today_local())


def _check_may_open(user: Any, item: Any) -> bool:
    from .models import CheckFinding
    from .policies import SupervisionCheckPolicy

    f = CheckFinding.objects.filter(supervision_item=item).select_related("inspection").first()
    return f is not None and SupervisionCheckPolicy.can(user, "view", f.inspection)


source_register(
    SourceKind(
        key=CHECK_FINDING,
        label="行政执法监督检查",
        end="person",
        evidence_required=False,
        extension_by=("unit",),
        closes_here=True,
        on_closed=_check_closed,
        may_open=_check_may_open,
    )
)
