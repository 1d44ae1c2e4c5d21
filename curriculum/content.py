"""A curriculum version's content as plain data: the one canonical form.

`version_content` reads a version's rows into a dict whose keys and order never vary; the
content hash of a published version (`content_hash`) is the SHA-256 of its canonical JSON, and
a course package (`curriculum.packages`) is the same dict written as a manifest and Markdown
files. `version_content_create` writes such a dict back as rows, in one bulk insert per table.

The builder only reads attributes and related managers, so the migration that versioned the
existing curricula uses it on its historical models too.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal

FORMAT = "repair-course-package/1"
PRE_TEST_ITEMS = "pre_test"


def _question(question) -> dict:
    return {
        "text": question.text,
        "kind": question.kind,
        "explanation": question.explanation,
        "choices": [
            {"text": choice.text, "correct": choice.is_correct}
            for choice in sorted(question.choices.all(), key=lambda c: c.order)
        ],
    }


def assessment_content(assessment, *, pre_test=None) -> dict | None:
    if assessment is None:
        return None
    if pre_test is not None and assessment.question_source_id == pre_test.pk:
        questions: list | str = PRE_TEST_ITEMS
    else:
        questions = [
            _question(q) for q in sorted(assessment.questions.all(), key=lambda q: q.order)
        ]
    return {
        "title": assessment.title,
        "pass_mark": assessment.pass_mark,
        "max_attempts": assessment.max_attempts,
        "questions": questions,
    }


def lesson_content(lesson) -> dict:
    return {
        "title": lesson.title,
        "kind": lesson.kind,
        "minutes": lesson.estimated_minutes,
        "body": lesson.body,
        "captions": lesson.captions_vtt,
        "transcript": lesson.transcript,
        "source": lesson.source,
        "video": lesson.video.name or "",
    }


def _module(module, checks: dict) -> dict:
    return {
        "title": module.title,
        "summary": module.summary,
        "lessons": [lesson_content(x) for x in sorted(module.lessons.all(), key=lambda x: x.order)],
        "knowledge_check": assessment_content(checks.get(module.pk)),
        "reflections": [r.prompt for r in sorted(module.reflections.all(), key=lambda r: r.order)],
    }


def hours_text(value) -> str | None:
    return None if value is None else str(Decimal(value).quantize(Decimal("0.1")))


def version_content(version) -> dict:
    """The canonical content of a version (works on a draft too)."""
    curriculum = version.curriculum
    assessments = list(version.assessments.all().prefetch_related("questions__choices"))
    by_kind = {a.kind: a for a in assessments if a.module_id is None}
    checks = {a.module_id: a for a in assessments if a.module_id is not None}
    pre_test = by_kind.get("pre_test")
    modules = version.modules.all().prefetch_related("lessons", "reflections")
    return {
        "format": FORMAT,
        "slug": curriculum.slug,
        "title": version.title,
        "language": curriculum.language,
        "translation_group": curriculum.translation_group,
        "thematic_area": version.thematic_area,
        "paced": curriculum.is_paced,
        "summary": version.summary,
        "credit_hours": hours_text(version.credit_hours_override),
        "pre_test": assessment_content(pre_test),
        "post_test": assessment_content(by_kind.get("post_test"), pre_test=pre_test),
        "modules": [_module(m, checks) for m in sorted(modules, key=lambda m: m.order)],
    }


def content_hash(content: dict) -> str:
    """SHA-256 of the canonical JSON of a content dict (sorted keys, UTF-8, no spaces)."""
    encoded = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def version_content_create(*, version, content: dict) -> None:
    """Write a content dict as the rows of an empty (draft) version, one bulk insert a table."""
    from curriculum.models import Assessment, Lesson, Module, Reflection

    modules = Module.objects.bulk_create(
        [
            Module(
                version=version,
                order=order,
                title=data["title"],
                summary=data["summary"],
                estimated_minutes=module_minutes(data),
            )
            for order, data in enumerate(content["modules"], start=1)
        ]
    )
    pairs = list(zip(modules, content["modules"], strict=True))
    Lesson.objects.bulk_create(
        [
            Lesson(
                module=module,
                order=order,
                title=lesson["title"],
                kind=lesson["kind"],
                estimated_minutes=lesson["minutes"],
                body=lesson["body"],
                captions_vtt=lesson["captions"],
                transcript=lesson["transcript"],
                source=lesson["source"],
                video=lesson["video"],
            )
            for module, data in pairs
            for order, lesson in enumerate(data["lessons"], start=1)
        ]
    )
    Reflection.objects.bulk_create(
        [
            Reflection(module=module, order=order, prompt=prompt)
            for module, data in pairs
            for order, prompt in enumerate(data["reflections"], start=1)
        ]
    )
    pending = [
        (_assessment_row(version, Assessment.Kind.KNOWLEDGE_CHECK, data["knowledge_check"],
                         module=module), data["knowledge_check"])
        for module, data in pairs
        if data["knowledge_check"] is not None
    ]  # fmt: skip
    pre = content["pre_test"]
    if pre is not None:
        pending.append((_assessment_row(version, Assessment.Kind.PRE_TEST, pre), pre))
    Assessment.objects.bulk_create([row for row, _data in pending])
    post = content["post_test"]
    if post is not None:
        row = _assessment_row(version, Assessment.Kind.POST_TEST, post)
        if post["questions"] == PRE_TEST_ITEMS:
            row.question_source = next(r for r, _d in pending if r.kind == Assessment.Kind.PRE_TEST)
        row.save(force_insert=True)
        pending.append((row, post))
    _questions_create(pending)


def _assessment_row(version, kind, data: dict, *, module=None):
    from curriculum.models import Assessment

    return Assessment(
        version=version,
        module=module,
        kind=kind,
        title=data["title"],
        pass_mark=data["pass_mark"],
        max_attempts=data["max_attempts"],
    )


def _questions_create(pending: list) -> None:
    from curriculum.models import Choice, Question

    questions = [
        (Question(assessment=row, order=order, text=q["text"], kind=q["kind"],
                  explanation=q["explanation"]), q["choices"])
        for row, data in pending
        if data["questions"] != PRE_TEST_ITEMS
        for order, q in enumerate(data["questions"], start=1)
    ]  # fmt: skip
    Question.objects.bulk_create([q for q, _c in questions])
    Choice.objects.bulk_create(
        [
            Choice(question=question, order=order, text=c["text"], is_correct=c["correct"])
            for question, choices in questions
            for order, c in enumerate(choices, start=1)
        ]
    )


# Credit hours -------------------------------------------------------------------------------

# An assessment item is given this many minutes of the credit (reading, deciding, feedback).
MINUTES_PER_QUESTION = 2


def assessment_minutes(data: dict | None, *, pre_test: dict | None = None) -> int:
    if data is None:
        return 0
    questions = data["questions"]
    if questions == PRE_TEST_ITEMS:
        questions = pre_test["questions"] if pre_test else []
    return MINUTES_PER_QUESTION * len(questions)


def module_minutes(module: dict) -> int:
    """A module's estimate: its lessons' estimated minutes and its knowledge check."""
    lessons = sum(lesson["minutes"] for lesson in module["lessons"])
    return lessons + assessment_minutes(module["knowledge_check"])


def content_minutes(content: dict) -> int:
    """The minutes of learning a content dict supports: lessons and assessments."""
    pre = content["pre_test"]
    return (
        sum(module_minutes(m) for m in content["modules"])
        + assessment_minutes(pre)
        + assessment_minutes(content["post_test"], pre_test=pre)
    )


def minutes_to_hours(minutes: int) -> Decimal:
    """Credit hours for minutes, rounded down to the tenth: never more than was supported."""
    return (Decimal(minutes // 6) / 10).quantize(Decimal("0.1"))
