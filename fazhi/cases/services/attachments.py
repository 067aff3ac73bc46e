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
    Case,
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
    *, case: Case, by: Any, file: UploadedFile, label: str = "", from_public: bool = False, field: str = "file"
) -> Attachment:
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
    )
    att.file.save(f"{uuid.uuid4().hex}{_suffix(file.name)}", file, save=False)
    att.save()
    record_event(
        actor=_actor(by),
        action="cases.attachment.add",
        obj=case,
        summary={"attachment_id": att.pk, "name": att.original_name, "sha256": att.sha256},
        unit=case.handling_unit,
    )
    return att


def _suffix(name: str) -> str:
    from pathlib import PurePath

    return PurePath(name).suffix.lower()
