"""整改 of a finding, on its supervisable item (one lifecycle: `fazhi.supervision`): the responsible unit's 整改方案
and progress reports with evidence, its completion report (the item → 待销号), the team's review — 销号 (with
evidence where FAZHI_INSPECTIONS["EVIDENCE_FOR_CLOSE"] says so) or 退回 with the reason (the item → 办理中) — and the
team's 回头看 of a closed finding (a relapse raises a new finding). These doors check the inspections policy and call
the shared services with policy=False."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from django.db import transaction

from fazhi.core.errors import DomainError
from fazhi.deadlines.selectors import today_local
from fazhi.supervision.models import Report
from fazhi.supervision.services import (
    has_evidence,
    item_accept,
    item_return,
    item_state_follow,
    report_add,
    report_replayed,
)
from fazhi.supervision.states import ItemState, ReportKind

from .. import settings as conf
from ..errors import InspectionErrorCode as E
from ..events import InspectionEvent as V
from ..models import Finding, FindingSource, Recheck, RecheckResult
from ._common import event, finding_lock, need, not_future, who
from .findings import _raise, finding_check


def _open(f: Finding, action: str) -> None:
    if f.item is None or f.item.state == ItemState.CLOSED:
        raise DomainError(E.STATE, f"问题已销号，不能{action}。", field="state")


@transaction.atomic
def finding_measures(*, finding: Finding, by: Any, text: str, submit_token: UUID | None = None) -> Finding:
    """The unit's 整改方案 (may be revised while the finding is open; the latest stands, each on the timeline)."""
    if report_replayed(submit_token) is not None:
        return finding
    f = finding_lock(finding, by, "rectify")
    _open(f, "报送整改方案")
    f.measures = need(text, "text", "整改方案")
    f.measures_on = today_local()
    f.version += 1
    f.save(update_fields=["measures", "measures_on", "version", "updated_at"])
    report_add(
        f.item,
        kind=ReportKind.PROGRESS,
        text=f"整改方案：{f.measures}",
        by=by,
        submit_token=submit_token,
        unit=f.responsible_unit,
    )
    event(f, V.FINDING_PLANNED, by, f.responsible_unit, text=f.measures)
    return f


@transaction.atomic
def finding_report(
    *,
    finding: Finding,
    by: Any,
    text: str,
    files: Sequence[Any] = (),
    complete: bool = False,
    submit_token: UUID | None = None,
) -> Report:
    """A progress report with its evidence; complete=True: the completion report asking for 销号."""
    if (done := report_replayed(submit_token)) is not None:
        return done
    f = finding_lock(finding, by, "rectify")
    _open(f, "报送整改情况")
    assert f.item is not None
    if complete and not f.measures:
        raise DomainError(E.REQUIRED, "请先报送整改方案。", field="text")
    if complete and f.item.state == ItemState.SUBMITTED:
        raise DomainError(E.STATE, "已报送整改完成情况，请等待督察组审核。", field="state")
    report = report_add(
        f.item,
        kind=ReportKind.COMPLETION if complete else ReportKind.PROGRESS,
        text=need(text, "text", "整改情况"),
        by=by,
        files=files,
        percent=100 if complete else None,
        submit_token=submit_token,
        unit=f.responsible_unit,
    )
    if complete:
        item_state_follow(item=f.item, submitted=True)
    event(
        f,
        V.FINDING_COMPLETED if complete else V.FINDING_REPORTED,
        by,
        f.responsible_unit,
        report=report.pk,
        attachments=len(files),
    )
    return report


@transaction.atomic
def finding_accept(*, finding: Finding, by: Any, note: str = "") -> Finding:
    """销号 by the team, on a completion report; with evidence where the setting requires it."""
    f = finding_lock(finding, by, "review")
    _open(f, "销号")
    assert f.item is not None
    if f.item.state != ItemState.SUBMITTED:
        raise DomainError(E.STATE, "责任单位尚未报送整改完成情况，不能销号。", field="state")
    if conf.conf("EVIDENCE_FOR_CLOSE") and not has_evidence(f.item):
        raise DomainError(
            E.EVIDENCE_REQUIRED,
            "销号须有佐证材料：责任单位报送的整改情况中没有佐证材料，请退回补充。",
            field="evidence",
        )
    item_accept(item=f.item, by=by, note=(note or "").strip() or "督察组审核销号", policy=False)
    f.closed_on = today_local()
    f.version += 1
    f.save(update_fields=["closed_on", "version", "updated_at"])
    event(f, V.FINDING_ACCEPTED, by, f.responsible_unit, note=(note or "").strip())
    return f


@transaction.atomic
def finding_return(*, finding: Finding, by: Any, reason: str) -> Finding:
    """退回: the completion is not enough; the unit works on."""
    reason = need(reason, "reason", "退回理由")
    f = finding_lock(finding, by, "review")
    _open(f, "退回")
    assert f.item is not None
    if f.item.state != ItemState.SUBMITTED:
        raise DomainError(E.STATE, "责任单位尚未报送整改完成情况，不能退回。", field="state")
    item_return(item=f.item, by=by, reason=reason, policy=False)
    f.version += 1
    f.save(update_fields=["version", "updated_at"])
    event(f, V.FINDING_RETURNED, by, f.responsible_unit, reason=reason)
    return f


@transaction.atomic
def finding_recheck(
    *,
    finding: Finding,
    by: Any,
    on: dt.date | None,
    result: str,
    note: str = "",
    due_on: dt.date | None = None,
) -> Recheck:
    """督察回头看 of a closed finding. A relapse (问题反弹) raises a new finding on the same unit, due by `due_on`."""
    f = finding_lock(finding, by, "recheck")
    if f.closed_on is None:
        raise DomainError(E.STATE, "问题尚未销号，不能回头看。", field="state")
    on = not_future(on, "on", "回头看日期")
    if on < f.closed_on:
        raise DomainError(E.DATE, f"回头看日期不能早于销号日期（{f.closed_on:%Y-%m-%d}）。", field="on")
    if result not in RecheckResult.values:
        raise DomainError(E.INVALID, "请选择回头看结果。", field="result")
    new = None
    if result == RecheckResult.RELAPSED:
        text = need(note, "note", "问题反弹的情况")
        finding_check(
            responsible_unit=f.responsible_unit,
            text=text,
            basis=f.basis,
            severity=f.severity,
            found_on=on,
            due_on=due_on,
        )
        new = _raise(
            f.plan,
            by,
            source=FindingSource.RECHECK,
            recheck_of=f,
            checklist_item=f.checklist_item,
            text=f"（回头看发现反弹）{text}",
            basis=f.basis,
            severity=f.severity,
            responsible_unit=f.responsible_unit,
            found_on=on,
            due_on=due_on,
        )
    r = Recheck.objects.create(finding=f, on=on, result=result, note=(note or "").strip(), new_finding=new, by=who(by))
    event(f, V.FINDING_RECHECKED, by, f.responsible_unit, result=result, new_finding=new.pk if new else None)
    return r


@transaction.atomic
def accountability_record(
    *,
    plan: Any,
    by: Any,
    kind: str,
    unit: Any,
    on: dt.date | None,
    text: str,
    findings: Sequence[Finding] = (),
) -> Any:
    """约谈 / 通报 of a unit over its findings (the unit's own findings of this plan only)."""
    from ..models import Accountability, AccountabilityKind
    from ._common import plan_lock

    p = plan_lock(plan, by, "record")
    if kind not in AccountabilityKind.values:
        raise DomainError(E.INVALID, "请选择约谈或通报。", field="kind")
    if unit is None:
        raise DomainError(E.REQUIRED, "请选择被约谈（通报）单位。", field="unit")
    on = not_future(on, "on", "日期")
    body = need(text, "text", "事由和要求")
    wrong = [f for f in findings if f.plan_id != p.pk or f.responsible_unit_id != unit.pk]
    if wrong:
        raise DomainError(E.INVALID, f"问题{wrong[0].number}不是该单位在本次督察中的问题。", field="findings")
    a = Accountability.objects.create(plan=p, kind=kind, unit=unit, on=on, text=body, by=who(by))
    a.findings.set(findings)
    event(p, V.ACCOUNTABILITY_RECORDED, by, unit, kind=kind, unit=unit.name, findings=[f.number for f in findings])
    return a
