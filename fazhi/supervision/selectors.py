"""Reads on supervisable items, already scoped. These are the public read functions (boards, the API, metrics):

- `items_visible_to(user, action)` — items whose responsible unit is in the user's scope
- `item_get_for(user, pk, action)` — one item, 404 for missing and forbidden alike
- `unit_board(user, *, kind, light, unit_id, limit)` — open items in scope, by light then due date
- `unit_board_page(user, *, kind, light, unit_id, page, size)` — one page of those and how many there are
- `unit_board_view(user, *, kind, light, unit_id, page, size)` — that page, its total and the counts (the board page)
- `office_board(user)` — open-item counts by unit × source and by light, for units in scope
- `board_drilldown(user, *, unit_id, kind, light, ladder)` — the open items behind a board number
- `leader_summary(user)` — counts by light, and the units with the most overdue items
- `extensions_pending(user)` — pending extension requests the user may decide
- `item_timeline(item)` — the item's audit rows (raised, reports, 催办 with their text, ends)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, QuerySet
from django.http import Http404

from fazhi.audit.models import AuditEvent
from fazhi.orgs.models import Unit

from .models import BoardStamp, Extension, Item
from .policies import CoUnitItemPolicy, ItemPolicy
from .states import OPEN_STATES, ExtensionState

BOARD_LIMIT = 200
LIGHTS = ("overdue", "due_soon", "running", "paused", "none")


def items_visible_to(user: Any, action: str = "view") -> QuerySet[Item]:
    return ItemPolicy.visible(user, action)


def item_get_for(user: Any, pk: int, action: str = "view") -> Item:
    item = items_visible_to(user, action).select_related("unit", "clock").filter(pk=pk).first()
    if item is None and action in ("view", "extend_request"):  # a co-unit sees the item and may ask for more time
        item = CoUnitItemPolicy.visible(user, action).select_related("unit", "clock").filter(pk=pk).first()
    if item is None:
        raise Http404("督办事项不存在")
    return item


def _open(qs: QuerySet[Item]) -> QuerySet[Item]:
    return qs.filter(state__in=OPEN_STATES)


def _unit_board_qs(user: Any, *, kind: str = "", light: str = "", unit_id: int | None = None) -> QuerySet[Item]:
    qs = _open(items_visible_to(user, "view"))
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    if kind:
        qs = qs.filter(kind=kind)
    if light:
        qs = qs.filter(light=light)
    return qs


_BOARD_COLUMNS = (
    "id",
    "kind",
    "source_label",
    "source_url",
    "title",
    "state",
    "light",
    "light_rank",
    "due_date",
    "days_overdue",
    "ladder_step",
    "unit__id",
    "unit__name",
    "unit__short_name",
)


def _board_order(qs: QuerySet[Item]) -> QuerySet[Item]:
    # served by the (unit, state, light_rank, due_date) index
    return qs.order_by("light_rank", F("due_date").asc(nulls_last=True), "id")


def unit_board(
    user: Any, *, kind: str = "", light: str = "", unit_id: int | None = None, limit: int = BOARD_LIMIT
) -> list[Item]:
    """The open items of the units in the user's scope: the most urgent light first, then the earliest due date
    (items without one last). One query, served by the (unit, state, light_rank, due_date) index."""
    qs = _unit_board_qs(user, kind=kind, light=light, unit_id=unit_id)
    return list(_board_order(qs.select_related("unit").only(*_BOARD_COLUMNS))[:limit])


def unit_board_page(
    user: Any, *, kind: str = "", light: str = "", unit_id: int | None = None, page: int = 1, size: int = 50
) -> tuple[list[Item], int]:
    """One page of `unit_board` and the number of open items behind it (for the pager): two index reads."""
    qs = _unit_board_qs(user, kind=kind, light=light, unit_id=unit_id)
    total = qs.count()
    start = (max(page, 1) - 1) * size
    if start >= total:
        start = max((total - 1) // size, 0) * size
    return list(_board_order(qs.select_related("unit").only(*_BOARD_COLUMNS))[start : start + size]), total


def unit_board_view(
    user: Any, *, kind: str = "", light: str = "", unit_id: int | None = None, page: int = 1, size: int = 50
) -> tuple[list[Item], int, dict[str, dict[str, int]]]:
    """A unit's board page: one page of `unit_board`, the number of open items behind it (for the pager) and the
    counts by source label and light (as `unit_board_counts`). Two index reads: the grouped count (index-only,
    sup_item_office_open) gives both the counts and the page's total, so no COUNT of its own; no item read when there
    is nothing to show."""
    qs = _open(items_visible_to(user, "view"))
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    counts: dict[str, dict[str, int]] = {}
    total = 0
    for r in qs.values("kind", "source_label", "light").annotate(n=Count("*")).order_by():
        row = counts.setdefault(r["source_label"], {"total": 0})
        row[r["light"]] = row.get(r["light"], 0) + r["n"]
        row["total"] += r["n"]
        if (not kind or r["kind"] == kind) and (not light or r["light"] == light):
            total += r["n"]
    counts = dict(sorted(counts.items()))  # the cards in a steady order (the grouped read's order is the planner's)
    if not total:
        return [], 0, counts
    start = (max(page, 1) - 1) * size
    if start >= total:
        start = max((total - 1) // size, 0) * size
    page_qs = _board_order(_unit_board_qs(user, kind=kind, light=light, unit_id=unit_id))
    return list(page_qs.select_related("unit").only(*_BOARD_COLUMNS)[start : start + size]), total, counts


def unit_board_counts(user: Any, *, unit_id: int | None = None) -> dict[str, dict[str, int]]:
    """Open items in scope by source label and light: {"规划任务": {"overdue": 3, …, "total": 9}, …}."""
    qs = _open(items_visible_to(user, "view"))
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    out: dict[str, dict[str, int]] = {}
    for r in qs.values("source_label", "light").annotate(n=Count("*")).order_by():  # index-only (sup_item_office_open)
        row = out.setdefault(r["source_label"], {"total": 0})
        row[r["light"]] = row.get(r["light"], 0) + r["n"]
        row["total"] += r["n"]
    return out


@dataclass
class BoardRow:
    unit_id: int
    unit: str
    by_kind: dict[str, int] = field(default_factory=dict)
    by_light: dict[str, int] = field(default_factory=dict)
    total: int = 0


def board_stamp() -> str:
    """The board stamp (rewritten in the transaction of every write that moves an item; "-" before any): a cache of
    anything counted from items (the boards, the cockpit's supervision tile) is keyed by it."""
    return BoardStamp.objects.filter(key="board").values_list("token", flat=True).first() or "-"


def board_stamp_sql(vendor: str) -> str:
    """The board stamp as a scalar query, loaded with the signed-in user (orgs/backends.py user_annotation) so a kept
    board needs no query of its own to find its key (as the docket stamps, cases/listing.py)."""
    return f"SELECT token FROM {BoardStamp._meta.db_table} WHERE \"key\" = 'board'"  # noqa: S608


_MISSING = object()


def _stamp_for(user: Any) -> str | None:
    """The board stamp loaded with the user, else asked of the database; None before any write (nothing kept)."""
    loaded = getattr(user, "board_stamp", _MISSING)
    if loaded is _MISSING:  # a user loaded another way (a command, a test's force_login without the backend)
        return BoardStamp.objects.filter(key="board").values_list("token", flat=True).first()
    return loaded  # type: ignore[no-any-return]


def _kept(user: Any, name: str, compute: Any) -> Any:
    """`compute()` kept in the `pages` cache under the board stamp, the viewer's grants stamp and the day: any write
    that moves an item makes a new key, so a board is never served from before a committed change (ADR 0006)."""
    from django.core.cache import caches

    from fazhi.deadlines.selectors import today_local

    grants = getattr(user, "grants_stamp", None)
    token = _stamp_for(user) if grants else None
    if not grants or not token:
        return compute()
    key = f"supervision:{name}:{token}:{grants}:{user.pk}:{user.unit_id}:{today_local()}"
    cache = caches["pages"]
    kept = cache.get(key)
    if kept is None:
        kept = compute()
        cache.set(key, kept, 3600)
    return kept


board_kept = _kept  # for a view keeping what it renders from a board under the same key (the office board's table)


def office_board(user: Any) -> tuple[list[BoardRow], list[tuple[str, str]], BoardRow]:
    """Open-item counts per unit, by source kind and by light (one grouped query, kept under the board stamp).
    Returns (rows, kinds, totals)."""
    return _kept(user, "office", lambda: _office_board(user))  # type: ignore[no-any-return]


def _office_board(user: Any) -> tuple[list[BoardRow], list[tuple[str, str]], BoardRow]:
    qs = _open(items_visible_to(user, "board"))
    # COUNT(*): every column read is in the partial index sup_item_office_open, so PostgreSQL counts from it alone
    counts = list(qs.values("unit_id", "kind", "source_label", "light").annotate(n=Count("*")).order_by())
    unit_ids = {c["unit_id"] for c in counts}
    units = {u.pk: u for u in Unit.objects.filter(pk__in=unit_ids).only("id", "name", "short_name", "path")}
    rows: dict[int, BoardRow] = {}
    kinds: dict[str, str] = {}
    total = BoardRow(0, "合计")
    for c in counts:
        kinds.setdefault(c["kind"], c["source_label"])
        u = units.get(c["unit_id"])
        row = rows.setdefault(c["unit_id"], BoardRow(c["unit_id"], u.display_name if u else str(c["unit_id"])))
        for r in (row, total):
            r.by_kind[c["kind"]] = r.by_kind.get(c["kind"], 0) + c["n"]
            r.by_light[c["light"]] = r.by_light.get(c["light"], 0) + c["n"]
            r.total += c["n"]
    ordered = sorted(
        rows.values(),
        key=lambda r: (-r.by_light.get("overdue", 0), units[r.unit_id].path if r.unit_id in units else ""),
    )
    return ordered, sorted(kinds.items(), key=lambda kv: kv[1]), total


def board_drilldown(
    user: Any, *, unit_id: int | None = None, kind: str = "", light: str = "", ladder: str = ""
) -> QuerySet[Item]:
    qs = _open(items_visible_to(user, "board")).select_related("unit")
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    if kind:
        qs = qs.filter(kind=kind)
    if light:
        qs = qs.filter(light=light)
    if ladder:
        qs = qs.filter(ladder_step=ladder)
    return qs.order_by("light_rank", F("due_date").asc(nulls_last=True), "id")


def leader_summary(user: Any, *, top: int = 5) -> dict[str, Any]:
    """For a leader's home: open items by light over the units in scope, and the units with most overdue (kept
    under the board stamp)."""
    return _kept(user, f"summary{top}", lambda: _leader_summary(user, top))  # type: ignore[no-any-return]


def _leader_summary(user: Any, top: int) -> dict[str, Any]:
    qs = _open(items_visible_to(user, "view"))
    by_light = {r["light"]: r["n"] for r in qs.values("light").annotate(n=Count("id")).order_by()}
    worst = list(
        qs.filter(light="overdue")
        .values("unit_id", "unit__name", "unit__short_name")
        .annotate(n=Count("id"))
        .order_by("-n", "unit_id")[:top]
    )
    return {
        "by_light": by_light,
        "total": sum(by_light.values()),
        "worst": [
            {"unit_id": w["unit_id"], "unit": w["unit__short_name"] or w["unit__name"], "overdue": w["n"]}
            for w in worst
        ],
    }


def extensions_pending(user: Any, *, kind: str = "") -> QuerySet[Extension]:
    visible = items_visible_to(user, "extend_approve")
    qs = Extension.objects.filter(state=ExtensionState.PENDING, item__in=visible)
    if kind:
        qs = qs.filter(item__kind=kind)
    return qs.select_related("item__unit", "unit", "requested_by").order_by("id")


def extension_get_for(user: Any, pk: int) -> Extension:
    ext = Extension.objects.select_related("item__unit").filter(pk=pk).first()
    if ext is None or not ItemPolicy.can(user, "extend_approve", ext.item):
        raise Http404("延期申请不存在")
    return ext


def item_timeline(item: Item) -> QuerySet[AuditEvent]:
    return (
        AuditEvent.objects.filter(object_type="supervision.item", object_id=str(item.pk)).for_timeline().order_by("id")
    )


def items_for_source(source: Any) -> QuerySet[Item]:
    from django.contrib.contenttypes.models import ContentType

    return Item.objects.filter(source_type=ContentType.objects.get_for_model(source), source_id=str(source.pk))


def items_selected(user: Any, ids: list[int], action: str) -> list[Item]:
    """The selected items the user may act on with `action` (bulk forms); others are silently not included."""
    return list(items_visible_to(user, action).filter(pk__in=ids, state__in=OPEN_STATES).order_by("id"))
