from django.urls import path

from . import views

app_name = "proposals"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("import/", views.import_items, name="import"),
    path("reconciliation/", views.reconciliation, name="reconciliation"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/do/<slug:code>/", views.case_transition, name="transition"),
    path("<int:pk>/feedback-code/", views.feedback_code, name="feedback_code"),
    path("<int:pk>/meeting/", views.meeting, name="meeting"),
    path("share/<int:pk>/<slug:code>/", views.share_step, name="share_step"),
]
