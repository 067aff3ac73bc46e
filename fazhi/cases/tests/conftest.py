"""A toy docket registered for kernel tests (the real dockets live under fazhi/dockets/)."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.cases.registry import DocketSpec, DocumentSpec, State, Transition, register_docket


def may_close(case):
    return None if case.extra.get("ready") else "尚未准备好，不能结案。"


def toy_close(*, case, by, on, expected_version=None):
    from fazhi.cases.services import case_transition_apply

    return case_transition_apply(
        case=case, code="close", by=by, on=on, expected_version=expected_version, outcome="done"
    )


TOY = DocketSpec(
    code="toy",
    label="测试案件",
    states=(State("open", "办理中"), State("closed", "已结案", closed=True)),
    initial_state="open",
    transitions=(
        Transition(
            "close",
            "结案",
            ("open",),
            "closed",
            "toy.case.close",
            "fazhi.cases.tests.conftest.toy_close",
            guard=may_close,
        ),
    ),
    number_pattern="示测〔{year}〕{seq}号",
    detail_url_name="home",
    documents=(DocumentSpec("notice", "测试通知书", "{{申请人}}：\n本机关于{{日期}}收到你的申请。\n>>示范市人民政府"),),
)
register_docket(TOY)


@pytest.fixture
def toy_case(city):
    from fazhi.cases.services import case_create

    def make(**kw):
        args = {"docket": "toy", "handling_unit": city["justice"], "received_on": dt.date(2026, 1, 5), "by": None}
        args.update(kw)
        return case_create(**args)

    return make
