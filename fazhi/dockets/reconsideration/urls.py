from django.urls import path

from . import views

app_name = "reconsideration"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("intake/", views.intake, name="intake"),
    path("stats/", views.stats, name="stats"),
    path("import/", views.import_cases, name="import"),
    path("export/", views.export, name="export"),
    path("export/<str:key>/download/", views.export_download, name="export_download"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/edit/", views.case_edit, name="edit"),
    path("<int:pk>/do/<slug:code>/", views.case_transition, name="transition"),
]
