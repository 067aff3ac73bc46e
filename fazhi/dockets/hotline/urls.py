from django.urls import path

from . import views

app_name = "hotline"
urlpatterns = [
    path("", views.order_list, name="list"),
    path("register/", views.register, name="register"),
    path("import/", views.import_orders, name="import"),
    path("<int:pk>/", views.order_detail, name="detail"),
    path("<int:pk>/do/<slug:code>/", views.order_transition, name="transition"),
]
