"""案卷评查 sampling (legal-rules.md §12.5 ⚠: local practice is random sampling): a reproducible sample stratified by
body. Pure: the same strata and seed always give the same files, whatever order the strata come in."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence


def allocation(sizes: Mapping[int, int], n: int) -> dict[int, int]:
    """How many files to draw from each stratum: proportional to its size (largest remainder; ties to the smaller
    key), at least one from every non-empty stratum when n allows, never more than it has."""
    total = sum(sizes.values())
    n = min(n, total)
    keys = sorted(k for k, v in sizes.items() if v > 0)
    if n <= 0 or not keys:
        return {k: 0 for k in sorted(sizes)}
    out = {k: 0 for k in sorted(sizes)}
    if n < len(keys):  # fewer files than bodies: the largest bodies, one each
        for k in sorted(keys, key=lambda k: (-sizes[k], k))[:n]:
            out[k] = 1
        return out
    for k in keys:
        out[k] = 1
    rest = n - len(keys)
    if rest > 0:
        room = {k: sizes[k] - out[k] for k in keys}
        spare = sum(room.values())
        exact = {k: rest * room[k] / spare for k in keys}
        for k in keys:
            out[k] += int(exact[k])
        left = n - sum(out.values())
        for k in sorted(keys, key=lambda k: (-(exact[k] - int(exact[k])), k))[:left]:
            out[k] += 1
    return out


def sample_stratified(strata: Mapping[int, Sequence[int]], n: int, seed: str) -> dict[int, list[int]]:
    """{body id: sorted sampled case ids}. Each stratum is drawn with its own generator seeded by (seed, body id)
    from its ids in ascending order, so a stratum's draw does not depend on the others."""
    sizes = {k: len(v) for k, v in strata.items()}
    counts = allocation(sizes, n)
    out = {}
    for k in sorted(strata):
        ids = sorted(strata[k])
        rng = random.Random(f"{seed}:{k}")  # noqa: S311 (a reproducible audit sample, not a secret)
        out[k] = sorted(rng.sample(ids, counts[k])) if counts[k] else []
    return out
