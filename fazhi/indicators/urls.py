from django.urls import path

from . import views, views_records, views_survey

app_name = "indicators"

urlpatterns = [
    path("", views.set_list, name="list"),
    path("import/", views.set_import, name="import"),
    path("import/template.xlsx", views.set_import_template, name="import_template"),
    path("<int:pk>/", views.set_detail, name="detail"),
    path("<int:pk>/freeze/", views.set_freeze, name="freeze"),
    path("<int:pk>/copy/", views.set_copy, name="copy"),
    path("<int:pk>/ranking/", views.ranking, name="ranking"),
    path("<int:pk>/units/<str:code>/", views.portrait, name="portrait"),
    path("<int:pk>/units/<str:code>/gaps/", views.portrait_gaps, name="portrait_gaps"),
    path("<int:pk>/export/", views.set_export, name="export"),
    path("<int:pk>/self-due/", views.set_self_due, name="self_due"),
    path("<int:pk>/assessors/", views.set_assessor, name="assessor"),
    path("nodes/<int:pk>/", views.node_edit, name="node"),
    path("nodes/<int:pk>/assess/", views.assess, name="assess"),
    path("records/", views_records.records, name="records"),
    path("records/duty/", views_records.duty_reports, name="duty_reports"),
    path("records/duty/export/", views_records.duty_export, name="duty_export"),
    path("records/study/", views_records.study_sessions, name="study_sessions"),
    path("records/tests/", views_records.tests, name="tests"),
    path("records/advisers/", views_records.advisers, name="advisers"),
    path("surveys/", views_survey.surveys, name="surveys"),
    path("surveys/<int:pk>/", views_survey.survey, name="survey"),
    path("surveys/<int:pk>/state/", views_survey.survey_state, name="survey_state"),
    path("surveys/<int:pk>/codes/", views_survey.survey_codes, name="survey_codes"),
]
