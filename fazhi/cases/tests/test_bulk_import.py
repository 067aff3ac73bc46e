"""The kernel's import as one bulk write (issue 15, `imports.case_batch`): the same file imported row by row (each
case saved by the services as for one case) and in bulk gives the same cases, parties (decrypted), timelines,
clocks and metric counts; the counts equal a full recount; the audit trail has one row for the import naming what
the per-row rows said, one by one."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from openpyxl import Workbook

from fazhi.audit.models import AuditEvent
from fazhi.cases import imports
from fazhi.cases.models import Case, CaseEvent, CaseNumberCounter, Party
from fazhi.deadlines.engine import compute_due
from fazhi.deadlines.models import Clock
from fazhi.dockets.disclosure.imports import COLUMNS, disclosure_import
from fazhi.metrics.tallies import SOURCES, tally_rebuild, tally_recount, tally_stored

pytestmark = pytest.mark.django_db

OUTCOMES = ["予以公开", "部分公开", "不予公开-属于国家秘密", "不予处理-重复申请", "其他处理-其他", ""]


def _file(tmp_path, rows=60):
    """Requests received over the 2024 National Day and 2025 Spring Festival holidays (the reply clock's 20 working
    days cross them), half still open, persons with ID number and phone, organisations with none."""
    wb = Workbook()
    ws = wb.active
    ws.append(COLUMNS)
    starts = [dt.date(2024, 9, 20), dt.date(2025, 1, 20)]
    for i in range(rows):
        received = starts[i % 2] + dt.timedelta(days=i // 2)
        outcome = OUTCOMES[i % 6] if i % 3 else ""
        person = i % 4 == 0
        ws.append(
            [
                received.isoformat(),
                ["当面", "邮寄", "网络", "传真", "其他"][i % 5],
                "自然人" if person else "商业企业",
                f"申请人{i}" if person else f"某某{i}有限公司",
                "11010519491231002X" if person else "",
                "13812345678" if person else "",
                f"申请公开第{i}项信息",
                "示范市司法局" if i % 2 else "示范市财政局",
                outcome,
                (received + dt.timedelta(days=12)).isoformat() if outcome else "",
            ]
        )
    path = tmp_path / "requests.xlsx"
    wb.save(path)
    return path


def _state():
    """Everything an import writes, without ids and times (which differ between two runs)."""
    cases = list(Case.objects.filter(docket="disclosure").order_by("number_year", "number_seq"))
    number = {c.pk: c.case_number for c in cases}
    ct = ContentType.objects.get_for_model(Case)
    fields = ["case_number", "number_year", "number_seq", "title", "state", "closed_on", "outcome", "received_on"]
    return {
        "cases": [
            (*(getattr(c, f) for f in fields), c.handling_unit_id, c.channel, c.extra, c.receipt_number) for c in cases
        ],
        "parties": sorted(
            (number[p.case_id], p.role, p.kind, p.name, p.id_number, p.phone, p.address, p.credit_code)
            + (p.name_index, p.id_number_index, p.phone_index)
            for p in Party.objects.filter(case__in=cases)
        ),
        "timeline": sorted(
            (number[e.case_id], e.kind, e.label, e.occurred_on, e.public, e.detail)
            for e in CaseEvent.objects.filter(case__in=cases)
        ),
        "clocks": sorted(
            (number[int(k.object_id)], k.key, k.rule_id, k.trigger_date, k.due_date, k.state, k.provisional)
            + (k.unit_id, k.explanation, k.version, k.completed_on)
            for k in Clock.objects.filter(content_type=ct, object_id__in=[str(c.pk) for c in cases])
        ),
        "counters": sorted(CaseNumberCounter.objects.filter(docket="disclosure").values_list("year", "last")),
        "tallies": {name: tally_stored(source) for name, source in SOURCES.items()},
    }


@contextmanager
def _row_by_row(*, file_name, result):
    yield  # no batch: every service saves and audits as it does for one case


def _import(path, by=None):
    with open(path, "rb") as fh:
        from django.core.files import File

        return disclosure_import(file=File(fh, name=path.name), by=by)


class _UndoError(Exception):
    pass


def test_bulk_import_writes_what_row_by_row_writes(city, tmp_path, monkeypatch):
    # given built metric sources and a file of 60 requests (30 concluded, 30 open with a running reply clock)
    for source in SOURCES.values():
        tally_rebuild(source)
    path = _file(tmp_path)
    audit_before = AuditEvent.objects.count()
    # when it is imported row by row (then undone) and in bulk
    with monkeypatch.context() as m:
        m.setattr(imports, "case_batch", _row_by_row)
        try:
            with transaction.atomic():
                result = _import(path)
                assert result.ok and len(result.cases) == 60
                per_row = _state()
                per_row_audit = list(AuditEvent.objects.order_by("id")[audit_before:].values_list("action", flat=True))
                raise _UndoError
        except _UndoError:
            pass
    assert Case.objects.filter(docket="disclosure").count() == 0
    result = _import(path)
    assert result.ok and len(result.cases) == 60
    bulk = _state()
    # then every case, party, timeline line, clock (to the day, with its explanation), counter and count is the same
    assert len(per_row["clocks"]) == 30
    due = {c[3]: c[4] for c in per_row["clocks"]}  # trigger → due: 20 working days across 国庆节 (Art. 33)
    assert due[dt.date(2024, 9, 20)] == compute_due("disclosure.reply", dt.date(2024, 9, 20)).due
    for key in per_row:
        assert bulk[key] == per_row[key], key
    # and the kept counts equal a full recount
    assert bulk["tallies"]["cases"]  # the kernel's counts (cases.received, cases.open) moved
    for name, source in SOURCES.items():
        assert tally_stored(source) == tally_recount(source), name
    # and the audit trail has ONE row for the import, counting the rows the per-row path wrote
    rows = list(AuditEvent.objects.order_by("id")[audit_before:])
    assert [r.action for r in rows] == ["cases.case.import"]
    summary = rows[0].summary
    assert summary["file"] == "requests.xlsx" and summary["imported"] == 60 and summary["docket"] == "disclosure"
    assert summary["records"] == {"cases.case.create": 60, "deadlines.clock.started": 30}
    assert per_row_audit.count("cases.case.create") == 60 and per_row_audit.count("deadlines.clock.started") == 30
    assert len(per_row_audit) == 90
    first, last = result.cases[0], result.cases[-1]
    assert summary["first"] == {"id": first.pk, "number": first.case_number}
    assert summary["last"] == {"id": last.pk, "number": last.case_number}


def test_bulk_import_continues_the_numbers_without_a_gap(city, tmp_path):
    # given a first import of 60 requests
    path = _file(tmp_path)
    assert _import(path).ok
    # when the same file is imported again
    assert _import(path).ok
    # then each year's numbers run 1..N with no gap and no repeat, and the counter stands at N
    for year, last in CaseNumberCounter.objects.filter(docket="disclosure").values_list("year", "last"):
        seqs = sorted(Case.objects.filter(docket="disclosure", number_year=year).values_list("number_seq", flat=True))
        assert seqs == list(range(1, last + 1))
    assert Case.objects.filter(docket="disclosure").count() == 120


def test_a_refused_import_in_bulk_saves_nothing(city, tmp_path):
    # given a file whose last row names an unknown agency
    wb = Workbook()
    ws = wb.active
    ws.append(COLUMNS)
    ws.append(["2025-03-03", "当面", "自然人", "张三", "", "", "统计表", "示范市司法局", "", ""])
    ws.append(["2025-03-04", "当面", "自然人", "李四", "", "", "统计表", "不存在的局", "", ""])
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    audit_before = AuditEvent.objects.count()
    # when it is imported
    result = _import(path)
    # then the row is named and nothing is kept: no case, party, clock, counter or audit row
    assert [(n, col) for n, col, _ in result.errors] == [(3, "受理机关")]
    assert Case.objects.filter(docket="disclosure").count() == 0
    assert Party.objects.count() == 0 and Clock.objects.count() == 0
    assert AuditEvent.objects.count() == audit_before
