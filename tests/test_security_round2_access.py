"""Security round 2 (issue 15, rows 1, 2, 6, 10, 12, 13): MFA on every API authentication path,
no roster takeover of existing accounts, sessions ended by user, neutral invitation messages,
a lockout the owner can always get past, and the API's edges (throttles, tokens, docs)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import AuditEvent
from accounts.services import api_token_create
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def require_mfa(settings):
    settings.REPAIR_REQUIRE_MFA = True


def _token(user) -> str:
    _token, key = api_token_create(user=user, name="probe", days=None, acting_user=user)
    return key


# Row 1: MFA is decided on the user DRF authenticated, on every path -----------------------


def _privileged(department, staff_user):
    return [
        factories.liaison(department),
        factories.UserFactory(is_facilitator=True),
        factories.PartnerMembershipFactory().user,
        staff_user,
    ]


@pytest.mark.usefixtures("require_mfa")
@pytest.mark.parametrize("separator", [" ", "\t", "  ", " \t"])
def test_api_token_without_mfa_is_refused_whatever_the_whitespace(
    client, department, staff_user, separator
):
    for user in _privileged(department, staff_user):
        key = _token(user)

        response = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token{separator}{key}")

        assert response.status_code == 403, (user, separator)
        assert "multi-factor" in response.json()["detail"]


@pytest.mark.usefixtures("require_mfa")
def test_api_token_with_an_unprivileged_session_cookie_is_still_refused(
    client, department, officer, staff_user
):
    client.force_login(officer)
    for user in _privileged(department, staff_user):
        key = _token(user)

        for header in (f"Token {key}", f"Token\t{key}"):
            response = client.get("/api/v1/me/", HTTP_AUTHORIZATION=header)

            assert response.status_code == 403, (user, header)


@pytest.mark.usefixtures("require_mfa")
def test_api_token_refused_on_writes_and_other_departments_too(
    client, department, other_department, staff_user
):
    liaison = factories.liaison(department)
    curriculum = factories.CurriculumFactory()
    before = AuditEvent.objects.filter(action="access.denied").count()

    post = client.post(
        "/api/v1/enrollments/",
        {"officer": factories.officer(department).pk, "curriculum": curriculum.pk},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token\t{_token(liaison)}",
    )
    roster = client.get(
        f"/api/v1/departments/{other_department.pk}/officers/",
        HTTP_AUTHORIZATION=f"Token\t{_token(staff_user)}",
    )

    assert post.status_code == 403
    assert roster.status_code == 403
    assert AuditEvent.objects.filter(action="access.denied").count() == before + 2


@pytest.mark.usefixtures("require_mfa")
def test_api_officer_token_and_session_are_not_asked_for_mfa(client, officer):
    key = _token(officer)

    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token\t{key}").status_code == 200
    client.force_login(officer)
    assert client.get("/api/v1/me/").status_code == 200


@pytest.mark.usefixtures("require_mfa")
def test_api_privileged_session_without_mfa_is_refused(client, department, staff_user):
    for user in _privileged(department, staff_user):
        client.force_login(user)

        assert client.get("/api/v1/me/").status_code == 403, user
        assert client.get(reverse("api-schema")).status_code == 403, user


# Row 2: an existing account joins a roster only by accepting, signed in ----------------------

HEADER = "email,first_name,last_name,badge_number,rank\n"


@pytest.fixture
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _import(client, department, rows: str) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = client.post(
        reverse("roster:import"),
        {
            "department": department.pk,
            "file": SimpleUploadedFile("r.csv", (HEADER + rows).encode(), "text/csv"),
        },
    )
    import_id = upload["Location"].rstrip("/").split("/")[-1]
    client.post(reverse("roster:import_confirm", args=[import_id]))


def _existing_accounts(other_department, staff_user):
    accounts = [
        staff_user,
        factories.UserFactory(is_facilitator=True, email="facilitator@example.test"),
        factories.PartnerMembershipFactory(user__email="partner@example.test").user,
        factories.liaison(other_department, email="liaison9@example.test"),
    ]
    # Surnames no page contains by chance (a random "Chang" matched the page's "Change").
    for serial, account in enumerate(accounts):
        account.last_name = f"Existingsurname{serial}"
        account.save(update_fields=["last_name"])
    return accounts


@pytest.mark.usefixtures("_media")
def test_roster_import_only_invites_existing_accounts(
    client, liaison, department, other_department, staff_user
):
    from accounts.models import Invitation, Membership

    accounts = _existing_accounts(other_department, staff_user)
    client.force_login(liaison)
    rows = "".join(f"{u.email},Typed,Name{i},{i},Officer\n" for i, u in enumerate(accounts))

    _import(client, department, rows + "new@x.test,Nia,New,9,Officer\n")

    assert not Membership.objects.filter(department=department, user__in=accounts).exists()
    assert Membership.objects.filter(department=department, user__email="new@x.test").exists()
    invitations = Invitation.objects.filter(department=department, accepted_at__isnull=True)
    assert sorted(invitations.values_list("email", "first_name")) == sorted(
        [(u.email, "Typed") for u in accounts] + [("new@x.test", "Nia")]
    )
    result = AuditEvent.objects.get(action="roster.imported").data
    assert (result["added"], result["invited"]) == (1, 5)
    roster = client.get(reverse("department:roster"))
    for account in accounts:
        assert account.last_name not in roster.content.decode()


@pytest.mark.usefixtures("_media")
def test_api_enrollment_of_an_invited_existing_account_is_refused(
    client, liaison, department, other_department, staff_user
):
    from curriculum.models import Enrollment

    client.force_login(liaison)
    _import(client, department, f"{staff_user.email},A,B,1,Officer\n")
    curriculum = factories.CurriculumFactory()

    response = client.post(
        "/api/v1/enrollments/",
        {"officer_ids": [staff_user.pk], "curriculum_id": curriculum.pk},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert not Enrollment.objects.filter(officer=staff_user).exists()


@pytest.mark.usefixtures("_media")
def test_existing_account_joins_only_when_it_accepts_signed_in(
    client, liaison, department, staff_user
):
    from accounts.models import Membership
    from worker.models import Notification

    client.force_login(liaison)
    _import(client, department, f"{staff_user.email},A,B,1,Officer\n")
    path = Notification.objects.get(to_email=staff_user.email).context["link"].split("8000")[-1]
    client.logout()

    anonymous = client.post(path, {"first_name": "X", "last_name": "Y", "password1": "x" * 12})
    client.force_login(staff_user)
    accepted = client.post(path)

    assert anonymous.status_code == 200  # the sign-in page, nothing accepted
    assert accepted.status_code == 302
    membership = Membership.objects.get(department=department, user=staff_user)
    assert (membership.badge_number, membership.status) == ("1", "active")


def test_single_invite_of_an_existing_account_attaches_nothing(client, liaison, department):
    from accounts.models import Invitation, Membership

    account = factories.UserFactory(email="someone@example.test")
    client.force_login(liaison)

    client.post(
        reverse("roster:invite"),
        {"department": department.pk, "email": account.email, "first_name": "S", "last_name": "T"},
    )

    assert Invitation.objects.filter(email=account.email, department=department).count() == 1
    assert not Membership.objects.filter(user=account).exists()


def test_separation_ends_only_what_the_membership_granted(liaison, department):
    from accounts.models import ApiToken, Membership, UserBoundSession
    from accounts.services import membership_separate

    also_facilitator = factories.officer(department, is_facilitator=True)
    only_officer = factories.officer(department)
    for user in (also_facilitator, only_officer):
        Client().force_login(user)
        _token(user)

    for user in (also_facilitator, only_officer):
        membership_separate(membership=Membership.objects.get(user=user), acting_user=liaison)

    assert UserBoundSession.objects.filter(user=also_facilitator).count() == 1
    assert ApiToken.objects.filter(user=also_facilitator, revoked_at__isnull=True).count() == 1
    assert not UserBoundSession.objects.filter(user=only_officer).exists()
    assert not ApiToken.objects.filter(user=only_officer, revoked_at__isnull=True).exists()


def test_sso_or_lms_assertion_does_not_accept_for_an_account_in_use(
    liaison, department, staff_user
):
    from accounts.models import Membership
    from accounts.services import invitation_create
    from accounts.sso import roster_or_invited_user

    invitation_create(
        email=staff_user.email, role="officer", department=department, acting_user=liaison
    )
    invitation_create(
        email="fresh@x.test", role="officer", department=department, acting_user=liaison
    )

    refused = roster_or_invited_user(department_id=department.pk, email=staff_user.email, ip=None)
    fresh = roster_or_invited_user(department_id=department.pk, email="fresh@x.test", ip=None)

    assert refused is None
    assert not Membership.objects.filter(user=staff_user).exists()
    assert fresh is not None and Membership.objects.filter(user=fresh).exists()


# Row 6: sessions end by user, whatever their key became after sign-in ---------------------

NEW_PASSWORD = "a-new-long-password-77"


def _signed_in_then_password_changed(user):
    from django.test import Client

    from tests.factories import PASSWORD

    browser = Client()
    browser.force_login(user)
    changed = browser.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert changed.status_code == 302
    assert browser.get("/learn/").status_code == 200  # still signed in, with a rotated key
    return browser


def _signed_out(browser) -> bool:
    return browser.get("/learn/").status_code == 302


def test_separation_ends_a_session_whose_key_rotated(liaison, department):
    from accounts.models import Membership
    from accounts.services import membership_separate

    officer = factories.officer(department)
    browser = _signed_in_then_password_changed(officer)

    membership_separate(membership=Membership.objects.get(user=officer), acting_user=liaison)

    assert _signed_out(browser)


def test_sign_out_everywhere_ends_a_session_whose_key_rotated(client, staff_user, department):
    officer = factories.officer(department)
    browser = _signed_in_then_password_changed(officer)
    client.force_login(staff_user)

    client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "deactivate", "_selected_action": [officer.pk]},
    )

    assert _signed_out(browser)


def test_password_change_ends_the_other_sessions_and_keeps_this_one(department):
    from django.test import Client

    officer = factories.officer(department)
    other = Client()
    other.force_login(officer)

    browser = _signed_in_then_password_changed(officer)

    assert _signed_out(other)
    assert not _signed_out(browser)


def _reset_password(client, user, password: str = NEW_PASSWORD):
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    url = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    form = client.get(url, follow=True)
    assert form.status_code == 200
    return client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else url,
        {"password1": password, "password2": password},
    )


def test_password_reset_ends_every_session_and_api_token(client, department):
    from accounts.models import ApiToken

    officer = factories.officer(department)
    other = Client()
    other.force_login(officer)
    _token(officer)

    done = _reset_password(client, officer)

    assert done.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password(NEW_PASSWORD)
    assert _signed_out(other)
    assert not ApiToken.objects.filter(user=officer, revoked_at__isnull=True).exists()


def test_password_change_revokes_api_tokens(department):
    from accounts.models import ApiToken

    officer = factories.officer(department)
    _token(officer)

    _signed_in_then_password_changed(officer)

    assert not ApiToken.objects.filter(user=officer, revoked_at__isnull=True).exists()


# Row 12: inviting tells the liaison nothing about other departments' rosters --------------


def _invite_page_messages(client, department, email: str) -> list[str]:
    response = client.post(
        reverse("roster:invite"),
        {"department": department.pk, "email": email, "first_name": "O", "last_name": "P"},
        follow=True,
    )
    assert response.status_code == 200
    page = response.content.decode()
    return [text for text in ("Invitation sent to", "another department", "roster") if text in page]


def test_inviting_an_officer_of_another_roster_reads_like_any_invitation(
    client, liaison, department, other_department
):
    from accounts.models import Invitation, Membership

    elsewhere = factories.officer(other_department, email="officer2@example.test")
    client.force_login(liaison)

    taken = _invite_page_messages(client, department, elsewhere.email)
    fresh = _invite_page_messages(client, department, "nobody-yet@example.test")

    assert taken == fresh
    assert "Invitation sent to" in taken
    assert "another department" not in taken
    assert Invitation.objects.filter(email=elsewhere.email, department=department).count() == 1
    assert not Membership.objects.filter(user=elsewhere, department=department).exists()


def test_officer_of_another_roster_is_told_on_accepting(
    client, liaison, department, other_department
):
    from accounts.models import Membership
    from accounts.services import invitation_create

    elsewhere = factories.officer(other_department, email="officer2@example.test")
    _invitation, key = invitation_create(
        email=elsewhere.email, role="officer", department=department, acting_user=liaison
    )
    client.force_login(elsewhere)

    response = client.post(reverse("invitation_accept", args=[key]), follow=True)

    assert response.status_code == 200
    assert "another department" in response.content.decode()
    assert not Membership.objects.filter(user=elsewhere, department=department).exists()


# Row 13: brute force is limited, yet nobody can keep the owner out --------------------------

LOCKED = "Too many failed login attempts"


def _sign_in(client, email, password, address):
    return client.post(
        reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=address
    )


def test_failures_from_elsewhere_do_not_lock_the_owner_out(staff_user):
    from tests.factories import PASSWORD

    attacker, owner = Client(), Client()
    for _ in range(6):
        _sign_in(attacker, staff_user.email, "wrong-password-1", "198.51.100.1")

    refused = _sign_in(attacker, staff_user.email, PASSWORD, "198.51.100.1")
    response = _sign_in(owner, staff_user.email, PASSWORD, "203.0.113.9")

    assert LOCKED in refused.content.decode()  # brute force from one address is still stopped
    assert response.status_code == 302
    assert int(owner.session["_auth_user_id"]) == staff_user.pk


def test_many_addresses_lock_the_account_until_a_password_reset(staff_user):
    from tests.factories import PASSWORD

    for i in range(30):
        _sign_in(Client(), staff_user.email, "wrong-password-1", f"198.51.100.{i + 1}")
    locked = _sign_in(Client(), staff_user.email, PASSWORD, "203.0.113.9")

    reset = _reset_password(Client(REMOTE_ADDR="203.0.113.9"), staff_user)
    owner = Client()
    back_in = _sign_in(owner, staff_user.email, NEW_PASSWORD, "203.0.113.9")

    assert LOCKED in locked.content.decode()
    assert reset.status_code == 302
    assert back_in.status_code == 302
    assert int(owner.session["_auth_user_id"]) == staff_user.pk


# Row 10: the API's edges --------------------------------------------------------------------


def test_invalid_tokens_are_throttled_per_address(client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "anon": "5/minute",
        },
    }
    headers = ["Token rp_not-a-real-key", "Token a b", "Token rp_\u00e9", "Token rp_x"] * 2

    statuses = [client.get("/api/v1/me/", HTTP_AUTHORIZATION=h).status_code for h in headers[:7]]

    assert statuses == [401] * 5 + [429] * 2
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION="Token x")["Retry-After"]


def test_schema_and_docs_both_need_sign_in_when_debug_is_off(client, officer):
    anonymous = [client.get("/api/schema/").status_code, client.get("/api/docs/").status_code]
    by_token = client.get("/api/schema/", HTTP_AUTHORIZATION=f"Token {_token(officer)}")
    client.force_login(officer)
    signed_in = [client.get("/api/schema/").status_code, client.get("/api/docs/").status_code]

    assert anonymous == [401, 302]
    assert by_token.status_code == 200
    assert signed_in == [200, 200]


def test_signed_in_non_staff_at_admin_gets_a_page_not_a_redirect_loop(client, officer, liaison):
    for user in (officer, liaison):
        client.force_login(user)

        response = client.get("/admin/", follow=True)

        assert response.status_code == 403, user
        assert len(response.redirect_chain) <= 2


def test_unknown_account_reset_email_does_not_offer_the_closed_sign_up(client, mailoutbox):
    client.post(reverse("account_reset_password"), {"email": "nobody-here@example.test"})

    assert len(mailoutbox) == 1
    body = mailoutbox[0].body
    assert "/accounts/signup/" not in body
    assert "invitation" in body
