"""The daily recompute of open clocks: the hot path (1,000,000 clocks in well under a minute).

Keyset batches of plain tuples, pauses fetched per id range, the engine's `due_fast` memoised per
(rule, trigger, extension) for clocks without pauses, and only changed rows written, with one executemany per batch.
State changes to 临期/超期 send in-app notifications after the batch commits: to the assignee, else the unit's
liaisons, else the unit's users holding the rule's handling action (`alert_recipients`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from django.db import connection, transaction

from .calendar import LegalCalendar
from .calendar_data import calendar_current
from .engine import Pause, compute_due, due_fast, fixed_due_result, merge_pauses
from .models import Clock, ClockPause, ClockState
from .rules import RULES

ONE = dt.timedelta(days=1)
DONE, PAUSED, OVERDUE, DUE_SOON, RUNNING = (
    ClockState.DONE.value,
    ClockState.PAUSED.value,
    ClockState.OVERDUE.value,
    ClockState.DUE_SOON.value,
    ClockState.RUNNING.value,
)
STATE_LABEL = dict(ClockState.choices)


def clocks_recompute(**kwargs: Any) -> dict[str, int]:
    """Recompute due date, provisional flag and state of every open clock (`_recompute`); on SQLite with the
    batches' commits not waiting for the disk (`_derived_writes`)."""
    with _derived_writes():
        return _recompute(**kwargs)


def _recompute(
    *,
    today: dt.date | None = None,
    batch: int = 5000,
    calendar: LegalCalendar | None = None,
    send_notifications: bool = True,
    progress: Any = None,
    audit: dict[str, Any] | None = None,
    audit_actor: Any = "system",
) -> dict[str, int]:
    """Recompute due date, provisional flag and state of every open clock. Returns counts.

    With `audit` (a calendar change queued this run), every clock whose due date moves gets its own
    `deadlines.clock.recomputed` audit row (before/after, plus the `audit` dict), written in the batch's transaction.
    The daily run passes none: there a due date moves only for an open pause ("if resumed tomorrow") or a first run."""
    from .selectors import today_local

    today = today or today_local()
    cal = calendar or calendar_current()
    loaded = frozenset(cal.years)
    today_ord = today.toordinal()
    after_today = today + ONE
    due_memo: dict[tuple[str, dt.date, int], dt.date] = {}
    state_memo: dict[tuple[dt.date, int], str] = {}
    prov_memo: dict[tuple[int, int], bool] = {}
    total = Clock.objects.exclude(state=DONE).count() if progress else 0
    stats = {"examined": 0, "changed": 0, "due_changed": 0, "notified": 0, "audited": 0}
    table = Clock._meta.db_table
    sql = f"UPDATE {table} SET due_date = %s, state = %s, provisional = %s, version = version + 1 WHERE id = %s"  # noqa: S608
    sql_explained = (
        f"UPDATE {table} SET due_date = %s, state = %s, provisional = %s, explanation = %s, "  # noqa: S608
        "version = version + 1 WHERE id = %s"
    )
    explain_memo: dict[tuple[Any, ...], str] = {}
    last_id = 0
    while True:
        rows = _open_rows(last_id, batch)
        if not rows:
            break
        lo, hi = rows[0][0], rows[-1][0]
        pauses = _pauses(lo, hi)
        updates: list[tuple[Any, ...]] = []
        explained: list[tuple[Any, ...]] = []
        alerts: list[tuple[int, int | None, int | None, str, dt.date]] = []
        moved: list[tuple[int, str, dt.date, dt.date, str, str, int | None]] = []
        for cid, rule_id, start, old_due, old_state, old_prov, ext, override, assignee_id, unit_id in rows:
            rule = RULES.get(rule_id)
            if rule is None:
                continue
            paused = False
            ps = pauses.get(cid)
            if override is not None:
                due, prov = override, False
            else:
                if ps:
                    paused = any(pe is None for _, pe, _ in ps)
                    merged = merge_pauses([Pause(s, e if e is not None else max(today, s), r) for s, e, r in ps])
                    due = due_fast(rule, start, merged, ext, cal)
                else:
                    key = (rule_id, start, ext)
                    due = due_memo.get(key)  # type: ignore[assignment]
                    if due is None:
                        due = due_memo[key] = due_fast(rule, start, [], ext, cal)
                yk = (start.year, due.year)
                prov = prov_memo.get(yk)  # type: ignore[assignment]
                if prov is None:
                    prov = prov_memo[yk] = any(y not in loaded for y in range((start + ONE).year, due.year + 1))
            if paused:
                state = PAUSED
            elif due.toordinal() < today_ord:
                state = OVERDUE
            else:
                sk = (due, rule.warn_days)
                state = state_memo.get(sk)  # type: ignore[assignment]
                if state is None:
                    left = cal.working_days_between(after_today, due)
                    state = state_memo[sk] = DUE_SOON if left <= rule.warn_days else RUNNING
            if due != old_due:
                # the due date moved (calendar loaded, open pause, first run): store the new explanation too
                ekey = (rule_id, start, ext, override, tuple(ps) if ps else None)
                text = explain_memo.get(ekey)
                if text is None:
                    text = explain_memo[ekey] = _explanation_json(rule_id, start, ext, override, ps, today, cal)
                explained.append((due, state, prov, text, cid))
                if audit is not None:
                    moved.append((cid, rule_id, old_due, due, old_state, state, unit_id))
            elif state != old_state or prov != old_prov:
                updates.append((due, state, prov, cid))
            if due != old_due or state != old_state:
                if state != old_state and state in (DUE_SOON, OVERDUE) and rule.notify and (assignee_id or unit_id):
                    alerts.append((cid, assignee_id, unit_id, state, due))
        if updates or explained:
            with transaction.atomic(), connection.cursor() as cur:
                if updates:
                    cur.executemany(sql, updates)
                if explained:
                    cur.executemany(sql_explained, explained)
                if moved:
                    stats["audited"] += _audit_moved(moved, audit or {}, audit_actor)
        stats["examined"] += len(rows)
        stats["changed"] += len(updates) + len(explained)
        stats["due_changed"] += len(explained)
        if send_notifications and alerts:
            stats["notified"] += _notify(alerts)
        last_id = hi
        if progress and total:
            progress(int(stats["examined"] * 100 / total), f"已重新计算 {stats['examined']}/{total} 个期限")
    return stats


_ROWS_SQL = (
    "SELECT id, rule_id, trigger_date, due_date, state, provisional, extension_units, due_override, assignee_id, "
    "unit_id FROM {table} WHERE id > %s AND state <> %s ORDER BY id LIMIT %s"
)


def _date(value: Any) -> Any:
    """The driver's date, or SQLite's ISO text (parsed in C, without the ORM's converter chain: a million rows)."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _open_rows(last_id: int, batch: int) -> list[tuple[Any, ...]]:
    """The next `batch` open clocks after `last_id` as plain tuples (keyset order), read with one cursor."""
    with connection.cursor() as cur:
        cur.execute(_ROWS_SQL.format(table=Clock._meta.db_table), [last_id, DONE, batch])  # noqa: S608
        raw = cur.fetchall()
    return [
        (cid, rule_id, _date(start), _date(due), state, bool(prov), ext, _date(override) if override else None, a, u)
        for cid, rule_id, start, due, state, prov, ext, override, a, u in raw
    ]


def _pauses(lo: int, hi: int) -> dict[int, list[tuple[dt.date, dt.date | None, str]]]:
    pauses: dict[int, list[tuple[dt.date, dt.date | None, str]]] = defaultdict(list)
    table = ClockPause._meta.db_table
    with connection.cursor() as cur:
        cur.execute(
            f'SELECT clock_id, start, "end", reason FROM {table} WHERE clock_id >= %s AND clock_id <= %s',  # noqa: S608
            [lo, hi],
        )
        for cid, ps, pe, reason in cur.fetchall():
            pauses[cid].append((_date(ps), _date(pe) if pe else None, reason))
    return pauses


@contextlib.contextmanager
def _derived_writes() -> Iterator[None]:
    """On SQLite, commit the recompute's batches without waiting for the disk (synchronous=NORMAL, WAL) and restore
    the setting afterwards. What it writes is derived (due date, state, explanation): a power cut can lose at most the
    last batches, which the next run writes again; the database itself stays consistent (WAL)."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cur:
        cur.execute("PRAGMA synchronous")
        before = cur.fetchone()[0]
        cur.execute("PRAGMA synchronous=NORMAL")
    try:
        yield
    finally:
        with connection.cursor() as cur:
            cur.execute(f"PRAGMA synchronous={int(before)}")


def _explanation_json(
    rule_id: str,
    start: dt.date,
    ext: int,
    override: dt.date | None,
    ps: list[tuple[dt.date, dt.date | None, str]] | None,
    today: dt.date,
    cal: LegalCalendar,
) -> str:
    if override is not None:
        steps = fixed_due_result(rule_id, start, override, calendar=cal).explanation
    else:
        pauses = [Pause(s, e if e is not None else max(today, s), r) for s, e, r in ps or ()]
        steps = compute_due(rule_id, start, pauses=pauses, extension=ext, calendar=cal).explanation
        if ps and any(e is None for _, e, _ in ps):
            steps.insert(-1, "当前处于暂停状态，上述届满日按次日恢复计算，恢复计算后将重新确定。")
    return json.dumps(steps, ensure_ascii=False)


def _audit_moved(
    moved: list[tuple[int, str, dt.date, dt.date, str, str, int | None]], audit: dict[str, Any], actor: Any
) -> int:
    """One audit row per clock whose due date a calendar change moved (legal-rules.md §16.3)."""
    from fazhi.audit.services import record_event
    from fazhi.orgs.models import Unit

    from .events import DeadlineEvent

    units = Unit.objects.in_bulk({m[6] for m in moved if m[6]})
    for cid, rule_id, old_due, due, old_state, state, unit_id in moved:
        rule = RULES[rule_id]
        record_event(
            actor=actor,
            action=DeadlineEvent.CLOCK_RECOMPUTED,
            object_type="deadlines.clock",
            object_id=cid,
            object_repr=f"{rule.name}（届满{due.isoformat()}）",
            unit=units.get(unit_id) if unit_id else None,
            summary={
                **audit,
                "rule": rule_id,
                "due_before": old_due.isoformat(),
                "due_after": due.isoformat(),
                "state_before": old_state,
                "state_after": state,
            },
        )
    return len(moved)


def alert_recipients(
    *, assignee_id: int | None, unit_id: int | None, action: str, cache: dict[Any, list[Any]]
) -> list[Any]:
    """Who hears of a clock turning 临期/超期: its assignee; without one, the liaisons (User.is_liaison) of the clock's
    unit; without those, the unit's active users holding the rule's handling action (ClockRule.recipient_action).
    A clock with neither assignee nor unit alerts nobody. `cache` is per recompute batch."""
    from django.contrib.auth import get_user_model

    from fazhi.orgs.models import Role

    user_model = get_user_model()
    if assignee_id:
        key: Any = ("user", assignee_id)
        if key not in cache:
            cache[key] = list(user_model.objects.filter(pk=assignee_id, is_active=True))
        return cache[key]
    if not unit_id:
        return []
    key = ("unit", unit_id, action)
    if key not in cache:
        users = list(user_model.objects.filter(unit_id=unit_id, is_active=True, is_liaison=True).order_by("id"))
        if not users:
            if ("roles", action) not in cache:
                cache[("roles", action)] = [
                    r.pk for r in Role.objects.only("pk", "actions") if action in (r.actions or [])
                ]
            users = list(
                user_model.objects.filter(unit_id=unit_id, is_active=True, roles__in=cache[("roles", action)])
                .distinct()
                .order_by("id")
            )
        cache[key] = users
    return cache[key]


def _notify(alerts: list[tuple[int, int | None, int | None, str, dt.date]]) -> int:
    from django.urls import reverse

    from fazhi.notifications.models import Notification
    from fazhi.notifications.services import notify

    clocks = Clock.objects.in_bulk([a[0] for a in alerts])
    cache: dict[Any, list[Any]] = {}
    sent = 0
    for cid, assignee_id, unit_id, state, due in alerts:
        clock = clocks.get(cid)
        if clock is None:
            continue
        rule = RULES[clock.rule_id]
        recipients = alert_recipients(
            assignee_id=assignee_id, unit_id=unit_id, action=rule.recipient_action, cache=cache
        )
        if not recipients:
            continue
        level = Notification.Level.RED if state == OVERDUE else Notification.Level.YELLOW
        sent += notify(
            recipients=recipients,
            title=f"期限{STATE_LABEL[state]}：{clock}",
            body=f"届满日 {due.isoformat()}",
            link=reverse("deadlines:clock_detail", args=[cid]),
            dedupe_key=f"deadlines:clock:{cid}:{state}:{due.isoformat()}",
            level=level,
        )
    return sent
