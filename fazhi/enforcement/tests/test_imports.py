"""The Excel import of case records: every error with its row and column and nothing imported, or every row imported
through the same service (source "import")."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from fazhi.enforcement.imports import COLUMNS, cases_import, import_template
from fazhi.enforcement.models import Case

from .factories import CREDIT, body_with_staff

D = dt.date
pytestmark = pytest.mark.django_db


def _xlsx(rows: list[dict]) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.append(list(COLUMNS))
    for r in rows:
        ws.append([r.get(c, "") for c in COLUMNS])
    buf = BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("cases.xlsx", buf.getvalue())


def _row(n: int, **kw) -> dict:
    r = {
        "案号": f"示市监罚〔2026〕{n}号",
        "事项编码": "CF-001",
        "立案日期": "2026-03-02",
        "当事人类型": "法人或其他组织",
        "当事人姓名/名称": f"示范市某某{n}公司",
        "统一社会信用代码": CREDIT,
        "执法人员执法证号": "SJ-A SJ-B",
        "决定日期": "2026-04-01",
        "决定结果": "fine",
        "罚没金额": "1,500",
    }
    r.update(kw)
    return r


@pytest.fixture
def body(city):
    return body_with_staff(city["market"])["body"]


def test_every_row_is_imported(body):
    result = cases_import(file=_xlsx([_row(n) for n in range(1, 31)]), body=body, by="test")
    assert result.ok and len(result.cases) == 30
    assert Case.objects.filter(source="import").count() == 30
    assert str(Case.objects.get(number="示市监罚〔2026〕7号").amount) == "1500.00"


def test_bad_rows_report_row_and_column_and_import_nothing(body):
    rows = [
        _row(1),
        _row(2, 立案日期="2026年3月"),
        _row(3, 当事人类型="个体"),
        _row(1),
        _row(5, 事项编码=""),
    ]
    result = cases_import(file=_xlsx(rows), body=body, by="test")
    assert result.errors == [
        (3, "立案日期", "应为日期（YYYY-MM-DD）"),
        (4, "当事人类型", "可选：自然人、法人或其他组织"),
        (5, "案号", "与第2行重复"),
        (6, "事项编码", "必填"),
    ]
    assert Case.objects.count() == 0


def test_a_service_refusal_names_its_column_and_rolls_back(body):
    rows = [_row(1), _row(2, 执法人员执法证号="SJ-EXPIRED"), _row(3)]
    result = cases_import(file=_xlsx(rows), body=body, by="test")
    assert result.errors == [
        (
            3,
            "执法人员执法证号",
            "执法人员王五（SJ-EXPIRED）的行政执法证有效期至2026-02-28，已过期，不能记录在新的执法案件中。",
        )
    ]
    assert Case.objects.count() == 0


def test_the_template_has_every_column():
    wb = load_workbook(BytesIO(import_template()))
    assert [c.value for c in wb.active[1]] == list(COLUMNS)


def test_the_import_page_stages_the_upload_and_the_worker_imports_or_lists_the_errors(body, persona, login_client):
    from fazhi.jobs.models import Job
    from fazhi.jobs.services import jobs_run_pending

    user = persona("dept_liaison", unit="market")
    c = login_client(user)
    url = "/enforcement/cases/import/"
    assert c.get(url).status_code == 200
    assert c.get(f"{url}template.xlsx")["Content-Type"].startswith("application/vnd.openxml")
    # ADR 0010: the request only stages the file; nothing is parsed or created until the worker runs
    bad = c.post(url, {"body": body.pk, "file": _xlsx([_row(1, 事项编码="NOPE")])})
    job = Job.objects.get(kind="enforcement.case_import")
    assert bad.status_code == 302 and bad["Location"] == f"{url}?job={job.pk}" and Case.objects.count() == 0
    assert job.params["body"] == body.pk and job.params["user"] == user.pk
    waiting = c.get(f"{url}?job={job.pk}").content.decode()
    assert 'id="job-progress"' in waiting and "排队中 · 0%" in waiting
    assert jobs_run_pending() == 1
    html = c.get(f"{url}?job={job.pk}").content.decode()
    assert "未导入：共1处错误" in html and "执法事项“NOPE”不在示范市市场监督管理局的执法事项清单中。" in html
    assert Case.objects.count() == 0
    # a retried submit of the same file is one job
    ok_file = _xlsx([_row(1), _row(2)])
    first = c.post(url, {"body": body.pk, "file": ok_file})
    again = c.post(url, {"body": body.pk, "file": _xlsx([_row(1), _row(2)])})
    assert first["Location"] == again["Location"] and Job.objects.filter(kind="enforcement.case_import").count() == 2
    assert jobs_run_pending() == 1 and Case.objects.count() == 2
    done = c.get(first["Location"])
    assert done.status_code == 302 and done["Location"] == f"/enforcement/?body={body.pk}"
    # a file that is not an xlsx is refused beside the field, the body kept, nothing queued
    refused = c.post(url, {"body": body.pk, "file": SimpleUploadedFile("cases.xlsx", b"not a workbook")})
    html = refused.content.decode()
    assert refused.status_code == 400 and "field-error" in html and "不是有效的.xlsx文件" in html
    assert f'value="{body.pk}" selected' in html
    assert Job.objects.filter(kind="enforcement.case_import").count() == 2
    # another user's job id is a 404
    from fazhi.orgs.tests.factories import UserFactory

    other = UserFactory(username="other_liaison", unit=user.unit, roles=list(user.roles.all()))
    assert login_client(other).get(f"{url}?job={job.pk}").status_code == 404
