"""12345 work orders: every clock (counted by hand), 退单 → the centre's final ruling, diversion, idempotent intake,
bad input (the field named, nothing changed)."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.cases.clocks import case_clock
from fazhi.cases.models import Case
from fazhi.core.errors import DomainError
from fazhi.dockets.hotline import services as s
from fazhi.dockets.hotline.spec import SPEC

pytestmark = pytest.mark.django_db
D = dt.date


def due(case, key):
    case.refresh_from_db()
    return case_clock(case, key).due_date


def test_sign_handling_and_visit_periods(order, centre_user, unit_user, city):
    case = order()
    s.order_dispatch(case=case, by=centre_user, on=D(2025, 3, 3), to_unit=city["market"])
    case.refresh_from_db()
    assert (case.state, case.handling_unit, case.respondent_unit) == ("dispatched", city["market"], city["market"])
    assert due(case, "sign") == D(2025, 3, 4)  # 1 working day after Mon 3/3
    s.order_sign(case=case, by=unit_user(), on=D(2025, 3, 5))
    case.refresh_from_db()
    assert case.extra["signed"] == {"on": "2025-03-05", "due": "2025-03-04", "on_time": False}
    # 5 working days from 签收 Wed 3/5: 3/6, 3/7, 3/10, 3/11, 3/12
    assert due(case, "handling_complaint") == D(2025, 3, 12)
    s.order_reply(case=case, by=unit_user(), on=D(2025, 3, 12), content="已维修")
    case.refresh_from_db()
    assert case.extra["reply"]["on_time"] is True
    # 回访 3 working days after Wed 3/12: 3/13, 3/14, 3/17
    assert due(case, "visit") == D(2025, 3, 17)


def test_sign_period_over_national_day(order, centre_user, city):
    case = order(received=D(2025, 9, 30))
    s.order_dispatch(case=case, by=centre_user, on=D(2025, 9, 30), to_unit=city["market"])
    # next working day after Tue 9/30: rest 10/1–10/8 → Thu 10/9
    assert due(case, "sign") == D(2025, 10, 9)


def test_a_longer_statutory_period_and_an_extension(order, centre_user, unit_user, city):
    case = order()
    s.order_dispatch(case=case, by=centre_user, on=D(2025, 3, 3), to_unit=city["market"], period_days=10)
    s.order_sign(case=case, by=unit_user(), on=D(2025, 3, 4))
    # 10 working days after Tue 3/4: 3/5–3/7 (3), 3/10–3/14 (8), 3/17, 3/18 → Tue 3/18
    assert due(case, "handling_complaint") == D(2025, 3, 18)
    s.order_extend(case=case, by=centre_user, on=D(2025, 3, 10), days=2, reason="需现场检测")
    assert due(case, "handling_complaint") == D(2025, 3, 20)
    with pytest.raises(DomainError) as exc:
        s.order_dispatch(case=order(), by=centre_user, on=D(2025, 3, 3), to_unit=city["market"], period_days=3)
    assert exc.value.field == "period_days"


def test_return_then_final_ruling_forces_the_unit(order, centre_user, unit_user, city):
    case = order()
    s.order_dispatch(case=case, by=centre_user, on=D(2025, 3, 3), to_unit=city["market"])
    s.order_return(case=case, by=unit_user(), on=D(2025, 3, 4), reason="not_our_duty")
    case.refresh_from_db()
    assert (case.state, case.handling_unit) == ("returned", city["gov"])
    assert case.extra["returns"][0]["reason"] == "not_our_duty"
    assert case_clock(case, "sign").completed_on == D(2025, 3, 4)
    s.order_dispatch(case=case, by=centre_user, on=D(2025, 3, 5), to_unit=city["finance"], final=True)
    case.refresh_from_db()
    assert (case.state, case.handling_unit, case.extra["final_ruling"]) == ("dispatched", city["finance"], True)
    assert "最终派单裁定" in SPEC.transition("return_order").refusal(case)
    with pytest.raises(DomainError):
        s.order_return(case=case, by=unit_user("finance"), on=D(2025, 3, 5), reason="not_our_area")
    assert due(case, "sign") == D(2025, 3, 6)  # the new unit's own sign period


def test_a_final_ruling_only_after_a_return(order, centre_user, city):
    case = order()
    with pytest.raises(DomainError) as exc:
        s.order_dispatch(case=case, by=centre_user, on=D(2025, 3, 3), to_unit=city["market"], final=True)
    assert exc.value.field == "final"
    case.refresh_from_db()
    assert (case.state, case.handling_unit) == ("pending", city["gov"])


def test_a_reply_before_signing_is_refused(order, centre_user, unit_user, city):
    case = order()
    s.order_dispatch(case=case, by=centre_user, on=D(2025, 3, 3), to_unit=city["market"])
    case.refresh_from_db()
    assert "尚未签收" in SPEC.transition("reply").refusal(case)
    with pytest.raises(DomainError) as exc:
        s.order_reply(case=case, by=unit_user(), on=D(2025, 3, 4), content="已处理")
    assert "尚未签收" in exc.value.message
    case.refresh_from_db()
    assert case.state == "dispatched" and "reply" not in case.extra


def test_diversion_closes_without_dispatch(order, centre_user):
    case = order(type="report", content="不服行政处罚决定")
    s.order_divert(case=case, by=centre_user, on=D(2025, 3, 3), route="reconsideration")
    case.refresh_from_db()
    assert (case.state, case.outcome, case.respondent_unit) == ("diverted", "diverted.reconsideration", None)


def test_the_same_source_id_twice_is_one_order(order):
    a = order(source_id="GD-1")
    b = order(source_id="GD-1", content="另一段文字")
    assert a.pk == b.pk and Case.objects.filter(docket="hotline").count() == 1
    c = order(source_id="GD-1", source="12345-district")
    assert c.pk != a.pk


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"category": "ufo"}, "category"),
        ({"type": "praise"}, "type"),
        ({"received_on": D(2099, 1, 1)}, "received_on"),
        ({"content": ""}, "content"),
        ({"source_id": " "}, "source_id"),
    ],
)
def test_bad_intake_names_the_field_and_stores_nothing(order, kw, field):
    with pytest.raises(DomainError) as exc:
        order(**kw)
    assert exc.value.field == field
    assert Case.objects.filter(docket="hotline").count() == 0
