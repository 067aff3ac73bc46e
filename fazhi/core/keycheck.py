"""Does the personal-information key fit this database? Checked when the web server starts (config/wsgi.py), not by
every management command, so migrations, restores and the key drill still run (issue #10 finding 13).

The database keeps a known-answer row (core.KeyCheck) written with the key in use at the first start. A database from
before the row existed is checked against its first encrypted value instead, and a wrong key is never written down.
"""

from __future__ import annotations

import logging

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from . import crypto
from .pii import EncryptedTextField

log = logging.getLogger("fazhi.keycheck")
KNOWN_ANSWER = "法治-密钥核验-0123456789"
PURPOSE = "keycheck"


class KeyMismatch(ImproperlyConfigured):
    pass


def _provider_label() -> str:
    where = getattr(crypto.key_provider(), "path", None)
    return f"{settings.FAZHI_KEY_PROVIDER}（密钥文件 {where}）" if where else settings.FAZHI_KEY_PROVIDER


def _refuse(detail: str) -> KeyMismatch:
    return KeyMismatch(
        f"个人信息密钥与数据库不符：密钥提供方 {_provider_label()} {detail}。"
        "拒绝提供服务：请配置与该数据库一同备份的密钥（FAZHI_KEY_PROVIDER / FAZHI_KEY_FILE，见 docs/deploy.md "
        "“备份与恢复演练”）后再启动。"
    )


def _first_encrypted_value_decrypts() -> bool:
    """True if no encrypted value exists or the first one found decrypts (EncryptedTextField decrypts on load)."""
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, EncryptedTextField):
                try:
                    model._default_manager.exclude(**{field.name: ""}).values_list(field.name, flat=True).first()
                except Exception:  # noqa: BLE001 (InvalidTag, a bad base64: the key does not fit)
                    return False
    return True


def pii_key_check() -> str:
    """ "ok", "created" (first start) or "not migrated"; raises KeyMismatch when the key cannot decrypt."""
    from .models import KeyCheck

    if KeyCheck._meta.db_table not in connection.introspection.table_names():
        return "not migrated"
    row = KeyCheck.objects.order_by("pk").first()
    if row is None:
        if not _first_encrypted_value_decrypts():
            raise _refuse("不能解密本库已有的个人信息")
        KeyCheck.objects.create(
            provider=settings.FAZHI_KEY_PROVIDER,
            ciphertext=crypto.encrypt(KNOWN_ANSWER),
            blind_index=crypto.blind_index(KNOWN_ANSWER, PURPOSE),
        )
        log.info("已写入个人信息密钥的已知答案行")
        return "created"
    try:
        fits = crypto.decrypt(row.ciphertext) == KNOWN_ANSWER
    except Exception:  # noqa: BLE001 (InvalidTag: another key)
        fits = False
    if not fits or crypto.blind_index(KNOWN_ANSWER, PURPOSE) != row.blind_index:
        raise _refuse(
            f"不能解密本库的已知答案行（写入于 {row.created_at:%Y-%m-%d %H:%M}，当时的提供方 {row.provider}）"
        )
    return "ok"
