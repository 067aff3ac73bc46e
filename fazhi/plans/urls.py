from django.urls import path

from . import views, views_draft, views_tasks

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("import/", views.import_upload, name="import_upload"),
    path("import/preview/", views.import_preview, name="import_preview"),
    path("import/cancel/", views.import_cancel, name="import_cancel"),
    path("ranking/", views.ranking, name="ranking"),
    path("ladder/", views.ladder, name="ladder"),
    path("<int:pk>/", views.plan_overview, name="plan_overview"),
    path("<int:pk>/tasks/", views.plan_tasks, name="plan_tasks"),
    path("<int:pk>/draft/", views_draft.plan_draft, name="plan_draft"),
    path("<int:pk>/draft/dispatch/", views_draft.plan_dispatch_view, name="plan_dispatch"),
    path("<int:pk>/draft/new/", views_draft.draft_task_new, name="draft_task_new"),
    path("draft/tasks/<int:pk>/", views_draft.draft_task_edit, name="draft_task_edit"),
    path("<int:pk>/export/", views.plan_export, name="plan_export"),
    path("units/<int:unit_pk>/notice/", views.unit_notice, name="unit_notice"),
    path("tasks/mine/", views_tasks.my_tasks, name="my_tasks"),
    path("tasks/bulk/", views_tasks.bulk_step, name="bulk_step"),
    path("tasks/<int:pk>/", views_tasks.task_detail, name="task_detail"),
    path("assignments/<int:pk>/<str:step>/", views_tasks.assignment_step, name="assignment_step"),
    path("extensions/", views_tasks.extension_list, name="extension_list"),
    path("extensions/<int:pk>/decide/", views_tasks.extension_decide_view, name="extension_decide"),
    path("attachments/<str:key>/", views_tasks.attachment_download, name="attachment_download"),
]
