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
