"""Issue 23's browser test: the office imports a set from Excel (preview → confirm) → assigns a leaf to a unit and
binds another to a platform metric → freezes the computed values → the unit self-assesses with an evidence file → a
第三方评估 account sends it back → the unit resubmits → the reviewer scores → the set's scores and the ranking show
it; the computed leaf shows its value and, through its 口径 link, the records behind it. Screenshots
(FAZHI_SCREENSHOTS) at 1366×768 and 390×844; no page scrolls sideways."""

from __future__ import annotations

import datetime as dt
import os
from io import BytesIO

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("FAZHI_SCREENSHOTS", "")
SIZES = ((1366, 768), (390, 844))
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _shots(page, name: str) -> None:
    for w, h in SIZES:
        page.set_viewport_size({"width": w, "height": h})
        if SHOTS:
            page.screenshot(path=os.path.join(SHOTS, f"indicators-{name}-{w}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), (name, w)
    page.set_viewport_size({"width": 1366, "height": 768})


def _xlsx() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["一级指标", "二级指标", "三级指标", "分值", "评分方法", "牵头单位", "配合单位", "目标值"])
    ws.append(["依法决策（10分）", "决策程序", "重大行政决策目录公布", 6, "分档计分", None, None, None])
    ws.append([None, None, "会前学法", 4, "达标/不达标", "C002", None, 1])
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _login(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "Passw0rd!x")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


def test_import_assign_self_assess_send_back_resubmit_review_rank(page, live_server, persona, city):
    from fazhi.indicators.models import IndicatorNode, IndicatorSet, LeafResult, ScoreChange
    from fazhi.indicators.services_records import study_session_record

    office = persona("office_staff", "justice", username="fazhiban")
    liaison = persona("dept_liaison", "market", username="lianluo")
    assessor = persona("external_assessor", "justice", username="disanfang")
    for u in (office, liaison, assessor):
        u.must_change_password = False
        u.save()
    year = dt.date.today().year
    study_session_record(
        by=office,
        unit=city["market"],
        kind="standing",
        held_on=dt.date(year, 1, 1),
        topic="行政复议法学习",
        attendance=20,
    )

    # the office imports the set from Excel: a preview first, nothing saved yet
    _login(page, live_server, "fazhiban")
    page.goto(f"{live_server.url}/indicators/import/")
    page.fill("[name=code]", "KH")
    page.fill("[name=name]", f"示范市{year}年度考核")
    page.fill("[name=year]", str(year))
    page.set_input_files(
        "[name=file]",
        {"name": "考核指标.xlsx", "mimeType": "application/octet-stream", "buffer": _xlsx()},
    )
    _shots(page, "import")
    page.click("button[type=submit]:has-text('预览')")
    page.wait_for_load_state("networkidle")
    assert page.locator("#node-count").inner_text() == "4" and IndicatorSet.objects.count() == 0
    assert "达标/不达标 · 目标值 1 · 牵头：示范市市场监督管理局" in page.locator("#preview-tree").inner_text()
    _shots(page, "preview")
    page.click("button:has-text('确认导入')")
    page.wait_for_load_state("networkidle")
    s = IndicatorSet.objects.get()
    assert page.url.endswith(f"/indicators/{s.pk}/")

    # assign the 目录 leaf to the market bureau; bind 会前学法 to the platform's 学法 figure
    mulu = IndicatorNode.objects.get(title="重大行政决策目录公布")
    page.goto(f"{live_server.url}/indicators/nodes/{mulu.pk}/")
    page.select_option("[name=lead_units]", str(city["market"].pk))
    page.fill("[name=evidence]", "目录公布网页截图")
    page.click("form.narrow button.primary")
    page.wait_for_load_state("networkidle")
    errors = page.locator(".field-error, .form-errors").all_inner_texts()
    assert list(mulu.units.values_list("unit__code", "role")) == [("C002", "lead")], errors
    xuefa = IndicatorNode.objects.get(title="会前学法")
    page.goto(f"{live_server.url}/indicators/nodes/{xuefa.pk}/")
    page.select_option("[name=metric_key]", "indicators.study_sessions")
    page.click("form.narrow button.primary")
    page.wait_for_load_state("networkidle")
    # the 第三方评估 account is assigned on the set's page
    page.select_option("#assessors [name=user]", str(assessor.pk))
    page.click("#assessors button:has-text('指派')")
    page.wait_for_load_state("networkidle")
    # the unit's computed figures frozen (its 被考核单位 view)
    page.goto(f"{live_server.url}/indicators/{s.pk}/?unit=C002")
    page.click("#freeze")
    page.wait_for_load_state("networkidle")
    computed = LeafResult.objects.get(node=xuefa, unit=city["market"], source="computed")
    assert (computed.value, computed.score) == (1, 4)
    assert page.locator("#total").inner_text() == "4"
    _shots(page, "detail")

    # the unit self-assesses the 目录 leaf with an evidence file
    _login(page, live_server, "lianluo")
    assess = f"{live_server.url}/indicators/nodes/{mulu.pk}/assess/?unit=C002"
    page.goto(assess)
    page.fill("[name=self-value]", "80")
    page.fill("[name=self-statement]", "目录已在政府网站公布。")
    page.set_input_files("[name=self-files]", {"name": "截图.pdf", "mimeType": "application/pdf", "buffer": PDF})
    page.click("button:has-text('提交自评')")
    page.wait_for_load_state("networkidle")
    assert "截图.pdf" in page.locator("#self").inner_text()

    # the 第三方评估 account sees only this set, and sends the leaf back
    _login(page, live_server, "disanfang")
    page.goto(f"{live_server.url}/indicators/")
    assert page.locator(f"a[href='/indicators/{s.pk}/']").count() == 1
    page.goto(assess)
    page.fill("[name=back-comment]", "请补充公布网页的链接。")
    page.click("button:has-text('退回补充材料')")
    page.wait_for_load_state("networkidle")
    assert "已退回补充" in page.locator("#self").inner_text()
    _shots(page, "assess-returned")

    # the unit resubmits
    _login(page, live_server, "lianluo")
    page.goto(assess)
    page.fill("[name=self-value]", "100")
    page.fill("[name=self-statement]", "补充：公布网址 http://www.example.gov.cn/mulu")
    page.click("button:has-text('补充后重新提交')")
    page.wait_for_load_state("networkidle")
    assert "已提交" in page.locator("#self").inner_text()

    # the reviewer scores; a score above the points is refused beside the field, keeping what was typed
    _login(page, live_server, "disanfang")
    page.goto(assess)
    page.fill("[name=review-score]", "9")
    page.fill("[name=review-comment]", "材料齐全")
    page.click("button:has-text('保存评审得分')")
    page.wait_for_load_state("networkidle")
    assert page.locator(".field-error").count() >= 1 and page.input_value("[name=review-comment]") == "材料齐全"
    _shots(page, "assess-refused")
    page.fill("[name=review-score]", "5.5")
    page.click("button:has-text('保存评审得分')")
    page.wait_for_load_state("networkidle")
    kinds = list(ScoreChange.objects.filter(node=mulu).values_list("kind", flat=True))
    assert kinds == ["submit", "return", "resubmit", "review"]
    assert page.locator("#history tbody tr").count() == 4
    _shots(page, "assess-reviewed")

    # scores and ranking: 5.5 (review) + 4 (computed)
    page.goto(f"{live_server.url}/indicators/{s.pk}/?unit=C002")
    assert page.locator("#total").inner_text() == "9.5"
    page.goto(f"{live_server.url}/indicators/{s.pk}/ranking/")
    first = page.locator("#ranking tbody tr").first.inner_text()
    assert "示范市市场监督管理局" in first and "9.5" in first
    _shots(page, "ranking")

    # the computed leaf: its frozen value, and the records behind it through the 口径 link (the office's view)
    _login(page, live_server, "fazhiban")
    page.goto(f"{live_server.url}/indicators/nodes/{xuefa.pk}/assess/?unit=C002")
    assert "数值 1" in page.locator("#computed").inner_text()
    _shots(page, "computed")
    page.click("#computed a:has-text('口径与背后的记录')")
    page.wait_for_load_state("networkidle")
    assert "行政复议法学习" in page.content()
    _shots(page, "computed-records")
