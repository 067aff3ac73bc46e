"""A refused form comes back with everything typed and the error beside its field (issue #11 point 2).

A progress report with an .exe renamed .pdf, the portal's application after its limit, the portal lookup with empty
fields, a progress report and a 催办 over their length limits.
"""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.cases.models import Case
from fazhi.orgs.tests.factories import UnitGroupFactory
from fazhi.portal.tests.test_views import FORM
from fazhi.supervision.models import Report

pytestmark = pytest.mark.django_db

SMALL_PLAN = """示范市2026年法治政府建设工作要点
一、重点任务
(一)依法行政
1.清理涉企收费。建立问题台账。2026年9月底前完成。
牵头单位:市市场监管局;配合单位:市财政局、各区人民政府
"""
TYPED = "一季度完成涉企收费清理台账，共梳理收费项目37项，取消5项。"


@pytest.fixture
def share(city, persona):
    from fazhi.plans.parsing import parse_plan_text
    from fazhi.plans.services import assignment_sign, plan_import

    UnitGroupFactory(name="各区人民政府", code="G-D").members.set([city["district"]])
    plan = plan_import(
        by=persona("office_head", "gov"), parsed=parse_plan_text(SMALL_PLAN), name="测试", kind="annual", year=2026
    )
    a = plan.tasks.get(number=1).assignments.get(unit=city["market"])
    assignment_sign(assignment=a, by=persona("dept_liaison", "market"))
    return a


def _field_error(html: str, name: str) -> str:
    """The error text shown inside the .field that holds input `name`."""
    m = re.search(
        r'<div class="field has-error">((?:(?!<div class="field).)*?name="' + name + r'".*?)</div>', html, re.S
    )
    assert m, f"no error beside {name}"
    return " ".join(re.findall(r'<p class="field-error">(.*?)</p>', m.group(1)))


def test_a_report_with_an_exe_renamed_pdf_comes_back_open_with_the_text_and_the_error_beside_the_file(
    share, persona, login_client
):
    client = login_client(persona("dept_liaison", "market"))
    p = f"report-{share.pk}"
    exe = SimpleUploadedFile("进展.pdf", b"MZ\x90\x00 this is a program", content_type="application/pdf")
    resp = client.post(
        f"/plans/assignments/{share.pk}/report/", {f"{p}-text": TYPED, f"{p}-percent": "40", f"{p}-files": exe}
    )
    assert resp.status_code == 400
    html = resp.content.decode()
    assert f"{TYPED}</textarea>" in html  # the text typed, kept
    assert f'name="{p}-percent" value="40"' in html
    assert "附件：进展.pdf：文件内容与扩展名不符" in _field_error(html, f"{p}-files")
    assert "浏览器不会保留已选择的文件，请重新选择" in html  # files excepted, and the page says so
    assert re.search(r'<details class="step" data-step="report" open>', html)  # the form stays open
    assert Report.objects.count() == 0


def test_a_report_over_its_length_limit_is_refused_beside_the_field(share, persona, login_client):
    client = login_client(persona("dept_liaison", "market"))
    p = f"report-{share.pk}"
    resp = client.post(f"/plans/assignments/{share.pk}/report/", {f"{p}-text": "进" * 6000})
    assert resp.status_code == 400
    assert _field_error(resp.content.decode(), f"{p}-text") == "进展情况：不能超过5000字（现有6000字）。"
    assert Report.objects.count() == 0


def test_the_field_in_error_points_to_its_error_for_screen_readers(share, persona, login_client):
    client = login_client(persona("dept_liaison", "market"))
    p = f"report-{share.pk}"
    html = client.post(f"/plans/assignments/{share.pk}/report/", {f"{p}-text": "进" * 5001}).content.decode()
    textarea = re.search(rf'<textarea name="{p}-text"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in textarea
    assert f'aria-describedby="id_{p}-text_helptext id_{p}-text_error"' in textarea
    assert f'<small class="help" id="id_{p}-text_helptext">最多5000字。</small>' in html
    assert (
        f'<div id="id_{p}-text_error"><p class="field-error">进展情况：不能超过5000字（现有5001字）。</p></div>' in html
    )


def test_a_6000_character_report_is_shown_folded_and_a_short_one_whole(share, persona, login_client):
    # given a report of 6,000 characters (sent before the limit) and one of 100
    from fazhi.plans.services import assignment_report

    unit = persona("dept_liaison", "market")
    long = ("一季度完成涉企收费清理台账，共梳理收费项目37项，取消5项。" * 200)[:6000]
    short = ("二季度已完成全部整改并建立长效机制。" * 6)[:100]
    assignment_report(assignment=share, by=unit, text=long)
    assignment_report(assignment=share.__class__.objects.get(pk=share.pk), by=unit, text=short)
    # when the task page is shown
    html = login_client(unit).get(f"/plans/tasks/{share.task_id}/").content.decode()
    # then the long one is folded behind 展开 with its length, the whole text on the page; the short one is whole
    reports = html[html.index(f'<section class="card assignment" id="a{share.pk}"') :]
    reports = reports[: reports.index("</section>")]
    assert reports.count("<summary>展开全文（共6000字）</summary>") == 1
    assert reports.count("<details>") == 1
    assert long[:250] in reports and long[-2000:] in reports
    assert f"：{short}" in reports


def test_an_urge_over_its_length_limit_is_refused(share, persona, login_client):
    client = login_client(persona("office_staff", "gov"))
    p = f"urge-{share.pk}"
    resp = client.post(f"/plans/assignments/{share.pk}/urge/", {f"{p}-message": "催" * 5000})
    assert resp.status_code == 400
    assert "催" * 5000 in resp.content.decode()
    assert "300" in _field_error(resp.content.decode(), f"{p}-message")


def test_the_portal_limit_counts_submissions_and_a_refused_one_keeps_what_was_typed(client, city, monkeypatch):
    from fazhi.portal import views

    monkeypatch.setattr(views, "APPLY_LIMIT", (2, 3600))
    # corrections of a refused form cost nothing: five refusals, then two applications go through
    for _ in range(5):
        assert (
            client.post("/portal/reconsideration/apply/", {**FORM, "id_number": "110105194912310021"}).status_code
            == 200
        )
    for token in ("6f1c1a52-3f5e-4a5d-9a57-0f2b2a0f7d12", "6f1c1a52-3f5e-4a5d-9a57-0f2b2a0f7d13"):
        assert client.post("/portal/reconsideration/apply/", {**FORM, "submit_token": token}).status_code == 200
    assert Case.objects.count() == 2
    third = {**FORM, "submit_token": "6f1c1a52-3f5e-4a5d-9a57-0f2b2a0f7d14", "facts": "第三份申请的事实和理由"}
    resp = client.post("/portal/reconsideration/apply/", third)
    assert resp.status_code == 429 and Case.objects.count() == 2
    html = resp.content.decode()
    # the hourly window ends at the next full hour; after 23:00 local time that is tomorrow, and the date is named
    assert re.search(
        r"提交过于频繁，已达到本地址的次数限制，请于 (\d\d月\d\d日 )?\d\d:\d\d 后再试。您填写的内容已保留。", html
    )
    assert "第三份申请的事实和理由</textarea>" in html and 'value="王小明"' in html


def test_the_portal_lookup_with_empty_fields_says_what_is_missing(client, city):
    resp = client.post("/portal/reconsideration/lookup/", {"receipt_number": "", "phone": ""})
    html = resp.content.decode()
    assert _field_error(html, "receipt_number") == "申请编号：请填写申请编号（受理回执或提交成功页上的编号）"
    assert _field_error(html, "phone") == "联系电话：请填写申请时留的联系电话"
    assert '<form method="post" class="narrow" novalidate>' in html  # the server's message, not the browser's
