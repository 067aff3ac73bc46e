"""The docket registry: each docket declares, in its `spec.py`, everything the kernel needs to know about it.

A `DocketSpec` lists states, transitions (source states → target, a `may_*` guard, the required action code and the
dotted path of the service that applies it), clocks (key → rule id of fazhi/deadlines), forms, document templates,
number pattern and the statistics function. `register_docket(spec)` is called from the docket's AppConfig.ready.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.module_loading import import_string

from fazhi.core.action_labels import register_audit_labels

Guard = Callable[[Any], "str | None"]  # returns None when allowed, else a Chinese reason
STAY = ""  # Transition.target for a step that keeps the case in its current state


@dataclass(frozen=True)
class State:
    code: str
    label: str
    closed: bool = False  # a closed (结案) state
    public_label: str = ""  # wording shown to the applicant on the portal (defaults to label)


Condition = Callable[[Any], bool]  # case -> whether a clock step applies (e.g. only in the simplified procedure)
Trigger = Callable[[Any, "dt.date"], "dt.date"]  # (case, step date) -> the clock's start date (default: the step date)

CLOCK_OPS = ("start", "complete", "pause", "resume", "restart")


@dataclass(frozen=True)
class ClockStep:
    """What a transition does to one of the case's clocks, applied by the kernel inside the transition's transaction
    (after the state and `extra` are written, so `when` sees the new values). Completing, pausing or resuming a clock
    the case does not have is a no-op."""

    op: str  # one of CLOCK_OPS
    key: str  # ClockSpec.key
    when: Condition | None = None
    trigger: Trigger | None = None  # start/restart: the start date (default: the step date)
    reason: str = ""  # pause: why (shown in the clock's explanation)

    def applies(self, case: Any) -> bool:
        return self.when is None or bool(self.when(case))


def start(key: str, *, when: Condition | None = None, trigger: Trigger | None = None) -> ClockStep:
    return ClockStep("start", key, when=when, trigger=trigger)


def complete(*keys: str, when: Condition | None = None) -> tuple[ClockStep, ...]:
    return tuple(ClockStep("complete", k, when=when) for k in keys)


def pause(key: str, reason: str, *, when: Condition | None = None) -> ClockStep:
    return ClockStep("pause", key, when=when, reason=reason)


def resume(key: str, *, when: Condition | None = None) -> ClockStep:
    return ClockStep("resume", key, when=when)


def restart(key: str, *, when: Condition | None = None) -> ClockStep:
    return ClockStep("restart", key, when=when)


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
    attach: str = ""  # AttachmentKind the step's page offers to add with it (答复书 with 登记答复 …); "" = none
    review: str = ""  # approval steps: dotted path of (case) -> the panel showing the draft, its diff and preview
    queue: Guard | None = None  # approval steps: listed in 待我审批 when this returns None (the request is pending)
    # the key of case.extra whose presence marks that request (the queue's database filter; `queue` still decides).
    # Without it 待我审批 reads every case of the step's states, which is correct but slow on a big docket.
    queue_key: str = ""
    # The date invariant (case_transition_apply): the step's date is never before the case's received date nor before
    # the latest earlier event of these kinds (transition codes; "created" is the receipt itself).
    follows: tuple[str, ...] = ()
    date_field: str = "on"  # the form field the step's date comes from (named in the refusal)
    # What the step does to the case's clocks (ClockStep), in order. Entering a closed state also completes every
    # clock not declared `after_outcome`.
    clocks: tuple[ClockStep, ...] = ()

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
    # The states in which the law lets this clock run (checked by the transition walk test); empty = every open state.
    runs_in: tuple[str, ...] = ()
    # A clock that runs after the outcome (an appeal or review window): not completed when the case closes.
    after_outcome: bool = False


@dataclass(frozen=True)
class DocumentSpec:
    code: str
    title: str
    default_body: str  # one paragraph per line, {{占位符}}
    issuer: str = ""  # default issuing body ({{发文机关}}); "" = the handling unit. Editable per template.


@dataclass(frozen=True)
class HandoverSpec:
    """How a docket accepts a matter handed over from another record (fazhi/cases/handover.py): a case on any docket
    or a registered source (a 12348 call). The kernel builds `values` from the source by `fields` ((the keyword of
    the docket's `create`, the source's value name), …), adds the caller's options, and calls `create` — the docket's
    own registration, so its checks, first steps and clocks are the same as for a case typed in. The kernel then
    carries over every party (with the protected personal data), the case file's attachments and the dates, links
    both timelines, and records the hand-over (one case per source and docket)."""

    label: str  # the verb on the source's page: "转人民调解", "转行政复议"
    # dotted path of (*, by, values, parties, received_on, submit_token) -> Case: the docket's registration
    create: str
    fields: tuple[tuple[str, str], ...] = ()  # (create's keyword, source value name)
    # what the caller supplies (not on the source): (keyword, Chinese label); missing → refused naming the field
    options: tuple[tuple[str, str], ...] = ()
    initial_state: str = ""  # the state the new case starts in ("" = the docket's initial state; checked)
    received: str = "source"  # "source": the source's received date carries over; "handover": the hand-over date
    action: str = ""  # what the user needs on top of seeing the source (the docket's register action)
    # (source docket, transition) whose step hands the matter over as part of itself, so the step's own permission
    # covers it instead of `action`: 信访 诉访分离 (《信访工作条例》第三十一条) routes a 复议 or 公开申请 matter to the
    # body that decides it, which then accepts or refuses it as it would any application
    from_steps: tuple[tuple[str, str], ...] = ()
    roles: tuple[tuple[str, str], ...] = ()  # source party role → this docket's role (others kept)
    # the options a routing page offers as a list: (keyword, dotted path of (user) -> [(value, label)]) — the
    # committees a user may register with, the docket's matter codes — so a page routing to several dockets (the
    # intake) offers them without importing the docket (`handover.handover_choices`)
    choices: tuple[tuple[str, str], ...] = ()


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
    # The kinds of material its case file holds (AttachmentKind codes), in the order the upload form offers them.
    attachment_kinds: tuple[str, ...] = ()
    # Excel import of past cases: dotted path of (*, file, by, handling_unit) -> cases.imports.ImportResult, the same
    # function the web import runs (`fazhi cases import DOCKET FILE`); "" = no import.
    importer: str = ""
    importer_needs_unit: bool = True  # False: the file names each case's handling unit (--unit only fills blanks)
    # Who else sees a case beyond its handling unit (CasePolicy): dotted path of (user) -> QuerySet[Case], the
    # docket's whole scoped view (建议提案: the 分办/协办 units it was handed to). The kernel's lists, its single-case
    # reads and the API read it, so every page and endpoint agrees on who sees what; "" = CasePolicy alone.
    visible_to: str = ""
    # Whether and how it accepts a hand-over from another docket or a 12348 call (None = it does not).
    handover: HandoverSpec | None = None

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

    def importer_fn(self) -> Callable[..., Any]:
        return import_string(self.importer)

    def statistics_fn(self) -> Callable[..., Any]:
        return import_string(self.statistics)


DOCKETS: dict[str, DocketSpec] = {}


def register_docket(spec: DocketSpec) -> DocketSpec:
    codes = {s.code for s in spec.states}
    for t in spec.transitions:
        unknown = (set(t.sources) | ({t.target} if t.target != STAY else set())) - codes
        if unknown:
            raise ValueError(f"{spec.code}.{t.code}: unknown states {sorted(unknown)}")
        clock_keys = {c.key for c in spec.clocks}
        for step in t.clocks:
            if step.op not in CLOCK_OPS or step.key not in clock_keys:
                raise ValueError(f"{spec.code}.{t.code}: bad clock step {step.op} {step.key}")
        kinds = {x.code for x in spec.transitions} | {"created"}
        if set(t.follows) - kinds:
            raise ValueError(f"{spec.code}.{t.code}: follows unknown steps {sorted(set(t.follows) - kinds)}")
    if spec.handover is not None and (spec.handover.initial_state or spec.initial_state) not in codes:
        raise ValueError(f"{spec.code}: hand-over initial state {spec.handover.initial_state} unknown")
    DOCKETS[spec.code] = spec
    register_audit_labels({f"{spec.code}.{t.code}": t.label for t in spec.transitions})  # what record_event writes
    return spec


def docket_get(code: str) -> DocketSpec:
    return DOCKETS[code]


def attachment_kinds(docket: str) -> list[tuple[str, str]]:
    """(code, label) of the kinds a docket's case file holds (every kind when the docket names none)."""
    from .models import AttachmentKind

    labels = dict(AttachmentKind.choices)
    codes = docket_get(docket).attachment_kinds or tuple(labels)
    return [(c, labels[c]) for c in codes]


def dockets() -> list[DocketSpec]:
    return list(DOCKETS.values())
