"""Home-page widgets: a unit's open items by light; a leader's summary of the units in scope."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from fazhi.core.actions import register_home_widget


@register_home_widget
def supervision_widget(request: Any) -> dict[str, Any] | None:
    from fazhi.orgs.scopes import grants_for

    from .selectors import leader_summary

    g = grants_for(request.user)
    if not g.has("supervision.item.view"):
        return None
    summary = leader_summary(request.user)
    leader = g.has("supervision.board.office")
    ctx: dict[str, Any] = {"s": summary, "leader": leader}
    widget: dict[str, Any] = {"title": "督办事项" if not leader else "督办事项总览"}
    if leader and not g.has("supervision.item.close") and not g.has("supervision.item.report"):
        # a leader (reads, acts on nothing): the units' summary — counts by light per unit, each drilling down to
        # that unit's board — instead of the deadline list every handler gets
        from .selectors import office_board

        rows, _kinds, total = office_board(request.user)
        ctx |= {"units": rows[:UNITS_ON_HOME], "more": max(len(rows) - UNITS_ON_HOME, 0), "total_row": total}
        widget |= {"title": "所辖单位督办情况", "replaces": ["deadlines"]}
    widget["html"] = render_to_string("supervision/_summary.html", ctx)
    return widget


UNITS_ON_HOME = 15
