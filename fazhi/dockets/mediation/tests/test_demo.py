"""The demo step: committees with mediators, cases dated from today in every main state, idempotent."""

from __future__ import annotations

import pytest

from fazhi.cases.models import Case
from fazhi.cases.services import today_local
from fazhi.cases.stats import stats_figures
from fazhi.dockets.mediation.demo import COMMITTEES, demo_mediation
from fazhi.dockets.mediation.models import Committee, Mediator

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_dated_from_today_and_counted(city):
    from fazhi.orgs.tests.factories import UnitFactory

    for code, *_rest in COMMITTEES:
        UnitFactory(code=code, name=f"单位{code}", parent=city["district"])
    demo_mediation(lambda _m: None)
    demo_mediation(lambda _m: None)
    assert Committee.objects.count() == 4 and Mediator.objects.count() == 5
    cases = Case.objects.filter(docket="mediation")
    assert cases.count() == 7
    assert {c.state for c in cases} == {"registered", "accepted", "agreed", "closed", "terminated", "rejected"}
    assert all(c.received_on <= today_local() for c in cases)
    f = stats_figures(docket="mediation", year=today_local().year)
    assert (f["urgent"], f["received"] >= 1) == (1, True)  # the urgent one is registered today


def test_demo_without_its_units_is_skipped(city):
    said = []
    demo_mediation(said.append)
    assert said == ["未找到示范街道、社区和村，跳过人民调解示范数据。"]
    assert Case.objects.filter(docket="mediation").count() == 0


def test_the_12348_demo_calls_are_idempotent_and_counted_this_year(city):
    from django.utils import timezone

    from fazhi.dockets.mediation.demo import HOTLINE_DEMO, demo_legal_hotline
    from fazhi.dockets.mediation.models import HotlineCall
    from fazhi.metrics.selectors import metric_value
    from fazhi.orgs.tests.factories import UnitFactory

    UnitFactory(code="C008", name="示范市司法局（示范数据）", parent=city["gov"])
    said = []
    demo_legal_hotline(said.append)
    demo_legal_hotline(said.append)
    assert said == [f"已创建12348热线示范来电{len(HOTLINE_DEMO)}条。", "12348热线示范来电已存在，跳过。"]
    calls = HotlineCall.objects.all()
    assert calls.count() == 12 and all(c.received_at <= timezone.now() for c in calls)
    assert calls.filter(transferred=True).count() == 4
    this_year = calls.filter(received_at__year=today_local().year).count()  # two months back may reach last year
    assert metric_value("legal_hotline.calls", period=today_local().year)["value"] == this_year >= 1
