"""Live sessions: the facilitator's cohort page (schedule), the attendance sheet (made for a
phone), and every user's calendar feed."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import User
from curriculum.ical import ical_calendar
from curriculum.models import Attendance, LiveSession, Module
from curriculum.selectors.cohorts import cohort_waitlist
from curriculum.selectors.sessions import (
    attendance_session_get,
    attendance_sheet,
    calendar_events_for,
    calendar_feed_user,
    cohort_session_list,
    managed_cohort_get,
    tot_candidate_list,
    trainer_certification_list,
)
from curriculum.services.cohorts import cohort_seated_count, department_may_run_cohorts
from curriculum.services.progress import LearningError
from curriculum.services.sessions import (
    attendance_record,
    calendar_feed_renew,
    live_session_cancel,
    live_session_create,
)
from curriculum.services.trainers import practicum_confirm

T = "curriculum/facilitate/"


class SessionForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    starts_at = forms.DateTimeField(
        label=gettext_lazy("Starts at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=gettext_lazy("In your time zone."),
    )
    duration_minutes = forms.IntegerField(
        label=gettext_lazy("Length (minutes)"), min_value=1, max_value=600, initial=90
    )
    format = forms.ChoiceField(label=gettext_lazy("Format"), choices=LiveSession.Format.choices)
    meeting_url = forms.URLField(
        label=gettext_lazy("Meeting link"), required=False, assume_scheme="https"
    )
    location = forms.CharField(label=gettext_lazy("Place"), max_length=300, required=False)
    module = forms.ModelChoiceField(
        label=gettext_lazy("Module"),
        queryset=Module.objects.none(),
        required=False,
        empty_label=gettext_lazy("Free-standing"),
    )
    co_facilitator = forms.ModelChoiceField(
        label=gettext_lazy("Co-facilitator (Training of Trainers practicum)"),
        queryset=User.objects.none(),
        required=False,
    )

    def __init__(self, *args, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        version = cohort.curriculum.current_version_id
        self.fields["module"].queryset = Module.objects.filter(version_id=version)
        self.fields["co_facilitator"].queryset = tot_candidate_list(department=cohort.department)
        self.fields["co_facilitator"].label_from_instance = lambda user: user.display_name


@login_required
@require_http_methods(["GET", "POST"])
def cohort_detail(request, cohort_id: int):
    cohort = managed_cohort_get(user=request.user, cohort_id=cohort_id)
    form = SessionForm(request.POST or None, cohort=cohort)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            live_session_create(cohort=cohort, acting_user=request.user, **data)
        except LearningError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The session is scheduled."))
            return redirect("facilitate:cohort", cohort.pk)
    context = {
        "cohort": cohort,
        "sessions": cohort_session_list(cohort=cohort),
        "form": form,
        "seated": cohort_seated_count(cohort=cohort),
        "waitlist": cohort_waitlist(cohort=cohort),
        "runs_seats": cohort.department_id is not None
        and department_may_run_cohorts(user=request.user, department=cohort.department),
    }
    return render(request, T + "cohort.html", context)


def _marks(request, rows, session) -> dict[int, tuple[str, int | None]]:
    statuses = set(Attendance.Status.values)
    marks = {}
    for row in rows:
        pk = row.enrollment.pk
        status = request.POST.get(f"status-{pk}", "")
        if status not in statuses:
            continue
        minutes = request.POST.get(f"minutes-{pk}", "").strip()
        marks[pk] = (status, int(minutes) if minutes.isdigit() else None)
    return marks


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request, session_id: int):
    session = attendance_session_get(user=request.user, session_id=session_id)
    rows = attendance_sheet(session=session)
    error = None
    if request.method == "POST":
        try:
            count = attendance_record(
                session=session, marks=_marks(request, rows, session), acting_user=request.user
            )
        except LearningError as exc:
            error = exc.message
        else:
            messages.success(
                request, _("Attendance saved for %(count)s officers.") % {"count": count}
            )
            return redirect("facilitate:attendance", session.pk)
    context = {
        "session": session,
        "rows": rows,
        "statuses": Attendance.Status.choices,
        "error": error,
        "started": session.starts_at <= timezone.now(),
    }
    return render(request, T + "attendance.html", context, status=400 if error else 200)


@login_required
@require_POST
def session_cancel(request, session_id: int):
    session = LiveSession.objects.select_related("cohort").filter(pk=session_id).first()
    if session is None:
        raise Http404
    cohort = managed_cohort_get(user=request.user, cohort_id=session.cohort_id)
    live_session_cancel(session=session, acting_user=request.user)
    messages.success(request, _("The session is cancelled."))
    return redirect("facilitate:cohort", cohort.pk)


@login_required
@require_POST
def practicum(request, session_id: int):
    session = attendance_session_get(user=request.user, session_id=session_id)
    try:
        trainer = practicum_confirm(session=session, acting_user=request.user)
    except LearningError as exc:
        messages.error(request, exc.message)
    else:
        if trainer is not None:
            messages.success(request, _("Practicum confirmed: the co-facilitator is certified."))
        else:
            messages.success(request, _("Practicum confirmed."))
    return redirect("facilitate:attendance", session.pk)


@login_required
@require_GET
def trainer_certificate(request):
    return render(
        request,
        "curriculum/learn/trainer_certificate.html",
        {"certifications": trainer_certification_list(user=request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def calendar(request):
    feed_url = None
    if request.method == "POST":
        key = calendar_feed_renew(user=request.user)
        feed_url = settings.SITE_URL + reverse("learn:calendar_feed", args=[key])
    return render(request, "curriculum/learn/calendar.html", {"feed_url": feed_url})


@require_GET
def calendar_feed(request, key: str):
    user = calendar_feed_user(key=key)
    if user is None:
        raise Http404
    events = calendar_events_for(user=user)
    for event in events:
        if event.day is not None:
            event.title = _("Due: %(title)s") % {"title": event.title}
    body = ical_calendar(name=_("REPAIR training"), events=events)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response
