"""Tokens of the library index (pure): lower-cased letters, digits and CJK characters, one by one and in adjacent
pairs inside a run (punctuation and spaces end a run). A query of one character looks up that character; of two or
more, every pair it contains; a query longer than two is then confirmed as a substring (selectors.library_search)."""

from __future__ import annotations

import re

RUN = re.compile(r"[0-9a-z\u3400-\u9fff\uf900-\ufaff]+")


def runs(text: str) -> list[str]:
    return RUN.findall(text.lower())


def tokens_of(text: str) -> set[str]:
    out: set[str] = set()
    for run in runs(text):
        out.update(run)
        out.update(run[i : i + 2] for i in range(len(run) - 1))
    return out


def query_tokens(query: str) -> tuple[set[str], list[str]]:
    """(tokens every match must have, strings to confirm as substrings: each run longer than two characters, and the
    whole query when it has punctuation but no spaces, as a 文号 or 登记编号 has)."""
    tokens: set[str] = set()
    long_runs: list[str] = []
    whole = query.strip().lower()
    for run in runs(query):
        if len(run) == 1:
            tokens.add(run)
        else:
            tokens.update(run[i : i + 2] for i in range(len(run) - 1))
            if len(run) > 2:
                long_runs.append(run)
    if whole and not re.search(r"\s", whole) and whole not in long_runs and len(runs(whole)) > 1:
        long_runs.append(whole)
    return tokens, long_runs
