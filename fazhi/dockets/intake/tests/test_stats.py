"""`fazhi stats intake` and the statistics page (the cases' StatsSpec, fazhi/cases/stats.py): on a known set every
figure — received by channel, by dispute type, urgent, routed (件次) by where to, closed by outcome — is exact, equals
the plain recount (stats.py) whether the counts are kept or counted live, for periods, a unit and a viewer's scope;
the JSON carries year, unit and (with --period) period; a city with no intakes prints zeros with exit status 0."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
import time_machine
from django.core.management import call_command

from fazhi.cases.periods import Period
from fazhi.cases.stats import stats_by_unit, stats_figures, stats_get
from fazhi.dockets.intake.services import intake_answer, intake_close, intake_record_feedback, intake_route
from fazhi.metrics.models import TallyState
from fazhi.metrics.selectors import metric_value

from .conftest import ON

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)
D = dt.date
ZERO_CHANNELS = {"window": 0, "hotline": 0, "online": 0, "transfer": 0, "screening": 0}


@pytest.fixture
def known(register):
    """a: 东华街道 window 邻里 (ON), routed to 公证 + 仲裁 (ON); b: a village below it, 12348 劳动 群体性 (ON), routed
    to 诉讼指引 on 10 April; c: 文昌街道 网上 劳动 on 5 May, answered the next day; d: 东华街道 window 婚姻家庭 on 30
    December 2025, referred to 公证 on 5 January, feedback, closed on 20 January; e: 东华街道 转来 合同 可能激化 on 1
    July, waiting."""
    with time_machine.travel(NOW, tick=False):
        a = register(channel="window", dispute_type="neighbour")
        b = register(channel="hotline", dispute_type="labour", unit="village", mass=True)
        c = register(channel="online", dispute_type="labour", unit="other_town", received_on=D(2026, 5, 5))
        d = register(channel="window", dispute_type="family", received_on=D(2025, 12, 30))
        e = register(
            channel="transfer",
            transfer_from="court",
            dispute_type="contract",
            escalation_risk=True,
            received_on=D(2026, 7, 1),
        )
        two = [{"channel": "notary", "unit_name": "示范市公证处"}, {"channel": "arbitration", "unit_name": "仲裁委"}]
        intake_route(case=a, by=None, on=ON, routes=two)
        intake_route(case=b, by=None, on=D(2026, 4, 10), routes=[{"channel": "litigation", "unit_name": "法院"}])
        intake_answer(case=c, by=None, on=D(2026, 5, 6), answer="告知可申请劳动仲裁")
        intake_route(case=d, by=None, on=D(2026, 1, 5), routes=[{"channel": "notary", "unit_name": "示范市公证处"}])
        intake_record_feedback(case=d, by=None, on=D(2026, 1, 15), referral=1, result="resolved")
        intake_close(case=d, by=None, on=D(2026, 1, 20))
        yield {"a": a, "b": b, "c": c, "d": d, "e": e}


def _by(items):
    return {x["code"]: x["count"] for x in items if x["count"]}


def stats(*args):
    out = io.StringIO()
    call_command("stats", "intake", *args, stdout=out)
    return out.getvalue()


def test_the_year_in_figures(known):
    f = json.loads(stats("--year", "2026", "--json"))
    assert (f["docket"], f["year"], f["unit"], "period" in f) == ("intake", 2026, "", False)
    assert (f["received"], f["urgent"], f["routed"], f["closed"]) == (4, 2, 4, 2)
    assert _by(f["by_channel"]) == {"window": 1, "hotline": 1, "online": 1, "transfer": 1}
    assert [x["code"] for x in f["by_channel"]] == list(ZERO_CHANNELS)  # every channel, in the code list's order
    assert _by(f["by_dispute_type"]) == {"neighbour": 1, "labour": 2, "contract": 1}
    assert _by(f["by_route"]) == {"notary": 2, "arbitration": 1, "litigation": 1}
    assert [(o["code"], o["count"]) for o in f["outcomes"]] == [("routed", 1), ("answered", 1)]
    last = json.loads(stats("--year", "2025", "--json"))
    assert (last["received"], _by(last["by_channel"]), _by(last["by_dispute_type"])) == (
        1,
        {"window": 1},
        {"family": 1},
    )
    assert (last["routed"], last["closed"], last["urgent"]) == (0, 0, 0)


def test_a_period_and_a_unit(known):
    q2 = json.loads(stats("--year", "2026", "--period", "Q2", "--json"))
    assert (q2["period"], q2["received"], q2["urgent"], q2["routed"], q2["closed"]) == ("Q2", 1, 0, 1, 1)
    assert (_by(q2["by_channel"]), _by(q2["by_route"]), _by(q2["outcomes"])) == (
        {"online": 1},
        {"litigation": 1},
        {"answered": 1},
    )
    q1 = json.loads(stats("--year", "2026", "--period", "Q1", "--json"))
    assert (q1["received"], q1["urgent"], q1["routed"], q1["closed"]) == (2, 1, 3, 1)
    town = json.loads(stats("--year", "2026", "--unit", "D1T1", "--json"))  # 东华街道 itself, not the village
    assert (town["unit"], town["received"], town["urgent"], town["routed"], town["closed"]) == ("D1T1", 2, 1, 3, 1)
    assert _by(town["by_dispute_type"]) == {"neighbour": 1, "contract": 1}


def test_the_text_output_names_the_figures(known):
    text = stats("--year", "2026")
    assert text.splitlines()[:5] == [
        "纠纷求助登记统计 2026年",
        "  登记纠纷求助：4",
        "  其中群体性或可能激化：2",
        "  分流（件次）：4",
        "  办结：2",
    ]


def test_a_city_with_no_intakes_prints_zeros_and_exits_0(city):
    f = json.loads(stats("--year", "2026", "--json"))
    assert (f["received"], f["urgent"], f["routed"], f["closed"], f["unit"]) == (0, 0, 0, 0, "")
    assert {x["code"]: x["count"] for x in f["by_channel"]} == ZERO_CHANNELS
    assert _by(f["by_dispute_type"]) == _by(f["by_route"]) == _by(f["outcomes"]) == {}
    assert json.loads(stats("--year", "2026", "--period", "M03", "--json"))["period"] == "M03"


@pytest.mark.parametrize(
    ("args", "message"), [(["--year", "26"], "年"), (["--year", "2026", "--unit", "NOPE"], "NOPE")]
)
def test_bad_input_exits_2(city, capsys, args, message):
    err = io.StringIO()
    with pytest.raises(SystemExit) as exc:
        call_command("stats", "intake", *args, "--json", stdout=io.StringIO(), stderr=err)
    assert exc.value.code == 2 and message in err.getvalue()


PERIODS = [Period(2025), Period(2026), Period(2026, "Q1"), Period(2026, "Q2"), Period(2026, "H2"), Period(2026, "M01")]


@pytest.mark.parametrize("unit", [None, "D1T1", "D1T2"])
def test_the_registry_equals_the_plain_recount_kept_or_live(known, unit):
    plain_of = stats_get("intake").fn("compute")
    for period in PERIODS:
        plain = plain_of(year=period, unit_code=unit)
        kept = stats_figures(docket="intake", year=period, unit_code=unit)
        assert kept == plain, (period, unit)
    TallyState.objects.filter(source="intake").delete()
    for period in PERIODS:
        assert stats_figures(docket="intake", year=period, unit_code=unit) == plain_of(year=period, unit_code=unit)


def test_records_behind_each_figure(known):
    k = known
    ids = {m: metric_value(f"intake.{m}", period=2026, records=True)["records"] for m in ("received", "urgent")}
    assert ids == {"received": sorted([k["a"].pk, k["b"].pk, k["c"].pk, k["e"].pk]), "urgent": [k["b"].pk, k["e"].pk]}
    routed = metric_value("intake.routed", period=2026, records=True)  # 件次 4; the intakes routed: 3
    assert (routed["value"], routed["records"]) == (4, sorted([k["a"].pk, k["b"].pk, k["d"].pk]))
    sets = stats_get("intake").fn("case_sets")(year=2026)
    assert (sorted(sets["route:notary"]), sorted(sets["type:labour"]), sets["outcome:answered"]) == (
        sorted([k["a"].pk, k["d"].pk]),
        sorted([k["b"].pk, k["c"].pk]),
        [k["c"].pk],
    )


def test_a_viewer_counts_only_their_scope(known, persona):
    office = persona("justice_office", "town")  # 东华街道 and the villages below it
    f = stats_figures(docket="intake", year=2026, user=office)
    assert (f["received"], f["urgent"], f["routed"], f["closed"]) == (3, 2, 4, 1)
    assert f == stats_get("intake").fn("compute")(year=2026, user=office) | {"unit": ""}
    lines = {u["unit"]: (u["received"], u["routed"]) for u in stats_by_unit(docket="intake", year=2026, user=office)}
    assert lines == {"D1T1": (2, 3), "D1T1V1": (1, 1)}


def test_the_statistics_page_and_its_drill_down(known, login_client, persona):
    client = login_client(persona("mediation_manager", "justice"))
    with time_machine.travel(NOW, tick=False):
        page = client.get("/cases/stats/intake/?year=2026")
        body = page.content.decode()
        assert page.status_code == 200 and "纠纷求助登记统计（2026年）" in body
        for label in ("按来源渠道", "按纠纷类型", "按分流去向", "登记纠纷求助", "其中群体性或可能激化"):
            assert label in body
        assert "/metrics/intake.urgent/" in body and "/metrics/intake.by_dispute_type/" in body
        drill = client.get("/cases/stats/intake/cases/?key=type:labour&year=2026")
        text = drill.content.decode()
        assert drill.status_code == 200 and "按纠纷类型：劳动" in text
        assert known["b"].case_number in text and known["c"].case_number in text
        assert known["a"].case_number not in text
        export = client.get("/cases/stats/intake/export/?year=2026")
        assert export.status_code == 200


def test_the_units_table_equals_the_plain_breakdown(known):
    with_counts = stats_by_unit(docket="intake", year=2026)
    plain = stats_get("intake").fn("by_unit")(year=2026)
    assert [(u["unit"], u["received"], u["routed"], u["closed"]) for u in with_counts] == [
        (u["unit"], u["received"], u["routed"], u["closed"]) for u in plain
    ]
    assert [(u["unit"], u["received"], u["routed"], u["closed"]) for u in plain] == [
        ("D1T1", 2, 3, 1),
        ("D1T1V1", 1, 1, 0),
        ("D1T2", 1, 0, 1),
    ]
