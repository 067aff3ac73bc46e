"""督办单 (#11 point 11, #13): a numbered notice to a unit over its open items, signed with the issuing body's
full name and giving the date by which the unit must reply; rendered as a GB/T 9704 .docx (fazhi.core.docx).

Settings (`FAZHI_SUPERVISION`): `NOTICE_ISSUER` — the issuing body's full name (default: the issuing user's unit's
full name, never its abbreviation); `NOTICE_NUMBER` — the 文号 pattern with `{year}` and `{n}` (default
"〔{year}〕{n}号"; e.g. "示法督〔{year}〕{n}号"); `NOTICE_REPLY_WORKING_DAYS` — the reply period in working days of the
legal calendar (default 5; a local practice, not a statute: unconfirmed, hence a setting)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db import transaction

from fazhi.audit.services import record_event
from fazhi.core.docx import OfficialDocument, render_official_document
from fazhi.core.errors import DomainError
from fazhi.notifications.services import notify
from fazhi.orgs.models import Unit

from .. import clocks
from ..errors import SupervisionErrorCode
from ..events import SupervisionEvent
from ..models import Item, Notice, NoticeCounter
from ..policies import ItemPolicy
from ..states import ItemState
from ._common import liaisons

DEFAULT_PATTERN = "〔{year}〕{n}号"
DEFAULT_REPLY_WORKING_DAYS = 5


def _conf(key: str, default: Any) -> Any:
    return getattr(settings, "FAZHI_SUPERVISION", {}).get(key) or default


def notice_issuer(by: Any) -> str:
    """The full name that signs a 督办单: the setting, else the issuing user's unit's full name."""
    name = _conf("NOTICE_ISSUER", "")
    if not name and getattr(by, "unit", None) is not None:
        name = by.unit.name
    return str(name)


def notice_number(year: int, n: int) -> str:
    return str(_conf("NOTICE_NUMBER", DEFAULT_PATTERN)).format(year=year, n=n)


def notice_reply_by(on: dt.date) -> dt.date:
    """`NOTICE_REPLY_WORKING_DAYS` working days after `on`, on the legal calendar (holidays and 调休 included)."""
    from fazhi.deadlines.calendar_data import calendar_current

    # the clock engine's own count (engine._count_working without pauses): the N-th working day after `on`
    return calendar_current().nth_working_day_after(
        on, int(_conf("NOTICE_REPLY_WORKING_DAYS", DEFAULT_REPLY_WORKING_DAYS))
    )


def _key(items: Sequence[Item]) -> str:
    return hashlib.sha256(",".join(str(i.pk) for i in sorted(items, key=lambda i: i.pk)).encode()).hexdigest()[:64]


@transaction.atomic
def notice_issue(
    *,
    items: Sequence[Item],
    unit: Unit,
    by: Any,
    reply_by: dt.date | None = None,
    text: str = "",
    policy: bool = True,
) -> Notice:
    """Issue a 督办单 to `unit` over its open `items`, taking the year's next 文号 (locked counter: no gaps, no
    duplicates). The same unit and items on the same day give back the notice already issued (a retried submit
    or a second download takes no new number). Refused, with the field named and nothing numbered: no items, an
    item closed or of another unit, a reply date not after today, no issuing body's name."""
    today = clocks.today()
    if not items:
        raise DomainError(SupervisionErrorCode.NOTICE_INVALID, "督办事项：请至少选择一项。", field="items")
    for i in items:
        if i.unit_id != unit.pk:
            raise DomainError(
                SupervisionErrorCode.NOTICE_INVALID,
                f"督办事项：“{i.title}”不是{unit.display_name}的事项。",
                field="items",
            )
        if i.state == ItemState.CLOSED:
            raise DomainError(SupervisionErrorCode.NOTICE_INVALID, f"督办事项：“{i.title}”已办结。", field="items")
        if policy and not ItemPolicy.can(by, "urge", i):
            raise DomainError(SupervisionErrorCode.FORBIDDEN, "您无权对该单位发督办单。")
    key = _key(items)
    same = Notice.objects.filter(unit=unit, issued_on=today, items_key=key).first()
    if same is not None:
        return same
    if reply_by is None:
        reply_by = notice_reply_by(today)
    if reply_by <= today:
        raise DomainError(
            SupervisionErrorCode.NOTICE_INVALID,
            f"报送办理情况期限：须晚于发文日期（{today:%Y-%m-%d}）。",
            field="reply_by",
        )
    issuer = notice_issuer(by)
    if not issuer:
        raise DomainError(
            SupervisionErrorCode.NOTICE_INVALID,
            "发文机关：未设置发文机关全称（FAZHI_SUPERVISION['NOTICE_ISSUER']），签发人也没有所属单位。",
            field="issuer",
        )
    counter, _ = NoticeCounter.objects.get_or_create(year=today.year)
    counter = NoticeCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last += 1
    counter.save(update_fields=["last"])
    notice = Notice.objects.create(
        number=notice_number(today.year, counter.last),
        year=today.year,
        seq=counter.last,
        unit=unit,
        issuer=issuer,
        issued_on=today,
        reply_by=reply_by,
        text=(text or "").strip(),
        issued_by=by if getattr(by, "pk", None) else None,
        items_key=key,
    )
    notice.items.set(items)
    record_event(
        actor=by if by is not None else "system",
        action=SupervisionEvent.NOTICE_ISSUED,
        obj=notice,
        summary={"number": notice.number, "unit": unit.display_name, "items": [i.pk for i in items]},
    )
    for i in items:  # on each item's timeline
        record_event(
            actor=by if by is not None else "system",
            action=SupervisionEvent.NOTICE_ISSUED,
            obj=i,
            summary={"number": notice.number, "reply_by": reply_by.isoformat(), "notice": notice.pk},
        )
    recipients = liaisons(unit_ids=[unit.pk])
    transaction.on_commit(
        lambda: notify(
            recipients=recipients,
            title=f"督办单 {notice.number}：请于{reply_by:%Y年%m月%d日}前报送办理情况",
            dedupe_key=f"supervision.notice.{notice.pk}",
            link=items[0].get_absolute_url(),
            level="yellow",
        )
    )
    return notice


def _cn(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def notice_document(notice: Notice) -> bytes:
    """The 督办单 as a GB/T 9704 .docx: 文号, 主送 the unit's full name, the items, the reply date, signed with the
    issuing body's full name and dated."""
    items = list(notice.items.select_related("unit").order_by("due_date", "id"))
    paragraphs: list[Any] = [
        f"截至{_cn(notice.issued_on)}，你单位承担的以下{len(items)}项督办事项尚未办结，其中已超过完成时限的请高度重视，"
        "逐项查明原因，落实整改措施。",
    ]
    if notice.text:
        paragraphs.append(notice.text)
    table = [["序号", "来源", "督办事项", "完成时限", "逾期天数"]]
    for n, i in enumerate(items, start=1):
        table.append(
            [
                str(n),
                i.source_label,
                i.title,
                f"{i.due_date:%Y-%m-%d}" if i.due_date else "未设定",
                str(i.days_overdue) if i.light == "overdue" else "—",
            ]
        )
    paragraphs += [
        f"请于{_cn(notice.reply_by)}前，通过平台逐项报送办理情况及佐证材料；确有客观原因不能按期完成的，按程序申请延期。",
        "督办事项清单如下：",
    ]
    spec = OfficialDocument(
        title="督办单",
        doc_number=notice.number,
        paragraphs=paragraphs,
        recipient=f"{notice.unit.name}：",
        issuer=notice.issuer,
        issued_on=notice.issued_on,
        table=table,
    )
    return render_official_document(spec)
