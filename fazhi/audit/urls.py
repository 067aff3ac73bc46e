from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("events/", views.event_list, name="event_list"),
    path("events/export/", views.event_export, name="event_export"),
    path("logins/", views.login_list, name="login_list"),
    path("key-uses/", views.key_use_list, name="key_use_list"),
]
