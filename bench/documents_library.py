"""Benchmark: the public 规范性文件库 search at 100,000 documents, on SQLite or PostgreSQL.

    .venv/bin/python bench/documents_library.py [--documents 100000] [--seconds 10] [--clients 20] [--postgres]

Builds its own database (SQLite in a temporary directory, or a fresh database on 127.0.0.1:5432 with --postgres),
migrates, and generates 100,000 published documents of 50 issuers over ten years: a title from a vocabulary of
places, subjects and kinds (《…管理办法》, 实施细则, 暂行规定 …), a 文号, a 统一登记编号 and a short text of about
80 characters citing laws; then the library index (every distinct character and character pair of each field, as
`services/library.document_index` writes it) — about 17 M index rows, loaded in bulk. It starts gunicorn (2 gthread
workers × 2 threads, bench settings) and measures, in ONE run with the same concurrent keep-alive clients:

  GET /healthz                                   baseline
  GET /portal/documents/?q=<1 character>         e.g. 市, 税, 粮 (one indexed lookup)
  GET /portal/documents/?q=<2 characters>        e.g. 管理, 油烟, 消防 (one pair)
  GET /portal/documents/?q=<3+ characters | 文号> e.g. 食品安全, 行政处罚法, a 文号 (pairs, then the phrase)

each the first page (20 rows) with its total count. Target: search p95 < 300 ms at 20 clients; reported with the ratio
to /healthz.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lib import Server, base_env, create_database, drop_database, fazhi, measure  # noqa: E402

PLACES = ["示范市", "东城区", "西城区", "南湖区", "北山县", "江口镇", "新区", "高新区"]
SUBJECTS = [
    "餐饮油烟污染防治",
    "城市绿化",
    "食品安全监督",
    "消防安全",
    "政府投资项目",
    "农村集体资产",
    "公共数据开放",
    "城市道路占用挖掘",
    "粮食收购",
    "税收征管协作",
    "教育收费",
    "养老服务补贴",
    "住房公积金",
    "建筑垃圾处置",
    "行政执法公示",
    "优化营商环境",
    "医疗保障基金",
    "河道采砂",
    "文物保护",
    "停车场",
]
KINDS = ["管理办法", "实施细则", "暂行规定", "若干措施", "实施意见", "管理规定", "试行办法"]
LAWS = [
    "《中华人民共和国行政处罚法》",
    "《中华人民共和国行政许可法》",
    "《优化营商环境条例》",
    "《中华人民共和国食品安全法》",
]
BODY = ["加强监督管理", "规范行政行为", "保障公众权益", "明确部门职责", "落实安全责任", "推进依法行政"]
Q1 = ["市", "税", "粮", "区", "法", "园"]
Q2 = ["管理", "油烟", "消防", "教育", "养老", "停车", "文物", "补贴"]
Q3 = ["食品安全", "行政处罚法", "城市道路占用", "优化营商环境若干措施", "示范市规〔2021〕15号"]


def seed(env: dict[str, str], n: int) -> None:
    os.environ.update(env)
    import django

    django.setup()
    import datetime as dt

    from django.db import connection, transaction

    from fazhi.normative_documents.models import NormativeDocument
    from fazhi.normative_documents.search import tokens_of
    from fazhi.orgs.models import Unit, UnitKind, UnitLevel

    rng = random.Random(19)
    units = Unit.objects.bulk_create(
        [
            Unit(
                code=f"N{i:03d}",
                name=f"示范市第{i}局",
                short_name=f"第{i}局",
                kind=UnitKind.DEPARTMENT,
                level=UnitLevel.CITY,
            )
            for i in range(50)
        ]
    )
    today = dt.date(2026, 11, 30)
    t0 = time.perf_counter()
    docs = []
    for i in range(n):
        unit = units[i % len(units)]
        published = today - dt.timedelta(days=rng.randrange(3650))
        title = f"{rng.choice(PLACES)}{rng.choice(SUBJECTS)}{rng.choice(KINDS)}"
        text = (
            f"第一条　为了{rng.choice(BODY)}，根据{rng.choice(LAWS)}第{rng.randrange(1, 90)}条，制定本办法。"
            f"第二条　本办法适用于{rng.choice(PLACES)}{rng.choice(SUBJECTS)}工作。第三条　本办法自公布之日起施行。"
        )
        docs.append(
            NormativeDocument(
                title=title,
                lead_unit=unit,
                doc_number=f"示范市规〔{published.year}〕{i % 300 + 1}号",
                registration_number=f"{unit.code}-{published.year}-{i:06d}",
                state="filed",
                status=rng.choice(["valid"] * 8 + ["repealed", "expired"]),
                proposed_on=published - dt.timedelta(days=90),
                signed_on=published,
                published_on=published,
                published_where="政府网站",
                effective_on=published,
                valid_until=published + dt.timedelta(days=5 * 365),
                full_text=text,
            )
        )
    with transaction.atomic():
        NormativeDocument.objects.bulk_create(docs, batch_size=2000)
    made = time.perf_counter() - t0
    names = {u.pk: u.name for u in units}
    rows = []
    for d in NormativeDocument.objects.values_list(
        "pk", "title", "doc_number", "registration_number", "lead_unit_id", "full_text"
    ):
        tokens: set[str] = set()
        for text in (d[1], d[2], d[3], names[d[4]], d[5]):
            tokens |= tokens_of(text)
        rows.extend((t, d[0]) for t in tokens)
    t1 = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cur:
        if connection.vendor == "postgresql":
            with cur.cursor.copy("COPY normative_documents_searchtoken (token, document_id) FROM STDIN") as copy:
                for r in rows:
                    copy.write_row(r)
        else:
            cur.executemany("INSERT INTO normative_documents_searchtoken (token, document_id) VALUES (%s, %s)", rows)
    with connection.cursor() as cur:
        # VACUUM as autovacuum would soon after such a load: it sets the visibility map, without which PostgreSQL's
        # index-only token counts fetch every heap row (a 3+ character search cost 2.4 s before it, 60 ms after)
        cur.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    print(
        f"seeded {n:,} documents in {made:.0f} s, {len(rows):,} index rows in {time.perf_counter() - t1:.0f} s",
        file=sys.stderr,
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--documents", type=int, default=100_000)
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--postgres", action="store_true")
    ap.add_argument("--python-clients", action="store_true")
    ap.add_argument(
        "--keep",
        default="",
        metavar="DIR",
        help="build the dataset in DIR (SQLite file, or the PostgreSQL database's name and key) and keep it; a later "
        "run with the same DIR measures it again without seeding (100,000 documents take ≈ 5 min to seed)",
    )
    args = ap.parse_args()

    var = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="fazhi-bench-documents-"))
    var.mkdir(parents=True, exist_ok=True)
    seeded = var / "seeded.txt"
    kept_name = var / "database.txt"
    if args.postgres and kept_name.exists() and seeded.exists():
        name = kept_name.read_text().strip()
        url: str | None = f"postgres://postgres@127.0.0.1:5432/{name}"
    else:
        name = f"fazhi_bench_documents_{int(time.time())}"
        url = create_database(name) if args.postgres else None
        if args.postgres and args.keep:
            kept_name.write_text(name)
    env = base_env(var, url)
    try:
        fazhi("migrate", "-v0", env=env)
        if seeded.exists():
            args.documents = int(seeded.read_text())
            print(f"reusing the {args.documents:,} documents kept in {var}")
        else:
            seed(env, args.documents)
            if args.keep:
                seeded.write_text(str(args.documents))
            from django.db import connections

            connections.close_all()
        rng = random.Random(7)
        paths = {
            k: [f"/portal/documents/?q={rng.choice(pool)}" for _ in range(500)]
            for k, pool in (("1", Q1), ("2", Q2), ("3", Q3))
        }
        server = Server(env)
        try:
            results = measure(
                server.port,
                [
                    ("GET /healthz (baseline)", ["/healthz"], False),
                    ("search, 1 character", paths["1"], False),
                    ("search, 2 characters", paths["2"], False),
                    ("search, 3+ characters / 文号", paths["3"], False),
                ],
                seconds=args.seconds,
                connections=args.clients,
                python_clients=args.python_clients,
            )
        finally:
            server.stop()
        engine = "PostgreSQL" if args.postgres else "SQLite"
        print(
            f"\n## 规范性文件库 search ({engine}, {args.documents:,} documents, {args.clients} clients, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})\n"
        )
        health = results[0]
        for r in results:
            print(r.line())
        for r in results[1:]:
            verdict = "PASS" if r.pct(95) < 300 and r.errors == 0 else "FAIL"
            print(
                f"{r.label}: p95 {r.pct(95):.0f} ms (target < 300 ms), throughput {r.rps / health.rps:.1%} of /healthz → {verdict}"
            )
    finally:
        if args.postgres and not args.keep:
            from django.db import connections

            connections.close_all()
            drop_database(name)


if __name__ == "__main__":
    main()
