"""The docket registry: each docket declares, in its `spec.py`, everything the kernel needs to know about it.

A `DocketSpec` lists states, transitions (source states → target, a `may_*` guard, the required action code and the
dotted path of the service that applies it), clocks (key → rule id of fazhi/deadlines), forms, document templates,
number pattern and the statistics function. `register_docket(spec)` is called from the docket's AppConfig.ready.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.module_loading import import_string

Guard = Callable[[Any], "str | None"]  # returns None when allowed, else a Chinese reason
STAY = ""  # Transition.target for a step that keeps the case in its current state


@dataclass(frozen=True)
class State:
    code: str
    label: str
    closed: bool = False  # a closed (结案) state
    public_label: str = ""  # wording shown to the applicant on the portal (defaults to label)


@dataclass(frozen=True)
class Transition:
    code: str
    label: str
    sources: tuple[str, ...]
    target: str  # "" (STAY): the case stays in its current state (a request or note step open in several states)
    action: str  # permission (action code) the user needs, on top of data scope
    service: str  # dotted path of the service that applies it
    guard: Guard | None = None  # may_<verb>(case) -> None | reason
    form: str = ""  # dotted path of the form class the edge shows
    public: bool = True  # appears in the applicant's progress lookup

    def refusal(self, case: Any) -> str | None:
        """None if the case may take this transition now, else why not (Chinese)."""
        if case.state not in self.sources:
            return f"当前状态下不能“{self.label}”。"
        return self.guard(case) if self.guard else None

    def service_fn(self) -> Callable[..., Any]:
        return import_string(self.service)


@dataclass(frozen=True)
class ClockSpec:
    key: str  # the clock's key on the case (e.g. "acceptance")
    rule_id: str  # fazhi/deadlines rule id (e.g. "reconsideration.acceptance")
    label: str


@dataclass(frozen=True)
class DocumentSpec:
    code: str
    title: str
    default_body: str  # one paragraph per line, {{占位符}}


@dataclass(frozen=True)
class DocketSpec:
    code: str  # "reconsideration"
    label: str  # "行政复议"
    states: tuple[State, ...]
    initial_state: str
    transitions: tuple[Transition, ...]
    number_pattern: str  # default; editable in CaseNumberPattern
    detail_url_name: str
    clocks: tuple[ClockSpec, ...] = ()
    documents: tuple[DocumentSpec, ...] = ()
    forms: dict[str, str] = field(default_factory=dict)  # name → dotted form class
    statistics: str = ""  # dotted path of the pure statistics function
    outcomes: tuple[tuple[str, str], ...] = ()  # (code, label)
    view_action: str = "cases.case.view"

    def state(self, code: str) -> State:
        for s in self.states:
            if s.code == code:
                return s
        raise KeyError(code)

    def state_label(self, code: str) -> str:
        try:
            return self.state(code).label
        except KeyError:
            return code

    def transition(self, code: str) -> Transition:
        for t in self.transitions:
            if t.code == code:
                return t
        raise KeyError(code)

    def transitions_from(self, state: str) -> list[Transition]:
        return [t for t in self.transitions if state in t.sources]

    def clock(self, key: str) -> ClockSpec:
        for c in self.clocks:
            if c.key == key:
                return c
        raise KeyError(key)

    def document(self, code: str) -> DocumentSpec:
        for d in self.documents:
            if d.code == code:
                return d
        raise KeyError(code)

    def outcome_label(self, code: str) -> str:
        return dict(self.outcomes).get(code, code)

    def statistics_fn(self) -> Callable[..., Any]:
        return import_string(self.statistics)


DOCKETS: dict[str, DocketSpec] = {}


def register_docket(spec: DocketSpec) -> DocketSpec:
    codes = {s.code for s in spec.states}
    for t in spec.transitions:
        unknown = (set(t.sources) | ({t.target} if t.target != STAY else set())) - codes
        if unknown:
            raise ValueError(f"{spec.code}.{t.code}: unknown states {sorted(unknown)}")
    DOCKETS[spec.code] = spec
    return spec


def docket_get(code: str) -> DocketSpec:
    return DOCKETS[code]


def dockets() -> list[DocketSpec]:
    return list(DOCKETS.values())
