from django.urls import path

from . import views

app_name = "consultations"
urlpatterns = [
    path("", views.consultation_list, name="list"),
    path("new/", views.consultation_new, name="new"),
    path("<int:pk>/", views.consultation_detail, name="detail"),
    path("<int:pk>/draft/", views.draft_import, name="draft_import"),
    path("<int:pk>/comments/", views.comment_enter_view, name="comment_enter"),
    path("<int:pk>/comments/<int:comment_pk>/<str:step>/", views.comment_moderate, name="comment_moderate"),
    path("<int:pk>/ledger/", views.ledger, name="ledger"),
    path("files/<str:key>/<str:what>", views.download, name="download"),
    path("<int:pk>/<str:step>/", views.consultation_step, name="step"),
]
