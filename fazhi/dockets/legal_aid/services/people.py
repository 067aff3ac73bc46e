"""The 法律援助人员 registry's writes: register, edit (a stale version is refused), deactivate and reactivate. Each runs
in one transaction with its audit event; a refusal names the field and writes nothing. The phone is personal data:
stored encrypted (the kernel's `EncryptedTextField`, as the mediators' phones), shown masked, never in the audit."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from fazhi.audit.services import record_event
from fazhi.core.errors import ConflictError, DomainError
from fazhi.core.validators import validate_phone

from ..codes import LICENSED_KINDS, PERSON_KIND_LABEL
from ..models import AidPerson
from ..policies import AidPersonPolicy
from ._common import INVALID, choice, required

FIELDS = ("kind", "name", "licence_number", "organisation", "specialities")


def _may(by: Any, person: AidPerson) -> None:
    """A user needs `manage` on the person's centre; the system (`by=None`: the demo) may."""
    if by is not None and not AidPersonPolicy.can(by, "manage", person):
        raise DomainError("forbidden", "您无权管理该法律援助机构的人员名册。", field="centre")


def _clean(
    *, centre: Any, kind: str, name: str, licence_number: str, organisation: str, phone: str, specialities: str
) -> dict[str, Any]:
    if centre is None:
        raise DomainError(INVALID, "请选择法律援助机构。", field="centre")
    choice(kind, PERSON_KIND_LABEL, "kind", "人员类别（律师、基层法律服务工作者、法律援助志愿者）")
    values: dict[str, Any] = {"kind": kind, "name": required(name, "name", "姓名")}
    licence = (licence_number or "").strip().upper()
    if kind in LICENSED_KINDS and not licence:
        raise DomainError(INVALID, f"请填写{PERSON_KIND_LABEL[kind]}的执业证号。", field="licence_number")
    values["licence_number"] = licence
    values["organisation"] = (organisation or "").strip()
    if kind in LICENSED_KINDS and not values["organisation"]:
        where = "律师事务所" if kind == "lawyer" else "基层法律服务所"
        raise DomainError(INVALID, f"请填写所在{where}。", field="organisation")
    values["specialities"] = (specialities or "").strip()
    if len(values["specialities"]) > 200:
        raise DomainError(INVALID, "擅长领域不超过200字。", field="specialities")
    phone = (phone or "").strip()
    if phone:
        try:
            validate_phone(phone)
        except Exception:
            raise DomainError(INVALID, "联系电话格式不正确（手机号码或带区号的固定电话）。", field="phone") from None
    values["phone"] = phone
    return values


def _licence_free(centre: Any, licence: str, exclude: int | None = None) -> None:
    if not licence:
        return
    clash = AidPerson.objects.filter(centre=centre, licence_number=licence)
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    other = clash.first()
    if other is not None:
        raise DomainError("duplicate", f"执业证号{licence}已登记（{other.name}）。", field="licence_number")


@transaction.atomic
def aid_person_create(
    *,
    by: Any,
    centre: Any,
    kind: str,
    name: str,
    licence_number: str = "",
    organisation: str = "",
    phone: str = "",
    specialities: str = "",
    submit_token: Any = None,
) -> AidPerson:
    """Register a person the centre assigns (《法律援助法》第十二条 ⚠). A repeated submit token returns the first."""
    if submit_token:
        first = AidPerson.objects.filter(submit_token=submit_token).first()
        if first is not None:
            return first
    values = _clean(
        centre=centre,
        kind=kind,
        name=name,
        licence_number=licence_number,
        organisation=organisation,
        phone=phone,
        specialities=specialities,
    )
    person = AidPerson(centre=centre, submit_token=submit_token or None, **values)
    _may(by, person)
    _licence_free(centre, values["licence_number"])
    try:
        with transaction.atomic():  # a concurrent registration of the same licence: the constraint decides
            person.save()
    except IntegrityError:
        _licence_free(centre, values["licence_number"])  # names the field if that was the clash
        raise
    record_event(
        actor=by,
        action="legal_aid.person.create",
        obj=person,
        summary={"kind": person.kind, "licence": person.licence_number},  # never the phone
        unit=centre,
    )
    return person


KEEP = object()  # the edit form leaves the phone blank: the stored one stays (it is never shown in full)


@transaction.atomic
def aid_person_update(
    *,
    by: Any,
    person: AidPerson,
    expected_version: int,
    kind: str,
    name: str,
    licence_number: str = "",
    organisation: str = "",
    phone: Any = KEEP,
    clear_phone: bool = False,
    specialities: str = "",
) -> AidPerson:
    """Edit a person; another's edit since `expected_version` was loaded is refused (ConflictError), nothing written.
    The phone is replaced only when a new one is typed (or cleared on request). The centre does not change: a
    person moving to another centre is deactivated here and registered there."""
    _may(by, person)
    new_phone = "" if clear_phone else (person.phone if phone is KEEP or not (phone or "").strip() else phone)
    values = _clean(
        centre=person.centre,
        kind=kind,
        name=name,
        licence_number=licence_number,
        organisation=organisation,
        phone=new_phone,
        specialities=specialities,
    )
    _licence_free(person.centre, values["licence_number"], exclude=person.pk)
    changed = sorted(k for k in (*FIELDS, "phone") if getattr(person, k) != values[k])
    for k, v in values.items():
        setattr(person, k, v)
    try:
        with transaction.atomic():
            person.save_versioned(expected_version=expected_version, update_fields=[*FIELDS, "phone"])
    except (ConflictError, IntegrityError):
        person.refresh_from_db()  # the page shows the stored person, the form what was typed
        _licence_free(person.centre, values["licence_number"], exclude=person.pk)  # a concurrent clash, named
        raise
    record_event(
        actor=by,
        action="legal_aid.person.update",
        obj=person,
        summary={"changed": changed, "licence": person.licence_number},  # the phone's change is named, not shown
        unit=person.centre,
    )
    return person


def _set_active(by: Any, person: AidPerson, expected_version: int, active: bool) -> AidPerson:
    _may(by, person)
    if person.is_active is active:
        raise DomainError(INVALID, f"{person.name}已{'在册' if active else '停用'}。", field="is_active")
    person.is_active = active
    try:
        person.save_versioned(expected_version=expected_version, update_fields=["is_active"])
    except ConflictError:
        person.refresh_from_db()
        raise
    record_event(
        actor=by,
        action="legal_aid.person.reactivate" if active else "legal_aid.person.deactivate",
        obj=person,
        summary={"licence": person.licence_number},
        unit=person.centre,
    )
    return person


@transaction.atomic
def aid_person_deactivate(*, by: Any, person: AidPerson, expected_version: int) -> AidPerson:
    """Off the registry for new assignments; the cases already assigned keep their person and count in the
    workload."""
    return _set_active(by, person, expected_version, False)


@transaction.atomic
def aid_person_reactivate(*, by: Any, person: AidPerson, expected_version: int) -> AidPerson:
    return _set_active(by, person, expected_version, True)
