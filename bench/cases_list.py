"""Benchmark: the case list and case detail at 1,000,000 cases on PostgreSQL.

    .venv/bin/python bench/cases_list.py [--cases 1000000] [--seconds 15] [--clients 50] [--keep]

Creates its own database on 127.0.0.1:5432 (user postgres, trust auth), migrates (including the list indexes of
fazhi/cases/migrations/0002), and generates the rows in the database with INSERT … SELECT generate_series (no ORM
loop): 200 units (10 of them handling units, every one a possible respondent/defendant), half 行政复议 and half
行政应诉 cases over the last 5 years, with plausible states, outcomes, closing dates and docket data (court case
numbers, hearings with the head's appearance, defence due dates), one party (encrypted, as the application writes it)
and a timeline line per case, and a defence clock (fazhi/deadlines) per 行政应诉 case — about 3.5 M rows. Then it starts
gunicorn (2 gthread workers × 2 threads, --reuse-port, bench settings) on loopback and measures, in ONE run, with the same number
of concurrent keep-alive clients:

  GET /healthz                                  baseline (framework + SELECT 1)
  GET /litigation/?<filters>&page=N             the list: 20 rows, random filters (none / state / defendant unit /
                                                year / state + unit), pages 1–5, as a user who sees every case
  GET /litigation/<id>/                         case detail, random case
  GET /reconsideration/?<filters>&page=N        the 行政复议 list: none / state, pages 1–5 (same targets as the list)
  GET /reconsideration/?q=…                     its search: a whole 案号, its sequence part or a 案由 word (reported)

and prints p50/p95, requests/s and the ratios to the baseline. Targets: list p95 < 300 ms and ≥ 25 % of the /healthz
requests/s; detail p95 < 150 ms. The database is dropped afterwards unless --keep is given.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lib import (  # noqa: E402
    Client,
    Server,
    add_database_args,
    bench_database,
    fazhi,
    measure,
    seed_city,
    seed_user,
)

UNITS, HANDLING = 200, 10
PASSWORD = "Bench-2026!x"


def _clock_columns(today_sql: str) -> tuple[str, str]:
    """Column list and SELECT expressions for one defence clock per 行政应诉 case (introspected, so a new nullable
    column in deadlines does not break the benchmark)."""
    from django.contrib.contenttypes.models import ContentType

    from fazhi.cases.models import Case
    from fazhi.deadlines.models import Clock

    ct = ContentType.objects.get_for_model(Case).pk
    known = {
        "content_type_id": str(ct),
        "object_id": "c.id::text",
        "key": "'defense'",
        "rule_id": "'litigation.defense'",
        "unit_id": "c.handling_unit_id",
        "assignee_id": "NULL",
        "trigger_date": "c.received_on",
        "due_date": "c.received_on + 15",
        "state": f"CASE WHEN c.state = 'registered' THEN (CASE WHEN c.received_on + 15 < {today_sql} THEN 'overdue' "
        "ELSE 'running' END) ELSE 'done' END",
        "provisional": "false",
        "explanation": "'[]'::jsonb",
        "extension_units": "0",
        "completed_on": "CASE WHEN c.state = 'registered' THEN NULL ELSE c.received_on + 10 END",
        "due_override": "NULL",
        "version": "1",
        "created_at": "now()",
        "updated_at": "now()",
    }
    cols, exprs = [], []
    for f in Clock._meta.concrete_fields:
        if f.primary_key:
            continue
        if f.column in known:
            cols.append(f.column)
            exprs.append(known[f.column])
        elif not f.null and not f.has_default():
            raise RuntimeError(f"deadlines.Clock.{f.column}: the benchmark does not know how to fill it")
        elif f.has_default():
            cols.append(f.column)
            d = f.get_default()
            exprs.append("'[]'::jsonb" if isinstance(d, list) else ("'{}'::jsonb" if isinstance(d, dict) else repr(d)))
    return ", ".join(cols), ", ".join(exprs)


def seed(env: dict[str, str], n_cases: int) -> None:
    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection, transaction

    from fazhi.cases.models import Party
    from fazhi.core.crypto import blind_index
    from fazhi.orgs.builtin import roles_seed_builtin
    from fazhi.orgs.models import DataScope, Role

    settings.DEBUG = False
    t0 = time.perf_counter()
    roles_seed_builtin()
    with transaction.atomic():
        gov, units = seed_city("B", UNITS, lambda i: f"压测市第{i}司法局" if i <= HANDLING else f"压测市第{i}局")
        role = Role.objects.create(
            code="bench_all_cases",
            name="压测：全部案件",
            actions=["cases.case.view", "litigation.case.view", "reconsideration.case.view"],
            data_scope=DataScope.ALL,
        )
        seed_user("bench_cases", full_name="压测应诉科", unit=units[0], roles=[role], password=PASSWORD)
    ids = [u.pk for u in units]
    lo, hi = min(ids), max(ids)
    assert hi - lo + 1 == UNITS, "unit ids are not contiguous"
    enc = {
        f: Party._meta.get_field(f).get_prep_value(v)
        for f, v in (
            ("name", "张三"),
            ("id_number", "11010519491231002X"),
            ("phone", "13812345678"),
            ("address", "压测市人民路1号"),
        )
    }
    idx = {
        f: blind_index(v, f"party.{f}")
        for f, v in (("name", "张三"), ("id_number", "11010519491231002X"), ("phone", "13812345678"))
    }
    today = "CURRENT_DATE"
    with connection.cursor() as cur:
        # h: a per-row pseudo-random number; every attribute is derived from it so the data is reproducible.
        cur.execute(
            f"""
            CREATE TEMP TABLE g AS
            SELECT i, (i::bigint * 2654435761) % 4294967296 AS h,
                   CASE WHEN i % 2 = 0 THEN 'litigation' ELSE 'reconsideration' END AS docket,
                   {today} - ((i::bigint * 7919) % 1826)::int AS received_on
            FROM generate_series(1, {int(n_cases)}) AS i
            """
        )
        cur.execute(
            f"""
            INSERT INTO cases_case (created_at, updated_at, docket, case_number, number_year, number_seq,
                receipt_number, title, state, handling_unit_id, handler_id, respondent_unit_id, received_on, channel,
                version, submit_token, closed_on, outcome, extra)
            SELECT now(), now(), docket,
                   CASE WHEN docket = 'litigation' THEN '示应诉〔' ELSE '示政复〔' END
                       || extract(year FROM received_on)::int || '〕' || i || '号',
                   extract(year FROM received_on)::int, i, NULL,
                   (ARRAY['不服行政处罚决定','不服政府信息公开答复','不服工伤认定','不服行政强制措施',
                          '请求履行法定职责','不服行政许可决定'])[1 + h % 6],
                   st, {lo} + (h % {HANDLING}), NULL, {lo} + ((h / 7) % {UNITS}), received_on, 'in_person', 1, NULL,
                   CASE WHEN closed THEN LEAST(received_on + 20 + (h % 150)::int, {today}) END,
                   CASE WHEN NOT closed THEN ''
                        WHEN docket = 'litigation' THEN (ARRAY['dismiss_claim','dismiss_claim','dismiss_claim',
                            'revoke','confirm_illegal','withdrawal','withdrawal','dismiss_suit','perform',
                            'mediation'])[1 + (h / 11) % 10]
                        WHEN st = 'decided' THEN (ARRAY['uphold','uphold','uphold','dismiss_request','revoke',
                            'change','confirm_illegal','order_performance'])[1 + (h / 11) % 8]
                        WHEN st = 'rejected' THEN 'not_accepted' WHEN st = 'terminated' THEN 'terminated'
                        ELSE 'abandoned' END,
                   CASE WHEN docket = 'litigation' THEN jsonb_build_object(
                        'court', '压测市第' || (1 + h % 5) || '人民法院',
                        'court_case_number', '（' || extract(year FROM received_on)::int || '）压01行初' || i || '号',
                        'cause', '不服行政处罚决定',
                        'instance', (ARRAY['first','first','first','first','second'])[1 + (h / 13) % 5],
                        'after_reconsideration', (h % 3 = 0),
                        'served_on', received_on::text, 'defence_due', (received_on + 15)::text,
                        'defence_submitted_on', CASE WHEN st <> 'registered' THEN (received_on + 10)::text END,
                        'hearings', CASE WHEN st = 'registered' THEN '[]'::jsonb ELSE jsonb_build_array(
                            jsonb_build_object('on', (received_on + 40)::text, 'place', '第一法庭',
                              'requires_head', true, 'appearance', jsonb_build_object(
                                 'head_attended', h % 10 < 8, 'qualifying', h % 10 < 8,
                                 'head_name', CASE WHEN h % 10 < 8 THEN '副局长' ELSE '' END,
                                 'head_position', CASE WHEN h % 10 < 8 THEN 'deputy' ELSE '' END,
                                 'absence_reason', CASE WHEN h % 10 < 8 THEN '' ELSE '公务冲突' END,
                                 'appeared', '法制科科长'))) END)
                   ELSE jsonb_build_object('act', '行政处罚决定', 'request', '撤销该决定',
                        'accepted_on', CASE WHEN st NOT IN ('received','correction','rejected','abandoned')
                                            THEN (received_on + 3)::text END,
                        'decision_due', (received_on + 63)::text, 'procedure', 'ordinary') END
            FROM (
                SELECT g.*, st IN ('closed','decided','rejected','abandoned','terminated') AS closed FROM (
                    SELECT g.*, CASE
                        WHEN docket = 'litigation' THEN
                            CASE WHEN received_on < {today} - 240 OR h % 10 < 6 THEN 'closed'
                                 WHEN h % 10 < 8 THEN 'defended' ELSE 'registered' END
                        ELSE
                            CASE WHEN received_on < {today} - 120 OR h % 10 < 6 THEN
                                     (ARRAY['decided','decided','decided','decided','decided','decided','rejected',
                                            'terminated','terminated','abandoned'])[1 + (h / 3) % 10]
                                 ELSE (ARRAY['received','correction','accepted','accepted','suspended'])[1 + h % 5]
                            END END AS st
                    FROM g) g
            ) g
            """
        )
        print(f"  cases inserted ({time.perf_counter() - t0:.0f} s)", flush=True)
        cur.execute(
            """INSERT INTO cases_casenumbercounter (docket, year, last)
               SELECT docket, number_year, max(number_seq) FROM cases_case GROUP BY docket, number_year"""
        )
        cur.execute(
            """
            INSERT INTO cases_party (created_at, updated_at, case_id, role, kind, name, name_index, id_number,
                id_number_index, phone, phone_index, address, credit_code, unit_id, represents_id)
            SELECT now(), now(), id, 'applicant', 'person', %s, %s, %s, %s, %s, %s, %s, '', NULL, NULL
            FROM cases_case
            """,
            [enc["name"], idx["name"], enc["id_number"], idx["id_number"], enc["phone"], idx["phone"], enc["address"]],
        )
        cur.execute(
            """
            INSERT INTO cases_caseevent (case_id, kind, label, occurred_on, at, actor_id, public, detail)
            SELECT id, 'created', '收到申请', received_on, now(), NULL::bigint, true, '{}'::jsonb FROM cases_case
            UNION ALL
            SELECT id, 'close', '结案', closed_on, now(), NULL, true, '{}'::jsonb FROM cases_case
            WHERE closed_on IS NOT NULL
            """
        )
        print(f"  parties and timeline inserted ({time.perf_counter() - t0:.0f} s)", flush=True)
        cols, exprs = _clock_columns(today)
        cur.execute(
            f"INSERT INTO deadlines_clock ({cols}) SELECT {exprs} FROM cases_case c WHERE c.docket = 'litigation'"
        )
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE")
        cur.execute("SELECT docket, count(*) FROM cases_case GROUP BY docket ORDER BY docket")
        counts = dict(cur.fetchall())
    print(f"seeded {sum(counts.values()):,} cases {counts} in {time.perf_counter() - t0:.1f} s")


class CaseWriter(threading.Thread):
    """Writes `per_second` cases a second while the pages are measured (a case's title, as an edit would, and the
    docket stamp with it in one transaction), so kept list pages are dropped as they are in an office at work."""

    def __init__(self, ids: list[int], per_second: float) -> None:
        super().__init__(daemon=True)
        self.ids, self.interval, self.done = ids, 1 / per_second, 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        from django.db import connections, transaction

        from fazhi.cases.listing import docket_changed
        from fazhi.cases.models import Case

        rng = random.Random(11)
        while not self._stop_event.wait(self.interval):
            with transaction.atomic():
                Case.objects.filter(pk=rng.choice(self.ids)).update(title=f"不服行政处罚决定（{self.done}）")
                docket_changed("litigation")
            self.done += 1
        connections.close_all()

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def report(args, health, listing, detail, rec_listing, searching) -> None:
    print(
        f"\n## Case list benchmark (PostgreSQL, {args.cases:,} cases, {args.clients} clients, "
        f"{args.seconds:.0f} s each, gunicorn {args.workers}×{args.threads}"
        f"{', pages cache OFF' if args.no_pages_cache else ''}"
        f"{f', {args.writes:g} case writes/s' if args.writes else ''})\n"
    )
    for r in (health, listing, detail, rec_listing, searching):
        print(r.line())
    ok_list = listing.pct(95) < 300 and listing.rps >= 0.25 * health.rps
    print(
        f"\nlist   p95 = {listing.pct(95):.0f} ms (target < 300 ms); throughput = {listing.rps / health.rps:.1%} of "
        f"/healthz (target ≥ 25 %); p95 = {listing.pct(95) / health.pct(95):.1f}× the /healthz p95 "
        f"→ {'PASS' if ok_list else 'FAIL'}"
    )
    print(
        f"detail p95 = {detail.pct(95):.0f} ms (target < 150 ms); throughput = {detail.rps / health.rps:.1%} of "
        f"/healthz; p95 = {detail.pct(95) / health.pct(95):.1f}× the /healthz p95 "
        f"→ {'PASS' if detail.pct(95) < 150 else 'FAIL'}"
    )
    ok_rec = rec_listing.pct(95) < 300 and rec_listing.rps >= 0.25 * health.rps
    print(
        f"行政复议 list p95 = {rec_listing.pct(95):.0f} ms; throughput = {rec_listing.rps / health.rps:.1%} of /healthz "
        f"(same targets as the list) → {'PASS' if ok_rec else 'FAIL'}"
    )
    print(
        f"行政复议 search p95 = {searching.pct(95):.0f} ms; throughput = {searching.rps / health.rps:.1%} of /healthz "
        f"(no target: a search reads the trigram indexes; 50 clients searching at once is far above any office)"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=1_000_000)
    ap.add_argument("--seconds", type=float, default=15)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--threads", type=int, default=2)
    add_database_args(ap)
    ap.add_argument("--python-clients", action="store_true", help="drive load with Python threads instead of wrk")
    ap.add_argument("--writes", type=float, default=0, help="case writes per second during the measurement")
    ap.add_argument(
        "--no-pages-cache",
        action="store_true",
        help="serve every list page fresh (FAZHI_PAGES_CACHE=off): the list's cost without the kept pages",
    )
    args = ap.parse_args()

    with bench_database("cases", args) as (name, env):
        fazhi("migrate", "-v0", env=env)
        if not args.database:
            seed(env, args.cases)
        else:
            os.environ.update(env)
            import django

            django.setup()
        from django.db import connections

        from fazhi.cases.models import Case
        from fazhi.orgs.models import Unit

        rng = random.Random(7)
        lit = list(Case.objects.filter(docket="litigation").order_by("?").values_list("pk", flat=True)[:5000])
        unit_codes = list(Unit.objects.filter(code__startswith="B").exclude(code="B000").values_list("code", flat=True))
        years = sorted({d.year for d in Case.objects.dates("received_on", "year")})
        connections.close_all()

        def list_path(i: int) -> str:
            kind = rng.randrange(5)
            q = {
                0: "",
                1: f"state={rng.choice(['registered', 'defended', 'closed'])}",
                2: f"unit={rng.choice(unit_codes)}",
                3: f"year={rng.choice(years)}",
                4: f"state={rng.choice(['defended', 'closed'])}&unit={rng.choice(unit_codes)}",
            }[kind]
            return f"/litigation/?{q}&page={1 + rng.randrange(5)}"

        list_paths = [list_path(i) for i in range(2000)]
        rec_numbers = list(
            Case.objects.filter(docket="reconsideration").order_by("?").values_list("case_number", flat=True)[:500]
        )

        def reconsideration_path(i: int) -> str:
            states = ["received", "correction", "accepted", "suspended", "decided", "rejected", "terminated"]
            q = "" if rng.randrange(3) == 0 else f"state={rng.choice(states)}"
            return f"/reconsideration/?{q}&page={1 + rng.randrange(5)}"

        rec_words = sorted(
            {t[2:6] for t in Case.objects.filter(docket="reconsideration").values_list("title", flat=True)[:2000]}
        )

        def search_path(i: int) -> str:
            number = rng.choice(rec_numbers)
            q = {
                0: number,  # the whole 案号
                1: number.split("〕")[-1],  # its sequence part, e.g. "12345号"
                2: rng.choice(rec_words),  # a word of a 案由 that occurs in the docket
            }[rng.randrange(3)]
            return f"/reconsideration/?q={q}"

        rec_paths = [reconsideration_path(i) for i in range(2000)]
        search_paths = [search_path(i) for i in range(2000)]
        detail_paths = [f"/litigation/{rng.choice(lit)}/" for _ in range(2000)]
        server = Server(env, workers=args.workers, threads=args.threads)
        try:
            staff = Client(server.port)
            staff.login("bench_cases", PASSWORD)
            status, html = staff.request("GET", "/litigation/?state=closed")
            assert status == 200 and "行政应诉案件" in html and "示应诉" in html, f"list failed: {status}"
            status, html = staff.request("GET", detail_paths[0])
            assert status == 200 and "负责人出庭" in html, f"detail failed: {status}"
            writer = CaseWriter(lit, args.writes) if args.writes > 0 else None
            if writer is not None:
                writer.start()
            try:
                health, listing, detail, rec_listing, searching = measure(
                    server.port,
                    [
                        ("GET /healthz (baseline)", ["/healthz"], False),
                        ("GET /litigation/?filters (list)", list_paths, True),
                        ("GET /litigation/<id>/ (detail)", detail_paths, True),
                        ("GET /reconsideration/?filters (list)", rec_paths, True),
                        ("GET /reconsideration/?q= (search)", search_paths, True),
                    ],
                    seconds=args.seconds,
                    connections=args.clients,
                    session=staff,
                    python_clients=args.python_clients,
                )
            finally:
                if writer is not None:
                    writer.stop()
                    print(f"\n{writer.done} case writes during the run ({args.writes:g}/s requested)")
        finally:
            server.stop()
        report(args, health, listing, detail, rec_listing, searching)


if __name__ == "__main__":
    main()
