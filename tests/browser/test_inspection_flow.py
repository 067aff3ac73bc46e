"""法治督察 in a real browser (issue #22, done-means): a 督察 plan → fieldwork → three findings → the unit's 整改
with evidence → one 退回, then 销号 → the 督察报告 (.docx, counts read back); the unit's board shows the finding
beside an overdue 行政复议 clock (another docket's item) and an 案卷评查 defect of the unit's enforcement files.
Screenshots at 1366×768 and 390×844 in the test's tmp dir."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest

BASIS = "《中华人民共和国行政处罚法》第三十九条"


def _open(page, name: str):
    details = page.locator(f"details#act-{name}")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    return details


def _submit(page, locator):
    with page.expect_navigation():
        locator.click()


def _logout(page):
    page.click("text=退出")
    page.wait_for_url("**/accounts/login/")


def _pdf(path, text: str):
    path.write_bytes(b"%PDF-1.4\n% " + text.encode() + b"\n%%EOF\n")
    return str(path)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_plan_fieldwork_findings_rectification_report(page, live_server, persona, city, login_as, tmp_path):
    from fazhi.cases.models import PartyRole
    from fazhi.cases.services import PartyInput
    from fazhi.deadlines.selectors import today_local
    from fazhi.dockets.reconsideration import services as rs
    from fazhi.inspections.models import Finding
    from fazhi.supervision.services import rule_save, rules_run

    today = today_local()
    leader = persona("office_staff", "gov", username="inspector")
    liaison = persona("dept_liaison", "justice", username="justice")
    handler = persona("reconsideration_handler", "justice")
    # given an overdue 行政复议 clock of the justice bureau on its board (accepted in September)
    case = rs.reconsideration_intake(
        by=handler,
        handling_unit=city["justice"],
        received_on=dt.date(2026, 9, 1),
        channel="in_person",
        applicant=PartyInput(role=PartyRole.APPLICANT, name="张三", id_number="11010519491231002X"),
        act="行政处罚决定（示市监罚〔2026〕8号）",
        request="撤销该处罚决定",
        respondent_unit=city["market"],
    )
    rs.case_accept(case=case, by=handler, on=dt.date(2026, 9, 3), procedure="ordinary", simplified_conditions=[])
    rule_save(
        by=persona("office_head", "gov"),
        data={
            "name": "复议决定超期",
            "kind": "clock_overdue",
            "clock_rule_prefix": "reconsideration.decision",
            "min_working_days_overdue": 5,
            "enabled": True,
        },
    )
    assert rules_run()["raised"] == 1
    # and an 案卷评查 defect: a file of the bureau's own enforcement cases graded with a missing 笔录
    _review_defect(city, persona)

    # the office makes the plan on its pages
    login_as(leader.username)
    page.goto(f"{live_server.url}/inspections/new/")
    page.select_option("[name=kind]", "special")
    page.fill("[name=title]", "行政执法专项督察")
    page.select_option("[name=organizer]", str(city["gov"].pk))
    page.fill("[name=start_on]", (today - dt.timedelta(days=5)).isoformat())
    page.fill("[name=end_on]", (today + dt.timedelta(days=30)).isoformat())
    page.click("#do-create")
    page.wait_for_url(re.compile(r".*/inspections/\d+/$"))
    plan_url = page.url
    form = _open(page, "target")
    form.locator("[name=unit]").select_option(str(city["justice"].pk))
    _submit(page, form.locator("#do-target"))
    form = _open(page, "member")
    form.locator("[name=user]").select_option(label=str(leader))
    form.locator("[name=role]").select_option("leader")
    _submit(page, form.locator("#do-member"))
    form = _open(page, "checklist")
    form.locator("[name=theme]").fill("行政执法")
    form.locator("[name=text]").fill("执法公示制度落实情况")
    form.locator("[name=basis]").fill(BASIS)
    _submit(page, form.locator("#do-checklist"))
    _submit(page, _open(page, "start").locator("#do-start"))
    assert page.locator("#plan-state").inner_text() == "督察中"

    # fieldwork, then three findings; a finding without a responsible unit is refused naming the field
    form = _open(page, "fieldwork")
    form.locator("[name=target]").select_option(index=1)
    form.locator("[name=checklist_item]").select_option(index=1)
    form.locator("[name=method]").select_option("documents")
    form.locator("[name=has_finding]").check()
    form.locator("[name=note]").fill("公示栏信息未更新。")
    _submit(page, form.locator("#do-fieldwork"))
    assert "查阅资料" in page.locator("#fieldwork").inner_text()
    due = (today + dt.timedelta(days=20)).isoformat()
    for i, unit in enumerate(["", city["justice"].pk, city["justice"].pk, city["justice"].pk]):
        form = _open(page, "finding")
        if unit:
            form.locator("[name=responsible_unit]").select_option(str(unit))
        form.locator("[name=text]").fill(f"问题{max(i, 1)}：执法公示不及时。")
        form.locator("[name=basis]").fill(BASIS)
        form.locator("[name=due_on]").fill(due)
        _submit(page, form.locator("#do-finding"))
        if not unit:
            assert "责任单位：请选择问题的责任单位。" in page.content()
            assert Finding.objects.count() == 0
    assert page.locator("#findings tbody tr").count() == 3
    _logout(page)

    # the unit's board: the finding beside the overdue 行政复议 clock
    login_as(liaison.username)
    page.goto(f"{live_server.url}/supervision/")
    board = page.locator("#unit-board li.sup-item")
    kinds = [board.nth(i).get_attribute("data-kind") for i in range(board.count())]
    assert sorted(kinds) == [
        "deadlines.clock",
        "enforcement.review_defect",
        "inspections.finding",
        "inspections.finding",
        "inspections.finding",
    ]
    assert "案卷评查问题整改" in page.inner_text("#unit-board")
    for w, h in ((1366, 768), (390, 844)):
        page.set_viewport_size({"width": w, "height": h})
        page.screenshot(path=str(tmp_path / f"board-{w}x{h}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    # the unit rectifies finding 1 with evidence
    f1 = Finding.objects.get(number=1)
    page.goto(f"{live_server.url}/inspections/findings/{f1.pk}/")
    form = _open(page, "measures")
    form.locator("[name=text]").fill("指定专人每周更新公示栏。")
    _submit(page, form.locator("#do-measures"))
    form = _open(page, "report")
    form.locator("[name=text]").fill("公示栏已更新。")
    form.locator("[name=complete]").check()
    _submit(page, form.locator("#do-report"))
    assert page.locator("#finding-status").inner_text() == "待审核"
    _logout(page)

    # the team: 销号 without evidence is refused; 退回
    login_as(leader.username)
    page.goto(f"{live_server.url}/inspections/findings/{f1.pk}/")
    _submit(page, _open(page, "accept").locator("#do-accept"))
    assert "销号须有佐证材料" in page.content()
    form = _open(page, "return")
    form.locator("[name=reason]").fill("请附公示栏照片。")
    _submit(page, form.locator("#do-return"))
    assert page.locator("#finding-status").inner_text() == "整改中"
    _logout(page)

    # the unit reports again with the evidence; the team 销号
    login_as(liaison.username)
    page.goto(f"{live_server.url}/inspections/findings/{f1.pk}/")
    form = _open(page, "report")
    form.locator("[name=text]").fill("附公示栏照片。")
    form.locator("[name=files]").set_input_files(_pdf(tmp_path / "公示栏照片.pdf", "photo"))
    form.locator("[name=complete]").check()
    _submit(page, form.locator("#do-report"))
    assert "公示栏照片.pdf" in page.locator("#reports").inner_text()
    _logout(page)
    login_as(leader.username)
    page.goto(f"{live_server.url}/inspections/findings/{f1.pk}/")
    form = _open(page, "accept")
    form.locator("[name=note]").fill("整改到位。")
    _submit(page, form.locator("#do-accept"))
    assert page.locator("#finding-status").inner_text() == "已销号"
    assert "退回：请附公示栏照片。" in page.locator("#reviews").inner_text()

    # the 督察报告 counts the findings by their state
    page.goto(plan_url)
    assert page.locator("#plan-counts").inner_text() == "共3个：待整改2，整改中0，待审核0，已销号1"
    with page.expect_download() as dl:
        page.click("#report-docx")
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(open(dl.value.path(), "rb").read())).paragraphs)
    assert "已销号1个，待审核0个，整改中0个，待整改2个；逾期未整改0个。" in text
    _logout(page)
    login_as(liaison.username)
    page.goto(f"{live_server.url}/supervision/")
    assert page.locator("#unit-board li.sup-item[data-kind='inspections.finding']").count() == 2
    assert page.locator("#unit-board li.sup-item[data-kind='deadlines.clock']").count() == 1
    assert page.locator("#unit-board li.sup-item[data-kind='enforcement.review_defect']").count() == 1


def _review_defect(city, persona) -> None:
    """A 案卷评查 campaign of the office over the justice bureau's enforcement cases: one file sampled, scored alike by
    the two reviewers (graded, no 合议), a defect recorded — raised on the bureau's board (enforcement.review_defect)."""
    from fazhi.enforcement.services import campaign_create, campaign_sample, defect_record, file_score
    from fazhi.enforcement.tests.factories import body_with_staff, case_made

    body = body_with_staff(city["justice"])["body"]
    case_made(body, number="SF-1", filed_on=dt.date(2026, 3, 2))
    from fazhi.orgs.tests.factories import UserFactory

    role = persona("office_staff", "gov").roles.first()
    lead, a, b = (
        UserFactory(username=n, unit=city["gov"], roles=[role]) for n in ("pingcha", "pingcha_a", "pingcha_b")
    )
    camp = campaign_create(
        by=lead,
        title="2026年行政执法案卷评查",
        organizer=city["gov"],
        bodies=[body],
        period_from=dt.date(2026, 1, 1),
        period_to=dt.date(2026, 12, 31),
        sample_size=1,
        lead=lead,
        reviewers=[a, b],
        seed="browser",
    )
    file = campaign_sample(by=lead, campaign=camp)[0]
    items = {i["code"]: i["points"] for i in camp.sheet} | {"evidence": 0}
    file_score(by=a, file=file, items=items)
    file_score(by=b, file=file, items=items)
    defect_record(by=lead, file=file, item_code="evidence", text="缺少现场检查笔录")
