"""What the dockets of 非诉讼纠纷化解 share (人民调解 and the single intake 纠纷求助登记, issue 17): the channels a dispute
comes in by, who hands one over, the dispute types — one list, so a hand-over carries the codes unchanged — and the
at-once report of a 群体性 or 可能激化 dispute (《人民调解法》第二十五条: a dispute that may turn violent is reported
at once; the 2002 规定 第三十九条 likewise for 群体性 disputes)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction

CHANNELS = (
    ("window", "窗口"),
    ("hotline", "12348 热线"),
    ("online", "网上"),
    ("transfer", "转来"),
    ("screening", "主动排查"),
)
CHANNEL_LABEL = dict(CHANNELS)
# 回访 of an agreement (人民调解, 行政调解): how it is performed; anything but 已履行 sets the non-performance flag
PERFORMANCE = (("performed", "已履行"), ("partial", "部分履行"), ("none", "未履行"))
PERFORMANCE_LABEL = dict(PERFORMANCE)
CASE_CHANNEL = {  # the kernel's coarse Case.channel of each
    "window": "in_person",
    "hotline": "other",
    "online": "online",
    "transfer": "transfer",
    "screening": "other",
}
# 转来: who handed the dispute over (12345, 信访, 法院诉前委派, 公安, other units).
TRANSFER_FROM = (
    ("hotline_12345", "12345 热线"),
    ("petition", "信访"),
    ("court", "法院诉前委派"),
    ("police", "公安机关"),
    ("other_unit", "其他单位"),
)
TRANSFER_FROM_LABEL = dict(TRANSFER_FROM)

DISPUTE_TYPES = (
    ("family", "婚姻家庭"),
    ("neighbour", "邻里"),
    ("damages", "损害赔偿"),
    ("labour", "劳动"),
    ("property_mgmt", "物业"),
    ("land", "土地"),
    ("medical", "医疗"),
    ("traffic", "交通"),
    ("contract", "合同"),
    ("other", "其他"),
)
DISPUTE_TYPE_LABEL = dict(DISPUTE_TYPES)


def dispute_urgent_report(
    *,
    case: Any,
    by: Any,
    on: dt.date,
    mass: bool,
    escalation_risk: bool,
    reported_to: str,
    recipients: Callable[[Any], Iterable[Any]],
    where: Callable[[Any], str],
) -> None:
    """A 群体性 / 可能激化 dispute just registered: a line on its timeline ("群体性纠纷：已即时报告{reported_to}") and, on
    commit, a red notice to `recipients(case)` titled with the number and `where(case)` (once per case)."""
    what = "、".join(w for w, flagged in (("群体性纠纷", mass), ("可能激化的纠纷", escalation_risk)) if flagged)
    if not what:
        return
    from .services import case_event_add

    case_event_add(case=case, kind="urgent", label=f"{what}：已即时报告{reported_to}", on=on, by=by, public=False)
    pk, docket = case.pk, case.docket
    transaction.on_commit(lambda: _notify(pk, docket, what, recipients, where))


def _notify(
    pk: int, docket: str, what: str, recipients: Callable[[Any], Iterable[Any]], where: Callable[[Any], str]
) -> None:
    from fazhi.notifications.models import Notification
    from fazhi.notifications.services import notify

    from .models import Case

    case = Case.objects.select_related("handling_unit").get(pk=pk)
    notify(
        recipients=recipients(case),
        title=f"{what}：{case.case_number}（{where(case)}）",
        body=case.title,
        dedupe_key=f"{docket}.urgent.{case.pk}",
        link=case.get_absolute_url(),
        level=Notification.Level.RED,
    )
