"""Test helpers importable by other modules: an owner registered for tests (a unit stands in for the record that
owns the consultation) and a consultation opened on a given day with a three-article draft."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404

from fazhi.consultations.registry import OWNERS, ConsultationOwner, register_owner

DRAFT = """示范市停车管理办法（征求意见稿）
第一条 为了规范停车管理，制定本办法。
第二条 本办法适用于本市行政区域内的停车场。
第三条 停车收费标准由价格主管部门制定，
每小时不超过十元。
"""

NEAR_DUPLICATES = [
    "建议将第五条规定的停车收费标准降低，每小时不超过五元，保障市民合理停车需求。",
    "建议将第五条规定的停车收费标准降低，每小时不超过5元，保障市民的合理停车需求！",
    "我建议将第五条规定的停车收费标准降低，每小时不超过五元，保障广大市民合理停车需求。",
    "第八条关于夜间施工的时间限制过于宽松，应当规定晚上十点后禁止施工。",
    "第八条关于夜间施工的时间限制过于宽松，应规定晚上十点以后禁止施工。",
    "希望增加公共充电桩的建设规划。",
    "停车收费太贵了，应该便宜点，建议第五条降低标准。",
]


def _unit_get_for(user: Any, pk: int) -> Any:
    from fazhi.orgs.models import Unit

    unit = Unit.objects.filter(pk=pk).first()
    if unit is None:
        raise Http404
    return unit


def test_owner_register() -> ConsultationOwner:
    if "orgs.unit" not in OWNERS:
        register_owner(
            ConsultationOwner(
                model="orgs.unit",
                label="测试记录",
                rule_id="decision.public_comment_min",
                get_for=_unit_get_for,
                url=lambda obj: f"/units/{obj.pk}/",
            )
        )
    return OWNERS["orgs.unit"]


test_owner_register.__test__ = False  # type: ignore[attr-defined]


def consultation_opened(*, owner: Any, by: Any, opens_on: dt.date, closes_on: dt.date, **kw: Any) -> Any:
    from fazhi.consultations.services import consultation_create, consultation_draft_import, consultation_open

    test_owner_register()
    c = consultation_create(
        owner=owner, unit=owner, title="示范市停车管理办法", opens_on=opens_on, closes_on=closes_on, by=by, **kw
    )
    consultation_draft_import(consultation=c, text=DRAFT, by=by)
    return consultation_open(consultation=c, by=by, on=opens_on)
