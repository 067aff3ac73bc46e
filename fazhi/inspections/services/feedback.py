"""Findings imported from the upper level's 督察反馈意见: the document is read (`feedback.py`, on the plan import's
reading rules), each item's units resolved as plan import resolves them (`fazhi.orgs.selectors.units_resolve`: full
name, short name, alias, group), shown as a preview, then imported all or nothing — one finding (and one
supervisable item) per item and unit."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.db import transaction

from fazhi.core.errors import DomainError
from fazhi.orgs.models import Unit
from fazhi.orgs.selectors import units_resolve
from fazhi.plans.parsing import find_dues

from ..errors import InspectionErrorCode as E
from ..events import InspectionEvent as V
from ..feedback import FeedbackParseError, parse_feedback
from ..models import Finding, FindingSource, InspectionPlan
from ._common import event, plan_lock
from .findings import _raise, finding_check


def _tokens(token: uuid.UUID, rows: list[dict[str, Any]]) -> list[uuid.UUID]:
    return [uuid.uuid5(token, f"{r['number']}.{u['id']}") for r in rows for u in r["resolved"]]


def feedback_preview(*, data: bytes, filename: str, year: int) -> list[dict[str, Any]]:
    """Rows for the preview (JSON-safe): the item, its units resolved (or not), its due date, its problems."""
    try:
        parsed = parse_feedback(data, filename)
    except FeedbackParseError as exc:
        raise DomainError(E.INVALID, str(exc), field="file") from exc
    return feedback_rows(parsed, year)


def feedback_rows(parsed: list[Any], year: int) -> list[dict[str, Any]]:
    """The parsed items (pure reading, done in the worker's bounded child) against the unit tree and the calendar."""
    rows = []
    for p in parsed:
        units, unknown = [], []
        for name in p.units:
            r = units_resolve(name)
            if r.found:
                units.extend({"name": name, "id": u.pk, "unit": u.name} for u in r.units)
            else:
                unknown.append(name)
        dues = find_dues(p.due_text, year) if p.due_text else []
        errors = []
        if not p.units:
            errors.append("未写明责任单位")
        errors.extend(f"未找到单位“{n}”（可在单位管理中为该单位添加别名）" for n in unknown)
        if p.due_text and len(dues) != 1:
            errors.append(f"整改时限“{p.due_text}”无法识别")
        rows.append(
            {
                **p.as_json(),
                "resolved": units,
                "due_on": dues[0].isoformat() if len(dues) == 1 else "",
                "errors": errors,
            }
        )
    return rows


@transaction.atomic
def feedback_import(
    *,
    plan: InspectionPlan,
    by: Any,
    rows: list[dict[str, Any]],
    source_title: str,
    found_on: dt.date | None,
    default_due: dt.date | None,
    severity: str,
    submit_token: uuid.UUID | None = None,
) -> list[Finding]:
    """Import every previewed row, or none: a row with no unit, an unknown unit or an unreadable due date refuses
    the whole document naming the item. A retried import (same token) returns the findings it made."""
    p = plan_lock(plan, by, "record")
    if submit_token is not None:
        done = list(Finding.objects.filter(plan=p, submit_token__in=_tokens(submit_token, rows)).order_by("number"))
        if done:
            return done
    title = (source_title or "").strip()
    if not title:
        raise DomainError(E.REQUIRED, "请填写反馈意见的文件名称。", field="source_title")
    if not rows:
        raise DomainError(E.REQUIRED, "没有可导入的问题。", field="file")
    made = []
    for row in rows:
        if row["errors"]:
            raise DomainError(
                E.INVALID, f"第{row['number']}项（{row['text'][:20]}…）：{'；'.join(row['errors'])}。", field="file"
            )
        due = dt.date.fromisoformat(row["due_on"]) if row["due_on"] else default_due
        basis = row["basis"] or f"{title}第{row['number']}项"
        units = Unit.objects.filter(pk__in=[u["id"] for u in row["resolved"]], is_active=True).order_by("path")
        for unit in units:
            try:
                finding_check(
                    responsible_unit=unit,
                    text=row["text"],
                    basis=basis,
                    severity=severity,
                    found_on=found_on,
                    due_on=due,
                )
            except DomainError as exc:
                exc.message = f"第{row['number']}项：{exc.message}"
                raise
            made.append(
                _raise(
                    p,
                    by,
                    source=FindingSource.FEEDBACK,
                    text=row["text"],
                    basis=basis,
                    severity=severity,
                    responsible_unit=unit,
                    found_on=found_on,
                    due_on=due,
                    submit_token=uuid.uuid5(submit_token, f"{row['number']}.{unit.pk}") if submit_token else None,
                )
            )
    event(p, V.FEEDBACK_IMPORTED, by, p.organizer, source_title=title, items=len(rows), findings=len(made))
    return made
