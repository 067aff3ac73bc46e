"""Administration pages for units, groups, users and roles, mounted under /orgs/ by urls.py."""

from django.urls import URLPattern, path

from . import views_roles, views_units, views_users

urlpatterns: list[URLPattern] = [
    path("orgs/units/", views_units.unit_list, name="unit_list"),
    path("orgs/units/new/", views_units.unit_create_view, name="unit_create"),
    path("orgs/units/<int:pk>/", views_units.unit_edit_view, name="unit_edit"),
    path("orgs/units/<int:pk>/active/", views_units.unit_active_view, name="unit_active"),
    path("orgs/units/template.xlsx", views_units.unit_template_view, name="unit_template"),
    path("orgs/units/export.xlsx", views_units.unit_export_view, name="unit_export"),
    path("orgs/units/import/", views_units.unit_import_view, name="unit_import"),
    path("orgs/groups/", views_units.group_list, name="group_list"),
    path("orgs/groups/new/", views_units.group_create_view, name="group_create"),
    path("orgs/groups/<int:pk>/", views_units.group_edit_view, name="group_edit"),
    path("orgs/users/", views_users.user_list, name="user_list"),
    path("orgs/users/new/", views_users.user_create_view, name="user_create"),
    path("orgs/users/<int:pk>/", views_users.user_detail_view, name="user_detail"),
    path("orgs/users/<int:pk>/edit/", views_users.user_edit_view, name="user_edit"),
    path("orgs/users/<int:pk>/roles/", views_users.user_roles_view, name="user_roles"),
    path("orgs/users/<int:pk>/unlock/", views_users.user_unlock_view, name="user_unlock"),
    path("orgs/users/<int:pk>/unmask/", views_users.user_unmask_view, name="user_unmask"),
    path("orgs/users/<int:pk>/password/", views_users.user_password_reset_view, name="user_password_reset"),
    path("orgs/roles/", views_roles.role_list, name="role_list"),
    path("orgs/roles/new/", views_roles.role_create_view, name="role_create"),
    path("orgs/roles/<int:pk>/", views_roles.role_edit_view, name="role_edit"),
]
