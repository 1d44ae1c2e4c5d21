"""The migration that gave enrollments a training cycle (0012): each existing enrollment belongs
to the cycle of the year it was assigned in, on its department's calendar."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("curriculum", "0011_trainer_practicum")]
AFTER = [("curriculum", "0012_training_cycles")]


@pytest.mark.django_db(transaction=True)
def test_existing_enrollments_take_the_local_year_they_were_assigned_in():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Department = apps.get_model("accounts", "Department")
    honolulu = Department.objects.create(name="Island PD", state="HI", timezone="Pacific/Honolulu")
    new_york = Department.objects.create(name="City PD", state="NY", timezone="America/New_York")
    User = apps.get_model("accounts", "User")
    Curriculum = apps.get_model("curriculum", "Curriculum")
    course = Curriculum.objects.create(
        title="Old", slug="old", thematic_area="Human rights", language="en", status="draft"
    )
    version = apps.get_model("curriculum", "CurriculumVersion").objects.create(
        curriculum=course, number=1, title="Old", thematic_area="Human rights"
    )
    Enrollment = apps.get_model("curriculum", "Enrollment")
    # 05:00 UTC on New Year's Day 2027: Dec 31, 2026 in Honolulu, Jan 1, 2027 in New York.
    new_year = dt.datetime(2027, 1, 1, 5, tzinfo=dt.UTC)
    for department in (honolulu, new_york):
        Enrollment.objects.create(
            officer=User.objects.create(email=f"old{department.pk}@example.test"),
            curriculum=course,
            version=version,
            department=department,
            assigned_at=new_year,
        )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    cycles = dict(
        apps.get_model("curriculum", "Enrollment").objects.values_list("department__name", "cycle")
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert cycles == {"Island PD": "2026", "City PD": "2027"}
