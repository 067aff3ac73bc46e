"""Administration pages for units, groups, users and roles (filled in by views_units.py / views_users.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
