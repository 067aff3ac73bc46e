"""The overview's figures are cached by a data stamp: a second view is served from the cache, and any change to a
share makes a new stamp, so the page never shows stale figures."""

import pytest

from fazhi.plans.models import TaskAssignment
from fazhi.plans.selectors import plan_figures_stamp


@pytest.mark.django_db
def test_second_view_is_served_from_the_cache_and_a_write_invalidates_it(
    small_plan, persona, login_client, django_assert_num_queries, pages_cache
):
    office = persona("office_head", "gov")
    client = login_client(office)
    url = small_plan.get_absolute_url()
    first = client.get(url)
    assert first.status_code == 200
    stamp = plan_figures_stamp(office, small_plan)
    # served from the cache: no section/unit counting queries (session, user with unit + grants stamp + unread
    # count, plan, stamp aggregate)
    with django_assert_num_queries(4):
        second = client.get(url)
    assert second.content.decode().count('id="by-unit"') == 1
    # when a share changes, the stamp changes and the figures are recomputed
    share = TaskAssignment.objects.filter(task__plan=small_plan).first()
    share.state = "accepted"
    share.save(update_fields=["state", "updated_at"])
    assert plan_figures_stamp(office, small_plan) != stamp


@pytest.mark.django_db
def test_the_stamp_depends_on_the_viewers_scope(small_plan, persona):
    office = persona("office_head", "gov")
    liaison = persona("dept_liaison", "market")
    assert plan_figures_stamp(office, small_plan) != plan_figures_stamp(liaison, small_plan)
