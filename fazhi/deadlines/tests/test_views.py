"""Pages: my clocks, a clock with its explanation and month calendar, the calculator, the calendar admin, the widget."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.deadlines.models import CalendarYear
from fazhi.deadlines.services import clock_start, clocks_recompute

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def clock(city, persona):
    clerk = persona("reconsideration_handler", "justice")
    return clock_start(
        obj=city["justice"],
        rule_id="reconsideration.acceptance",
        trigger_date=D(2025, 9, 30),
        by=clerk,
        unit=city["justice"],
        assignee=clerk,
    )


def test_clock_page_shows_explanation_and_month_calendar(clock, persona, login_client):
    client = login_client(persona("reconsideration_handler", "justice"))
    html = client.get(f"/deadlines/clocks/{clock.pk}/").content.decode()
    assert "计入调休上班日：2025年10月11日（周六）" in html
    assert "2025年10月" in html and 'class="holiday" title="国庆节（放假）"' in html
    assert 'class="makeup" title="国庆节调休上班"' in html


def test_clock_page_is_404_outside_the_data_scope(clock, persona, login_client):
    client = login_client(persona("dept_liaison", "market"))
    assert client.get(f"/deadlines/clocks/{clock.pk}/").status_code == 404


def test_clock_list_and_home_widget(clock, persona, login_client):
    clocks_recompute(today=D(2025, 10, 15))  # overdue
    client = login_client(persona("reconsideration_handler", "justice"))
    assert "复议申请受理审查期限" in client.get("/deadlines/").content.decode()
    home = client.get("/").content.decode()
    assert "临期和超期的法定期限" in home and "超期" in home


def test_calculator(persona, login_client):
    client = login_client(persona("office_staff", "justice"))
    html = client.get(
        "/deadlines/calculator/",
        {"rule_id": "reconsideration.decision", "start": "2025-08-05", "pauses": "", "extension": "0"},
    ).content.decode()
    assert "届满日：2025-10-09" in html


def test_calendar_admin_loads_a_year_by_form(persona, login_client):
    client = login_client(persona("sys_admin", "justice"))
    resp = client.post(
        "/deadlines/calendar/",
        {"year": "2027", "source": "国办通知", "text": "2027-01-01,放假,元旦\n2027-02-06~2027-02-12,放假,春节\n"},
    )
    assert resp.status_code == 302
    assert CalendarYear.objects.get(year=2027).days.count() == 8


def test_calendar_admin_shows_validation_errors(persona, login_client):
    client = login_client(persona("sys_admin", "justice"))
    html = client.post(
        "/deadlines/calendar/", {"year": "2027", "source": "x", "text": "2027-02-10,上班,春节\n2027-01-01,放假,元旦\n"}
    ).content.decode()
    assert "本来就是工作日" in html
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_calendar_admin_is_for_system_administrators(persona, login_client):
    client = login_client(persona("dept_liaison", "market"))
    assert (
        client.post(
            "/deadlines/calendar/", {"year": "2027", "source": "x", "text": "2027-01-01,放假,元旦\n"}
        ).status_code
        == 403
    )
    assert not CalendarYear.objects.filter(year=2027).exists()


@pytest.mark.django_db
def test_a_clock_without_assignee_renders_with_a_dash(city, persona, login_client):
    # regression: "assignee.full_name|default:assignee.username" raised VariableDoesNotExist for a clock without one
    from fazhi.deadlines.services import clock_start

    clerk = persona("reconsideration_handler", "justice")
    clock = clock_start(
        obj=city["justice"],
        rule_id="reconsideration.acceptance",
        trigger_date=dt.date(2025, 9, 30),
        by=clerk,
        unit=city["justice"],
    )
    client = login_client(clerk)
    assert "承办人：—" in client.get(clock.get_absolute_url()).content.decode()
    assert client.get("/deadlines/").status_code == 200
