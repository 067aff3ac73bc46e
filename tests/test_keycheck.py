"""The PII key belongs to its database (issue #10 finding 13): a server started with another key refuses to serve,
with a message naming the key provider, instead of answering every case page with a 500 (InvalidTag)."""

from __future__ import annotations

import datetime as dt
import importlib
import sys

import pytest
from django.core.management import call_command

from fazhi.cases.models import Party
from fazhi.core import crypto
from fazhi.core.keycheck import KeyMismatch, pii_key_check
from fazhi.core.models import KeyCheck

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_key(settings, tmp_path):
    """Switch to a freshly made key file, as a new var/ directory would; the test's own key comes back afterwards."""

    def switch() -> str:
        settings.FAZHI_KEY_FILE = tmp_path / "other.key"
        crypto.key_provider.cache_clear()
        return str(settings.FAZHI_KEY_FILE)

    yield switch
    crypto.key_provider.cache_clear()


def test_the_first_start_writes_a_known_answer_row_and_later_starts_check_it():
    assert pii_key_check() == "created"
    row = KeyCheck.objects.get()
    assert row.provider == "fazhi.core.crypto.FileKeyProvider"
    assert row.ciphertext.startswith("sm4gcm:")
    assert pii_key_check() == "ok"
    assert KeyCheck.objects.count() == 1


def test_another_key_is_refused_with_a_message_naming_the_provider(other_key):
    pii_key_check()
    path = other_key()
    with pytest.raises(KeyMismatch) as err:
        pii_key_check()
    msg = str(err.value)
    assert "fazhi.core.crypto.FileKeyProvider" in msg
    assert path in msg
    assert "拒绝提供服务" in msg


def test_a_database_with_personal_data_but_no_known_answer_row_is_checked_against_that_data(city, other_key):
    # a database from before the check existed: the first encrypted value stands in for the known answer
    from fazhi.cases.services import PartyInput
    from fazhi.dockets.reconsideration.services import reconsideration_intake

    reconsideration_intake(
        by=None,
        handling_unit=city["justice"],
        received_on=dt.date(2026, 11, 2),
        channel="in_person",
        applicant=PartyInput(role="applicant", name="张三", id_number="11010519491231002X"),
        act="行政处罚决定",
        request="撤销",
        respondent_unit=city["market"],
    )
    assert Party.objects.filter(role="applicant").count() == 1
    other_key()
    with pytest.raises(KeyMismatch):
        pii_key_check()
    assert KeyCheck.objects.count() == 0  # a wrong key is never blessed


def test_the_wsgi_application_refuses_to_start_with_the_wrong_key(other_key):
    pii_key_check()
    other_key()
    sys.modules.pop("config.wsgi", None)
    with pytest.raises(KeyMismatch):
        importlib.import_module("config.wsgi")
    sys.modules.pop("config.wsgi", None)


def test_management_commands_do_not_run_the_check(other_key):
    pii_key_check()
    other_key()
    call_command("check")  # migrations, restores and the key drill still work with the key missing


def test_the_restore_drill_command_checks_the_key(other_key, capsys):
    from django.core.management.base import CommandError

    call_command("keycheck")
    call_command("keycheck")
    assert capsys.readouterr().out == "已写入密钥核验行，密钥与数据库相符。\n个人信息密钥与数据库相符。\n"
    other_key()
    with pytest.raises(CommandError, match="拒绝提供服务"):
        call_command("keycheck")
