"""案卷评查 and 扫码确认 in a real browser (issue #21, done-means): a body's case records imported from Excel on the
import page → a 评查 campaign samples 20 → two reviewers score one file differently → the lead reconciles →
不合格 with two defects → two rectification items on the body's unit board → the unit reports, the office 销号; an
enterprise confirms an inspection through its code link on the portal. The pages are checked at 390×844 (no
horizontal overflow); screenshots in the test's tmp dir.

The issue names 500 records: N_CASES is 500 — the import is staged by the page and run by the worker (ADR 0010)."""

from __future__ import annotations

import datetime as dt
import re
import time
from io import BytesIO

import pytest

N_CASES = 500
PHONE = {"width": 390, "height": 844}
CREDIT = "91350100M000100Y43"


def _submit(page, locator):
    with page.expect_navigation():
        locator.click()


def _logout(page):
    page.click("text=退出")
    page.wait_for_url("**/accounts/login/")


def _fits_phone(page, tmp_path, name):
    page.set_viewport_size(PHONE)
    width = page.evaluate("document.documentElement.scrollWidth")
    page.screenshot(path=str(tmp_path / f"{name}-390x844.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    assert width <= PHONE["width"], f"{name}: {width}px wide at 390"


def _xlsx(n: int, today: dt.date) -> bytes:
    from openpyxl import Workbook

    from fazhi.enforcement.imports import COLUMNS

    wb = Workbook()
    ws = wb.active
    ws.append(list(COLUMNS))
    first = today - dt.timedelta(days=200)
    for i in range(1, n + 1):
        row = {
            "案号": f"示市监罚〔{first.year}〕{i}号",
            "事项编码": "CF-001",
            "立案日期": (first + dt.timedelta(days=i % 150)).isoformat(),
            "当事人类型": "法人或其他组织",
            "当事人姓名/名称": f"示范市某某{i}公司",
            "统一社会信用代码": CREDIT,
            "执法人员执法证号": "SJ-A SJ-B",
        }
        ws.append([row.get(c, "") for c in COLUMNS])
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _score(page, values: dict[str, int], note: str = ""):
    form = page.locator("details#act-score")
    for code, v in values.items():
        form.locator(f"[name=score-item_{code}]").fill(str(v))
    if note:
        form.locator("[name=score-note]").fill(note)
    _submit(page, form.locator("#do-score"))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_import_sample_score_reconcile_defects_board_and_confirmation(
    page, live_server, persona, city, builtin_roles, login_as, tmp_path
):
    from fazhi.deadlines.selectors import today_local
    from fazhi.enforcement.models import Case, Inspection, ReviewCampaign, ReviewFile
    from fazhi.enforcement.services import matter_save
    from fazhi.enforcement.tests.factories import body_with_staff
    from fazhi.jobs.services import jobs_run_pending
    from fazhi.orgs.tests.factories import UserFactory
    from fazhi.supervision.models import Item

    today = today_local()
    staff = body_with_staff(city["market"])
    body = staff["body"]
    for o in staff["officers"].values():  # certified well before the import's first 立案 day
        o.valid_from = dt.date(today.year - 3, 1, 1)
        o.save()
    from fazhi.enforcement.services import training_record

    for key in ("a", "b"):
        training_record(
            by="t", officer=staff["officers"][key], on=dt.date(today.year - 1, 6, 1), course="培训", hours=60
        )
    matter_save(
        by="t",
        body=body,
        code="JC-001",
        name="产品质量监督检查",
        kind="inspection",
        basis="《产品质量法》第十五条",
        published_on=today - dt.timedelta(days=100),
    )
    role = builtin_roles["office_staff"]
    lead = UserFactory(username="pingcha_lead", unit=city["justice"], roles=[role])
    r1 = UserFactory(username="pingcha_a", unit=city["justice"], roles=[role])
    r2 = UserFactory(username="pingcha_b", unit=city["justice"], roles=[role])
    liaison = persona("dept_liaison", "market", username="shijianju")

    # the body's liaison imports its case records on the import page
    login_as(liaison.username)
    path = tmp_path / "cases.xlsx"
    path.write_bytes(_xlsx(N_CASES, today))
    page.goto(f"{live_server.url}/enforcement/cases/import/")
    page.select_option("[name=body]", str(body.pk))
    page.set_input_files("[name=file]", str(path))
    started = time.monotonic()
    page.click("form.narrow button.primary")
    # the upload is staged and parsed by the worker (ADR 0010); the progress bar then opens the case list
    page.wait_for_selector("#job-progress")
    assert jobs_run_pending() == 1
    page.wait_for_url(re.compile(r".*/enforcement/\?body=\d+$"), timeout=60_000)
    imported_in = time.monotonic() - started
    assert f"已导入{N_CASES}件执法案件" in page.content()
    assert Case.objects.filter(body=body).count() == N_CASES
    (tmp_path / "import-seconds.txt").write_text(f"{N_CASES} case records imported in {imported_in:.1f} s\n")
    _logout(page)

    # the office's lead makes a campaign and samples 20
    login_as(lead.username)
    page.goto(f"{live_server.url}/enforcement/reviews/")
    form = page.locator("details#act-campaign")
    if form.get_attribute("open") is None:
        form.locator("summary").click()
    form.locator("[name=title]").fill(f"{today.year}年度行政执法案卷评查")
    form.locator(f"input[name=bodies][value='{body.pk}']").check()
    form.locator("[name=period_from]").fill((today - dt.timedelta(days=365)).isoformat())
    form.locator("[name=period_to]").fill(today.isoformat())
    form.locator("[name=sample_size]").fill("20")
    form.locator("[name=seed]").fill("browser-2026")
    form.locator("[name=lead]").select_option(str(lead.pk))
    form.locator(f"input[name=reviewers][value='{r1.pk}']").check()
    form.locator(f"input[name=reviewers][value='{r2.pk}']").check()
    _submit(page, form.locator("#do-campaign"))
    page.wait_for_url(re.compile(r".*/enforcement/reviews/\d+/$"))
    campaign_url = page.url
    _submit(page, page.locator("#do-sample"))
    assert page.locator("#file-count").inner_text() == "20"
    camp = ReviewCampaign.objects.get()
    rf = ReviewFile.objects.filter(campaign=camp).order_by("body_id", "case_id").first()
    assert (rf.reviewer_a_id, rf.reviewer_b_id) == (r1.pk, r2.pk)
    _fits_phone(page, tmp_path, "campaign")
    _logout(page)

    # two reviewers score the same file differently, each on their own form
    full = {i["code"]: i["points"] for i in camp.sheet}
    file_url = f"{live_server.url}/enforcement/reviews/files/{rf.pk}/"
    login_as(r1.username)
    page.goto(file_url)
    _score(page, {**full, "evidence": 5, "archive": 5}, note="证据不足")
    assert "另一名评查人员评分后显示双方评分" in page.locator("#waiting").inner_text()
    _fits_phone(page, tmp_path, "score")
    _logout(page)
    login_as(r2.username)
    page.goto(file_url)
    assert "85分" not in page.content()  # the first reviewer's sheet stays hidden
    _score(page, {**full, "evidence": 10, "procedure": 5})
    assert page.locator("#file-state").inner_text() == "待合议"
    assert "不一致" in page.locator("#compare").inner_text()
    _logout(page)

    # the lead reconciles: 不合格, and records two defects
    login_as(lead.username)
    page.goto(file_url)
    form = page.locator("details#act-reconcile")
    if form.get_attribute("open") is None:
        form.locator("summary").click()
    for code, v in {**full, "evidence": 0, "procedure": 5, "archive": 5}.items():
        form.locator(f"[name=rec-item_{code}]").fill(str(v))
    form.locator("[name=rec-note]").fill("缺少现场检查笔录，送达程序不当。")
    _submit(page, form.locator("#do-reconcile"))
    assert (page.locator("#file-total").inner_text(), page.locator("#file-grade").inner_text()) == (
        "70",
        "不合格（经合议）",
    )
    for code, text in (("evidence", "缺少现场检查笔录"), ("procedure", "处罚决定书未依法送达")):
        form = page.locator("details#act-defect")
        if form.get_attribute("open") is None:
            form.locator("summary").click()
        form.locator("[name=defect-item_code]").select_option(code)
        form.locator("[name=defect-text]").fill(text)
        _submit(page, form.locator("#do-defect"))
    assert page.locator("#defects tbody tr").count() == 2
    _fits_phone(page, tmp_path, "file")
    page.goto(campaign_url + "results/")
    cells = page.locator("#results tbody tr").first.locator("td").all_inner_texts()
    assert cells == ["示范市市场监督管理局", "20", "1", "0", "0", "1", "0.0%", "2", "2"]
    _fits_phone(page, tmp_path, "results")
    _logout(page)

    # the rectification items are on the body's board; the unit reports, the office 销号
    items = list(Item.objects.filter(kind="enforcement.review_defect").order_by("pk"))
    assert [(i.unit_id, i.state) for i in items] == [(city["market"].pk, "open")] * 2
    login_as(liaison.username)
    page.goto(f"{live_server.url}/supervision/")
    board = page.locator("main").inner_text()
    assert f"案卷评查问题整改：{rf.case.number}（证据）" in board
    assert f"案卷评查问题整改：{rf.case.number}（执法程序）" in board
    page.goto(f"{live_server.url}/supervision/items/{items[0].pk}/")
    step = page.locator("details[data-step=report]")
    if step.get_attribute("open") is None:
        step.locator("summary").click()
    step.locator("[name=report-text]").fill("已补充现场检查笔录并归档。")
    step.locator("[name=report-complete]").check()
    _submit(page, step.locator("button[type=submit]"))
    _logout(page)
    login_as(lead.username)
    page.goto(f"{live_server.url}/supervision/items/{items[0].pk}/")
    step = page.locator("details[data-step=accept]")
    if step.get_attribute("open") is None:
        step.locator("summary").click()
    step.locator("[name=accept-note]").fill("整改到位")
    _submit(page, step.locator("button[type=submit]"))
    items[0].refresh_from_db()
    assert items[0].state == "closed"
    page.goto(file_url)
    assert today.isoformat() in page.locator("#defects tbody tr").first.inner_text()
    _logout(page)

    # an inspection recorded on its page; the enterprise confirms it through the code link
    login_as(liaison.username)
    page.goto(f"{live_server.url}/enforcement/inspections/new/")
    page.select_option("[name=body]", str(body.pk))
    page.fill("[name=on]", today.isoformat())
    page.fill("[name=matter_code]", "JC-001")
    page.fill("[name=enterprise_code]", CREDIT[:-1] + "4")  # a wrong check character: refused beside the field
    page.fill("[name=enterprise_name]", "示范市某某商贸有限公司")
    page.fill("[name=officer_numbers]", "SJ-A SJ-B")
    _submit(page, page.locator("#do-inspection"))
    assert "统一社会信用代码：" in page.locator(".field.has-error").inner_text()
    assert page.locator("[name=enterprise_name]").input_value() == "示范市某某商贸有限公司"
    _fits_phone(page, tmp_path, "inspection-refused")
    page.fill("[name=enterprise_code]", CREDIT)
    _submit(page, page.locator("#do-inspection"))
    link = page.locator("#confirm-link").inner_text()
    assert re.search(r"/portal/inspections/confirm/[A-Za-z0-9_-]{32}/$", link)
    _logout(page)
    page.goto(link)
    page.check("input[name=answer][value=confirmed]")
    page.select_option("[name=rating]", "5")
    page.fill("[name=note]", "检查规范，未影响经营。")
    _fits_phone(page, tmp_path, "confirm")
    _submit(page, page.locator("#do-confirm"))
    assert "企业已确认" in page.locator("#confirm-state").inner_text()
    insp = Inspection.objects.get()
    assert (insp.confirm_state, insp.confirm_rating) == ("confirmed", 5)
