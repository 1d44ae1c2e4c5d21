from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from accounts import views as account_views
from compliance import views as compliance_views
from repair import views as repair_views
from repair.health import HealthApi

urlpatterns = [
    path("", account_views.home, name="home"),
    path("invite/<str:key>/", account_views.invitation_accept_view, name="invitation_accept"),
    path("accounts/tokens/", account_views.api_tokens, name="api_tokens"),
    path(
        "accounts/tokens/<int:pk>/revoke/",
        account_views.api_token_revoke_view,
        name="api_token_revoke",
    ),
    path("accounts/invitations/new/", account_views.staff_invite, name="staff_invite"),
    # allauth's sign-in, allowing its SSO buttons' redirects (accounts.sso). Agency SSO signs
    # in roster members only: no sign-up through it, no connecting other identities.
    path("accounts/login/", account_views.login_view, name="account_login"),
    path("accounts/3rdparty/signup/", account_views.not_offered, name="socialaccount_signup"),
    path("accounts/3rdparty/", account_views.not_offered, name="socialaccount_connections"),
    path("accounts/saml/<organization_slug>/acs/", account_views.saml_acs_view, name="saml_acs"),
    path("accounts/", include("allauth.urls")),
    path("department/roster/", include(("accounts.urls", "roster"))),
    path("department/compliance/", include(("compliance.urls", "compliance"))),
    path("team/", compliance_views.team, name="team"),
    path("department/", include(("curriculum.urls_department", "department"))),
    path("learn/", include(("curriculum.urls_learn", "learn"))),
    path("facilitate/", include(("curriculum.urls_facilitate", "facilitate"))),
    path("verify/", include("integrations.urls_verify")),
    path("verify/", include(("curriculum.urls_verify", "verify"))),
    path("partner/", include(("partners.urls", "partners"))),
    path("lti/", include(("integrations.lti.urls", "lti"))),
    path("i18n/", include("django.conf.urls.i18n")),
    # The admin signs in through allauth, so its rate limits and MFA apply there too.
    path("admin/login/", repair_views.admin_login, name="admin-login-redirect"),
    path("admin/", admin.site.urls),
    path("api/health/", HealthApi.as_view(), name="api-health"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", repair_views.api_docs, name="api-docs"),
    path("api/v1/", include(("repair.api_urls", "api"), namespace="api")),
]

handler400 = "repair.views.bad_request"
handler403 = "repair.views.permission_denied"
handler404 = "repair.views.page_not_found"
handler500 = "repair.views.server_error"
