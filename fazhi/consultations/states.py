"""A consultation's life, declared as a table; only services move it.

draft ──open──▶ open ──close──▶ closed ──publish──▶ published (意见采纳情况说明 public)
"""

from __future__ import annotations

from django.db import models


class ConsultationState(models.TextChoices):
    DRAFT = "draft", "未发布"
    OPEN = "open", "征求意见中"
    CLOSED = "closed", "已截止"
    PUBLISHED = "published", "已公布采纳情况"


S = ConsultationState
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "open": ((S.DRAFT,), S.OPEN),
    "close": ((S.OPEN,), S.CLOSED),
    "publish": ((S.CLOSED,), S.PUBLISHED),
}


def may(transition: str, state: str) -> bool:
    return state in TRANSITIONS[transition][0]


def may_open(state: str) -> bool:
    return may("open", state)


def may_close(state: str) -> bool:
    return may("close", state)


def may_publish(state: str) -> bool:
    return may("publish", state)
