"""Benchmark: recompute a 237-leaf indicator set for 100 units over B-City's cases, and the ranking page (issue #23).

    .venv/bin/python bench/indicators_recompute.py [--units 100] [--leaves 237] [--cases 1000000] [--organs 200]
        [--users 3000] [--seconds 10] [--clients 20] [--postgres | --database-url URL] [--python-clients]

A fresh database — SQLite in a temporary directory (default), a fresh PostgreSQL database on 127.0.0.1:5432 with
--postgres (dropped afterwards), or the caller's --database-url (its tables must be empty) — migrated and seeded with
bulk inserts (raw SQL for the cases, the same rows on both engines):

  B-City's case part (shared/reference/security-reliability.md §3.4): `--organs` units (200) under one government, the
  first 10 handling 行政复议 / 应诉; `--cases` cases (1,000,000), half 行政复议 and half 行政应诉 over the last 5 years,
  respondents spread over every organ, states / outcomes / closing dates / hearings with the head's appearance
  derived from a per-row hash (as bench/cases_list.py seeds them); `--users` users (3,000). Then `fazhi metrics
  rebuild` (raw rows send no signals). Hotline items, audit rows and documents are not seeded: no leaf reads them.
  A 237-leaf set, three levels (10 一级 / 34 二级 / 237 三级, 1 point a leaf): every other leaf (119) computed, bound
  round-robin to the registry's metrics of the 行政复议 / 行政应诉 / cases dockets (those read from the seeded cases;
  rates scored by 按比率, counts by 达标 with target 1), the other 118 self-assessed (分档, value and score for every
  assessed unit, with a statement and one 佐证材料 file each; one in five reviewed); each leaf with one lead and two
  co units. The first `--units` organs (100) are assessed; the last tenth of them are 区县 governments (the
  ranking's 区县 table).

Measured in ONE run:

  figures alone (baseline)      metric_values of the 119 bound keys for the area and each unit, no records, no writes
  full recompute                indicator_results_freeze (the service of the set page's 冻结计算值) for the area and
                                each assessed unit — one metric snapshot each, with the records behind every value,
                                every computed leaf scored — then indicator_ranking for both tables
  GET /healthz                  baseline (framework + SELECT 1), gunicorn 2 gthread workers × 2 threads
  GET /indicators/<id>/ranking/ the ranking page (市直单位 and 区县 tables, every unit's tree rolled up), office head

Target (#23): the full recompute under 60 s. Prints the ranking page's throughput as a ratio to /healthz.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lib import (  # noqa: E402
    Client,
    Server,
    base_env,
    create_database,
    drop_database,
    fazhi,
    measure,
    seed_city,
    seed_user,
)

PASSWORD = "Bench-2026!x"
HANDLING = 10
HEADS, MIDS = 10, 34
CASE_COLUMNS = (
    "created_at, updated_at, docket, case_number, number_year, number_seq, receipt_number, title, state, "
    "handling_unit_id, handler_id, respondent_unit_id, received_on, channel, version, submit_token, closed_on, "
    "outcome, extra"
)
TITLES = (
    "不服行政处罚决定",
    "不服政府信息公开答复",
    "不服工伤认定",
    "不服行政强制措施",
    "请求履行法定职责",
    "不服行政许可决定",
)
LIT_OUTCOMES = (
    "dismiss_claim",
    "dismiss_claim",
    "dismiss_claim",
    "revoke",
    "confirm_illegal",
    "withdrawal",
    "withdrawal",
    "dismiss_suit",
    "perform",
    "mediation",
)
REC_OUTCOMES = (
    "uphold",
    "uphold",
    "uphold",
    "dismiss_request",
    "revoke",
    "change",
    "confirm_illegal",
    "order_performance",
)
REC_CLOSED = ("decided",) * 6 + ("rejected", "terminated", "terminated", "abandoned")
REC_OPEN = ("received", "correction", "accepted", "accepted", "suspended")


def _case_row(i: int, today: dt.date, now: dt.datetime, lo: int, organs: int) -> tuple:
    """One case, every attribute derived from a per-row hash (bench/cases_list.py's rows, portable SQL values)."""
    h = (i * 2654435761) % 4294967296
    docket = "litigation" if i % 2 == 0 else "reconsideration"
    received = today - dt.timedelta(days=(i * 7919) % 1826)
    age = (today - received).days
    if docket == "litigation":
        st = "closed" if age > 240 or h % 10 < 6 else ("defended" if h % 10 < 8 else "registered")
    elif age > 120 or h % 10 < 6:
        st = REC_CLOSED[(h // 3) % 10]
    else:
        st = REC_OPEN[h % 5]
    closed = st in ("closed", "decided", "rejected", "abandoned", "terminated")
    closed_on = min(received + dt.timedelta(days=20 + h % 150), today) if closed else None
    if not closed:
        outcome = ""
    elif docket == "litigation":
        outcome = LIT_OUTCOMES[(h // 11) % 10]
    elif st == "decided":
        outcome = REC_OUTCOMES[(h // 11) % 8]
    else:
        outcome = {"rejected": "not_accepted", "terminated": "terminated"}.get(st, "abandoned")
    if docket == "litigation":
        head = h % 10 < 8
        extra = {
            "court": f"压测市第{1 + h % 5}人民法院",
            "court_case_number": f"（{received.year}）压01行初{i}号",
            "cause": "不服行政处罚决定",
            "instance": ("first", "first", "first", "first", "second")[(h // 13) % 5],
            "after_reconsideration": h % 3 == 0,
            "served_on": received.isoformat(),
            "defence_due": (received + dt.timedelta(days=15)).isoformat(),
            "defence_submitted_on": (received + dt.timedelta(days=10)).isoformat() if st != "registered" else None,
            "hearings": []
            if st == "registered"
            else [
                {
                    "on": (received + dt.timedelta(days=40)).isoformat(),
                    "place": "第一法庭",
                    "requires_head": True,
                    "appearance": {
                        "head_attended": head,
                        "qualifying": head,
                        "head_name": "副局长" if head else "",
                        "head_position": "deputy" if head else "",
                        "absence_reason": "" if head else "公务冲突",
                        "appeared": "法制科科长",
                    },
                }
            ],
        }
        number = f"示应诉〔{received.year}〕{i}号"
    else:
        accepted = st not in ("received", "correction", "rejected", "abandoned")
        extra = {
            "act": "行政处罚决定",
            "request": "撤销该决定",
            "accepted_on": (received + dt.timedelta(days=3)).isoformat() if accepted else None,
            "decision_due": (received + dt.timedelta(days=63)).isoformat(),
            "procedure": "ordinary",
        }
        number = f"示政复〔{received.year}〕{i}号"
    return (
        now,
        now,
        docket,
        number,
        received.year,
        i,
        None,
        TITLES[h % 6],
        st,
        lo + h % HANDLING,
        None,
        lo + (h // 7) % organs,
        received,
        "in_person",
        1,
        None,
        closed_on,
        outcome,
        json.dumps(extra, ensure_ascii=False),
    )


def seed_cases(n_cases: int, lo: int, organs: int) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from fazhi.deadlines.selectors import today_local

    today, now = today_local(), timezone.now()
    sql = f"INSERT INTO cases_case ({CASE_COLUMNS}) VALUES ({', '.join(['%s'] * 19)})"
    t0 = time.perf_counter()
    batch = 20_000
    for start in range(1, n_cases + 1, batch):
        rows = [_case_row(i, today, now, lo, organs) for i in range(start, min(start + batch, n_cases + 1))]
        with transaction.atomic(), connection.cursor() as cur:
            cur.executemany(sql, rows)
        if (start - 1 + len(rows)) % 200_000 == 0:
            print(f"  {start - 1 + len(rows):,} cases ({time.perf_counter() - t0:.0f} s)", flush=True)
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute(
            """INSERT INTO cases_casenumbercounter (docket, year, last)
               SELECT docket, number_year, max(number_seq) FROM cases_case GROUP BY docket, number_year"""
        )


def seed_users(n: int, unit_ids: list[int]) -> None:
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from fazhi.orgs.models import User

    pw, now = make_password(PASSWORD), timezone.now()
    User.objects.bulk_create(
        [
            User(
                username=f"bench_user{i:05d}",
                full_name=f"压测用户{i}",
                unit_id=unit_ids[i % len(unit_ids)],
                password=pw,
                must_change_password=False,
                password_changed_at=now,
            )
            for i in range(n)
        ],
        batch_size=1000,
    )


def bound_metrics() -> list[str]:
    """Registry metrics a leaf can bind that read the seeded cases (no module filter required)."""
    from fazhi.metrics.registry import metrics_all

    return [
        m.key
        for m in metrics_all()
        if m.key.split(".")[0] in ("cases", "reconsideration", "litigation") and not m.params
    ]


def seed_set(args: argparse.Namespace, office, units: list) -> int:
    """The set, its nodes, responsible units, the self-assessed and reviewed results, their evidence (bulk)."""
    from decimal import Decimal

    from django.conf import settings
    from django.db import transaction

    from fazhi.deadlines.selectors import today_local
    from fazhi.indicators.models import Evidence, IndicatorNode, IndicatorSet, LeafResult, NodeUnit
    from fazhi.indicators.scoring import leaf_score
    from fazhi.metrics.registry import metric_get

    year = today_local().year
    keys = bound_metrics()
    media = Path(settings.MEDIA_ROOT) / "indicators" / "evidence" / "bench"
    media.mkdir(parents=True, exist_ok=True)
    (media / "佐证.pdf").write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    assessed = units[: args.units]
    with transaction.atomic():
        s = IndicatorSet.objects.create(code="BENCH", name=f"压测市{year}年度考核", year=year, owner=office.unit)
        n_leaves = args.leaves
        per_mid = [n_leaves // MIDS + (1 if i < n_leaves % MIDS else 0) for i in range(MIDS)]
        per_head = [MIDS // HEADS + (1 if i < MIDS % HEADS else 0) for i in range(HEADS)]
        heads = IndicatorNode.objects.bulk_create(
            [
                IndicatorNode(indicator_set=s, position=i, depth=1, title=f"一级指标{i + 1}", method="graded")
                for i in range(HEADS)
            ]
        )
        mids_spec, m = [], 0
        for hi, count in enumerate(per_head):
            for j in range(count):
                mids_spec.append((heads[hi], j, per_mid[m]))
                m += 1
        mids = IndicatorNode.objects.bulk_create(
            [
                IndicatorNode(
                    indicator_set=s,
                    parent=p,
                    position=j,
                    depth=2,
                    title=f"二级指标{k + 1}",
                    points=Decimal(c),
                    method="graded",
                )
                for k, (p, j, c) in enumerate(mids_spec)
            ]
        )
        for head in heads:
            head.points = sum((mm.points for mm in mids if mm.parent_id == head.pk), Decimal(0))
        IndicatorNode.objects.bulk_update(heads, ["points"])
        leaf_objs, k = [], 0
        for mid, (_, _, count) in zip(mids, mids_spec, strict=True):
            for j in range(count):
                computed = k % 2 == 0
                key = keys[(k // 2) % len(keys)] if computed else ""
                rate = computed and metric_get(key).is_rate
                leaf_objs.append(
                    IndicatorNode(
                        indicator_set=s,
                        parent=mid,
                        position=j,
                        depth=3,
                        title=f"三级指标{k + 1}",
                        points=Decimal(1),
                        method="rate" if rate else ("pass_fail" if computed else "graded"),
                        target=Decimal(90) if rate else (Decimal(1) if computed else Decimal(80)),
                        metric_key=key,
                        evidence="佐证材料：工作台账、会议纪要",
                    )
                )
                k += 1
        leaves = IndicatorNode.objects.bulk_create(leaf_objs)
        NodeUnit.objects.bulk_create(
            [
                NodeUnit(node=n, unit=assessed[(i + d) % len(assessed)], role="lead" if d == 0 else "co")
                for i, n in enumerate(leaves)
                for d in range(3)
            ]
        )
        self_leaves = [n for n in leaves if not n.metric_key]
        results = []
        for ui, u in enumerate(assessed):
            for li, n in enumerate(self_leaves):
                value = Decimal((ui * 37 + li * 11) % 101)
                score = leaf_score(method=n.method, points=n.points, value=value, target=n.target)
                results.append(
                    LeafResult(
                        node=n,
                        unit=u,
                        source="self",
                        value=value,
                        score=score,
                        statement="已按要求完成，佐证材料见附件。",
                        state="submitted",
                        by=office,
                    )
                )
                if (ui + li) % 5 == 0:
                    results.append(LeafResult(node=n, unit=u, source="review", value=value, score=score, by=office))
        made = LeafResult.objects.bulk_create(results, batch_size=2000)
        Evidence.objects.bulk_create(
            [
                Evidence(result=r, name="佐证.pdf", file="indicators/evidence/bench/佐证.pdf", uploaded_by=office)
                for r in made
                if r.source == "self"
            ],
            batch_size=2000,
        )
    print(
        f"seeded the set: {len(heads)} / {len(mids)} / {len(leaves)} nodes, {len(leaves) - len(self_leaves)} computed "
        f"(over {len(keys)} metrics), {len(self_leaves)} self-assessed × {len(assessed)} units, "
        f"{len(made):,} results",
        flush=True,
    )
    return s.pk


def seed(env: dict[str, str], args: argparse.Namespace) -> int:
    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection, transaction

    from fazhi.orgs.builtin import roles_seed_builtin
    from fazhi.orgs.models import Unit

    settings.DEBUG = False
    t0 = time.perf_counter()
    roles_seed_builtin()
    with transaction.atomic():
        gov, units = seed_city("B", args.organs, lambda i: f"压测市第{i}司法局" if i <= HANDLING else f"压测市第{i}局")
        districts = units[args.units - max(1, args.units // 10) : args.units]
        Unit.objects.filter(pk__in=[u.pk for u in districts]).update(kind="government", level="county")
        for u in districts:
            u.kind, u.level = "government", "county"
        office = seed_user(
            "bench_office", full_name="压测依法治市办", unit=gov, roles=["office_head"], password=PASSWORD
        )
    ids = [u.pk for u in units]
    assert max(ids) - min(ids) + 1 == len(ids), "unit ids are not contiguous"
    seed_users(args.users, ids)
    seed_cases(args.cases, min(ids), len(ids))
    print(f"seeded {args.organs} organs, {args.users:,} users, {args.cases:,} cases ({time.perf_counter() - t0:.0f} s)")
    set_id = seed_set(args, office, units)
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return set_id


def recompute(set_id: int) -> tuple[float, float, int, list]:
    """(baseline s, recompute s, leaves frozen, [units table, districts table]) — in this process."""
    from fazhi.indicators.models import IndicatorSet
    from fazhi.indicators.selectors import indicator_ranking
    from fazhi.indicators.services import indicator_results_freeze
    from fazhi.metrics.selectors import metric_values
    from fazhi.orgs.models import Unit, User

    s = IndicatorSet.objects.get(pk=set_id)
    office = User.objects.get(username="bench_office")
    keys = list(s.nodes.exclude(metric_key="").values_list("metric_key", flat=True).distinct())
    units = list(Unit.objects.filter(indicator_nodes__node__indicator_set=s).distinct().order_by("code"))
    t0 = time.perf_counter()
    for u in [None, *units]:
        metric_values(keys, period=s.year, unit=u)
    base = time.perf_counter() - t0
    t0 = time.perf_counter()
    frozen = 0
    for u in [None, *units]:
        frozen += indicator_results_freeze(by=office, indicator_set=s, unit=u)
    tables = [indicator_ranking(s, tier="units"), indicator_ranking(s, tier="districts")]
    return base, time.perf_counter() - t0, frozen, tables


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--units", type=int, default=100, help="assessed units")
    ap.add_argument("--leaves", type=int, default=237)
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--organs", type=int, default=200)
    ap.add_argument("--users", type=int, default=3000)
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--postgres", action="store_true", help="a fresh database on 127.0.0.1:5432 (dropped afterwards)")
    ap.add_argument("--database-url", default="", help="an empty database to use instead (never dropped)")
    ap.add_argument("--python-clients", action="store_true", help="drive load with Python threads instead of wrk")
    args = ap.parse_args()
    assert args.units <= args.organs and args.leaves >= MIDS, "--units ≤ --organs, --leaves ≥ 34"

    var = Path(tempfile.mkdtemp(prefix="fazhi-bench-indicators-"))
    name = f"fazhi_bench_indicators_{int(time.time())}" if args.postgres else ""
    url = args.database_url or (create_database(name) if name else f"sqlite:///{var / 'bench.sqlite3'}")
    engine = "PostgreSQL" if url.startswith("postgres") else "SQLite"
    env = base_env(var, url)
    try:
        fazhi("migrate", "-v0", env=env)
        set_id = seed(env, args)
        from django.db import connections

        connections.close_all()
        t0 = time.perf_counter()
        fazhi("metrics", "rebuild", env=env)
        rebuild = time.perf_counter() - t0
        base, took, frozen, (units_t, districts_t) = recompute(set_id)
        connections.close_all()

        server = Server(env)
        try:
            office = Client(server.port)
            office.login("bench_office", PASSWORD)
            path = f"/indicators/{set_id}/ranking/"
            status, html = office.request("GET", path)
            assert status == 200 and units_t[0]["name"] in html, f"{path}: {status}"
            health, ranking = measure(
                server.port,
                [("GET /healthz (baseline)", ["/healthz"], False), ("GET /indicators/<id>/ranking/", [path], True)],
                session=office,
                seconds=args.seconds,
                connections=args.clients,
                python_clients=args.python_clients,
            )
        finally:
            server.stop()

        print(
            f"\n## Indicators recompute ({engine}, {args.leaves} leaves, {args.units} assessed units, "
            f"{args.cases:,} cases over {args.organs} organs, {args.clients} clients, {args.seconds:.0f} s)\n"
        )
        print(f"metrics rebuild after the bulk load: {rebuild:.1f} s")
        n = args.units + 1
        print(f"figures alone (baseline, area + {args.units} units): {base:.1f} s ({base / n * 1000:.0f} ms each)")
        ok = "met" if took < 60 else "NOT met"
        print(
            f"full recompute (freeze area + {args.units} units, {frozen:,} leaves, then both rankings): {took:.1f} s "
            f"({took / n * 1000:.0f} ms each; target < 60 s: {ok}) = {took / base:.2f}× the baseline"
        )
        print(
            f"ranked: {len(units_t)} 市直单位, {len(districts_t)} 区县; first {units_t[0]['code']} {units_t[0]['total']}"
        )
        print(health.line())
        print(ranking.line())
        print(
            f"ranking page: throughput = {ranking.rps / health.rps:.1%} of /healthz; p95 = "
            f"{ranking.pct(95) / health.pct(95):.1f}× the /healthz p95"
        )
    finally:
        if name:
            from django.db import connections

            connections.close_all()
            drop_database(name)


if __name__ == "__main__":
    main()
