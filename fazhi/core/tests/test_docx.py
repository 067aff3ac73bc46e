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


def test_the_colophon_has_cc_issuer_and_date_between_rules_in_4hao_fangsong():
    data = render_official_document(
        OfficialDocument(
            title="报告",
            paragraphs=["正文。"],
            colophon_cc="市委依法治市办",
            colophon_issuer="示范市人民政府办公室",
            colophon_date=dt.date(2027, 3, 20),
        )
    )
    doc = Document(BytesIO(data))
    cc, line = doc.paragraphs[-2], doc.paragraphs[-1]
    assert cc.text == "抄送：市委依法治市办。"
    assert line.text == "示范市人民政府办公室\t2027年3月20日印发"
    assert line.runs[0].font.size.pt == 14
    assert line.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    borders = line._element.pPr.find(qn("w:pBdr"))
    assert [b.tag.split("}")[1] for b in borders] == ["top", "bottom"]
    assert cc._element.pPr.find(qn("w:pBdr"))[0].tag.endswith("top")
