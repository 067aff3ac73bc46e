"""Who may see and act on supervisable items. An item belongs to its responsible unit: the unit's people see it,
report on it and ask for extensions; the office (scope ALL) 销号, 退回, 催办 and decides extensions; leaders read
the boards of the units in their scope. Anything not listed is denied."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import QuerySet

from fazhi.core.policy import Policy, Rule
from fazhi.orgs.rules import has_action, in_scope
from fazhi.orgs.scopes import scope_q, unit_in_scope

from .models import Extension, Item, RaiseRule


def _co_units_in_scope() -> Rule:
    """One of the item's co-units (a many-to-many to Unit) lies inside the user's data scope."""

    def allows(user: Any, obj: Any) -> bool:
        return obj is not None and any(unit_in_scope(user, u.pk) for u in obj.co_units.all())

    def restrict(user: Any, qs: QuerySet) -> QuerySet:
        q = scope_q(user, "co_units")
        return qs if q is None else qs.filter(q).distinct()

    return Rule(allows, restrict, "scope:co_units")


class ItemPolicy(Policy):
    model = Item
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action("supervision.item.view") & in_scope("unit"),
        "report": has_action("supervision.item.report") & in_scope("unit"),
        "submit": has_action("supervision.item.report") & in_scope("unit"),
        "extend_request": has_action("supervision.item.extend_request") & in_scope("unit"),
        "accept": has_action("supervision.item.close") & in_scope("unit"),
        "return": has_action("supervision.item.close") & in_scope("unit"),
        "urge": has_action("supervision.urge") & in_scope("unit"),
        "notice": has_action("supervision.urge") & in_scope("unit"),  # 督办单: a written 催办
        "extend_approve": has_action("supervision.extension.decide") & in_scope("unit"),
        "board": has_action("supervision.board.office") & in_scope("unit"),
        "export": has_action("supervision.board.office") & in_scope("unit"),
    }


class CoUnitItemPolicy(Policy):
    """A co-unit (配合单位) of an item sees it and — where its source allows — asks for an extension."""

    model = Item
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action("supervision.item.view") & _co_units_in_scope(),
        "extend_request": has_action("supervision.item.extend_request") & _co_units_in_scope(),
    }


class ExtensionPolicy(Policy):
    model = Extension
    rules: ClassVar[dict[str, Rule]] = {
        "decide": has_action("supervision.extension.decide") & in_scope("item__unit"),
    }


class RaiseRulePolicy(Policy):
    model = RaiseRule
    rules: ClassVar[dict[str, Rule]] = {
        "view": has_action("supervision.board.office"),
        "manage": has_action("supervision.rules.manage"),
    }
