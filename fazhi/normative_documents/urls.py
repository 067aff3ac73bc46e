from django.urls import path

from . import stats_views, views, views_cleanup

app_name = "normative_documents"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/step/<str:to>/", views.document_step, name="step"),
    path("<int:pk>/text/", views.document_text, name="text"),
    path("<int:pk>/attachments/", views.document_attachment, name="attachment_add"),
    path("files/text/<str:key>/", views.text_file_download, name="text_file_download"),
    path("files/attachments/<str:key>/", views.attachment_download, name="attachment_download"),
    path("<int:pk>/legality-opinion/", views.legality_opinion, name="legality_opinion"),
    path("<int:pk>/citations/", views.document_citations, name="citations"),
    path("<int:pk>/filing-package.zip", views.filing_package, name="filing_package"),
    path("<int:pk>/review-opinion.docx", views.review_opinion, name="review_opinion"),
    path("<int:pk>/review/receive/", views.review_receive, name="review_receive"),
    path("<int:pk>/review/decide/", views.review_decide, name="review_decide"),
    path("<int:pk>/review/correction/", views.review_correction, name="review_correction"),
    path("<int:pk>/dependency/confirm/", views.dependency_confirm, name="dependency_confirm"),
    path("<int:pk>/status/", views.document_status, name="status"),
    path("reviews/", views.reviews, name="reviews"),
    path("instruments/", views.instruments, name="instruments"),
    path("instruments/<int:pk>/change/", views.instrument_change, name="instrument_change"),
    path("cleanups/", views_cleanup.cleanups, name="cleanups"),
    path("cleanups/<int:pk>/", views_cleanup.cleanup_detail, name="cleanup"),
    path("cleanups/<int:pk>/items/<int:item_id>/", views_cleanup.cleanup_item, name="cleanup_item"),
    path("cleanups/<int:pk>/approve/", views_cleanup.cleanup_approve, name="cleanup_approve"),
    path("suggestions/", views_cleanup.suggestions, name="suggestions"),
    path("suggestions/<int:pk>/answer/", views_cleanup.suggestion_answer, name="suggestion_answer"),
    path("stats/", stats_views.stats_page, name="stats"),
    path("stats/export.xlsx", stats_views.stats_export, name="stats_export"),
]
