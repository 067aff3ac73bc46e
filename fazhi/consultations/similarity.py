"""Near-duplicate texts (campaign letters) by character shingles (pure; no database).

A text is normalised (letters and digits only, lower case, full-width folded), cut into overlapping 3-character
shingles, and two texts are near-duplicates when the Jaccard similarity of their shingle sets is at least the
threshold (default 0.6, setting FAZHI_CONSULTATIONS["CLUSTER_THRESHOLD"]). A MinHash signature (64 values) is kept
per text to find candidates cheaply; every candidate is confirmed on the exact shingle sets, so the estimate never
decides alone. Clusters are the connected groups of near-duplicate pairs (union-find)."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Sequence

SHINGLE = 3
SIG_SIZE = 64
_PRIME = (1 << 61) - 1
_COEFFS = [
    (
        int.from_bytes(hashlib.blake2b(f"a{i}".encode(), digest_size=8).digest(), "big") % _PRIME | 1,
        int.from_bytes(hashlib.blake2b(f"b{i}".encode(), digest_size=8).digest(), "big") % _PRIME,
    )
    for i in range(SIG_SIZE)
]


def normalise(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text or "").lower()
    return "".join(ch for ch in folded if ch.isalnum())


def shingles(text: str, n: int = SHINGLE) -> set[int]:
    s = normalise(text)
    if len(s) <= n:
        return {_hash(s)} if s else set()
    return {_hash(s[i : i + n]) for i in range(len(s) - n + 1)}


def _hash(s: str) -> int:
    return int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "big")


def jaccard(a: set[int], b: set[int]) -> float:
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


def signature(sh: set[int]) -> list[int]:
    if not sh:
        return []
    return [min((a * x + b) % _PRIME for x in sh) for a, b in _COEFFS]


def estimate(sig_a: Sequence[int], sig_b: Sequence[int]) -> float:
    if not sig_a or not sig_b:
        return 0.0
    return sum(1 for x, y in zip(sig_a, sig_b, strict=True) if x == y) / len(sig_a)


def clusters(texts: Sequence[str], *, threshold: float = 0.6) -> list[list[int]]:
    """Groups of indices of near-duplicate texts, each sorted, groups in order of their first member; a text with no
    near-duplicate is a group of one."""
    sets = [shingles(t) for t in texts]
    sigs = [signature(s) for s in sets]
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(texts)):
        for j in range(i):
            # candidates by the estimate with a safety margin, confirmed on the exact sets
            if estimate(sigs[i], sigs[j]) >= threshold - 0.2 and jaccard(sets[i], sets[j]) >= threshold:
                ri, rj = find(i), find(j)
                if ri != rj:
                    parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = {}
    for i in range(len(texts)):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])
