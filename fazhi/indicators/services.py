"""Writes of the indicators module: one service per state change, atomic, audited (fazhi.audit)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from fazhi.audit.services import record_event
from fazhi.core.errors import DomainError

from . import scoring
from .errors import IndicatorError
from .models import IndicatorNode, IndicatorSet, LeafResult, NodeUnit, ResultSource
from .parsing import ParsedNode


def _num(x: Any) -> str:
    d = Decimal(str(x))
    return str(int(d)) if d == d.to_integral_value() else str(d.normalize())


def _check_points(nodes: list[Any]) -> None:
    found = scoring.overfull_branch(nodes)
    if found is not None:
        node, total, own = found
        raise DomainError(
            IndicatorError.OVERFULL_BRANCH,
            f"分值：“{node.title}”的下级指标分值合计{_num(total)}分，超过其分值{_num(own)}分。",  # type: ignore[attr-defined]
            field="points",
        )


@transaction.atomic
def indicator_set_import(
    *,
    by: Any,
    nodes: list[ParsedNode],
    code: str,
    name: str,
    year: int,
    owner: Any,
    edition: str = "",
    source_name: str = "",
    submit_token: Any = None,
) -> IndicatorSet:
    """Create a set from a parsed tree. Refused (nothing saved) for a code already used that year, no indicators, or a
    branch whose children's points exceed its own. A repeated `submit_token` returns the set it created."""
    if submit_token:
        done = IndicatorSet.objects.filter(submit_token=submit_token).first()
        if done is not None:
            return done
    code, name = code.strip(), name.strip()
    if not code:
        raise DomainError(IndicatorError.DUPLICATE_SET, "体系编码：请填写。", field="code")
    if not name:
        raise DomainError(IndicatorError.NOTHING_TO_IMPORT, "体系名称：请填写。", field="name")
    if not nodes:
        raise DomainError(IndicatorError.NOTHING_TO_IMPORT, "文件：没有可导入的指标。", field="file")
    if IndicatorSet.objects.filter(code=code, year=year).exists():
        raise DomainError(
            IndicatorError.DUPLICATE_SET, f"体系编码：{year}年度已有编码为“{code}”的指标体系。", field="code"
        )
    _check_points(nodes)
    s = IndicatorSet.objects.create(
        code=code,
        name=name,
        year=year,
        edition=edition.strip(),
        owner=owner,
        source_name=source_name[:200],
        submit_token=submit_token or None,
    )
    count = _create_nodes(s, None, nodes, 1)
    record_event(
        actor=by,
        action="indicators.set.import",
        obj=s,
        object_repr=str(s),
        summary={"code": code, "year": year, "nodes": count, "file": source_name},
        unit=owner,
    )
    return s


def _create_nodes(s: IndicatorSet, parent: IndicatorNode | None, nodes: list[ParsedNode], depth: int) -> int:
    count = 0
    for i, n in enumerate(nodes, start=1):
        row = IndicatorNode.objects.create(
            indicator_set=s,
            parent=parent,
            position=i,
            depth=depth,
            title=n.title[:500],
            description=n.description,
            points=Decimal(str(n.points)) if n.points is not None else None,
            # what an Excel row also gives its leaf (excel_sets.SheetNode); a text import leaves the defaults
            method=getattr(n, "method", "") or scoring.GRADED,
            target=getattr(n, "target", None),
            deduction=getattr(n, "deduction", None),
            evidence=getattr(n, "evidence", "")[:1000],
        )
        if row.method not in scoring.METHODS:
            raise DomainError(IndicatorError.BAD_VALUE, f"计分方法：“{n.title}”的计分方法无法识别。", field="method")
        seen: set[int] = set()
        for role, units in (("lead", getattr(n, "lead", [])), ("co", getattr(n, "co", []))):
            for u in units:
                if u.pk not in seen:
                    seen.add(u.pk)
                    NodeUnit.objects.create(node=row, unit=u, role=role)
        count += 1 + _create_nodes(s, row, n.children, depth + 1)
    return count


@transaction.atomic
def indicator_set_copy(*, by: Any, source: IndicatorSet, year: int, name: str = "") -> IndicatorSet:
    """Last year's set as this year's: the same tree, methods, metric bindings and responsible units."""
    if IndicatorSet.objects.filter(code=source.code, year=year).exists():
        raise DomainError(
            IndicatorError.DUPLICATE_SET, f"考核年度：{year}年度已有编码为“{source.code}”的指标体系。", field="year"
        )
    copy = IndicatorSet.objects.create(
        code=source.code,
        name=name.strip() or source.name.replace(str(source.year), str(year)),
        year=year,
        edition=source.edition,
        owner=source.owner,
        source_name=source.source_name,
        copied_from=source,
    )
    mapping: dict[int, IndicatorNode] = {}
    for node in source.nodes.order_by("depth", "position", "id"):
        old_pk = node.pk
        units = list(node.units.all())
        node.pk = None
        node.id = None
        node.indicator_set = copy
        node.parent = mapping[node.parent_id] if node.parent_id else None
        node.save()
        mapping[old_pk] = node
        NodeUnit.objects.bulk_create(NodeUnit(node=node, unit_id=u.unit_id, role=u.role) for u in units)
    record_event(
        actor=by,
        action="indicators.set.copy",
        obj=copy,
        object_repr=str(copy),
        summary={"from": source.pk, "year": year, "nodes": len(mapping)},
        unit=copy.owner,
    )
    return copy


@transaction.atomic
def indicator_node_update(
    *,
    by: Any,
    node: IndicatorNode,
    points: Decimal | None,
    method: str,
    target: Decimal | None = None,
    deduction: Decimal | None = None,
    lower_is_better: bool = False,
    evidence: str = "",
    metric_key: str = "",
    lead_units: list[Any] | None = None,
    co_units: list[Any] | None = None,
) -> IndicatorNode:
    """Set a node's points, scoring method, evidence requirement, metric binding and responsible units. Refused when the
    points would overfill its parent or fall below its children's, or the metric is not registered."""
    from fazhi.metrics.registry import metric_get

    node = IndicatorNode.objects.select_for_update(of=("self",)).get(pk=node.pk)
    if method not in scoring.METHODS:
        raise DomainError(IndicatorError.BAD_VALUE, "计分方法：请从列表中选择。", field="method")
    if points is not None and points < 0:
        raise DomainError(IndicatorError.BAD_VALUE, "分值：不能为负数。", field="points")
    if metric_key:
        try:
            metric_get(metric_key)
        except DomainError as exc:
            raise DomainError(
                IndicatorError.UNKNOWN_METRIC, f"计算指标：平台没有“{metric_key}”这项指标。", field="metric_key"
            ) from exc
        if node.children.exists():
            raise DomainError(IndicatorError.NOT_A_LEAF, "计算指标：只有末级指标可以绑定计算指标。", field="metric_key")
    if points is not None:
        kids = [c.points for c in node.children.all() if c.points is not None]
        if kids and sum(kids, Decimal(0)) > points:
            raise DomainError(
                IndicatorError.OVERFULL_BRANCH,
                f"分值：下级指标分值合计{_num(sum(kids, Decimal(0)))}分，超过所填分值{_num(points)}分。",
                field="points",
            )
        parent = node.parent
        if parent is not None and parent.points is not None:
            siblings = [c.points for c in parent.children.exclude(pk=node.pk) if c.points is not None]
            total = sum(siblings, Decimal(0)) + points
            if total > parent.points:
                raise DomainError(
                    IndicatorError.OVERFULL_BRANCH,
                    f"分值：“{parent.title}”的下级指标分值合计将为{_num(total)}分，超过其分值{_num(parent.points)}分。",
                    field="points",
                )
    node.points, node.method, node.target, node.deduction = points, method, target, deduction
    node.lower_is_better, node.evidence, node.metric_key = lower_is_better, evidence.strip(), metric_key
    node.save()
    if lead_units is not None or co_units is not None:
        node.units.all().delete()
        seen: set[int] = set()
        for role, units in (("lead", lead_units or []), ("co", co_units or [])):
            for u in units:
                if u.pk not in seen:
                    seen.add(u.pk)
                    NodeUnit.objects.create(node=node, unit=u, role=role)
    record_event(
        actor=by,
        action="indicators.node.update",
        obj=node,
        object_repr=node.title[:80],
        summary={"points": str(points) if points is not None else None, "method": method, "metric": metric_key},
        unit=node.indicator_set.owner,
    )
    return node


@transaction.atomic
def indicator_results_freeze(*, by: Any, indicator_set: IndicatorSet, unit: Any = None) -> int:
    """Freeze the computed leaves' values for the set's year (and `unit`, or the whole area) in one metric snapshot,
    with the records behind them; score them. Returns how many leaves were frozen. A later freeze replaces the
    computed results (the earlier snapshot stays, as every snapshot does)."""
    from fazhi.metrics.snapshots import metric_snapshot, snapshot_values

    leaves = [n for n in indicator_set.nodes.exclude(metric_key="") if not n.children.exists()]
    if not leaves:
        return 0
    snap = metric_snapshot(
        [n.metric_key for n in leaves],
        indicator_set.year,
        unit,
        by=by,
        purpose=f"指标考核 {indicator_set.code} {indicator_set.year}",
    )
    values = snapshot_values(snap)
    for n in leaves:
        raw = values[n.metric_key]["value"]
        value = Decimal(str(raw)) if raw is not None else None
        score = scoring.leaf_score(
            method=n.method,
            points=n.points,
            value=value,
            target=n.target,
            deduction=n.deduction,
            lower_is_better=n.lower_is_better,
        )
        LeafResult.objects.update_or_create(
            node=n,
            unit=unit,
            source=ResultSource.COMPUTED,
            defaults={"value": value, "score": score, "snapshot": snap, "by": by if getattr(by, "pk", None) else None},
        )
    record_event(
        actor=by,
        action="indicators.results.freeze",
        obj=indicator_set,
        object_repr=str(indicator_set),
        summary={"snapshot": snap.pk, "leaves": len(leaves), "unit": getattr(unit, "code", "")},
        unit=indicator_set.owner,
    )
    return len(leaves)


# ------------------------------------------------------------------------------------------ self-assessment, review


def _result_lock(node: IndicatorNode, unit: Any, source: str) -> LeafResult | None:
    return LeafResult.objects.select_for_update(of=("self",)).filter(node=node, unit=unit, source=source).first()


def _is_leaf(node: IndicatorNode) -> None:
    if node.children.exists():
        raise DomainError(IndicatorError.NOT_A_LEAF, "指标：只有末级指标可以自评和评审。", field="node")


@transaction.atomic
def self_assessment_submit(
    *, by: Any, node: IndicatorNode, unit: Any, value: Decimal | None, statement: str, files: list[Any] = ()
) -> LeafResult:
    """A responsible unit answers a leaf: its value (scored by the leaf's method), a statement and 佐证材料 (files the
    caller checked with core.uploads). On a computed leaf the value is the snapshot's: the unit may annotate it
    (statement, files) but not give a value. After a send-back this is the resubmission."""
    from .models import Evidence, ResultState, ScoreChange

    _is_leaf(node)
    if not node.units.filter(unit=unit).exists():
        raise DomainError(IndicatorError.BAD_VALUE, "单位：不是该指标的责任单位。", field="unit")
    statement = statement.strip()
    if node.metric_key and value is not None:
        raise DomainError(
            IndicatorError.BAD_VALUE,
            "数值：该指标由系统按平台数据计算，不能填报数值，可填写说明和上传佐证材料。",
            field="value",
        )
    if not node.metric_key and value is None:
        raise DomainError(IndicatorError.BAD_VALUE, "数值：请填写。", field="value")
    if value is not None and value < 0:
        raise DomainError(IndicatorError.BAD_VALUE, "数值：不能为负数。", field="value")
    if not statement:
        raise DomainError(IndicatorError.BAD_VALUE, "自评说明：请填写。", field="statement")
    held = _result_lock(node, unit, ResultSource.SELF)
    score = None
    if not node.metric_key:
        score = scoring.leaf_score(
            method=node.method,
            points=node.points,
            value=value,
            target=node.target,
            deduction=node.deduction,
            lower_is_better=node.lower_is_better,
        )
    kind = ScoreChange.Kind.SUBMIT
    old = None
    if held is None:
        held = LeafResult(node=node, unit=unit, source=ResultSource.SELF)
    else:
        kind = ScoreChange.Kind.RESUBMIT if held.state == ResultState.RETURNED else ScoreChange.Kind.SUBMIT
        old = held.score
    held.value, held.score, held.statement, held.state = value, score, statement, ResultState.SUBMITTED
    held.by = by if getattr(by, "pk", None) else None
    held.save()
    for f in files:
        f.seek(0)
        ev = Evidence(result=held, name=(f.name or "佐证材料")[:200], uploaded_by=held.by)
        ev.file.save(f.name, f, save=False)
        ev.save()
    ScoreChange.objects.create(
        node=node, unit=unit, kind=kind, value=value, old_score=old, new_score=score, comment=statement, by=held.by
    )
    from .services_clocks import self_clock_settle

    self_clock_settle(by=by, indicator_set=node.indicator_set, unit=unit)  # every leaf answered: the clock completes
    record_event(
        actor=by,
        action="indicators.self.submit",
        obj=node,
        object_repr=node.title[:80],
        summary={
            "unit": unit.code,
            "value": str(value) if value is not None else None,
            "files": len(files),
            "kind": kind,
        },
        unit=unit,
    )
    return held


@transaction.atomic
def review_send_back(*, by: Any, node: IndicatorNode, unit: Any, comment: str) -> LeafResult:
    """The reviewer asks the unit for more evidence: its self-assessment goes back to it (退回补充)."""
    from .models import ResultState, ScoreChange

    held = _result_lock(node, unit, ResultSource.SELF)
    if held is None or held.state != ResultState.SUBMITTED:
        raise DomainError(IndicatorError.BAD_VALUE, "退回：该单位尚未提交自评，无可退回的内容。", field="comment")
    comment = comment.strip()
    if not comment:
        raise DomainError(IndicatorError.BAD_VALUE, "退回理由：请填写需要补充的材料。", field="comment")
    held.state = ResultState.RETURNED
    held.save(update_fields=["state", "updated_at"])
    ScoreChange.objects.create(
        node=node,
        unit=unit,
        kind=ScoreChange.Kind.RETURN,
        value=held.value,
        old_score=held.score,
        new_score=held.score,
        comment=comment,
        by=by if getattr(by, "pk", None) else None,
    )
    record_event(
        actor=by,
        action="indicators.review.return",
        obj=node,
        object_repr=node.title[:80],
        summary={"unit": unit.code, "comment": comment[:200]},
        unit=unit,
    )
    return held


@transaction.atomic
def review_score(*, by: Any, node: IndicatorNode, unit: Any, score: Decimal, comment: str = "") -> LeafResult:
    """The reviewer's score for a unit's leaf (it takes precedence over the self-assessment and the computed value).
    Refused above the leaf's points or below 0; every change is kept."""
    from .models import ScoreChange

    _is_leaf(node)
    if node.points is None:
        raise DomainError(IndicatorError.BAD_VALUE, "得分：该指标没有分值，请先设置分值。", field="score")
    if score < 0:
        raise DomainError(IndicatorError.BAD_VALUE, "得分：不能为负数。", field="score")
    if score > node.points:
        raise DomainError(
            IndicatorError.BAD_VALUE, f"得分：{_num(score)}分超过该指标的分值{_num(node.points)}分。", field="score"
        )
    held = _result_lock(node, unit, ResultSource.REVIEW)
    old = held.score if held is not None else None
    if held is None:
        held = LeafResult(node=node, unit=unit, source=ResultSource.REVIEW)
    mine = _result_lock(node, unit, ResultSource.SELF)
    computed = LeafResult.objects.filter(node=node, unit=unit, source=ResultSource.COMPUTED).first()
    base = computed if node.metric_key and computed is not None else mine
    held.value = base.value if base is not None else None
    held.score, held.statement = score, comment.strip()
    held.by = by if getattr(by, "pk", None) else None
    held.save()
    ScoreChange.objects.create(
        node=node,
        unit=unit,
        kind=ScoreChange.Kind.REVIEW,
        value=held.value,
        old_score=old,
        new_score=score,
        comment=held.statement,
        by=held.by,
    )
    record_event(
        actor=by,
        action="indicators.review.score",
        obj=node,
        object_repr=node.title[:80],
        summary={"unit": unit.code, "old": str(old) if old is not None else None, "new": str(score)},
        unit=unit,
    )
    return held


def _worse(node: IndicatorNode, value: Decimal | None) -> bool:
    return scoring.short_of_target(value, node.target, node.lower_is_better)


@transaction.atomic
def indicator_gaps_raise(*, by: Any, indicator_set: IndicatorSet, unit: Any = None, due: Any = None) -> list[Any]:
    """A supervisable item for each leaf whose value is worse than its target (a gap), on the board of the leaf's lead
    unit (the assessed unit when one is given), once per leaf, unit and year. `due`: the item's date (default: today
    + settings.FAZHI_INDICATORS["GAP_DAYS"], a local setting, not a statute)."""
    import datetime as dt

    from django.conf import settings

    from fazhi.deadlines.selectors import today_local
    from fazhi.supervision.services import item_raise

    from .sources import GAP

    days = int(getattr(settings, "FAZHI_INDICATORS", {}).get("GAP_DAYS", 30))
    due = due or today_local() + dt.timedelta(days=days)
    raised = []
    results = LeafResult.objects.filter(node__indicator_set=indicator_set, unit=unit).select_related("node")
    chosen: dict[int, LeafResult] = {}
    order = {ResultSource.REVIEW: 0, ResultSource.SELF: 1, ResultSource.COMPUTED: 2}
    for r in sorted(results, key=lambda r: order[ResultSource(r.source)]):
        if not (r.source == ResultSource.SELF and r.state == "returned"):  # as the tree reads them
            chosen.setdefault(r.node_id, r)
    for r in chosen.values():
        node = r.node
        if not _worse(node, r.value):
            continue
        responsible = unit or next((u.unit for u in node.units.filter(role="lead").select_related("unit")), None)
        if responsible is None:
            continue
        direction = "高于" if node.lower_is_better else "低于"
        raised.append(
            item_raise(
                source=node,
                kind=GAP,
                unit=responsible,
                reason=f"考核指标短板：{node.title[:80]}",
                text=f"{indicator_set.year}年度数值{_num(r.value)}，{direction}目标值{_num(node.target)}。",
                due=due,
                dedupe_key=f"indicators.gap.{node.pk}.{getattr(unit, 'pk', 0)}.{indicator_set.year}",
                by=by,
            )
        )
    return raised


# the self-assessment deadline runs on the clock engine (services_clocks.py)
from .services_clocks import self_due_set, self_overdue_raise  # noqa: E402, F401

# ------------------------------------------------------------------------------ 第三方评估 accounts (issue 23 §2)

EXTERNAL_ACTION = "indicators.external.assess"


@transaction.atomic
def external_assessor_assign(*, by: Any, indicator_set: IndicatorSet, user: Any) -> Any:
    """Give a 第三方评估 account one set to read and review (again, if it was revoked). Refused for an account that is
    not a 第三方评估 account or is inactive; a repeat changes nothing."""
    from fazhi.orgs.scopes import grants_for

    from .models import ExternalAssessor

    if user is None or not user.is_active or not grants_for(user).has(EXTERNAL_ACTION):
        raise DomainError(IndicatorError.BAD_VALUE, "评估账号：请选择启用中的第三方评估账号。", field="user")
    if grants_for(user).has("indicators.set.view"):
        # an account that also reads every set would not be limited to its assignment
        raise DomainError(
            IndicatorError.BAD_VALUE, "评估账号：该账号另有查看全部考核的权限，不能作为第三方评估账号。", field="user"
        )
    row, created = ExternalAssessor.objects.select_for_update(of=("self",)).get_or_create(
        indicator_set=indicator_set, user=user, defaults={"assigned_by": by}
    )
    if not created and row.revoked_at is None:
        return row
    if not created:
        row.revoked_at, row.assigned_by = None, by
        row.save(update_fields=["revoked_at", "assigned_by", "updated_at"])
    record_event(
        actor=by,
        action="indicators.external.assign",
        obj=indicator_set,
        object_repr=str(indicator_set),
        summary={"user": user.username},
        unit=indicator_set.owner,
    )
    return row


@transaction.atomic
def external_assessor_revoke(*, by: Any, indicator_set: IndicatorSet, user: Any) -> None:
    """The account no longer sees the set (its reviews stay, with their history)."""
    from django.utils import timezone

    from .models import ExternalAssessor

    row = (
        ExternalAssessor.objects.select_for_update(of=("self",))
        .filter(indicator_set=indicator_set, user=user, revoked_at__isnull=True)
        .first()
    )
    if row is None:
        return
    row.revoked_at = timezone.now()
    row.save(update_fields=["revoked_at", "updated_at"])
    record_event(
        actor=by,
        action="indicators.external.revoke",
        obj=indicator_set,
        object_repr=str(indicator_set),
        summary={"user": user.username},
        unit=indicator_set.owner,
    )
