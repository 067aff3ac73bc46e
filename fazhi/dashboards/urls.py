from django.urls import path

from . import views

app_name = "dashboards"
urlpatterns = [
    path("", views.cockpit, name="cockpit"),
    path("cockpit.json", views.cockpit_json, name="cockpit_json"),
    path("leader/", views.leader, name="leader"),
    path("boundaries/", views.boundaries, name="boundaries"),
]
