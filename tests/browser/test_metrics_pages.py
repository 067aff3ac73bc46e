"""The metric registry's pages in Chromium: from a figure on the 行政复议 statistics page to its 口径 and the cases
behind it, and the 指标口径说明 page, at desktop and phone sizes (screenshots in $FAZHI_SHOTS when set)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
import time_machine

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SIZES = [(1366, 768), (1920, 1080), (390, 844)]


def _shot(page, name: str) -> None:
    folder = os.environ.get("FAZHI_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


def test_from_a_statistics_figure_to_its_definition_and_cases(page, live_server, persona, city, login_as):
    from fazhi.cases.tests.stats_data import stats_dataset
    from fazhi.metrics.selectors import metric_value

    with time_machine.travel(dt.datetime(2026, 12, 1, 2, tzinfo=dt.UTC), tick=False):
        stats_dataset(city)
    persona("leader", "gov")
    expected = metric_value("reconsideration.correction_rate", period=2025)
    login_as("leader_gov")
    page.goto(f"{live_server.url}/cases/stats/reconsideration/?year=2025")
    row = page.locator("tr", has=page.locator("th", has_text="纠错率")).first
    assert f"{expected['value']}%" in row.inner_text()
    row.locator("a", has_text="口径").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text().startswith("纠错率（2025年）")
    assert "纠错 ÷ 以决定方式结案" in page.content()
    assert f"共 {expected['denominator']} 件" in page.content()
    page.click("a:has-text('分子')")
    page.wait_for_load_state("networkidle")
    assert f"共 {expected['numerator']} 件" in page.content()
    for w, h in SIZES:
        page.set_viewport_size({"width": w, "height": h})
        _shot(page, f"metric-detail-{w}")
    page.goto(f"{live_server.url}/metrics/")
    assert page.locator("h1").inner_text() == "指标口径说明"
    assert page.locator("tr#litigation\\.appearance_rate").count() == 1
    for w, h in SIZES:
        page.set_viewport_size({"width": w, "height": h})
        _shot(page, f"metrics-index-{w}")
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{live_server.url}/cases/stats/reconsideration/?year=2025")
    _shot(page, "stats-1366")
    page.goto(f"{live_server.url}/metrics/reconsideration.closed/?year=20x5&period=Q9")
    assert "不是有效的四位年份" in page.content() and "统计期间“Q9”无效" in page.content()
    assert page.locator("input[name=year]").input_value() == "20x5"  # what was typed stays, the error beside it
    assert "不是有效的四位年份" in page.locator("input[name=year] + .field-error").inner_text()
