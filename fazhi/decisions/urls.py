from django.urls import path

from . import views, views_catalogue, views_stats

app_name = "decisions"
urlpatterns = [
    path("", views.decision_list, name="list"),
    path("new/", views.decision_new, name="new"),
    path("<int:pk>/", views.decision_detail, name="detail"),
    path("<int:pk>/archive.zip", views.decision_archive, name="archive"),
    path("<int:pk>/do/<str:action>/", views.decision_act, name="act"),
    path("stats/", views_stats.stats, name="stats"),
    path("stats/export/", views_stats.stats_export, name="stats_export"),
    path("catalogues/", views_catalogue.catalogue_list, name="catalogue_list"),
    path("catalogues/<int:pk>/", views_catalogue.catalogue_detail, name="catalogue"),
    path("catalogues/<int:pk>/do/<str:action>/", views_catalogue.catalogue_act, name="catalogue_act"),
]
