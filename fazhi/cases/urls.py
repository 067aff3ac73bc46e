from . import stats_views, views

app_name = "cases"
urlpatterns = views.urlpatterns + stats_views.urlpatterns
