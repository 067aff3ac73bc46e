"""Defence, hearings and who appeared (负责人出庭应诉, 法释〔2020〕3号; 解释 Art. 128)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from fazhi.cases.models import Case
from fazhi.cases.services import case_transition_apply, today_local
from fazhi.core.errors import DomainError

from ..codes import (
    HEAD_POSITION_LABEL,
    QUALIFYING_POSITIONS,
)
from ._common import INVALID, _not_before_service, _past, _required


@transaction.atomic
def case_submit_defence(
    *, case: Case, by: Any, on: dt.date, note: str = "", expected_version: int | None = None
) -> Case:
    _past(on, "on", "提交答辩状日期")
    _not_before_service(case, on)
    due = case.extra.get("defence_due")
    on_time = None if not due else on.isoformat() <= due
    case = case_transition_apply(
        case=case,
        code="submit_defence",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"defence_submitted_on": on.isoformat(), "defence_on_time": on_time, "defence_note": note},
        event_label="提交答辩状及证据、依据" + ("（逾期）" if on_time is False else ""),
        detail={"on_time": on_time},
    )
    return case


@transaction.atomic
def case_schedule_hearing(
    *,
    case: Case,
    by: Any,
    hearing_on: dt.date,
    place: str = "",
    requires_head: bool = True,
    note: str = "",
    expected_version: int | None = None,
) -> Case:
    """A hearing date (there may be several). 法释〔2020〕3号 Art. 1: heads should appear at every instance."""
    if hearing_on is None:
        raise DomainError(INVALID, "请填写开庭日期。", field="hearing_on")
    _not_before_service(case, hearing_on, "hearing_on")
    hearings = [*(case.extra.get("hearings") or [])]
    if any(h["on"] == hearing_on.isoformat() for h in hearings):
        raise DomainError(INVALID, "该日期的开庭已登记。", field="hearing_on")
    hearings.append({"on": hearing_on.isoformat(), "place": place, "requires_head": bool(requires_head), "note": note})
    hearings.sort(key=lambda h: h["on"])
    return case_transition_apply(
        case=case,
        code="schedule_hearing",
        by=by,
        on=today_local(),
        expected_version=expected_version,
        extra={"hearings": hearings},
        event_label=f"登记开庭：{hearing_on:%Y-%m-%d}{(' ' + place) if place else ''}",
        detail={"hearing_on": hearing_on.isoformat()},
    )


def appearance_validate(
    *,
    hearing: dict[str, Any],
    head_attended: bool,
    head_name: str,
    head_position: str,
    absence_reason: str,
    appeared: str,
) -> dict[str, Any]:
    if head_attended:
        _required(head_name, "head_name", "出庭负责人姓名")
        if head_position not in HEAD_POSITION_LABEL:
            raise DomainError(INVALID, "请选择出庭负责人的职务。", field="head_position")
    else:
        if hearing.get("requires_head", True) and not (absence_reason or "").strip():
            raise DomainError(
                INVALID,
                "负责人不能出庭的，应当说明正当理由（法释〔2020〕3号第九条）。",
                field="absence_reason",
            )
        if not (appeared or "").strip():
            raise DomainError(
                INVALID,
                "负责人不能出庭的，应当委托相应的工作人员出庭，不得仅委托律师（行政诉讼法第三条第三款）。",
                field="appeared",
            )
    qualifying = bool(head_attended and head_position in QUALIFYING_POSITIONS)
    return {
        "head_attended": bool(head_attended),
        "head_name": (head_name or "").strip() if head_attended else "",
        "head_position": head_position if head_attended else "",
        "qualifying": qualifying,
        "absence_reason": "" if head_attended else (absence_reason or "").strip(),
        "appeared": (appeared or "").strip(),
    }


@transaction.atomic
def case_record_appearance(
    *,
    case: Case,
    by: Any,
    hearing: str,
    head_attended: bool,
    head_name: str = "",
    head_position: str = "",
    absence_reason: str = "",
    appeared: str = "",
    expected_version: int | None = None,
) -> Case:
    """Who appeared at one hearing. Only the heads of 解释 Art. 128 count as 负责人出庭 (not entrusted or lower
    agencies' heads); an absent head needs a justified reason and the agency's own staff in court."""
    hearings = [dict(h) for h in (case.extra.get("hearings") or [])]
    idx = next((i for i, h in enumerate(hearings) if h["on"] == str(hearing)), None)
    if idx is None:
        raise DomainError(INVALID, "请选择开庭日期。", field="hearing")
    if hearings[idx]["on"] > today_local().isoformat():
        raise DomainError(INVALID, "开庭尚未进行，不能登记出庭情况。", field="hearing")
    appearance = appearance_validate(
        hearing=hearings[idx],
        head_attended=head_attended,
        head_name=head_name,
        head_position=head_position,
        absence_reason=absence_reason,
        appeared=appeared,
    )
    hearings[idx]["appearance"] = appearance
    if appearance["head_attended"]:
        who = f"{HEAD_POSITION_LABEL[appearance['head_position']]}{appearance['head_name']}出庭应诉"
    else:
        who = f"负责人未出庭（{appearance['absence_reason'] or '无需负责人出庭'}），{appearance['appeared']}出庭"
    return case_transition_apply(
        case=case,
        code="record_appearance",
        by=by,
        on=dt.date.fromisoformat(hearings[idx]["on"]),
        expected_version=expected_version,
        extra={"hearings": hearings},
        event_label=f"{hearings[idx]['on']}开庭：{who}",
        detail={"hearing_on": hearings[idx]["on"], "qualifying": appearance["qualifying"]},
    )
