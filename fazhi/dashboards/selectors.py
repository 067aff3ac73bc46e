"""The cockpit's tiles (一屏观全城): every figure is a metric of the registry (fazhi/metrics) asked with the viewer,
so each counts only the viewer's data scope, and every tile links to the records behind it (the metric's page, or
the module's own list for a category: the supervision board by light).

    cockpit_tiles(user, today=None) -> {"year", "generated_at", "refresh", "tiles": [tile, …]}
    tile = {"key", "title", "value", "unit", "url", "note", "chart": "bar" | "pie" | "" ,
            "items": [{"code", "label", "value", "url"}]}

What it costs (docs/adr/0011-cockpit-figures.md): the case figures (new, open, by docket and by unit, 12345 topics)
are read from counts kept in each case write's transaction (metrics/tallies.py), a sum over count rows; overdue
cases read only the clocks already past due; plan and supervision figures are one grouped query each. The whole
answer is kept in the "pages" cache (`cockpit_kept`) under the docket stamps (any committed case write makes a new
key), the supervision board stamp (any write that moves an item), the grants stamp, the viewer's scope signature
(viewers with the same actions and units share one entry), the day and a short time bucket
(FAZHI_COCKPIT["KEEP_SECONDS"], default 30) that bounds how old the plan figures (no stamp) may be. Twenty wall screens polling therefore cost one computation per bucket, not twenty.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from fazhi.metrics.selectors import metric_value
from fazhi.orgs.scopes import grants_for

TOP = 8  # categories shown per tile (the rest sum into the value; the records page lists all)


def cockpit_settings() -> dict[str, Any]:
    defaults = {"KEEP_SECONDS": 30, "REFRESH_SECONDS": 60, "MAP_METRIC": "cases.open"}
    return {**defaults, **(getattr(settings, "FAZHI_COCKPIT", {}) or {})}


def _today() -> dt.date:
    from fazhi.deadlines.selectors import today_local

    return today_local()


def metric_url(key: str, year: int, **params: Any) -> str:
    query = {"year": year, **{k: v for k, v in params.items() if v not in (None, "")}}
    return f"{reverse('metrics:detail', args=[key])}?{urlencode(query)}"


def _items(value: dict[str, Any], link: Callable[[dict[str, Any]], str], top: int = TOP) -> list[dict[str, Any]]:
    rows = [r for r in value.get("breakdown") or [] if r["value"]]
    rows.sort(key=lambda r: -r["value"])
    return [{"code": r["code"], "label": r["label"], "value": r["value"], "url": link(r)} for r in rows[:top]]


def _case_tiles(user: Any, year: int) -> list[dict[str, Any]]:
    tiles = []
    for key, title, note in (
        ("cases.received", f"{year}年新收案件", "全部案件类型，按类型"),
        ("cases.open", "在办案件", "目前尚未结案，按类型"),
        ("cases.overdue", "超期案件", "法定期限已届满仍未办结，按类型"),
    ):
        v = metric_value(key, period=year, viewer=user)
        tiles.append(
            {
                "key": key.replace(".", "_"),
                "title": title,
                "value": v["value"],
                "unit": "件",
                "url": metric_url(key, year),
                "note": note,
                "chart": "bar",
                "items": _items(v, lambda r, key=key: metric_url(key, year, docket=r["code"]), top=20),
            }
        )
    v = metric_value("cases.open", period=year, viewer=user, by="unit")
    tiles.append(
        {
            "key": "cases_open_by_unit",
            "title": "在办案件（按承办单位）",
            "value": v["value"],
            "unit": "件",
            "url": metric_url("cases.open", year),
            "note": f"在办案件最多的{TOP}个承办单位",
            "chart": "bar",
            "items": _items(v, lambda r: metric_url("cases.open", year, unit=r["code"])),
        }
    )
    return tiles


def _plan_tile(user: Any, year: int) -> dict[str, Any]:
    got = {
        k: metric_value(f"plans.{k}", period=year, viewer=user) for k in ("shares", "closed", "overdue", "closed_rate")
    }
    items = [
        {"code": k, "label": label, "value": got[k]["value"], "url": metric_url(f"plans.{k}", year)}
        for k, label in (("shares", "分工"), ("closed", "已销号"), ("overdue", "逾期未完成"))
    ]
    rate = got["closed_rate"]["value"]
    return {
        "key": "plans_progress",
        "title": f"{year}年规划任务进度",
        "value": rate,
        "unit": "%",
        "url": metric_url("plans.closed_rate", year),
        "note": "销号率 = 已销号分工 ÷ 全部分工",
        "chart": "bar",
        "items": items,
    }


def _supervision_tile(user: Any, year: int) -> dict[str, Any]:
    v = metric_value("supervision.open", period=year, viewer=user)
    board = grants_for(user).has("supervision.board.office")

    def link(r: dict[str, Any]) -> str:
        if board:
            return f"{reverse('supervision:office_items')}?{urlencode({'light': r['code']})}"
        return metric_url("supervision.open", year)

    return {
        "key": "supervision_lights",
        "title": "督办事项（按灯）",
        "value": v["value"],
        "unit": "件",
        "url": metric_url("supervision.open", year),
        "note": "办理中的督办事项，按当前的灯",
        "chart": "pie",
        "items": [
            {"code": r["code"], "label": r["label"], "value": r["value"], "url": link(r)}
            for r in v.get("breakdown") or []
        ],
    }


def _hotline_tile(user: Any, year: int) -> dict[str, Any]:
    v = metric_value("hotline.topics", period=year, viewer=user)
    return {
        "key": "hotline_topics",
        "title": f"12345热点诉求（{year}年）",
        "value": v["value"],
        "unit": "件",
        "url": metric_url("hotline.topics", year),
        "note": "受理工单按诉求分类",
        "chart": "bar",
        "items": _items(v, lambda r: metric_url("hotline.topics", year, category=r["code"])),
    }


def _indicator_tile(user: Any, year: int) -> dict[str, Any]:
    v = metric_value("indicators.unit_scores", period=year, viewer=user)
    return {
        "key": "indicator_scores",
        "title": f"指标考核得分（{year}年）",
        "value": v["value"],
        "unit": "个单位",
        "url": metric_url("indicators.unit_scores", year),
        "note": "本年度指标体系各被考核单位总分，由高到低" if v["value"] else "本年度尚无已评分的被考核单位",
        "chart": "bar",
        "items": _items(v, lambda r: metric_url("indicators.unit_scores", year)),
    }


def cockpit_compute(user: Any, today: dt.date | None = None) -> dict[str, Any]:
    """The tiles for this viewer, computed now (no cache)."""
    today = today or _today()
    year = today.year
    tiles = [
        *_case_tiles(user, year),
        _plan_tile(user, year),
        _supervision_tile(user, year),
        _hotline_tile(user, year),
        _indicator_tile(user, year),
    ]
    return {
        "year": year,
        "today": today.isoformat(),
        "generated_at": timezone.localtime().strftime("%H:%M:%S"),
        "refresh": int(cockpit_settings()["REFRESH_SECONDS"]),
        "tiles": tiles,
        "map": _map_tile(user, today),
    }


def _map_tile(user: Any, today: dt.date) -> dict[str, Any]:
    """The district map on the wall, coloured by FAZHI_COCKPIT["MAP_METRIC"] (default 在办案件; the leaders' page
    lets a viewer choose); its title opens the leaders' page for that figure."""
    key = map_metric_check(str(cockpit_settings().get("MAP_METRIC") or ""))
    m = district_map_compute(user, key, today)
    m["url"] = f"{reverse('dashboards:leader')}?{urlencode({'metric': key})}"
    return m


def cockpit_json_payload(data: dict[str, Any]) -> dict[str, Any]:
    """What the page polls: the tiles and the map's values and colours (not its outlines, drawn once with the page)."""
    shapes = [{k: v for k, v in s.items() if k != "d"} for s in data["map"]["shapes"]]
    return {**data, "map": {**data["map"], "shapes": shapes}}


def scope_signature(user: Any) -> str:
    """What the figures depend on about the viewer: actions and data scope (and the user when 仅本人)."""
    g = grants_for(user)
    own = f"user:{user.pk}" if g.self_only else ""
    text = f"{sorted(g.actions)}|{g.all_units}|{sorted(g.unit_ids)}|{g.self_only}|{own}"
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:20]


def _kept(user: Any, what: str, compute: Callable[[], Any], today: dt.date) -> Any:
    """compute() kept in the "pages" cache (see the module docstring for the key). A user not loaded with the stamps
    (orgs/backends.py) is computed afresh."""
    stamps = getattr(user, "docket_stamps", None)
    grants = getattr(user, "grants_stamp", None)
    if not grants or not hasattr(user, "docket_stamps"):
        return compute()
    from fazhi.supervision.selectors import board_stamp

    keep = max(1, int(cockpit_settings()["KEEP_SECONDS"]))
    bucket = int(time.time() // keep)
    digest = hashlib.sha1(f"{stamps}|{grants}|{board_stamp()}".encode(), usedforsecurity=False).hexdigest()[:20]
    key = f"dashboards:{what}:{digest}:{scope_signature(user)}:{today}:{bucket}"
    cache = caches["pages"]
    kept = cache.get(key)
    if kept is not None:
        return kept
    value = compute()
    cache.set(key, value, keep * 2)
    return value


def cockpit_kept(user: Any, today: dt.date | None = None) -> dict[str, Any]:
    """cockpit_compute kept in the "pages" cache under the stamps, the scope signature, the day and the bucket."""
    day = today or _today()
    return _kept(user, f"cockpit:{_boundary_token()}", lambda: cockpit_compute(user, day), day)


# ------------------------------------------------------------------------------------------------ the district map

# The figures a map may be coloured by (each counts per unit with its subordinates through the registry).
MAP_METRICS = (
    "cases.open",
    "cases.received",
    "cases.overdue",
    "supervision.open",
    "supervision.overdue",
    "plans.closed_rate",
    "hotline.received",
    "hotline.satisfaction_rate",
)
# The columns of the leaders' table by district.
LEADER_METRICS = ("cases.received", "cases.open", "cases.overdue", "supervision.overdue", "plans.closed_rate")


def map_metric_choices() -> list[tuple[str, str]]:
    from fazhi.metrics.registry import metric_get

    return [(k, metric_get(k).label) for k in MAP_METRICS]


def map_metric_check(key: str | None) -> str:
    """The figure asked for, or the first; an unknown one is refused naming the field."""
    from fazhi.core.errors import DomainError

    key = (key or "").strip() or MAP_METRICS[0]
    if key not in MAP_METRICS:
        raise DomainError("dashboards.bad_metric", f"地图不能按“{key}”着色，请从列表中选择指标。", field="metric")
    return key


def boundary_in_use() -> tuple[dict[str, Any], str]:
    """(FeatureCollection, its name): the administrator's newest file in use, else the shipped demo sketch."""
    from .geo import demo_boundary
    from .models import Boundary

    b = Boundary.objects.filter(active=True).only("data", "name").first()
    if b is not None:
        return b.data, b.name
    data = demo_boundary()
    return data, str(data.get("name") or "示范市区县界（演示）")


def _district_values(user: Any, keys: tuple[str, ...], codes: list[str], year: int) -> dict[str, dict[str, Any]]:
    """{code: {key: value dict}} per unit of the boundary with its subordinates; a code no longer in the unit tree
    has no values."""
    from fazhi.core.errors import DomainError
    from fazhi.metrics.selectors import metric_values

    out: dict[str, dict[str, Any]] = {}
    for code in codes:
        try:
            out[code] = metric_values(keys, period=year, unit=code, subordinates=True, viewer=user)
        except DomainError:
            out[code] = {}
    return out


def district_map_compute(user: Any, key: str, today: dt.date) -> dict[str, Any]:
    from fazhi.metrics.registry import metric_get

    from .geo import NO_VALUE, PALETTE, colour_for, svg_shapes

    year = today.year
    data, name = boundary_in_use()
    shapes = svg_shapes(data)
    values = _district_values(user, (key,), [s["code"] for s in shapes], year)
    found = [v[key]["value"] for v in values.values() if key in v and v[key]["value"] is not None]
    low, high = (min(found), max(found)) if found else (0, 0)
    metric = metric_get(key)
    for s in shapes:
        v = values.get(s["code"], {}).get(key)
        s["value"] = None if v is None else v["value"]
        s["fill"] = colour_for(s["value"], low, high)
        s["url"] = metric_url(key, year, unit=s["code"], subordinates=1) if v is not None else ""
    return {
        "year": year,
        "metric": {"key": key, "label": metric.label, "unit": metric.unit},
        "boundary": name,
        "shapes": shapes,
        "legend": {"low": low, "high": high, "palette": list(PALETTE), "none": NO_VALUE},
    }


def district_map(user: Any, key: str, today: dt.date | None = None) -> dict[str, Any]:
    """The boundary's areas coloured by the figure `key` for each unit (with subordinates), in the viewer's scope."""
    day = today or _today()
    return _kept(user, f"map:{key}:{_boundary_token()}", lambda: district_map_compute(user, key, day), day)


def leader_table_compute(user: Any, today: dt.date) -> dict[str, Any]:
    from fazhi.metrics.registry import metric_get

    year = today.year
    data, _name = boundary_in_use()
    names = {str(f["properties"]["code"]).strip(): f["properties"].get("name") or "" for f in data["features"]}
    values = _district_values(user, LEADER_METRICS, list(names), year)
    rows = []
    for code, label in names.items():
        cells = []
        for key in LEADER_METRICS:
            v = values.get(code, {}).get(key)
            cells.append(
                {
                    "value": None if v is None else v["value"],
                    "url": metric_url(key, year, unit=code, subordinates=1) if v is not None else "",
                }
            )
        rows.append({"code": code, "label": label, "cells": cells})
    columns = [{"key": k, "label": metric_get(k).label, "unit": metric_get(k).unit} for k in LEADER_METRICS]
    return {"year": year, "columns": columns, "rows": rows}


def leader_table(user: Any, today: dt.date | None = None) -> dict[str, Any]:
    day = today or _today()
    return _kept(user, f"leader-table:{_boundary_token()}", lambda: leader_table_compute(user, day), day)


def _boundary_token() -> str:
    from .models import Boundary

    return str(Boundary.objects.filter(active=True).values_list("pk", flat=True).first() or "demo")


def boundaries_list() -> list[Any]:
    from .models import Boundary

    return list(Boundary.objects.select_related("uploaded_by")[:50])


def boundary_shapes() -> list[dict[str, Any]]:
    """The boundary in use drawn without figures (the administrator's preview)."""
    from .geo import NO_VALUE, svg_shapes

    data, _name = boundary_in_use()
    return [{**s, "fill": NO_VALUE} for s in svg_shapes(data, width=400, height=320)]
