"""Reads, scoped: an item is seen by its 主办 unit (kernel scope) and by every unit it was handed to."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from fazhi.cases.models import Case
from fazhi.orgs.rules import has_action
from fazhi.orgs.scopes import scope_q

from .models import Assignment
from .policies import ProposalPolicy, SharePolicy

DOCKET = "proposals"


def proposals_visible_to(user: Any) -> QuerySet[Case]:
    base = Case.objects.filter(docket=DOCKET)
    if not (has_action("cases.case.view") & has_action("proposals.case.view")).allows(user, None):
        return base.none()
    lead = scope_q(user, "handling_unit")
    if lead is None:  # data scope: all
        return base
    shares = Assignment.objects.filter(scope_q(user, "unit") or Q(), active=True).values("case_id")
    return base.filter(lead | Q(pk__in=shares))


def proposal_get_for(user: Any, pk: int) -> Case:
    case = Case.objects.select_related("handling_unit").filter(pk=pk, docket=DOCKET).first()
    if case is None or not ProposalPolicy.can(user, "view", case):
        raise Http404("建议提案不存在")
    return case


def shares_of(case: Case) -> list[Assignment]:
    return list(Assignment.objects.filter(case=case, active=True).select_related("unit").order_by("role", "id"))


def share_get_for(user: Any, pk: int, action: str = "handle") -> Assignment:
    share = Assignment.objects.select_related("unit", "case").filter(pk=pk, active=True).first()
    if share is None or not SharePolicy.can(user, action, share):
        raise Http404("承办记录不存在")
    return share


def shares_of_user(user: Any, case: Case) -> list[Assignment]:
    """The 分办/协办 shares of `case` the user may work."""
    return [s for s in shares_of(case) if s.role != "lead" and SharePolicy.can(user, "handle", s)]


RATING_LABEL = {"satisfied": "满意", "basic": "基本满意", "unsatisfied": "不满意"}


def reconciliation_rows(*, user: Any, session: Any) -> list[dict[str, Any]]:
    """对账销号: every item of the session the user may see, with its units, reply, class, rating, open commitments
    and whether it is 销号 (the sheet the government office reconciles with the congress / CPPCC office)."""
    from .models import Commitment, Item
    from .spec import SPEC

    items = (
        Item.objects.filter(session=session, case__in=proposals_visible_to(user))
        .select_related("case", "case__handling_unit")
        .order_by("number")
    )
    case_ids = [i.case_id for i in items]
    units: dict[int, dict[str, list[str]]] = {}
    for a in Assignment.objects.filter(case_id__in=case_ids, active=True).select_related("unit"):
        units.setdefault(a.case_id, {}).setdefault(a.role, []).append(a.unit.name)
    open_c: dict[int, int] = {}
    for cid in Commitment.objects.filter(case_id__in=case_ids, done_on=None).values_list("case_id", flat=True):
        open_c[cid] = open_c.get(cid, 0) + 1
    rows = []
    for i in items:
        x = i.case.extra or {}
        first = next((r for r in x.get("replies", []) if r.get("round") == 1), {})
        last = (x.get("replies") or [{}])[-1]
        ratings = x.get("ratings") or [{}]
        rows.append(
            {
                "pk": i.case_id,
                "number": i.number,
                "title": i.case.title,
                "kind": i.get_kind_display(),
                "lead": i.case.handling_unit.name,
                "split": "、".join(units.get(i.case_id, {}).get("split", [])),
                "assist": "、".join(units.get(i.case_id, {}).get("assist", [])),
                "assigned_on": i.case.received_on.isoformat(),
                "replied_on": first.get("on", ""),
                "on_time": {True: "是", False: "否"}.get(x.get("on_time"), ""),
                "result_class": last.get("class", ""),
                "rating": RATING_LABEL.get(ratings[-1].get("rating", ""), ""),
                "rehandled": "是" if x.get("rehandled") else "",
                "open_commitments": open_c.get(i.case_id, 0),
                "state": SPEC.state_label(i.case.state),
                "reconciled_on": x.get("reconciled_on", ""),
                "may_close": i.case.state == "rated",
            }
        )
    return rows


SHEET_COLUMNS = (
    ("number", "编号"),
    ("kind", "类型"),
    ("title", "标题"),
    ("lead", "主办单位"),
    ("split", "分办单位"),
    ("assist", "协办单位"),
    ("assigned_on", "交办日期"),
    ("replied_on", "答复日期"),
    ("on_time", "按期答复"),
    ("result_class", "办理结果"),
    ("rating", "代表/委员评价"),
    ("rehandled", "重新办理"),
    ("open_commitments", "未销号承诺事项"),
    ("state", "状态"),
    ("reconciled_on", "销号日期"),
)


def reconciliation_workbook(*, user: Any, session: Any) -> bytes:
    import io

    from openpyxl import Workbook

    from fazhi.core.excel import safe_cell

    wb = Workbook()
    ws = wb.active
    ws.title = "对账销号"
    ws.append([safe_cell(f"{session.name} 建议提案办理情况对账表")])
    ws.append([label for _, label in SHEET_COLUMNS])
    for r in reconciliation_rows(user=user, session=session):
        ws.append([safe_cell(r[k]) for k, _ in SHEET_COLUMNS])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
