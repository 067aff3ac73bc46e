"""How a case appears on supervision boards when one of its clocks raises an item: its docket's label and page."""

from __future__ import annotations

from typing import Any

from fazhi.supervision.sources import record_describer_register


def _describe(case: Any) -> tuple[str, str]:
    from .registry import DOCKETS

    spec = DOCKETS.get(case.docket)
    return (spec.label if spec else "案件"), case.get_absolute_url()


record_describer_register("cases.case", _describe)
