from django.urls import path

from . import views, views_import

app_name = "inspections"
urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("new/", views.plan_new, name="plan_new"),
    path("<int:pk>/", views.plan_detail, name="plan"),
    path("<int:pk>/do/<str:action>/", views.plan_act, name="plan_act"),
    path("<int:pk>/report.docx", views.plan_report, name="report"),
    path("<int:pk>/targets/<int:target_id>/notice.docx", views.target_notice, name="notice"),
    path("<int:pk>/feedback/", views_import.feedback, name="feedback"),
    path("findings/", views.finding_list, name="finding_list"),
    path("findings/<int:pk>/", views.finding_detail, name="finding"),
    path("findings/<int:pk>/do/<str:action>/", views.finding_act, name="finding_act"),
]
