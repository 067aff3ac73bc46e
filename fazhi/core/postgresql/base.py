"""Django's PostgreSQL backend (`ENGINE = "fazhi.core.postgresql"`), with server-side binding's cursor replaced.

With `prepare_threshold` set, a statement run that many times on a connection is prepared, and PostgreSQL may then
plan it once for any values (a generic plan). That is right for the equality lookups of every page, and wrong for a
`LIKE '%…%'` search: the generic plan cannot know how rare the pattern is and walks the whole docket in date order
(a 案号 search at 1,000,000 cases: 15 ms with the trigram index → 1.1 s). Searches are therefore never prepared: sent
as an unnamed statement, they are planned with their actual pattern every time.
"""

from __future__ import annotations

from typing import Any

from django.db.backends.postgresql import base


def wants_custom_plan(query: Any) -> bool:
    """A statement whose plan depends on its values' rarity: a LIKE/ILIKE pattern."""
    text = query if isinstance(query, str) else (query.decode() if isinstance(query, bytes) else "")
    return "LIKE " in text


class SearchAwareCursor(base.ServerBindingCursor):
    def execute(
        self, query: Any, params: Any = None, *, prepare: bool | None = None, binary: bool | None = None
    ) -> Any:
        if prepare is None and wants_custom_plan(query):
            prepare = False
        return super().execute(query, params, prepare=prepare, binary=binary)


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self) -> dict[str, Any]:
        params = super().get_connection_params()
        if self.settings_dict["OPTIONS"].get("server_side_binding") is True:
            params["cursor_factory"] = SearchAwareCursor
        return params
