"""The normative-document clocks in the engine, hand-counted on the 2026 calendar (legal-rules.md §16.2)."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.deadlines.calendar_data import calendar_from_package
from fazhi.deadlines.engine import compute_due

CAL = calendar_from_package()


@pytest.mark.parametrize(
    ("rule", "start", "due"),
    [
        # published Thu 2026-09-10; +30 natural days = Sat 10-10, a 调休上班日 (国庆), so a working day: due that day
        ("normative_document.filing", date(2026, 9, 10), date(2026, 10, 10)),
        # published Sat 2026-09-05; +30 = Mon 10-05 inside 国庆 10-01…10-07: rolls over to Thu 10-08
        ("normative_document.filing", date(2026, 9, 5), date(2026, 10, 8)),
        # 审查意见书 received Tue 2026-01-20; +30 = Thu 02-19 inside 春节 02-15…02-23: rolls over to Tue 02-24
        ("normative_document.correction_report", date(2026, 1, 20), date(2026, 2, 24)),
        # sent for 审核 Mon 2026-09-21; working days 9/22, 23, 24 (中秋 9/25–27 skipped), 28, 29, 30 (国庆 10/1–7
        # skipped), 10/8, 9, Sat 10/10 (调休上班日), 12, 13, 14, 15, 16, 19 = the 15th: Mon 10-19
        ("normative_document.legality_review", date(2026, 9, 21), date(2026, 10, 19)),
    ],
)
def test_clocks_count_as_the_calendar_says(rule: str, start: date, due: date) -> None:
    assert compute_due(rule, start, calendar=CAL).due == due
