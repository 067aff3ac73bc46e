from django.urls import path

from . import views, views_complaints, views_import, views_inspections, views_reviews, views_supervision

app_name = "enforcement"
urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("cases/new/", views.case_new, name="case_new"),
    path("cases/import/", views_import.case_import, name="case_import"),
    path("cases/import/template.xlsx", views_import.case_import_template, name="case_import_template"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("cases/<int:pk>/edit/", views.case_edit, name="case_edit"),
    path("cases/<int:pk>/unmask/", views.case_unmask_view, name="case_unmask"),
    path("bodies/", views.body_list, name="body_list"),
    path("bodies/<int:pk>/", views.body_detail, name="body_detail"),
    path("bodies/<int:pk>/do/<str:act>/", views.body_detail, name="body_act"),
    path("stats/", views.stats, name="stats"),
    path("inspections/", views_inspections.inspection_list, name="inspection_list"),
    path("inspections/new/", views_inspections.inspection_new, name="inspection_new"),
    path("inspections/<int:pk>/", views_inspections.inspection_detail, name="inspection_detail"),
    path("reviews/", views_reviews.campaign_list, name="campaign_list"),
    path("reviews/<int:pk>/", views_reviews.campaign_detail, name="campaign_detail"),
    path("reviews/<int:pk>/sample/", views_reviews.campaign_sample_view, name="campaign_sample"),
    path("reviews/<int:pk>/close/", views_reviews.campaign_close_view, name="campaign_close"),
    path("reviews/<int:pk>/results/", views_reviews.campaign_results_view, name="campaign_results"),
    path("reviews/files/<int:pk>/", views_reviews.review_file, name="review_file"),
    path("reviews/files/<int:pk>/do/<str:act>/", views_reviews.review_file, name="review_file_act"),
    path("supervision/", views_supervision.supervision_list, name="supervision_list"),
    path("supervision/new/", views_supervision.supervision_new, name="supervision_new"),
    path("supervision/<int:pk>/", views_supervision.supervision_detail, name="supervision_detail"),
    path("supervision/<int:pk>/document.docx", views_supervision.supervision_download, name="supervision_docx"),
    path("complaints/", views_complaints.complaint_list, name="complaint_list"),
    path("complaints/new/", views_complaints.complaint_new, name="complaint_new"),
    path("complaints/hotline/", views_complaints.complaint_hotline, name="complaint_hotline"),
    path("complaints/<int:pk>/", views_complaints.complaint_detail, name="complaint_detail"),
    path("checks/", views_complaints.check_list, name="check_list"),
    path("checks/new/", views_complaints.check_new, name="check_new"),
    path("checks/<int:pk>/", views_complaints.check_detail, name="check_detail"),
]
