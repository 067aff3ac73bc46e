"""A decision is an owner of consultations (公众参与, 《重大行政决策程序暂行条例》第十四条至第十八条): the engine's
minimum period is decision.public_comment_min (Art. 15: 一般不少于30日)."""

from typing import Any

from fazhi.consultations.registry import ConsultationOwner, register_owner


def _get_for(user: Any, pk: int) -> Any:
    from .selectors import decision_get_for

    return decision_get_for(user, pk, "manage")


register_owner(
    ConsultationOwner(
        model="decisions.decision",
        label="重大行政决策",
        rule_id="decision.public_comment_min",
        get_for=_get_for,
        title=lambda d: d.title,
    )
)
