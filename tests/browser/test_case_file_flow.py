"""Issue 9, done means: the handler attaches the respondent's 答复书 and evidence, drafts; the head reads the draft in
待我审批, sends it back, approves the second draft; the 决定书 is issued by 示范市人民政府; the case file exports as a PDF
with its table of contents; the case shows no running clock. Screenshots of the case page at the three widths."""

from __future__ import annotations

import datetime as dt
import os

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("FAZHI_SCREENSHOTS", "")


def _submit(page) -> None:
    page.click("button[type=submit]:has-text('确定')")
    page.wait_for_load_state("networkidle")
    errors = page.locator(".field-error, .form-errors").all_inner_texts()
    assert page.locator(".msg-success").count() == 1, errors


def _logout(page) -> None:
    page.click("button:has-text('退出')")
    page.wait_for_load_state("networkidle")


def _pdf(path, text: str) -> str:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    c.drawString(72, 720, text)
    c.showPage()
    c.save()
    return str(path)


def test_reply_evidence_draft_sent_back_approved_issued_by_the_government_and_exported(
    page, live_server, persona, city, login_as, tmp_path
):
    from docx import Document
    from pypdf import PdfReader

    from fazhi.cases.models import PartyRole
    from fazhi.cases.services import PartyInput, today_local
    from fazhi.dockets.reconsideration import services as s

    handler = persona("reconsideration_handler", "justice", username="fuyi")
    head = persona("reconsideration_head", "justice", username="fuyi_head")
    for u in (handler, head):
        u.must_change_password = False
        u.save()
    today = today_local()
    case = s.reconsideration_intake(
        by=handler,
        handling_unit=city["justice"],
        received_on=today - dt.timedelta(days=10),
        channel="in_person",
        applicant=PartyInput(
            role=PartyRole.APPLICANT, name="王小明", id_number="11010519491231002X", phone="13912345678"
        ),
        act="行政处罚决定书（示市监罚〔2026〕3号）",
        request="撤销该行政处罚决定",
        facts="处罚认定事实错误",
        respondent_unit=city["market"],
    )
    s.case_accept(case=case, by=handler, on=today - dt.timedelta(days=9))
    s.case_send_copy(case=case, by=handler, on=today - dt.timedelta(days=8))

    # the handler records the reply with the 答复书 and adds the evidence to the case file
    login_as("fuyi")
    page.goto(f"{live_server.url}/reconsideration/{case.pk}/")
    page.click("a.button:has-text('登记被申请人答复')")
    page.fill("[name=summary]", "被申请人坚持原处罚")
    page.set_input_files("input[name=files]", _pdf(tmp_path / "答复书.pdf", "reply"))
    _submit(page)
    page.click("a.button:has-text('添加材料')")
    page.select_option("[name=kind]", "evidence")
    page.fill("[name=label]", "被申请人证据")
    page.set_input_files(
        "input[name=files]", [_pdf(tmp_path / "证据一.pdf", "e1"), _pdf(tmp_path / "证据二.pdf", "e2")]
    )
    page.click("button[type=submit]:has-text('加入卷宗')")
    page.wait_for_load_state("networkidle")
    file_card = page.locator("#case-file").inner_text()
    assert "答复书：答复书.pdf" in file_card and "被申请人证据：证据一.pdf" in file_card and "证据" in file_card
    page.click("a.button:has-text('拟定复议决定')")
    page.select_option("[name=outcome]", "revoke")
    page.fill("[name=facts]", "被申请人未听取申请人陈述申辩")
    page.fill("[name=reasons]", "被申请人程序不当")
    page.fill("[name=decision_text]", "撤销示市监罚〔2026〕3号行政处罚决定")
    _submit(page)
    _logout(page)

    # the head reads the draft from 待我审批 and sends it back
    login_as("fuyi_head")
    page.click(f"a:has-text('{case.case_number} 批准并作出复议决定')")
    draft = page.locator("#approval-draft").inner_text()
    assert "被申请人程序不当" in draft and "行政复议决定书（预览）" in draft and "示范市人民政府" in draft
    page.goto(f"{live_server.url}/reconsideration/{case.pk}/do/refuse/")
    page.fill("[name=reason]", "请写明违反的法定程序")
    _submit(page)
    _logout(page)

    login_as("fuyi")
    page.goto(f"{live_server.url}/reconsideration/{case.pk}/do/draft_decision/")
    page.fill("[name=reasons]", "被申请人违反法定程序")
    _submit(page)
    _logout(page)

    # the head sees what changed and approves the second draft
    login_as("fuyi_head")
    page.click(f"a:has-text('{case.case_number} 批准并作出复议决定')")
    assert page.locator("#approval-draft ins").first.inner_text() == "违反法定"
    assert "上次退回理由：请写明违反的法定程序" in page.locator("#approval-draft").inner_text()
    _submit(page)
    case.refresh_from_db()
    assert (case.state, case.outcome) == ("decided", "revoke")

    # the 决定书 is issued by 示范市人民政府
    with page.expect_download() as dl:
        page.click("#case-file a:has-text('行政复议决定书')")
    paragraphs = [p.text for p in Document(dl.value.path()).paragraphs if p.text.strip()]
    assert paragraphs[-2:] == ["示范市人民政府", f"{today.year}年{today.month}月{today.day}日"]
    assert "被申请人称：被申请人坚持原处罚" in paragraphs

    # the case file as one PDF with its table of contents
    with page.expect_download() as dl:
        page.click("a:has-text('导出卷宗（PDF）')")
    reader = PdfReader(dl.value.path())
    toc = reader.pages[1].extract_text()
    assert "卷内目录" in toc
    for title in ("行政复议受理通知书", "答复书：答复书.pdf", "被申请人证据：证据一.pdf", "行政复议决定书"):
        assert title in toc

    # no running clock
    clocks = page.locator("section:has(h2:has-text('法定期限')) .light")
    assert clocks.count() >= 3
    assert set(clocks.evaluate_all("els => els.map(e => e.className)")) == {"light light-done"}

    if SHOTS:
        for w, h in ((1366, 768), (1920, 1080), (390, 844)):
            page.set_viewport_size({"width": w, "height": h})
            page.screenshot(path=os.path.join(SHOTS, f"case-{w}.png"), full_page=True)
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), w
