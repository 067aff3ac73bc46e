import datetime as dt
import uuid
from io import BytesIO

import pytest
from django.urls import reverse

from fazhi.consultations.models import Comment, Consultation, Outcome
from fazhi.consultations.selectors import ledger_items
from fazhi.consultations.services import adoption_record, consultation_close, explanation_publish

from .factories import NEAR_DUPLICATES, consultation_opened, test_owner_register

TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def staff(persona):
    return persona("office_staff")


@pytest.fixture
def opened(city, staff):
    return consultation_opened(owner=city["justice"], by=staff, opens_on=TODAY, closes_on=TODAY + dt.timedelta(days=30))


def _post_comment(client, c, text, **extra):
    url = reverse("portal:consultation_detail", args=[c.pk])
    client.get(url)
    code = client.session[f"consultation_code_{c.pk}"]
    data = {
        "text": text,
        "name": "王五",
        "phone": "13700000001",
        "code": code,
        "submit_token": str(uuid.uuid4()),
        **extra,
    }
    return client.post(url, data)


def test_the_public_comments_on_an_article_with_the_code_shown_on_screen(client, opened):
    page = client.get(reverse("portal:consultation_detail", args=[opened.pk]))
    code = client.session[f"consultation_code_{opened.pk}"]
    assert f'id="screen-code">{code}<' in page.content.decode()
    article = opened.articles.get(label="第二条")
    resp = _post_comment(client, opened, "建议明确适用范围。", article=str(article.pk))
    assert resp.status_code == 302
    cm = Comment.objects.get()
    assert (cm.article_id, cm.verified, cm.channel, cm.number) == (article.pk, True, "portal", 1)


def test_a_wrong_code_keeps_what_was_typed_and_stores_nothing(client, opened):
    resp = _post_comment(client, opened, "我的意见", code="0000")
    body = resp.content.decode()
    assert resp.status_code == 400
    assert "验证码：验证码不正确。" in body and "我的意见" in body
    assert Comment.objects.count() == 0


def test_a_comment_over_the_length_limit_names_the_field(client, opened):
    resp = _post_comment(client, opened, "长" * 2001)
    assert resp.status_code == 400
    assert "意见内容：不能超过2000字（现有2001字）。" in resp.content.decode()
    assert Comment.objects.count() == 0


def test_staff_creating_with_closing_before_opening_get_the_message_beside_the_field(city, staff, login_client):
    test_owner_register()
    c = login_client(staff)
    url = reverse("consultations:new") + f"?owner=orgs.unit&pk={city['justice'].pk}"
    resp = c.post(
        url,
        {
            "title": "草案",
            "opens_on": "2026-12-10",
            "closes_on": "2026-12-09",
            "channels": ["portal"],
            "identity": "named",
            "comment_max_length": "2000",
            "submit_token": str(uuid.uuid4()),
        },
    )
    assert resp.status_code == 200
    assert "截止日期：截止日期不能早于开始日期。" in resp.content.decode()
    assert Consultation.objects.count() == 0


def test_published_explanation_page_and_documents(client, opened, staff, login_client):
    for t in NEAR_DUPLICATES[:3]:
        _post_comment(client, opened, t)
    item = ledger_items(opened)[0]
    adoption_record(consultation=opened, by=staff, cluster=item.cluster, outcome=Outcome.ADOPTED, reason="已修改第三条")
    consultation_close(consultation=opened, by=staff, on=TODAY, short_reason="测试")
    explanation_publish(consultation=opened, by=staff)
    page = client.get(reverse("portal:consultation_explanation", args=[opened.pk])).content.decode()
    assert "共收到意见3条，提出意见1人次" in page  # one phone number sent all three
    assert "归并为1组" in page and "采纳1条" not in page and "采纳3条" in page
    s = login_client(staff)
    docx = s.get(opened.explanation_docx_url)
    from docx import Document

    text = "\n".join(p.text for p in Document(BytesIO(b"".join(docx.streaming_content))).paragraphs)
    assert "关于《示范市停车管理办法》公开征求意见采纳情况的说明" in text
    assert "（3条相同或相近意见，1人提出）" in text
    xlsx = s.get(opened.comments_xlsx_url)
    from openpyxl import load_workbook

    ws = load_workbook(BytesIO(b"".join(xlsx.streaming_content))).active
    assert ws.max_row == 4
    assert [ws.cell(2, i).value for i in (1, 2, 3, 5, 6, 9, 11)] == [
        1,
        "总体",
        "网上征求意见",
        "王*",
        "137****0001",
        "第1组",
        "采纳",
    ]


def test_another_units_liaison_cannot_see_the_consultation(opened, persona, login_client):
    other = login_client(persona("dept_liaison", unit="finance"))
    assert other.get(reverse("consultations:detail", args=[opened.pk])).status_code == 404
    assert other.get(reverse("consultations:ledger", args=[opened.pk])).status_code == 404


def test_staff_pages_render(opened, staff, login_client):
    s = login_client(staff)
    for name in ("detail", "ledger"):
        assert s.get(reverse(f"consultations:{name}", args=[opened.pk])).status_code == 200
    assert s.get(reverse("consultations:list")).status_code == 200
    assert client_get_portal_list(s).status_code == 200


def client_get_portal_list(c):
    return c.get(reverse("portal:consultation_list"))
