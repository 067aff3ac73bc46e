"""Issue 17, done means (the intake): a 12348 call becomes an intake (转登记 on the log) → routed to a village
committee → accepted, two sessions → a written agreement with every signature recorded (.docx 人民调解协议书) →
司法确认 applied and the court's result recorded; a second intake typed in at the window is routed to 法律援助 →
granted and assigned; both appear in the figures (the intake's received/routed, 人民调解's and 法律援助's).
Screenshots (FAZHI_SCREENSHOTS) at 1366×768 and 390×844; no page scrolls sideways."""

from __future__ import annotations

import datetime as dt
import os

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("FAZHI_SCREENSHOTS", "")
SIZES = ((1366, 768), (390, 844))


def _shots(page, name: str) -> None:
    for w, h in SIZES:
        page.set_viewport_size({"width": w, "height": h})
        if SHOTS:
            page.screenshot(path=os.path.join(SHOTS, f"intake-{name}-{w}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), (name, w)
    page.set_viewport_size({"width": 1366, "height": 768})


def _login(page, live_server, username: str) -> None:
    from tests.browser.conftest import browser_login

    page.context.clear_cookies()
    browser_login(page, live_server, username)
    assert "/accounts/login/" not in page.url, page.inner_text("body")[:300]


def _submit(page, label: str = "确定") -> None:
    page.click(f"button[type=submit]:has-text('{label}')")
    page.wait_for_load_state("networkidle")
    errors = page.locator(".field-error, .form-errors, .errorlist").all_inner_texts()
    assert page.locator(".msg-success").count() == 1, errors


def _step(page, live_server, url: str, label: str, fill=None, select=None, check=()) -> None:
    page.goto(f"{live_server.url}{url}")
    page.click(f"a.button:has-text('{label}')")
    for name, value in (fill or {}).items():
        page.fill(f"[name={name}]", value)
    for name, value in (select or {}).items():
        page.select_option(f"select[name={name}]", value)
    for selector in check:
        page.check(selector)
    _submit(page)


def _user(persona, role: str, unit: str, username: str):
    user = persona(role, unit, username=username)
    user.must_change_password = False
    user.save()
    return user


def test_a_12348_call_to_a_confirmed_agreement_and_an_intake_to_assigned_legal_aid(page, live_server, persona, city):
    from django.utils import timezone

    from fazhi.cases.models import Case
    from fazhi.cases.services import today_local
    from fazhi.dockets.mediation.services import committee_create, hotline_call_log, mediator_add
    from fazhi.metrics.selectors import metric_value
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
    city["aid_centre"] = UnitFactory(code="C009", name="示范市法律援助中心", parent=city["justice"])
    committee = committee_create(by=None, unit=city["village"], name="东华社区人民调解委员会", kind="village")
    a = mediator_add(by=None, committee=committee, name="钱和睦", kind="part_time")
    b = mediator_add(by=None, committee=committee, name="孙明理", kind="part_time")
    _user(persona, "mediation_manager", "justice", "tiaojie_admin")
    _user(persona, "mediator", "village", "tiaojie")
    _user(persona, "legal_aid_head", "aid_centre", "fayuan_head")
    today = today_local()
    iso = today.isoformat()
    call = hotline_call_log(
        by=None,
        unit=city["justice"],
        received_at=timezone.now() - dt.timedelta(minutes=30),
        duration_seconds=420,
        topic="damages",
        question="楼上漏水致楼下天花板受损，双方争执不下",
        answer="可申请人民调解",
        callback_phone="13812345678",
    )

    # the 12348 operator turns the call into an intake (转登记), prefilled from the call
    _login(page, live_server, "tiaojie_admin")
    page.goto(f"{live_server.url}/mediation/hotline/")
    page.click(f"a[href='/intake/register/?call={call.pk}']")
    page.wait_for_load_state("networkidle")
    assert page.input_value("[name=applicant_phone]") == "13812345678"
    assert page.input_value("[name=account]") == "楼上漏水致楼下天花板受损，双方争执不下"
    page.fill("[name=applicant_name]", "张三")
    page.fill("[name=respondent_name]", "李四")
    _shots(page, "register-from-call")
    _submit(page, "登记")
    first = Case.objects.get(docket="intake")
    assert page.url.endswith(f"/intake/{first.pk}/")
    assert (first.extra["channel"], first.extra["dispute_type"]) == ("hotline", "damages")

    # routed to the village committee: the dispute is registered there, nothing re-typed
    page.click("a.button:has-text('分流')")
    page.check("[name=to_mediation]")
    page.select_option("select[name=committee]", str(committee.pk))
    _shots(page, "route")
    _submit(page)
    mediation = Case.objects.get(docket="mediation")
    assert (mediation.handling_unit_id, mediation.extra["source"], mediation.extra["intake_ref"]) == (
        city["village"].pk,
        "hotline",
        first.case_number,
    )
    assert [p.name for p in mediation.parties.order_by("id")] == ["张三", "李四"]
    body = page.inner_text("body")
    assert mediation.case_number in body and "东华社区人民调解委员会" in body
    _shots(page, "routed")

    # the committee mediates it to a confirmed written agreement
    _login(page, live_server, "tiaojie")
    url = f"/mediation/{mediation.pk}/"
    _step(page, live_server, url, "受理", {"on": iso})
    for place in ("社区调解室", "当事人家中"):
        _step(
            page,
            live_server,
            url,
            "登记调解",
            {"on": iso, "place": place, "participants": "张三、李四"},
            check=(f"[name=mediators][value='{a.pk}']", f"[name=mediators][value='{b.pk}']"),
        )
    parties = [p.pk for p in mediation.parties.all()]
    _step(
        page,
        live_server,
        url,
        "调解成功",
        {"on": iso, "facts": "楼上漏水致楼下受损", "content": "李四赔偿张三修缮费2000元", "performance": "十日内付清"},
        select={"form": "written"},
        check=(
            *(f"[name=parties_signed][value='{p}']" for p in parties),
            "[name=mediator_signed]",
            "[name=committee_sealed]",
        ),
    )
    mediation.refresh_from_db()
    agreement = mediation.documents.get(template_code="agreement")
    assert agreement.file.name.endswith(".docx")
    _step(page, live_server, url, "登记申请司法确认", {"on": iso, "court": "示范市东城区人民法院"})
    _step(page, live_server, url, "登记司法确认结果", {"on": iso, "ruling_number": "（2026）鲁0102民特1号"})
    mediation.refresh_from_db()
    assert (mediation.extra["confirmation"]["result"], len(mediation.extra["sessions"])) == ("valid", 2)
    page.goto(f"{live_server.url}{url}")
    body = page.inner_text("body")
    assert (
        "人民调解协议书" in body
        and "裁定确认调解协议有效" in body
        and f"由纠纷求助登记案件{first.case_number}转来" in body
    )

    # a second intake at the window, routed to 法律援助
    _login(page, live_server, "tiaojie_admin")
    page.goto(f"{live_server.url}/intake/register/")
    page.select_option("select[name=channel]", "window")
    page.select_option("select[name=dispute_type]", "labour")
    page.fill("[name=applicant_name]", "王小明")
    page.fill("[name=applicant_phone]", "13900001111")
    page.fill("[name=account]", "在餐馆工作半年被拖欠工资八千元，无力请律师")
    _submit(page, "登记")
    second = Case.objects.filter(docket="intake").exclude(pk=first.pk).get()
    page.click("a.button:has-text('分流')")
    page.check("[name=to_legal_aid]")
    page.select_option("select[name=aid_unit]", str(city["aid_centre"].pk))
    page.select_option("select[name=aid_matter]", "civil")
    _submit(page)
    aid = Case.objects.get(docket="legal_aid")
    assert (aid.handling_unit_id, aid.received_on, aid.extra["request"]) == (
        city["aid_centre"].pk,
        today,
        "在餐馆工作半年被拖欠工资八千元，无力请律师",
    )

    # the 法律援助机构 grants it and assigns a lawyer of its registry
    from fazhi.dockets.legal_aid.services import aid_person_create

    lawyer = aid_person_create(
        by=None,
        centre=city["aid_centre"],
        kind="lawyer",
        name="郑律师",
        licence_number="13701202010123456",
        organisation="示范市某某律师事务所",
    )
    _login(page, live_server, "fayuan_head")
    url = f"/legal-aid/{aid.pk}/"
    _step(page, live_server, url, "决定给予法律援助", {"on": iso}, select={"exemption": "migrant_wages"})
    _step(page, live_server, url, "指派法律援助人员", {"on": iso}, select={"person": str(lawyer.pk)})
    aid.refresh_from_db()
    assert aid.state == "assigned"

    # both in the figures
    year = today.year
    assert metric_value("intake.received", period=year)["value"] == 2
    routed = metric_value("intake.routed", period=year)
    assert {b["code"]: b["value"] for b in routed["breakdown"] if b["value"]} == {"mediation": 1, "legal_aid": 1}
    assert metric_value("mediation.successful", period=year)["value"] == 1
    assert metric_value("mediation.confirmed", period=year)["value"] == 1
    assert metric_value("legal_aid.granted", period=year)["value"] == 1
    assert metric_value("legal_aid.assigned", period=year)["value"] == 1
    _login(page, live_server, "tiaojie_admin")
    page.goto(f"{live_server.url}/intake/")
    body = page.inner_text("body")
    assert f"{year}年登记和分流" in body and first.case_number in body and second.case_number in body
    _shots(page, "list")
    page.goto(f"{live_server.url}/cases/stats/mediation/?year={year}")
    assert "调解成功率" in page.inner_text("body")
