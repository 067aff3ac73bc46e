"""The action codes API operations check. An integration account may hold only these (fazhi/api/services.py), and a
key's grants are the account's codes that are still in this catalogue (fazhi/api/principal.py).

A module's `api.py` declares the codes its operations check with `api_actions(...)`; the 三员 codes and the unmask
grant are never offered to a system, whatever a module declares."""

from __future__ import annotations

API_ACTIONS: set[str] = set()
# Separation of duties (三员分立) and PII: a system never manages people, roles, audit or keys, and never unmasks.
NEVER_FOR_SYSTEMS = (
    "orgs.role.",
    "orgs.user.manage",
    "orgs.user.unlock",
    "orgs.unit.manage",
    "orgs.unit.import",
    "audit.",
    "api.",
    "pii.unmask",
    "jobs.",
    "deadlines.calendar.manage",
    "cases.template.manage",
)


def api_actions(*codes: str) -> None:
    for code in codes:
        if not code.startswith(NEVER_FOR_SYSTEMS):
            API_ACTIONS.add(code)


def api_action_codes() -> list[str]:
    """Every code an account may be given, once all modules' api.py are loaded."""
    from . import v1  # noqa: F401 (loading the API loads every module's api.py)

    return sorted(API_ACTIONS)
