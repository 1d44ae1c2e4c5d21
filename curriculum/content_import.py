"""Load a curriculum from plain data (the format of `curriculum/demo_content.py`), idempotently.

Rows are matched on their natural keys (slug, order, kind), so loading the same data twice
updates in place and leaves the same rows.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from curriculum.models import Assessment, Choice, Curriculum, Lesson, Module, Question, Reflection


def _questions_load(*, assessment: Assessment, questions: list[dict]) -> None:
    for order, data in enumerate(questions, start=1):
        question, _ = Question.objects.update_or_create(
            assessment=assessment,
            order=order,
            defaults={
                "text": data["text"],
                "kind": data["kind"],
                "explanation": data.get("explanation", ""),
            },
        )
        for choice_order, (text, is_correct) in enumerate(data["choices"], start=1):
            Choice.objects.update_or_create(
                question=question,
                order=choice_order,
                defaults={"text": text, "is_correct": is_correct},
            )


def _lessons_load(*, module: Module, lessons: list[dict]) -> None:
    for order, data in enumerate(lessons, start=1):
        Lesson.objects.update_or_create(
            module=module,
            order=order,
            defaults={
                "title": data["title"],
                "kind": data["kind"],
                "body": data.get("body", ""),
                "captions_vtt": data.get("captions_vtt", ""),
                "transcript": data.get("transcript", ""),
                "source": data.get("source", ""),
                "estimated_minutes": data["estimated_minutes"],
            },
        )


def _module_load(*, curriculum: Curriculum, order: int, data: dict) -> Module:
    module, _ = Module.objects.update_or_create(
        curriculum=curriculum,
        order=order,
        defaults={
            "title": data["title"],
            "summary": data.get("summary", ""),
            "estimated_minutes": data["estimated_minutes"],
        },
    )
    _lessons_load(module=module, lessons=data["lessons"])
    check = data["knowledge_check"]
    assessment, _ = Assessment.objects.update_or_create(
        module=module,
        kind=Assessment.Kind.KNOWLEDGE_CHECK,
        defaults={
            "curriculum": curriculum,
            "title": f"{data['title']}: knowledge check",
            "pass_mark": check["pass_mark"],
        },
    )
    _questions_load(assessment=assessment, questions=check["questions"])
    Reflection.objects.update_or_create(
        module=module, order=1, defaults={"prompt": data["reflection"]}
    )
    return module


def _pre_post_load(*, curriculum: Curriculum, data: dict) -> None:
    pre, _ = Assessment.objects.update_or_create(
        curriculum=curriculum,
        kind=Assessment.Kind.PRE_TEST,
        defaults={"module": None, "title": "Pre-test", "pass_mark": 0, "max_attempts": 1},
    )
    _questions_load(assessment=pre, questions=data["questions"])
    Assessment.objects.update_or_create(
        curriculum=curriculum,
        kind=Assessment.Kind.POST_TEST,
        defaults={
            "module": None,
            "title": "Post-test",
            "pass_mark": data["pass_mark"],
            "max_attempts": 3,
            "question_source": pre,
        },
    )


@transaction.atomic
def curriculum_import(*, data: dict, status: str = Curriculum.Status.PUBLISHED) -> Curriculum:
    curriculum, _ = Curriculum.objects.update_or_create(
        slug=data["slug"],
        defaults={
            "title": data["title"],
            "summary": data.get("summary", ""),
            "thematic_area": data["thematic_area"],
            "language": data["language"],
            "credit_hours": Decimal(str(data["credit_hours"])),
            "translation_group": data.get("translation_group", ""),
            "is_paced": data.get("paced", False),
            "status": status,
        },
    )
    for order, module_data in enumerate(data["modules"], start=1):
        _module_load(curriculum=curriculum, order=order, data=module_data)
    _pre_post_load(curriculum=curriculum, data=data["pre_post_test"])
    return curriculum
