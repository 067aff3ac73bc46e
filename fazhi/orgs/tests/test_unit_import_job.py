"""Issue #10 finding 5: the web unit import parses in the worker, not in the web process; the page shows the same
outcome (created / updated, or every error line) after the job."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.jobs.models import Job
from fazhi.jobs.services import jobs_run_pending
from fazhi.orgs.models import DataScope, Unit
from fazhi.orgs.tests.factories import user_with

from .test_unit_excel import CITY_ROWS, _xlsx

pytestmark = pytest.mark.django_db
UNIT_ADMIN = ["orgs.unit.view", "orgs.unit.manage", "orgs.unit.import"]


def test_the_upload_is_a_job_and_the_page_then_shows_the_outcome(login_client):
    client = login_client(user_with(UNIT_ADMIN, scope=DataScope.ALL))
    units = Unit.objects.count()  # the admin's own unit
    url = reverse("orgs:unit_import")
    data = _xlsx(CITY_ROWS).read()
    resp = client.post(url, {"file": SimpleUploadedFile("units.xlsx", data)})
    job = Job.objects.get(kind="orgs.units_import")
    assert resp["Location"] == f"{url}?job={job.pk}" and Unit.objects.count() == units
    client.post(url, {"file": SimpleUploadedFile("units.xlsx", data)})  # a retried submit
    assert Job.objects.filter(kind="orgs.units_import").count() == 1
    assert "排队中" in client.get(f"{url}?job={job.pk}").content.decode()
    jobs_run_pending()
    assert Unit.objects.count() == units + 4
    page = client.get(f"{url}?job={job.pk}").content.decode()
    assert "导入成功：新建 4 个，更新 0 个，未变化 0 个。" in page


def test_bad_rows_come_back_as_every_error_line(login_client):
    client = login_client(user_with(UNIT_ADMIN, scope=DataScope.ALL))
    units = Unit.objects.count()
    url = reverse("orgs:unit_import")
    bad = [list(CITY_ROWS[0]), [*CITY_ROWS[1][:5], "不存在的类型", *CITY_ROWS[1][6:]]]
    client.post(url, {"file": _xlsx(bad)})
    jobs_run_pending()
    job = Job.objects.get(kind="orgs.units_import")
    page = client.get(f"{url}?job={job.pk}").content.decode()
    assert "导入失败：1处错误，未保存任何数据。" in page and "第3行" in page and "单位类型" in page
    assert Unit.objects.count() == units


def test_a_file_that_is_not_xlsx_is_refused_on_the_form(login_client):
    client = login_client(user_with(UNIT_ADMIN, scope=DataScope.ALL))
    resp = client.post(reverse("orgs:unit_import"), {"file": SimpleUploadedFile("u.xlsx", b"plain text")})
    assert "文件内容与扩展名不符" in resp.content.decode() and not Job.objects.exists()
