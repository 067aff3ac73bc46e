"""Cases: creation (numbered, idempotent), locking, the state door `case_transition_apply`, edits, timeline."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from contextlib import nullcontext
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models.signals import post_save

from fazhi.audit.services import record_event
from fazhi.core import writebehind
from fazhi.core.cn import cn_date as _cn
from fazhi.core.errors import DomainError
from fazhi.core.retry import atomic_retry
from fazhi.core.writebehind import defer

from ..clocks import transition_clocks_apply
from ..errors import CaseChangedError, CaseErrorCode
from ..models import (
    Case,
    CaseEvent,
)
from ..policies import CasePolicy
from ..registry import docket_get
from ._common import _actor, today_local
from .numbering import case_number_parse, case_number_reserve, case_number_take, receipt_number_new
from .parties import PartyInput, _party_save, party_validate


def step_date_check(*, case: Case, transition: Any, on: dt.date, field: str = "on") -> None:
    """The kernel's date invariant: a step is dated neither after today, nor before the case was received, nor before
    the latest earlier step it follows (`Transition.follows`). The refusal names both dates."""
    if on is None:
        raise DomainError(CaseErrorCode.INVALID, f"请填写“{transition.label}”的日期。", field=field)
    if on > today_local():
        raise DomainError(
            CaseErrorCode.FUTURE_DATE,
            f"“{transition.label}”的日期{_cn(on)}不能晚于今天（{_cn(today_local())}）。",
            field=field,
        )
    if on < case.received_on:
        raise DomainError(
            CaseErrorCode.DATE_ORDER,
            f"“{transition.label}”的日期{_cn(on)}不能早于收到日期{_cn(case.received_on)}。",
            field=field,
        )
    if transition.follows:
        prior = (
            CaseEvent.objects.filter(case_id=case.pk, kind__in=transition.follows)
            .order_by("-occurred_on", "-id")
            .values_list("occurred_on", "label")
            .first()
        )
        if prior is not None and on < prior[0]:
            raise DomainError(
                CaseErrorCode.DATE_ORDER,
                f"“{transition.label}”的日期{_cn(on)}不能早于“{prior[1]}”的日期{_cn(prior[0])}。",
                field=field,
            )


def _check_received_on(received_on: dt.date) -> None:
    if received_on > today_local():
        raise DomainError(CaseErrorCode.FUTURE_DATE, "收到日期不能晚于今天。", field="received_on")


@transaction.atomic
def case_create(
    *,
    docket: str,
    handling_unit: Any,
    received_on: dt.date,
    by: Any,
    channel: str = "in_person",
    title: str = "",
    respondent_unit: Any = None,
    handler: Any = None,
    co_handlers: Iterable[Any] = (),
    submit_token: uuid.UUID | str | None = None,
    extra: dict[str, Any] | None = None,
    parties: Iterable[PartyInput] = (),
    with_receipt: bool = False,
    event_label: str = "收到申请",
    imported: dict[str, Any] | None = None,
) -> Case:
    """Create a case in the docket's initial state with a fresh number. A repeated `submit_token` returns the first
    case unchanged (double-submitted forms create one record); only a case created by this call has
    `case.just_created` set, so a docket service knows whether to add its own first steps."""
    if submit_token:
        existing = Case.objects.filter(submit_token=submit_token).first()
        if existing is not None:
            return existing
    spec = docket_get(docket)
    _check_received_on(received_on)
    party_inputs = list(parties)
    for i, p in enumerate(party_inputs):
        party_validate(p, prefix=f"parties-{i}-")
    year = received_on.year
    imported = imported or {}
    batch = writebehind.active() if not submit_token else None
    try:
        # The number and the row in one savepoint: when a concurrent twin with the same submit_token won (it held
        # the counter lock first), the unique token fails this insert and rolls the number back with it — no gap.
        # (A bulk import has no token: its one transaction is all or nothing.)
        with transaction.atomic() if batch is None else nullcontext():
            if imported.get("case_number"):  # a historical case keeps its number (Excel import)
                seq, number = case_number_reserve(docket=docket, number=imported["case_number"])
                year = case_number_parse(docket, number)[0]  # type: ignore[index]
            else:
                seq, number = case_number_take(docket=docket, year=year)
            case = Case(
                docket=docket,
                case_number=number,
                number_year=year,
                number_seq=seq,
                title=title,
                state=imported.get("state") or spec.initial_state,
                closed_on=imported.get("closed_on"),
                outcome=imported.get("outcome", ""),
                handling_unit=handling_unit,
                handler=handler,
                respondent_unit=respondent_unit,
                received_on=received_on,
                channel=channel,
                submit_token=submit_token or None,
                extra=extra or {},
                receipt_number=receipt_number_new() if with_receipt else None,
            )
            if batch is None:
                case.save(force_insert=True)
            else:
                _case_defer(batch, case)
    except IntegrityError:
        if submit_token:
            first = Case.objects.filter(submit_token=submit_token).first()
            if first is not None:
                return first
        raise
    for p in party_inputs:
        _party_save(case, p)
    co = list(co_handlers)
    if co:
        case.co_handlers.set(co)
    case.just_created = True
    case_event_add(case=case, kind="created", label=event_label, on=received_on, by=by, public=True)
    record_event(
        actor=_actor(by),
        action="cases.case.create",
        obj=case,
        summary={"docket": docket, "case_number": number, "channel": channel, "co_handlers": [u.pk for u in co]},
        unit=handling_unit,
    )
    return case


def _case_defer(batch: writebehind.WriteBehind, case: Case) -> None:
    """A bulk import's case: its id taken now (its parties, timeline and clocks name it), the row written with the
    batch (any statement naming the table writes it first); the save's effects — the metric counts, the docket
    stamp — come from the same post_save a save sends."""
    case._loaded_state = case.state
    batch.add(case)
    post_save.send(sender=Case, instance=case, created=True, update_fields=None, raw=False, using=batch.db)


def case_lock(case: Case | int, *, expected_version: int | None = None) -> Case:
    """Re-read and lock the row; if the caller saw an older version, someone else changed it: CaseChangedError."""
    pk = case.pk if isinstance(case, Case) else case
    locked = Case.objects.select_for_update().get(pk=pk)
    if expected_version is not None and locked.version != int(expected_version):
        raise CaseChangedError()
    return locked


def _bump(case: Case, fields: list[str]) -> None:
    case.version += 1
    case.save(update_fields=[*fields, "version", "updated_at"])


@atomic_retry  # the case, its clocks, the supervisable item, the audit head: rerun on a deadlock (#10 f. 3)
def case_transition_apply(
    *,
    case: Case,
    code: str,
    by: Any,
    on: dt.date,
    expected_version: int | None = None,
    detail: dict[str, Any] | None = None,
    event_label: str = "",
    public: bool | None = None,
    closed_on: dt.date | None = None,
    outcome: str | None = None,
    extra: dict[str, Any] | None = None,
) -> Case:
    """The only door to `Case.state`. Checks state, guard and (for a user) permission + scope, then the date invariant
    (`step_date_check`, for the system `by=None` too); bumps the version; applies the transition's declared clock steps
    (and, entering a closed state, completes the clocks the outcome ends); writes the timeline and the audit trail.
    `by=None` is the system (daily job, portal)."""
    spec = docket_get(case.docket)
    transition = spec.transition(code)
    locked = case_lock(case, expected_version=expected_version)
    refusal = transition.refusal(locked)
    if refusal:
        raise DomainError(CaseErrorCode.TRANSITION_NOT_ALLOWED, refusal)
    if by is not None and not CasePolicy.can_transition(by, locked, transition):
        raise DomainError(CaseErrorCode.FORBIDDEN, f"您没有“{transition.label}”的权限。")
    step_date_check(case=locked, transition=transition, on=on, field=transition.date_field)
    was_closed = spec.state(locked.state).closed
    if extra:
        locked.extra = {**locked.extra, **extra}
    before = locked.state
    locked.state = transition.target or before  # STAY keeps the current state
    fields = ["state", "extra"]
    if closed_on is not None:
        locked.closed_on = closed_on
        fields.append("closed_on")
    elif spec.state(locked.state).closed and locked.closed_on is None:
        locked.closed_on = on
        fields.append("closed_on")
    elif was_closed and not spec.state(locked.state).closed:
        # reopened (a refusal corrected on objection, a new mediation after an agreement found invalid): the case is
        # open again, so it has no closing date nor outcome until it closes again (the figures count it then)
        locked.closed_on = None
        fields.append("closed_on")
        if outcome is None:
            outcome = ""
    if outcome is not None:
        locked.outcome = outcome
        fields.append("outcome")
    locked._transition_in_progress = True
    try:
        _bump(locked, fields)
    finally:
        locked._transition_in_progress = False
    transition_clocks_apply(
        case=locked, transition=transition, on=on, by=by, closing=spec.state(locked.state).closed and not was_closed
    )
    case_event_add(
        case=locked,
        kind=code,
        label=event_label or transition.label,
        on=on,
        by=by,
        public=transition.public if public is None else public,
        detail=detail or {},
    )
    record_event(
        actor=_actor(by),
        action=f"{case.docket}.{code}",
        obj=locked,
        summary={"from": before, "to": locked.state, **(detail or {})},
        unit=locked.handling_unit,
    )
    # Keep the caller's object in step.
    case.__dict__.update({k: getattr(locked, k) for k in ("state", "version", "closed_on", "outcome", "extra")})
    case._loaded_state = locked.state
    return locked


@transaction.atomic
def case_update(
    *,
    case: Case,
    by: Any,
    expected_version: int | None,
    changes: dict[str, Any],
    event_label: str = "修改案件信息",
    action: str = "cases.case.update",
    summary: dict[str, Any] | None = None,
) -> Case:
    """Edit non-state fields (title, handler, respondent unit, extra keys …) with optimistic concurrency.
    A docket's edit service names its own audit `action` and adds `summary` (e.g. the before/after values)."""
    forbidden = {"state", "version", "docket", "case_number", "number_seq", "number_year"} & set(changes)
    if forbidden:
        raise DomainError(CaseErrorCode.INVALID, f"不能直接修改：{'、'.join(sorted(forbidden))}")
    locked = case_lock(case, expected_version=expected_version)
    if "received_on" in changes:
        _check_received_on(changes["received_on"])
    fields = []
    for key, value in changes.items():
        if key == "extra":
            locked.extra = {**locked.extra, **value}
        elif key == "co_handlers":
            locked.co_handlers.set(value)
            continue
        else:
            setattr(locked, key, value)
        fields.append(key)
    _bump(locked, fields)
    case_event_add(
        case=locked, kind="updated", label=event_label, on=today_local(), by=by, detail={"fields": sorted(changes)}
    )
    record_event(
        actor=_actor(by),
        action=action,
        obj=locked,
        summary={"fields": sorted(changes), **(summary or {})},
        unit=locked.handling_unit,
    )
    case.__dict__.update({k: getattr(locked, k) for k in [*fields, "version"] if k != "co_handlers"})
    return locked


def case_event_add(
    *,
    case: Case,
    kind: str,
    label: str,
    on: dt.date,
    by: Any = None,
    public: bool = False,
    detail: dict[str, Any] | None = None,
) -> CaseEvent:
    actor = by if getattr(by, "is_authenticated", False) else None
    event = CaseEvent(
        case=case, kind=kind, label=label[:200], occurred_on=on, actor=actor, public=public, detail=detail or {}
    )
    if not defer(event):  # a bulk import writes it with the batch (fazhi.core.writebehind; stamped once at its end)
        event.save(force_insert=True)
    return event
