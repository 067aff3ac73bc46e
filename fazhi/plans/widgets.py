"""Home-page widget: the user's plan tasks waiting for them."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.html import format_html

from fazhi.core.actions import register_home_widget


@register_home_widget
def plans_todo_widget(request: Any) -> dict[str, Any] | None:
    from fazhi.orgs.scopes import grants_for

    from .selectors import my_assignments

    if not grants_for(request.user).has("plans.task.sign"):
        return None
    n = my_assignments(request.user, state="todo").count()
    return {
        "title": "规划任务待办",
        "html": format_html(
            '<p>本单位有 <a href="{}">{} 项任务</a> 待签收或待报送。</p>', reverse("plans:my_tasks") + "?state=todo", n
        ),
    }
