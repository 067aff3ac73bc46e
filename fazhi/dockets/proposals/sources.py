"""What of an item stays open after the reply, as supervisable items (docs/howto/raise-a-supervisable-item.md): the
lights, 催办 and the ladder come from fazhi/supervision, none from this docket.

- `proposals.commitment`: a class-B reply's 承诺事项 (Shandong 2017: planned items are carried out and answered
  again). The responsible unit reports with evidence; the office 销号 on the item page; the hook marks the
  commitment done on the case.
- `proposals.rehandling`: an item rated 不满意 is handled again within its own clock (proposals.rehandling); the
  item follows that clock and closes by itself when the new reply is sent."""

from __future__ import annotations

from typing import Any

from fazhi.supervision.sources import SourceKind, source_register

COMMITMENT = "proposals.commitment"
REHANDLING = "proposals.rehandling"


def _commitment_closed(item: Any, by: Any) -> None:
    from .services.commitments import commitment_fulfilled

    commitment_fulfilled(item=item, by=by)


source_register(
    SourceKind(
        key=COMMITMENT,
        label="建议提案承诺事项",
        end="person",
        evidence_required=True,
        extension_by=("unit",),
        closes_here=True,
        on_closed=_commitment_closed,
    )
)
source_register(
    SourceKind(
        key=REHANDLING,
        label="建议提案重新办理",
        end="source",
        extension_by=(),
        closes_here=False,
        clock_rules=("proposals.rehandling",),
    )
)
