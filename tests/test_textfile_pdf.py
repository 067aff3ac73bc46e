"""A document's full text from a PDF with a text layer (issue 19): registration, 清理 and `fazhi documents citations`
read .pdf as well as .docx and .txt; a scan without a text layer is refused saying what to upload instead."""

from __future__ import annotations

import io

import pytest

from fazhi.core.textfile import UnreadableFileError, text_of
from fazhi.normative_documents.citations import citations_extract


def _pdf(pages: list[str]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for text in pages:
        if text:
            c.setFont("STSong-Light", 14)
            c.drawString(72, 760, text)
        c.showPage()
    c.save()
    return buf.getvalue()


def test_the_text_layer_of_every_page_is_read_in_order():
    data = _pdf(["示范市停车管理办法", "第一条 根据《中华人民共和国行政处罚法》第十六条，制定本办法。"])
    text = text_of("办法.pdf", io.BytesIO(data))
    assert text == "示范市停车管理办法\n\n第一条 根据《中华人民共和国行政处罚法》第十六条，制定本办法。"
    assert [(c.title, c.articles) for c in citations_extract(text)] == [("《中华人民共和国行政处罚法》", ["第十六条"])]


def test_a_scan_without_a_text_layer_is_refused_saying_what_to_upload():
    with pytest.raises(UnreadableFileError) as exc:
        text_of("扫描件.pdf", io.BytesIO(_pdf(["", ""])))
    assert (
        str(exc.value) == "该 PDF 没有文字层（可能是扫描件），无法读取正文：请上传 .docx 或 .txt 文件，或直接粘贴正文。"
    )


def test_a_broken_pdf_is_refused():
    with pytest.raises(UnreadableFileError) as exc:
        text_of("坏.pdf", io.BytesIO(b"%PDF-1.4\nnot really"))
    assert str(exc.value) == "文件不是有效的 PDF 文档。"
