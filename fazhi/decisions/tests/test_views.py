import io
import zipfile

import pytest
from django.urls import reverse

from fazhi.decisions.models import Decision, Meeting
from fazhi.decisions.services import decision_party_report, decision_publish

from .factories import MET, decision_launched, legality_done, meeting


@pytest.fixture
def staff(persona):
    return persona("office_staff")


@pytest.fixture
def reviewed(city, staff):
    d = decision_launched(city, staff)
    legality_done(d, staff)
    return d


def test_a_meeting_date_before_the_legality_opinion_is_shown_beside_the_field(reviewed, staff, login_client):
    c = login_client(staff)
    resp = c.post(
        reverse("decisions:act", args=[reviewed.pk, "meeting"]),
        {
            "kind": "政府常务会议",
            "held_on": "2026-11-10",
            "attendees": "王市长\n李副市长",
            "speakers": "李副市长\n王市长",
            "head": "王市长",
            "majority": "adopted",
            "result": "adopted",
            "dissents": "李副市长：建议试点",
            "decision_text": "同意",
        },
    )
    body = resp.content.decode()
    assert resp.status_code == 400
    assert "会议日期（决定日期）：会议日期不能早于合法性审查意见日期（2026-11-11）。" in body
    assert "李副市长：建议试点" in body  # what was typed is kept
    d = Decision.objects.get()
    assert (d.state, d.decided_on, Meeting.objects.count()) == ("discussion", None, 0)


def test_the_page_offers_only_the_steps_the_state_allows(reviewed, staff, login_client):
    body = login_client(staff).get(reverse("decisions:detail", args=[reviewed.pk])).content.decode()
    assert 'id="do-meeting"' in body and 'id="do-send_back"' in body and 'id="do-publish"' not in body


def test_another_units_liaison_cannot_open_the_decision(reviewed, persona, login_client):
    c = login_client(persona("dept_liaison", unit="finance"))
    assert c.get(reverse("decisions:detail", args=[reviewed.pk])).status_code == 404
    assert (
        c.post(
            reverse("decisions:act", args=[reviewed.pk, "send_back"]), {"to_step": "risk", "reason": "x"}
        ).status_code
        == 404
    )
    assert Decision.objects.get().state == "discussion"


def test_the_archive_holds_the_record_and_the_dissent(reviewed, staff, login_client):
    meeting(reviewed, staff, dissents=[("李副市长", "建议先试点")])
    resp = login_client(staff).get(reverse("decisions:archive", args=[reviewed.pk]))
    z = zipfile.ZipFile(io.BytesIO(b"".join(resp.streaming_content)))
    assert sorted(z.namelist()) == ["决策过程记录.docx", "决策过程记录.json"]
    record = z.read("决策过程记录.json").decode()
    assert "建议先试点" in record and '"held_on": "2026-11-12"' in record


def test_published_decisions_and_catalogues_are_public(reviewed, staff, client):
    meeting(reviewed, staff)
    decision_party_report(decision=reviewed, by=staff, on=MET)
    decision_publish(decision=reviewed, by=staff, on=MET, publication="政府网站")
    assert client.get(reverse("portal:major_decision", args=[reviewed.pk])).status_code == 200
    assert "示范市停车收费标准调整" in client.get(reverse("portal:decision_catalogues")).content.decode()


def test_pages_render_for_the_office(reviewed, staff, login_client):
    c = login_client(staff)
    for url in (reverse("decisions:list"), reverse("decisions:new"), reverse("decisions:catalogue_list")):
        assert c.get(url).status_code == 200


def test_the_statistics_page_and_its_excel_agree_with_the_command(reviewed, staff, login_client):
    from io import BytesIO

    from openpyxl import load_workbook

    meeting(reviewed, staff)
    c = login_client(staff)
    page = c.get(reverse("decisions:stats") + "?year=2026").content.decode()
    assert 'id="fig-decisionslegality_review_rate"' in page
    assert "/metrics/decisions.legality_review_rate/?year=2026" in page
    resp = c.get(reverse("decisions:stats_export") + "?year=2026&period=Q4")
    wb = load_workbook(BytesIO(b"".join(resp.streaming_content)))
    rows = {r[0]: r[1] for r in wb["重大行政决策统计"].iter_rows(min_row=3, values_only=True)}
    assert (rows["启动决策"], rows["作出决定"], rows["合法性审查率"]) == (1, 1, 100)  # launched 9 October
    assert [r for r in wb["按承办单位"].iter_rows(min_row=2, values_only=True)] == [
        ("示范市市场监督管理局", 1, 1, 0, 100.0)
    ]


def test_a_bad_year_on_the_statistics_page_says_so(staff, login_client):
    resp = login_client(staff).get(reverse("decisions:stats") + "?year=abc")
    assert resp.status_code == 400
    assert "年度" in resp.content.decode()
