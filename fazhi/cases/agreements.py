"""What a mediation docket does once it has an agreement (人民调解 and 行政调解, issue 17): each party's signature
recorded before the agreement takes effect, the 司法确认 application within its window and the court's result, and
回访 with the non-performance flag. One copy for both dockets; each passes its own wording and legal basis (a
docket's services keep the rules that differ: the 人民调解 agreement also needs the mediator's signature and the
committee's seal, 《人民调解法》第二十九条). State changes only through `case_transition_apply`, so the kernel's date
order and the clocks declared beside each transition apply."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from fazhi.core.errors import DomainError

from .disputes import PERFORMANCE_LABEL
from .models import Case, Party
from .services import case_transition_apply

INVALID = "invalid"


def signed_parties(principals: Iterable[Party], parties_signed: Any, *, missing: str | None) -> list[int]:
    """The ids of the principals recorded as having signed, sealed or put a fingerprint. `missing`: the refusal when
    one has not (its `{names}` the masked names), or None where no signature is required (an oral agreement)."""
    people = list(principals)
    try:
        signed = {int(i) for i in (parties_signed or [])}
    except (TypeError, ValueError):
        raise DomainError(INVALID, "当事人签名情况选择有误。", field="parties_signed") from None
    if missing is not None:
        unsigned = [p.masked_name for p in people if p.pk not in signed]
        if unsigned:
            raise DomainError(INVALID, missing.format(names="、".join(unsigned)), field="parties_signed")
    return sorted(signed & {p.pk for p in people})


def confirmation_apply(
    *,
    case: Case,
    by: Any,
    on: dt.date,
    court: str,
    late: Callable[[dt.date, str], str],
    expected_version: int | None = None,
) -> Case:
    """Both parties apply jointly to the court within the window kept on the agreement (`confirmation_due`). A date
    before the agreement is refused by the kernel's date order (the transition follows `agree`); one after the window
    is refused with `late(on, due)`, naming the field."""
    court = (court or "").strip()
    if not court:
        raise DomainError(INVALID, "请填写受理司法确认申请的人民法院。", field="court")
    due = (case.extra.get("agreement") or {}).get("confirmation_due")
    if due and on > dt.date.fromisoformat(due):
        raise DomainError(INVALID, late(on, due), field="on")
    return case_transition_apply(
        case=case,
        code="apply_confirmation",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"confirmation": {"applied_on": on.isoformat(), "court": court}},
        event_label=f"双方当事人向{court}申请司法确认",
    )


def confirmation_record(
    *,
    case: Case,
    by: Any,
    on: dt.date,
    result: str,
    results: dict[str, str],
    ruling_number: str = "",
    expected_version: int | None = None,
) -> Case:
    """The court's result on the application (`results`: the docket's codes and labels)."""
    if result not in results:
        raise DomainError(INVALID, f"请选择司法确认结果（{'、'.join(results.values())}）。", field="result")
    c = {**case.extra.get("confirmation", {}), "result": result, "result_on": on.isoformat()}
    c["ruling_number"] = (ruling_number or "").strip()[:100]
    return case_transition_apply(
        case=case,
        code="record_confirmation",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"confirmation": c},
        event_label=f"人民法院{results[result]}",
    )


def follow_up_record(
    *, case: Case, by: Any, on: dt.date, performance: str, note: str = "", expected_version: int | None = None
) -> Case:
    """回访 (repeatable): how the agreement is performed; 未履行 or 部分履行 sets the non-performance flag."""
    if performance not in PERFORMANCE_LABEL:
        raise DomainError(INVALID, f"请选择履行情况（{'、'.join(PERFORMANCE_LABEL.values())}）。", field="performance")
    visits = [
        *case.extra.get("follow_ups", []),
        {"on": on.isoformat(), "performance": performance, "note": (note or "").strip()},
    ]
    return case_transition_apply(
        case=case,
        code="follow_up",
        by=by,
        on=on,
        expected_version=expected_version,
        extra={"follow_ups": visits, "non_performance": performance != "performed"},
        event_label=f"回访：{PERFORMANCE_LABEL[performance]}",
    )
