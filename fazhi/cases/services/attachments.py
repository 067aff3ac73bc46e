"""Case attachments: upload checks and sha256, audited."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from fazhi.audit.services import record_event
from fazhi.core.errors import DomainError
from fazhi.core.uploads import check_upload

from ..errors import CaseErrorCode
from ..models import (
    Attachment,
    AttachmentKind,
    Case,
    CaseDocument,
)
from ._common import _actor

ATTACHMENT_TYPES = (".pdf", ".png", ".jpg", ".jpeg", ".docx", ".xlsx", ".doc", ".xls", ".ofd", ".txt")


def attachment_check(f: UploadedFile, *, field: str = "file") -> None:
    try:
        check_upload(f, allowed=ATTACHMENT_TYPES)
    except ValidationError as exc:
        raise DomainError(CaseErrorCode.UPLOAD_REJECTED, f"附件“{f.name}”：{exc.messages[0]}", field=field) from exc


@transaction.atomic
def attachment_add(
    *,
    case: Case,
    by: Any,
    file: UploadedFile,
    label: str = "",
    from_public: bool = False,
    field: str = "file",
    kind: str = AttachmentKind.OTHER,
    step: str = "",
) -> Attachment:
    """Add one item to the case file (电子卷宗): its kind, the step it came with, who added it (`by`) and when."""
    if kind not in AttachmentKind.values:
        raise DomainError(CaseErrorCode.INVALID, "请选择材料类型。", field="kind")
    attachment_check(file, field=field)
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    att = Attachment(
        case=case,
        label=label or file.name,
        original_name=file.name[:255],
        size=file.size or 0,
        sha256=digest.hexdigest(),
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
        from_public=from_public,
        kind=kind,
        step=step,
    )
    att.file.save(f"{uuid.uuid4().hex}{_suffix(file.name)}", file, save=False)
    att.save()
    record_event(
        actor=_actor(by),
        action="cases.attachment.add",
        obj=case,
        summary={
            "attachment_id": att.pk,
            "name": att.original_name,
            "sha256": att.sha256,
            "kind": kind,
            "step": step,
        },
        unit=case.handling_unit,
    )
    return att


def _suffix(name: str) -> str:
    from pathlib import PurePath

    return PurePath(name).suffix.lower()


def attachments_add(
    *, case: Case, by: Any, files: list[UploadedFile], kind: str, step: str = "", label: str = ""
) -> None:
    """Several files of one kind (a step's form); each is checked before any is stored."""
    for i, f in enumerate(files):
        attachment_check(f, field="files" if i == 0 else f"files-{i}")
    for f in files:
        attachment_add(case=case, by=by, file=f, kind=kind, step=step, label=f"{label}：{f.name}" if label else "")


def case_file_read(*, item: Attachment | CaseDocument, by: Any) -> None:
    """Record that `by` opened one item of the case file (every download is in the audit trail). An identity
    document needs the personal-data permission (CasePolicy "pii")."""
    from ..policies import CasePolicy

    case = item.case
    is_attachment = isinstance(item, Attachment)
    if is_attachment and item.kind == AttachmentKind.IDENTITY and not CasePolicy.can(by, "pii", case):
        raise DomainError(CaseErrorCode.FORBIDDEN, "您没有查看身份证明材料的权限。")
    if not is_attachment and not CasePolicy.can(by, "pii", case):
        raise DomainError(CaseErrorCode.FORBIDDEN, "文书载有当事人个人信息，您没有查看权限。")
    record_event(
        actor=_actor(by),
        action="cases.attachment.download" if is_attachment else "cases.document.download",
        obj=case,
        summary={("attachment_id" if is_attachment else "document_id"): item.pk, "title": str(item)},
        unit=case.handling_unit,
    )


def case_file_export(*, case: Case, by: Any, fmt: str) -> bytes:
    """The whole case file as one PDF (`fmt="pdf"`) or a .zip; audited with the count of items."""
    from ..casefile import case_file_items, case_file_pdf, case_file_zip

    data = case_file_pdf(case, by) if fmt == "pdf" else case_file_zip(case, by)
    record_event(
        actor=_actor(by),
        action="cases.case_file.export",
        obj=case,
        summary={"format": fmt, "items": len(case_file_items(case, by)), "bytes": len(data)},
        unit=case.handling_unit,
    )
    return data
