"""The 12345 category tree and its 派单目录 (models.py): selectors (the codes an order may carry, the unit the tree
names for a category and area) and one audited service per edit, each by the centre (`hotline.category.manage`),
atomic, a stale version refused (ConflictError). Labels are cached (the "pages" cache) for a minute and dropped on every
edit's commit (docs/deploy.md: a shared cache makes the drop reach every server); validation never reads the cache."""

from __future__ import annotations

import re
from typing import Any

from django.core.cache import caches
from django.db import transaction

from fazhi.audit.services import record_event
from fazhi.core.errors import ConflictError, DomainError

from .models import HotlineCategory, HotlineRoute

INVALID = "invalid"
CACHE_KEY = "hotline:category-labels:v1"
CODE_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,49}$")


# ---------------------------------------------------------------------------------------------------- selectors
def tree_built() -> bool:
    return HotlineCategory.objects.exists()


def category_codes() -> dict[str, str]:
    """{code: name} of the categories an arriving order may carry, read from the database (never the cache): the
    tree's active categories once one is built, else the setting's flat list."""
    rows = list(HotlineCategory.objects.filter(is_active=True).values_list("code", "name"))
    if rows or tree_built():
        return dict(rows)
    from .codes import setting_categories

    return dict(setting_categories())


def category_list() -> list[tuple[str, str, int]]:
    """(code, name, depth) of the active categories: the tree in order, a child after its parent (cached)."""
    cache = caches["pages"]
    cached = cache.get(CACHE_KEY)
    if cached is not None:
        return [tuple(c) for c in cached]  # type: ignore[misc]
    cats = list(HotlineCategory.objects.filter(is_active=True).values("pk", "code", "name", "parent_id", "position"))
    if not cats and not tree_built():
        from .codes import setting_categories

        out = [(c[0], c[1], 0) for c in setting_categories()]
    else:
        by_parent: dict[Any, list[dict[str, Any]]] = {}
        ids = {c["pk"] for c in cats}
        for c in cats:
            by_parent.setdefault(c["parent_id"] if c["parent_id"] in ids else None, []).append(c)
        out = []

        def walk(parent: Any, depth: int) -> None:
            for c in sorted(by_parent.get(parent, []), key=lambda c: (c["position"], c["code"])):
                out.append((c["code"], c["name"], depth))
                walk(c["pk"], depth + 1)

        walk(None, 0)
    cache.set(CACHE_KEY, out, 60)
    return out  # type: ignore[return-value]


def category_choices() -> list[tuple[str, str]]:
    """(code, label) for a form's select: a child indented under its parent."""
    return [(code, "　" * depth + name) for code, name, depth in category_list()]


def category_route(category: str, area: str = "") -> Any:
    """The unit the tree names for an order of `category` in `area`: the category's route for that area, else its
    any-area route, else the same for its parent (up the tree); None when none names one."""
    cat = HotlineCategory.objects.filter(code=category).first()
    area = (area or "").strip()
    seen: set[int] = set()
    while cat is not None and cat.pk not in seen:
        seen.add(cat.pk)
        routes = {r.area: r for r in HotlineRoute.objects.filter(category=cat).select_related("unit")}
        hit = routes.get(area) if area else None
        hit = hit or routes.get("")
        if hit is not None and hit.unit.is_active:
            return hit.unit
        cat = cat.parent
    return None


def tree_rows() -> list[dict[str, Any]]:
    """The whole tree (inactive included) for the centre's page: depth-first, each with its routes."""
    cats = list(HotlineCategory.objects.all())
    routes: dict[int, list[HotlineRoute]] = {}
    for r in HotlineRoute.objects.select_related("unit").order_by("area"):
        routes.setdefault(r.category_id, []).append(r)
    by_parent: dict[Any, list[HotlineCategory]] = {}
    for c in cats:
        by_parent.setdefault(c.parent_id, []).append(c)
    out: list[dict[str, Any]] = []

    def walk(parent: Any, depth: int) -> None:
        for c in sorted(by_parent.get(parent, []), key=lambda c: (c.position, c.code)):
            out.append({"category": c, "depth": depth, "indent": depth * 1.5, "routes": routes.get(c.pk, [])})
            walk(c.pk, depth + 1)

    walk(None, 0)
    return out


# ----------------------------------------------------------------------------------------------------- services
def _drop_cache() -> None:
    """The labels here at once and again at commit; the kept order lists (rows keep their category's name) through
    the docket's stamp. Other processes' labels lag at most the cache's 60 s (display only: docs/deploy.md)."""
    from fazhi.cases.listing import docket_changed

    docket_changed("hotline")
    caches["pages"].delete(CACHE_KEY)
    transaction.on_commit(lambda: caches["pages"].delete(CACHE_KEY))


def _name(name: Any) -> str:
    name = str(name or "").strip()
    if not name:
        raise DomainError(INVALID, "请填写分类名称。", field="name")
    if len(name) > 100:
        raise DomainError(INVALID, "分类名称不能超过100个字。", field="name")
    return name


def _parent(parent: Any, *, of: HotlineCategory | None = None) -> HotlineCategory | None:
    if parent in (None, ""):
        return None
    if not isinstance(parent, HotlineCategory):
        parent = HotlineCategory.objects.filter(code=str(parent).strip()).first()
        if parent is None:
            raise DomainError(INVALID, "上级分类不存在。", field="parent")
    if of is not None:  # not itself nor one of its own children
        p: HotlineCategory | None = parent
        while p is not None:
            if p.pk == of.pk:
                raise DomainError(INVALID, "上级分类不能是本分类或其下级分类。", field="parent")
            p = p.parent
    return parent


@transaction.atomic
def category_add(*, by: Any, code: str, name: str, parent: Any = None, position: int = 0) -> HotlineCategory:
    code = str(code or "").strip()
    if not CODE_RE.match(code):
        raise DomainError(INVALID, "分类代码应为小写字母、数字、点、下划线或连字符，不超过50个字符。", field="code")
    if HotlineCategory.objects.filter(code=code).exists():
        raise DomainError(INVALID, f"分类代码“{code}”已存在。", field="code")
    cat = HotlineCategory.objects.create(
        code=code, name=_name(name), parent=_parent(parent), position=int(position or 0)
    )
    record_event(
        actor=by,
        action="hotline.category.add",
        obj=cat,
        summary={"code": code, "name": cat.name, "parent": cat.parent.code if cat.parent else ""},
    )
    _drop_cache()
    return cat


@transaction.atomic
def category_edit(
    *,
    by: Any,
    category: HotlineCategory,
    expected_version: int,
    name: str,
    parent: Any = None,
    position: int = 0,
    is_active: bool = True,
) -> HotlineCategory:
    """Rename, move, reorder or (de)activate one category; its code stays (a contract with the orders)."""
    before = {
        "name": category.name,
        "parent": category.parent.code if category.parent else "",
        "position": category.position,
        "is_active": category.is_active,
    }
    new_name, new_parent = _name(name), _parent(parent, of=category)  # both checked before the row changes
    category.name = new_name
    category.parent = new_parent
    category.position = int(position or 0)
    category.is_active = bool(is_active)
    category.save_versioned(
        expected_version=expected_version, update_fields=["name", "parent", "position", "is_active"]
    )
    after = {
        "name": category.name,
        "parent": category.parent.code if category.parent else "",
        "position": category.position,
        "is_active": category.is_active,
    }
    changed = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
    record_event(actor=by, action="hotline.category.edit", obj=category, summary={"changed": changed})
    _drop_cache()
    return category


@transaction.atomic
def route_set(*, by: Any, category: HotlineCategory, area: str = "", unit: Any, expected_version: int) -> HotlineRoute:
    """The unit responsible for `category` in `area` ("" = any other area); replaces the area's earlier unit. The
    category's version is checked and bumped (two centre users editing one category's routes: the second is told)."""
    if unit is None:
        raise DomainError(INVALID, "请选择承办单位。", field="unit")
    area = str(area or "").strip()
    if len(area) > 100:
        raise DomainError(INVALID, "区域不能超过100个字。", field="area")
    _bump(category, expected_version)
    old = HotlineRoute.objects.filter(category=category, area=area).select_related("unit").first()
    if old is not None:
        before = old.unit.code
        old.unit = unit
        old.save(update_fields=["unit"])
        route = old
    else:
        before = ""
        route = HotlineRoute.objects.create(category=category, area=area, unit=unit)
    record_event(
        actor=by,
        action="hotline.category.route",
        obj=category,
        summary={"area": area, "unit": [before, unit.code]},
    )
    return route


@transaction.atomic
def route_remove(*, by: Any, category: HotlineCategory, area: str = "", expected_version: int) -> None:
    route = HotlineRoute.objects.filter(category=category, area=(area or "").strip()).select_related("unit").first()
    if route is None:
        raise DomainError(INVALID, "该区域没有派单目录。", field="area")
    _bump(category, expected_version)
    record_event(
        actor=by,
        action="hotline.category.route",
        obj=category,
        summary={"area": route.area, "unit": [route.unit.code, ""]},
    )
    route.delete()


def _bump(category: HotlineCategory, expected_version: int) -> None:
    updated = HotlineCategory.objects.filter(pk=category.pk, version=expected_version).update(
        version=expected_version + 1
    )
    if updated != 1:
        raise ConflictError()
    category.version = expected_version + 1


@transaction.atomic
def tree_seed_from_setting(*, by: Any) -> int:
    """The flat setting's categories as the first level of a new tree (the centre then adds children and routes)."""
    if tree_built():
        raise DomainError(INVALID, "分类表已建立。", field="code")
    from .codes import setting_categories

    n = 0
    for i, (code, name) in enumerate(setting_categories()):
        category_add(by=by, code=code, name=name, position=(i + 1) * 10)
        n += 1
    return n
