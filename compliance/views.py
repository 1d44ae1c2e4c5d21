"""The liaison's compliance pages at /department/compliance/: rules and their figures, the
officers behind each figure, the XLSX export, rule forms. Staff read; the liaison writes."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from accounts.audit import audit_record
from accounts.models import US_STATES, Membership, User
from accounts.net import client_ip
from compliance import selectors
from compliance.models import AssignmentRule, OfficerProfile
from compliance.post import post_report_export
from compliance.post_layouts import POST_LAYOUTS
from compliance.services import officer_profile_update, rule_create, rule_update
from compliance.supervisors import team_enrollments
from curriculum.exports import xlsx_bytes
from curriculum.models import Curriculum
from curriculum.selectors.department import department_for_request, department_officer_get
from repair import clock

T = "compliance/"
STATE_LABELS = {
    "compliant": gettext_lazy("Compliant"),
    "due": gettext_lazy("Due"),
    "overdue": gettext_lazy("Overdue"),
    "expired": gettext_lazy("Expired"),
}


class RuleForm(forms.Form):
    curriculum = forms.ModelChoiceField(
        label=gettext_lazy("Curriculum"),
        queryset=Curriculum.objects.filter(status=Curriculum.Status.PUBLISHED).order_by("title"),
    )
    kind = forms.ChoiceField(label=gettext_lazy("Rule"), choices=AssignmentRule.Kind.choices)
    due_within_days = forms.IntegerField(
        label=gettext_lazy("Due within (days)"), min_value=1, max_value=730, initial=30
    )
    renew_days_before = forms.IntegerField(
        label=gettext_lazy("Re-enroll ahead of expiry (days)"),
        min_value=0,
        max_value=365,
        initial=60,
    )
    is_active = forms.BooleanField(label=gettext_lazy("Active"), required=False, initial=True)


def _department(request):
    department_id = request.GET.get("department") or request.POST.get("department")
    department = department_for_request(user=request.user, department_id=department_id)
    timezone.activate(clock.zone(department))
    return department


def _query(request, department) -> str:
    if request.GET.get("department") or request.POST.get("department"):
        return "?" + urlencode({"department": department.pk})
    return ""


def _context(request, department, **extra) -> dict:
    q = _query(request, department)
    return {
        "department": department,
        "can_manage": department.can_manage,
        "department_query": q,
        "section": "compliance",
        "nav": {
            "home": reverse("department:home") + q,
            "roster": reverse("department:roster") + q,
            "compliance": reverse("compliance:home"),
        },
        "state_labels": STATE_LABELS,
        "today": clock.today(department),
        **extra,
    }


@login_required
@require_GET
def home(request):
    department = _department(request)
    figures = selectors.department_compliance(department=department)
    context = _context(
        request,
        department,
        figures=figures,
        rules=list(selectors.rule_list_for(department=department)),
        form=RuleForm() if department.can_manage else None,
    )
    return render(request, T + "home.html", context)


@login_required
@require_http_methods(["POST"])
def rule_new(request):
    department = _department(request)
    if not department.can_manage:
        raise Http404
    form = RuleForm(request.POST)
    if form.is_valid():
        try:
            rule_create(
                department=department,
                acting_user=request.user,
                client_ip=client_ip(request),
                **form.cleaned_data,
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Rule saved. It applies within the hour."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(reverse("compliance:home") + _query(request, department))


@login_required
@require_http_methods(["GET", "POST"])
def rule_edit(request, pk: int):
    department = _department(request)
    if not department.can_manage:
        raise Http404
    rule = selectors.rule_get(department=department, rule_id=pk)
    form = RuleForm(
        request.POST or None,
        initial={name: getattr(rule, name) for name in RuleForm.base_fields},
    )
    if request.method == "POST" and form.is_valid():
        try:
            rule_update(
                rule=rule,
                acting_user=request.user,
                client_ip=client_ip(request),
                **form.cleaned_data,
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Rule saved."))
            return redirect(reverse("compliance:home") + _query(request, department))
    return render(
        request, T + "rule_edit.html", _context(request, department, rule=rule, form=form)
    )


@login_required
@require_GET
def rule_officers(request, pk: int):
    department = _department(request)
    rule = selectors.rule_get(department=department, rule_id=pk)
    state = request.GET.get("state", "")
    if state not in STATE_LABELS:
        state = ""
    figures = selectors.department_compliance(department=department, rule_id=rule.pk)
    officers = figures[0].officers if figures else []
    if state:
        officers = [officer for officer in officers if officer.state == state]
    context = _context(
        request, department, rule=rule, state=state, officers=officers, figures=figures
    )
    return render(request, T + "officers.html", context)


EXPORT_HEADER = [
    gettext_lazy("Curriculum"),
    gettext_lazy("Rule"),
    gettext_lazy("Officer"),
    gettext_lazy("Email"),
    gettext_lazy("Badge number"),
    gettext_lazy("State"),
    gettext_lazy("Certificate expires on"),
    gettext_lazy("Due on"),
]


@login_required
@require_GET
def export_xlsx(request):
    department = _department(request)
    figures = selectors.department_compliance(department=department)
    rows = (
        [
            entry.rule.curriculum.title,
            entry.rule.get_kind_display(),
            officer.name,
            officer.email,
            officer.badge_number,
            str(STATE_LABELS[officer.state]),
            officer.expires_on,
            officer.due_on,
        ]
        for entry in figures
        for officer in entry.officers
    )
    audit_record(
        action="export.compliance",
        actor=request.user,
        obj=department,
        department=department,
        client_ip=client_ip(request),
        data={"format": "xlsx", "as_of": clock.today(department).isoformat()},
    )
    content = xlsx_bytes(
        header=[str(h) for h in EXPORT_HEADER], rows=rows, title=str(_("Compliance"))
    )
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"repair-compliance-{department.pk}-{clock.today(department).isoformat()}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# State POST credit reports ------------------------------------------------------------------


class PostReportForm(forms.Form):
    state = forms.ChoiceField(label=gettext_lazy("State"), choices=US_STATES)
    layout = forms.ChoiceField(label=gettext_lazy("Layout"))
    first = forms.DateField(
        label=gettext_lazy("Completed from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    last = forms.DateField(
        label=gettext_lazy("Completed to (inclusive)"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["layout"].choices = [
            (layout.key, layout.label) for layout in POST_LAYOUTS.values()
        ]


@login_required
@require_GET
def post_report(request):
    department = _department(request)
    today = clock.today(department)
    data = request.GET if "layout" in request.GET else None
    form = PostReportForm(
        data,
        initial={
            "state": department.state,
            "layout": "generic",
            "first": today.replace(month=1, day=1),
            "last": today,
        },
    )
    if data is not None and form.is_valid():
        try:
            content, layout = post_report_export(
                department=department,
                acting_user=request.user,
                client_ip=client_ip(request),
                layout_key=form.cleaned_data["layout"],
                **{k: form.cleaned_data[k] for k in ("state", "first", "last")},
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            response = HttpResponse(content, content_type=f"text/csv; charset={layout.encoding}")
            name = (
                f"repair-post-{form.cleaned_data['state']}-{layout.key}-{department.pk}-"
                f"{form.cleaned_data['first'].isoformat()}-{form.cleaned_data['last'].isoformat()}"
                f".{layout.extension}"
            )
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
    context = _context(
        request,
        department,
        form=form,
        layouts=[
            layout
            for layout in POST_LAYOUTS.values()
            if layout.state in (None, form["state"].value())
        ],
    )
    return render(request, T + "post_report.html", context)


# Officer profile: state POST ID and supervisor ----------------------------------------------


class OfficerProfileForm(forms.Form):
    post_id = forms.CharField(label=gettext_lazy("State POST ID"), required=False, max_length=32)
    supervisor = forms.ModelChoiceField(
        label=gettext_lazy("Supervisor"), queryset=None, required=False
    )

    def __init__(self, *args, department, membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].queryset = (
            User.objects.filter(
                memberships__department=department,
                memberships__status=Membership.Status.ACTIVE,
            )
            .exclude(pk=membership.user_id)
            .distinct()
            .order_by("last_name", "first_name", "email")
        )
        self.fields["supervisor"].label_from_instance = lambda user: user.display_name


@login_required
@require_http_methods(["GET", "POST"])
def officer_profile(request, membership_id: int):
    department = _department(request)
    if not department.can_manage:
        raise Http404
    membership = department_officer_get(department=department, membership_id=membership_id)
    profile = OfficerProfile.objects.filter(membership=membership).first()
    form = OfficerProfileForm(
        request.POST or None,
        department=department,
        membership=membership,
        initial={
            "post_id": profile.post_id if profile else "",
            "supervisor": profile.supervisor_id if profile else None,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            officer_profile_update(
                membership=membership,
                acting_user=request.user,
                client_ip=client_ip(request),
                **form.cleaned_data,
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Saved."))
            return redirect(
                reverse("department:officer", args=[membership.pk]) + _query(request, department)
            )
    context = _context(request, department, membership=membership, form=form)
    return render(request, T + "officer_profile.html", context)


# A supervisor's team (read-only) ------------------------------------------------------------


@login_required
@require_GET
def team(request):
    enrollments = list(team_enrollments(user=request.user))
    if not enrollments and not OfficerProfile.objects.filter(supervisor=request.user).exists():
        raise Http404
    for enrollment in enrollments:
        enrollment.today = clock.today(enrollment.department)
        enrollment.overdue = enrollment.overdue_on(enrollment.today)
    return render(request, T + "team.html", {"enrollments": enrollments})
