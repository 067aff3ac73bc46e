"""The clock rules of 行政执法 (the engine computes; this only declares). The 90-day decision period is the engine's
own `penalty.case` (《行政处罚法》（2021年修订）第六十条)."""

from fazhi.deadlines.rules import ClockRule, PeriodUnit, rule_register

from .rules import LAW, SUPERVISION_BASIS, complaint_period, publication_days, supervision_reply_period
from .states import MatterKind

DECISION_RULE = "penalty.case"
WITHDRAWAL_RULE = "enforcement.withdrawal"


def publication_rule(kind: str) -> str:
    return f"enforcement.publication.{kind}"


for _kind, _label in MatterKind.choices:
    rule_register(
        ClockRule(
            publication_rule(_kind),
            f"行政执法决定公示期限（{_label}）",
            publication_days(_kind),
            PeriodUnit.WORKING_DAY,
            f"{LAW}第四十八条；国办发〔2018〕118号（⚠ 公示期限由各地规定：默认20个工作日，行政处罚、行政许可7个工作日；"
            "可配置 FAZHI_ENFORCEMENT_PUBLICATION_DAYS）",
            trigger="作出行政执法决定之日",
            configurable=True,
            warn_days=2,
            handling_action="enforcement.case.record",
        )
    )

rule_register(
    ClockRule(
        WITHDRAWAL_RULE,
        "公开的行政执法决定撤回期限",
        3,
        PeriodUnit.WORKING_DAY,
        f"{LAW}第四十八条第二款（公开的行政处罚决定被依法变更、撤销、确认违法或者确认无效的，应当在三日内撤回）",
        trigger="决定被依法变更、撤销、确认违法或者确认无效之日",
        warn_days=1,
        handling_action="enforcement.case.record",
        note="“三日”按工作日计（legal-rules.md §12.2）。",
    )
)

SUPERVISION_REPLY_RULE = "enforcement.supervision_reply"
_reply_days, _reply_unit = supervision_reply_period()
rule_register(
    ClockRule(
        SUPERVISION_REPLY_RULE,
        "行政执法监督文书答复期限",
        _reply_days,
        PeriodUnit(_reply_unit),
        f"{SUPERVISION_BASIS}（⚠ 答复期限的条文未核实，legal-rules.md §12.1：默认30日，可配置 "
        "FAZHI_ENFORCEMENT_SUPERVISION_REPLY_DAYS / _UNIT）",
        trigger="制发行政执法监督意见书或决定书之日",
        configurable=True,
        warn_days=5,
        handling_action="enforcement.case.record",
    )
)

COMPLAINT_RULE = "enforcement.complaint"
_c_days, _c_unit = complaint_period()
rule_register(
    ClockRule(
        COMPLAINT_RULE,
        "执法投诉办理期限",
        _c_days,
        PeriodUnit(_c_unit),
        f"{SUPERVISION_BASIS}（⚠ 投诉处理期限的条文未核实，legal-rules.md §12.1：默认60日，可配置 "
        "FAZHI_ENFORCEMENT_COMPLAINT_DAYS / _UNIT）",
        trigger="收到投诉之日",
        configurable=True,
        warn_days=7,
        handling_action="enforcement.supervise",
    )
)
