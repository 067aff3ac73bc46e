from django.urls import path

from . import views, views_import

app_name = "enforcement"
urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("cases/new/", views.case_new, name="case_new"),
    path("cases/import/", views_import.case_import, name="case_import"),
    path("cases/import/template.xlsx", views_import.case_import_template, name="case_import_template"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("cases/<int:pk>/edit/", views.case_edit, name="case_edit"),
    path("cases/<int:pk>/unmask/", views.case_unmask_view, name="case_unmask"),
    path("bodies/", views.body_list, name="body_list"),
    path("bodies/<int:pk>/", views.body_detail, name="body_detail"),
    path("bodies/<int:pk>/do/<str:act>/", views.body_detail, name="body_act"),
    path("stats/", views.stats, name="stats"),
]
