"""A user's phone number is SM4 ciphertext in the database and searchable through its blind index."""

import pytest
from django.db import connection

from fazhi.core import crypto
from fazhi.orgs.models import User
from fazhi.orgs.tests.factories import UserFactory


@pytest.mark.django_db
def test_phone_is_ciphertext_in_the_database_and_searchable_by_blind_index():
    user = UserFactory(mobile="13812345678")
    with connection.cursor() as cur:
        cur.execute("SELECT mobile FROM orgs_user WHERE id = %s", [user.pk])
        stored = cur.fetchone()[0]
    assert "13812345678" not in stored and stored.startswith("sm4gcm:")
    assert User.objects.get(pk=user.pk).mobile == "13812345678"
    assert list(User.objects.filter(mobile_index=crypto.blind_index("13812345678", "user.mobile"))) == [user]
    assert not User.objects.filter(mobile_index=crypto.blind_index("13812345679", "user.mobile")).exists()
