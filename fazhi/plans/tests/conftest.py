from __future__ import annotations

import pytest

from fazhi.orgs.tests.factories import UnitFactory, UnitGroupFactory

SMALL_PLAN = """示范市2026年法治政府建设工作要点
一、重点任务
(一)依法行政
1.清理涉企收费。建立问题台账。2026年9月底前完成。
牵头单位:市市场监管局;配合单位:市财政局、各区人民政府
2.推行合法性审查。审查时间不少于7个工作日。
相关单位:市司法局
"""


@pytest.fixture
def districts(city):
    group = UnitGroupFactory(name="各区人民政府", code="G-D")
    group.members.set([city["district"]])
    return group


@pytest.fixture
def small_plan(city, districts, persona):
    from fazhi.plans.parsing import parse_plan_text
    from fazhi.plans.services import plan_import

    office = persona("office_head", "gov")
    parsed = parse_plan_text(SMALL_PLAN)
    return plan_import(by=office, parsed=parsed, name="测试计划", kind="annual", year=2026)


@pytest.fixture
def other_unit(db):
    return UnitFactory(name="示范市外单位", short_name="外单位")
