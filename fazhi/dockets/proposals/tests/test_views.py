"""Pages: the list, the detail (lead and assisting unit), a transition refused with the error beside its field and
what was typed kept, a share's step, the import page."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.dockets.proposals.models import Assignment

from .conftest import ASSIGNED

pytestmark = pytest.mark.django_db


def test_list_and_detail_render_for_the_lead_unit(item, handler, login_client):
    case = item(number="42")
    client = login_client(handler)
    body = client.get("/proposals/").content.decode()
    assert "关于加强老旧小区停车管理的建议" in body and ">42<" in body
    page = client.get(f"/proposals/{case.pk}/").content.decode()
    assert "代表建议 第42号" in page
    assert f"/proposals/{case.pk}/do/sign/" in page
    assert "138****5678" in page and "13812345678" not in page  # the deputy's phone is masked


def test_the_assisting_unit_sees_its_steps_and_no_opinions_of_others(item, city, assist_handler, login_client):
    case = item(assist_units=[city["finance"]])
    share = Assignment.objects.get(case=case, role="assist")
    client = login_client(assist_handler)
    page = client.get(f"/proposals/{case.pk}/").content.decode()
    assert f"/proposals/share/{share.pk}/opinion/" in page
    assert f"/proposals/{case.pk}/do/sign/" not in page
    resp = client.post(f"/proposals/share/{share.pk}/opinion/", {"on": "2026-03-20", "opinion": "资金列入预算"})
    assert resp.status_code == 302
    share.refresh_from_db()
    assert share.opinion == "资金列入预算"
    assert "资金列入预算" not in client.get(f"/proposals/{case.pk}/").content.decode()  # the lead's to read


def test_a_reply_dated_before_handover_is_refused_beside_the_field(ready, handler, login_client):
    case = ready()
    client = login_client(handler)
    resp = client.post(f"/proposals/{case.pk}/do/send/", {"version": case.version, "on": "2026-03-01"})
    assert resp.status_code == 200
    body = resp.content.decode()
    assert "答复日期2026年3月1日不能早于交办日期2026年3月2日。" in body
    assert 'value="2026-03-01"' in body
    case.refresh_from_db()
    assert case.state == "handling"


def test_sending_through_the_page(ready, handler, login_client):
    case = ready()
    client = login_client(handler)
    on = (ASSIGNED + dt.timedelta(days=30)).isoformat()
    resp = client.post(f"/proposals/{case.pk}/do/send/", {"version": case.version, "on": on})
    assert resp.status_code == 302
    case.refresh_from_db()
    assert case.state == "replied"


def test_the_sign_off_page_shows_the_letter_as_it_will_be_issued(item, handler, head, login_client):
    from fazhi.dockets.proposals import services as s

    case = s.case_sign(case=item(), by=handler, on=dt.date(2026, 3, 4))
    case = s.case_contact(case=case, by=handler, on=dt.date(2026, 3, 10), form="visit")
    case = s.case_draft(case=case, by=handler, result_class="A", text="已增设停车位200个。")
    body = login_client(head).get(f"/proposals/{case.pk}/do/sign_off/").content.decode()
    assert "已增设停车位200个。" in body
    assert "张代表代表：" in body


def test_import_page_offers_the_template(office, login_client):
    client = login_client(office)
    assert client.get("/proposals/import/").status_code == 200
    resp = client.get("/proposals/import/?template=1")
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_office_decides_a_shares_reassignment_on_its_page(item, city, assist_handler, office, login_client):
    case = item(assist_units=[city["finance"]])
    share = Assignment.objects.get(case=case, role="assist")
    Assignment.objects.filter(pk=share.pk).update(
        reassign_reason="不涉及财政资金", reassign_asked_on=dt.date(2026, 3, 4)
    )
    url = f"/proposals/share/{share.pk}/decide/"
    assert url not in login_client(assist_handler).get(f"/proposals/{case.pk}/").content.decode()
    assert login_client(assist_handler).get(url).status_code == 404  # the unit never decides its own request
    client = login_client(office)
    assert url in client.get(f"/proposals/{case.pk}/").content.decode()
    resp = client.post(url, {"on": "2026-03-03", "unit": city["finance"].pk, "note": "经核实"})
    body = resp.content.decode()
    assert resp.status_code == 200
    assert "决定日期不能早于申请调整的日期（2026年3月4日）。" in body and "经核实" in body
    assert Assignment.objects.filter(case=case, active=True).count() == 2
    resp = client.post(url, {"on": "2026-03-05", "unit": city["justice"].pk, "note": "经核实"})
    assert resp.status_code == 302
    moved = Assignment.objects.get(case=case, role="assist", active=True)
    assert (moved.unit, moved.assigned_on) == (city["justice"], dt.date(2026, 3, 5))


def test_the_lead_unit_records_a_meeting_on_its_page_and_a_refusal_keeps_the_minutes(
    item, city, handler, deputy, login_client
):
    from fazhi.dockets.proposals import services as s

    case = s.case_sign(case=item(assist_units=[city["finance"]]), by=handler, on=dt.date(2026, 3, 3))
    client = login_client(handler)
    assert f"/proposals/{case.pk}/meeting/" in client.get(f"/proposals/{case.pk}/").content.decode()
    page = client.get(f"/proposals/{case.pk}/meeting/").content.decode()
    assert "示范市财政局" in page and "示范市司法局" not in page  # only the units handling the item
    data = {
        "kind": "face",
        "on": "2026-03-10",
        "place": "三楼会议室",
        "units": [city["market"].pk],
        "minutes": "商定整治",
    }
    resp = client.post(f"/proposals/{case.pk}/meeting/", data)
    body = resp.content.decode()
    assert resp.status_code == 200 and "面商须有代表/委员参加" in body and "商定整治" in body
    resp = client.post(f"/proposals/{case.pk}/meeting/", {**data, "proposers": [deputy.pk]})
    assert resp.status_code == 302
    page = client.get(f"/proposals/{case.pk}/").content.decode()
    assert "三楼会议室" in page and "代表/委员：张代表" in page
