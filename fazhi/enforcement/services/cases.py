"""Writes of enforcement case records: recorded (light entry, later intake and import) and updated. Every refusal
names its field and changes nothing; the clocks (90-day decision period, 公示, 撤回) follow the record's dates."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum

from fazhi.core.crypto import blind_index
from fazhi.core.errors import ConflictError, DomainError
from fazhi.core.validators import validate_credit_code
from fazhi.deadlines.selectors import clock_for, today_local
from fazhi.deadlines.services import clock_complete, clock_restart, clock_start

from ..clocks import DECISION_RULE, WITHDRAWAL_RULE, publication_rule
from ..errors import EnforcementErrorCode as E
from ..events import EnforcementEvent as Ev
from ..models import Body, Case, DiscretionTier, Matter, Officer, Training
from ..policies import CasePolicy
from ..rules import GROUND_CODES, clock_flags, officer_problems, review_defect, review_grounds_of, tier_defect
from ..states import DecisionKind, MatterKind, PartyKind, Procedure, Source
from ._common import event, is_user, need, who


@dataclass
class CaseInput:
    """What a case record says, as the entry form, the intake and the import hand it over."""

    number: str
    matter_code: str
    filed_on: dt.date
    party_kind: str
    party_name: str
    party_credit_code: str = ""
    procedure: str = Procedure.ORDINARY
    officer_numbers: list[str] = field(default_factory=list)
    facts: str = ""
    hearing_held: bool = False
    hearing_on: dt.date | None = None
    review_grounds: list[str] = field(default_factory=list)
    reviewer: str = ""
    reviewer_qualified: bool = False
    reviewed_on: dt.date | None = None
    decided_on: dt.date | None = None
    decision: str = ""
    decision_number: str = ""
    amount: Decimal | None = None
    published_on: dt.date | None = None
    changed_on: dt.date | None = None
    withdrawn_on: dt.date | None = None
    tier: str = ""  # 裁量阶次 code (states.Tier) of the matter's 裁量基准


def _matter(body: Body, code: str) -> Matter:
    code = need(code, "matter", "执法事项")
    bodies = [body.pk] + ([body.entrusted_by_id] if body.entrusted_by_id else [])
    m = Matter.objects.filter(body_id__in=bodies, code=code, is_active=True).order_by("id").first()
    if m is None:
        raise DomainError(E.UNKNOWN_MATTER, f"执法事项“{code}”不在{body.unit.name}的执法事项清单中。", field="matter")
    return m


def hours_by_year(officers: list[Officer]) -> dict[int, dict[int, Decimal]]:
    """{officer id: {year: hours}} in one query."""
    out: dict[int, dict[int, Decimal]] = defaultdict(dict)
    rows = (
        Training.objects.filter(officer__in=officers)
        .values_list("officer_id", "on__year")
        .annotate(total=Sum("hours"))
        .order_by()
    )
    for officer_id, year, total in rows:
        out[officer_id][year] = total
    return out


def _officers(body: Body, numbers: list[str], on: dt.date, already: set[int], what: str = "执法案件") -> list[Officer]:
    """The officers named by certificate number; a new one (not in `already`) must hold a valid certificate on `on`
    and have the year's training (rules.officer_problems)."""
    wanted = [n.strip().upper() for n in numbers if n and n.strip()]
    bodies = [body.pk] + ([body.entrusted_by_id] if body.entrusted_by_id else [])
    found = {o.certificate_number: o for o in Officer.objects.filter(certificate_number__in=wanted)}
    for n in wanted:
        o = found.get(n)
        if o is None or o.body_id not in bodies:
            raise DomainError(E.UNKNOWN_OFFICER, f"执法证号{n}不是{body.unit.name}登记的执法人员。", field="officers")
    officers = list(dict.fromkeys(found[n] for n in wanted))
    new = [o for o in officers if o.pk not in already]
    hours = hours_by_year(new)
    for o in new:
        problems = officer_problems(o, on, hours.get(o.pk, {}))
        if problems:
            p = problems[0]
            raise DomainError(
                E.CERTIFICATE if p.code == "certificate" else E.TRAINING,
                f"{p.message}，不能记录在新的{what}中。",
                field="officers",
            )
    return officers


def _dates(x: CaseInput, today: dt.date) -> None:
    if x.filed_on > today:
        raise DomainError(E.DATE, "立案日期不能晚于今天。", field="filed_on")
    for name, label in (
        ("decided_on", "决定日期"),
        ("reviewed_on", "法制审核完成日期"),
        ("hearing_on", "听证日期"),
        ("published_on", "公示日期"),
        ("changed_on", "决定变更、撤销日期"),
        ("withdrawn_on", "撤回公示日期"),
    ):
        d = getattr(x, name)
        if d is None:
            continue
        if d > today:
            raise DomainError(E.DATE, f"{label}不能晚于今天。", field=name)
        if d < x.filed_on:
            raise DomainError(E.DATE, f"{label}{d:%Y-%m-%d}不能早于立案日期{x.filed_on:%Y-%m-%d}。", field=name)
    if x.decided_on is None:
        for name, label in (("published_on", "公示日期"), ("changed_on", "决定变更、撤销日期")):
            if getattr(x, name) is not None:
                raise DomainError(E.DATE, f"尚未作出决定，不能填写{label}。", field=name)
        return
    if x.hearing_on is not None and x.hearing_on > x.decided_on:
        raise DomainError(E.DATE, "听证日期不能晚于决定日期。", field="hearing_on")
    for name, label in (("published_on", "公示日期"), ("changed_on", "决定变更、撤销日期")):
        d = getattr(x, name)
        if d is not None and d < x.decided_on:
            raise DomainError(E.DATE, f"{label}不能早于决定日期。", field=name)
    if x.withdrawn_on is not None:
        if x.changed_on is None or x.published_on is None:
            raise DomainError(
                E.DATE, "已公示的决定被变更、撤销后才需撤回公示，请先填写公示日期和变更日期。", field="withdrawn_on"
            )
        if x.withdrawn_on < x.changed_on:
            raise DomainError(E.DATE, "撤回公示日期不能早于决定变更、撤销日期。", field="withdrawn_on")


def _clean(body: Body, x: CaseInput, today: dt.date) -> dict[str, Any]:
    number = need(x.number, "number", "案号")
    matter = _matter(body, x.matter_code)
    if x.party_kind not in PartyKind.values:
        raise DomainError(E.INVALID, "请选择当事人类型。", field="party_kind")
    party_name = need(x.party_name, "party_name", "当事人姓名/名称")
    credit = ""
    if (x.party_credit_code or "").strip():
        try:
            credit = validate_credit_code(x.party_credit_code)
        except ValidationError as exc:
            raise DomainError(E.CREDIT_CODE, exc.messages[0], field="party_credit_code") from None
    if x.procedure not in Procedure.values:
        raise DomainError(E.INVALID, "请选择程序。", field="procedure")
    _dates(x, today)
    if x.hearing_held and x.hearing_on is None:
        raise DomainError(E.INVALID, "举行听证的，请填写听证日期。", field="hearing_on")
    bad = [g for g in x.review_grounds if g not in GROUND_CODES]
    if bad:
        raise DomainError(E.INVALID, f"法制审核情形“{'、'.join(bad)}”无效。", field="review_grounds")
    if x.decided_on is not None and x.decision not in DecisionKind.values:
        raise DomainError(E.INVALID, "已作出决定的，请选择决定结果。", field="decision")
    if x.decided_on is None and x.decision:
        raise DomainError(E.INVALID, "请填写决定日期。", field="decided_on")
    amount = x.amount
    if amount is not None:
        try:
            amount = Decimal(str(amount))
        except InvalidOperation:
            raise DomainError(E.INVALID, "罚没金额应为数字。", field="amount") from None
        if amount < 0:
            raise DomainError(E.INVALID, "罚没金额不能为负数。", field="amount")
    tier = None
    if x.tier:
        tier = DiscretionTier.objects.filter(matter=matter, tier=x.tier).first()
        if tier is None:
            raise DomainError(E.INVALID, f"执法事项“{matter.code}”的裁量基准没有该裁量阶次。", field="tier")
    grounds = review_grounds_of(
        grounds=list(x.review_grounds), hearing_held=x.hearing_held, matter_review_required=matter.review_required
    )
    return {
        "number": number,
        "matter": matter,
        "kind": matter.kind,
        "procedure": x.procedure,
        "filed_on": x.filed_on,
        "party_kind": x.party_kind,
        "party_name": party_name,
        "party_credit_code": credit,
        "facts": (x.facts or "").strip(),
        "hearing_held": x.hearing_held,
        "hearing_on": x.hearing_on if x.hearing_held else None,
        "review_grounds": grounds,
        "review_required": bool(grounds),
        "reviewer": (x.reviewer or "").strip(),
        "reviewer_qualified": x.reviewer_qualified,
        "reviewed_on": x.reviewed_on,
        "review_defect": bool(
            review_defect(
                required=bool(grounds),
                decided_on=x.decided_on,
                reviewed_on=x.reviewed_on,
                reviewer=x.reviewer or "",
                qualified=x.reviewer_qualified,
            )
        ),
        "decided_on": x.decided_on,
        "decision": x.decision if x.decided_on else "",
        "decision_number": (x.decision_number or "").strip(),
        "amount": amount,
        "tier": tier,
        "tier_defect": bool(
            tier
            and tier_defect(
                label=tier.get_tier_display(), amount_min=tier.amount_min, amount_max=tier.amount_max, amount=amount
            )
        ),
        "published_on": x.published_on,
        "changed_on": x.changed_on,
        "withdrawn_on": x.withdrawn_on,
    }


def _ensure_clock(case: Case, *, key: str, rule_id: str, trigger: dt.date, done_on: dt.date | None, by: Any) -> Any:
    c = clock_for(case, key)
    if c is not None and (c.trigger_date != trigger or c.rule_id != rule_id):
        if c.completed_on is None and c.rule_id == rule_id:
            c = clock_restart(clock=c, trigger_date=trigger, by=by)
        else:
            if c.completed_on is None:
                clock_complete(clock=c, on=max(today_local(), c.trigger_date), by=by)
            c = None
    if c is None:
        c = clock_start(obj=case, rule_id=rule_id, trigger_date=trigger, by=by, unit=case.unit, key=key)
    if done_on is not None and c.completed_on is None:
        c = clock_complete(clock=c, on=done_on, by=by)
    return c


def clocks_sync(case: Case, by: Any) -> None:
    """The 90-day decision period from 立案 (行政处罚 only; 《行政处罚法》（2021年修订）第六十条), the 公示 period from
    the decision (working days per matter kind, a setting; 第四十八条) and the 3-working-day 撤回 period from a change
    of a published decision (第四十八条第二款). Then the two flags the figures count (`rules.clock_flags`), saved
    on the case in the same transaction when they change (the kept counts move with them)."""
    decision = publication = None
    if case.kind == MatterKind.PENALTY:
        decision = _ensure_clock(
            case, key="decision", rule_id=DECISION_RULE, trigger=case.filed_on, done_on=case.decided_on, by=by
        )
    if case.decided_on is not None:
        publication = _ensure_clock(
            case,
            key="publication",
            rule_id=publication_rule(case.kind),
            trigger=case.decided_on,
            done_on=case.published_on,
            by=by,
        )
    if case.changed_on is not None and case.published_on is not None:
        _ensure_clock(
            case, key="withdrawal", rule_id=WITHDRAWAL_RULE, trigger=case.changed_on, done_on=case.withdrawn_on, by=by
        )
    flags = clock_flags(
        case,
        decision_due=decision.due_date if decision is not None else None,
        publication_due=publication.due_date if publication is not None else None,
    )
    if (case.decision_late, case.published_on_time) != flags:
        case.decision_late, case.published_on_time = flags
        case.save(update_fields=["decision_late", "published_on_time"])


@transaction.atomic
def case_record(
    *,
    by: Any,
    body: Body,
    data: CaseInput,
    source: str = Source.ENTRY,
    submit_token: UUID | None = None,
) -> Case:
    """Record a new enforcement case. Refused (nothing saved): a duplicate 案号, an unknown matter, a malformed
    统一社会信用代码, a decision before 立案, an officer without a valid certificate or the year's training."""
    if submit_token and (existing := Case.objects.filter(submit_token=submit_token).first()):
        return existing
    if is_user(by) and not CasePolicy.can(by, "record", Case(unit=body.unit)):
        raise DomainError(E.FORBIDDEN, "您无权为该执法主体记录案件。")
    values = _clean(body, data, today_local())
    if Case.objects.filter(body=body, number=values["number"]).exists():
        raise DomainError(E.DUPLICATE, f"案号{values['number']}已记录。", field="number")
    officers = _officers(body, data.officer_numbers, data.filed_on, set())
    case = Case.objects.create(
        body=body, unit=body.unit, source=source, created_by=who(by), submit_token=submit_token, **values
    )
    case.officers.set(officers)
    clocks_sync(case, by)
    case.just_created = True  # type: ignore[attr-defined]
    # (the API answers 201 for a new case, 200 for a replay)
    event(case, Ev.CASE_RECORDED, by, number=case.number, matter=case.matter.code, source=source)
    return case


@transaction.atomic
def case_update(*, by: Any, case: Case, data: CaseInput, version: int) -> Case:
    """Change a case record (later dates: decision, review, 公示, 变更, 撤回). Officers already on the case stay; a
    newly added one is checked like on a new case. A stale `version` → ConflictError."""
    case = Case.objects.select_for_update(of=("self",)).get(pk=case.pk)
    if is_user(by) and not CasePolicy.can(by, "record", case):
        raise DomainError(E.FORBIDDEN, "您无权修改该案件。")
    values = _clean(case.body, data, today_local())
    if Case.objects.filter(body=case.body, number=values["number"]).exclude(pk=case.pk).exists():
        raise DomainError(E.DUPLICATE, f"案号{values['number']}已记录。", field="number")
    before = set(case.officers.values_list("pk", flat=True))
    officers = _officers(case.body, data.officer_numbers, data.filed_on, before)
    for k, v in values.items():
        setattr(case, k, v)
    if case.version != version:  # (the row is locked above; a save, not an UPDATE, so the kept counts move)
        raise ConflictError()
    case.party_name_index = blind_index(case.party_name, "enforcement.party_name")
    case.version = version + 1
    case.save(update_fields=[*values, "party_name_index", "version", "updated_at"])
    case.refresh_from_db()
    case.officers.set(officers)
    clocks_sync(case, by)
    event(case, Ev.CASE_UPDATED, by, number=case.number, fields=sorted(values))
    return case


def case_unmask(*, by: Any, case: Case) -> str:
    """The party's full name for a viewer who may see it (audited)."""
    if not CasePolicy.can(by, "pii", case):
        raise DomainError(E.FORBIDDEN, "您无权查看当事人完整信息。")
    event(case, Ev.CASE_UNMASKED, by, field="party_name")
    return case.party_name
