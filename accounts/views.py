from __future__ import annotations

from functools import partial

from allauth.account.utils import perform_login
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.forms import (
    AcceptInvitationForm,
    ApiTokenForm,
    InviteOfficerForm,
    RosterUploadForm,
    StaffInviteForm,
)
from accounts.models import Invitation
from accounts.net import client_ip
from accounts.roles import Role
from accounts.roster import (
    ROSTER_COMMIT_TASK,
    ROSTER_VALIDATE_TASK,
    roster_import_commit,
    roster_import_get_for,
    roster_import_is_large,
    roster_import_queue,
    roster_import_upload,
    roster_import_validate,
)
from accounts.selectors import (
    api_token_list_for,
    invitation_accepted_by_id,
    invitation_get_usable,
    roster_department_list_for,
    roster_membership_get_for,
    user_roles,
)
from accounts.services import (
    api_token_create,
    api_token_revoke,
    audit_denied,
    invitation_accept,
    invitation_create,
    invitation_needs_sign_in,
    invitation_revoke,
    membership_separate,
)
from repair.params import parse_id
from worker.publish import task_publish

# The first role a user holds, in this order, decides where `/` leads.
ROLE_HOMES = [
    (Role.STAFF, "admin:index"),
    (Role.PARTNER, "partners:home"),
    (Role.LIAISON, "department:home"),
    (Role.FACILITATOR, "facilitate:home"),
    (Role.OFFICER, "learn:home"),
]


def not_offered(request, *args, **kwargs):
    raise Http404


@csrf_exempt
def saml_acs_view(request, organization_slug: str):
    """allauth's SAML assertion consumer service, its hand-over cookie made HttpOnly: the
    cookie carries the key of the session that holds the IdP's response until the redirect."""
    from allauth.socialaccount.providers.saml.views import acs

    response = acs(request, organization_slug=organization_slug)
    if "saml-acs-session" in response.cookies:
        response.cookies["saml-acs-session"]["httponly"] = True
    return response


def login_view(request, *args, **kwargs):
    """allauth's sign-in page; its SSO buttons may lead to the departments' providers."""
    from allauth.account.views import login

    from accounts.sso import sso_form_action_origins

    response = login(request, *args, **kwargs)
    origins = sso_form_action_origins()
    if origins:
        response._csp_update = {"form-action": origins}
    return response


def home(request):
    if not request.user.is_authenticated:
        return render(request, "home.html")
    roles = user_roles(user=request.user)
    for role, url_name in ROLE_HOMES:
        if role in roles:
            try:
                return redirect(reverse(url_name))
            except NoReverseMatch:
                continue
    return render(request, "home.html", {"no_role": True})


# Helpers ---------------------------------------------------------------------------------


def _reverse_first(*names: str) -> str:
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return reverse("home")


def _roster_departments(request):
    """The departments the signed-in user is liaison of; 404 for everyone else."""
    departments = roster_department_list_for(user=request.user)
    if not departments.exists():
        audit_denied(request, "not_a_liaison")
        raise Http404
    asked = request.POST.get("department") or request.GET.get("department")
    if asked and not departments.filter(pk=parse_id(asked)).exists():
        audit_denied(request, "department_out_of_scope")
        raise Http404
    return departments


def _form_errors_from(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# Invitations -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def roster_invite(request):
    departments = _roster_departments(request)
    form = InviteOfficerForm(request.POST or None, departments=departments)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        assignments = {"curricula": list(data.pop("curricula", [])), "due_on": data.pop("due_on")}
        try:
            invitation_create(
                role=Invitation.Role.OFFICER,
                acting_user=request.user,
                ip=client_ip(request),
                assignments=assignments,
                **data,
            )
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % data)
            return redirect("roster:invite")
    pending = _pending_invitations(departments)
    return render(request, "accounts/roster_invite.html", {"form": form, "pending": pending})


def _pending_invitations(departments):
    """Officer invitations of these departments not yet accepted, revoked or expired."""
    return list(
        Invitation.objects.filter(
            department__in=departments,
            role=Invitation.Role.OFFICER,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .select_related("department")
        .order_by("-created_at", "-pk")
    )


def _pending_invitation_get(request, pk: int) -> Invitation:
    departments = _roster_departments(request)
    for invitation in _pending_invitations(departments):
        if invitation.pk == pk:
            return invitation
    raise Http404


@login_required
@require_POST
def roster_invitation_resend(request, pk: int):
    """A new link for a pending invitation (the old one stops working), same names and badge."""
    old = _pending_invitation_get(request, pk)
    try:
        _invitation, key = invitation_create(
            role=old.role,
            acting_user=request.user,
            ip=client_ip(request),
            email=old.email,
            department=old.department,
            first_name=old.first_name,
            last_name=old.last_name,
            badge_number=old.badge_number,
            rank=old.rank,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if key:
            messages.success(
                request, _("A new invitation was sent to %(email)s.") % {"email": old.email}
            )
        else:
            messages.info(
                request,
                _("An invitation went to %(email)s less than a minute ago; it was not sent again.")
                % {"email": old.email},
            )
    return redirect("roster:invite")


@login_required
@require_POST
def roster_invitation_revoke(request, pk: int):
    invitation = _pending_invitation_get(request, pk)
    invitation_revoke(invitation=invitation, acting_user=request.user, ip=client_ip(request))
    messages.success(
        request,
        _("The invitation to %(email)s was revoked; its link no longer works.")
        % {"email": invitation.email},
    )
    return redirect("roster:invite")


@login_required
@require_http_methods(["GET", "POST"])
def staff_invite(request):
    if not request.user.is_staff:
        audit_denied(request, "not_staff")
        raise Http404
    form = StaffInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation_create(acting_user=request.user, ip=client_ip(request), **form.cleaned_data)
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]}
            )
            return redirect("staff_invite")
    return render(request, "accounts/staff_invite.html", {"form": form})


def _accepted_elsewhere(request, accepted_by: int):
    """The same invitation sent from two tabs: the second gets the first's outcome."""
    if request.user.is_authenticated and request.user.pk == accepted_by:
        messages.success(request, _("Invitation accepted."))
        return redirect("home")
    # The other tab set the password and signed in there.
    messages.info(request, _("This invitation was accepted. Sign in to continue."))
    return redirect("account_login")


def _accept_with_form(request, invitation: Invitation, key: str):
    # The names the liaison typed are the form's starting point; the officer may correct them.
    form = AcceptInvitationForm(
        request.POST or None,
        email=invitation.email,
        initial={"first_name": invitation.first_name, "last_name": invitation.last_name},
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = invitation_accept(
                invitation=invitation,
                acting_user=None,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
                ip=client_ip(request),
            )
        except ValidationError as error:
            accepted_by = invitation_accepted_by_id(key=key)
            if accepted_by is not None:
                return _accepted_elsewhere(request, accepted_by)
            _form_errors_from(form, error)
        else:
            return perform_login(request, user, redirect_url=reverse("home"))
    context = {"invitation": invitation, "form": form}
    return render(request, "accounts/invitation_accept.html", context)


@require_http_methods(["GET", "POST"])
def invitation_accept_view(request, key: str):
    invitation = invitation_get_usable(key=key)
    if invitation is None and request.method == "POST":
        accepted_by = invitation_accepted_by_id(key=key)
        if accepted_by is not None:
            return _accepted_elsewhere(request, accepted_by)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    user = request.user if request.user.is_authenticated else None
    if invitation_needs_sign_in(invitation=invitation, acting_user=user):
        login_url = f"{reverse('account_login')}?{urlencode({'next': request.path})}"
        context = {"invitation": invitation, "login_url": login_url}
        return render(request, "accounts/invitation_sign_in.html", context)
    if user is not None and user.email.lower() == invitation.email and user.has_usable_password():
        if request.method == "POST":
            try:
                invitation_accept(invitation=invitation, acting_user=user, ip=client_ip(request))
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("home")
            messages.success(request, _("Invitation accepted."))
            return redirect("home")
        return render(request, "accounts/invitation_accept.html", {"invitation": invitation})
    return _accept_with_form(request, invitation, key)


# Separation ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def roster_separate(request, pk: int):
    membership = roster_membership_get_for(user=request.user, pk=pk)
    if membership is None:
        audit_denied(request, "membership_out_of_scope")
        raise Http404
    if request.method == "POST":
        membership_separate(membership=membership, acting_user=request.user, ip=client_ip(request))
        messages.success(
            request,
            _("%(name)s was separated from the roster. Their training records are kept.")
            % {"name": membership.user.display_name},
        )
        return redirect(_reverse_first("department:roster", "department:home", "roster:invite"))
    return render(request, "accounts/roster_separate.html", {"membership": membership})


# Roster import ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def roster_import(request):
    departments = _roster_departments(request)
    form = RosterUploadForm(request.POST or None, request.FILES or None, departments=departments)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        state = roster_import_upload(
            data=upload.read(),
            filename=upload.name,
            department=form.cleaned_data["department"],
            acting_user=request.user,
        )
        if roster_import_is_large(state=state):
            roster_import_queue(import_id=state["id"], step="validate")
            # By name: the task module imports accounts (worker.tasks.roster).
            transaction.on_commit(partial(task_publish, ROSTER_VALIDATE_TASK, state["id"]))
        else:
            roster_import_validate(import_id=state["id"])
        return redirect("roster:import_status", import_id=state["id"])
    return render(request, "accounts/roster_import.html", {"form": form})


def _import_state_or_404(request, import_id: str) -> dict:
    state = roster_import_get_for(user=request.user, import_id=import_id)
    if state is None:
        audit_denied(request, "roster_import_out_of_scope")
        raise Http404
    return state


@login_required
@require_GET
def roster_import_status(request, import_id: str):
    state = _import_state_or_404(request, import_id)
    busy = state["status"] in {"uploaded", "validating", "queued", "committing"}
    percent = int(100 * state["done"] / state["total"]) if state["total"] else 0
    context = {"state": state, "busy": busy, "percent": percent}
    return render(request, "accounts/roster_import_status.html", context)


@login_required
@require_POST
def roster_import_confirm(request, import_id: str):
    state = _import_state_or_404(request, import_id)
    if roster_import_is_large(state=state):
        roster_import_queue(import_id=import_id, step="commit")
        transaction.on_commit(partial(task_publish, ROSTER_COMMIT_TASK, import_id, request.user.pk))
    else:
        try:
            roster_import_commit(import_id=import_id, acting_user=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
    return redirect("roster:import_status", import_id=import_id)


# API tokens ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request):
    form = ApiTokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        _token, new_key = api_token_create(
            user=request.user,
            name=form.cleaned_data["name"],
            days=form.cleaned_data["days"],
            acting_user=request.user,
            ip=client_ip(request),
        )
        form = ApiTokenForm()
    tokens = api_token_list_for(user=request.user)
    context = {"form": form, "tokens": tokens, "new_key": new_key}
    return render(request, "accounts/api_tokens.html", context)


@login_required
@require_POST
def api_token_revoke_view(request, pk: int):
    token = get_object_or_404(api_token_list_for(user=request.user), pk=pk)
    api_token_revoke(token=token, acting_user=request.user, ip=client_ip(request))
    messages.success(request, _("The token %(name)s was revoked.") % {"name": token.name})
    return redirect("api_tokens")
