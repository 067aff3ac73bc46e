"""12348 热线 consultations: the fast log (service, scope, page with keyset paging, refusals) and its metrics."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from fazhi.core.errors import DomainError
from fazhi.dockets.mediation.models import HotlineCall
from fazhi.dockets.mediation.services import hotline_call_log
from fazhi.metrics.periods import Period
from fazhi.metrics.registry import metric_get
from fazhi.metrics.selectors import metric_value

pytestmark = pytest.mark.django_db


def at(day: int, hour: int = 9, month: int = 3) -> dt.datetime:
    return timezone.make_aware(dt.datetime(2025, month, day, hour, 0))


def log(by: Any, unit: Any, **kw: Any) -> HotlineCall:
    args: dict[str, Any] = {
        "by": by,
        "unit": unit,
        "received_at": at(3),
        "duration_seconds": 300,
        "topic": "labour",
        "question": "公司拖欠三个月工资怎么办",
        "answer": "可向劳动监察投诉或申请劳动仲裁",
        **kw,
    }
    return hotline_call_log(**args)


@pytest.fixture
def manager(persona: Any, towns: Any) -> Any:
    return persona("mediation_manager", "justice")


def test_a_call_is_logged_once_per_submit_and_audited(manager: Any, city: Any) -> None:
    from fazhi.audit.models import AuditEvent

    token = uuid.uuid4()
    first = log(manager, city["justice"], submit_token=token, callback_phone="13812345678")
    again = log(manager, city["justice"], submit_token=token)
    assert again.pk == first.pk and HotlineCall.objects.count() == 1
    assert first.masked_phone == "138****5678" and first.operator == manager
    assert AuditEvent.objects.filter(action="mediation.hotline.log", object_id=str(first.pk)).count() == 1


@pytest.mark.parametrize(
    ("kw", "field", "message"),
    [
        ({"duration_seconds": 0}, "duration_seconds", "通话时长应在1秒至4小时之间。"),
        ({"duration_seconds": 4 * 3600 + 1}, "duration_seconds", "通话时长应在1秒至4小时之间。"),
        ({"topic": "astrology"}, "topic", None),
        ({"question": "  "}, "question", "请填写咨询问题。"),
        ({"transferred": True}, "transferred_to", None),
        ({"callback_phone": "12345"}, "callback_phone", None),
        ({"received_at": timezone.now() + dt.timedelta(hours=1)}, "received_at", "来电时间不能晚于现在。"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(
    manager: Any, city: Any, kw: Any, field: str, message: Any
) -> None:
    with pytest.raises(DomainError) as exc:
        log(manager, city["justice"], **kw)
    assert exc.value.field == field
    if message:
        assert exc.value.message == message
    assert HotlineCall.objects.count() == 0


def test_the_log_is_scoped_and_keyset_paged(
    manager: Any, city: Any, towns: Any, persona: Any, login_client: Any
) -> None:
    from fazhi.dockets.mediation import views

    # 55 calls at the bureau, 2 at the town's 司法所
    for i in range(55):
        log(manager, city["justice"], received_at=at(3) + dt.timedelta(minutes=i), question=f"问题{i:02d}")
    for i in range(2):
        log(manager, towns["town"], received_at=at(4), question=f"街道问题{i}")
    # the bureau's manager sees all 57, newest first, 50 on the first page and 7 on the next
    client = login_client(manager)
    page1 = client.get(reverse("mediation:hotline"))
    assert page1.status_code == 200
    assert page1.context["rows"][0]["c"].question == "街道问题1"
    assert len(page1.context["rows"]) == views.HOTLINE_PAGE == 50
    page2 = client.get(reverse("mediation:hotline"), {"after": page1.context["next"]})
    assert [r["c"].question for r in page2.context["rows"]] == [f"问题{i:02d}" for i in range(6, -1, -1)]
    assert page2.context["next"] == ""
    # a filter by day keeps the town's two
    day = client.get(reverse("mediation:hotline"), {"day": "2025-03-04"})
    assert [r["c"].question for r in day.context["rows"]] == ["街道问题1", "街道问题0"]
    # a village mediator has no 12348 log at all; the town's 司法所 sees its own unit's calls only
    assert login_client(persona("mediator", "village")).get(reverse("mediation:hotline")).status_code == 404
    office = login_client(persona("justice_office", "town")).get(reverse("mediation:hotline"))
    assert [r["c"].question for r in office.context["rows"]] == ["街道问题1", "街道问题0"]
    assert office.context["form"] is None  # the 司法所 reads the log; the bureau's operators write it


def test_the_page_logs_a_call_and_a_refusal_keeps_what_was_typed(manager: Any, city: Any, login_client: Any) -> None:
    client = login_client(manager)
    url = reverse("mediation:hotline")
    form = {
        "c-received_at": "2025-03-03T10:15",
        "c-minutes": "2.5",
        "c-topic": "family",
        "c-question": "离婚后孩子抚养费标准",
        "c-answer": "一般为月总收入的百分之二十至三十",
        "c-unit": city["justice"].pk,
        "c-submit_token": str(uuid.uuid4()),
    }
    # transferred without saying where to: refused beside the field, the text kept, nothing saved
    refused = client.post(url, {**form, "c-transferred": "on"})
    assert refused.status_code == 200 and HotlineCall.objects.count() == 0
    assert refused.context["form"].errors == {
        "transferred_to": ["转办的，请填写转办去向（如：转某调解委员会、转法律援助中心）。"]
    }
    assert "离婚后孩子抚养费标准" in refused.content.decode()
    done = client.post(url, {**form, "c-transferred": "on", "c-transferred_to": "转法律援助中心"})
    assert done.status_code == 302
    call = HotlineCall.objects.get()
    assert (call.duration_seconds, call.topic, call.transferred_to) == (150, "family", "转法律援助中心")
    assert timezone.localtime(call.received_at).strftime("%Y-%m-%d %H:%M") == "2025-03-03 10:15"


def test_the_metrics_count_by_topic_and_the_transfer_rate(manager: Any, city: Any, towns: Any) -> None:
    log(manager, city["justice"], topic="labour")
    log(manager, city["justice"], topic="labour", transferred=True, transferred_to="转劳动仲裁委")
    log(manager, city["justice"], topic="family", received_at=at(30, month=6))
    log(manager, towns["town"], topic="family", transferred=True, transferred_to="转东华社区人民调解委员会")
    log(manager, city["justice"], topic="labour", received_at=at(2, month=1).replace(year=2024))  # last year
    # Beijing time decides the day: 2025-03-31 23:30 +08:00 is in Q1 (it is 15:30 UTC)
    log(manager, city["justice"], topic="other", received_at=timezone.make_aware(dt.datetime(2025, 3, 31, 23, 30)))

    def value(key: str, **kw: Any) -> Any:
        return metric_value(key, period=Period(2025, kw.pop("part", "")), **kw)

    calls = value("legal_hotline.calls")
    assert calls["value"] == 5
    assert {b["code"]: b["value"] for b in calls["breakdown"] if b["value"]} == {"labour": 2, "family": 2, "other": 1}
    assert value("legal_hotline.calls", part="Q1")["value"] == 4
    assert value("legal_hotline.transferred")["value"] == 2
    rate = value("legal_hotline.transfer_rate")
    assert (rate["value"], rate["numerator"], rate["denominator"]) == (40.0, 2, 5)
    assert value("legal_hotline.calls", unit=towns["town"])["value"] == 1
    assert value("legal_hotline.calls", unit=city["justice"], records=True)["records"] == sorted(
        HotlineCall.objects.filter(unit=city["justice"], received_at__year=2025).values_list("pk", flat=True)
    )
    assert metric_get("legal_hotline.calls").record_kind == "mediation.hotline_call"


def test_the_api_lists_the_calls_by_cursor_without_the_phone(manager: Any, city: Any, login_client: Any) -> None:
    for i in range(3):
        log(manager, city["justice"], received_at=at(3) + dt.timedelta(minutes=i), callback_phone="13812345678")
    client = login_client(manager)
    first = client.get("/api/v1/mediation/hotline/", {"limit": 2}).json()
    # times with their offset (UTC on the wire): 09:02 Beijing time is 01:02Z
    when = [dt.datetime.fromisoformat(c["received_at"].replace("Z", "+00:00")) for c in first["items"]]
    assert when == [at(3) + dt.timedelta(minutes=2), at(3) + dt.timedelta(minutes=1)]
    assert "callback_phone" not in first["items"][0] and first["items"][0]["unit_code"] == city["justice"].code
    rest = client.get("/api/v1/mediation/hotline/", {"limit": 2, "cursor": first["next_cursor"]}).json()
    assert [c["id"] for c in rest["items"]] == [HotlineCall.objects.order_by("pk").first().pk]
    assert rest["next_cursor"] is None
    assert client.get("/api/v1/mediation/hotline/", {"received_from": "2025-03-04"}).json()["items"] == []


def test_one_menu_entry_is_active_the_longest_that_matches(manager: Any, login_client: Any) -> None:
    page = login_client(manager).get(reverse("mediation:hotline"))
    active = [e["label"] for s in page.context["nav_sections"] for e in s["entries"] if e["active"]]
    assert active == ["12348热线咨询"]  # not also 人民调解 at /mediation/
    listing = login_client(manager).get(reverse("mediation:list"))
    assert [e["label"] for s in listing.context["nav_sections"] for e in s["entries"] if e["active"]] == ["人民调解"]


def test_each_page_gets_its_own_submit_token(manager: Any, city: Any, login_client: Any) -> None:
    """The entry form's HTML is kept (core.forms.unbound_form_html); the token in it is new on every page."""
    import re

    client = login_client(manager)
    pages = [client.get(reverse("mediation:hotline")).content.decode() for _ in range(2)]
    tokens = [re.search(r'name="c-submit_token" value="([0-9a-f-]{36})"', p).group(1) for p in pages]  # type: ignore[union-attr]
    assert tokens[0] != tokens[1]
    assert pages[0].replace(tokens[0], "T").count('name="c-question"') == 1
    assert f'<option value="{city["justice"].pk}" selected data-search=' in pages[0]  # the viewer's unit preselected
