"""监督检查: the 行政执法监督机构 checks a 执法主体 (a day, the items checked, who checked, what was found); each
finding is raised at once as a supervisable item (kind `enforcement.check_finding`) on the body's unit board, due in
⚙ CHECK_RECTIFICATION_DAYS (⚠ local practice), until the office's 销号 on the item page (fazhi.supervision)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from django.db import transaction

from fazhi.core.errors import DomainError
from fazhi.deadlines.selectors import today_local
from fazhi.supervision.services import item_raise

from ..errors import EnforcementErrorCode as E
from ..events import EnforcementEvent as Ev
from ..models import Body, CheckFinding, SupervisionCheck
from ..policies import SupervisionCheckPolicy
from ..rules import check_rectification_days
from ..sources import CHECK_FINDING
from ._common import event, is_user, need, who


@transaction.atomic
def check_record(
    *,
    by: Any,
    body: Body,
    checked_on: dt.date,
    items: list[str],
    inspectors: str,
    summary: str = "",
    organizer: Any = None,
    submit_token: UUID | None = None,
) -> SupervisionCheck:
    """Record a 监督检查 of `body`. Refused (nothing saved), naming the field: an inactive body, no item, no
    inspectors, a day after today. A repeated `submit_token` is the first record."""
    if submit_token and (existing := SupervisionCheck.objects.filter(submit_token=submit_token).first()):
        return existing
    if is_user(by) and not SupervisionCheckPolicy.can(by, "record", SupervisionCheck(unit=body.unit)):
        raise DomainError(E.FORBIDDEN, "您无权登记对该执法主体的监督检查。")
    if not body.is_active:
        raise DomainError(E.INVALID, f"执法主体{body.unit.name}已停用。", field="body")
    items = [i.strip()[:200] for i in items if i and i.strip()]
    if not items:
        raise DomainError(E.INVALID, "请填写检查项目（每项一行）。", field="items")
    if checked_on > today_local():
        raise DomainError(E.DATE, f"检查日期{checked_on:%Y-%m-%d}不能晚于今天。", field="checked_on")
    organizer = organizer or (getattr(by, "unit", None) if is_user(by) else None)
    if organizer is None:
        raise DomainError(E.INVALID, "请指定检查机关。", field="organizer")
    check = SupervisionCheck.objects.create(
        body=body,
        unit=body.unit,
        organizer=organizer,
        checked_on=checked_on,
        items=items,
        inspectors=need(inspectors, "inspectors", "检查人员")[:200],
        summary=(summary or "").strip(),
        created_by=who(by),
        submit_token=submit_token,
    )
    event(check, Ev.CHECK_RECORDED, by, body=body.pk, on=checked_on.isoformat(), items=len(items))
    return check


@transaction.atomic
def check_finding_record(*, by: Any, check: SupervisionCheck, text: str, item: str = "") -> CheckFinding:
    """A problem the check found: raised at once as a supervisable item for the body's unit (its clock: due in
    CHECK_RECTIFICATION_DAYS natural days). Refused: no text, an item not among the check's items."""
    check = SupervisionCheck.objects.select_for_update(of=("self",)).get(pk=check.pk)
    if is_user(by) and not SupervisionCheckPolicy.can(by, "record", check):
        raise DomainError(E.FORBIDDEN, "您无权登记该监督检查的问题。")
    text = need(text, "text", "发现的问题")
    item = (item or "").strip()
    if item and item not in check.items:
        raise DomainError(E.INVALID, f"“{item}”不是本次检查的检查项目。", field="item")
    today = today_local()
    days = check_rectification_days()
    f = CheckFinding.objects.create(
        inspection=check,
        item=item,
        text=text,
        raised_on=today,
        due_on=today + dt.timedelta(days=days),
        created_by=who(by),
    )
    f.supervision_item = item_raise(
        source=f,
        kind=CHECK_FINDING,
        unit=check.unit,
        reason=f"行政执法监督检查问题整改：{check.unit.name}（{check.checked_on:%Y-%m-%d}）",
        text=text,
        due=f.due_on,
        dedupe_key=f"{CHECK_FINDING}.{f.pk}",
        by=by,
    )
    f.save(update_fields=["supervision_item", "updated_at"])
    event(check, Ev.CHECK_FINDING_RECORDED, by, finding=f.pk, supervision_item=f.supervision_item.pk)
    return f
