from fazhi.enforcement import portal_views as enforcement
from fazhi.normative_documents import portal_views as documents

from . import views

app_name = "portal"
urlpatterns = views.urlpatterns + documents.urlpatterns + enforcement.urlpatterns
