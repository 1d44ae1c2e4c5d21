"""Curriculum versions: drafts, publishing (checks, credit hours, content hash), course-package
imports, and moving an enrollment to a newer version. Every write is audited.

A published version is frozen: nothing here edits its rows, and the admin shows them read-only.
Staff edit the draft of the next version (`version_draft_create` copies the current content),
then publish it with a change note (`version_publish`). Enrollments keep the version they were
enrolled on until staff move them (`enrollment_version_migrate`), which carries over the work
done on content that did not change.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import audit_record
from curriculum.content import (
    PRE_TEST_ITEMS,
    assessment_content,
    content_hash,
    content_minutes,
    lesson_content,
    minutes_to_hours,
    module_minutes,
    version_content,
    version_content_create,
)
from curriculum.models import Curriculum, CurriculumVersion, Module

# An override above the supported hours needs a reason at least this long in the change note.
MIN_JUSTIFICATION_LENGTH = 20


@dataclass(frozen=True)
class CreditBreakdown:
    """Where a version's credit hours come from."""

    lesson_minutes: int
    assessment_minutes: int
    supported_hours: Decimal
    override: Decimal | None

    @property
    def awarded(self) -> Decimal:
        return self.override if self.override is not None else self.supported_hours

    @property
    def exceeds_content(self) -> bool:
        return self.override is not None and self.override > self.supported_hours


def content_credit(*, content: dict) -> CreditBreakdown:
    total = content_minutes(content)
    lessons = sum(lesson["minutes"] for m in content["modules"] for lesson in m["lessons"])
    override = content["credit_hours"]
    return CreditBreakdown(
        lesson_minutes=lessons,
        assessment_minutes=total - lessons,
        supported_hours=minutes_to_hours(total),
        override=Decimal(override) if override is not None else None,
    )


def version_credit(*, version: CurriculumVersion) -> CreditBreakdown:
    return content_credit(content=version_content(version))


# Checks -------------------------------------------------------------------------------------


def _question_problems(label: str, questions: list[dict]) -> list[str]:
    problems = []
    for number, question in enumerate(questions, start=1):
        right = sum(choice["correct"] for choice in question["choices"])
        where = _("%(where)s, question %(n)s") % {"where": label, "n": number}
        if len(question["choices"]) < 2:
            problems.append(_("%(where)s needs at least two choices.") % {"where": where})
        if question["kind"] in {"single", "true_false"} and right != 1:
            problems.append(_("%(where)s needs exactly one correct choice.") % {"where": where})
        elif question["kind"] == "multiple" and right < 1:
            problems.append(_("%(where)s needs at least one correct choice.") % {"where": where})
    return problems


def _assessment_problems(label: str, data: dict | None, content: dict) -> list[str]:
    if data is None:
        return []
    questions = data["questions"]
    if questions == PRE_TEST_ITEMS:
        questions = (content["pre_test"] or {}).get("questions", [])
    if not questions:
        return [_("%(where)s has no questions.") % {"where": label}]
    return _question_problems(label, questions)


def content_problems(*, content: dict, change_note: str, number: int) -> list[str]:
    """Why a content dict may not be published (empty: it may)."""
    problems = []
    if not content["modules"]:
        problems.append(_("A curriculum needs at least one module."))
    for n, module in enumerate(content["modules"], start=1):
        label = _("Module %(n)s") % {"n": n}
        if not module["lessons"]:
            problems.append(_("%(where)s has no lesson.") % {"where": label})
        check_label = _("%(where)s, knowledge check") % {"where": label}
        problems += _assessment_problems(check_label, module["knowledge_check"], content)
    if content["post_test"] is None:
        problems.append(_("A curriculum needs a post-test."))
    problems += _assessment_problems(_("The pre-test"), content["pre_test"], content)
    problems += _assessment_problems(_("The post-test"), content["post_test"], content)
    problems += _credit_problems(content=content, change_note=change_note)
    if number > 1 and not change_note.strip():
        problems.append(_("Say what changed in the change note."))
    return problems


def _credit_problems(*, content: dict, change_note: str) -> list[str]:
    credit = content_credit(content=content)
    if credit.supported_hours <= 0 and credit.override is None:
        return [_("The content supports no credit hours: add lessons or assessment items.")]
    if credit.exceeds_content and len(change_note.strip()) < MIN_JUSTIFICATION_LENGTH:
        return [
            _(
                "The credit hours (%(claimed)s) exceed the %(supported)s hours the content "
                "supports (lessons and assessments): justify the override in the change note, "
                "or lower it."
            )
            % {"claimed": credit.override, "supported": credit.supported_hours}
        ]
    return []


def version_problems(*, version: CurriculumVersion, change_note: str = "") -> list[str]:
    return content_problems(
        content=version_content(version), change_note=change_note, number=version.number
    )


# Writes -------------------------------------------------------------------------------------


def _require_draft(version: CurriculumVersion) -> None:
    if not version.is_draft:
        raise ValidationError(
            _("Version %(n)s is published: it cannot change.") % {"n": version.number}
        )


def version_publish(
    *, version: CurriculumVersion, acting_user, change_note: str = ""
) -> CurriculumVersion:
    """Check a draft, derive its credit hours and module estimates, seal it with its content
    hash and make it the curriculum's current version."""
    with transaction.atomic():
        curriculum = Curriculum.objects.select_for_update().get(pk=version.curriculum_id)
        version = CurriculumVersion.objects.select_for_update().get(pk=version.pk)
        _require_draft(version)
        change_note = change_note.strip() or version.change_note.strip()
        content = version_content(version)
        problems = content_problems(content=content, change_note=change_note, number=version.number)
        if problems:
            raise ValidationError(problems)
        _module_estimates_set(version=version, content=content)
        credit = content_credit(content=content)
        version.credit_hours = credit.awarded
        version.content_hash = content_hash(content)
        version.change_note = change_note or _("First version.")
        version.published_at = timezone.now()
        version.published_by = acting_user
        version.save()
        _catalogue_update(curriculum=curriculum, version=version)
        audit_record(
            action="curriculum.version_published",
            actor=acting_user,
            obj=version,
            data={
                "curriculum": curriculum.slug,
                "version": version.number,
                "content_hash": version.content_hash,
                "credit_hours": str(version.credit_hours),
                "credit_hours_supported": str(credit.supported_hours),
                "credit_hours_override": content["credit_hours"],
                "change_note": version.change_note,
            },
        )
    return version


def _module_estimates_set(*, version: CurriculumVersion, content: dict) -> None:
    modules = list(version.modules.order_by("order"))
    for module, data in zip(modules, content["modules"], strict=True):
        module.estimated_minutes = min(module_minutes(data), 32767)
    Module.objects.bulk_update(modules, ["estimated_minutes"])


def _catalogue_update(*, curriculum: Curriculum, version: CurriculumVersion) -> None:
    curriculum.current_version = version
    curriculum.title = version.title
    curriculum.summary = version.summary
    curriculum.thematic_area = version.thematic_area
    curriculum.credit_hours = version.credit_hours
    if curriculum.status == Curriculum.Status.DRAFT:
        curriculum.status = Curriculum.Status.PUBLISHED
    curriculum.save(
        update_fields=[
            "current_version",
            "title",
            "summary",
            "thematic_area",
            "credit_hours",
            "status",
            "updated_at",
        ]
    )


def _next_number(curriculum: Curriculum) -> int:
    return (curriculum.versions.aggregate(n=Max("number"))["n"] or 0) + 1


def version_draft_get(*, curriculum: Curriculum) -> CurriculumVersion | None:
    return curriculum.versions.filter(published_at__isnull=True).first()


def version_draft_create(*, curriculum: Curriculum, acting_user) -> CurriculumVersion:
    """The draft of the next version, a copy of the current content (or the existing draft)."""
    with transaction.atomic():
        curriculum = Curriculum.objects.select_for_update().get(pk=curriculum.pk)
        draft = version_draft_get(curriculum=curriculum)
        if draft is not None:
            return draft
        base = curriculum.current_version or curriculum.versions.order_by("-number").first()
        draft = CurriculumVersion.objects.create(
            curriculum=curriculum,
            number=_next_number(curriculum),
            title=base.title if base else curriculum.title,
            summary=base.summary if base else curriculum.summary,
            thematic_area=base.thematic_area if base else curriculum.thematic_area,
            credit_hours_override=base.credit_hours_override if base else None,
            created_by=acting_user,
        )
        if base is not None:
            version_content_create(version=draft, content=version_content(base))
        audit_record(
            action="curriculum.version_draft_created",
            actor=acting_user,
            obj=draft,
            data={
                "curriculum": curriculum.slug,
                "version": draft.number,
                "from_version": base.number if base else None,
            },
        )
    return draft


def curriculum_create(
    *,
    slug: str,
    title: str,
    language: str,
    thematic_area: str,
    acting_user,
    summary: str = "",
    translation_group: str = "",
    is_paced: bool = False,
) -> Curriculum:
    """A new curriculum (a draft in the catalogue) with an empty draft version 1."""
    with transaction.atomic():
        curriculum = Curriculum.objects.create(
            slug=slug,
            title=title,
            summary=summary,
            language=language,
            thematic_area=thematic_area,
            translation_group=translation_group,
            is_paced=is_paced,
        )
        version_draft_create(curriculum=curriculum, acting_user=acting_user)
        audit_record(
            action="curriculum.created", actor=acting_user, obj=curriculum, data={"slug": slug}
        )
    return curriculum


def _identity_problems(curriculum: Curriculum, content: dict) -> list[str]:
    problems = []
    for key, current in (
        ("language", curriculum.language),
        ("translation_group", curriculum.translation_group),
        ("paced", curriculum.is_paced),
    ):
        if content[key] != current:
            problems.append(
                _("`%(key)s` is %(current)r for this curriculum; a new version cannot change it.")
                % {"key": key, "current": current}
            )
    return problems


def version_import(*, content: dict, acting_user, source: str = "") -> CurriculumVersion:
    """A course package's content as a new draft version (of a new or an existing curriculum).

    An existing draft is never overwritten: publish or delete it first.
    """
    with transaction.atomic():
        curriculum = Curriculum.objects.select_for_update().filter(slug=content["slug"]).first()
        if curriculum is None:
            curriculum = Curriculum.objects.create(
                slug=content["slug"],
                title=content["title"],
                summary=content["summary"],
                language=content["language"],
                thematic_area=content["thematic_area"],
                translation_group=content["translation_group"],
                is_paced=content["paced"],
            )
        problems = _identity_problems(curriculum, content)
        draft = version_draft_get(curriculum=curriculum)
        if draft is not None:
            problems.append(
                _("Version %(n)s of %(slug)s is a draft: publish or delete it first.")
                % {"n": draft.number, "slug": curriculum.slug}
            )
        if problems:
            raise ValidationError(problems)
        version = CurriculumVersion.objects.create(
            curriculum=curriculum,
            number=_next_number(curriculum),
            title=content["title"],
            summary=content["summary"],
            thematic_area=content["thematic_area"],
            credit_hours_override=content["credit_hours"],
            created_by=acting_user,
        )
        version_content_create(version=version, content=content)
        audit_record(
            action="curriculum.version_imported",
            actor=acting_user,
            obj=version,
            data={
                "curriculum": curriculum.slug,
                "version": version.number,
                "content_hash": content_hash(content),
                "source": source[:200],
            },
        )
    return version


def curriculum_package_load(
    *, content: dict, acting_user=None, change_note: str = ""
) -> CurriculumVersion:
    """Make a package's content the curriculum's current version, unless it already is
    (same content hash): what `seed_demo` and `import_curriculum --publish` do."""
    current = (
        CurriculumVersion.objects.filter(
            curriculum__slug=content["slug"], curriculum__current_version__isnull=False
        )
        .order_by("-number")
        .filter(published_at__isnull=False)
        .first()
    )
    if current is not None and current.content_hash == content_hash(content):
        return current
    with transaction.atomic():
        version = version_import(content=content, acting_user=acting_user, source="package")
        return version_publish(version=version, acting_user=acting_user, change_note=change_note)


def version_draft_delete(*, version: CurriculumVersion, acting_user) -> None:
    _require_draft(version)
    with transaction.atomic():
        audit_record(
            action="curriculum.version_draft_deleted",
            actor=acting_user,
            obj=version,
            data={"curriculum": version.curriculum.slug, "version": version.number},
        )
        version.delete()


def version_verify(*, version: CurriculumVersion) -> bool:
    """Whether a published version's rows still hash to the hash sealed when it was published."""
    return bool(version.content_hash) and content_hash(version_content(version)) == (
        version.content_hash
    )


def content_edit_record(
    *, version: CurriculumVersion, obj, change: str, acting_user, fields: list[str] | None = None
) -> None:
    """Audit one edit of a draft's content (added, changed or deleted), with who and when."""
    audit_record(
        action="curriculum.content_edited",
        actor=acting_user,
        obj=version,
        data={
            "curriculum": version.curriculum.slug,
            "version": version.number,
            "change": change,
            "object_type": obj._meta.label_lower,
            "object_id": obj.pk,
            "object": str(obj)[:120],
            "fields": sorted(fields or []),
        },
    )


# Moving an enrollment to another version ------------------------------------------------------


@dataclass
class MigrationResult:
    lessons: int = 0
    attempts: int = 0
    reflections: int = 0
    modules_reopened: int = 0


def _keyed(version: CurriculumVersion) -> dict:
    """Content items of a version by their place, with their canonical content."""
    items: dict = {}
    for module in version.modules.prefetch_related("lessons", "reflections"):
        items[("module", module.order)] = (module, None)
        for lesson in module.lessons.all():
            items[("lesson", module.order, lesson.order)] = (lesson, lesson_content(lesson))
        for reflection in module.reflections.all():
            key = ("reflection", module.order, reflection.order)
            items[key] = (reflection, reflection.prompt)
    assessments = list(
        version.assessments.select_related("module").prefetch_related("questions__choices")
    )
    pre = next((a for a in assessments if a.kind == "pre_test"), None)
    for assessment in assessments:
        place = assessment.module.order if assessment.module_id else 0
        data = assessment_content(assessment, pre_test=pre)
        if data["questions"] == PRE_TEST_ITEMS and pre is not None:
            data = {**data, "questions": assessment_content(pre)["questions"]}
        items[("assessment", assessment.kind, place)] = (assessment, data)
    return items


def _answer_map(old, new) -> dict[int, int]:
    """Question and choice ids of an old assessment's item bank to the new one's, by order."""
    mapping = {}
    old_questions = sorted(old.item_bank.questions.all(), key=lambda q: q.order)
    new_questions = sorted(new.item_bank.questions.all(), key=lambda q: q.order)
    for oq, nq in zip(old_questions, new_questions, strict=True):
        mapping[oq.pk] = nq.pk
        for oc, nc in zip(
            sorted(oq.choices.all(), key=lambda c: c.order),
            sorted(nq.choices.all(), key=lambda c: c.order),
            strict=True,
        ):
            mapping[oc.pk] = nc.pk
    return mapping


def _remap_attempt(attempt, mapping: dict[int, int]) -> None:
    attempt.answers = {
        str(mapping[int(q)]): sorted(mapping[c] for c in choices)
        for q, choices in attempt.answers.items()
    }
    attempt.choice_order = {
        str(mapping[int(q)]): [mapping[c] for c in order]
        for q, order in attempt.choice_order.items()
    }


def _carry_over(enrollment, old: dict, new: dict, result: MigrationResult) -> None:
    from curriculum.models import (
        Attempt,
        Feedback,
        LessonProgress,
        ModuleProgress,
        ReflectionResponse,
    )

    same = {key for key in old.keys() & new.keys() if old[key][1] == new[key][1]}
    for key in same:
        old_obj, new_obj = old[key][0], new[key][0]
        kind = key[0]
        if kind == "lesson":
            result.lessons += LessonProgress.objects.filter(
                enrollment=enrollment, lesson=old_obj
            ).update(lesson=new_obj)
        elif kind == "reflection":
            result.reflections += ReflectionResponse.objects.filter(
                enrollment=enrollment, reflection=old_obj
            ).update(reflection=new_obj)
        elif kind == "assessment":
            mapping = _answer_map(old_obj, new_obj)
            attempts = list(Attempt.objects.filter(enrollment=enrollment, assessment=old_obj))
            for attempt in attempts:
                _remap_attempt(attempt, mapping)
                attempt.assessment = new_obj
            Attempt.objects.bulk_update(attempts, ["assessment", "answers", "choice_order"])
            result.attempts += len(attempts)
    for key, (module, _none) in new.items():
        if key[0] != "module" or key not in old:
            continue
        ModuleProgress.objects.filter(enrollment=enrollment, module=old[key][0]).update(
            module=module
        )
        Feedback.objects.filter(enrollment=enrollment, module=old[key][0]).update(module=module)


def enrollment_version_migrate(
    *, enrollment, version: CurriculumVersion, acting_user
) -> MigrationResult:
    """Move an unfinished enrollment to another published version of its curriculum.

    Work on content that is identical in both versions (a lesson, an assessment with the same
    items, a reflection prompt) carries over; anything else is to be done on the new version.
    Modules are judged again on the new version's content. The rows of the old version's work
    that did not carry over stay, pointing at the old version: the record keeps them.
    """
    from curriculum.models import Enrollment, LessonClock, ModuleProgress
    from curriculum.services.progress import enrollment_progress_update

    version = CurriculumVersion.objects.filter(pk=getattr(version, "pk", None)).first()
    if version is None or version.is_draft or version.curriculum_id != enrollment.curriculum_id:
        raise ValidationError(_("Choose a published version of the same curriculum."))
    if enrollment.version_id == version.pk:
        raise ValidationError(_("The enrollment is already on this version."))
    if enrollment.status == Enrollment.Status.COMPLETED:
        raise ValidationError(_("A completed enrollment is part of the record and stays."))
    result = MigrationResult()
    with transaction.atomic():
        locked = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
        old_version = locked.version
        _carry_over(locked, _keyed(old_version), _keyed(version), result)
        result.modules_reopened = ModuleProgress.objects.filter(
            enrollment=locked, module__version=version, completed_at__isnull=False
        ).update(completed_at=None)
        LessonClock.objects.filter(enrollment=locked).delete()
        locked.version = version
        locked.save(update_fields=["version"])
        audit_record(
            action="enrollment.version_migrated",
            actor=acting_user,
            obj=locked,
            department=locked.department,
            data={
                "from_version": old_version.number,
                "to_version": version.number,
                "carried_over": {
                    "lessons": result.lessons,
                    "attempts": result.attempts,
                    "reflections": result.reflections,
                },
            },
        )
        enrollment_progress_update(enrollment=locked, acting_user=acting_user)
    enrollment.version = version
    return result
