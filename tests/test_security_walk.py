"""Every named URL, HTML and API, as every role and anonymous, under production settings.

The walk is data-driven: it resolves every named pattern from the root URLconf, so a new route
is picked up without touching this file. Path parameters are filled from `PARAM_VALUES` (by
parameter name) or `ROUTE_PARAMS` (by route, where a name means different objects in different
routes); admin object ids come from the model the admin route names. A route with a parameter
neither table knows fails the walk with the name to add.

Every response must carry the security headers and secure cookies (and every signed-in or API
response `Cache-Control: no-store, private`); every HTML page must be free
of inline script (no <script> without src, no on*= handler, no javascript: URL). No page has a
script exception; /api/docs/ (Swagger UI) loads its start-up script from a URL of its own and
has the one documented per-view relaxation: its template's fixed <style> block, by hash.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import ApiToken
from accounts.tokens import token_key_generate, token_key_hash, token_key_prefix
from curriculum.models import Attempt, Certificate, ReflectionResponse
from partners.models import PartnerReport
from tests import factories

pytestmark = pytest.mark.django_db

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=()"
HSTS = "max-age=31536000; includeSubDomains; preload"
CSP_DIRECTIVES = {
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
}
# The documented per-view exceptions (repair.views.api_docs): directive -> its value there.
CSP_EXCEPTIONS = {
    "api-docs": {
        "style-src 'self'": "style-src 'self' 'sha256-MMpT0iDxyjALd9PdfepImGX3DBfJPXZ4IlDWdPAgtn0='"
    }
}
# <script> elements that hold data, not code: the browser never runs them.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href"}


@pytest.fixture
def production(settings):
    """Production's security settings (repair.settings.REPAIR_PRODUCTION_SECURITY), DEBUG off.

    Requests are made over HTTPS (secure=True), so no SSL redirect is needed and HSTS applies.
    MFA stays off (tests/conftest.py) so privileged roles reach their real pages.
    """
    settings.DEBUG = False
    for name, value in settings.REPAIR_PRODUCTION_SECURITY.items():
        setattr(settings, name, value)
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.ALLOWED_HOSTS = ["testserver"]
    return settings


# --- the world the walk runs in ------------------------------------------------------------


@dataclass
class World:
    department: object
    officer: object
    officer_membership: object
    liaison: object
    facilitator: object
    partner: object
    staff: object
    curriculum: object
    module: object
    lesson: object
    assessment: object
    reflection: object
    enrollment: object
    attempt: object
    response: object
    certificate: object
    token: object
    report: object


@pytest.fixture
def world(department) -> World:
    officer_membership = factories.OfficerMembershipFactory(department=department)
    officer = officer_membership.user
    liaison = factories.liaison(department)
    facilitator = factories.UserFactory(is_facilitator=True)
    partner_membership = factories.PartnerMembershipFactory()
    factories.DataSharingAgreementFactory(partner=partner_membership.partner, department=department)
    staff = factories.UserFactory(is_staff=True, is_superuser=True)
    module = factories.ModuleFactory()
    curriculum = module.version.curriculum
    lesson = factories.LessonFactory(module=module)
    assessment = factories.AssessmentFactory(module=module)
    factories.ChoiceFactory(question=factories.QuestionFactory(assessment=assessment))
    reflection = factories.ReflectionFactory(module=module)
    cohort = factories.CohortFactory(
        curriculum=curriculum, department=department, facilitator=facilitator
    )
    enrollment = factories.EnrollmentFactory(
        officer=officer, curriculum=curriculum, department=department, cohort=cohort
    )
    key = token_key_generate()
    token = ApiToken.objects.create(
        user=officer, name="walk", prefix=token_key_prefix(key), key_hash=token_key_hash(key)
    )
    today = factories.local_today(department)
    return World(
        department=department,
        officer=officer,
        officer_membership=officer_membership,
        liaison=liaison,
        facilitator=facilitator,
        partner=partner_membership.user,
        staff=staff,
        curriculum=curriculum,
        module=module,
        lesson=lesson,
        assessment=assessment,
        reflection=reflection,
        enrollment=enrollment,
        attempt=Attempt.objects.create(enrollment=enrollment, assessment=assessment),
        response=ReflectionResponse.objects.create(
            reflection=reflection, enrollment=enrollment, text="A private reflection."
        ),
        certificate=Certificate.objects.create(
            enrollment=enrollment,
            code="WALK2026CERT",
            holder_name="Officer Walk",
            curriculum_title=curriculum.title,
            credit_hours=curriculum.credit_hours,
            completed_on=today,
        ),
        token=token,
        report=PartnerReport.objects.create(
            partner=partner_membership.partner,
            period_start=today.replace(day=1) - dt.timedelta(days=31),
            period_end=today.replace(day=1) - dt.timedelta(days=1),
        ),
    )


# Path parameters by name. A value need not open a real page (a bad key answers with the
# "invalid link" page); it must fit the route's converter.
PARAM_VALUES: dict[str, Callable[[World], object]] = {
    "key": lambda w: "not-a-real-key",
    "uidb36": lambda w: "1",
    "import_id": lambda w: "0123456789abcdef",
    "membership_id": lambda w: w.officer_membership.pk,
    "enrollment_id": lambda w: w.enrollment.pk,
    "module_id": lambda w: w.module.pk,
    "lesson_id": lambda w: w.lesson.pk,
    "assessment_id": lambda w: w.assessment.pk,
    "attempt_id": lambda w: w.attempt.pk,
    "reflection_id": lambda w: w.reflection.pk,
    "response_id": lambda w: w.response.pk,
    "code": lambda w: w.certificate.code,
    "kind": lambda w: "csv",
    "app_label": lambda w: "accounts",
    "content_type_id": lambda w: ContentType.objects.get_for_model(w.officer).pk,
    "slug": lambda w: w.curriculum.slug,
    "curriculum_id": lambda w: w.curriculum.pk,
    "department_id": lambda w: w.department.pk,
    "cohort_id": lambda w: w.enrollment.cohort_id,
    "user_id": lambda w: w.officer.pk,
    "officer_id": lambda w: w.officer.pk,
    "certificate_code": lambda w: w.certificate.code,
    "report_id": lambda w: w.report.pk,
    "token": lambda w: "not-a-real-token",
    "provider_id": lambda w: "no-such-idp",
    "organization_slug": lambda w: "no-such-idp",
    "list_id": lambda w: "1",
    "session_id": lambda w: 1,  # no session in the world: a 404 (or a 403) is the answer
    "post_id": lambda w: 1,
}
# Parameters whose meaning depends on the route ("pk", "id").
ROUTE_PARAMS: dict[tuple[str, str], Callable[[World], object]] = {
    ("api_token_revoke", "pk"): lambda w: w.token.pk,
    ("roster:separate", "pk"): lambda w: w.officer_membership.pk,
    ("department:enrollment_due_date", "pk"): lambda w: w.enrollment.pk,
    ("department:enrollment_withdraw", "pk"): lambda w: w.enrollment.pk,
    ("department:enrollment_nudge", "pk"): lambda w: w.enrollment.pk,
    ("department:completion_review", "pk"): lambda w: w.enrollment.pk,  # no review: any id
    ("partners:report-download", "pk"): lambda w: w.report.pk,
    ("api:department-summary", "id"): lambda w: w.department.pk,
    ("api:department-officers", "id"): lambda w: w.department.pk,
    ("api:department-compliance", "id"): lambda w: w.department.pk,
    ("compliance:rule_edit", "pk"): lambda w: 1,  # no rule in the world: a 404 (or a 403)
    ("compliance:rule_officers", "pk"): lambda w: 1,
    ("roster:invitation_resend", "pk"): lambda w: 1,  # no invitation in the world
    ("roster:invitation_revoke", "pk"): lambda w: 1,
    ("admin:view_on_site", "object_id"): lambda w: w.officer.pk,
    ("admin:auth_user_password_change", "id"): lambda w: w.officer.pk,
}


def _param_names(pattern) -> tuple[str, ...]:
    converters = getattr(pattern, "converters", None)
    if converters:
        return tuple(converters)
    return tuple(pattern.regex.groupindex)


def named_routes(patterns=None, namespace=None, params=()) -> Iterator[tuple[str, tuple]]:
    """(name with namespaces, parameter names) of every named pattern under the root URLconf."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        names = params + _param_names(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from named_routes(entry.url_patterns, inner, names)
        elif isinstance(entry, URLPattern) and entry.name:
            yield (f"{namespace}:{entry.name}" if namespace else entry.name), names


def _admin_object_id(route: str) -> str | None:
    """The pk of the first row of the model an admin route names (admin:<app>_<model>_<view>)."""
    _ns, _sep, name = route.partition(":")
    for model in admin.site._registry:
        prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
        if name.startswith(prefix):
            first = model._default_manager.order_by("pk").values_list("pk", flat=True).first()
            return str(first if first is not None else 1)
    return None


def route_paths(world: World) -> tuple[list[tuple[str, str]], list[str]]:
    """(route, path) for every named route, and the parameters no table knows."""
    paths, unknown = [], []
    for route, params in sorted(set(named_routes())):
        kwargs = {}
        for param in params:
            if (route, param) in ROUTE_PARAMS:
                kwargs[param] = ROUTE_PARAMS[(route, param)](world)
            elif param == "object_id" and route.startswith("admin:"):
                kwargs[param] = _admin_object_id(route)
            elif param in PARAM_VALUES:
                kwargs[param] = PARAM_VALUES[param](world)
            else:
                unknown.append(f"{route}: {param}")
        if None in kwargs.values() or len(kwargs) < len(params):
            continue
        paths.append((route, reverse(route, kwargs=kwargs)))
    return paths, unknown


# --- what every response must show ---------------------------------------------------------


class InlineScriptFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and not attributes.get("src"):
            script_type = (attributes.get("type") or "").strip().lower()
            if script_type not in DATA_SCRIPT_TYPES:
                self.problems.append(f"<script> without src (line {self.getpos()[0]})")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...> inline handler")
            if name in URL_ATTRIBUTES and (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}=javascript:...>")


def inline_script_problems(html: str) -> list[str]:
    finder = InlineScriptFinder()
    finder.feed(html)
    finder.close()
    return finder.problems


def header_problems(response, route: str = "") -> list[str]:
    problems = []
    expected = {
        "Strict-Transport-Security": HSTS,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "Permissions-Policy": PERMISSIONS_POLICY,
        "X-Frame-Options": "DENY",
    }
    for name, value in expected.items():
        if response.headers.get(name) != value:
            problems.append(f"{name}: {response.headers.get(name)!r}")
    csp = {part.strip() for part in response.headers.get("Content-Security-Policy", "").split(";")}
    exceptions = CSP_EXCEPTIONS.get(route, {})
    wanted = {exceptions.get(directive, directive) for directive in CSP_DIRECTIVES}
    if csp != wanted:
        problems.append(f"Content-Security-Policy: {sorted(csp ^ wanted)}")
    if not response.headers.get("X-Request-ID"):
        problems.append("X-Request-ID missing")
    for cookie in response.cookies.values():
        if cookie.value and not (cookie["secure"] and cookie["httponly"] and cookie["samesite"]):
            problems.append(f"cookie {cookie.key} lacks Secure/HttpOnly/SameSite")
    return problems


def cache_problems(response) -> list[str]:
    """Personal answers (any signed-in user's, every API answer) are never stored."""
    directives = {d.strip() for d in response.headers.get("Cache-Control", "").split(",")}
    if {"no-store", "private"} <= directives and "public" not in directives:
        return []
    return [f"Cache-Control: {response.headers.get('Cache-Control')!r}"]


def _clients(world: World) -> dict[str, Client]:
    clients = {"anonymous": Client(raise_request_exception=False)}
    for role in ("officer", "liaison", "facilitator", "partner", "staff"):
        client = Client(raise_request_exception=False)
        client.force_login(getattr(world, role))
        clients[role] = client
    return clients


def test_every_named_route_knows_its_parameters(world):
    _paths, unknown = route_paths(world)

    assert unknown == [], "add these to PARAM_VALUES or ROUTE_PARAMS: " + ", ".join(unknown)


def test_every_route_as_every_role_has_security_headers_and_no_inline_script(production, world):
    paths, _unknown = route_paths(world)
    clients = _clients(world)
    problems: list[str] = []
    pages_seen: dict[str, int] = dict.fromkeys(clients, 0)

    for route, path in paths:
        for role, client in clients.items():
            response = client.get(path, secure=True)
            where = f"{role} GET {path} ({route}) {response.status_code}"
            problems += [f"{where}: {problem}" for problem in header_problems(response, route)]
            if (role != "anonymous" or path.startswith("/api/")) and route != "api-health":
                problems += [f"{where}: {problem}" for problem in cache_problems(response)]
            if response.status_code >= 500:
                problems.append(f"{where}: server error")
            if response.get("Content-Type", "").startswith("text/html"):
                pages_seen[role] += response.status_code == 200
                html = response.content.decode(response.charset or "utf-8")
                problems += [f"{where}: {p}" for p in inline_script_problems(html)]

    assert problems == []
    # The walk really walked: every role saw pages, the admin's and the API's among them.
    routes = {route for route, _path in paths}
    assert {"home", "api-health", "api-docs", "admin:index"} <= routes
    assert any(route.startswith("api:") for route in routes)
    assert min(pages_seen.values()) >= 3, pages_seen


def test_inline_script_finder_catches_each_kind():
    html = (
        '<script>alert(1)</script><script src="/static/js/a.js"></script>'
        '<script type="application/json">{"a": 1}</script>'
        '<button onclick="go()">Go</button><a href=" JavaScript:go()">x</a>'
        '<form action="javascript:void(0)"></form><a href="/ok">ok</a>'
    )

    assert inline_script_problems(html) == [
        "<script> without src (line 1)",
        "<button onclick=...> inline handler",
        "<a href=javascript:...>",
        "<form action=javascript:...>",
    ]


def test_header_check_flags_a_response_without_them(client):
    response = client.get("/api/health/")  # plain HTTP, development settings: no HSTS

    assert header_problems(response) == ["Strict-Transport-Security: None"]
