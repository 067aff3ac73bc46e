"""`fazhi deadline RULE_ID START_DATE [--pause FROM:TO]... [--extend N] [--json]` — a stable contract.

Exit status 2 with a Chinese message on stderr for an unknown rule, a malformed date or a bad option.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from fazhi.deadlines.calendar import LegalCalendar
from fazhi.deadlines.engine import Pause, compute_due, fmt
from fazhi.deadlines.rules import RULES, UnknownRuleError, rule_get


def _date(text: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        raise CommandError(f"{what}“{text}”不是有效日期，应为YYYY-MM-DD格式，例如2025-09-30。", returncode=2) from None


def _calendar() -> LegalCalendar:
    from fazhi.deadlines.calendar_data import calendar_current, calendar_from_package

    try:
        return calendar_current()
    except DatabaseError:  # no database yet: the bundled chinesecalendar data
        return calendar_from_package()


class Command(BaseCommand):
    help = "计算法定期限的届满日并说明计算过程。"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("rule_id", nargs="?", help="期限规则编号，例如 reconsideration.acceptance")
        parser.add_argument("start_date", nargs="?", help="起算日（当日不计入），YYYY-MM-DD")
        parser.add_argument(
            "--pause", action="append", default=[], metavar="FROM:TO", help="暂停期间（首尾两日均不计入），可重复"
        )
        parser.add_argument("--extend", default="0", metavar="N", help="经批准延长的期限（规则自身的单位）")
        parser.add_argument("--json", action="store_true", help="以JSON输出")
        parser.add_argument("--list", action="store_true", help="列出全部期限规则")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["list"]:
            for r in RULES.values():
                self.stdout.write(f"{r.id}\t{r.name}\t{r.length_label}\t{r.basis}")
            return
        if not opts["rule_id"] or not opts["start_date"]:
            raise CommandError(
                "用法：fazhi deadline 规则编号 起算日 [--pause FROM:TO]... [--extend N] [--json]", returncode=2
            )
        try:
            rule = rule_get(opts["rule_id"])
        except UnknownRuleError:
            raise CommandError(
                f"未知的期限规则：{opts['rule_id']}（可用 fazhi deadline --list 查看全部规则）", returncode=2
            ) from None
        if rule.fixed_date:
            raise CommandError(f"“{rule.name}”的期限由文件确定，不能按法定期限计算。", returncode=2)
        start = _date(opts["start_date"], "起算日")
        pauses = []
        for text in opts["pause"]:
            a, sep, b = text.partition(":")
            if not sep:
                raise CommandError(
                    f"暂停期间“{text}”格式不正确，应为FROM:TO，例如2025-10-09:2025-10-12。", returncode=2
                )
            p = Pause(_date(a, "暂停开始日"), _date(b, "暂停结束日"))
            if p.end < p.start:
                raise CommandError(f"暂停期间“{text}”的结束日早于开始日。", returncode=2)
            pauses.append(p)
        try:
            extension = int(opts["extend"])
            if extension < 0:
                raise ValueError
        except ValueError:
            raise CommandError(f"延长期限“{opts['extend']}”应为非负整数。", returncode=2) from None
        result = compute_due(rule.id, start, pauses=pauses, extension=extension, calendar=_calendar())
        if opts["json"]:
            payload = {**result.as_json(), "rule_name": rule.name, "basis": rule.basis}
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
            return
        self.stdout.write(
            f"{rule.name}（{rule.id}）届满日：{fmt(result.due)}" + ("【暂定】" if result.provisional else "")
        )
        for i, line in enumerate(result.explanation, start=1):
            self.stdout.write(f"  {i}. {line}")
