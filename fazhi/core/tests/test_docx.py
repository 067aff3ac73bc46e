import datetime as dt
from io import BytesIO

from docx import Document
from docx.oxml.ns import qn

from fazhi.core.docx import OfficialDocument, render_official_document


def test_official_document_uses_gbt9704_page_and_fonts():
    data = render_official_document(
        OfficialDocument(
            title="行政复议决定书",
            doc_number="示政复〔2026〕12号",
            recipient="申请人张*",
            paragraphs=["一、基本情况", "（一）案件来源", "申请人不服被申请人作出的行政处罚决定。"],
            issuer="示范市人民政府",
            issued_on=dt.date(2026, 3, 5),
        )
    )
    doc = Document(BytesIO(data))
    sec = doc.sections[0]
    margins = [round(m.mm) for m in (sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin)]
    assert margins == [37, 35, 28, 26]
    assert (round(sec.page_width.mm), round(sec.page_height.mm)) == (210, 297)
    texts = [p.text for p in doc.paragraphs]
    assert texts[:3] == ["示政复〔2026〕12号", "行政复议决定书", "申请人张*："]
    assert "2026年3月5日" in texts
    title_run = doc.paragraphs[1].runs[0]
    assert title_run.font.size.pt == 22
    assert title_run._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    body_run = doc.paragraphs[5].runs[0]
    assert body_run._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert doc.paragraphs[3].runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    assert doc.paragraphs[4].runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "楷体_GB2312"
    assert round(doc.paragraphs[5].paragraph_format.line_spacing.pt, 2) == 28.95
