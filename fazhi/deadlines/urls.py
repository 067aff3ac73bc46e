from django.urls import URLPattern

app_name = "deadlines"
urlpatterns: list[URLPattern] = []
