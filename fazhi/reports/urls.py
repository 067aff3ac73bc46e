from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/sections/<int:section_pk>/", views.section_edit, name="section_edit"),
    path("<int:pk>/freeze/", views.report_freeze_view, name="freeze"),
    path("<int:pk>/download/", views.report_download, name="document"),
    path("<int:pk>/diff/", views.report_diff_view, name="diff"),
    path("<int:pk>/versions/<int:number>/", views.report_version, name="version"),
    path("<int:pk>/versions/<int:number>/figures/<str:key>/", views.frozen_figure, name="frozen_figure"),
    path("<int:pk>/steps/<str:step>/", views.report_step, name="step"),
    path(
        "<int:pk>/contributions/<int:contribution_pk>/merge/", views.contribution_merge_view, name="contribution_merge"
    ),
    path("<int:pk>/pdf/", views.report_pdf, name="pdf"),
    path("templates/", views.template_list, name="templates"),
    path("templates/<int:year>/", views.template_edit, name="template"),
    path("contributions/", views.contribution_list, name="contribution_list"),
    path("contributions/<int:pk>/", views.contribution_page, name="contribution"),
]
