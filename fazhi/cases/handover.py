"""The kernel hand-over (移交): a matter goes from a source record to another docket as a new case, without re-typing.

A source is a case on any docket, or a record of a registered kind (a 12348 call: `mediation.hotline_call`, see
`register_handover_source`). The target docket declares in its spec whether and how it accepts a hand-over
(`registry.HandoverSpec`: which source values map to which keyword of its registration, what the caller must add,
the initial state, the permission). `case_hand_over` then, in one transaction:

1. locks the source (a second hand-over of the same source waits), and returns the case it already became on that
   docket if there is one (one case per source and docket — `Handover` is unique on it, and the new case's
   `submit_token` is derived from source and docket, so even a racing twin finds the first);
2. calls the docket's own registration with the mapped values, the parties (decrypted, re-encrypted on the new
   case) and the received date (the source's, unless the docket says the hand-over date);
3. carries over the parties the registration did not take, and every attachment of the case file (the same stored
   file, its kind, name, SHA-256 and uploader; step `handover`);
4. writes a line on each timeline naming and linking the other (`handover_in` on the new case, `handover_out` on a
   source case; a registered source is told through its `linked` hook), the `Handover` row and one audit row
   `cases.case.handover`.

A refusal (an option missing, the docket's own checks) is a `DomainError` naming the field; nothing is kept.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.module_loading import import_string

from fazhi.audit.services import record_event
from fazhi.core.action_labels import register_audit_labels
from fazhi.core.errors import DomainError

from .errors import CaseErrorCode
from .models import Attachment, Case, Handover, Party
from .registry import docket_get
from .services import PartyInput, case_event_add, today_local
from .services._common import _actor
from .services.parties import _party_save

CASE = "case"
NAMESPACE = uuid.UUID("6f1c2d3e-8a4b-4c5d-9e6f-17a2b3c4d5e6")  # the hand-over's submit tokens (uuid5)

register_audit_labels({"cases.case.handover": "移交案件"})


@dataclass
class Matter:
    """What a source hands over: who, what, when, the case file, and its named values (what `HandoverSpec.fields`
    picks from)."""

    kind: str  # "case" or a registered source kind
    id: int
    label: str  # how the other timeline names it: "示信〔2026〕3号", "12348热线咨询（2026年12月2日 09:10）"
    url: str
    received_on: dt.date
    unit: Any = None  # the source's handling unit
    title: str = ""
    parties: list[PartyInput] = field(default_factory=list)
    represents: dict[int, int] = field(default_factory=dict)  # index of an agent in `parties` → index it represents
    attachments: list[Attachment] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)
    case: Case | None = None
    record: Any = None  # the registered source's row


@dataclass(frozen=True)
class HandoverSource:
    """A kind of record that is not a case but can be handed over (a 12348 call)."""

    kind: str
    label: str
    load: Callable[[int], Matter]  # called inside the transaction; locks the row (select_for_update)
    visible: Callable[[Any, int], bool]  # may this user hand it over
    linked: Callable[[Matter, Case, Any, dt.date], None] | None = None  # tell the source what it became


SOURCES: dict[str, HandoverSource] = {}


def register_handover_source(source: HandoverSource) -> HandoverSource:
    SOURCES[source.kind] = source
    return source


def case_label(docket: str, number: str) -> str:
    """ "人民调解案件示调〔2026〕3号": how a timeline names a case on another docket."""
    label = docket_get(docket).label
    return f"{label}{'' if label.endswith('案件') else '案件'}{number}"


def case_url(case: Case) -> str:
    """The case page ("" for a docket whose detail page takes no id, as the kernel tests' toy docket)."""
    from django.urls import NoReverseMatch

    try:
        return case.get_absolute_url()
    except NoReverseMatch:
        return ""


def handover_token(kind: str, pk: int, docket: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{kind}:{pk}:{docket}")


def case_matter(case: Case) -> Matter:
    """A case as a source: its parties (agents keep whom they represent), its attachments and its values — the
    docket's `extra`, and `title`, `account` (the extra's, else the title), `received_on`, `channel`, `case_number`,
    `docket`, `handling_unit`, `respondent_unit`."""
    parties = list(case.parties.order_by("id"))
    index = {p.pk: i for i, p in enumerate(parties)}
    inputs = [
        PartyInput(
            role=p.role,
            name=p.name,
            kind=p.kind,
            id_number=p.id_number,
            phone=p.phone,
            address=p.address,
            credit_code=p.credit_code,
            unit=p.unit,
        )
        for p in parties
    ]
    represents = {index[p.pk]: index[p.represents_id] for p in parties if p.represents_id in index}
    values = {
        **(case.extra or {}),
        "title": case.title,
        "account": (case.extra or {}).get("account") or case.title,
        "received_on": case.received_on,
        "channel": case.channel,
        "case_number": case.case_number,
        "docket": case.docket,
        "handling_unit": case.handling_unit,
        "respondent_unit": case.respondent_unit,
    }
    label = case_label(case.docket, case.case_number)
    return Matter(
        kind=CASE,
        id=case.pk,
        label=label,
        url=case_url(case),
        received_on=case.received_on,
        unit=case.handling_unit,
        title=case.title,
        parties=inputs,
        represents=represents,
        attachments=list(case.attachments.order_by("id")),
        values=values,
        case=case,
    )


def handover_targets(*, exclude: str = "") -> list[Any]:
    """The dockets that accept a hand-over (their specs), in registry order."""
    from .registry import dockets

    return [s for s in dockets() if s.handover is not None and s.code != exclude]


def handover_choices(docket: str, keyword: str, user: Any) -> list[tuple[Any, str]]:
    """The values a user may give for one option of a docket's hand-over, as (value, label), when the docket declares
    them (`HandoverSpec.choices`); [] otherwise (the page then asks for a unit or text)."""
    hs = docket_get(docket).handover
    path = dict(hs.choices).get(keyword) if hs is not None else None
    return list(import_string(path)(user)) if path else []


def handover_allowed(docket: str, user: Any) -> bool:
    """Whether the user holds the target docket's hand-over action (what `case_hand_over` checks first)."""
    from fazhi.orgs.scopes import grants_for

    hs = docket_get(docket).handover
    return hs is not None and (not hs.action or grants_for(user).has(hs.action))


def source_matter(kind: str, pk: int, by: Any) -> Matter:
    """A registered source as it would be handed over (to prefill a form): the same visibility check and load as
    `case_hand_over`; refused with a `DomainError` (forbidden or unknown)."""
    with transaction.atomic():
        return _load(kind, pk, by)


def source_handovers_of(kind: str, ids: list[int]) -> dict[int, list[Handover]]:
    """The hand-overs of many sources of one kind at once (a list page of 12348 calls): {source id: [Handover…]}."""
    out: dict[int, list[Handover]] = {}
    rows = Handover.objects.filter(source_kind=kind, source_id__in=ids).select_related("case").order_by("id")
    for h in rows:
        out.setdefault(h.source_id, []).append(h)
    return out


def _source_kind_id(source: Any) -> tuple[str, int]:
    if isinstance(source, Case):
        return CASE, source.pk
    kind, pk = source
    return str(kind), int(pk)


def _load(kind: str, pk: int, by: Any) -> Matter:
    if kind == CASE:
        case = Case.objects.select_for_update(of=("self",)).filter(pk=pk).first()
        if case is None:
            raise DomainError(CaseErrorCode.INVALID, "未找到要移交的案件。", field="source")
        if by is not None:
            from .selectors import _may_view

            if not _may_view(by, "view", case):
                raise DomainError(CaseErrorCode.FORBIDDEN, "您无权移交该案件。")
        return case_matter(case)
    source = SOURCES.get(kind)
    if source is None:
        raise DomainError(CaseErrorCode.INVALID, f"不能移交“{kind}”类记录。", field="source")
    if by is not None and not source.visible(by, pk):
        raise DomainError(CaseErrorCode.FORBIDDEN, f"您无权移交该{source.label}。")
    return source.load(pk)


def handover_of(source: Any, docket: str) -> Handover | None:
    """The hand-over already made of this source to this docket, if any."""
    kind, pk = _source_kind_id(source)
    return Handover.objects.filter(source_kind=kind, source_id=pk, docket=docket).select_related("case").first()


@transaction.atomic
def case_hand_over(
    *,
    source: Case | tuple[str, int],
    docket: str,
    by: Any,
    options: dict[str, Any] | None = None,
    parties: list[PartyInput] = (),  # type: ignore[assignment]
    on: dt.date | None = None,
    note: str = "",
    step: str = "",
) -> Case:
    """Hand `source` (a Case, or (kind, id) of a registered source) to `docket` as a new case; see the module's doc.
    `options` are what the docket's `HandoverSpec.options` ask for (a committee, a unit); `parties` are parties the
    source does not have (a 12348 caller who gives a name), added after the source's own. `step`: the source case's
    transition this hand-over is part of; where the target lists it in `HandoverSpec.from_steps`, holding that
    step's action stands in for the target's `action`.
    Returns the new case (`case.handed_over` True) or, when this source was already handed to this docket, that
    case unchanged (`handed_over` False). `by=None` is the system."""
    try:
        spec = docket_get(docket)
    except KeyError:
        raise DomainError(CaseErrorCode.INVALID, "请选择移交去向。", field="docket") from None
    hs = spec.handover
    if hs is None:
        raise DomainError(CaseErrorCode.INVALID, f"{spec.label}不接收移交。", field="docket")
    parties_given = list(parties)
    kind, pk = _source_kind_id(source)
    matter = _load(kind, pk, by)  # locks the source: a concurrent hand-over of it waits here
    if by is not None and (needed := _action_needed(hs, matter, step)):
        from fazhi.orgs.scopes import grants_for

        if not grants_for(by).has(needed):
            raise DomainError(CaseErrorCode.FORBIDDEN, f"您没有“{hs.label}”的权限。")
    if matter.case is not None and matter.case.docket == docket:
        raise DomainError(CaseErrorCode.INVALID, f"该案件已是{spec.label}案件，不能移交给本类案件。", field="docket")
    done = handover_of((kind, pk), docket)
    if done is not None:
        done.case.handed_over = False
        return done.case
    on = on or today_local()
    if on > today_local():
        raise DomainError(CaseErrorCode.FUTURE_DATE, "移交日期不能晚于今天。", field="on")
    if on < matter.received_on:
        raise DomainError(CaseErrorCode.DATE_ORDER, "移交日期不能早于来源的收到日期。", field="on")
    options = dict(options or {})
    values: dict[str, Any] = {}
    for keyword, name in hs.fields:
        value = matter.values.get(name)
        if value not in (None, ""):
            values[keyword] = value
    for keyword, label in hs.options:
        value = options.get(keyword)
        if isinstance(value, str):
            value = value.strip()
        if value in (None, "") and keyword not in values:
            raise DomainError(CaseErrorCode.INVALID, f"请填写{label}。", field=keyword)
    values.update({k: v for k, v in options.items() if v not in (None, "")})
    values["handover_source"] = {"kind": kind, "id": pk, "label": matter.label}
    roles = dict(hs.roles)
    parties = [PartyInput(**{**p.__dict__, "role": roles.get(p.role, p.role)}) for p in matter.parties]
    parties += [PartyInput(**p.__dict__) for p in parties_given]
    received_on = matter.received_on if hs.received == "source" else on
    case = import_string(hs.create)(
        by=by,
        values=values,
        parties=[PartyInput(**p.__dict__) for p in parties],  # the docket may normalise its copies
        received_on=received_on,
        submit_token=handover_token(kind, pk, docket),
    )
    expected = hs.initial_state or spec.initial_state
    if case.state != expected:
        raise ValueError(f"{docket}: a handed-over case starts in {expected}, not {case.state}")
    carried = _parties_carry(case, parties, matter.represents)
    attachments = _attachments_carry(case, matter.attachments)
    case_event_add(
        case=case,
        kind="handover_in",
        label=f"由{matter.label}转来",
        on=on,
        by=by,
        detail={"source_kind": kind, "source_id": pk, "source_label": matter.label, "source_url": matter.url},
    )
    if matter.case is not None:
        case_event_add(
            case=matter.case,
            kind="handover_out",
            label=f"{hs.label}：{case_label(docket, case.case_number)}",
            on=on,
            by=by,
            detail={
                "case_id": case.pk,
                "docket": docket,
                "case_number": case.case_number,
                "url": case_url(case),
            },
        )
    elif (registered := SOURCES.get(kind)) is not None and registered.linked is not None:
        registered.linked(matter, case, by, on)
    Handover.objects.create(
        source_kind=kind,
        source_id=pk,
        source_label=matter.label[:200],
        source_case=matter.case,
        docket=docket,
        case=case,
        on=on,
        by=by if getattr(by, "is_authenticated", False) else None,
        note=(note or "").strip()[:300],
    )
    record_event(
        actor=_actor(by),
        action="cases.case.handover",
        obj=case,
        summary={
            "source_kind": kind,
            "source_id": pk,
            "source": matter.label,
            "docket": docket,
            "case_number": case.case_number,
            "parties": len(parties),
            "parties_added": carried,
            "attachments": attachments,
        },
        unit=case.handling_unit,
    )
    case.handed_over = True
    return case


def _action_needed(hs: Any, matter: Matter, step: str) -> str:
    """The action the user must hold: the source step's, where the target takes hand-overs from that step
    (`HandoverSpec.from_steps`), else the target's own (may be "")."""
    if step and matter.case is not None and (matter.case.docket, step) in hs.from_steps:
        return docket_get(matter.case.docket).transition(step).action
    return hs.action


def _parties_carry(case: Case, parties: list[PartyInput], represents: dict[int, int]) -> int:
    """Add the source's parties the docket's registration did not take (same role and name = taken); an agent keeps
    whom it represents. Returns how many were added."""
    present: dict[tuple[str, str], Party] = {}
    for p in case.parties.order_by("id"):
        present.setdefault((p.role, p.name), p)
    saved: dict[int, Party] = {}
    added = 0
    order = sorted(range(len(parties)), key=lambda i: i in represents)  # principals first
    for i in order:
        p = parties[i]
        key = (p.role, p.name)
        if key in present:
            saved[i] = present[key]
            continue
        principal = saved.get(represents[i]) if i in represents else None
        saved[i] = present[key] = _party_save(case, p, principal)
        added += 1
    return added


def _attachments_carry(case: Case, attachments: list[Attachment]) -> int:
    """The source's case file on the new case: the same stored file (no copy), its kind, name, size, SHA-256, who
    added it; step `handover`. An item the registration already added (same SHA-256) is not added twice."""
    have = set(case.attachments.values_list("sha256", flat=True))
    rows = [
        Attachment(
            case=case,
            kind=a.kind,
            step="handover",
            label=a.label,
            file=a.file.name,
            original_name=a.original_name,
            size=a.size,
            sha256=a.sha256,
            uploaded_by_id=a.uploaded_by_id,
            from_public=a.from_public,
        )
        for a in attachments
        if a.sha256 not in have
    ]
    for row in rows:
        row.save(force_insert=True)
    return len(rows)


def case_handovers(case: Case) -> dict[str, list[dict[str, Any]]]:
    """For a case page: where it came from (`from`) and what it was handed to (`to`), each with a label and a link."""
    came = [
        {"label": h.source_label, "url": case_url(h.source_case) if h.source_case else "", "on": h.on}
        for h in Handover.objects.filter(case=case).select_related("source_case").order_by("id")
    ]
    went = [
        {
            "label": case_label(h.docket, h.case.case_number),
            "url": case_url(h.case),
            "on": h.on,
        }
        for h in Handover.objects.filter(source_case=case).select_related("case").order_by("id")
    ]
    return {"from": came, "to": went}


def source_handovers(kind: str, pk: int) -> list[Handover]:
    """What a registered source (a 12348 call) became: its hand-overs, oldest first."""
    return list(Handover.objects.filter(source_kind=kind, source_id=pk).select_related("case").order_by("id"))


def handover_unit(value: Any, *, field: str, label: str) -> Any:
    """A unit option (an instance or its id, as a form posts it); unknown → refused naming the field."""
    from fazhi.orgs.models import Unit

    if isinstance(value, Unit):
        return value
    unit = None
    if isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit()):
        unit = Unit.objects.filter(pk=int(value)).first()
    if unit is None:
        raise DomainError(CaseErrorCode.INVALID, f"请选择{label}。", field=field)
    return unit


def parties_split(parties: list[PartyInput]) -> tuple[list[PartyInput], list[PartyInput]]:
    """(applicants, respondents) of a hand-over's parties: a source with no applicant gives its first party that is
    not an agent or a respondent as the applicant (a 信访人, a caller)."""
    applicants = [p for p in parties if p.role == "applicant"]
    respondents = [p for p in parties if p.role == "respondent"]
    if not applicants:
        applicants = [p for p in parties if p.role not in ("agent", "respondent")][:1]
    return applicants, respondents
