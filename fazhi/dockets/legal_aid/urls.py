from django.urls import path

from . import views, views_people

app_name = "legal_aid"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("register/", views.register, name="register"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/do/<slug:code>/", views.case_transition, name="transition"),
    path("people/", views_people.people, name="people"),
    path("people/new/", views_people.person_create, name="person_create"),
    path("people/<int:pk>/edit/", views_people.person_edit, name="person_edit"),
    path("people/<int:pk>/deactivate/", views_people.person_deactivate, name="person_deactivate"),
    path("people/<int:pk>/reactivate/", views_people.person_reactivate, name="person_reactivate"),
]
