"""Role × action on a plan and a finding (deny by default): the office manages; the team records and reviews; the
responsible unit's liaison views and rectifies its own finding only; a leader views; other roles see nothing."""

from __future__ import annotations

import pytest

from fazhi.inspections.policies import FindingPolicy, InspectionPlanPolicy

from .factories import finding, plan_underway

pytestmark = pytest.mark.django_db


def test_role_by_action(city, persona):
    team = persona("office_staff")
    office_off_team = persona("office_head")
    p = plan_underway(city, team)
    f = finding(p, team, city["market"])
    users = {
        "team": team,
        "office_off_team": office_off_team,
        "market_liaison": persona("dept_liaison", unit="market"),
        "finance_liaison": persona("dept_liaison", unit="finance"),
        "district_liaison": persona("district_liaison", unit="district"),
        "leader": persona("leader", unit="gov"),
        "handler": persona("reconsideration_handler", unit="market"),
    }
    plan = {
        who: sorted(a for a in ("view", "manage", "record") if InspectionPlanPolicy.can(u, a, p))
        for who, u in users.items()
    }
    find = {
        who: sorted(a for a in ("view", "rectify", "review", "recheck") if FindingPolicy.can(u, a, f))
        for who, u in users.items()
    }
    assert plan == {
        "team": ["manage", "record", "view"],
        "office_off_team": ["manage", "view"],
        "market_liaison": [],
        "finance_liaison": [],
        "district_liaison": [],
        "leader": ["view"],
        "handler": [],
    }
    assert find == {
        "team": ["recheck", "review", "view"],
        "office_off_team": ["view"],
        "market_liaison": ["rectify", "view"],
        "finance_liaison": [],
        "district_liaison": [],
        "leader": ["view"],
        "handler": [],
    }
    assert list(FindingPolicy.visible(users["finance_liaison"], "view")) == []
    assert list(FindingPolicy.visible(users["team"], "review")) == [f]
