"""The parse result (ParsedPlan, ParsedTask with their public JSON shape), the parse error, and the JSON-safe copy
kept in the session between preview and confirmation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


class PlanParseError(Exception):
    """The document cannot be read as a plan. `line` is 1-based (None when the whole file is unreadable)."""

    def __init__(self, message: str, *, line: int | None = None, field: str = "file") -> None:
        self.message = message
        self.line = line
        self.field = field
        super().__init__(f"第{line}行：{message}" if line else message)


@dataclass
class ParsedTask:
    number: int
    title: str
    section: list[str]
    lead_units: list[str]
    co_units: list[str]
    units_as_written: list[str]
    due: dt.date | None = None
    due_ambiguous: bool = False
    text: str = ""
    rhythm: str = ""
    targets: list[dict[str, Any]] = field(default_factory=list)
    line: int = 0

    def as_json(self) -> dict[str, Any]:
        """The public shape (plan_sample.expected.json): `due` is absent when the text states several dates."""
        out: dict[str, Any] = {
            "number": self.number,
            "title": self.title,
            "section": list(self.section),
            "lead_units": list(self.lead_units),
            "co_units": list(self.co_units),
            "units_as_written": list(self.units_as_written),
        }
        if not self.due_ambiguous:
            out["due"] = self.due.isoformat() if self.due else None
        return out


@dataclass
class ParsedPlan:
    title: str
    plan_year: int | None
    tasks: list[ParsedTask]
    warnings: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"plan_year": self.plan_year, "task_count": len(self.tasks), "tasks": [t.as_json() for t in self.tasks]}

    def unit_names(self) -> list[str]:
        seen: dict[str, None] = {}
        for t in self.tasks:
            for u in t.units_as_written:
                seen.setdefault(u, None)
        return list(seen)


def plan_to_state(plan: ParsedPlan) -> dict[str, Any]:
    """A JSON-safe copy of a parse (kept in the session between preview and confirmation)."""
    return {
        "title": plan.title,
        "plan_year": plan.plan_year,
        "warnings": plan.warnings,
        "tasks": [
            {**{k: v for k, v in t.__dict__.items() if k != "due"}, "due": t.due.isoformat() if t.due else None}
            for t in plan.tasks
        ],
    }


def plan_from_state(state: dict[str, Any]) -> ParsedPlan:
    tasks = [ParsedTask(**{**t, "due": dt.date.fromisoformat(t["due"]) if t["due"] else None}) for t in state["tasks"]]
    return ParsedPlan(title=state["title"], plan_year=state["plan_year"], tasks=tasks, warnings=state["warnings"])
