"""Per-IP limits on the public portal, counted in the database so every web process shares them (core/ratelimit.py)."""

from __future__ import annotations

import pytest

from fazhi.core.models import RateWindow
from fazhi.core.ratelimit import rate_hit, rate_windows_purge

pytestmark = pytest.mark.django_db


def test_a_fixed_window_allows_the_limit_then_refuses_until_the_next_window():
    t = 1_700_000_400  # a multiple of 600
    assert [rate_hit("k", limit=3, seconds=600, now=t + i) for i in range(5)] == [False, False, False, True, True]
    assert rate_hit("k", limit=3, seconds=600, now=t + 600) is False  # a new window
    assert rate_hit("other", limit=3, seconds=600, now=t) is False  # keys are counted apart
    assert list(RateWindow.objects.order_by("bucket_key", "slot").values_list("bucket_key", "slot", "hits")) == [
        ("k", t, 5),
        ("k", t + 600, 1),
        ("other", t, 1),
    ]
    assert rate_windows_purge(now=t + 600 + 86400) == 2 and RateWindow.objects.count() == 1


def test_the_lookup_page_answers_429_after_thirty_tries_from_one_address(client, city, monkeypatch):
    import fazhi.core.ratelimit
    from fazhi.portal.views import LOOKUP_LIMIT

    monkeypatch.setattr(fazhi.core.ratelimit, "clock", lambda: 1_700_000_400.0)  # all tries inside one window
    form = {"receipt_number": "R-NOPE", "phone": "13912345678"}
    codes = [client.post("/portal/reconsideration/lookup/", form).status_code for _ in range(LOOKUP_LIMIT[0] + 1)]
    assert LOOKUP_LIMIT[0] == 30 and set(codes[:-1]) == {200} and codes[-1] == 429
    other = client.post("/portal/reconsideration/lookup/", form, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_behind_nginx_each_visitor_is_counted_by_the_address_nginx_reports(client, city, monkeypatch):
    import fazhi.core.ratelimit
    from fazhi.portal.views import LOOKUP_LIMIT

    monkeypatch.setattr(fazhi.core.ratelimit, "clock", lambda: 1_700_000_400.0)
    form = {"receipt_number": "R-NOPE", "phone": "13912345678"}
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    for _ in range(LOOKUP_LIMIT[0]):
        client.post("/portal/reconsideration/lookup/", form, HTTP_X_REAL_IP="203.0.113.7", **proxy)
    assert (
        client.post("/portal/reconsideration/lookup/", form, HTTP_X_REAL_IP="203.0.113.7", **proxy).status_code == 429
    )
    # another visitor through the same proxy is not refused
    assert (
        client.post("/portal/reconsideration/lookup/", form, HTTP_X_REAL_IP="203.0.113.8", **proxy).status_code == 200
    )
