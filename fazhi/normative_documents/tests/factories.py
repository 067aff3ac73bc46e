"""Documents built through the real services, step by step (importable by other modules' tests)."""

from fazhi.normative_documents.demo import START, TEXT, document_walk

__all__ = ["START", "TEXT", "document_walk"]
