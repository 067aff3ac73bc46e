"""Owners of consultations: a module whose records are put out for public comment declares itself once (from its
AppConfig.ready) with `register_owner(ConsultationOwner(...))`. The engine never imports an owner module."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fazhi.core.errors import DomainError

from .errors import ConsultationErrorCode


@dataclass(frozen=True)
class ConsultationOwner:
    model: str  # app_label.modelname, e.g. "decisions.decision"
    label: str  # what the record is, e.g. "重大行政决策"
    rule_id: str  # the minimum-period clock rule (fazhi/deadlines/rules.py), with its legal basis
    get_for: Callable[[Any, int], Any]  # (user, pk) -> the owner record the user may manage, else Http404
    title: Callable[[Any], str] = str  # the record's name, as consultation pages show it
    url: Callable[[Any], str] = lambda obj: obj.get_absolute_url()


OWNERS: dict[str, ConsultationOwner] = {}


def register_owner(owner: ConsultationOwner) -> ConsultationOwner:
    OWNERS[owner.model] = owner
    return owner


def owner_get(model: str) -> ConsultationOwner:
    try:
        return OWNERS[model]
    except KeyError:
        raise DomainError(ConsultationErrorCode.UNKNOWN_OWNER, f"“{model}”不能发起征求意见。", field="owner") from None


def owner_of(obj: Any) -> ConsultationOwner:
    return owner_get(obj._meta.label_lower)
