"""An item's life, its lights and the ladder levels, declared as data.

open ──submit (completion report)──▶ submitted ──accept (销号)──▶ closed
  ▲                                      └──return (退回, reason)──▶ open
  └── the source closes it by itself (end = "source") from any open state ──▶ closed
"""

from __future__ import annotations

from django.db import models


class ItemState(models.TextChoices):
    OPEN = "open", "办理中"
    SUBMITTED = "submitted", "待销号"
    CLOSED = "closed", "已办结"


OPEN_STATES = (ItemState.OPEN, ItemState.SUBMITTED)


class EndKind(models.TextChoices):
    SOURCE = "source", "来源办结自动关闭"
    PERSON = "person", "人工销号"


class Light(models.TextChoices):
    OVERDUE = "overdue", "逾期"
    DUE_SOON = "due_soon", "临期"
    RUNNING = "running", "正常"
    PAUSED = "paused", "暂停"
    NONE = "none", "无时限"
    DONE = "done", "已办结"


# Boards sort by light first (the most urgent on top), then by due date: the rank is stored beside the light.
LIGHT_RANK = {"overdue": 0, "due_soon": 1, "running": 2, "paused": 3, "none": 4, "done": 5}


class LadderLevel(models.TextChoices):
    BLUE = "blue", "蓝色提示"
    YELLOW = "yellow", "黄色预警"
    RED = "red", "红色督办"


LADDER_ORDER = {"": 0, "blue": 1, "yellow": 2, "red": 3}


class ReportKind(models.TextChoices):
    PROGRESS = "progress", "进展报送"
    CO_INPUT = "co_input", "协办意见"
    COMPLETION = "completion", "完成报告"


class ExtensionState(models.TextChoices):
    PENDING = "pending", "待审批"
    APPROVED = "approved", "已同意"
    REFUSED = "refused", "不同意"


class ReviewDecision(models.TextChoices):
    ACCEPTED = "accepted", "销号"
    RETURNED = "returned", "退回"
