from django.urls import path

from . import views

app_name = "indicators"

urlpatterns = [
    path("", views.set_list, name="list"),
    path("import/", views.set_import, name="import"),
    path("<int:pk>/", views.set_detail, name="detail"),
    path("<int:pk>/freeze/", views.set_freeze, name="freeze"),
    path("<int:pk>/copy/", views.set_copy, name="copy"),
    path("<int:pk>/ranking/", views.ranking, name="ranking"),
    path("nodes/<int:pk>/", views.node_edit, name="node"),
    path("nodes/<int:pk>/assess/", views.assess, name="assess"),
]
