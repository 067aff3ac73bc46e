"""Django's PostgreSQL backend with one change: searches are never prepared statements (base.py, ADR 0006)."""
