from django.urls import include, path

from fazhi.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="health"),
    path("", include("fazhi.orgs.urls")),
    path("audit/", include("fazhi.audit.urls")),
    path("jobs/", include("fazhi.jobs.urls")),
    path("notifications/", include("fazhi.notifications.urls")),
    path("deadlines/", include("fazhi.deadlines.urls")),
    path("metrics/", include("fazhi.metrics.urls")),
    path("supervision/", include("fazhi.supervision.urls")),
    path("plans/", include("fazhi.plans.urls")),
    path("cases/", include("fazhi.cases.urls")),
    path("reconsideration/", include("fazhi.dockets.reconsideration.urls")),
    path("litigation/", include("fazhi.dockets.litigation.urls")),
    path("disclosure/", include("fazhi.dockets.disclosure.urls")),
    path("mediation/", include("fazhi.dockets.mediation.urls")),
    path("petitions/", include("fazhi.dockets.petitions.urls")),
    path("hotline/", include("fazhi.dockets.hotline.urls")),
    path("proposals/", include("fazhi.dockets.proposals.urls")),
    path("legal-aid/", include("fazhi.dockets.legal_aid.urls")),
    path("admin-ruling/", include("fazhi.dockets.admin_ruling.urls")),
    path("admin-mediation/", include("fazhi.dockets.admin_mediation.urls")),
    path("intake/", include("fazhi.dockets.intake.urls")),
    path("documents/", include("fazhi.normative_documents.urls")),
    path("consultations/", include("fazhi.consultations.urls")),
    path("decisions/", include("fazhi.decisions.urls")),
    path("enforcement/", include("fazhi.enforcement.urls")),
    path("inspections/", include("fazhi.inspections.urls")),
    path("indicators/", include("fazhi.indicators.urls")),
    path("dashboards/", include("fazhi.dashboards.urls")),
    path("reports/", include("fazhi.reports.urls")),
    path("portal/", include("fazhi.portal.urls")),
    path("api/", include("fazhi.api.urls")),
]

handler403 = "fazhi.core.errorviews.forbidden"
handler404 = "fazhi.core.errorviews.not_found"
handler500 = "fazhi.core.errorviews.server_error"
