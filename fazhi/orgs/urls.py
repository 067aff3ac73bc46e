"""Login, OTP, password and logout at /accounts/ (login is on the anonymous allowlist); administration at /orgs/."""

from django.urls import path

from . import views_admin, views_auth

app_name = "orgs"
urlpatterns = [
    path("accounts/login/", views_auth.login_view, name="login"),
    path("accounts/logout/", views_auth.logout_view, name="logout"),
    path("accounts/otp/", views_auth.otp_verify_view, name="otp_verify"),
    path("accounts/otp/setup/", views_auth.otp_setup_view, name="otp_setup"),
    path("accounts/password/", views_auth.password_change_view, name="password_change"),
    *views_admin.urlpatterns,
]
