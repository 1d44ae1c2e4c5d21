"""Fixtures of the REST API tests: a client per role, each authenticated by its own API token."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from accounts.services import api_token_create
from tests import factories


@pytest.fixture(autouse=True)
def _fresh_throttle_counters():
    cache.clear()
    yield
    cache.clear()


def token_key(user, *, days: int | None = 30, name: str = "test") -> str:
    _token, key = api_token_create(user=user, name=name, days=days, acting_user=user)
    return key


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_key(user)}")
    return client


@pytest.fixture
def partner_user(department, other_department):
    membership = factories.PartnerMembershipFactory(
        partner__name="National Center for Civil and Human Rights",
        user=factories.UserFactory(email="partner@example.test"),
    )
    factories.DataSharingAgreementFactory(
        partner=membership.partner, department=department, starts_on=dt.date(2020, 1, 1)
    )
    return membership.user


@pytest.fixture
def curriculum():
    curriculum = factories.CurriculumFactory(title="Officer course", slug="officer-course")
    factories.ModuleFactory(curriculum=curriculum, order=1, title="Dignity", estimated_minutes=45)
    factories.ModuleFactory(curriculum=curriculum, order=2, title="Duty", estimated_minutes=30)
    return curriculum


def bulk_officers(department, count: int, *, prefix: str = "bulk") -> list:
    """`count` active officers of `department`, inserted in two queries."""
    from accounts.models import Membership, User

    users = User.objects.bulk_create(
        [
            User(
                email=f"{prefix}{i}-{department.pk}@example.test",
                first_name=f"Officer{i}",
                last_name=f"Bulk{i:05d}",
            )
            for i in range(count)
        ]
    )
    Membership.objects.bulk_create(
        [
            Membership(user=user, department=department, badge_number=f"{prefix}{i}")
            for i, user in enumerate(users)
        ]
    )
    return users


def bulk_enrollments(officers, *, department, curriculum) -> list:
    """One enrollment per officer, cycling through every status and an overdue one."""
    from django.utils import timezone

    from curriculum.models import Enrollment
    from repair import clock

    today = clock.today(department)
    now = timezone.now()
    rows = []
    for i, officer in enumerate(officers):
        status = ["not_started", "in_progress", "completed"][i % 3]
        rows.append(
            Enrollment(
                officer=officer,
                department=department,
                curriculum=curriculum,
                version_id=curriculum.current_version_id,
                status=status,
                progress=100 if status == "completed" else 10 * (i % 3),
                completed_at=now - dt.timedelta(days=i % 60) if status == "completed" else None,
                due_on=today + dt.timedelta(days=(i % 7) - 3),
            )
        )
    return Enrollment.objects.bulk_create(rows)
