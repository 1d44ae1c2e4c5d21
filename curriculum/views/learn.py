"""The officer's pages under /learn/: home, the module player, assessments, reflections,
certificates, preferences and the download of their own data.

Views parse the request, call one selector or service and render; the rules (what is
unlocked, when a lesson counts, when a module completes) live in the services and selectors.
"""

from __future__ import annotations

import functools
import math

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.net import client_ip
from curriculum.markdown import render_markdown
from curriculum.models import Assessment, Attempt, Curriculum, Lesson, Module, Reflection
from curriculum.selectors.discussion import announcement_list
from curriculum.selectors.facilitation import enrollment_readers, rubric_marks_for
from curriculum.selectors.learning import (
    ModuleState,
    assessment_questions,
    enrollment_review_latest,
    enrollment_state,
    learner_home,
    officer_certificate_get,
    officer_data_export,
    officer_enrollment_get,
)
from curriculum.selectors.record import officer_record
from curriculum.selectors.sessions import enrollment_session_list
from curriculum.services.assessments import (
    InvalidAnswers,
    assessment_available,
    attempt_start,
    attempt_submit,
)
from curriculum.services.certificates import certificate_pdf
from curriculum.services.clock import lesson_clock_beat
from curriculum.services.feedback import module_feedback_submit
from curriculum.services.preferences import enrollment_language_switch, user_language_set
from curriculum.services.progress import (
    LearningError,
    ModuleLocked,
    lesson_complete,
    lesson_open,
)
from curriculum.services.record import record_pdf_make
from curriculum.services.reflections import REFLECTION_MIN_WORDS, reflection_response_submit
from repair.params import parse_id

T = "curriculum/learn/"


def duration_text(seconds: int) -> str:
    """ "4 min 05 s" (the lesson clock's countdown; learn.js writes the same form)."""
    return _("%(minutes)d min %(seconds)02d s") % {
        "minutes": seconds // 60,
        "seconds": seconds % 60,
    }


def learner_view(view):
    """Signed-in users only; their preferred language applies unless they picked one here."""

    @login_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            translation.activate(request.user.language)
            request.LANGUAGE_CODE = translation.get_language()
        try:
            return view(request, *args, **kwargs)
        except ModuleLocked as locked:
            return _locked(request, locked.module_state)

    return wrapper


def _locked(request, module_state: ModuleState):
    return render(request, T + "locked.html", {"module_state": module_state}, status=403)


def step_url(enrollment, step: tuple[str, object] | None) -> str:
    """The page of a step of `EnrollmentState.next_step()`."""
    if step is None:
        return reverse("learn:enrollment", args=[enrollment.pk])
    kind, obj = step
    if kind in {"pre_test", "post_test", "knowledge_check"}:
        return reverse("learn:assessment", args=[enrollment.pk, obj.pk])
    if kind == "lesson":
        return reverse("learn:lesson", args=[enrollment.pk, obj.pk])
    if kind == "reflection":
        return reverse("learn:reflection", args=[enrollment.pk, obj.pk])
    module = obj.module if kind == "locked" else obj
    return reverse("learn:module", args=[enrollment.pk, module.pk])


def _step_title(step, label) -> str:
    if step.kind == "reflection":
        return Truncator(step.obj.prompt).words(12)
    title = step.obj.title
    return "" if title == str(label) else title


def _module_steps(enrollment, module_state: ModuleState) -> list[dict]:
    labels = {
        "lesson": gettext_lazy("Lesson"),
        "knowledge_check": gettext_lazy("Knowledge check"),
        "reflection": gettext_lazy("Reflection"),
    }
    replied = {
        reflection.pk
        for reflection, response in module_state.reflections
        if response is not None and response.feedback_at is not None
    }
    return [
        {
            "kind": step.kind,
            "label": labels[step.kind],
            "title": _step_title(step, labels[step.kind]),
            "done": step.done,
            "replied": step.kind == "reflection" and step.obj.pk in replied,
            "url": step_url(enrollment, (step.kind, step.obj)),
        }
        for step in module_state.steps
    ]


@learner_view
@require_GET
def home(request):
    return render(request, T + "home.html", {"home": learner_home(user=request.user)})


@learner_view
@require_GET
def enrollment_detail(request, enrollment_id: int):
    enrollment = officer_enrollment_get(user=request.user, enrollment_id=enrollment_id)
    state = enrollment_state(enrollment=enrollment)
    next_step = state.next_step()
    certificate = getattr(enrollment, "certificate", None) if enrollment.completed_at else None
    return render(
        request,
        T + "enrollment.html",
        {
            "enrollment": enrollment,
            "state": state,
            "next_step": next_step,
            "next_url": step_url(enrollment, next_step),
            "certificate": certificate,
            "review": enrollment_review_latest(enrollment=enrollment),
            "sessions": enrollment_session_list(enrollment=enrollment),
            "announcements": announcement_list(cohort_id=enrollment.cohort_id),
        },
    )


def _rating_skipped_key(enrollment_id: int) -> str:
    return f"repair.rating_skipped.{enrollment_id}"


def _module_to_rate(request, state) -> Module | None:
    """The module just finished, when it has no rating yet and the officer did not skip it."""
    finished = [m for m in state.modules if m.completed]
    if not finished:
        return None
    latest = max(finished, key=lambda m: m.progress.completed_at)
    skipped = request.session.get(_rating_skipped_key(state.enrollment.pk), [])
    if latest.feedback is not None or latest.module.pk in skipped:
        return None
    return latest.module


def continue_url(request, enrollment, state) -> str:
    """Where "Continue" leads: the rating of the module just finished (once, skippable), else
    the next step."""
    module = _module_to_rate(request, state)
    if module is not None:
        return reverse("learn:module_rate", args=[enrollment.pk, module.pk])
    return step_url(enrollment, state.next_step())


@learner_view
@require_GET
def resume(request, enrollment_id: int):
    enrollment = officer_enrollment_get(user=request.user, enrollment_id=enrollment_id)
    return redirect(continue_url(request, enrollment, enrollment_state(enrollment=enrollment)))


@learner_view
def module_rate(request, enrollment_id: int, module_id: int):
    """Asked at the end of each module: how useful was it? Skipping is one click."""
    enrollment = officer_enrollment_get(user=request.user, enrollment_id=enrollment_id)
    module = get_object_or_404(Module, pk=module_id, version_id=enrollment.version_id)
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if "skip" in request.POST:
            key = _rating_skipped_key(enrollment.pk)
            request.session[key] = [*request.session.get(key, []), module.pk]
            return redirect("learn:resume", enrollment.pk)
        if form.is_valid():
            try:
                module_feedback_submit(
                    enrollment=enrollment,
                    module=module,
                    rating=form.cleaned_data["rating"],
                    comment=form.cleaned_data["comment"],
                    user=request.user,
                )
            except LearningError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Thank you for your feedback."))
            return redirect("learn:resume", enrollment.pk)
    return render(
        request,
        T + "module_rate.html",
        {"enrollment": enrollment, "module": module, "form": form},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@learner_view
@require_GET
def module_detail(request, enrollment_id: int, module_id: int):
    enrollment = officer_enrollment_get(user=request.user, enrollment_id=enrollment_id)
    state = enrollment_state(enrollment=enrollment)
    module_state = state.module_state(module_id)
    if module_state is None:
        raise Http404
    if not module_state.unlocked:
        return _locked(request, module_state)
    next_step = module_state.next_step
    return render(
        request,
        T + "module.html",
        {
            "enrollment": enrollment,
            "state": state,
            "module_state": module_state,
            "steps": _module_steps(enrollment, module_state),
            "next_url": step_url(enrollment, (next_step.kind, next_step.obj))
            if next_step
            else step_url(enrollment, state.next_step()),
            "feedback_form": FeedbackForm(
                initial={
                    "rating": module_state.feedback.rating if module_state.feedback else None,
                    "comment": module_state.feedback.comment if module_state.feedback else "",
                }
            ),
        },
    )


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=gettext_lazy("How useful was this module?"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        help_text=gettext_lazy("1 means not useful, 5 means very useful."),
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


@learner_view
@require_POST
def module_feedback(request, enrollment_id: int, module_id: int):
    enrollment = officer_enrollment_get(user=request.user, enrollment_id=enrollment_id)
    module = get_object_or_404(Module, pk=module_id, version_id=enrollment.version_id)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a rating from 1 to 5."))
    else:
        try:
            module_feedback_submit(
                enrollment=enrollment,
                module=module,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
                user=request.user,
            )
            messages.success(request, _("Thank you for your feedback."))
        except ModuleLocked:
            raise
        except LearningError as error:
            messages.error(request, error.message)
    return redirect("learn:module", enrollment.pk, module.pk)


@learner_view
@require_http_methods(["GET", "POST"])
def lesson_detail(request, enrollment_id: int, lesson_id: int):
    enrollment = officer_enrollment_get(user=request.user, enrollment_id=enrollment_id)
    lesson = get_object_or_404(
        Lesson.objects.select_related("module"),
        pk=lesson_id,
        module__version_id=enrollment.version_id,
    )
    if request.method == "POST":
        try:
            lesson_complete(enrollment=enrollment, lesson=lesson, user=request.user)
        except ModuleLocked:
            raise
        except LearningError as error:
            messages.error(request, error.message)
            return redirect("learn:lesson", enrollment.pk, lesson.pk)
        messages.success(request, _("Lesson complete."))
        return redirect("learn:resume", enrollment.pk)
    # One read of the enrollment's state: the lock check and the module's lessons (their order
    # and the breadcrumb, which opening the lesson does not change).
    state = enrollment_state(enrollment=enrollment)
    progress = lesson_open(enrollment=enrollment, lesson=lesson, user=request.user, state=state)
    clock = lesson_clock_beat(enrollment=enrollment, lesson=lesson, user=request.user, claim=True)
    module_state = state.module_state(lesson.module_id)
    lessons = [item for item, _lp in module_state.lessons]
    index = [item.pk for item in lessons].index(lesson.pk)
    return render(
        request,
        T + "lesson.html",
        {
            "enrollment": enrollment,
            "module_state": module_state,
            "lesson": lesson,
            "position": index + 1,
            "lesson_count": len(lessons),
            "body_html": render_markdown(lesson.body),
            "progress": progress,
            "clock": clock,
            "required_minutes": math.ceil(clock.seconds_required / 60),
            "clock_left_text": duration_text(clock.seconds_left),
            "ping_seconds": LESSON_PING_SECONDS,
            "active_seconds": LESSON_ACTIVE_SECONDS,
            "previous_lesson": lessons[index - 1] if index > 0 else None,
        },
    )


# The lesson page pings while it is visible and the officer was active in the last few minutes
# (reading, scrolling, playing the video); each ping is well inside the server's idle cut-off.
LESSON_PING_SECONDS = 20
LESSON_ACTIVE_SECONDS = 300


@learner_view
@require_POST
def lesson_clock(request, enrollment_id: int, lesson_id: int):
    """A ping of a visible lesson page, or "count my time here" (`claim=1`): JSON clock state."""
    enrollment = officer_enrollment_get(user=request.user, enrollment_id=enrollment_id)
    lesson = get_object_or_404(Lesson, pk=lesson_id, module__version_id=enrollment.version_id)
    try:
        clock = lesson_clock_beat(
            enrollment=enrollment,
            lesson=lesson,
            user=request.user,
            claim=request.POST.get("claim") == "1",
        )
    except LearningError as error:
        return JsonResponse({"error": str(error.message)}, status=409)
    return JsonResponse(clock.as_json())


@learner_view
@require_GET
def lesson_captions(request, enrollment_id: int, lesson_id: int):
    enrollment = officer_enrollment_get(user=request.user, enrollment_id=enrollment_id)
    state = enrollment_state(enrollment=enrollment)
    module_state, lesson, _progress = state.lesson_state(lesson_id)
    if not module_state.unlocked or not lesson.captions_vtt:
        raise Http404
    return HttpResponse(lesson.captions_vtt, content_type="text/vtt; charset=utf-8")


@learner_view
@require_http_methods(["GET", "POST"])
def assessment_detail(request, enrollment_id: int, assessment_id: int):
    enrollment = officer_enrollment_get(user=request.user, enrollment_id=enrollment_id)
    assessment = get_object_or_404(Assessment, pk=assessment_id, version_id=enrollment.version_id)
    if request.method == "POST":
        try:
            attempt = attempt_start(enrollment=enrollment, assessment=assessment, user=request.user)
        except ModuleLocked:
            raise
        except LearningError as error:
            messages.error(request, error.message)
            return redirect("learn:assessment", enrollment.pk, assessment.pk)
        return redirect("learn:attempt", enrollment.pk, attempt.pk)
    state = enrollment_state(enrollment=enrollment)
    try:
        assessment_state = assessment_available(state=state, assessment=assessment)
    except ModuleLocked:
        raise
    except LearningError as error:
        messages.error(request, error.message)
        return redirect("learn:enrollment", enrollment.pk)
    attempts = Attempt.objects.filter(
        enrollment=enrollment, assessment=assessment, submitted_at__isnull=False
    ).order_by("number")
    return render(
        request,
        T + "assessment.html",
        {
            "enrollment": enrollment,
            "assessment": assessment,
            "assessment_state": assessment_state,
            "module_state": state.module_state(assessment.module_id)
            if assessment.module_id
            else None,
            "question_count": len(assessment_questions(assessment=assessment)),
            "attempts": attempts,
            "next_url": continue_url(request, enrollment, state),
        },
    )


def _question_rows(attempt: Attempt, questions, selected: dict, errors: dict) -> list[dict]:
    rows = []
    for question in questions:
        by_id = {choice.pk: choice for choice in question.choices.all()}
        order = attempt.choice_order.get(str(question.pk)) or list(by_id)
        choices = [by_id[pk] for pk in order if pk in by_id]
        chosen = {parse_id(str(pk)) for pk in selected.get(str(question.pk), [])} - {None}
        correct = {pk for pk, choice in by_id.items() if choice.is_correct}
        rows.append(
            {
                "question": question,
                "choices": [{"choice": c, "selected": c.pk in chosen} for c in choices],
                "input_type": "checkbox" if question.kind == "multiple" else "radio",
                "error": errors.get(question.pk),
                "is_right": chosen == correct,
            }
        )
    return rows


@learner_view
@require_http_methods(["GET", "POST"])
def attempt_detail(request, enrollment_id: int, attempt_id: int):
    enrollment = officer_enrollment_get(user=request.user, enrollment_id=enrollment_id)
    attempt = get_object_or_404(
        Attempt.objects.select_related("assessment"), pk=attempt_id, enrollment=enrollment
    )
    assessment = attempt.assessment
    questions = assessment_questions(assessment=assessment)
    if attempt.submitted_at is None and request.method == "POST":
        answers = {str(q.pk): request.POST.getlist(f"question-{q.pk}") for q in questions}
        try:
            attempt_submit(attempt=attempt, answers=answers, user=request.user)
        except InvalidAnswers as invalid:
            return _attempt_form(request, enrollment, attempt, questions, answers, invalid.errors)
        except LearningError as error:
            messages.error(request, error.message)
        return redirect("learn:attempt", enrollment.pk, attempt.pk)
    if attempt.submitted_at is None:
        return _attempt_form(request, enrollment, attempt, questions, {}, {})
    state = enrollment_state(enrollment=enrollment)
    assessment_state = state.assessments[assessment.pk]
    is_pre_test = assessment.kind == Assessment.Kind.PRE_TEST
    show_answers = not is_pre_test and (
        assessment_state.passed or assessment_state.attempts_left == 0
    )
    return render(
        request,
        T + "attempt_result.html",
        {
            "enrollment": enrollment,
            "assessment": assessment,
            "attempt": attempt,
            "assessment_state": assessment_state,
            "rows": _question_rows(attempt, questions, attempt.answers, {}),
            # The post-test asks the pre-test's items: reveal nothing after the pre-test, and
            # the right answers only once they can no longer be used for a retake.
            # An explanation gives the answer away ("False. Stress and trauma ..."), so it
            # comes with the right answers, not while a retake can still use it.
            "show_explanations": show_answers,
            "show_answers": show_answers,
            "can_retry": not assessment_state.done and assessment_state.attempts_left != 0,
            "next_url": continue_url(request, enrollment, state),
        },
    )


def _attempt_form(request, enrollment, attempt, questions, selected, errors):
    return render(
        request,
        T + "attempt.html",
        {
            "enrollment": enrollment,
            "assessment": attempt.assessment,
            "attempt": attempt,
            "rows": _question_rows(attempt, questions, selected, errors),
            "has_errors": bool(errors),
        },
        status=400 if errors else 200,
    )


class ReflectionForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Your reflection"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=10000,
    )


@learner_view
@require_http_methods(["GET", "POST"])
def reflection_detail(request, enrollment_id: int, reflection_id: int):
    enrollment = officer_enrollment_get(user=request.user, enrollment_id=enrollment_id)
    reflection = get_object_or_404(
        Reflection.objects.select_related("module"),
        pk=reflection_id,
        module__version_id=enrollment.version_id,
    )
    form = ReflectionForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            reflection_response_submit(
                enrollment=enrollment,
                reflection=reflection,
                text=form.cleaned_data["text"],
                user=request.user,
            )
        except ModuleLocked:
            raise
        except LearningError as exc:
            error = exc.message
        else:
            messages.success(request, _("Your reflection has been submitted."))
            return redirect("learn:resume", enrollment.pk)
    state = enrollment_state(enrollment=enrollment)
    module_state, _reflection, response = state.reflection_state(reflection.pk)
    if not module_state.unlocked:
        return _locked(request, module_state)
    return render(
        request,
        T + "reflection.html",
        {
            "enrollment": enrollment,
            "module_state": module_state,
            "reflection": reflection,
            "response": response,
            "rubric_marks": rubric_marks_for(response=response) if response else [],
            "readers": enrollment_readers(enrollment=enrollment),
            "form": form,
            "error": error,
            "min_words": REFLECTION_MIN_WORDS,
        },
        status=400 if request.method == "POST" else 200,
    )


@learner_view
@require_POST
def language_switch(request, enrollment_id: int):
    enrollment = officer_enrollment_get(user=request.user, enrollment_id=enrollment_id)
    curriculum_id = parse_id(request.POST.get("curriculum", ""))
    if curriculum_id is None:
        raise Http404
    curriculum = get_object_or_404(Curriculum, pk=curriculum_id, status=Curriculum.Status.PUBLISHED)
    try:
        enrollment_language_switch(enrollment=enrollment, curriculum=curriculum, user=request.user)
    except LearningError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You will take this course in its new language."))
    return redirect("learn:home")


@learner_view
@require_GET
def certificate_download(request, code: str):
    certificate = officer_certificate_get(user=request.user, code=code)
    response = HttpResponse(
        certificate_pdf(certificate=certificate), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="repair-certificate-{code}.pdf"'
    return response


@learner_view
@require_GET
def record(request):
    return render(request, T + "record.html", {"record": officer_record(user=request.user)})


@learner_view
@require_GET
def record_json(request):
    response = JsonResponse(officer_record(user=request.user), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = 'attachment; filename="repair-training-record.json"'
    return response


@learner_view
@require_GET
def record_pdf(request):
    pdf = record_pdf_make(
        officer=request.user, acting_user=request.user, client_ip=client_ip(request)
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="repair-training-record.pdf"'
    return response


@learner_view
@require_GET
def my_data(request):
    response = JsonResponse(officer_data_export(user=request.user), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = 'attachment; filename="repair-my-data.json"'
    return response


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(
        label=gettext_lazy("Preferred language"),
        choices=settings.LANGUAGES,
        help_text=gettext_lazy(
            "The portal and, where a translation exists, your courses use this language."
        ),
    )


@learner_view
@require_http_methods(["GET", "POST"])
def preferences(request):
    form = PreferencesForm(request.POST or None, initial={"language": request.user.language})
    if request.method == "POST" and form.is_valid():
        language = form.cleaned_data["language"]
        user_language_set(user=request.user, language=language)
        translation.activate(language)
        messages.success(request, _("Your preferences have been saved."))
        response = redirect("learn:preferences")
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=request.is_secure(),
        )
        return response
    return render(request, T + "preferences.html", {"form": form})
