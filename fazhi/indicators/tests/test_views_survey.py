"""The survey's pages: the public sheet on the portal (anonymous, progress shown, one answer per submit), the office's
list, results with the chart, opening and closing, codes as Excel; who sees what."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from django.urls import reverse

from fazhi.indicators.models import Survey, SurveyResponse
from fazhi.indicators.services_survey import survey_answer_submit, survey_create, survey_state_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(persona):
    return persona("office_staff", "justice")


def _survey(office, city, identity="phone"):
    s = survey_create(
        by=office,
        title="群众满意度调查",
        year=2026,
        owner=city["justice"],
        subject=city["market"],
        questions=["依法办事", "执法规范"],
        sample_target=4,
        identity=identity,
    )
    return survey_state_set(by=office, survey=s, state="open")


def _sheet(s, phone="13900000001", token="7b0c1d2e-0000-4000-8000-000000000001"):
    q1, q2 = s.questions.order_by("position")
    return {f"q_{q1.pk}": "satisfied", f"q_{q2.pk}": "basic", "phone": phone, "submit_token": token}


def test_the_public_answers_once_and_sees_the_progress(client, office, city):
    s = _survey(office, city)
    url = reverse("portal:survey", args=[s.pk])
    page = client.get(url).content.decode()
    assert '已收到 <b id="progress-count">0</b> 份答卷，样本量目标 4 份（0.0%）' in page and "提交答卷" in page
    done = client.post(url, _sheet(s))
    assert done.status_code == 302 and done["Location"] == url + "?done=1"
    again = client.post(url, _sheet(s))  # the same submit resent
    assert again.status_code == 302 and SurveyResponse.objects.count() == 1
    after = client.get(done["Location"]).content.decode()
    assert "您的答卷已收到" in after and '已收到 <b id="progress-count">1</b> 份答卷，样本量目标 4 份（25.0%）' in after
    other = client.post(url, _sheet(s, token="7b0c1d2e-0000-4000-8000-000000000002"))  # a new sheet, same phone
    html = other.content.decode()
    assert other.status_code == 400 and "手机号码：该手机号码已参与本次调查，每份限答一次。" in html
    assert SurveyResponse.objects.count() == 1
    listing = client.get(reverse("portal:surveys")).content.decode()
    assert "群众满意度调查" in listing and "已收到 1 份，样本目标 4 份" in listing


def test_a_missing_rating_is_kept_beside_its_question(client, office, city):
    s = _survey(office, city)
    data = _sheet(s)
    q2 = s.questions.get(position=2)
    del data[f"q_{q2.pk}"]
    page = client.post(reverse("portal:survey", args=[s.pk]), data)
    assert page.status_code == 400 and "请选择满意程度。" in page.content.decode()
    assert 'value="13900000001"' in page.content.decode() and SurveyResponse.objects.count() == 0


def test_a_draft_survey_is_not_on_the_portal(client, office, city):
    s = survey_create(by=office, title="草稿", year=2026, owner=city["justice"], questions=["甲"], sample_target=1)
    assert client.get(reverse("portal:survey", args=[s.pk])).status_code == 404
    assert "草稿" not in client.get(reverse("portal:surveys")).content.decode()


def test_the_office_creates_opens_sees_the_results_and_closes(office, city, login_client):
    client = login_client(office)
    made = client.post(
        reverse("indicators:surveys"),
        {
            "title": "年度调查",
            "year": 2026,
            "identity": "phone",
            "sample_target": 10,
            "questions": "依法办事\n\n执法规范\n",
            "intro": "",
            "submit_token": "7b0c1d2e-0000-4000-8000-0000000000aa",
        },
    )
    s = Survey.objects.get()
    assert made.status_code == 302 and made["Location"] == reverse("indicators:survey", args=[s.pk])
    assert list(s.questions.values_list("position", "text")) == [(1, "依法办事"), (2, "执法规范")]
    assert s.subject == city["justice"] and s.state == "draft"
    opened = client.post(reverse("indicators:survey_state", args=[s.pk]), {"state": "open", "version": s.version})
    s.refresh_from_db()
    assert opened.status_code == 302 and s.state == "open"
    survey_answer_submit(
        survey=s, phone="13900000001", ratings=dict.fromkeys(s.questions.values_list("pk", flat=True), "satisfied")
    )
    q1, q2 = s.questions.order_by("position")
    survey_answer_submit(survey=s, phone="13900000002", ratings={q1.pk: "basic", q2.pk: "unsatisfied"})
    page = client.get(reverse("indicators:survey", args=[s.pk])).content.decode()
    assert '<div class="num" id="survey-responses">2 / 10</div>' in page
    assert '<div class="num" id="survey-rate">75.0%</div>' in page  # 3 of 4 ratings
    assert 'class="chart"' in page and "&quot;name&quot;: &quot;基本满意&quot;" in page  # the chart's series
    cells = r"<td[^>]*>2\. 执法规范</td><td[^>]*>1</td><td[^>]*>0</td><td[^>]*>1</td><td[^>]*>50\.0%</td>"
    assert re.search(cells, page)
    stale = client.post(reverse("indicators:survey_state", args=[s.pk]), {"state": "closed", "version": 1})
    s.refresh_from_db()
    assert stale.status_code == 302 and s.state == "open"  # the page was out of date: refused
    client.post(reverse("indicators:survey_state", args=[s.pk]), {"state": "closed", "version": s.version})
    s.refresh_from_db()
    assert s.state == "closed"


def test_codes_come_once_as_excel(office, city, login_client):
    from openpyxl import load_workbook

    s = _survey(office, city, identity="code")
    client = login_client(office)
    resp = client.post(reverse("indicators:survey_codes", args=[s.pk]), {"count": 5})
    assert resp.status_code == 200 and resp["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(BytesIO(resp.content)).active.iter_rows(values_only=True))
    assert rows[1] == ("序号", "答题码", "答题网址") and len(rows) == 7
    code = rows[2][1]
    q1, q2 = s.questions.order_by("position")
    survey_answer_submit(survey=s, code=code, ratings={q1.pk: "basic", q2.pk: "basic"})
    assert SurveyResponse.objects.count() == 1


def test_who_sees_the_results(office, city, persona, login_client):
    s = _survey(office, city)
    url = reverse("indicators:survey", args=[s.pk])
    assert login_client(persona("dept_liaison", "market")).get(url).status_code == 200  # the unit surveyed
    assert login_client(persona("dept_liaison", "finance")).get(url).status_code == 404
    liaison = login_client(persona("dept_liaison", "market"))
    resp = liaison.post(reverse("indicators:survey_state", args=[s.pk]), {"state": "closed", "version": s.version})
    s.refresh_from_db()
    assert resp.status_code == 404 and s.state == "open"  # viewing is not managing
    assert login_client(persona("external_assessor", "justice")).get(url).status_code == 404
