"""Issue #10 finding 5: the web import of past cases does not parse in the web process. The page checks the upload,
stages it outside the database and queues one job (a retried submit gives the same job); the worker reads it under
the memory ceiling; the page then shows the same result the synchronous import showed (each error with its row and
column); the staged file is gone when the job ends."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.cases.models import Case
from fazhi.jobs.models import Job
from fazhi.jobs.services import jobs_run_pending
from fazhi.jobs.staging import staging_dir

from .test_imports import GOOD, _xlsx

pytestmark = pytest.mark.django_db
URL = "/reconsideration/import/"


def _staged() -> list[str]:
    return sorted(p.name for p in staging_dir().glob("*.upload"))


def test_the_web_import_queues_a_job_and_the_worker_creates_the_cases(city, handler, login_client):
    c = login_client(handler)
    before = _staged()
    data = _xlsx(GOOD).read()  # one file, submitted twice (a saved workbook carries its save time)
    resp = c.post(URL, {"file": SimpleUploadedFile("cases.xlsx", data)})
    job = Job.objects.get(kind="cases.import")
    assert resp.status_code == 302 and resp["Location"] == f"{URL}?job={job.pk}"
    assert Case.objects.count() == 0  # nothing parsed or created in the web request
    assert len(_staged()) == len(before) + 1 and "示政复" not in str(job.params)  # the file is not in the database
    # a retried submit of the same file is the same job
    again = c.post(URL, {"file": SimpleUploadedFile("cases.xlsx", data)})
    assert again["Location"] == f"{URL}?job={job.pk}" and Job.objects.filter(kind="cases.import").count() == 1
    waiting = c.get(f"{URL}?job={job.pk}").content.decode()
    assert 'id="job-progress"' in waiting and "排队中" in waiting

    assert jobs_run_pending() == 1
    job.refresh_from_db()
    assert (job.status, job.result["ok"], job.result["imported"]) == ("done", True, 1)
    assert _staged() == before  # the staged upload is deleted when the job ends
    assert list(Case.objects.values_list("case_number", flat=True)) == ["示政复〔2025〕7号"]
    # the polling progress bar sends the browser to the import page, which reports and opens the list
    poll = c.get(f"/jobs/{job.pk}/", HTTP_HX_REQUEST="true")
    assert poll["HX-Redirect"] == f"{URL}?job={job.pk}"
    done = c.get(f"{URL}?job={job.pk}", follow=True)
    assert "已导入 1 件。" in done.content.decode()


def test_row_errors_come_back_with_row_and_column_and_a_fixed_file_can_be_retried(city, handler, login_client):
    c = login_client(handler)
    bad_id = GOOD[:5] + ["110105194912310021"] + GOOD[6:]
    bad_id[0] = ""
    data = _xlsx(GOOD, bad_id).read()
    c.post(URL, {"file": SimpleUploadedFile("cases.xlsx", data)})
    jobs_run_pending()
    job = Job.objects.get(kind="cases.import")
    page = c.get(f"{URL}?job={job.pk}").content.decode()
    assert "导入失败，请修改以下问题后重新上传" in page
    assert "第3行 “身份证号码或统一社会信用代码”" in page
    assert Case.objects.count() == 0
    # the refused outcome gives its key up: the same file again is a new job (the records may have been fixed)
    c.post(URL, {"file": SimpleUploadedFile("cases.xlsx", data)})
    assert Job.objects.filter(kind="cases.import").count() == 2


def test_a_bad_file_is_refused_on_the_form_and_queues_nothing(city, handler, login_client):
    c = login_client(handler)
    resp = c.post(URL, {"file": SimpleUploadedFile("x.xlsx", b"not a zip")})
    assert resp.status_code == 200 and "文件内容与扩展名不符" in resp.content.decode()
    assert not Job.objects.exists()


def test_another_users_import_job_is_a_404(city, handler, login_client, persona):
    c = login_client(handler)
    c.post(URL, {"file": _xlsx(GOOD)})
    job = Job.objects.get(kind="cases.import")
    other = login_client(persona("office_head", "gov"))
    assert other.get(f"{URL}?job={job.pk}").status_code in (403, 404)


def _greedy_reader(file, columns):  # stands for a workbook that inflates in memory (the 1.17 GB upload)
    hog = bytearray(256 * 1024 * 1024)
    return [(2, {"x": len(hog)})], []


def test_the_worker_reads_the_workbook_under_the_memory_ceiling(city, handler, login_client, settings, monkeypatch):
    settings.FAZHI_JOBS_MEMORY_MB = 64
    monkeypatch.setattr("fazhi.cases.imports.read_import_rows", _greedy_reader)
    before = _staged()
    c = login_client(handler)
    c.post(URL, {"file": _xlsx(GOOD)})
    jobs_run_pending()
    job = Job.objects.get(kind="cases.import")
    assert (job.status, job.result["errors"]) == (
        "done",
        [[0, "文件", "文件解析超出内存上限（64 MB），未导入任何数据。"]],
    )
    assert Case.objects.count() == 0 and _staged() == before
    page = c.get(f"{URL}?job={job.pk}").content.decode()
    assert "“文件”：文件解析超出内存上限（64 MB）" in page
