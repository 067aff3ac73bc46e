"""办理结果公开 (代表法 2025 Art. 51): the office publishes an answered item's result; the portal shows it without the
proposers' phone numbers or addresses; a result is published again only after a newer reply."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from fazhi.core.errors import DomainError
from fazhi.dockets.proposals import services as s

D = dt.date
pytestmark = pytest.mark.django_db


def test_the_office_publishes_an_answered_item_without_personal_details(ready, handler, office, head):
    case = ready(number="7")
    anon = Client()
    with pytest.raises(DomainError) as exc:
        s.case_publish(case=case, by=office, on=D(2026, 4, 2))
    assert exc.value.message == "当前状态下不能“公开办理结果”。"
    draft = dict(case.extra["draft"], text="已联系张代表（13812345678），拟在人民路1号建停车场。")
    case.extra["draft"] = draft
    case.save(update_fields=["extra"])
    case = s.case_send(case=case, by=handler, on=D(2026, 4, 1))
    with pytest.raises(DomainError) as exc:
        s.case_publish(case=case, by=office, on=D(2026, 3, 31))
    assert exc.value.message == "“公开办理结果”的日期2026年3月31日不能早于“答复代表/委员（A类）”的日期2026年4月1日。"
    case = s.case_publish(case=case, by=office, on=D(2026, 4, 2))
    pub = case.extra["publication"]
    assert pub["title"] == "对示范市第十八届人民代表大会第四次会议第7号代表建议的办理结果"
    assert pub["replies"] == [
        {
            "unit": "示范市市场监督管理局",
            "kind": "答复",
            "class": "A",
            "on": "2026-04-01",
            "text": "已联系张代表（），拟在人民路1号建停车场。",
        }
    ]
    with pytest.raises(DomainError) as exc:
        s.case_publish(case=case, by=office, on=D(2026, 4, 3))
    assert exc.value.message == "办理结果已公开；有新的答复后才能再次公开。"
    listing = anon.get("/portal/proposals/results/").content.decode()
    assert "第7号代表建议的办理结果" in listing and f"/portal/proposals/results/{case.pk}/" in listing
    page = anon.get(f"/portal/proposals/results/{case.pk}/").content.decode()
    assert "拟在人民路1号建停车场" in page and "13812345678" not in page


def test_an_unpublished_item_is_not_on_the_portal(ready):
    case = ready(number="8")
    assert Client().get(f"/portal/proposals/results/{case.pk}/").status_code == 404
    assert "暂无公开的办理结果" in Client().get("/portal/proposals/results/").content.decode()
