"""The one write of the dashboards module: an administrator loads a district boundary file (checked: the upload's
type and size by core.uploads, the GeoJSON's shape by geo.boundary_parse, every unit code against the unit tree);
it replaces the one in use. Audited; a refused file changes nothing."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.audit.services import record_event
from fazhi.core.errors import DomainError
from fazhi.core.uploads import check_upload

from .events import DashboardEvent
from .geo import boundary_parse, codes_of
from .models import Boundary

MAX_BYTES = 5 * 1024 * 1024


@transaction.atomic
def boundary_upload(*, file: Any, name: str, by: Any, submit_token: Any = None) -> Boundary:
    if submit_token:
        first = Boundary.objects.filter(submit_token=submit_token).first()
        if first is not None:  # a retried submit: the first upload
            return first
    try:
        check_upload(file, allowed=(".geojson", ".json"), max_bytes=MAX_BYTES)
    except ValidationError as exc:
        raise DomainError("dashboards.bad_boundary", exc.messages[0], field="file") from None
    name = (name or "").strip()
    if not name:
        raise DomainError("dashboards.bad_boundary", "请填写名称。", field="name")
    file.seek(0)
    data = boundary_parse(file.read())
    codes = codes_of(data)
    from fazhi.orgs.models import Unit

    known = set(Unit.objects.filter(code__in=codes).values_list("code", flat=True))
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise DomainError(
            "dashboards.bad_boundary", f"文件中的单位编码在单位库中不存在：{'、'.join(unknown[:10])}。", field="file"
        )
    Boundary.objects.filter(active=True).update(active=False)
    boundary = Boundary.objects.create(
        name=name[:200],
        file_name=(file.name or "")[:255],
        data=data,
        features=len(codes),
        codes=codes,
        active=True,
        uploaded_by=by,
        submit_token=submit_token or None,
    )
    record_event(
        actor=by,
        action=DashboardEvent.BOUNDARY_UPLOADED,
        obj=boundary,
        summary={"name": boundary.name, "features": boundary.features, "file": boundary.file_name},
    )
    return boundary
