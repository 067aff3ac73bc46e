import pytest

from fazhi.cases.models import Case
from fazhi.dockets.reconsideration.demo import demo_reconsideration_cases

pytestmark = pytest.mark.django_db


def test_demo_cases_cover_several_states_and_run_twice_without_change(city):
    demo_reconsideration_cases(lambda s: None)
    demo_reconsideration_cases(lambda s: None)
    assert sorted(Case.objects.values_list("state", flat=True)) == [
        "accepted",
        "correction",
        "decided",
        "received",
        "rejected",
        "suspended",
    ]
