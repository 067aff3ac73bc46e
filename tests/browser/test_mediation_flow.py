"""Issue 17, the mediation half of done means: a 12348 call is registered → with a village committee → accepted →
two sessions → a written agreement with every signature recorded (.docx 人民调解协议书) → 司法确认 applied and the
court's result recorded; the case is in the figures. Screenshots (FAZHI_SCREENSHOTS) of the register form, the case
page, the committees page and the statistics at 1366×768, 1920×1080 and 390×844; no page scrolls sideways."""

from __future__ import annotations

import os

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("FAZHI_SCREENSHOTS", "")
SIZES = ((1366, 768), (1920, 1080), (390, 844))


def _shots(page, name: str) -> None:
    for w, h in SIZES:
        page.set_viewport_size({"width": w, "height": h})
        if SHOTS:
            page.screenshot(path=os.path.join(SHOTS, f"mediation-{name}-{w}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), (name, w)
    page.set_viewport_size({"width": 1366, "height": 768})


def _step(page, live_server, case_pk: int, label: str, fill=None, select=None, check=()) -> None:
    page.goto(f"{live_server.url}/mediation/{case_pk}/")
    page.click(f"a.button:has-text('{label}')")
    for name, value in (fill or {}).items():
        page.fill(f"[name={name}]", value)
    for name, value in (select or {}).items():
        page.select_option(f"[name={name}]", value)
    for selector in check:
        page.check(selector)
    page.click("button[type=submit]:has-text('确定')")
    page.wait_for_load_state("networkidle")
    errors = page.locator(".field-error, .form-errors, .errorlist").all_inner_texts()
    assert page.locator(".msg-success").count() == 1, errors


def test_a_12348_call_mediated_to_a_confirmed_agreement(page, live_server, persona, city, login_as):
    from fazhi.cases.models import Case
    from fazhi.cases.services import today_local
    from fazhi.dockets.mediation.services import committee_create, mediator_add
    from fazhi.orgs.models import UnitKind, UnitLevel
    from fazhi.orgs.tests.factories import UnitFactory

    town = UnitFactory(code="D1T1", name="示范市东城区东华街道办事处", parent=city["district"], level=UnitLevel.TOWN)
    city["village"] = UnitFactory(
        code="D1T1V1",
        name="示范市东城区东华社区居民委员会",
        parent=town,
        kind=UnitKind.VILLAGE,
        level=UnitLevel.VILLAGE,
    )
    committee = committee_create(by=None, unit=city["village"], name="东华社区人民调解委员会", kind="village")
    a = mediator_add(by=None, committee=committee, name="钱和睦", kind="part_time")
    b = mediator_add(by=None, committee=committee, name="孙明理", kind="part_time")
    user = persona("mediator", "village", username="tiaojie")
    user.must_change_password = False
    user.save()
    login_as("tiaojie")
    today = today_local().isoformat()

    # the 12348 call, registered once with the village committee
    page.goto(f"{live_server.url}/mediation/register/")
    page.select_option("[name=committee]", str(committee.pk))
    page.select_option("[name=source]", "hotline")
    page.select_option("[name=dispute_type]", "neighbour")
    page.fill("[name=applicant_name]", "张三")
    page.fill("[name=applicant_phone]", "13812345678")
    page.fill("[name=respondent_name]", "李四")
    page.fill("[name=account]", "楼上漏水致楼下天花板受损，双方争执")
    _shots(page, "register")
    page.click("button[type=submit]:has-text('登记')")
    page.wait_for_load_state("networkidle")
    case = Case.objects.get(docket="mediation")
    assert page.url.endswith(f"/mediation/{case.pk}/")

    _step(page, live_server, case.pk, "受理", {"on": today})
    for place in ("社区调解室", "当事人家中"):
        _step(
            page,
            live_server,
            case.pk,
            "登记调解",
            {"on": today, "place": place, "participants": "张三、李四"},
            check=(f"[name=mediators][value='{a.pk}']", f"[name=mediators][value='{b.pk}']"),
        )
    parties = [p.pk for p in case.parties.all()]
    _step(
        page,
        live_server,
        case.pk,
        "调解成功",
        {
            "on": today,
            "facts": "楼上漏水致楼下受损",
            "content": "李四赔偿张三修缮费2000元",
            "performance": "十日内付清",
        },
        select={"form": "written"},
        check=(
            *(f"[name=parties_signed][value='{p}']" for p in parties),
            "[name=mediator_signed]",
            "[name=committee_sealed]",
        ),
    )
    case.refresh_from_db()
    assert case.state == "agreed" and case.documents.filter(template_code="agreement").count() == 1
    _step(page, live_server, case.pk, "登记申请司法确认", {"on": today, "court": "示范市东城区人民法院"})
    _step(page, live_server, case.pk, "登记司法确认结果", {"on": today, "ruling_number": "（2026）鲁0102民特1号"})
    case.refresh_from_db()
    assert case.extra["confirmation"]["result"] == "valid"
    page.goto(f"{live_server.url}/mediation/{case.pk}/")
    body = page.inner_text("body")
    assert "人民调解协议书" in body and "裁定确认调解协议有效" in body and "第2次" in body
    _shots(page, "case")
    page.goto(f"{live_server.url}/mediation/committees/")
    assert "东华社区人民调解委员会" in page.inner_text("body")
    _shots(page, "committees")

    # in the figures (the 司法局's view)
    manager = persona("mediation_manager", "justice", username="tiaojie_admin")
    manager.must_change_password = False
    manager.save()
    page.context.clear_cookies()
    login_as("tiaojie_admin")
    page.goto(f"{live_server.url}/cases/stats/mediation/?year={today_local().year}")
    body = page.inner_text("body")
    assert "调解成功率" in body and "100.0" in body
    _shots(page, "stats")
