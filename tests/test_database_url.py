"""DATABASE_URL → DATABASES: the PostgreSQL pool, and prepared statements on by default (ADR 0006)."""

from __future__ import annotations

from pathlib import Path

from config.settings.base import database_from_url


def test_postgresql_uses_the_pool_and_prepares_repeated_statements():
    db = database_from_url("postgres://fazhi:s%40cret@db.local:5433/fazhi")
    assert (db["ENGINE"], db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "django.db.backends.postgresql",
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
