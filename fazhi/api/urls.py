from django.urls import path

from . import views

app_name = "api"
urlpatterns = [
    path("v1/units/", views.unit_list, name="unit_list"),
    path("v1/units/resolve/", views.unit_resolve, name="unit_resolve"),
    path("v1/users/", views.user_list, name="user_list"),
]
