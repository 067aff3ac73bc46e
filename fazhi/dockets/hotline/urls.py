from django.urls import path

from . import views

app_name = "hotline"
urlpatterns = [
    path("", views.order_list, name="list"),
    path("register/", views.register, name="register"),
    path("import/", views.import_orders, name="import"),
    path("categories/", views.category_tree, name="categories"),
    path("categories/<int:pk>/", views.category_detail, name="category"),
    path("ranking/", views.ranking, name="ranking"),
    path("<int:pk>/", views.order_detail, name="detail"),
    path("<int:pk>/do/<slug:code>/", views.order_transition, name="transition"),
]
