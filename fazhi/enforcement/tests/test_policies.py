"""Role × action × scope for 行政执法: the office sees and manages every body and may unmask; a department liaison
keeps its own unit's officers, matters and cases and cannot unmask; the leader only reads."""

from __future__ import annotations

import pytest

from fazhi.enforcement.policies import BodyPolicy, CasePolicy

from .factories import body_with_staff, case_made

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "unit", "expected"),
    [
        (
            "office_staff",
            "justice",
            {"view": True, "record": True, "pii": True, "manage": True, "officers": True, "stats": True},
        ),
        (
            "dept_liaison",
            "market",
            {"view": True, "record": True, "pii": False, "manage": False, "officers": True, "stats": True},
        ),
        (
            "dept_liaison",
            "finance",
            {"view": False, "record": False, "pii": False, "manage": False, "officers": False, "stats": False},
        ),
        (
            "leader",
            "gov",
            {"view": True, "record": False, "pii": False, "manage": False, "officers": False, "stats": True},
        ),
        (
            "reconsideration_handler",
            "justice",
            {"view": False, "record": False, "pii": False, "manage": False, "officers": False, "stats": False},
        ),
    ],
)
def test_role_by_action(city, persona, role, unit, expected):
    staff = body_with_staff(city["market"])
    case = case_made(staff["body"])
    user = persona(role, unit)
    got = {
        "view": CasePolicy.can(user, "view", case),
        "record": CasePolicy.can(user, "record", case),
        "pii": CasePolicy.can(user, "pii", case),
        "manage": BodyPolicy.can(user, "manage", staff["body"]),
        "officers": BodyPolicy.can(user, "officers", staff["body"]),
        "stats": BodyPolicy.can(user, "stats", staff["body"]),  # the body's line of the statistics
    }
    assert got == expected
    assert list(CasePolicy.visible(user, "view")) == ([case] if expected["view"] else [])
