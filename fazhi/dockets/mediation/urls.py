from django.urls import path

from . import views

app_name = "mediation"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("register/", views.register, name="register"),
    path("import/", views.import_cases, name="import"),
    path("committees/", views.committees, name="committees"),
    path("committees/<int:pk>/", views.committee_page, name="committee"),
    path("hotline/", views.hotline, name="hotline"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/do/<slug:code>/", views.case_transition, name="transition"),
]
