import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from fazhi.consultations.models import Outcome
from fazhi.consultations.selectors import ledger_items
from fazhi.consultations.services import (
    adoption_record,
    comment_submit,
    consultation_close,
    consultation_create,
    consultation_draft_import,
    consultation_open,
    explanation_publish,
)
from fazhi.consultations.tests.factories import NEAR_DUPLICATES
from fazhi.decisions.services import decision_launch, decision_party_report, decision_publish
from fazhi.metrics.selectors import metric_value

from .factories import MET, decision_launched, legality_done, meeting

D = dt.date
EMPTY = {
    "adoption_rate": None,
    "by_state": 0,
    "by_state_breakdown": {
        "decided": 0,
        "discussion": 0,
        "launched": 0,
        "legality_review": 0,
        "procedures": 0,
        "published": 0,
        "suspended": 0,
    },
    "catalogue_items": 0,
    "catalogue_items_started": 0,
    "comments": 0,
    "comments_adopted": 0,
    "comments_answered": 0,
    "consultations": 0,
    "decided": 0,
    "dissented": 0,
    "evaluated": 0,
    "launched": 0,
    "legality_review_rate": None,
    "legality_reviewed": 0,
    "published": 0,
    "unit": "",
    "year": 2026,
}


def _stats(*args):
    out = io.StringIO()
    call_command("stats", "decisions", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def known(city, persona):
    staff = persona("office_staff")
    d = decision_launched(city, staff)
    c = consultation_create(
        owner=d,
        unit=city["market"],
        title="草案",
        opens_on=D(2026, 10, 10),
        closes_on=D(2026, 11, 9),
        by=staff,
        identity="anonymous",
    )
    consultation_draft_import(consultation=c, text="第一条 内容", by=staff)
    consultation_open(consultation=c, by=staff, on=D(2026, 10, 10))
    for text in (NEAR_DUPLICATES[0], NEAR_DUPLICATES[1], NEAR_DUPLICATES[5]):
        comment_submit(consultation=c, text=text, today=D(2026, 10, 20))
    cluster, single = ledger_items(c)
    adoption_record(consultation=c, by=staff, cluster=cluster.cluster, outcome=Outcome.ADOPTED, reason="已改")
    adoption_record(consultation=c, by=staff, comment=single.first, outcome=Outcome.REJECTED, reason="另行研究")
    consultation_close(consultation=c, by=staff, on=D(2026, 11, 9))
    explanation_publish(consultation=c, by=staff)
    legality_done(d, staff)
    meeting(d, staff, dissents=[("李副市长", "建议试点")])
    decision_party_report(decision=d, by=staff, on=MET)
    decision_publish(decision=d, by=staff, on=D(2026, 11, 16), publication="政府网站")
    decision_launch(
        by=staff,
        launched_on=D(2026, 3, 2),
        title="政府债务管理",
        lead_unit=city["finance"],
        government=city["gov"],
        required=["expert"],
    )
    return d


def test_an_empty_city_answers_zeros_with_exit_status_0(db):
    assert _stats("--year", "2026") == EMPTY


def test_the_known_data_set_for_the_year(known):
    assert _stats("--year", "2026") == {
        **EMPTY,
        "adoption_rate": 66.67,
        "by_state": 2,
        "by_state_breakdown": {**EMPTY["by_state_breakdown"], "launched": 1, "published": 1},
        "comments": 3,
        "comments_adopted": 2,
        "comments_answered": 3,
        "consultations": 1,
        "decided": 1,
        "dissented": 1,
        "launched": 2,
        "legality_review_rate": 100.0,
        "legality_reviewed": 1,
        "published": 1,
    }


def test_a_unit_and_a_period(known):
    finance = _stats("--year", "2026", "--unit", "C003")
    assert (finance["unit"], finance["launched"], finance["decided"], finance["legality_review_rate"]) == (
        "C003",
        1,
        0,
        None,
    )
    q1 = _stats("--year", "2026", "--period", "Q1")
    assert (q1["period"], q1["launched"], q1["by_state"], q1["decided"]) == ("Q1", 1, 1, 0)
    q4 = _stats("--year", "2026", "--period", "Q4")
    assert (q4["launched"], q4["decided"], q4["comments"], q4["adoption_rate"]) == (1, 1, 3, 66.67)


def test_bad_input_exits_2(db, capsys):
    with pytest.raises(SystemExit) as exc:
        call_command("stats", "decisions", "--year", "26", "--json")
    assert exc.value.code == 2


def test_the_records_behind_the_rate_and_the_viewers_scope(known, persona):
    v = metric_value("decisions.legality_review_rate", period=2026, records=True)
    assert v["records"] == {"numerator": [known.pk], "denominator": [known.pk]}
    other = persona("dept_liaison", unit="finance")
    assert metric_value("decisions.launched", period=2026, viewer=other)["value"] == 1
