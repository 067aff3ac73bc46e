"""The 规范性文件 module's supervisable items (#13): what an issuer must fix, on its board, closed by itself when the
document says so.

| kind | raised | due | closed by itself when |
|---|---|---|---|
| `normative_documents.dependency` | a cited instrument is amended or repealed (`instrument_change`) | `DEPENDENCY_REVIEW_DAYS` ⚙ after the change is recorded | the document is amended, repealed or expires, or the issuer confirms it stays in force (`document_dependency_confirm`, or 继续有效 in an approved 清理) |
| `normative_documents.expiry` | 60 days ⚙ before 有效期至 (daily run) | 有效期至 | the document's status changes (re-issued / amended / repealed / expired) |
| `normative_documents.filing` | the filing clock is overdue (daily run) | the filing clock (30 days ⚙ from 公布) | the document is filed (`document_file` completes the clock) |
"""

from __future__ import annotations

from fazhi.supervision.sources import SourceKind, source_register

DEPENDENCY = "normative_documents.dependency"
EXPIRY = "normative_documents.expiry"
FILING = "normative_documents.filing"
FILING_CLOCK_RULE = "normative_document.filing"

source_register(
    SourceKind(
        key=DEPENDENCY,
        label="规范性文件依据变化评估",
        end="source",  # the document is amended / repealed, or the issuer confirms it stays in force
        extension_by=("unit",),
        closes_here=False,  # the document's page is the door (修改、废止、确认继续有效)
    )
)
source_register(
    SourceKind(
        key=EXPIRY,
        label="规范性文件届期评估",
        end="source",  # the status changes: re-issued, amended, repealed, or expired at 有效期至
        extension_by=(),  # 有效期至 is the document's own date: it is not extended on the board
        closes_here=False,
    )
)
source_register(
    SourceKind(
        key=FILING,
        label="规范性文件逾期备案",
        end="source",  # filed: the filing clock completes and the item closes (deadlines hook)
        extension_by=(),  # the filing period is set by the filing rules (国办发〔2018〕37号; local rules), not here
        closes_here=False,
        clock_rules=(FILING_CLOCK_RULE,),  # one late filing is one item: the rule table's clock rows skip it
    )
)
