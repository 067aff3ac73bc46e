"""File downloads: unguessable keys and one response shape (docs/security.md, issue #10 findings 1 and 12).

A download URL carries ``<id>:<signature>``, signed per kind of file with the SECRET_KEY, so ids cannot be walked and a
key for one kind does not open another. The view still checks the policy of the record that owns the file; a bad key,
a missing file and a forbidden one all answer the same 404. Files go out as attachments with ``nosniff`` and
``no-store``: an uploaded "PDF" that is also HTML is never rendered by the browser, nor kept in a shared cache.
"""

from __future__ import annotations

from typing import IO, Any

from django.core import signing
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header


def _signer(kind: str) -> signing.Signer:
    return signing.Signer(salt=f"fazhi.download.{kind}")


def download_key(kind: str, pk: int) -> str:
    """The key of file `pk` of `kind` (e.g. "plans.attachment"), as put in its URL."""
    return _signer(kind).sign(str(pk))


def download_pk(kind: str, key: str) -> int:
    """The id a key names, or Http404 for a key that was not made by download_key for this kind."""
    try:
        return int(_signer(kind).unsign(key))
    except (signing.BadSignature, ValueError):
        raise Http404 from None


def file_download(fileobj: IO[bytes] | Any, *, filename: str, content_type: str | None = None) -> FileResponse:
    """The response for every stored file: an attachment, never sniffed, never cached."""
    resp = FileResponse(fileobj, as_attachment=True, filename=filename, content_type=content_type)
    resp["X-Content-Type-Options"] = "nosniff"
    resp["Cache-Control"] = "no-store"
    return resp


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(data: bytes, filename: str) -> HttpResponse:
    """An .xlsx made for the request (an export), sent as `file_download` sends a stored file: an attachment named
    `filename` (a Chinese name arrives as typed), never sniffed, never cached."""
    resp = HttpResponse(data, content_type=XLSX)
    resp["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    resp["X-Content-Type-Options"] = "nosniff"
    resp["Cache-Control"] = "no-store"
    return resp
