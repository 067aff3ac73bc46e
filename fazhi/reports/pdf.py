"""PDF of a .docx through LibreOffice headless — an optional path: only where `soffice` is installed (fonts are
mapped by fontconfig; install fonts-noto-cjk where the official fonts are absent)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdf_available() -> bool:
    return soffice_path() is not None


def docx_to_pdf(data: bytes, *, timeout: int = 120) -> bytes:
    exe = soffice_path()
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "report.docx"
        src.write_bytes(data)
        subprocess.run(  # noqa: S603 — fixed arguments, a file we wrote
            [
                exe,
                "--headless",
                f"-env:UserInstallation=file://{tmp}/profile",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(src),
            ],
            check=True,
            capture_output=True,
            timeout=timeout,
        )
        return (Path(tmp) / "report.pdf").read_bytes()
