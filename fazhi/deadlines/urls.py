from django.urls import path

from . import views

app_name = "deadlines"
urlpatterns = [
    path("", views.clock_list, name="clock_list"),
    path("clocks/<int:pk>/", views.clock_detail, name="clock_detail"),
    path("calculator/", views.calculator, name="calculator"),
    path("calendar/", views.calendar_admin, name="calendar"),
]
