"""响应率、按期办结率、解决率、满意率 per 诉求分类 and per 所属区域 (issue 18; hotline/rates.py): exact values on a known
set, the kept counts equal to counting the orders, a setting read when asked, the metric with its records, the
ranking page's tables and its Excel export (audited)."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from fazhi.audit.models import AuditEvent
from fazhi.dockets.hotline import services as s
from fazhi.dockets.hotline.rates import SOURCE, rate_lines
from fazhi.metrics.models import TallyState
from fazhi.metrics.periods import Period
from fazhi.metrics.selectors import metric_value

pytestmark = pytest.mark.django_db
D = dt.date
MARCH = Period(2025, "M03")


@pytest.fixture
def known(order, centre_user, unit_user, city):
    def run(category, area, signed, replied, satisfaction, solved):
        case = order(category=category, area=area)  # complaint received Mon 3 March 2025: sign due 3/4
        s.order_dispatch(case=case, by=centre_user, on=D(2025, 3, 3), to_unit=city["market"])
        s.order_sign(case=case, by=unit_user("market"), on=signed)
        s.order_reply(case=case, by=unit_user("market"), on=replied, content="已办理")
        s.order_visit(case=case, by=centre_user, on=D(2025, 3, 20), satisfaction=satisfaction, solved=solved)
        return case

    return [
        run("heating", "东城区", D(2025, 3, 4), D(2025, 3, 7), "satisfied", True),
        run("heating", "西城区", D(2025, 3, 6), D(2025, 3, 7), "unsatisfied", False),  # signed late
        run("heating", "东城区", D(2025, 3, 4), D(2025, 3, 7), "unreached", False),  # scored, not rated
        run("traffic", "", D(2025, 3, 4), D(2025, 3, 7), "basic", True),
    ]


def lines(dimension, **kw):
    return [
        (r["code"], r["scored"], r["rated"], r["response_rate"], r["resolution_rate"], r["satisfaction_rate"])
        for r in rate_lines(dimension=dimension, start=MARCH.start, end=MARCH.end, **kw)
    ]


def test_the_rates_per_category_and_per_area(known):
    # heating: scored 3, responded 2, rated 2 (one unreached), resolved 1, satisfied 1; traffic: 1 of 1 each
    assert lines("category") == [("heating", 3, 2, 66.67, 50.0, 50.0), ("traffic", 1, 1, 100.0, 100.0, 100.0)]
    # 东城区: the satisfied and the unreached order; 西城区: the late one; the traffic order names no area
    assert lines("area") == [
        ("东城区", 2, 1, 100.0, 100.0, 100.0),
        ("未注明区域", 1, 1, 100.0, 100.0, 100.0),
        ("西城区", 1, 1, 0.0, 0.0, 0.0),
    ]
    assert lines("category", unit_ids=frozenset([known[0].handling_unit_id + 10_000])) == []


def test_the_kept_counts_give_what_counting_the_orders_gives(known):
    kept = (lines("category"), lines("area"))
    TallyState.objects.filter(source=SOURCE).delete()  # not built: counted from the orders
    assert (lines("category"), lines("area")) == kept


def test_the_satisfied_set_is_a_setting_read_when_asked(known, settings):
    settings.FAZHI_HOTLINE = {**getattr(settings, "FAZHI_HOTLINE", {}), "SATISFIED": ("satisfied",)}
    assert [r["satisfaction_rate"] for r in rate_lines(dimension="category", start=MARCH.start, end=MARCH.end)] == [
        50.0,
        0.0,  # 基本满意 no longer counts
    ]


def test_the_metric_with_its_filter_and_records(known):
    m = metric_value("hotline.category_rates", period=MARCH, records=True, rate="response_rate")
    assert (m["value"], m["numerator"], m["denominator"]) == (75.0, 3, 4)
    assert [(b["code"], b["value"]) for b in m["breakdown"]] == [("heating", 66.67), ("traffic", 100.0)]
    every = sorted(c.pk for c in known)
    assert m["records"] == {"numerator": [known[0].pk, known[2].pk, known[3].pk], "denominator": every}
    east = metric_value("hotline.area_rates", period=MARCH, records=True, area="东城区", rate="satisfaction_rate")
    # 东城区: the satisfied order is rated and satisfied; the unreached one is not rated (not in the denominator)
    assert (east["value"], east["records"]) == (100.0, {"numerator": [known[0].pk], "denominator": [known[0].pk]})
    none = metric_value("hotline.area_rates", period=MARCH, records=True, area="未注明区域")
    assert none["records"]["denominator"] == [known[3].pk]


def test_the_ranking_page_shows_them_and_exports_them_audited(known, persona, login_client):
    from openpyxl import load_workbook

    c = login_client(persona("hotline_centre", "gov"))
    page = c.get("/hotline/ranking/?month=2025-03")
    html = page.content.decode()
    assert page.status_code == 200 and "按诉求分类" in html and "66.67%" in html
    r = c.get("/hotline/ranking/?month=2025-03&by=satisfaction_rate&format=xlsx")
    assert r.status_code == 200 and r["Content-Disposition"].endswith(".xlsx")
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == ["承办单位排名", "按诉求分类", "按所属区域"]
    rows = list(wb["按诉求分类"].iter_rows(values_only=True))
    assert rows[0] == ("诉求分类", "计入考核", "回访成功", "响应率", "解决率", "满意率")
    assert rows[1][1:] == (3, 2, 66.67, 50.0, 50.0)
    assert AuditEvent.objects.filter(action="hotline.ranking.export").count() == 1
