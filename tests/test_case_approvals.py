"""Issue 9 ¶4, ¶5, ¶7, ¶9: the approval page shows the whole draft with its differences from the draft sent back and
the 决定书 as it will be issued; 待我审批 on the workbench; the issuing body per docket and document; every template
renders its sections once; the small defects (court case number, company plaintiffs, the published page, drill links,
the rectification link)."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.cases.documents import document_text
from fazhi.cases.models import DocumentTemplate, PartyRole
from fazhi.cases.registry import docket_get
from fazhi.cases.services import PartyInput, templates_seed
from fazhi.core.errors import DomainError

pytestmark = pytest.mark.django_db
MON = dt.date(2025, 3, 3)
DRAFT = {
    "outcome": "revoke",
    "facts": "经审理查明：被申请人未听取申请人陈述申辩。",
    "reasons": "被申请人违反法定程序。",
    "decision_text": "撤销被申请人作出的示市监罚〔2025〕8号行政处罚决定。",
}


@pytest.fixture
def users(persona):
    return persona("reconsideration_handler", "justice"), persona("reconsideration_head", "justice")


@pytest.fixture
def heard(city, users):
    from fazhi.dockets.reconsideration import services as s

    handler, _ = users
    case = s.reconsideration_intake(
        by=handler,
        handling_unit=city["justice"],
        received_on=MON,
        channel="in_person",
        applicant=PartyInput(
            role=PartyRole.APPLICANT, name="张三", id_number="11010519491231002X", address="示范市人民路1号"
        ),
        act="行政处罚决定（示市监罚〔2025〕8号）",
        request="撤销该处罚决定",
        facts="申请人称其未实施违法行为。",
        respondent_unit=city["market"],
    )
    s.case_accept(case=case, by=handler, on=MON + dt.timedelta(days=1))
    s.case_send_copy(case=case, by=handler, on=MON + dt.timedelta(days=2))
    return s.case_record_reply(case=case, by=handler, on=MON + dt.timedelta(days=6), summary="处罚程序合法。")


def test_the_head_reads_the_draft_sends_it_back_and_sees_what_changed(heard, users, login_client):
    from fazhi.dockets.reconsideration import services as s

    handler, head = users
    s.case_draft_decision(case=heard, by=handler, on=dt.date(2025, 3, 18), **{**DRAFT, "reasons": "被申请人程序不当。"})
    c = login_client(head)
    home = c.get("/").content.decode()
    assert "待我审批（1）" in home and f"/reconsideration/{heard.pk}/do/approve_decision/" in home
    page = c.get(f"/reconsideration/{heard.pk}/do/approve_decision/").content.decode()
    assert "拟定的行政复议决定" in page and "被申请人程序不当。" in page and "<ins>" not in page
    assert "行政复议决定书（预览）" in page and "示范市人民政府" in page
    resp = c.post(
        f"/reconsideration/{heard.pk}/do/refuse/",
        {"request": "decision", "reason": "理由未写明违反的程序", "version": heard.refresh_from_db() or heard.version},
    )
    assert resp.status_code == 302
    heard.refresh_from_db()
    assert login_client(head).get("/").content.decode().count("待我审批（0）") == 1
    s.case_draft_decision(case=heard, by=handler, on=dt.date(2025, 3, 19), **DRAFT)
    page = login_client(head).get(f"/reconsideration/{heard.pk}/do/approve_decision/").content.decode()
    assert "上次退回理由：理由未写明违反的程序" in page
    assert '<span class="diff">被申请人<ins>违反法定</ins>程序<del>不当</del>。</span>' in page
    heard.refresh_from_db()
    resp = login_client(head).post(
        f"/reconsideration/{heard.pk}/do/approve_decision/", {"on": "2025-03-20", "version": heard.version}
    )
    assert resp.status_code == 302
    heard.refresh_from_db()
    assert heard.state == "decided"
    from docx import Document

    doc = heard.documents.get(template_code="decision")
    text = "\n".join(p.text for p in Document(doc.file.open("rb")).paragraphs)
    assert text.rstrip().endswith("示范市人民政府\n2025年3月20日")
    assert "经审理查明：经审理查明" not in text and "撤销：撤销" not in text
    assert "被申请人称：处罚程序合法。" in text and "申请人称：申请人称其未实施违法行为。" in text
    assert "张三，公民身份号码11010519491231002X，住址示范市人民路1号" in text


SECTIONS = [
    "申请人：",
    "被申请人：",
    "向本机关申请行政复议",
    "申请人请求：",
    "申请人称：",
    "被申请人称：",
    "经审理查明：",
    "本机关认为：",
    "本机关决定如下：",
    "申请人如不服本决定",
    "示范市人民政府",
]


def test_every_template_renders_with_its_sections_once_and_nothing_left_unfilled(heard):
    from fazhi.dockets.reconsideration.services._common import _context
    from fazhi.dockets.reconsideration.services.decision import decision_context, decision_validate

    for spec in (docket_get("reconsideration"), docket_get("litigation")):
        templates_seed(spec.code)
        for d in spec.documents:
            ctx = _context(
                heard,
                日期="2025年3月20日",
                补正事项="缺身份证明",
                不予受理理由="超过期限",
                告知="特此决定。",
                答复期限="十个工作日",
                听证日期="2025年4月1日",
                听证地点="第一听证室",
                听证事项="处罚程序",
                中止理由="申请人丧失行为能力",
                终止理由="申请人撤回申请",
                延期理由="案情复杂",
                延长天数=20,
            )
            if d.code == "decision":
                ctx.update(decision_context(heard, decision_validate(DRAFT)))
            title, lines = document_text(heard, d.code, ctx)
            text = "\n".join(lines)
            assert "【未填" not in text, (d.code, text)
            assert lines[-2:] == ["示范市人民政府", "2025年3月20日"] or lines[-2:] == [
                ">>示范市人民政府",
                ">>2025年3月20日",
            ]
            if d.code == "decision":
                positions = [text.find(s) for s in SECTIONS]
                assert -1 not in positions and positions == sorted(positions), positions
                for heading in ("经审理查明：", "本机关认为：", "\n申请人称：", "被申请人称："):
                    assert text.count(heading) == 1, heading
                assert "撤销被申请人作出的示市监罚〔2025〕8号行政处罚决定。" in lines


def test_the_issuing_body_is_a_setting_per_docket_and_document(heard, users, login_client):
    handler, head = users
    templates_seed("reconsideration")
    row = DocumentTemplate.objects.get(docket="reconsideration", code="acceptance_notice")
    assert row.issuer == "示范市人民政府"
    c = login_client(handler)
    resp = c.post(
        f"/cases/templates/{row.pk}/",
        {"title": row.title, "issuer": "示范市人民政府（行政复议专用章）", "body": row.body, "version": row.version},
    )
    assert resp.status_code == 302
    _title, lines = document_text(heard, "acceptance_notice", {"日期": "2025年3月4日"})
    assert lines[-2] == ">>示范市人民政府（行政复议专用章）"
    _title, lines = document_text(heard, "decision", {"日期": "2025年3月4日"})
    assert lines[-2] == ">>示范市人民政府"


def test_court_case_number_shape_and_company_plaintiffs(city, users):
    from fazhi.dockets.litigation.services import litigation_register

    handler, _ = users
    args = dict(
        by=handler,
        handling_unit=city["justice"],
        court="示范市东城区人民法院",
        plaintiff=PartyInput(role=PartyRole.APPLICANT, name="示范市鑫达建材有限公司"),
        cause="不服行政处罚",
        instance="first",
        served_on=MON,
        defendant_unit=city["market"],
    )
    for bad in ("abc", "2026鲁0102行初123号", "（2026）鲁0102民初123号", "（2026）鲁0102行初号"):
        with pytest.raises(DomainError) as exc:
            litigation_register(court_case_number=bad, **args)
        assert exc.value.field == "court_case_number"
        assert exc.value.message.startswith(f"法院案号“{bad}”格式不正确，应如 （2026）鲁0102行初123号")
    case = litigation_register(court_case_number="(2026)鲁0102行初123号", **args)
    assert case.extra["court_case_number"] == "（2026）鲁0102行初123号"
    plaintiff = case.parties.get(role="applicant")
    assert (plaintiff.kind, plaintiff.masked_name) == ("organisation", "示范市鑫达建材有限公司")


def test_published_decision_page_and_stats_drill_links(heard, users, client, login_client):
    from fazhi.dockets.reconsideration import services as s

    handler, head = users
    s.case_draft_decision(case=heard, by=handler, on=MON + dt.timedelta(days=20), **DRAFT)
    s.case_approve_decision(case=heard, by=head, on=MON + dt.timedelta(days=20))
    s.case_publish(case=heard, by=head, on=MON + dt.timedelta(days=21))
    page = client.get(f"/portal/reconsideration/decisions/{heard.pk}/").content.decode()
    assert "作出机关：示范市人民政府" in page and "决定日期：2025-03-23" in page and "公开日期：2025-03-24" in page
    assert page.count('href="/portal/reconsideration/decisions/"') == 2
    assert "张*" in page and "张三" not in page
    stats = login_client(head).get("/reconsideration/stats/?year=2025").content.decode()
    assert 'href="/cases/stats/reconsideration/cases/?year=2025&key=received"' in stats
    assert "key=outcome:revoke" in stats


def test_the_queue_finds_a_pending_decision_behind_thousands_of_older_cases_without_a_request(heard, users, city):
    """待我审批 read the oldest 2,000 cases of the approval steps' states and missed a newer pending one (issue 9)."""
    from fazhi.cases.approvals import approval_queue
    from fazhi.cases.models import Case
    from fazhi.dockets.reconsideration import services as s

    handler, head = users
    Case.objects.bulk_create(
        Case(
            docket="reconsideration",
            case_number=f"示复〔2024〕{n}号",
            number_year=2024,
            number_seq=n,
            state="accepted",
            handling_unit=city["justice"],
            respondent_unit=city["market"],
            received_on=dt.date(2024, 1, 2),
            extra={"accepted_on": "2024-01-03"},
        )
        for n in range(1, 2101)
    )
    assert approval_queue(head) == []
    s.case_draft_decision(case=heard, by=handler, **DRAFT)
    assert [(p.case.pk, p.transition.code) for p in approval_queue(head)] == [(heard.pk, "approve_decision")]
