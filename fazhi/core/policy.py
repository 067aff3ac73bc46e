"""Policy base: one object per module answering can / visible / who_can. Anything not listed is denied.

A rule is a pair of functions: `allows(actor, obj)` for one object and `restrict(actor, qs)` for a queryset. Rules
combine with & and |. The concrete rules (action grants, data scopes) are provided by fazhi.orgs, which knows roles.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.db.models import Model, QuerySet


class Rule:
    def __init__(
        self,
        allows: Callable[[Any, Any], bool],
        restrict: Callable[[Any, QuerySet], QuerySet],
        label: str = "",
    ) -> None:
        self._allows = allows
        self._restrict = restrict
        self.label = label

    def allows(self, actor: Any, obj: Any) -> bool:
        return bool(self._allows(actor, obj))

    def restrict(self, actor: Any, qs: QuerySet) -> QuerySet:
        return self._restrict(actor, qs)

    def __and__(self, other: Rule) -> Rule:
        return Rule(
            lambda a, o: self.allows(a, o) and other.allows(a, o),
            lambda a, qs: other.restrict(a, self.restrict(a, qs)),
            f"({self.label} & {other.label})",
        )

    def __or__(self, other: Rule) -> Rule:
        return Rule(
            lambda a, o: self.allows(a, o) or other.allows(a, o),
            lambda a, qs: self.restrict(a, qs) | other.restrict(a, qs),
            f"({self.label} | {other.label})",
        )


DENY = Rule(lambda a, o: False, lambda a, qs: qs.none(), "deny")


class Policy:
    """Subclasses set `model` and `rules`. `can`/`visible` deny every action that has no rule."""

    model: ClassVar[type[Model]]
    rules: ClassVar[dict[str, Rule]] = {}

    @classmethod
    def rule(cls, action: str) -> Rule:
        return cls.rules.get(action, DENY)

    @classmethod
    def can(cls, actor: Any, action: str, obj: Any = None) -> bool:
        if actor is None or not getattr(actor, "is_authenticated", False) or not getattr(actor, "is_active", False):
            return False
        return cls.rule(action).allows(actor, obj)

    @classmethod
    def visible(cls, actor: Any, action: str = "view", qs: QuerySet | None = None) -> QuerySet:
        base = qs if qs is not None else cls.model._default_manager.all()
        if actor is None or not getattr(actor, "is_authenticated", False) or not getattr(actor, "is_active", False):
            return base.none()
        return cls.rule(action).restrict(actor, base)

    @classmethod
    def who_can(cls, action: str, obj: Any, candidates: QuerySet) -> list[Any]:
        return [u for u in candidates if cls.can(u, action, obj)]
