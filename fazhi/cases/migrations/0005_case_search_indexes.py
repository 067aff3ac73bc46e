"""Searching a docket at a million cases (PostgreSQL only; SQLite keeps scanning, which is fine at its sizes):

- 行政复议 list "案号或案由" (`case_number`/`title` LIKE '%…%'): trigram GIN indexes (pg_trgm, a trusted extension
  since PostgreSQL 13, so the database owner may create it). A case-number search went from a parallel scan of the
  table (≈ 460 ms for rows + capped count) to two index probes.
- 行政应诉 list "案号或法院案号": the court case number lives in the docket's JSON; an expression index on
  (extra -> 'court_case_number') serves Django's `extra__court_case_number=…` (jsonb equality).
"""

from django.db import migrations

STATEMENTS = [
    ("CREATE EXTENSION IF NOT EXISTS pg_trgm", ""),
    (
        "CREATE INDEX IF NOT EXISTS case_number_trgm ON cases_case USING gin (case_number gin_trgm_ops)",
        "DROP INDEX IF EXISTS case_number_trgm",
    ),
    (
        "CREATE INDEX IF NOT EXISTS case_title_trgm ON cases_case USING gin (title gin_trgm_ops)",
        "DROP INDEX IF EXISTS case_title_trgm",
    ),
    (
        "CREATE INDEX IF NOT EXISTS case_court_number_idx ON cases_case ((extra -> 'court_case_number'))",
        "DROP INDEX IF EXISTS case_court_number_idx",
    ),
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql, _reverse in STATEMENTS:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for _sql, reverse in reversed(STATEMENTS):
            if reverse:
                schema_editor.execute(reverse)


class Migration(migrations.Migration):
    dependencies = [("cases", "0004_case_list_respondent_state_index")]

    operations = [migrations.RunPython(forward, backward)]
