from . import views

app_name = "cases"
urlpatterns = views.urlpatterns
