from django.urls import URLPattern

app_name = "reconsideration"
urlpatterns: list[URLPattern] = []
