"""The case figures in the metric registry (fazhi/metrics), on the known data set (stats_data.py): every metric equals
the plain recount of the docket's statistics functions (exact), lists exactly the records it counts, is limited by
the viewer's data scope, keeps its maintained counts equal to a full recount through creates, changes and deletes,
and a snapshot stays as taken when the data changes."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections import Counter

import pytest
import time_machine
from django.core.management import call_command

from fazhi.cases.models import Case
from fazhi.cases.stats import stats_get
from fazhi.metrics.models import TallyState
from fazhi.metrics.periods import Period, date_range
from fazhi.metrics.registry import metrics_all
from fazhi.metrics.selectors import metric_value
from fazhi.metrics.snapshots import metric_snapshot, snapshot_values
from fazhi.metrics.tallies import SOURCES, tally_recount, tally_stored
from fazhi.metrics.tallies import rolled as tally_rolled

from .stats_data import stats_dataset

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)
DOCKETS = ("reconsideration", "litigation")
PERIODS = [Period(2025), Period(2026), Period(2025, "Q3"), Period(2026, "H1"), Period(2026, "M11")]
HEARING_KEYS = {"hearings_held", "hearings_requiring", "head_appeared"}


@pytest.fixture
def data(city):
    with time_machine.travel(NOW, tick=False):
        yield stats_dataset(city)


def case_metrics(docket):
    return [m for m in metrics_all() if m.module and m.key.startswith(docket + ".")]


def recount(docket, period, unit_code=None, user=None):
    return stats_get(docket).fn("compute")(year=period, unit_code=unit_code, user=user)


def recount_sets(docket, period, unit_code=None, user=None):
    return stats_get(docket).fn("case_sets")(year=period, unit_code=unit_code, user=user)


def test_every_figure_of_fazhi_stats_is_a_metric():
    keys = {m.key for m in metrics_all()}
    for docket in DOCKETS:
        figures = {f.key for f in stats_get(docket).figures}
        assert {f"{docket}.{k}" for k in figures} <= keys
    assert "reconsideration.correction_rate" in keys and "litigation.appearance_rate" in keys


@pytest.mark.parametrize("docket", DOCKETS)
@pytest.mark.parametrize("unit", [None, "C002", "D100"])
def test_registry_value_equals_the_plain_recount(data, docket, unit):
    for period in PERIODS:
        plain = recount(docket, period, unit)
        for m in case_metrics(docket):
            got = metric_value(m.key, period=period, unit=unit)
            figure = m.key.split(".", 1)[1]
            assert got["value"] == plain[figure], (m.key, period, unit)
            if m.is_rate:
                num, den = m.numerator.split(".")[1], m.denominator.split(".")[1]
                assert (got["numerator"], got["denominator"]) == (plain[num], plain[den])
        closed = metric_value(f"{docket}.closed", period=period, unit=unit)["breakdown"]
        assert [(b["code"], b["value"]) for b in closed] == [(o["code"], o["count"]) for o in plain["outcomes"]]


@pytest.mark.parametrize("docket", DOCKETS)
def test_counted_live_until_the_counts_are_built_and_the_same_either_way(data, docket):
    kept = {m.key: metric_value(m.key, period=2025)["value"] for m in case_metrics(docket)}
    TallyState.objects.filter(source=docket).delete()
    live = {m.key: metric_value(m.key, period=2025)["value"] for m in case_metrics(docket)}
    assert live == kept


@pytest.mark.parametrize("docket", DOCKETS)
def test_records_behind_are_exactly_those_counted(data, docket):
    for period in (Period(2025), Period(2026, "Q2")):
        sets = recount_sets(docket, period, "C002")
        for m in case_metrics(docket):
            got = metric_value(m.key, period=period, unit="C002", records=True)
            if m.is_rate:
                num, den = m.numerator.split(".")[1], m.denominator.split(".")[1]
                assert got["records"] == {"numerator": sorted(sets[num]), "denominator": sorted(sets[den])}
                continue
            figure = m.key.split(".", 1)[1]
            assert got["records"] == sorted(sets[figure]), m.key
            if figure not in HEARING_KEYS:  # hearings count hearings; their records are the cases
                assert len(got["records"]) == got["value"], m.key
            cases = Case.objects.filter(pk__in=got["records"])
            assert all(c.docket == docket for c in cases)


def test_a_unit_with_its_subordinates(data, city):
    alone = metric_value("reconsideration.received", period=2026, unit="D100")["value"]
    sub = metric_value("reconsideration.received", period=2026, unit="D100", subordinates=True, records=True)
    ids = {city["district"].pk, city["district_market"].pk}
    expected = sorted(
        c.pk
        for c in Case.objects.filter(docket="reconsideration", received_on__year=2026)
        if c.handling_unit_id in ids or c.respondent_unit_id in ids
    )
    assert sub["records"] == expected and sub["value"] == len(expected) > alone


def test_an_arbitrary_date_range(data):
    p = date_range(dt.date(2025, 11, 15), dt.date(2026, 2, 10))
    got = metric_value("reconsideration.received", period=p, records=True)
    expected = sorted(
        Case.objects.filter(docket="reconsideration", received_on__range=(p.start, p.end)).values_list("pk", flat=True)
    )
    assert got["records"] == expected and got["value"] == len(expected)
    assert got["period"] == "2025-11-15..2026-02-10" and got["year"] == 2025


@pytest.mark.parametrize("docket", DOCKETS)
def test_scope_limits_what_a_viewer_counts(data, persona, docket):
    viewer = persona("reconsideration_handler", "district")  # handles both dockets; data scope: the district
    for m in case_metrics(docket):
        figure = m.key.split(".", 1)[1]
        mine = metric_value(m.key, period=2026, viewer=viewer)["value"]
        assert mine == recount(docket, Period(2026), user=viewer)[figure], m.key
    everyone = metric_value(f"{docket}.received", period=2026)["value"]
    mine = metric_value(f"{docket}.received", period=2026, viewer=viewer, records=True)
    assert 0 < mine["value"] < everyone
    assert {c.handling_unit.code for c in Case.objects.filter(pk__in=mine["records"])} == {"D100"}


def test_kept_counts_equal_a_full_recount_after_creates_changes_and_deletes(data, city):
    cases = data
    with time_machine.travel(NOW, tick=False):
        for c in cases[:40:3]:
            c.extra = {
                **c.extra,
                "accepted_on": "2026-03-03",
                "hearings": [{"on": "2026-02-02", "requires_head": True}],
            }
            c.outcome = "revoke" if c.outcome != "revoke" else "uphold"
            c.closed_on = c.closed_on or dt.date(2026, 4, 1)
            c.respondent_unit = city["finance"]
            c.save()
        for c in cases[1:30:4]:
            c.delete()
        stats_dataset(city, n=5, seed=99, first_seq=500)
    for source in SOURCES.values():
        counts = tally_recount(source)
        assert tally_stored(source) == counts, source.name
        # the month and year rows moved with the day rows: each equals the day counts summed by month / by year
        for grain in ("m", "y"):
            rolled = Counter({(k[0], *k[2:]): n for k, n in tally_rolled(counts, (grain,)).items()})
            assert tally_stored(source, grain) == rolled, (source.name, grain)


def test_a_range_over_years_months_and_days_counts_each_case_once(data):
    """2024-12-20..2026-03-10: days of 2024-12, the year 2025, the months 2026-01/02, days of 2026-03 (_pieces)."""
    p = date_range(dt.date(2024, 12, 20), dt.date(2026, 3, 10))
    got = metric_value("reconsideration.received", period=p, records=True)
    expected = sorted(
        Case.objects.filter(docket="reconsideration", received_on__range=(p.start, p.end)).values_list("pk", flat=True)
    )
    assert got["records"] == expected and got["value"] == len(expected) > 0


def test_a_snapshot_stays_as_taken(data, persona):
    from fazhi.audit.models import AuditEvent

    keys = ["reconsideration.correction_rate", "litigation.closed", "litigation.appearance_rate"]
    office = persona("office_staff")
    snap = metric_snapshot(keys, Period(2025), by=office, purpose="2025年度法治政府建设报告")
    before = snapshot_values(snap)
    assert before == {k: metric_value(k, period=2025, records=True) for k in keys}
    Case.objects.filter(docket="reconsideration", closed_on__year=2025).first().delete()
    for c in Case.objects.filter(docket="litigation", closed_on__year=2025)[:5]:
        c.delete()
    assert snapshot_values(snap) == before
    assert metric_value("litigation.closed", period=2025)["value"] == before["litigation.closed"]["value"] - 5
    event = AuditEvent.objects.get(action="metrics.snapshot.take")
    assert event.summary["keys"] == keys and event.actor == office


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("metrics", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def test_metrics_value_command_is_the_registry_value(data):
    code, out, _ = run("value", "litigation.lost_rate", "--year", "2025", "--period", "H2", "--unit", "C003", "--json")
    assert code == 0
    got = json.loads(out)
    plain = recount("litigation", Period(2025, "H2"), "C003")
    assert got == {
        "key": "litigation.lost_rate",
        "year": 2025,
        "period": "H2",
        "unit": "C003",
        "value": plain["lost_rate"],
        "numerator": plain["lost"],
        "denominator": plain["closed_by_judgment"],
    }
    assert list(json.loads(out)) == sorted(got)
    code, out, _ = run("value", "reconsideration.closed", "--year", "2026", "--records", "--json")
    got = json.loads(out)
    assert got["records"] == sorted(recount_sets("reconsideration", Period(2026))["closed"])
    assert sum(b["value"] for b in got["breakdown"]) <= got["value"]


def test_metrics_list_command(data):
    code, out, _ = run("list", "--json")
    rows = json.loads(out)
    assert code == 0 and [r["key"] for r in rows] == [m.key for m in metrics_all()]
    assert all(set(r) == {"key", "label", "unit", "module", "definition"} for r in rows)
    rate = next(r for r in rows if r["key"] == "reconsideration.correction_rate")
    assert rate["unit"] == "%" and rate["label"] == "纠错率" and "纠错 ÷ 以决定方式结案" in rate["definition"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("value", "no.such", "--year", "2025"), "没有指标“no.such”"),
        (("value", "reconsideration.closed", "--year", "2025", "--period", "Q5"), "统计期间“Q5”无效"),
        (("value", "reconsideration.closed", "--year", "2025", "--period", "2025-13-01..2025-12-31"), "起止日期"),
        (("value", "reconsideration.closed", "--year", "2025", "--unit", "ZZZ"), "未找到编码为“ZZZ”的单位"),
        (("value", "reconsideration.closed", "--year", "20x5"), "不是有效的四位年份"),
    ],
)
def test_bad_input_exits_2_with_a_chinese_message(db, args, message):
    code, out, err = run(*args)
    assert code == 2 and message in err and out == ""


def test_metric_page_lists_the_viewers_records_and_stats_page_links_to_it(data, client, persona):
    from django.urls import reverse

    viewer = persona("reconsideration_handler", "district")
    client.force_login(viewer)
    got = metric_value("reconsideration.received", period=2026, viewer=viewer, records=True)
    html = client.get(reverse("metrics:detail", args=["reconsideration.received"]), {"year": 2026}).content.decode()
    shown = [c.case_number for c in Case.objects.filter(pk__in=got["records"])]
    assert f"共 {got['value']} 件" in html and all(n in html for n in shown[:50])
    hidden = Case.objects.filter(docket="reconsideration", received_on__year=2026).exclude(pk__in=got["records"])
    assert hidden.exists() and not any(c.case_number + "<" in html for c in hidden)
    page = client.get(reverse("cases:stats", args=["reconsideration"]), {"year": 2026}).content.decode()
    assert reverse("metrics:detail", args=["reconsideration.correction_rate"]) + "?year=2026" in page


@pytest.mark.parametrize("docket", DOCKETS)
def test_per_unit_table_from_the_registry_equals_the_plain_breakdown(data, persona, docket):
    from fazhi.cases.stats import stats_by_unit

    spec = stats_get(docket)
    shown = ["unit", "name", "received", "closed", *(c.key for c in spec.unit_columns)]
    for period, user in ((Period(2025), None), (Period(2026, "H2"), persona("reconsideration_handler", "district"))):
        got = [{k: r.get(k) for k in shown} for r in stats_by_unit(docket=docket, year=period, user=user)]
        plain = [{k: r.get(k) for k in shown} for r in spec.fn("by_unit")(year=period, user=user)]
        assert got == plain and len(got) >= 2


def test_the_stats_page_keeps_its_figures_until_a_case_changes(data, client, persona, settings, monkeypatch):
    from django.urls import reverse

    from fazhi.cases import stats_views

    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "stats-kept-test"},
    }
    reads = []
    real = stats_views.stats_figures
    monkeypatch.setattr(stats_views, "stats_figures", lambda **kw: reads.append(kw) or real(**kw))
    viewer = persona("reconsideration_handler", "district")
    client.force_login(viewer)
    url = reverse("cases:stats", args=["reconsideration"])
    with time_machine.travel(NOW, tick=False):
        first = client.get(url, {"year": 2026}).context["rows"]
        client.get(url, {"year": 2026})
        assert len(reads) == 1  # the second page was served as kept
        client.get(url, {"year": 2026, "period": "H1"})
        assert len(reads) == 2  # another period is another key
        seen = metric_value("reconsideration.received", period=2026, viewer=viewer, records=True)["records"]
        Case.objects.get(pk=min(seen)).delete()  # a committed write to a case moves the docket stamp
        after = client.get(url, {"year": 2026}).context["rows"]
    assert len(reads) == 3
    received = next(r["value"] for r in first if r["label"] == "收案")
    assert next(r["value"] for r in after if r["label"] == "收案") == received - 1


def test_a_viewer_without_a_dockets_view_counts_none_of_its_cases(data, city):
    """A figure never counts what its records page would not open: the kept counts (tallies) were scoped by
    cases.case.view alone, so one who may open 行政复议 but not 行政应诉 cases counted the lawsuits' figures and their
    links answered 404 (noticed by the cockpit's engineer)."""
    from fazhi.orgs.tests.factories import user_with

    viewer = user_with(["cases.case.view", "reconsideration.case.view"], unit=city["gov"], scope="all")
    with time_machine.travel(NOW, tick=False):
        for key in ("litigation.received", "litigation.closed", "litigation.hearings_held"):
            assert metric_value(key, period=2026)["value"] > 0, key
            got = metric_value(key, period=2026, viewer=viewer, records=True)
            assert (got["value"], got["records"]) == (0, []), key
        assert (
            metric_value("reconsideration.received", period=2026, viewer=viewer)["value"]
            == (metric_value("reconsideration.received", period=2026)["value"])
        )
