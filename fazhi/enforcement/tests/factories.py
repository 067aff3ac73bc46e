"""Helpers for tests here and elsewhere: a 执法主体 with matters, officers (one expired, one short of training) and
cases recorded through the real services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from fazhi.enforcement.models import Body, Case
from fazhi.enforcement.services import (
    CaseInput,
    body_save,
    case_record,
    matter_save,
    officer_save,
    training_record,
)

D = dt.date
BY = "test"
CREDIT = "91350100M000100Y43"  # a valid 统一社会信用代码 (GB 32100-2015 check character Y… 3)


def body_with_staff(unit: Any, *, prefix: str = "SJ") -> dict[str, Any]:
    """A body over `unit` with three matters and four officers: two fit (60 h of training in 2025), one whose
    certificate ended on 2026-02-28, one with 40 h in 2025."""
    body = body_save(by=BY, unit=unit, legal_basis="《中华人民共和国行政处罚法》", scope="市场监督管理领域行政处罚")
    m = {
        "fine": matter_save(
            by=BY,
            body=body,
            code="CF-001",
            name="对销售不合格产品的处罚",
            kind="penalty",
            basis="《产品质量法》第四十九条",
        ),
        "major": matter_save(
            by=BY,
            body=body,
            code="CF-002",
            name="吊销营业执照",
            kind="penalty",
            basis="《市场主体登记管理条例》第四十四条",
            review_required=True,
        ),
        "seal": matter_save(
            by=BY, body=body, code="QZ-001", name="查封扣押", kind="coercion", basis="《行政强制法》第九条"
        ),
    }
    o = {}
    for key, name, until, hours in (
        ("a", "张执法", D(2028, 12, 31), 60),
        ("b", "赵执法", D(2028, 12, 31), 60),
        ("expired", "王五", D(2026, 2, 28), 60),
        ("untrained", "李四", D(2028, 12, 31), 40),
    ):
        o[key] = officer_save(
            by=BY,
            body=body,
            name=name,
            certificate_number=f"{prefix}-{key.upper()}",
            area="示范市",
            valid_from=D(2024, 1, 1),
            valid_until=until,
        )
        training_record(by=BY, officer=o[key], on=D(2025, 6, 1), course="行政处罚法培训", hours=Decimal(hours))
    return {"body": body, "matters": m, "officers": o}


def case_input(**kw: Any) -> CaseInput:
    values: dict[str, Any] = {
        "number": "示市监罚〔2026〕1号",
        "matter_code": "CF-001",
        "filed_on": D(2026, 3, 2),
        "party_kind": "organisation",
        "party_name": "示范市某某商贸有限公司",
        "party_credit_code": CREDIT,
        "officer_numbers": ["SJ-A", "SJ-B"],
    }
    values.update(kw)
    return CaseInput(**values)


def case_made(body: Body, **kw: Any) -> Case:
    return case_record(by=BY, body=body, data=case_input(**kw))
