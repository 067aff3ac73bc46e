"""The pages of the sources: each lists what the viewer may see and records through its service; a refused form keeps
what was typed and says why beside the field; the test import runs in the worker; a liaison records only for their
own unit."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from fazhi.indicators.models import AbilityResult, Adviser, AdviserEngagement, AdviserOpinion, DutyReport, StudySession
from fazhi.jobs.models import Job
from fazhi.jobs.services import jobs_run_pending

pytestmark = pytest.mark.django_db


def _duty(unit_pk, **kw):
    data = {
        "unit": unit_pk,
        "year": 2026,
        "reporter": "张局长",
        "post": "局长",
        "heard_on": "2026-11-20",
        "heard_by": "市委全面依法治市委员会",
        "rating": "good",
        "text": "履行第一责任人职责情况。",
    }
    data.update(kw)
    return data


def test_every_page_opens_for_the_office(persona, login_client):
    c = login_client(persona("office_staff", "justice"))
    for name in ("records", "duty_reports", "study_sessions", "tests", "advisers"):
        resp = c.get(reverse(f"indicators:{name}") + "?year=2026")
        assert resp.status_code == 200, name
    assert "述法覆盖率" in c.get(reverse("indicators:records")).content.decode()


def test_the_report_form_defaults_to_the_year_shown(persona, login_client):
    from fazhi.deadlines.selectors import today_local

    c = login_client(persona("office_staff", "justice"))

    def form_year(query):
        form = c.get(reverse("indicators:duty_reports") + query).content.decode().split('id="duty-form"')[1]
        return re.search(r'name="year" value="(\d+)"', form).group(1)

    assert form_year("?year=2025") == "2025"
    # no year asked for: the page shows this year's reports, the form offers last year's (reported on early in this)
    assert form_year("") == str(today_local().year - 1)


def test_a_report_with_a_file_that_is_not_a_pdf_is_refused_beside_the_field_and_keeps_the_input(
    city, persona, login_client
):
    c = login_client(persona("office_staff", "justice"))
    fake = SimpleUploadedFile("述法报告.pdf", b"not a pdf at all", content_type="application/pdf")
    resp = c.post(reverse("indicators:duty_reports"), {**_duty(city["market"].pk), "file": fake})
    html = resp.content.decode()
    assert resp.status_code == 400 and DutyReport.objects.count() == 0
    assert '<p class="field-error">报告文件（.pdf / .docx / .doc / .ofd）：文件内容与扩展名不符' in html
    assert 'value="张局长"' in html and "履行第一责任人职责情况。" in html


def test_a_report_with_a_real_pdf_is_recorded_and_a_duplicate_is_refused_by_the_field(city, persona, login_client):
    c = login_client(persona("office_staff", "justice"))
    pdf = SimpleUploadedFile("述法报告.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")
    resp = c.post(reverse("indicators:duty_reports"), {**_duty(city["market"].pk), "file": pdf})
    assert resp.status_code == 302
    r = DutyReport.objects.get()
    assert (r.reporter, r.file_name, r.unit.code) == ("张局长", "述法报告.pdf", "C002")
    again = c.post(reverse("indicators:duty_reports"), _duty(city["market"].pk))
    assert again.status_code == 400 and DutyReport.objects.count() == 1
    assert "述法人：示范市市场监督管理局已登记张局长的2026年度述法。" in again.content.decode()


def test_a_liaison_records_for_their_own_unit_only(city, persona, login_client):
    c = login_client(persona("dept_liaison", "market"))
    other = c.post(reverse("indicators:duty_reports"), _duty(city["finance"].pk))
    assert other.status_code == 400 and DutyReport.objects.count() == 0  # not a unit they may choose
    own = c.post(
        reverse("indicators:study_sessions"),
        {"unit": city["market"].pk, "kind": "standing", "held_on": "2026-03-05", "topic": "学习", "attendance": 12},
    )
    assert own.status_code == 302 and StudySession.objects.get().unit == city["market"]


def test_a_leader_reads_but_cannot_record(city, persona, login_client):
    c = login_client(persona("leader", "gov"))
    assert c.get(reverse("indicators:study_sessions")).status_code == 200
    resp = c.post(
        reverse("indicators:study_sessions"),
        {"unit": city["gov"].pk, "kind": "standing", "held_on": "2026-03-05", "topic": "学习", "attendance": 12},
    )
    assert resp.status_code == 403 and StudySession.objects.count() == 0


def _book(*rows):
    wb = Workbook()
    ws = wb.active
    ws.append(["单位", "姓名", "成绩"])
    for r in rows:
        ws.append(list(r))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_the_test_import_is_parsed_in_the_worker_and_shows_row_errors(city, persona, login_client):
    c = login_client(persona("office_staff", "justice"))
    url = reverse("indicators:tests")
    form = {"name": "2026年度考试", "held_on": "2026-09-01", "pass_mark": "60"}
    bad = c.post(url, {**form, "file": SimpleUploadedFile("成绩.xlsx", _book(("C002", "张三", "x")))})
    job = Job.objects.get(kind="indicators.test_import")
    assert bad.status_code == 302 and bad["Location"] == f"{url}?job={job.pk}" and AbilityResult.objects.count() == 0
    jobs_run_pending()
    page = c.get(f"{url}?job={job.pk}").content.decode()
    assert "第2行 “成绩”：应为数字" in page and AbilityResult.objects.count() == 0
    c.post(url, {**form, "file": SimpleUploadedFile("成绩.xlsx", _book(("C002", "张三", 80), ("C003", "李四", 50)))})
    jobs_run_pending()
    done = Job.objects.filter(kind="indicators.test_import").latest("id")
    assert (done.result["ok"], done.result["imported"]) == (True, 2)
    listing = c.get(f"{url}?year=2026").content.decode()
    assert "66" not in listing and ">100.0%<" in listing and ">0.0%<" in listing  # per unit: C002 1/1, C003 0/1


def test_the_adviser_page_registers_engages_and_records_work(city, persona, login_client):
    c = login_client(persona("office_staff", "justice"))
    url = reverse("indicators:advisers")
    assert c.post(url, {"step": "adviser", "a-kind": "firm", "a-name": "示范律师事务所"}).status_code == 302
    adviser = Adviser.objects.get()
    refused = c.post(
        url,
        {
            "step": "engage",
            "e-adviser": adviser.pk,
            "e-unit": city["market"].pk,
            "e-starts_on": "2026-02-01",
            "e-ends_on": "2026-01-01",
            "e-fee": "1000",
        },
    )
    assert refused.status_code == 400 and "聘用截止日：聘用截止日：不能早于聘用起始日。" not in refused.content.decode()
    assert "聘用截止日：不能早于聘用起始日。" in refused.content.decode() and AdviserEngagement.objects.count() == 0
    ok = c.post(
        url,
        {
            "step": "engage",
            "e-adviser": adviser.pk,
            "e-unit": city["market"].pk,
            "e-starts_on": "2026-01-01",
            "e-ends_on": "2026-12-31",
            "e-fee": "1000",
        },
    )
    assert ok.status_code == 302
    e = AdviserEngagement.objects.get()
    c.post(
        url,
        {
            "step": "opinion",
            "o-engagement": e.pk,
            "o-kind": "contract",
            "o-subject": "采购合同审查",
            "o-given_on": "2026-03-01",
            "o-hours": "2",
        },
    )
    assert AdviserOpinion.objects.get().subject == "采购合同审查"
    assert "采购合同审查" in c.get(url + "?year=2026").content.decode()


def test_the_set_page_sets_the_self_due_date_and_refuses_a_past_one_beside_the_field(city, persona, login_client):
    from fazhi.deadlines.selectors import clocks_for
    from fazhi.indicators.models import IndicatorNode
    from fazhi.indicators.parsing import parse_indicator_text
    from fazhi.indicators.services import indicator_node_update, indicator_set_import

    office = persona("office_staff", "justice")
    s = indicator_set_import(
        by=office,
        nodes=parse_indicator_text("一、决策（4分）\n1.目录公布（4分）\n"),
        code="K",
        name="考核",
        year=2026,
        owner=city["justice"],
    )
    indicator_node_update(
        by=office,
        node=IndicatorNode.objects.get(title="目录公布"),
        points=None,
        method="pass_fail",
        lead_units=[city["market"]],
    )
    c = login_client(office)
    url = reverse("indicators:self_due", args=[s.pk])
    bad = c.post(url, {"self_due": "2020-01-01"})
    assert bad.status_code == 400 and '<p class="field-error">自评截止日期：不能早于今天' in bad.content.decode()
    assert c.post(url, {"self_due": "2099-01-01"}).status_code == 302
    assert [(x.unit.code, x.due_date.isoformat()) for x in clocks_for(s)] == [("C002", "2099-01-01")]
