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
    return {
        "title": "督办事项" if not leader else "督办事项总览",
        "html": render_to_string("supervision/_summary.html", {"s": summary, "leader": leader}),
    }
