"""API key material: `fzk_<prefix>_<secret>`. The prefix (random, stored in clear, unique) finds the row; the secret
is never stored — only its HMAC-SM3 under the platform's index key (fazhi/core/crypto.py, keys outside the database),
compared in constant time. A stolen database therefore yields no usable key, and a guessed prefix alone is useless."""

from __future__ import annotations

import hmac
import re
import secrets
from dataclasses import dataclass

from fazhi.core.crypto import blind_index

PREFIX_LEN = 10
_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"  # no 0/o/1/l: prefixes are read aloud and copied by hand
KEY_RE = re.compile(r"^fzk_([a-z2-9]{10})_([A-Za-z0-9_-]{43})$")


@dataclass(frozen=True)
class KeyMaterial:
    prefix: str
    secret: str

    @property
    def full(self) -> str:
        return f"fzk_{self.prefix}_{self.secret}"


def key_generate() -> KeyMaterial:
    prefix = "".join(secrets.choice(_ALPHABET) for _ in range(PREFIX_LEN))
    return KeyMaterial(prefix, secrets.token_urlsafe(32))  # 256 bits of secret


def key_digest(prefix: str, secret: str) -> str:
    return blind_index(f"{prefix}.{secret}", "api.key")


def key_parse(raw: str) -> KeyMaterial | None:
    m = KEY_RE.match(raw.strip())
    return KeyMaterial(m.group(1), m.group(2)) if m else None


def key_matches(material: KeyMaterial, digest: str) -> bool:
    return hmac.compare_digest(key_digest(material.prefix, material.secret), digest)
