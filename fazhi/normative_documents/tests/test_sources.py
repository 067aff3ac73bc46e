"""How the module's records appear on the supervision boards (sources.py)."""

from __future__ import annotations

from fazhi.normative_documents.models import FilingReview
from fazhi.supervision.sources import record_describe


def test_a_filing_review_is_named_in_chinese_and_links_its_document():
    # given a 备案审查 record (its clock is the correction report; the board showed Django's "filing review")
    review = FilingReview(document_id=7)
    # then the board names it in Chinese and links the document's page
    assert record_describe(review) == ("规范性文件纠错报告", "/documents/7/")
