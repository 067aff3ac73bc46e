from django.urls import URLPattern

app_name = "litigation"
urlpatterns: list[URLPattern] = []
