"""intake.received (by channel) and intake.routed (by where to) in the metric registry: exact values on a known set,
the records behind them, the viewer's scope; the kept counts equal the live recount."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.dockets.intake.services import intake_route
from fazhi.metrics.selectors import metric_value

from .conftest import ON

pytestmark = pytest.mark.django_db


def _by(m):
    return {b["code"]: b["value"] for b in m["breakdown"] if b["value"]}


def test_received_and_routed_by_channel(register, persona):
    a = register(channel="window")
    b = register(channel="hotline", unit="village")
    register(channel="hotline", unit="other_town")
    register(channel="window", received_on=dt.date(2025, 12, 30))  # last year
    intake_route(
        case=a,
        by=None,
        on=ON,
        routes=[{"channel": "notary", "unit_name": "公证处"}, {"channel": "arbitration", "unit_name": "仲裁委"}],
    )
    intake_route(case=b, by=None, on=ON, routes=[{"channel": "litigation", "unit_name": "东城区人民法院"}])
    received = metric_value("intake.received", period=2026, records=True)
    assert (received["value"], _by(received)) == (3, {"window": 1, "hotline": 2})
    routed = metric_value("intake.routed", period=2026, records=True)
    assert (routed["value"], _by(routed)) == (3, {"notary": 1, "arbitration": 1, "litigation": 1})
    assert routed["records"] == sorted([a.pk, b.pk])
    office = persona("justice_office", "town")
    mine = metric_value("intake.received", period=2026, viewer=office)
    assert (mine["value"], _by(mine)) == (2, {"window": 1, "hotline": 1})
    assert metric_value("intake.received", period=2025)["value"] == 1


def test_the_kept_counts_equal_the_recount(register):
    from fazhi.dockets.intake.metrics import SOURCE
    from fazhi.metrics.tallies import tally_rebuild

    a = register(channel="screening")
    intake_route(case=a, by=None, on=ON, routes=[{"channel": "appraisal", "unit_name": "司法鉴定中心"}])
    live = (metric_value("intake.received", period=2026), metric_value("intake.routed", period=2026))
    tally_rebuild(SOURCE)
    register(channel="online")
    kept = (metric_value("intake.received", period=2026), metric_value("intake.routed", period=2026))
    assert (kept[0]["value"], _by(kept[0])) == (2, {"screening": 1, "online": 1})
    assert (kept[1]["value"], _by(kept[1])) == (live[1]["value"], _by(live[1])) == (1, {"appraisal": 1})


def test_the_upgrade_recounts_counts_kept_before_the_new_series(register):
    """Counts kept before `urgent`, `dispute_type` and `closed` were series: the migration forgets the source was built
    and the post-migrate step recounts it."""
    import importlib

    from django.apps import apps

    from fazhi.metrics.models import Tally
    from fazhi.metrics.tallies import build_missing

    register(mass=True)
    Tally.objects.filter(series__in=["intake.urgent", "intake.dispute_type"]).delete()  # as kept before the upgrade
    assert metric_value("intake.urgent", period=2026)["value"] == 0
    migration = importlib.import_module("fazhi.dockets.intake.migrations.0001_recount_figures")
    migration.recount(apps, None)
    assert metric_value("intake.urgent", period=2026)["value"] == 1  # counted live meanwhile
    build_missing()
    assert metric_value("intake.urgent", period=2026)["value"] == 1
    by_type = metric_value("intake.by_dispute_type", period=2026)
    assert (by_type["value"], _by(by_type)) == (1, {"neighbour": 1})
    assert Tally.objects.filter(series="intake.urgent").exists()
