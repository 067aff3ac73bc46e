from django.urls import path

from . import views

app_name = "supervision"
urlpatterns = [
    path("", views.unit_board, name="unit_board"),
    path("office/", views.office_board, name="office_board"),
    path("office/items/", views.office_items, name="office_items"),
    path("office/export/", views.office_export, name="office_export"),
    path("office/urge/", views.bulk_urge, name="bulk_urge"),
    path("report/", views.bulk_report, name="bulk_report"),
    path("items/<int:pk>/", views.item_detail, name="item_detail"),
    path("items/<int:pk>/<str:step>/", views.item_step, name="item_step"),
    path("extensions/", views.extension_list, name="extension_list"),
    path("extensions/<int:pk>/decide/", views.extension_decide_view, name="extension_decide"),
    path("evidence/<str:key>/", views.evidence_download, name="evidence_download"),
    path("rules/", views.rules, name="rules"),
    path("notices/<str:key>/", views.notice_download, name="notice_download"),
]
