"""Benchmark: the Excel import of enforcement case records, the case list's first page and the figures (issue 21).

    .venv/bin/python bench/enforcement_import.py [--rows 500] [--repeat 20] [--database-url postgres://…]

A fresh database (SQLite in a temporary FAZHI_VAR_DIR unless --database-url), migrated; one 执法主体 with two
certified, trained officers and one matter; an .xlsx of `--rows` case records (80 % decided, 60 % published). In ONE
run: the import through `fazhi.enforcement.imports.cases_import` (rows/s), then `--repeat` times each of: the list's
first page (50 rows, newest first) and `enforcement_figures` for the year (every registered metric); prints the p95.
The issue's 1,000,000-record run is the lead's (this script at that size; the import is one service call per row and
has no worker job yet — expect hours, not minutes: see fazhi/enforcement/README.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lib import base_env, fazhi  # noqa: E402


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 2 else values[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--database-url", default="")
    args = ap.parse_args()
    var = Path(tempfile.mkdtemp(prefix="fazhi-bench-enforcement-"))
    env = base_env(var, args.database_url or f"sqlite:///{var / 'bench.sqlite3'}")
    fazhi("migrate", "-v0", env=env)
    os.environ.update(env)
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    from fazhi.enforcement.imports import COLUMNS, cases_import
    from fazhi.enforcement.models import Case
    from fazhi.enforcement.services import body_save, matter_save, officer_save, training_record
    from fazhi.enforcement.stats import enforcement_figures
    from fazhi.metrics.periods import Period
    from fazhi.orgs.models import Unit

    today = dt.date.today()  # noqa: DTZ011 (bench data)
    unit = Unit.objects.create(code="B001", name="压测市市场监督管理局", kind="department", level="city")
    body = body_save(by="bench", unit=unit, legal_basis="《行政处罚法》", scope="压测")
    matter_save(by="bench", body=body, code="CF-001", name="压测事项", kind="penalty", basis="压测依据")
    for n in ("B-1", "B-2"):
        o = officer_save(
            by="bench",
            body=body,
            name=n,
            certificate_number=n,
            area="压测市",
            valid_from=dt.date(today.year - 5, 1, 1),
            valid_until=dt.date(today.year + 5, 1, 1),
        )
        for y in range(today.year - 4, today.year + 1):
            training_record(by="bench", officer=o, on=dt.date(y, 1, 2), course="培训", hours=80)

    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(list(COLUMNS))
    start = today - dt.timedelta(days=300)
    for i in range(args.rows):
        filed = start + dt.timedelta(days=i % 200)
        row = {
            "案号": f"压测罚〔{i}〕号",
            "事项编码": "CF-001",
            "立案日期": filed.isoformat(),
            "当事人类型": "法人或其他组织",
            "当事人姓名/名称": f"压测公司{i}",
            "执法人员执法证号": "B-1 B-2",
        }
        if i % 5:
            row.update(
                决定日期=(filed + dt.timedelta(days=30)).isoformat(), 决定结果="fine", 罚没金额=str(100 + i % 900)
            )
            if i % 5 > 2:
                row["公示日期"] = (filed + dt.timedelta(days=35)).isoformat()
        ws.append([row.get(c, "") for c in COLUMNS])
    buf = BytesIO()
    wb.save(buf)

    t0 = time.perf_counter()
    result = cases_import(file=SimpleUploadedFile("cases.xlsx", buf.getvalue()), body=body, by="bench")
    took = time.perf_counter() - t0
    assert result.ok, result.errors[:5]
    print(f"import of {args.rows} rows: {took:.1f} s ({args.rows / took:.0f} rows/s)")

    lists, figs = [], []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        list(Case.objects.select_related("body__unit", "matter").order_by("-filed_on", "-id")[:50])
        lists.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        figures = enforcement_figures(period=Period(today.year))
        figs.append(time.perf_counter() - t0)
    print(f"list first page p95: {1000 * p95(lists):.1f} ms; figures (all metrics) p95: {1000 * p95(figs):.1f} ms")
    print(
        f"figures: cases={figures['cases']} decided={figures['decided']} publication_rate={figures['publication_rate']}"
    )


if __name__ == "__main__":
    main()
