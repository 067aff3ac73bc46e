"""The text of a document file (.txt in UTF-8/GB 18030 or .docx): moved to `fazhi.core.textfile`, which the
consultation engine shares; re-exported here for this module's callers."""

from fazhi.core.textfile import UnreadableFileError, text_from_bytes, text_from_docx, text_from_pdf, text_of

__all__ = ["UnreadableFileError", "text_from_bytes", "text_from_docx", "text_from_pdf", "text_of"]
