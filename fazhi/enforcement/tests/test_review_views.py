"""The 案卷评查 and 涉企检查 pages: a campaign made and sampled on its page, each reviewer's own score form (a refused
form keeps what was typed and names the field; the other reviewer's sheet stays hidden until both scored), the lead's
合议 and defects, results per body; inspections recorded on a page and confirmed by the enterprise through the
portal's code link (anonymous, rate-limited)."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.test import Client

from fazhi.enforcement.models import Inspection, ReviewCampaign, ReviewFile
from fazhi.enforcement.services import matter_save
from fazhi.supervision.models import Item

from .factories import CREDIT, body_with_staff, case_made

D = dt.date
pytestmark = pytest.mark.django_db


def _client(user):
    c = Client()
    c.force_login(user)
    s = c.session
    s["fazhi_login_at"] = s["fazhi_last_seen"] = time.time()
    s.save()
    return c


@pytest.fixture
def world(city, builtin_roles):
    from fazhi.orgs.tests.factories import UserFactory

    market = body_with_staff(city["market"])
    for i in range(5):
        case_made(market["body"], number=f"示市监罚〔2026〕{i + 1}号", filed_on=D(2026, 3, 2) + dt.timedelta(days=i))
    role = builtin_roles["office_staff"]
    users = {n: UserFactory(username=n, unit=city["justice"], roles=[role]) for n in ("lead", "r1", "r2")}
    return {"body": market["body"], **users, "city": city}


def _score(**kw):
    data = {
        "score-item_subject": 10,
        "score-item_facts": 15,
        "score-item_evidence": 15,
        "score-item_basis": 15,
        "score-item_procedure": 15,
        "score-item_discretion": 10,
        "score-item_documents": 10,
        "score-item_archive": 10,
        "score-note": "",
    }
    data.update(kw)
    return data


def _campaign_via_page(world):
    c = _client(world["lead"])
    page = c.get("/enforcement/reviews/")
    assert page.status_code == 200 and "新建评查活动" in page.content.decode()
    r = c.post(
        "/enforcement/reviews/",
        {
            "title": "2026年案卷评查",
            "bodies": [world["body"].pk],
            "period_from": "2026-01-01",
            "period_to": "2026-06-30",
            "kinds": ["penalty"],
            "sample_size": 3,
            "seed": "s1",
            "lead": world["lead"].pk,
            "reviewers": [world["r1"].pk, world["r2"].pk],
        },
    )
    camp = ReviewCampaign.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/enforcement/reviews/{camp.pk}/"
    r = c.post(f"/enforcement/reviews/{camp.pk}/sample/")
    assert r.status_code == 302 and camp.files.count() == 3
    return c, camp


def test_a_refused_campaign_keeps_the_input_and_names_the_field(world):
    c = _client(world["lead"])
    r = c.post(
        "/enforcement/reviews/",
        {
            "title": "评查",
            "bodies": [world["body"].pk],
            "period_from": "2026-06-30",
            "period_to": "2026-01-01",
            "sample_size": 3,
            "lead": world["lead"].pk,
            "reviewers": [world["r1"].pk, world["r2"].pk],
        },
    )
    html = r.content.decode()
    assert r.status_code == 200 and ReviewCampaign.objects.count() == 0
    assert "立案日期至：立案日期至2026-01-01不能早于立案日期自2026-06-30。" in html
    assert 'value="评查"' in html


def test_two_reviewers_score_independently_then_the_lead_reconciles_and_records_defects(world):
    lead, camp = _campaign_via_page(world)
    rf = camp.files.order_by("case_id").first()
    a, b = (world["r1"], world["r2"]) if rf.reviewer_a_id == world["r1"].pk else (world["r2"], world["r1"])
    ca, cb = _client(a), _client(b)
    url = f"/enforcement/reviews/files/{rf.pk}/"
    # a refused score keeps the input and names the field
    r = ca.post(url + "do/score/", _score(**{"score-item_evidence": 16, "score-note": "证据链不完整"}))
    html = r.content.decode()
    assert r.status_code == 200 and rf.scores.count() == 0
    assert "证据（15分）：得分不能超过15分。" in html and "证据链不完整" in html
    assert ca.post(url + "do/score/", _score(**{"score-item_evidence": 5, "score-item_archive": 0})).status_code == 302
    # the second reviewer does not see the first's sheet before scoring
    page = cb.get(url).content.decode()
    assert "80分" not in page and "我的评分" in page
    assert cb.post(url + "do/score/", _score(**{"score-item_evidence": 10})).status_code == 302
    rf.refresh_from_db()
    assert rf.state == "different"
    page = cb.get(url).content.decode()
    assert "不一致" in page and "80分" in page and "95分" in page
    # the reviewers may not reconcile; the lead does
    assert ca.post(url + "do/reconcile/", {"rec-note": "x"}).status_code == 404
    rec = {
        k.replace("score-", "rec-"): v
        for k, v in _score(**{"score-item_evidence": 0, "score-item_archive": 0, "score-item_procedure": 10}).items()
    }
    r = lead.post(url + "do/reconcile/", {**rec, "rec-note": ""})
    assert r.status_code == 200 and "合议说明：" in r.content.decode()
    assert lead.post(url + "do/reconcile/", {**rec, "rec-note": "缺少现场笔录"}).status_code == 302
    rf.refresh_from_db()
    assert (rf.total, rf.grade, rf.reconciled) == (70, "fail", True)
    for code, text in (("evidence", "缺少现场检查笔录"), ("archive", "案卷未装订归档")):
        r = lead.post(url + "do/defect/", {"defect-item_code": code, "defect-text": text})
        assert r.status_code == 302
    assert (
        list(Item.objects.filter(kind="enforcement.review_defect").values_list("unit_id", flat=True))
        == [world["body"].unit_id] * 2
    )
    results = lead.get(f"/enforcement/reviews/{camp.pk}/results/").content.decode()
    # (each cell carries its column's label for the phone's cards: fazhi/core/phone_cards.py)
    assert (
        '<td data-label="执法主体">示范市市场监督管理局</td><td data-label="抽取">3</td><td data-label="已定等">1</td>'
        '<td data-label="优秀">0</td><td data-label="合格">0</td><td data-label="不合格">1</td>'
        '<td data-label="合格率">0.0%</td><td data-label="问题">2</td><td data-label="未销号">2</td>'
    ) in results


def test_only_the_panel_and_the_office_see_a_campaign(world, persona):
    _lead, camp = _campaign_via_page(world)
    liaison = _client(persona("dept_liaison", unit="market"))
    assert liaison.get(f"/enforcement/reviews/{camp.pk}/").status_code == 404
    rf = ReviewFile.objects.filter(campaign=camp).first()
    assert liaison.get(f"/enforcement/reviews/files/{rf.pk}/").status_code == 404


@pytest.fixture
def inspection(world):
    matter_save(
        by="t",
        body=world["body"],
        code="JC-001",
        name="产品质量检查",
        kind="inspection",
        basis="依据",
        published_on=D(2026, 1, 1),
    )
    return world


def test_an_inspection_recorded_on_its_page_gets_a_code_link_the_enterprise_confirms(inspection, persona):
    c = _client(persona("dept_liaison", unit="market"))
    data = {
        "body": inspection["body"].pk,
        "on": "2026-03-10",
        "matter_code": "JC-001",
        "enterprise_code": "91350100M000100Y44",
        "enterprise_name": "示范市某某商贸有限公司",
        "officer_numbers": "SJ-A, SJ-B",
        "result": "未发现问题",
    }
    r = c.post("/enforcement/inspections/new/", data)
    assert r.status_code == 200 and Inspection.objects.count() == 0
    assert "统一社会信用代码：" in r.content.decode() and 'value="示范市某某商贸有限公司"' in r.content.decode()
    r = c.post("/enforcement/inspections/new/", {**data, "enterprise_code": CREDIT})
    insp = Inspection.objects.get()
    assert r.status_code == 302 and len(insp.confirm_code) == 32
    page = c.get(f"/enforcement/inspections/{insp.pk}/").content.decode()
    link = f"/portal/inspections/confirm/{insp.confirm_code}/"
    assert link in page and "待企业确认" in page
    anon = Client()
    assert anon.get("/portal/inspections/confirm/not-a-code/").status_code == 404
    r = anon.post(link, {"answer": "disputed", "note": ""})
    assert r.status_code == 200 and "意见或异议内容：有异议的，请填写异议内容。" in r.content.decode()
    r = anon.post(link, {"answer": "confirmed", "rating": "5", "note": "检查规范"})
    assert r.status_code == 200 and "企业已确认" in r.content.decode()
    insp.refresh_from_db()
    assert (insp.confirm_state, insp.confirm_rating, insp.confirm_note) == ("confirmed", 5, "检查规范")
    r = anon.post(link, {"answer": "disputed", "note": "再次提交"})
    assert "企业已确认（" in r.content.decode() and 'id="confirm-form"' not in r.content.decode()
    insp.refresh_from_db()
    assert (insp.confirm_state, insp.confirm_note) == ("confirmed", "检查规范")
    assert "企业已确认（" in c.get(f"/enforcement/inspections/{insp.pk}/").content.decode()
    assert "企业已确认" in c.get("/enforcement/inspections/").content.decode()


def test_the_confirmation_page_is_rate_limited_per_address(inspection, monkeypatch):
    from fazhi.enforcement import portal_views

    monkeypatch.setattr(portal_views, "VIEW_LIMIT", (3, 600))
    anon = Client()
    codes = [anon.get(f"/portal/inspections/confirm/guess{i}/").status_code for i in range(4)]
    assert codes == [404, 404, 404, 429]
