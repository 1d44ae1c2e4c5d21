"""The liaison's workspace under /department/: dashboard, roster, officer, enrollment, nudges and
exports. Views parse, call one selector or service, and render; scope comes from
`department_for_request` (404 outside the user's departments)."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from accounts.audit import audit_record
from accounts.models import Membership, User
from accounts.net import client_ip
from accounts.selectors import liaison_department_ids, managed_department_list_for
from curriculum import exports
from curriculum.selectors.department import (
    department_cohort_list,
    department_completion_weeks,
    department_curriculum_list,
    department_enrollment_get,
    department_enrollments,
    department_export_enrollments,
    department_flagged_fast_list,
    department_for_request,
    department_officer_get,
    department_overdue_list,
    department_pending_invitation_count,
    department_recent_enrollment_list,
    department_review_get,
    department_review_list,
    department_transcript_enrollments,
    officer_enrollment_list,
    with_officer_page,
)
from curriculum.selectors.enrollments import (
    ROSTER_ORDERINGS,
    department_officer_list,
    department_summary,
    enrollment_scope,
)
from curriculum.services.enrollments import (
    enrollment_bulk_create,
    enrollment_due_date_change,
    enrollment_nudge,
    enrollment_withdraw,
)
from curriculum.services.record import record_pdf_make
from curriculum.services.reviews import completion_review_confirm, completion_review_return
from repair import clock
from repair.params import parse_id, strict_id

PAGE_SIZE = 50
SKIPPED_NAMES_SHOWN = 10
FILTER_FIELDS = ("q", "status", "curriculum", "cohort", "overdue")


# Forms -------------------------------------------------------------------------------------


class RosterFilterForm(forms.Form):
    STATUS_CHOICES = [
        ("active", _("Active")),
        ("separated", _("Separated")),
        ("all", _("All")),
    ]
    q = forms.CharField(label=_("Search name, email or badge"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    curriculum = forms.TypedChoiceField(
        label=_("Enrolled in"), coerce=int, required=False, empty_value=None
    )
    cohort = forms.TypedChoiceField(label=_("Cohort"), coerce=int, required=False, empty_value=None)
    overdue = forms.BooleanField(
        label=_("Only officers with an overdue enrollment"), required=False
    )

    def __init__(self, *args, curricula, cohorts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["curriculum"].choices = [("", _("Any curriculum"))] + [
            (c.pk, c.title) for c in curricula
        ]
        self.fields["cohort"].choices = [("", _("Any cohort"))] + [(c.pk, c.name) for c in cohorts]

    def selector_kwargs(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        status = data.get("status") or "active"
        return {
            "search": data.get("q") or "",
            "status": "" if status == "all" else status,
            "curriculum_id": data.get("curriculum"),
            "cohort_id": data.get("cohort"),
            "overdue": bool(data.get("overdue")),
        }


class EnrollForm(forms.Form):
    SCOPE_CHOICES = [
        ("selected", _("The officers I selected")),
        ("filter", _("Every active officer matching the current filter")),
    ]
    target = forms.ChoiceField(label=_("Curriculum or cohort"))
    due_on = forms.DateField(
        label=_("Due date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    cycle = forms.CharField(
        label=_("Training cycle"),
        required=False,
        max_length=16,
        help_text=_("Empty: this year's. An officer takes a curriculum once per cycle."),
    )
    scope = forms.ChoiceField(
        label=_("Enroll"), choices=SCOPE_CHOICES, initial="selected", widget=forms.RadioSelect
    )
    officer = forms.TypedMultipleChoiceField(coerce=strict_id, required=False)

    def __init__(self, *args, curricula, cohorts, **kwargs):
        super().__init__(*args, **kwargs)
        self.curricula = {c.pk: c for c in curricula}
        self.cohorts = {c.pk: c for c in cohorts}
        self.fields["target"].choices = [
            ("", _("Choose…")),
            (_("Curricula"), [(f"c:{pk}", c.title) for pk, c in self.curricula.items()]),
            (
                _("Cohorts"),
                [(f"k:{pk}", f"{c.name} ({c.curriculum.title})") for pk, c in self.cohorts.items()],
            ),
        ]
        # The service checks that every officer is on the department's active roster.
        self.fields["officer"].valid_value = lambda value: True

    def clean(self):
        data = super().clean()
        if data.get("scope") == "selected" and not data.get("officer"):
            raise ValidationError(_("Select at least one officer, or enroll the whole filter."))
        return data

    def curriculum_and_cohort(self):
        kind, _sep, pk = self.cleaned_data["target"].partition(":")
        if kind == "k":
            cohort = self.cohorts[int(pk)]
            return cohort.curriculum, cohort
        return self.curricula[int(pk)], None


class DueDateForm(forms.Form):
    due_on = forms.DateField(label=_("Due date"), required=False)


# Helpers -----------------------------------------------------------------------------------


def _page_or_404(paginator: Paginator, value: str | None):
    """The asked page (one past the end is the last); a malformed number is a 404, not page 1."""
    number = 1 if value is None else parse_id(value)
    if number is None:
        raise Http404
    return paginator.get_page(number)


def _department(request):
    department_id = request.GET.get("department") or request.POST.get("department")
    department = department_for_request(user=request.user, department_id=department_id)
    # Its pages show times on its wall clock, whoever looks (TimezoneMiddleware deactivates).
    timezone.activate(clock.zone(department))
    return department


def _managed_department(request):
    department = _department(request)
    if not department.can_manage:
        raise Http404
    return department


def _department_query(request, department) -> dict:
    """Staff name the department in the query; liaisons need not, so their links stay short."""
    if request.GET.get("department") or request.POST.get("department"):
        return {"department": department.pk}
    return {}


def _url(name: str, *args, query: dict | None = None) -> str:
    url = reverse(f"department:{name}", args=args)
    query = {k: v for k, v in (query or {}).items() if v not in (None, "", False)}
    return f"{url}?{urlencode(query, doseq=True)}" if query else url


def _url_or_none(name: str, *args) -> str | None:
    # The roster pages of the accounts app may not be deployed yet; a missing name must not
    # break these pages.
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _next_url(request, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _choices(department) -> dict:
    return {
        "curricula": list(department_curriculum_list()),
        "cohorts": list(department_cohort_list(department=department)),
    }


def _filter_form(request, department, choices: dict | None = None):
    return RosterFilterForm(
        request.GET if request.method == "GET" else request.POST,
        **(choices or _choices(department)),
    )


def _filter_query(form) -> dict:
    data = form.cleaned_data if form.is_valid() else {}
    return {name: data.get(name) for name in FILTER_FIELDS if data.get(name)}


def _show_errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _department_choices(request) -> list | None:
    """The departments the picker offers: staff see every department, a liaison of several
    their own; None (no picker, no query) for a liaison of one."""
    if not request.user.is_staff and len(liaison_department_ids(user=request.user)) < 2:
        return None
    return list(managed_department_list_for(user=request.user).order_by("name").only("pk", "name"))


def _needs_choice(request) -> bool:
    """Staff who are no department's liaison must pick a department first."""
    return (
        request.user.is_staff
        and not (request.GET.get("department") or request.POST.get("department"))
        and not liaison_department_ids(user=request.user)
    )


def _choose_department(request, section: str):
    return render(
        request,
        "curriculum/department/choose.html",
        {
            "departments": _department_choices(request) or [],
            "action": _url(section),
        },
    )


def _base_context(request, department, section: str) -> dict:
    dq = _department_query(request, department)
    return {
        "department": department,
        "section": section,
        "department_query": dq,
        "department_choices": _department_choices(request),
        "can_manage": department.can_manage,
        "nav": {
            "home": _url("home", query=dq),
            "roster": _url("roster", query=dq),
            "compliance": _url_or_none("compliance:home"),
        },
    }


# Chart -------------------------------------------------------------------------------------

CHART_WIDTH, CHART_HEIGHT = 360, 200
CHART_LEFT, CHART_TOP, CHART_BOTTOM = 24, 18, 30


def bar_chart(bars) -> dict:
    """Geometry of an SVG bar chart sized for a phone; the page draws it without any script."""
    plot_width = CHART_WIDTH - CHART_LEFT - 4
    plot_height = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM
    peak = max((bar.completed for bar in bars), default=0) or 1
    slot = plot_width / max(len(bars), 1)
    baseline = CHART_TOP + plot_height
    shapes = []
    for index, bar in enumerate(bars):
        height = round(plot_height * bar.completed / peak, 1)
        x = round(CHART_LEFT + index * slot + slot * 0.15, 1)
        shapes.append(
            {
                "x": x,
                "y": round(baseline - height, 1),
                "width": round(slot * 0.7, 1),
                "height": height,
                "center": round(x + slot * 0.35, 1),
                "value_y": round(baseline - height - 4, 1),
                "completed": bar.completed,
                "period_start": bar.period_start,
                "show_label": index % 2 == 0,
            }
        )
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "left": CHART_LEFT,
        "right": CHART_WIDTH - 4,
        "top": CHART_TOP,
        "baseline": baseline,
        "label_y": baseline + 16,
        "peak": peak,
        "bars": shapes,
    }


# Pages -------------------------------------------------------------------------------------


@login_required
@require_GET
def dashboard(request):
    if _needs_choice(request):
        return _choose_department(request, "home")
    department = _department(request)
    context = _base_context(request, department, "home")
    dq = context["department_query"]
    summary = department_summary(department=department)
    enrollments = department_enrollments(user=request.user, department=department)
    weeks = department_completion_weeks(enrollments=enrollments, department=department)
    context.update(
        summary=summary,
        completion_percent=round(summary["completion_rate"] * 100),
        chart=bar_chart(weeks),
        chart_total=sum(week.completed for week in weeks),
        recent=department_recent_enrollment_list(
            enrollments=with_officer_page(enrollments, department)
        ),
        overdue=department_overdue_list(enrollments=enrollments, department=department),
        flagged=department_flagged_fast_list(
            enrollments=with_officer_page(enrollments, department)
        ),
        reviews=department_review_list(enrollments=enrollments),
        can_review=department.can_manage or request.user.is_staff,
        overdue_roster_url=_url("roster", query={**dq, "overdue": "on"}),
        nudge_overdue_url=_url("nudge_overdue"),
    )
    return render(request, "curriculum/department/dashboard.html", context)


def _sort_links(query: dict, current: str) -> dict:
    links = {}
    for key in ("name", "badge", "enrollments", "completed", "overdue"):
        ascending = current == key
        direction = "ascending" if ascending else "descending" if current == f"-{key}" else ""
        links[key] = {
            "url": _url("roster", query={**query, "sort": f"-{key}" if ascending else key}),
            "aria_sort": direction or "none",
            "arrow": {"ascending": "▲", "descending": "▼"}.get(direction, ""),
        }
    return links


@login_required
@require_GET
def roster(request):
    if _needs_choice(request):
        return _choose_department(request, "roster")
    department = _department(request)
    context = _base_context(request, department, "roster")
    choices = _choices(department)
    filters = _filter_form(request, department, choices)
    sort = request.GET.get("sort", "name")
    sort = sort if sort in ROSTER_ORDERINGS else "name"
    officers = department_officer_list(
        department=department, ordering=sort, **filters.selector_kwargs()
    )
    page = _page_or_404(Paginator(officers, PAGE_SIZE), request.GET.get("page"))
    query = {**context["department_query"], **_filter_query(filters)}
    enroll_form = EnrollForm(**choices)
    kwargs = filters.selector_kwargs()
    context.update(
        scope_curriculum=next(
            (c.title for c in choices["curricula"] if c.pk == kwargs["curriculum_id"]), None
        ),
        scope_cohort=next(
            (c.name for c in choices["cohorts"] if c.pk == kwargs["cohort_id"]), None
        ),
        filters=filters,
        page=page,
        sort=sort,
        sort_links=_sort_links(query, sort),
        page_query=urlencode({**query, "sort": sort}),
        enroll_form=enroll_form,
        filter_hidden=_filter_query(filters),
        export_query=urlencode(query),
        export_urls={
            "csv": _url("export_roster_csv", query=query),
            "xlsx": _url("export_roster_xlsx", query=query),
            "transcript": _url("export_transcript", query=context["department_query"]),
        },
        invite_url=_url_or_none("roster:invite"),
        import_url=_url_or_none("roster:import"),
        pending_invitations=department_pending_invitation_count(department=department)
        if department.can_manage
        else 0,
        can_separate=_url_or_none("roster:separate", 1) is not None,
    )
    return render(request, "curriculum/department/roster.html", context)


@login_required
@require_GET
def officer_detail(request, membership_id: int):
    department = _department(request)
    membership = department_officer_get(department=department, membership_id=membership_id)
    context = _base_context(request, department, "roster")
    enrollments = officer_enrollment_list(
        user=request.user, department=department, officer_id=membership.user_id
    )
    for enrollment in enrollments:
        minutes = (enrollment.time_spent or 0) // 60
        enrollment.hours_spent, enrollment.minutes_spent = divmod(minutes, 60)
    context.update(
        record_pdf_url=_url(
            "officer_record_pdf", membership.pk, query=_department_query(request, department)
        ),
        membership=membership,
        officer=membership.user,
        enrollments=enrollments,
        enroll_form=EnrollForm(**_choices(department)),
        today=clock.today(department),
        profile_url=_url_or_none("compliance:officer_profile", membership.pk),
        separate_url=_url_or_none("roster:separate", membership.pk)
        if membership.status == Membership.Status.ACTIVE
        else None,
    )
    return render(request, "curriculum/department/officer.html", context)


@login_required
@require_GET
def officer_record_pdf(request, membership_id: int):
    """One officer's training record as a PDF, the department's enrollments only (audited)."""
    department = _department(request)
    membership = department_officer_get(department=department, membership_id=membership_id)
    pdf = record_pdf_make(
        officer=membership.user,
        acting_user=request.user,
        department=department,
        client_ip=client_ip(request),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"repair-training-record-{membership.badge_number or membership.pk}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# Actions -----------------------------------------------------------------------------------


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("confirm", _("Confirm")), ("return", _("Return"))])
    note = forms.CharField(
        label=_("Note to the officer"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


@login_required
@require_POST
def completion_review(request, pk: int):
    """Confirm a held fast completion (it counts, the certificate is issued) or return it to
    the officer with a note (the lessons reopen)."""
    department = _department(request)
    enrollments = department_enrollments(user=request.user, department=department)
    review = department_review_get(enrollments=enrollments, review_id=pk)
    form = ReviewForm(request.POST)
    home = _url("home", query=_department_query(request, department))
    if not form.is_valid():
        messages.error(request, _("Choose to confirm or to return the completion."))
        return redirect(home)
    decide = (
        completion_review_confirm
        if form.cleaned_data["decision"] == "confirm"
        else completion_review_return
    )
    try:
        decide(
            review=review,
            acting_user=request.user,
            note=form.cleaned_data["note"],
            client_ip=client_ip(request),
        )
    except ValidationError as error:
        _show_errors(request, error)
    except PermissionDenied:
        raise Http404 from None
    else:
        messages.success(
            request,
            _("Completion confirmed: the certificate is issued.")
            if decide is completion_review_confirm
            else _("Completion returned to the officer with your note."),
        )
    return redirect(home)


def _enroll_officer_ids(request, department, form) -> list[int]:
    if form.cleaned_data["scope"] == "selected":
        return form.cleaned_data["officer"]
    filters = _filter_form(request, department)
    kwargs = {**filters.selector_kwargs(), "status": Membership.Status.ACTIVE}
    return list(
        department_officer_list(department=department, **kwargs).values_list("user_id", flat=True)
    )


def _enroll_message(request, result) -> None:
    if result.created or not result.reinstated:
        messages.success(
            request,
            ngettext("Enrolled %(count)d officer.", "Enrolled %(count)d officers.", result.created)
            % {"count": result.created},
        )
    if result.reinstated:
        messages.success(
            request,
            ngettext(
                "%(count)d withdrawn enrollment was opened again.",
                "%(count)d withdrawn enrollments were opened again.",
                result.reinstated,
            )
            % {"count": result.reinstated},
        )
    if result.skipped_existing:
        names = _officer_names(result.skipped_officer_ids, limit=SKIPPED_NAMES_SHOWN)
        more = result.skipped_existing - len(names)
        listed = ", ".join(names)
        if more > 0:
            listed = ngettext(
                "%(names)s and %(more)d more", "%(names)s and %(more)d more", more
            ) % {"names": listed, "more": more}
        messages.info(
            request,
            ngettext(
                "%(count)d officer was already enrolled and was skipped: %(names)s.",
                "%(count)d officers were already enrolled and were skipped: %(names)s.",
                result.skipped_existing,
            )
            % {"count": result.skipped_existing, "names": listed},
        )


def _officer_names(user_ids: list[int], *, limit: int) -> list[str]:
    """The display names of these users, by last name, at most `limit` (one query)."""
    users = User.objects.filter(pk__in=user_ids).order_by("last_name", "first_name", "pk")
    return [user.display_name for user in users[:limit]]


@login_required
@require_POST
def enroll(request):
    department = _managed_department(request)
    back = _next_url(request, _url("roster", query=_department_query(request, department)))
    form = EnrollForm(request.POST, **_choices(department))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    curriculum, cohort = form.curriculum_and_cohort()
    try:
        result = enrollment_bulk_create(
            officer_ids=_enroll_officer_ids(request, department, form),
            curriculum=curriculum,
            cohort=cohort,
            department=department,
            due_on=form.cleaned_data["due_on"],
            cycle=form.cleaned_data["cycle"] or None,
            acting_user=request.user,
            client_ip=client_ip(request),
            reinstate_withdrawn=True,
        )
    except ValidationError as error:
        _show_errors(request, error)
        return redirect(back)
    _enroll_message(request, result)
    return redirect(back)


@login_required
@require_POST
def enrollment_due_date(request, pk: int):
    department = _managed_department(request)
    enrollment = department_enrollment_get(
        user=request.user, department=department, enrollment_id=pk
    )
    back = _next_url(request, _url("home", query=_department_query(request, department)))
    form = DueDateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a valid date."))
        return redirect(back)
    try:
        enrollment_due_date_change(
            enrollment=enrollment,
            due_on=form.cleaned_data["due_on"],
            acting_user=request.user,
            client_ip=client_ip(request),
        )
    except ValidationError as error:
        _show_errors(request, error)
        return redirect(back)
    messages.success(request, _("The due date was changed."))
    return redirect(back)


@login_required
@require_POST
def enrollment_withdraw_view(request, pk: int):
    department = _managed_department(request)
    enrollment = department_enrollment_get(
        user=request.user, department=department, enrollment_id=pk
    )
    back = _next_url(request, _url("home", query=_department_query(request, department)))
    try:
        enrollment_withdraw(
            enrollment=enrollment, acting_user=request.user, client_ip=client_ip(request)
        )
    except ValidationError as error:
        _show_errors(request, error)
        return redirect(back)
    messages.success(request, _("The enrollment was withdrawn. It stays in the history."))
    return redirect(back)


def _nudge_message(request, result) -> None:
    if result.queued:
        messages.success(
            request,
            ngettext(
                "%(count)d reminder is on its way.",
                "%(count)d reminders are on their way.",
                result.queued,
            )
            % {"count": result.queued},
        )
    if result.already_nudged:
        messages.info(
            request,
            ngettext(
                "%(count)d was already reminded today and was skipped.",
                "%(count)d were already reminded today and were skipped.",
                result.already_nudged,
            )
            % {"count": result.already_nudged},
        )
    if not result.queued and not result.already_nudged:
        messages.info(request, _("Nobody to remind."))


@login_required
@require_POST
def enrollment_nudge_view(request, pk: int):
    department = _managed_department(request)
    enrollment = department_enrollment_get(
        user=request.user, department=department, enrollment_id=pk
    )
    result = enrollment_nudge(
        enrollments=[enrollment],
        department=department,
        acting_user=request.user,
        client_ip=client_ip(request),
    )
    _nudge_message(request, result)
    return redirect(_next_url(request, _url("home", query=_department_query(request, department))))


@login_required
@require_POST
def nudge_overdue(request):
    department = _managed_department(request)
    overdue = department_overdue_list(
        enrollments=department_enrollments(user=request.user, department=department),
        department=department,
        limit=None,
    )
    result = enrollment_nudge(
        enrollments=overdue,
        department=department,
        acting_user=request.user,
        client_ip=client_ip(request),
    )
    _nudge_message(request, result)
    return redirect(_next_url(request, _url("home", query=_department_query(request, department))))


# Exports -----------------------------------------------------------------------------------


def _audit_export(request, department, *, kind: str, file_format: str, filters: dict) -> None:
    audit_record(
        action=f"export.{kind}",
        actor=request.user,
        obj=department,
        department=department,
        client_ip=client_ip(request),
        data={"format": file_format, "filters": filters},
    )


def _export_filename(department, kind: str, extension: str) -> str:
    return f"repair-{kind}-{department.pk}-{clock.today(department).isoformat()}.{extension}"


def _roster_export_rows(request, department):
    filters = _filter_form(request, department)
    kwargs = filters.selector_kwargs()
    officer_ids = department_officer_list(department=department, **kwargs).values("user_id")
    scope = enrollment_scope(
        department=department,
        curriculum_id=kwargs["curriculum_id"],
        cohort_id=kwargs["cohort_id"],
        overdue=kwargs["overdue"],
    )
    enrollments = department_export_enrollments(
        user=request.user, department=department, officer_ids=officer_ids, scope=scope
    )
    return exports.roster_rows(enrollments=enrollments, department=department), _filter_query(
        filters
    )


@login_required
@require_GET
def export_roster_csv(request):
    department = _department(request)
    rows, filters = _roster_export_rows(request, department)
    _audit_export(request, department, kind="roster", file_format="csv", filters=filters)
    response = StreamingHttpResponse(
        exports.csv_lines(header=exports.roster_header(), rows=rows, bom=True),
        content_type="text/csv; charset=utf-8",
    )
    name = _export_filename(department, "roster", "csv")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
def export_roster_xlsx(request):
    department = _department(request)
    rows, filters = _roster_export_rows(request, department)
    content = exports.xlsx_bytes(
        header=exports.roster_header(), rows=rows, title=str(_("Roster progress"))
    )
    # Recorded once the file exists: a workbook that failed to build was never exported.
    _audit_export(request, department, kind="roster", file_format="xlsx", filters=filters)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = _export_filename(department, "roster", "xlsx")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
def export_transcript(request):
    department = _department(request)
    enrollments = department_transcript_enrollments(user=request.user, department=department)
    _audit_export(request, department, kind="transcript", file_format="csv", filters={})
    rows = exports.transcript_rows(enrollments=enrollments, department=department)
    response = StreamingHttpResponse(
        exports.csv_lines(header=exports.TRANSCRIPT_HEADER, rows=rows),
        content_type="text/csv; charset=utf-8",
    )
    name = _export_filename(department, "transcript", "csv")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
