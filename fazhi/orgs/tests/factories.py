"""Factories importable by every module's tests: units, roles, users (personas)."""

from __future__ import annotations

import factory
from django.utils import timezone

from fazhi.orgs.models import DataScope, Role, Unit, UnitGroup, UnitKind, UnitLevel, User


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"U{n:04d}")
    name = factory.Sequence(lambda n: f"测试单位{n}")
    kind = UnitKind.DEPARTMENT
    level = UnitLevel.CITY
    parent = None

    @factory.post_generation
    def set_path(obj, create, extracted, **kwargs):  # noqa: N805
        parent_path = obj.parent.path if obj.parent_id else ""
        obj.path = f"{parent_path}{obj.pk:06d}/"
        Unit.objects.filter(pk=obj.pk).update(path=obj.path)


class UnitGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitGroup

    code = factory.Sequence(lambda n: f"G{n:03d}")
    name = factory.Sequence(lambda n: f"测试分组{n}")


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    code = factory.Sequence(lambda n: f"role{n}")
    name = factory.Sequence(lambda n: f"角色{n}")
    actions: list[str] = []
    data_scope = DataScope.UNIT


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"用户{n}")
    unit = factory.SubFactory(UnitFactory)
    must_change_password = False
    password_changed_at = factory.LazyFunction(timezone.now)
    password = factory.PostGenerationMethodCall("set_password", "Passw0rd!x")

    @factory.post_generation
    def roles(obj, create, extracted, **kwargs):  # noqa: N805
        if extracted:
            obj.roles.set(extracted)
        obj.save()


def user_with(actions: list[str], *, unit: Unit | None = None, scope: str = DataScope.UNIT, **kw) -> User:  # type: ignore[no-untyped-def]
    """A user holding exactly `actions` with data scope `scope` in `unit`."""
    role = RoleFactory(actions=actions, data_scope=scope)
    return UserFactory(unit=unit or UnitFactory(), roles=[role], **kw)
