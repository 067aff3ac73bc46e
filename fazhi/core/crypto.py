"""国密 crypto for personal information and the audit chain: SM4-GCM at rest, HMAC-SM3 blind indexes, SM3 digests.

Keys never live in the database: a KeyProvider supplies them (a file by default; an HSM / 密码服务平台 adapter in
production implements the same two methods). Known-answer tests run at start-up (checks.py) and the platform refuses
to run if SM3/SM4 are broken in this OpenSSL build.
"""

from __future__ import annotations

import base64
import functools
import hmac
import os
from pathlib import Path
from typing import Protocol

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import hmac as chmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.conf import settings
from django.utils.module_loading import import_string

SM3_ABC = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
SM4_KAT_KEY = bytes.fromhex("0123456789abcdeffedcba9876543210")
SM4_KAT_OUT = "681edf34d206965e86b3e94f536e4246"


class KeyProvider(Protocol):
    def data_key(self) -> bytes:  # 16 bytes, SM4
        ...

    def index_key(self) -> bytes:  # 32 bytes, HMAC-SM3 blind index
        ...

    def audit_key(self) -> bytes:  # 32 bytes, HMAC-SM3 of the audit chain, its head and its checkpoints
        ...


class FileKeyProvider:
    """Reads (or on first start creates, mode 0600) a key file outside the database and the web root."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path or settings.FAZHI_KEY_FILE)

    @staticmethod
    def _read_or_create(path: Path, size: int) -> bytes:
        """On first start several processes (gunicorn's workers, the job worker) may get here at once: the key is
        written whole to a temporary file and linked into place, which succeeds for one of them; the others find
        the file already there and read that one — never a half-written file, never a second key."""
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(base64.b64encode(os.urandom(size)))
                    fh.flush()
                    os.fsync(fh.fileno())
                os.link(tmp, path)  # atomic: fails if another process put its key there first
            except FileExistsError:
                pass  # theirs is the key
            finally:
                tmp.unlink(missing_ok=True)
        raw = base64.b64decode(path.read_bytes().strip())
        if len(raw) != size:
            raise RuntimeError(f"密钥文件 {path} 长度不正确")
        return raw

    @functools.cached_property
    def _material(self) -> bytes:
        return self._read_or_create(self.path, 48)

    def data_key(self) -> bytes:
        return self._material[:16]

    def index_key(self) -> bytes:
        return self._material[16:]

    def audit_key(self) -> bytes:
        """A key of its own (FAZHI_AUDIT_KEY_FILE), so the audit administrator can hold it apart from the PII key."""
        return self._read_or_create(Path(settings.FAZHI_AUDIT_KEY_FILE), 32)


@functools.cache
def key_provider() -> KeyProvider:
    return import_string(settings.FAZHI_KEY_PROVIDER)()


@functools.cache
def sm3_available() -> bool:
    try:
        return sm3_hex(b"abc") == SM3_ABC
    except Exception:  # noqa: BLE001 (an OpenSSL build without SM3 raises UnsupportedAlgorithm)
        return False


def sm3_hex(data: bytes) -> str:
    digest = hashes.Hash(hashes.SM3())
    digest.update(data)
    return digest.finalize().hex()


KEYED_ALGORITHMS = ("hmac-sm3", "hmac-s256")


def chain_mac(data: bytes) -> tuple[str, str]:
    """(algorithm, hex MAC) for the audit chain, keyed with the audit key held outside the database: HMAC-SM3 where
    the library has SM3, HMAC-SHA256 otherwise. Without the key nobody can recompute a chain they changed."""
    algorithm = KEYED_ALGORITHMS[0] if sm3_available() else KEYED_ALGORITHMS[1]
    return algorithm, mac_with(algorithm, data)


def mac_with(algorithm: str, data: bytes) -> str:
    key = key_provider().audit_key()
    if algorithm == "hmac-sm3":
        h = chmac.HMAC(key, hashes.SM3())
        h.update(data)
        return h.finalize().hex()
    if algorithm == "hmac-s256":
        return hmac.new(key, data, "sha256").hexdigest()
    raise ValueError(f"未知摘要算法 {algorithm}")


def sm4_ecb_block(key: bytes, block: bytes) -> bytes:
    enc = Cipher(algorithms.SM4(key), modes.ECB()).encryptor()  # noqa: S305 (known-answer test only)
    return enc.update(block) + enc.finalize()


def encrypt(plaintext: str) -> str:
    """SM4-GCM with a random 12-byte nonce; output 'sm4gcm:' + base64(nonce | ciphertext | tag)."""
    nonce = os.urandom(12)
    enc = Cipher(algorithms.SM4(key_provider().data_key()), modes.GCM(nonce)).encryptor()
    ct = enc.update(plaintext.encode()) + enc.finalize()
    return "sm4gcm:" + base64.b64encode(nonce + ct + enc.tag).decode()


def decrypt(token: str) -> str:
    if not token.startswith("sm4gcm:"):
        raise ValueError("不是受支持的密文格式")
    raw = base64.b64decode(token[7:])
    nonce, ct, tag = raw[:12], raw[12:-16], raw[-16:]
    dec = Cipher(algorithms.SM4(key_provider().data_key()), modes.GCM(nonce, tag)).decryptor()
    return (dec.update(ct) + dec.finalize()).decode()


def blind_index(value: str, purpose: str) -> str:
    """Keyed HMAC-SM3 of the normalised value, so equality search works without decrypting (purpose separates fields)."""
    key = key_provider().index_key()
    message = f"{purpose}:{value}".encode()
    if sm3_available():
        h = chmac.HMAC(key, hashes.SM3())
        h.update(message)
        return h.finalize().hex()
    return hmac.new(key, message, "sha256").hexdigest()
