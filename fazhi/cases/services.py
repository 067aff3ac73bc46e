"""Writes to cases. Docket services call these inside their own transaction; only `case_transition_apply` changes
`Case.state`. Every write records an audit event (record_event) in the same transaction."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction

from fazhi.audit.services import record_event
from fazhi.core.errors import DomainError
from fazhi.core.uploads import check_upload
from fazhi.core.validators import validate_credit_code, validate_id_number, validate_phone

from .errors import CaseChangedError, CaseErrorCode
from .models import (
    Attachment,
    Case,
    CaseEvent,
    CaseNumberCounter,
    CaseNumberPattern,
    DocumentTemplate,
    Party,
    PartyKind,
    PartyRole,
)
from .policies import CasePolicy
from .registry import docket_get

RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _actor(by: Any) -> Any:
    return by if by is not None else "system"


def today_local() -> dt.date:
    """The legal 'today' (Asia/Shanghai). Delegates to fazhi/deadlines when present."""
    try:
        from fazhi.deadlines.selectors import today_local as deadlines_today
    except ImportError:
        from django.utils import timezone

        return timezone.localdate()
    return deadlines_today()


# ---- numbering -------------------------------------------------------------------------------------------------


def case_number_pattern(docket: str) -> str:
    row = CaseNumberPattern.objects.filter(docket=docket).first()
    return row.pattern if row else docket_get(docket).number_pattern


def case_number_format(pattern: str, *, year: int, seq: int) -> str:
    return pattern.format(year=year, seq=seq)


def case_number_take(*, docket: str, year: int) -> tuple[int, str]:
    """Take the next number for docket + year. Must run inside the caller's transaction: a rollback returns it, so
    numbers have no gaps; the locked counter row and the unique constraint mean no duplicates."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("case_number_take must run inside a transaction")
    counter = CaseNumberCounter.objects.select_for_update().filter(docket=docket, year=year).first()
    if counter is None:
        try:
            with transaction.atomic():
                CaseNumberCounter.objects.create(docket=docket, year=year, last=0)
        except IntegrityError:
            pass  # another transaction created it first; lock theirs
        counter = CaseNumberCounter.objects.select_for_update().get(docket=docket, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last, case_number_format(case_number_pattern(docket), year=year, seq=counter.last)


def case_number_parse(docket: str, number: str) -> tuple[int, int] | None:
    """(year, seq) if `number` fits the docket's pattern, else None."""
    import re

    pattern = re.escape(case_number_pattern(docket))
    pattern = re.sub(r"\\\{year\\\}", r"(?P<year>\\d{4})", pattern)
    pattern = re.sub(r"\\\{seq[^}]*\\\}", r"(?P<seq>\\d+)", pattern)
    m = re.fullmatch(pattern, number.strip())
    return (int(m.group("year")), int(m.group("seq"))) if m else None


def case_number_reserve(*, docket: str, number: str) -> tuple[int, str]:
    """Keep an imported (historical) number; later numbers of that year continue after the highest one."""
    parsed = case_number_parse(docket, number)
    if parsed is None:
        raise DomainError(
            CaseErrorCode.INVALID, f"案号“{number}”不符合格式 {case_number_pattern(docket)}。", field="case_number"
        )
    year, seq = parsed
    if Case.objects.filter(docket=docket, case_number=number.strip()).exists():
        raise DomainError(CaseErrorCode.INVALID, f"案号“{number}”已存在。", field="case_number")
    counter, _ = CaseNumberCounter.objects.select_for_update().get_or_create(docket=docket, year=year)
    if seq > counter.last:
        counter.last = seq
        counter.save(update_fields=["last"])
    return seq, number.strip()


def receipt_number_new() -> str:
    """An unguessable receipt number for public applicants (lookup also needs their phone)."""
    return "FY" + "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(10))


# ---- cases -------------------------------------------------------------------------------------------------------


@dataclass
class PartyInput:
    role: str
    name: str
    kind: str = PartyKind.PERSON
    id_number: str = ""
    phone: str = ""
    address: str = ""
    credit_code: str = ""
    unit: Any = None


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
    try:
        with transaction.atomic():
            case.save(force_insert=True)
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


@transaction.atomic
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
    """The only door to `Case.state`. Checks state, guard and (for a user) permission + scope; bumps the version;
    writes the timeline and the audit trail. `by=None` is the system (daily job, portal)."""
    spec = docket_get(case.docket)
    transition = spec.transition(code)
    locked = case_lock(case, expected_version=expected_version)
    refusal = transition.refusal(locked)
    if refusal:
        raise DomainError(CaseErrorCode.TRANSITION_NOT_ALLOWED, refusal)
    if by is not None and not CasePolicy.can_transition(by, locked, transition):
        raise DomainError(CaseErrorCode.FORBIDDEN, f"您没有“{transition.label}”的权限。")
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
    if outcome is not None:
        locked.outcome = outcome
        fields.append("outcome")
    locked._transition_in_progress = True
    try:
        _bump(locked, fields)
    finally:
        locked._transition_in_progress = False
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
    *, case: Case, by: Any, expected_version: int | None, changes: dict[str, Any], event_label: str = "修改案件信息"
) -> Case:
    """Edit non-state fields (title, handler, respondent unit, extra keys …) with optimistic concurrency."""
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
        action="cases.case.update",
        obj=locked,
        summary={"fields": sorted(changes)},
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
    return CaseEvent.objects.create(
        case=case, kind=kind, label=label[:200], occurred_on=on, actor=actor, public=public, detail=detail or {}
    )


# ---- parties -----------------------------------------------------------------------------------------------------


def party_validate(p: PartyInput, *, prefix: str = "") -> PartyInput:
    """Normalise identifiers in place; DomainError naming the field on bad input."""
    if not (p.name or "").strip():
        raise DomainError(CaseErrorCode.INVALID, "请填写当事人姓名或名称。", field=f"{prefix}name")
    if p.role not in PartyRole.values:
        raise DomainError(CaseErrorCode.INVALID, "当事人身份不正确。", field=f"{prefix}role")
    try:
        if p.kind == PartyKind.PERSON and p.id_number:
            p.id_number = validate_id_number(p.id_number)
        if p.kind == PartyKind.ORGANISATION and p.credit_code:
            p.credit_code = validate_credit_code(p.credit_code)
    except ValidationError as exc:
        field = "id_number" if p.kind == PartyKind.PERSON else "credit_code"
        label = "身份证号码" if field == "id_number" else "统一社会信用代码"
        raise DomainError(CaseErrorCode.INVALID, f"{label}：{exc.messages[0]}", field=f"{prefix}{field}") from exc
    if p.phone:
        try:
            p.phone = validate_phone(p.phone)
        except ValidationError as exc:
            raise DomainError(CaseErrorCode.INVALID, f"联系电话：{exc.messages[0]}", field=f"{prefix}phone") from exc
    p.name = p.name.strip()
    return p


def _party_save(case: Case, p: PartyInput, represents: Party | None = None) -> Party:
    return Party.objects.create(
        case=case,
        role=p.role,
        kind=p.kind,
        name=p.name,
        id_number=p.id_number,
        phone=p.phone,
        address=p.address,
        credit_code=p.credit_code,
        unit=p.unit,
        represents=represents,
    )


@transaction.atomic
def party_add(*, case: Case, by: Any, party: PartyInput, represents: Party | None = None) -> Party:
    party_validate(party)
    saved = _party_save(case, party, represents)
    record_event(
        actor=_actor(by),
        action="cases.party.add",
        obj=case,
        summary={"role": party.role, "kind": party.kind},
        unit=case.handling_unit,
    )
    return saved


@transaction.atomic
def party_unmask(*, party: Party, by: Any) -> dict[str, str]:
    """Full personal information, only with `pii.unmask` on a case in scope; every unmask is audited."""
    if not CasePolicy.can(by, "unmask", party.case):
        raise DomainError(CaseErrorCode.FORBIDDEN, "您没有查看完整个人信息的权限。")
    record_event(
        actor=by,
        action="pii.unmask",
        obj=party.case,
        summary={"party_id": party.pk, "fields": ["name", "id_number", "phone", "address"]},
        unit=party.case.handling_unit,
    )
    return {"name": party.name, "id_number": party.id_number, "phone": party.phone, "address": party.address}


# ---- attachments -------------------------------------------------------------------------------------------------

ATTACHMENT_TYPES = (".pdf", ".png", ".jpg", ".jpeg", ".docx", ".xlsx", ".doc", ".xls", ".ofd", ".txt")


def attachment_check(f: UploadedFile, *, field: str = "file") -> None:
    try:
        check_upload(f, allowed=ATTACHMENT_TYPES)
    except ValidationError as exc:
        raise DomainError(CaseErrorCode.UPLOAD_REJECTED, f"附件“{f.name}”：{exc.messages[0]}", field=field) from exc


@transaction.atomic
def attachment_add(
    *, case: Case, by: Any, file: UploadedFile, label: str = "", from_public: bool = False, field: str = "file"
) -> Attachment:
    attachment_check(file, field=field)
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    att = Attachment(
        case=case,
        label=label or file.name,
        original_name=file.name[:255],
        size=file.size or 0,
        sha256=digest.hexdigest(),
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
        from_public=from_public,
    )
    att.file.save(f"{uuid.uuid4().hex}{_suffix(file.name)}", file, save=False)
    att.save()
    record_event(
        actor=_actor(by),
        action="cases.attachment.add",
        obj=case,
        summary={"attachment_id": att.pk, "name": att.original_name, "sha256": att.sha256},
        unit=case.handling_unit,
    )
    return att


def _suffix(name: str) -> str:
    from pathlib import PurePath

    return PurePath(name).suffix.lower()


# ---- document templates ------------------------------------------------------------------------------------------


def templates_seed(docket: str) -> list[DocumentTemplate]:
    """Create missing templates from the spec's defaults (idempotent; edited rows are kept)."""
    spec = docket_get(docket)
    rows = []
    for d in spec.documents:
        row, _ = DocumentTemplate.objects.get_or_create(
            docket=docket, code=d.code, defaults={"title": d.title, "body": d.default_body}
        )
        rows.append(row)
    return rows


def template_get(docket: str, code: str) -> DocumentTemplate:
    row = DocumentTemplate.objects.filter(docket=docket, code=code).first()
    if row is None:
        templates_seed(docket)
        row = DocumentTemplate.objects.get(docket=docket, code=code)
    return row


@transaction.atomic
def template_update(
    *, template: DocumentTemplate, by: Any, title: str, body: str, expected_version: int
) -> DocumentTemplate:
    updated = DocumentTemplate.objects.filter(pk=template.pk, version=expected_version).update(
        title=title, body=body, version=expected_version + 1
    )
    if updated != 1:
        raise CaseChangedError()
    template.refresh_from_db()
    record_event(actor=by, action="cases.template.update", obj=template, summary={"code": template.code})
    return template
