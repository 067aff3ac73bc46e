from django.urls import path

from . import views

app_name = "disclosure"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("register/", views.register, name="register"),
    path("import/", views.import_cases, name="import"),
    path("table/", views.annual_table_page, name="table"),
    path("report/", views.annual_report, name="report"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/do/<slug:code>/", views.case_transition, name="transition"),
]
