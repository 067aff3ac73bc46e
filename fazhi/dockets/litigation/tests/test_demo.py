import pytest

from fazhi.cases.models import Case
from fazhi.dockets.litigation.demo import demo_litigation_cases
from fazhi.supervision.models import Item

pytestmark = pytest.mark.django_db


def test_demo_cases_include_a_lost_case_with_its_task_and_an_appeal_and_run_twice_without_change(city):
    demo_litigation_cases(lambda s: None)
    demo_litigation_cases(lambda s: None)
    cases = Case.objects.filter(docket="litigation")
    assert sorted(cases.values_list("state", flat=True)) == ["closed", "closed", "defended", "registered", "registered"]
    lost = cases.get(outcome="revoke")
    assert Item.objects.get(pk=lost.extra["loss_analysis"]["item_id"]).kind == "litigation.rectification"
    appeal = cases.get(extra__instance="second")
    assert appeal.extra["appeal_of_id"] == cases.get(outcome="dismiss_claim").pk
