"""行政复议 end to end: portal application → correction → acceptance → copy → reply → 撤销 → applicant sees it."""

from __future__ import annotations

import io
import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = "13912345678"


def _fill(page, label_for: str, value: str) -> None:
    page.fill(f"[name={label_for}]", value)


def _do(page, label: str, fields: dict[str, str] | None = None, selects: dict[str, str] | None = None) -> None:
    page.click(f"a.button:has-text('{label}')")
    for name, value in (fields or {}).items():
        page.fill(f"[name={name}]", value)
    for name, value in (selects or {}).items():
        page.select_option(f"[name={name}]", value)
    page.click("button[type=submit]:has-text('确定')")
    page.wait_for_load_state("networkidle")
    errors = page.locator(".field-error, .form-errors").all_inner_texts()
    assert page.locator(".msg-success").count() == 1, (label, errors)


def _logout(page) -> None:
    page.click("button:has-text('退出')")
    page.wait_for_load_state("networkidle")


def test_applicant_applies_and_sees_the_revocation(page, live_server, persona, login_as, tmp_path):
    from docx import Document

    from fazhi.cases.models import Case, CaseDocument

    handler = persona("reconsideration_handler", "justice", username="fuyi")
    head = persona("reconsideration_head", "justice", username="fuyi_head")
    for u in (handler, head):
        u.must_change_password = False
        u.save()

    # given an applicant applying on the portal with a PDF
    page.goto(f"{live_server.url}/portal/reconsideration/apply/")
    for name, value in {
        "name": "王小明",
        "id_number": "11010519491231002X",
        "phone": PHONE,
        "address": "示范市人民路8号",
        "respondent": "示范市市场监督管理局",
        "act": "行政处罚决定书（示市监罚〔2026〕3号）",
        "request": "撤销该行政处罚决定",
        "facts": "处罚认定事实错误",
    }.items():
        page.fill(f"[name={name}]", value)
    evidence = tmp_path / "证据.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% evidence\n")
    page.set_input_files("input[name=files]", str(evidence))
    page.click("button:has-text('提交申请')")
    receipt = page.locator("#receipt-number").inner_text().strip()
    assert re.fullmatch(r"FY[A-Z0-9]{10}", receipt)
    case = Case.objects.get(receipt_number=receipt)
    assert case.attachments.count() == 1

    # when the handler asks for a correction, receives it, accepts, sends the copy and records the reply
    login_as("fuyi")
    page.goto(f"{live_server.url}/reconsideration/{case.pk}/")
    _do(page, "通知补正", {"defects": "请补充身份证复印件"})
    _do(page, "收到补正材料")
    _do(page, "受理")
    _do(page, "发送申请书副本")
    _do(page, "登记被申请人答复", {"summary": "被申请人坚持原处罚"})
    _do(
        page,
        "拟定复议决定",
        {
            "facts": "被申请人认定事实不清",
            "reasons": "主要证据不足",
            "decision_text": "撤销示市监罚〔2026〕3号行政处罚决定",
        },
        {"outcome": "revoke"},
    )
    _logout(page)

    # and the head approves the decision
    login_as("fuyi_head")
    page.goto(f"{live_server.url}/reconsideration/{case.pk}/")
    _do(page, "批准并作出复议决定")
    case.refresh_from_db()
    assert (case.state, case.outcome) == ("decided", "revoke")
    with page.expect_download() as dl:
        page.click("a:has-text('行政复议决定书')")
    data = open(dl.value.path(), "rb").read()  # noqa: PTH123
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert case.case_number in text and "撤销" in text
    assert CaseDocument.objects.filter(case=case, template_code="decision").count() == 1
    _logout(page)

    # then the applicant looks the case up and sees each step and the decision
    page.goto(f"{live_server.url}/portal/reconsideration/lookup/")
    page.fill("[name=receipt_number]", receipt)
    page.fill("[name=phone]", PHONE)
    page.click("button:has-text('查询')")
    progress = page.locator("#progress").inner_text()
    assert "已作出行政复议决定" in progress
    for step in ("收到行政复议申请", "通知补正", "收到补正材料", "受理", "发送申请书副本", "作出行政复议决定：撤销"):
        assert step in progress
    assert "复议决定：撤销" in progress
