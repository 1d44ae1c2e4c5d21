"""The migration that versioned the curricula of an existing database (0004-0006): every
curriculum becomes its version 1, sealed as it stood, and every enrollment points at it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from curriculum.models import Curriculum, Enrollment, LessonProgress
from curriculum.services.versions import version_verify

BEFORE = [("curriculum", "0003_department_local_dates")]
AFTER = [("curriculum", "0006_curriculum_versions_finish")]
WHEN = dt.datetime(2026, 1, 5, 15, 0, tzinfo=dt.UTC)


def _old_world(apps) -> None:
    department = apps.get_model("accounts", "Department").objects.create(name="Old PD", state="GA")
    user = apps.get_model("accounts", "User").objects.create(email="old@example.test")
    Curriculum_ = apps.get_model("curriculum", "Curriculum")
    course = Curriculum_.objects.create(
        title="Old course", slug="old-course", thematic_area="Human rights", language="en",
        credit_hours=Decimal("8.0"), status="published", created_at=WHEN,
    )  # fmt: skip
    Curriculum_.objects.create(
        title="Unfinished", slug="unfinished", thematic_area="Human rights", language="en",
        credit_hours=Decimal("1.0"), status="draft", created_at=WHEN,
    )  # fmt: skip
    module = apps.get_model("curriculum", "Module").objects.create(
        curriculum=course, order=1, title="Dignity", estimated_minutes=30
    )
    lesson = apps.get_model("curriculum", "Lesson").objects.create(
        module=module, order=1, title="Why dignity", body="Body", estimated_minutes=20
    )
    Assessment = apps.get_model("curriculum", "Assessment")
    post = Assessment.objects.create(curriculum=course, kind="post_test", title="Post-test")
    question = apps.get_model("curriculum", "Question").objects.create(
        assessment=post, order=1, text="Who is owed dignity?"
    )
    apps.get_model("curriculum", "Choice").objects.create(
        question=question, order=1, text="Everyone", is_correct=True
    )
    enrollment = apps.get_model("curriculum", "Enrollment").objects.create(
        officer=user, curriculum=course, department=department, status="in_progress"
    )
    apps.get_model("curriculum", "LessonProgress").objects.create(
        enrollment=enrollment, lesson=lesson, opened_at=WHEN, completed_at=WHEN
    )


@pytest.mark.django_db(transaction=True)
def test_existing_curricula_become_their_sealed_version_1():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    _old_world(executor.loader.project_state(BEFORE).apps)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    # Read with today's models: the later migrations too (they add columns these models have).
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    course = Curriculum.objects.get(slug="old-course")
    version = course.current_version
    assert (version.number, version.title, version.credit_hours) == (
        1,
        "Old course",
        Decimal("8.0"),
    )
    assert version.credit_hours_override == Decimal("8.0")  # as stated, never derived
    assert version.published_at == WHEN
    assert version_verify(version=version) is True
    assert list(version.modules.values_list("title", flat=True)) == ["Dignity"]
    assert version.assessments.get().kind == "post_test"
    assert Enrollment.objects.get().version == version
    assert LessonProgress.objects.get().seconds_spent is None  # not measured before the clock
    draft = Curriculum.objects.get(slug="unfinished")
    assert draft.current_version is None
    assert list(draft.versions.values_list("number", "published_at")) == [(1, None)]
