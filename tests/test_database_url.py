"""DATABASE_URL → DATABASES: the PostgreSQL pool, and prepared statements on by default (ADR 0006)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from config.settings.base import database_from_url


def test_postgresql_uses_the_pool_and_prepares_repeated_statements():
    db = database_from_url("postgres://fazhi:s%40cret@db.local:5433/fazhi")
    assert (db["ENGINE"], db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "fazhi.core.postgresql",
        "fazhi",
        "fazhi",
        "s@cret",
        "db.local",
        "5433",
    )
    assert db["OPTIONS"] == {
        "pool": {"min_size": 1, "max_size": 8, "timeout": 10},
        "server_side_binding": True,
        "prepare_threshold": 5,
    }


def test_prepared_statements_can_be_tuned_or_turned_off():
    tuned = database_from_url("postgres://u@h/db?prepare_threshold=2&pool_max=16")
    assert tuned["OPTIONS"]["prepare_threshold"] == 2 and tuned["OPTIONS"]["pool"]["max_size"] == 16
    off = database_from_url("postgres://u@h/db?prepare_threshold=0")
    assert off["OPTIONS"] == {"pool": {"min_size": 1, "max_size": 8, "timeout": 10}}


def test_sqlite_urls_name_a_file():
    db = database_from_url("sqlite:///var/lib/fazhi/db.sqlite3")
    assert db["ENGINE"] == "django.db.backends.sqlite3" and Path(db["NAME"]) == Path("/var/lib/fazhi/db.sqlite3")


def test_searches_are_never_prepared_everything_else_may_be():
    from fazhi.core.postgresql.base import wants_custom_plan

    assert wants_custom_plan('SELECT 1 FROM t WHERE "case_number"::text LIKE %s')
    assert wants_custom_plan(b"SELECT 1 FROM t WHERE UPPER(x) LIKE UPPER(%s)")
    assert not wants_custom_plan('SELECT 1 FROM t WHERE "id" = %s')


@pytest.mark.django_db
@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="PostgreSQL only (the CI's second leg)"
)
def test_on_postgresql_a_repeated_lookup_is_prepared_and_a_repeated_search_is_not():
    from django.db import connection

    from fazhi.cases.models import Case

    for _ in range(8):  # past prepare_threshold (5)
        list(Case.objects.filter(docket="prepared-probe").values_list("pk", flat=True))
        list(Case.objects.filter(title__contains="检索探针").values_list("pk", flat=True))
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any('"docket" = $1' in s for s in prepared)
    assert not any("LIKE" in s for s in prepared)
