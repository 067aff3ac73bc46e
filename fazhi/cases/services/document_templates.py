"""Editable document templates seeded from the docket spec."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from fazhi.audit.services import record_event

from ..errors import CaseChangedError
from ..models import (
    DocumentTemplate,
)
from ..registry import DocumentSpec, docket_get

# Modules that are not dockets but keep their editable document templates here too (the same edit page, the same
# renderer): owner code → (label, the templates' defaults). E.g. enforcement's 行政执法监督意见书 / 决定书.
TEMPLATE_OWNERS: dict[str, tuple[str, tuple[DocumentSpec, ...]]] = {}


def template_owner_register(code: str, label: str, documents: tuple[DocumentSpec, ...]) -> None:
    TEMPLATE_OWNERS[code] = (label, documents)


def templates_seed(docket: str) -> list[DocumentTemplate]:
    """Create missing templates from the spec's (or the registered owner's) defaults (idempotent; edited rows are
    kept)."""
    documents = TEMPLATE_OWNERS[docket][1] if docket in TEMPLATE_OWNERS else docket_get(docket).documents
    rows = []
    for d in documents:
        row, _ = DocumentTemplate.objects.get_or_create(
            docket=docket, code=d.code, defaults={"title": d.title, "body": d.default_body, "issuer": d.issuer}
        )
        rows.append(row)
    return rows


def template_get(docket: str, code: str) -> DocumentTemplate:
    row = DocumentTemplate.objects.filter(docket=docket, code=code).first()
    if row is None:
        templates_seed(docket)
        row = DocumentTemplate.objects.get(docket=docket, code=code)
    return row


@transaction.atomic
def template_update(
    *, template: DocumentTemplate, by: Any, title: str, body: str, expected_version: int, issuer: str | None = None
) -> DocumentTemplate:
    """Edit a template (and, when given, its issuing body); optimistic concurrency on `version`."""
    changes: dict[str, Any] = {"title": title, "body": body, "version": expected_version + 1}
    if issuer is not None:
        changes["issuer"] = issuer.strip()
    updated = DocumentTemplate.objects.filter(pk=template.pk, version=expected_version).update(**changes)
    if updated != 1:
        raise CaseChangedError()
    template.refresh_from_db()
    record_event(
        actor=by,
        action="cases.template.update",
        obj=template,
        summary={"code": template.code, "issuer": template.issuer},
    )
    return template
